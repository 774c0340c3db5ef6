-- GET /api/risk/near around corners drawn at random from a file ("lat lon" per line), moved up to ~150 m
-- each way, 250 m radius: wrk ... -s near.lua URL -- POINTS_FILE
local points = {}

function init(args)
  for line in io.lines(args[1]) do
    local lat, lon = line:match("^(%S+)%s+(%S+)$")
    points[#points + 1] = { tonumber(lat), tonumber(lon) }
  end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local p = points[math.random(#points)]
  local lat = p[1] + (math.random() - 0.5) * 0.0027
  local lon = p[2] + (math.random() - 0.5) * 0.0036
  return wrk.format("GET", string.format("/api/risk/near?lat=%.6f&lon=%.6f&radiusM=250", lat, lon))
end
