-- GET /api/intersections/top?k=20&borough=B for a borough drawn at random: wrk ... -s top.lua URL
dofile(debug.getinfo(1, "S").source:sub(2):match("^(.*/)") .. "spread.lua")
local boroughs = { "BRONX", "BROOKLYN", "MANHATTAN", "QUEENS", "STATEN ISLAND" }

function init(args)
  math.randomseed(os.time() + tonumber(tostring({}):sub(8), 16) % 100000)
end

function request()
  local borough = boroughs[math.random(#boroughs)]:gsub(" ", "%%20")
  return wrk.format("GET", "/api/intersections/top?k=20&borough=" .. borough)
end
