-- wrk script: counts response statuses per thread and prints one machine-readable summary line.
-- The session cookie comes from the environment (GW_COOKIE) so it never appears in a process list.
local threads = {}

function setup(thread)
  table.insert(threads, thread)
end

function init(args)
  statuses = {}
  local cookie = os.getenv("GW_COOKIE")
  if cookie and #cookie > 0 then
    wrk.headers["Cookie"] = cookie
  end
end

function response(status, headers, body)
  statuses[status] = (statuses[status] or 0) + 1
end

function done(summary, latency, requests)
  local total, bad = {}, 0
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do
      total[k] = (total[k] or 0) + v
      if k < 200 or k > 299 then bad = bad + v end
    end
  end
  local codes = {}
  for k, v in pairs(total) do table.insert(codes, k .. ":" .. v) end
  table.sort(codes)
  local e = summary.errors
  io.write(string.format(
    "RESULT requests=%d seconds=%.3f rps=%.1f p50_ms=%.2f p99_ms=%.2f max_ms=%.2f non2xx=%d socket_errors=%d statuses=%s\n",
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6),
    latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
    bad, e.connect + e.read + e.write + e.timeout, table.concat(codes, ",")))
end
