-- wrk script for bench/serve_bench.sh: every request POSTs one intake (the file named by
-- $INTAKE) as application/json; done() reports any answer other than 200, so a figure is
-- never a rate of errors.
local path = os.getenv("INTAKE")
local file = assert(io.open(path, "rb"), "cannot open " .. tostring(path))
wrk.method = "POST"
wrk.body = file:read("*a")
file:close()
wrk.headers["Content-Type"] = "application/json"

local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  not_ok = 0
end

function response(status, headers, body)
  if status ~= 200 then
    not_ok = not_ok + 1
  end
end

function done(summary, latency, requests)
  local bad = 0
  for _, thread in ipairs(threads) do
    bad = bad + thread:get("not_ok")
  end
  io.write(string.format("answers other than 200: %d\n", bad))
end
