-- Spreads wrk's threads over several silos, round robin: VZ_SILOS="host:port,host:port,...".
-- A route script runs this first; without VZ_SILOS every thread uses the URL given to wrk.
local silos = os.getenv("VZ_SILOS")
if silos then
  local addrs, next = {}, 0
  for hostport in silos:gmatch("[^,]+") do
    local host, port = hostport:match("^(.+):(%d+)$")
    addrs[#addrs + 1] = wrk.lookup(host, port)[1]
  end
  function setup(thread)
    next = next + 1
    thread.addr = addrs[(next - 1) % #addrs + 1]
  end
end
