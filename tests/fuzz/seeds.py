#!/usr/bin/env python3
"""Writes the seed corpora of the fuzz targets (corpus/<target>/), from the project's own test
cases and data. Run from anywhere with the server (the tool order comes from its tools/list);
pass the path of openness-pack to also write the *.bundle seeds of fuzz_dataset (they are
committed, so this is only needed when the bundle format changes):

    python3 tests/fuzz/seeds.py build/bin/openness-mcp [build/bin/openness-pack]
"""
import hashlib
import json
import os
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(os.path.dirname(HERE))


def put(target, name, data):
    d = os.path.join(HERE, "corpus", target)
    os.makedirs(d, exist_ok=True)
    if isinstance(data, str):
        data = data.encode()
    with open(os.path.join(d, name), "wb") as f:
        f.write(data)


cases = json.load(open(os.path.join(ROOT, "tests/e2e/openness-cases.json")))

# fuzz_tools: first byte = tool index in tools/list order, then the methods after the tools.
if len(sys.argv) < 2:
    sys.exit("usage: seeds.py OPENNESS_MCP [OPENNESS_PACK]")
TOOLS = [t["name"] for t in json.loads(subprocess.run([sys.argv[1], "tools", "--format", "json"], capture_output=True,
                                                      text=True, check=True).stdout)]
METHODS = ["resources/read", "prompts/get", "completion/complete"]
n = 0
for c in cases["calls"]:
    if c["tool"] in TOOLS:
        put("tools", "call-%02d-%s" % (n, c["tool"]), bytes([TOOLS.index(c["tool"])]) + json.dumps(c["args"]).encode())
        n += 1
extra = [
    ("lookup_model", {"name": "OLMo-7B", "mof_mode": "strict"}),
    ("search_models", {"tier": "fully-open", "limit": 3}),
    ("search_models", {"query": "llama", "min_eosai_percent": 50, "license": "Apache-2.0", "cursor": "x"}),
    ("explain_openness", {"release": {"components": [{"name": "model_parameters_final", "license": "MIT"}]}, "audience": "developer"}),
    ("check_openness_claim", {"model": "Llama-3.1-8B", "claim": "open source", "claimant": "Meta"}),
    ("compare_models", {"names": ["OLMo-7B", "Llama-3.1-8B", "pythia-1b"]}),
    ("lookup_model", {"name": "llama3.1:8b", "picture": True}),
    ("compare_models", {"names": ["gpt-4o", "OLMo-7B"], "picture": True, "mof_mode": "strict"}),
]
for tool, args in extra:
    put("tools", "call-%02d-%s" % (n, tool), bytes([TOOLS.index(tool)]) + json.dumps(args).encode())
    n += 1
for i, r in enumerate(cases["resources"]):
    put("tools", "resource-%02d" % i, bytes([len(TOOLS)]) + json.dumps({"uri": r["uri"]}).encode())
for i, p in enumerate(cases["prompts"]):
    put("tools", "prompt-%02d" % i, bytes([len(TOOLS) + 1]) + json.dumps({"name": p["name"], "arguments": p["args"]}).encode())
for i, c in enumerate(cases["completions"]):
    put("tools", "complete-%02d" % i, bytes([len(TOOLS) + 2]) + json.dumps({"ref": c["ref"], "argument": c["argument"]}).encode())
# The pictures (the target after the methods): a scorecard's texts as a user's record may hold them.
hostile = [
    {"name": "OLMo-7B", "producer": "Ai2", "id": "olmo-7b", "as_of": "2026-12-05", "tier": 5},
    {"name": "<script>alert('x')</script> & \"co\"", "producer": "]]><!--", "id": "a&b", "tier": 2},
    {"name": "tab\tnew\nline\u0000nul\u001bescape\u007fdel\u0085nel\ufffe\uffff", "tier": 1},
    {"name": "\u6a21\u578b" * 40 + "\U0001F600" * 10, "producer": "x" * 600, "tier": 3},
    {"name": "&amp; &#x3c; &lt", "producer": "\u202e\u200b rtl", "id": "", "as_of": "", "tier": 0},
]
for i, h in enumerate(hostile):
    put("tools", "picture-%02d" % i, bytes([len(TOOLS) + 3]) + json.dumps(h).encode())

