#!/usr/bin/env bash
# Soak: openness-mcp over Streamable HTTP under loopback load from wrk (64 connections by default)
# with a mix of tool calls, some failing on purpose (soak.lua checks every answer). Reports the
# requests, errors, latency percentiles and the server's RSS, and fails when any request errs or
# the RSS grows by 5 % or more over the run.
#
# RSS is sampled every second. The growth is measured under the same load at both ends: from
# SETTLE seconds into the measured run (its 64 connections are open by then: their buffers and
# pool threads are in use) to the last sample before the run ends. Before the measured run, a
# warm-up opens one connection per server thread (128, the default), so that every pool thread
# has served once (its stack and malloc arena touched) and the records the mix reads are parsed.
# The RSS when idle (before any request) is reported too.
#
#   tests/reliability/soak.sh BINARY [SECONDS]          (default 600: the 10-minute soak)
#   tests/reliability/soak.sh build/bin/openness-mcp 60  (the CI run)
#
# Errors: answers soak.lua finds wrong, answers it never saw, non-2xx statuses, and wrk's socket
# errors (connect, read, write, and timeouts: a request unanswered after TIMEOUT).
#
# Environment: CONNECTIONS (64), THREADS (wrk threads, 2), WARMUP (seconds, 20 or a tenth of the
# run), WARMUP_CONNECTIONS (128), SETTLE (10), MAX_RSS_GROWTH_PCT (5), TIMEOUT (2s), PORT (a free
# one), OUT (a directory for the server log, wrk's output, the RSS samples and soak.json).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
bin="${1:?usage: soak.sh BINARY [SECONDS]}"
seconds="${2:-600}"
connections="${CONNECTIONS:-64}"
warmup_connections="${WARMUP_CONNECTIONS:-128}"
settle="${SETTLE:-10}"
threads="${THREADS:-2}"
warmup="${WARMUP:-$(( seconds / 10 < 20 ? (seconds / 10 < 5 ? 5 : seconds / 10) : 20 ))}"
max_growth="${MAX_RSS_GROWTH_PCT:-5}"
timeout="${TIMEOUT:-2s}"  # wrk's own default: an answer slower than this is an error (a timeout)
out="${OUT:-$(mktemp -d -t openness-soak.XXXXXX)}"
mkdir -p "$out"
command -v wrk >/dev/null || { echo "soak.sh: wrk is not installed (apt-get install wrk)" >&2; exit 2; }
command -v curl >/dev/null || { echo "soak.sh: curl is not installed" >&2; exit 2; }

port="${PORT:-$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])')}"
url="http://127.0.0.1:$port/mcp"
"$bin" --http --port "$port" --log-level warn 2>"$out/server.log" &
pid=$!
cleanup() { kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; }
trap cleanup EXIT
for _ in $(seq 100); do curl -fs "http://127.0.0.1:$port/healthz" >/dev/null && break; sleep 0.1; done
curl -fs "http://127.0.0.1:$port/healthz" >/dev/null || { echo "soak.sh: the server did not start" >&2; cat "$out/server.log" >&2; exit 1; }

rss_kib() { awk '/^VmRSS:/ {print $2}' "/proc/$pid/status"; }
threads_of() { awk '/^Threads:/ {print $2}' "/proc/$pid/status"; }

session() {
  local headers
  headers=$(curl -fsS -D - -o /dev/null "$url" -H 'Content-Type: application/json' -H 'Accept: application/json, text/event-stream' \
    -d '{"jsonrpc":"2.0","id":0,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"soak","version":"0"}}}')
  local sid
  sid=$(printf '%s' "$headers" | tr -d '\r' | awk -F': ' 'tolower($1)=="mcp-session-id" {print $2}')
  curl -fsS -o /dev/null "$url" -H 'Content-Type: application/json' -H "Mcp-Session-Id: $sid" -H 'MCP-Protocol-Version: 2025-11-25' \
    -d '{"jsonrpc":"2.0","method":"notifications/initialized"}'
  printf '%s' "$sid"
}
sids=()
for _ in $(seq "$threads"); do sids+=("$(session)"); done

