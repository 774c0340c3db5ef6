-- GET /api/intersections/{id} for ids drawn at random from a file (one id per line): wrk ... -s intersections.lua URL -- IDS_FILE
local ids = {}

function init(args)
  for line in io.lines(args[1]) do ids[#ids + 1] = line end
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  return wrk.format("GET", "/api/intersections/" .. ids[math.random(#ids)])
end