# fuzz_resolver: names as users type them.
names = ["OLMo-7B", "meta-llama/Llama-3.1-8B-Instruct-GGUF", "llama3.1:8b", "https://huggingface.co/allenai/OLMo-7B",
         "qwen2.5", "Mistral 7B Instruct v0.3", "pythia-1b", "TheBloke/Llama-2-7B-Chat-GGUF", "bloomz-7b1-mt",
         "hf.co/allenai/OLMo-2-1124-7B-Instruct:Q4_K_M", "gemma-2-9b-it-AWQ", "Falcon 40B", "olmo 7b twin 2t",
         "zzqqxx-no-such-model-at-all", "Llama 3.1 8B Instruct 4bit mlx", "mT5"]
for i, q in enumerate(names):
    put("resolver", "name-%02d" % i, bytes([5]) + q.encode())

# fuzz_model_card.
cards = [
    next(c["args"]["card"] for c in cases["calls"] if c["tool"] == "assess_model_card"),
    "---\nlicense: other\nlicense_name: llama3.1\nlicense_link: https://llama.meta.com/llama3_1/license/\n"
    "base_model:\n- meta-llama/Llama-3.1-8B\ntags:\n- arxiv:2407.21783\n- text-generation\nlanguage: [en, de, 'fr']\n"
    "pipeline_tag: text-generation\nlibrary_name: transformers\nmodel-index:\n- name: x\n  results: []\n---\n"
    "# Llama\nCode: https://github.com/meta-llama/llama-models.git and https://arxiv.org/pdf/2407.21783v2.pdf\n"
    "Data: https://huggingface.co/datasets/allenai/dolma?x=1\n",
    "\ufeff---\r\ndatasets: # comment\r\n  - name: a\r\n  - HuggingFaceFW/fineweb\r\nlicense: \"apache-2.0\" # trailing\r\n...\r\nbody\r\n",
    "no front matter at all, just text with http://gitlab.com/group/project/-/tree/main",
    "---\nlicense: mit\n",
]
for i, c in enumerate(cards):
    put("model_card", "card-%02d" % i, c)

# fuzz_hub: a Hub API record, NUL, its README (the fake Hub's answers in tests/hub/fixtures).
hub = os.path.join(ROOT, "tests/hub/fixtures")
for f in sorted(os.listdir(os.path.join(hub, "api"))):
    stem = f[:-len(".json")]
    body = open(os.path.join(hub, "api", f), "rb").read()
    readme = os.path.join(hub, "readme", stem + ".md")
    if os.path.exists(readme):
        body += b"\0" + open(readme, "rb").read()
    put("hub", stem, body)
put("hub", "url-line", b"https://huggingface.co/acme/x/tree/main\n{\"id\":\"acme/x\"}")

# fuzz_dataset: first byte = 0 *.json, 1 *.jsonl, 2 *.bundle; +4 with the bundled dataset.
def record(name):
    return json.load(open(os.path.join(ROOT, "data/models", name + ".json")))
small = [record(x) for x in ("mt5", "meena", "openbmb")]
put("dataset", "json-one", bytes([0]) + json.dumps(small[0], indent=1).encode())
put("dataset", "json-array", bytes([0]) + json.dumps(small).encode())
put("dataset", "json-array-bundled", bytes([4]) + json.dumps(small).encode())
put("dataset", "jsonl", bytes([1]) + "\n".join(json.dumps(r) for r in small).encode() + b"\n")
over = record("olmo-7b")
over["name"] = "OLMo-7B (mine)"
put("dataset", "jsonl-override-bundled", bytes([5]) + json.dumps(over).encode() + b"\n")
put("dataset", "json-empty-array", bytes([0]) + b"[]")

if len(sys.argv) > 2:
    pack = sys.argv[2]
    for name, recs in (("bundle-three", small), ("bundle-one", small[:1])):
        with tempfile.TemporaryDirectory() as d:
            with open(os.path.join(d, "r.jsonl"), "w") as f:
                f.write("\n".join(json.dumps(r) for r in recs) + "\n")
            out = os.path.join(d, "out.bundle")
            subprocess.run([pack, "--records", d, out], check=True)
            put("dataset", name, bytes([2]) + open(out, "rb").read())
            put("dataset", name + "-bundled", bytes([6]) + open(out, "rb").read())

# fuzz_http: first byte 0 = the server with sessions, 1 = the stateless one. {HOST} and {SID}
# are replaced by the harness.
def http(method, body=None, headers=(), path="/mcp", host="{HOST}", sid=True, accept="application/json, text/event-stream"):
    lines = ["%s %s HTTP/1.1" % (method, path), "Host: " + host]
    if accept:
        lines.append("Accept: " + accept)
    if sid:
        lines.append("Mcp-Session-Id: {SID}")
    lines.extend(headers)
    if body is not None:
        lines.append("Content-Type: application/json")
        lines.append("Content-Length: %d" % len(body.encode()))
    return "\r\n".join(lines) + "\r\n\r\n" + (body or "")

