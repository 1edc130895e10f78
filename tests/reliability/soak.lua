-- wrk script for soak.sh: a mix of MCP tool calls over Streamable HTTP, some of them failing on
-- purpose, each with a unique JSON-RPC id, in the sessions soak.sh opened (one per wrk thread).
-- Every answer is checked: HTTP 200, a whole JSON-RPC response, the outcome its kind expects
-- (a result, a tool error, or a -32602 protocol error), and never an internal error.
--
--   wrk -t2 -c64 -d60s --latency -s soak.lua http://127.0.0.1:PORT/mcp -- SID1 SID2 ...

local threads = {}
local sessions = {}
local counter = 0

-- kind: "ok" (a result), "tool-error" (isError), "rpc-error" (-32602)
local mix = {
  {"ok", "lookup_model", '{"name":"OLMo-7B"}'},
  {"ok", "lookup_model", '{"name":"meta-llama/Llama-3.1-8B-Instruct-GGUF"}'},
  {"ok", "lookup_model", '{"name":"llama3.1:8b","mof_mode":"strict"}'},
  {"ok", "search_models", '{"tier":"fully-open","limit":10}'},
  {"ok", "search_models", '{"query":"llama","limit":25}'},
  {"ok", "compare_models", '{"names":["OLMo-7B","Llama-3.1-8B","pythia-1b","Mistral-7B-v0.1"]}'},
  {"ok", "get_license", '{"license":"Apache 2.0"}'},
  {"ok", "check_openness_claim", '{"model":"Llama-3.1-8B","claim":"open source"}'},
  {"ok", "explain_openness", '{"name":"OLMo-7B","audience":"detailed"}'},
  {"ok", "classify_release", '{"name":"mine","licenses":{"distribution":"Apache-2.0"},"components":[{"name":"model_parameters_final"},{"name":"training_code"}]}'},
  {"ok", "assess_model_card", '{"card":"---\\nlicense: apache-2.0\\ndatasets:\\n- allenai/dolma\\n---\\n# Card\\nhttps://arxiv.org/abs/2402.00838\\n"}'},
  {"tool-error", "lookup_model", '{"name":"zzqqxx-no-such-model-at-all"}'},
  {"tool-error", "lookup_model", '{"name":7}'},
  {"tool-error", "search_models", '{"limit":"ten"}'},
  {"tool-error", "get_license", '{}'},
  {"rpc-error", "no_such_tool", '{}'},
}

function setup(thread)
  thread:set("index", #threads)
  table.insert(threads, thread)
end

function init(args)
  sessions = args
  local me = tonumber(index) or 0  -- set by setup() in this thread's environment
  sid = sessions[(me % #sessions) + 1]
  prefix = "t" .. me .. "-"
  kinds = {}
  good, bad = 0, 0
  by_kind = {ok = 0, ["tool-error"] = 0, ["rpc-error"] = 0}
  first_bad = ""
end

function request()
  counter = counter + 1
  local m = mix[(counter % #mix) + 1]
  local id = prefix .. counter
  -- Responses on one connection come in order; wrk keeps one request in flight per connection,
  -- but this function does not know the connection, so kinds are queued per thread and matched
  -- by the id echoed in the answer.
  kinds[id] = m[1]
  local body = '{"jsonrpc":"2.0","id":"' .. id .. '","method":"tools/call","params":{"name":"' .. m[2] ..
               '","arguments":' .. m[3] .. '}}'
  return wrk.format("POST", nil, {
    ["Content-Type"] = "application/json",
    ["Accept"] = "application/json, text/event-stream",
    ["Mcp-Session-Id"] = sid,
    ["MCP-Protocol-Version"] = "2025-11-25",
  }, body)
end

local function fail(why, body)
  bad = bad + 1
  if first_bad == "" then first_bad = why .. ": " .. string.sub(body or "", 1, 200) end
end

function response(status, headers, body)
  if status ~= 200 then return fail("status " .. status, body) end
  local id = string.match(body, '^{"id":"([^"]+)"') or string.match(body, '"id":"(t%d+%-%d+)"')
  local kind = id and kinds[id]
  if not kind then return fail("an id this thread did not send", body) end
  kinds[id] = nil
  if string.sub(body, -1) ~= "}" or not string.find(body, '"jsonrpc":"2.0"', 1, true) then
    return fail("not a whole JSON-RPC response", body)
  end
  if string.find(body, '"code":-32603', 1, true) or string.find(body, "internal error", 1, true) then
    return fail("internal error", body)
  end
  local is_error = string.find(body, '"isError":true', 1, true) ~= nil
  local rpc_error = string.find(body, '"error":{"code":-32602', 1, true) ~= nil
  local got = rpc_error and "rpc-error" or (is_error and "tool-error" or "ok")
  if got ~= kind then return fail("expected " .. kind .. ", got " .. got, body) end
  if kind == "ok" and not string.find(body, '"structuredContent"', 1, true) then
    return fail("a result without structuredContent", body)
  end
  good = good + 1
  by_kind[kind] = by_kind[kind] + 1
end

function done(summary, latency, requests)
  local good_total, bad_total, ok, te, re = 0, 0, 0, 0, 0
  local first = ""
  for _, t in ipairs(threads) do
    good_total = good_total + (tonumber(t:get("good")) or 0)
    bad_total = bad_total + (tonumber(t:get("bad")) or 0)
    local b = t:get("by_kind")
    if b then
      ok = ok + b.ok
      te = te + b["tool-error"]
      re = re + b["rpc-error"]
    end
    local f = t:get("first_bad")
    if f and f ~= "" and first == "" then first = f end
  end
  local e = summary.errors
  local socket_errors = e.connect + e.read + e.write + e.timeout
  io.write(string.format(
    'SOAK_RESULT {"requests":%d,"duration_s":%.1f,"rps":%.1f,"checked_ok":%d,"checked_bad":%d,' ..
    '"results":%d,"tool_errors":%d,"rpc_errors":%d,"socket_errors":%d,"connect_errors":%d,"read_errors":%d,' ..
    '"write_errors":%d,"timeouts":%d,"non_2xx":%d,"latency_ms":{"p50":%.3f,"p90":%.3f,"p99":%.3f,' ..
    '"p999":%.3f,"max":%.3f,"mean":%.3f},"first_bad":%q}\n',
    summary.requests, summary.duration / 1e6, summary.requests / (summary.duration / 1e6), good_total, bad_total,
    ok, te, re, socket_errors, e.connect, e.read, e.write, e.timeout, e.status,
    latency:percentile(50) / 1000, latency:percentile(90) / 1000, latency:percentile(99) / 1000,
    latency:percentile(99.9) / 1000, latency.max / 1000, latency.mean / 1000, first))
end
