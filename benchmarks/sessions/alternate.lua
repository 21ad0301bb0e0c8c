-- wrk: every request carries the same session cookie (SESSION_COOKIE, "NAME=VALUE"); with
-- NODES="127.0.0.1:8092,127.0.0.1:8093" the threads are spread over the nodes in turn (wrk sends
-- a thread's requests to one address, so -t2 gives one thread per node, both on one session).
local cookie = os.getenv("SESSION_COOKIE")
local nodes = {}
for node in string.gmatch(os.getenv("NODES") or "", "[^,]+") do
  table.insert(nodes, node)
end
local next_node = 0

function setup(thread)
  if #nodes > 0 then
    local host, port = string.match(nodes[(next_node % #nodes) + 1], "([^:]+):(%d+)")
    thread.addr = wrk.lookup(host, port)[1]
    next_node = next_node + 1
  end
end

function request()
  return wrk.format("GET", "/bench", { ["Cookie"] = cookie })
end

function done(summary, latency, requests)
  local errors = summary.errors.connect + summary.errors.read + summary.errors.write
      + summary.errors.status + summary.errors.timeout
  io.write(string.format("RESULT %.0f %.3f %.3f %.3f %.3f %d\n",
      summary.requests / (summary.duration / 1e6),
      latency.mean / 1000, latency:percentile(50) / 1000, latency:percentile(99) / 1000,
      latency.max / 1000, errors))
end
