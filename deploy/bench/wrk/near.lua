-- GET /api/risk/near around corners drawn at random from a file ("lat lon" per line), moved up to ~150 m
-- each way, radius RADIUS_M (250): wrk ... -s near.lua URL -- POINTS_FILE [RADIUS_M]
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "spread.lua")
local points = {}
local radius = 250

function init(args)
  for line in io.lines(args[1]) do
    local lat, lon = line:match("^(%S+)%s+(%S+)$")
    points[#points + 1] = { tonumber(lat), tonumber(lon) }
  end
  radius = tonumber(args[2] or "250")
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local p = points[math.random(#points)]
  local lat = p[1] + (math.random() - 0.5) * 0.0027
  local lon = p[2] + (math.random() - 0.5) * 0.0036
  return wrk.format("GET", string.format("/api/risk/near?lat=%.6f&lon=%.6f&radiusM=%d", lat, lon, radius))
end
