-- wrk script for bench/load/pledges-app.sh: each signer's personal access token is sent once. The tokens (one a line,
-- file PLEDGE_TOKENS) are dealt out to wrk's threads (PLEDGE_THREADS, the same as -t), and each thread has ONE
-- connection (-c = -t), so its requests and answers alternate: a thread stops once every one of its signers has an
-- answer. wrk asks for a new request when a write would block before any byte went out, dropping the one it had:
-- request() called twice without an answer in between means that, and the same signer's request is given again.
-- (Should a connection break after a request went out, sending it again is a second signature attempt, which the
-- app answers 409, as it should.) /healthz is asked only if wrk wants a request after the thread's last signer.
-- Prints one line: RESULT signatures=… seconds=… rate=… p50_ms=… p99_ms=… created=… conflict=… other=… healthz=…
local threads = {}
local count = 0

function setup(thread)
  thread:set("id", count)
  count = count + 1
  table.insert(threads, thread)
end

function init(args)
  local n = tonumber(os.getenv("PLEDGE_THREADS"))
  mine = {}
  local k = 0
  for line in io.lines(os.getenv("PLEDGE_TOKENS")) do
    if k % n == id then table.insert(mine, line) end
    k = k + 1
  end
  path = os.getenv("PLEDGE_PATH")
  nextSigner = 1
  answered = 0
  statuses = {}
  if #mine == 0 then finished() end
end

function request()
  if waiting then return waiting end
  if nextSigner <= #mine then
    local t = mine[nextSigner]
    nextSigner = nextSigner + 1
    startedAt = startedAt or now()
    waiting = wrk.format("POST", path, { ["Authorization"] = "Bearer " .. t, ["Content-Type"] = "application/json" }, "{}")
    return waiting
  end
  return wrk.format("GET", "/healthz", {})
end

function response(status, headers, body)
  waiting = nil
  statuses[status] = (statuses[status] or 0) + 1
  if status ~= 200 then answered = answered + 1 end
  if answered == #mine then finished() end
end

-- wrk's main thread sleeps for the whole -d whatever the threads do: each finished thread notes it in PLEDGE_DONE, and
-- the calling script interrupts wrk (SIGINT: it reports at once) when all have. The rate is measured here, from the
-- first request sent to the last answer received, not by wrk's clock.
function finished()
  finishedAt = now()
  local f = io.open(os.getenv("PLEDGE_DONE"), "a")
  f:write(id, "\n")
  f:close()
  wrk.thread:stop()
end

local ffi = require("ffi")
ffi.cdef[[
  typedef struct { long tv_sec; long tv_usec; } pledge_timeval;
  int gettimeofday(pledge_timeval *tv, void *tz);
]]
function now()
  local tv = ffi.new("pledge_timeval")
  ffi.C.gettimeofday(tv, nil)
  return tonumber(tv.tv_sec) + tonumber(tv.tv_usec) / 1e6
end

function done(summary, latency, requests)
  local total = {}
  for _, t in ipairs(threads) do
    for k, v in pairs(t:get("statuses")) do total[k] = (total[k] or 0) + v end
  end
  local first, last = math.huge, 0
  for _, t in ipairs(threads) do
    local a, b = t:get("startedAt"), t:get("finishedAt")
    if a and a < first then first = a end
    if b and b > last then last = b end
  end
  local created, conflict, healthz, other = total[201] or 0, total[409] or 0, total[200] or 0, 0
  local codes = {}
  for k, v in pairs(total) do
    table.insert(codes, k .. ":" .. v)
    if k ~= 200 and k ~= 201 and k ~= 409 then other = other + v end
  end
  table.sort(codes)
  local seconds = last - first
  local e = summary.errors
  io.write(string.format(
    "RESULT signatures=%d seconds=%.3f rate=%.0f p50_ms=%.1f p99_ms=%.1f max_ms=%.1f created=%d conflict=%d other=%d healthz=%d socket_errors=%d statuses=%s\n",
    created + conflict + other, seconds, (created + conflict + other) / seconds, latency:percentile(50) / 1000,
    latency:percentile(99) / 1000, latency.max / 1000, created, conflict, other, healthz,
    e.connect + e.read + e.write + e.timeout, table.concat(codes, ",")))
end
