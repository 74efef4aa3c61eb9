-- Shared by the wrk scripts of benchmarks/load: the units and tokens load.mjs prepared, the status count per thread,
-- and done(), which writes the run's figures as JSON to $LOAD_RESULT for load.mjs report.
local common = {}

local dir = os.getenv("LOAD_DIR")
local threads = {}

-- Lines of a file split on tabs.
function common.rows(name)
  local rows = {}
  for line in io.lines(dir .. "/" .. name) do
    if line ~= "" then
      local fields = {}
      for field in line:gmatch("[^\t]+") do fields[#fields + 1] = field end
      rows[#rows + 1] = fields
    end
  end
  return rows
end

function common.read(name)
  local file = assert(io.open(dir .. "/" .. name, "rb"))
  local text = file:read("*a")
  file:close()
  return text
end

-- The units of this thread: every unit whose place in units.tsv, modulo the thread count, is the thread's index, so
-- that no two threads (and, in save-draft, no two connections) work on one unit.
function common.my_units()
  local count = tonumber(os.getenv("LOAD_THREADS"))
  local mine = {}
  for i, row in ipairs(common.rows("units.tsv")) do
    if (i - 1) % count == thread_index then
      mine[#mine + 1] = { campaign = row[1], unit = row[2], token = row[3] }
    end
  end
  return mine
end

function common.draft_path(u, suffix)
  return "/api/campaigns/" .. u.campaign .. "/units/" .. u.unit .. "/self-assessment" .. suffix
end

-- Per thread (each thread has its own Lua state): responses by status, and saves that returned the ETag they sent.
statuses = {}
unchanged = 0

function common.count(status)
  local key = tostring(status)
  statuses[key] = (statuses[key] or 0) + 1
end

-- A scenario that sends each of this thread's units one request in turn, the same request every time for a unit:
-- format(u) builds it once per unit when the thread starts.
function common.round_robin(format)
  local requests, next_request = {}, 0
  function init(args)
    for i, u in ipairs(common.my_units()) do requests[i] = format(u) end
  end
  function request()
    next_request = next_request % #requests + 1
    return requests[next_request]
  end
  function response(status, headers, body)
    common.count(status)
  end
end

function setup(thread)
  thread:set("thread_index", #threads)
  threads[#threads + 1] = thread
end

function done(summary, latency, requests)
  local counts, same = {}, 0
  for _, thread in ipairs(threads) do
    for status, n in pairs(thread:get("statuses")) do counts[status] = (counts[status] or 0) + n end
    same = same + (thread:get("unchanged") or 0)
  end
  local parts = {}
  for status, n in pairs(counts) do parts[#parts + 1] = string.format('"%s": %d', status, n) end
  local e = summary.errors
  local seconds = summary.duration / 1e6
  local json = string.format(
    '{"requests": %d, "seconds": %.3f, "rps": %.2f, "bytes": %d, ' ..
    '"latency": {"mean": %.1f, "stdev": %.1f, "min": %d, "p50": %d, "p90": %d, "p95": %d, "p99": %d, "max": %d}, ' ..
    '"errors": {"connect": %d, "read": %d, "write": %d, "status": %d, "timeout": %d}, ' ..
    '"statuses": {%s}, "unchanged": %d}',
    summary.requests, seconds, summary.requests / seconds, summary.bytes,
    latency.mean, latency.stdev, latency.min, latency:percentile(50), latency:percentile(90), latency:percentile(95),
    latency:percentile(99), latency.max,
    e.connect, e.read, e.write, e.status, e.timeout, table.concat(parts, ", "), same)
  local file = assert(io.open(os.getenv("LOAD_RESULT"), "w"))
  file:write(json, "\n")
  file:close()
end

return common
