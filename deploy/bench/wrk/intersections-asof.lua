-- GET /api/intersections/{id}?asOf=DAY for ids drawn at random from a file and days drawn from 2016-2020, so most
-- answers are scored afresh in the corner's grain (the query cache keeps answers by day):
-- wrk ... -s intersections-asof.lua URL -- IDS_FILE
local ids = {}

function init(args)
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local day = string.format("%d-%02d-%02d", math.random(2016, 2020), math.random(1, 12), math.random(1, 28))
  return wrk.format("GET", "/api/intersections/" .. ids[math.random(#ids)] .. "?asOf=" .. day)
end
