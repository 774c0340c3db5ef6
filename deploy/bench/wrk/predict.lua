-- POST the original design's body with random, consistent window counts (6m <= 1y <= 5y):
-- wrk ... -s predict.lua URL/api/predict (or the peer's URL/predict)
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "spread.lua")
function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local six = math.random(0, 12)
  local year = six + math.random(0, 12)
  local five = year + math.random(0, 60)
  local body = string.format(
    '{"intersection_id":"corner-%d","accidents_6m":%d,"accidents_1y":%d,"accidents_5y":%d}',
    math.random(1, 1000), six, year, five)
  return wrk.format("POST", nil, { ["Content-Type"] = "application/json" }, body)
end