init = '{"jsonrpc":"2.0","id":1,"method":"initialize","params":{"protocolVersion":"2025-11-25","capabilities":{},"clientInfo":{"name":"f","version":"0"}}}'
call = lambda tool, i=2: '{"jsonrpc":"2.0","id":%d,"method":"tools/call","params":{"name":"%s","arguments":{"text":"hi"},"_meta":{"progressToken":"p"}}}' % (i, tool)
seeds = {
    "initialize": http("POST", init, sid=False),
    "ping": http("POST", '{"jsonrpc":"2.0","id":1,"method":"ping"}', ["MCP-Protocol-Version: 2025-11-25"]),
    "echo": http("POST", call("echo"), ["MCP-Protocol-Version: 2025-11-25"]),
    "progress-sse": http("POST", call("progress"), ["MCP-Protocol-Version: 2025-11-25"]),
    "progress-json-only": http("POST", call("progress"), accept="application/json"),
    "progress-sse-only": http("POST", call("progress"), accept="text/event-stream"),
    "ask": http("POST", call("ask"), ["MCP-Protocol-Version: 2025-06-18"]),
    "close-stream": http("POST", call("close")),
    "resume": http("GET", None, ["Last-Event-ID: 1/0"]),
    "get-no-event-id": http("GET", None),
    "delete": http("DELETE", None),
    "notification": http("POST", '{"jsonrpc":"2.0","method":"notifications/cancelled","params":{"requestId":7}}'),
    "response": http("POST", '{"jsonrpc":"2.0","id":"srv-1","result":{"roots":[]}}'),
    "batch": http("POST", '[{"jsonrpc":"2.0","id":1,"method":"ping"},{"jsonrpc":"2.0","method":"x"}]', ["MCP-Protocol-Version: 2025-03-26"]),
    "bad-json": http("POST", '{"jsonrpc":"2.0","id":1,'),
    "bad-version": http("POST", '{"jsonrpc":"2.0","id":1,"method":"ping"}', ["MCP-Protocol-Version: 1999-01-01"]),
    "foreign-host": http("POST", '{"jsonrpc":"2.0","id":1,"method":"ping"}', host="evil.example:80"),
    "foreign-origin": http("POST", '{"jsonrpc":"2.0","id":1,"method":"ping"}', ["Origin: http://evil.example"]),
    "local-origin": http("POST", '{"jsonrpc":"2.0","id":1,"method":"ping"}', ["Origin: http://{HOST}"]),
    "preflight": http("OPTIONS", None, ["Origin: http://localhost", "Access-Control-Request-Method: POST"]),
    "healthz": http("GET", None, path="/healthz", sid=False),
    "other-path": http("GET", None, path="/other?x=1", sid=False),
    "too-large": "POST /mcp HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: 99999999\r\n\r\n{",
    "bad-length": "POST /mcp HTTP/1.1\r\nHost: {HOST}\r\nContent-Length: -1\r\n\r\n{}",
    "chunked": "POST /mcp HTTP/1.1\r\nHost: {HOST}\r\nMcp-Session-Id: {SID}\r\nTransfer-Encoding: chunked\r\n\r\n"
               "10\r\n{\"jsonrpc\":\"2.0\",\r\n19\r\n\"id\":1,\"method\":\"ping\"}\r\n0\r\n\r\n",
    "expect-continue": "POST /mcp HTTP/1.1\r\nHost: {HOST}\r\nMcp-Session-Id: {SID}\r\nExpect: 100-continue\r\n"
                       "Content-Length: 40\r\n\r\n{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"ping\"}",
    "pipelined": http("POST", '{"jsonrpc":"2.0","id":1,"method":"ping"}') + http("POST", call("echo", 3)),
    "bearer": http("POST", '{"jsonrpc":"2.0","id":1,"method":"ping"}', ["Authorization: Bearer abc"]),
    "unknown-session": http("POST", '{"jsonrpc":"2.0","id":1,"method":"ping"}', ["Mcp-Session-Id: 00"], sid=False),
    "http10": "GET /healthz HTTP/1.0\r\n\r\n",
}
for i, (name, text) in enumerate(sorted(seeds.items())):
    put("http", name, b"\x00" + text.encode())
put("http", "stateless-echo", b"\x01" + http("POST", call("echo"), sid=False).encode())
put("http", "stateless-initialize", b"\x01" + http("POST", init, sid=False).encode())
