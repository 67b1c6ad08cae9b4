-- Shared by the wrk scripts (loaded with dofile from the script's own directory).
--
-- wrk runs one Lua state per thread plus a main state: setup() and done() run in the main
-- state, init()/request()/response() in the thread states. Per-thread counters are therefore
-- globals in the thread states, read back in done() with thread:get().

threads = {}

function setup(thread)
  table.insert(threads, thread)
  thread:set("tid", #threads)
end

-- Counters kept by every thread state (globals, so thread:get can read them).
non2xx = 0       -- responses whose status is not 2xx
unexpected = 0   -- 2xx responses whose body lacks the expected marker (see `expect`)
first_bad = ""   -- status and start of the body of the first bad response, for diagnosis
expect = nil     -- substring a good body must contain, or nil to skip the check

-- Reads a tab-separated list file into an array of field arrays; stops the run if empty.
function read_list(path)
  local rows = {}
  local f = assert(io.open(path, "r"), "cannot open list file " .. tostring(path))
  for line in f:lines() do
    if line ~= "" then
      local fields = {}
      for field in (line .. "\t"):gmatch("([^\t]*)\t") do
        table.insert(fields, field)
      end
      table.insert(rows, fields)
    end
  end
  f:close()
  assert(#rows > 0, "list file " .. path .. " is empty")
  return rows
end

-- Requests are prebuilt in init(); request() only walks the list, starting at a different
-- offset in each thread so the threads do not hit the same client at the same moment.
prepared = {}
cursor = 0

function request()
  cursor = cursor % #prepared + 1
  return prepared[cursor]
end

function response(status, headers, body)
  if status < 200 or status > 299 then
    non2xx = non2xx + 1
  elseif expect ~= nil and (body == nil or not body:find(expect, 1, true)) then
    unexpected = unexpected + 1
  else
    return
  end
  if first_bad == "" then
    first_bad = tostring(status) .. " " .. (body or ""):sub(1, 200):gsub("[%c]", " ")
  end
end

-- One parseable line (key=value, no spaces in values) plus, if anything failed, a diagnosis.
function done(summary, latency, requests)
  local bad, unexp, sample = 0, 0, ""
  for _, t in ipairs(threads) do
    bad = bad + (t:get("non2xx") or 0)
    unexp = unexp + (t:get("unexpected") or 0)
    local fb = t:get("first_bad") or ""
    if sample == "" then sample = fb end
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format(
    "WRK_RESULT requests=%d duration_s=%.3f rps=%.1f p50_ms=%.3f p90_ms=%.3f p99_ms=%.3f max_ms=%.3f " ..
    "non2xx=%d unexpected=%d err_connect=%d err_read=%d err_write=%d err_timeout=%d\n",
    summary.requests, secs, summary.requests / secs,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency.max / 1000, bad, unexp, e.connect, e.read, e.write, e.timeout))
  if sample ~= "" then
    io.write("WRK_FIRST_BAD " .. sample .. "\n")
  end
end