rss_idle=$(rss_kib)
echo "soak: openness-mcp pid $pid on $url; $connections connections, $threads wrk threads; warm-up ${warmup}s at $warmup_connections connections, run ${seconds}s"
wrk -t"$threads" -c"$warmup_connections" -d"${warmup}s" --timeout 10s -s "$here/soak.lua" "$url" -- "${sids[@]}" >"$out/warmup.txt" 2>&1
# RSS every second during the measured run: "<seconds since its start> <KiB> <threads>".
t0=$(date +%s)
( while kill -0 "$pid" 2>/dev/null; do echo "$(( $(date +%s) - t0 )) $(rss_kib) $(threads_of)"; sleep 1; done ) >"$out/rss.log" 2>/dev/null &
sampler=$!
wrk -t"$threads" -c"$connections" -d"${seconds}s" --timeout "$timeout" --latency -s "$here/soak.lua" "$url" -- "${sids[@]}" >"$out/wrk.txt" 2>&1
kill "$sampler" 2>/dev/null || true
wait "$sampler" 2>/dev/null || true
rss_after=$(rss_kib)
# Under load at both ends: the first sample SETTLE s in, the last one before wrk ended.
rss_start=$(awk -v s="$settle" '$1 >= s {print $2; exit}' "$out/rss.log")
rss_end=$(awk -v e="$seconds" '$1 < e {v = $2} END {print v}' "$out/rss.log")
result=$(sed -n 's/^SOAK_RESULT //p' "$out/wrk.txt")
[ -n "$result" ] || { echo "soak.sh: wrk gave no result" >&2; cat "$out/wrk.txt" >&2; exit 1; }
alive=yes
kill -0 "$pid" 2>/dev/null || alive=no
python3 - "$result" "$rss_idle" "$rss_start" "$rss_end" "$max_growth" "$alive" "$out" "$settle" "$rss_after" <<'PY'
import json, sys
r = json.loads(sys.argv[1])
idle, start, end, max_growth = int(sys.argv[2]), int(sys.argv[3]), int(sys.argv[4]), float(sys.argv[5])
alive, out, settle, after = sys.argv[6] == "yes", sys.argv[7], int(sys.argv[8]), int(sys.argv[9])
growth = 100.0 * (end - start) / start
unchecked = r["requests"] - r["checked_ok"] - r["checked_bad"]
errors = r["checked_bad"] + r["socket_errors"] + r["non_2xx"] + max(unchecked, 0)
l = r["latency_ms"]
print("soak: %d requests in %.0f s (%.0f/s): %d results, %d tool errors and %d protocol errors, as the mix asks "
      "(%d answers checked, %d not)" % (r["requests"], r["duration_s"], r["rps"], r["results"], r["tool_errors"],
                                        r["rpc_errors"], r["checked_ok"] + r["checked_bad"], unchecked))
print("soak: errors %d (bad answers %d, unchecked %d, socket %d [connect %d, read %d, write %d, timeout %d], non-2xx %d)"
      % (errors, r["checked_bad"], max(unchecked, 0), r["socket_errors"], r["connect_errors"], r["read_errors"],
         r["write_errors"], r["timeouts"], r["non_2xx"]))
if r["first_bad"]:
    print("soak: first bad answer: " + r["first_bad"])
print("soak: latency p50 %.2f ms, p90 %.2f ms, p99 %.2f ms, p99.9 %.2f ms, max %.2f ms"
      % (l["p50"], l["p90"], l["p99"], l["p999"], l["max"]))
print("soak: RSS under load %.1f MiB at %d s, %.1f MiB at the end: %+.2f %% over the run (limit %.0f %%); "
      "idle before any request %.1f MiB, after the run %.1f MiB"
      % (start / 1024, settle, end / 1024, growth, max_growth, idle / 1024, after / 1024))
summary = dict(r, rss_kib={"idle": idle, "start": start, "end": end, "after": after}, rss_growth_pct=round(growth, 3),
               errors=errors, server_alive=alive)
json.dump(summary, open(out + "/soak.json", "w"), indent=1)
ok = errors == 0 and growth < max_growth and alive and r["requests"] > 0
print("soak: %s (details in %s)" % ("PASS" if ok else "FAIL", out))
sys.exit(0 if ok else 1)
PY
