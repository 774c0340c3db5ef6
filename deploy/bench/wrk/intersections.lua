-- GET /api/intersections/{id} for ids drawn at random from a file (one id per line):
-- wrk ... -s intersections.lua URL -- IDS_FILE [asof]
-- With "asof", each request also asks as of a random day of 2016-2020, so most answers are scored afresh in the
-- corner's grain (the query cache keeps answers by day).
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "spread.lua")
local ids = {}
local asof = false

function init(args)
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  asof = args[2] == "asof"
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local path = "/api/intersections/" .. ids[math.random(#ids)]
  if asof then
    path = path .. string.format("?asOf=%d-%02d-%02d", math.random(2016, 2020), math.random(1, 12), math.random(1, 28))
  end
  return wrk.format("GET", path)
end
