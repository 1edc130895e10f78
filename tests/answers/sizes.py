#!/usr/bin/env python3
"""The size of what an assistant reads: tools/list, and every tool's default answer with typical
arguments, over stdio from the real binary. Prints one line per call; exits 1 when a budget is
broken (issue 18): lookup_model under 1,500 bytes of text and 3,000 of structuredContent, no
default answer over 6,000 bytes in all, tools/list under 12 KB.

    tests/answers/sizes.py build/bin/openness-mcp
"""
import json
import subprocess
import sys

CALLS = [
    ("lookup_model", {"name": "OLMo-7B"}),
    ("lookup_model", {"name": "meta-llama/Llama-3.1-8B-Instruct"}),
    ("lookup_model", {"name": "gemma3:27b"}),
    ("lookup_model", {"name": "GPT-4o"}),
    ("lookup_model", {"name": "qwen2.5"}),
    ("compare_models", {"names": ["OLMo-7B", "Llama-3.1-8B", "Mistral Large 3", "GPT-4", "Qwen3-8B"]}),
    ("explain_openness", {"name": "Llama 3.1 8B"}),
    ("check_openness_claim", {"model": "Llama-3.1-8B", "claim": "our open-source model", "claimant": "Meta"}),
    ("search_models", {"min_tier": "fully-open", "modality": "text", "limit": 5}),
    ("get_license", {"license": "llama3.1"}),
    ("classify_release", {"name": "my-model", "licenses": {"distribution": "Apache-2.0"},
                          "components": [{"name": "model_parameters_final"}, {"name": "training_code"}]}),
    ("assess_model_card", {"card": "---\nlicense: apache-2.0\ndatasets:\n- allenai/dolma\n---\n# My model\n"}),
]
LOOKUP_TEXT, LOOKUP_STRUCTURED, ANSWER_TOTAL, TOOLS_LIST = 1500, 3000, 6000, 12000


def compact(x):
    return len(json.dumps(x, separators=(",", ":"), ensure_ascii=False).encode())


def main():
    server = subprocess.Popen([sys.argv[1]], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)
    next_id = 0

    def rpc(method, params):
        nonlocal next_id
        next_id += 1
        server.stdin.write(json.dumps({"jsonrpc": "2.0", "id": next_id, "method": method, "params": params}) + "\n")
        server.stdin.flush()
        return json.loads(server.stdout.readline())

    rpc("initialize", {"protocolVersion": "2025-06-18", "capabilities": {},
                       "clientInfo": {"name": "sizes", "version": "1"}})
    server.stdin.write(json.dumps({"jsonrpc": "2.0", "method": "notifications/initialized"}) + "\n")
    failures = []
    tools = rpc("tools/list", {})["result"]
    size = compact(tools)
    print(f"tools/list                 {size:6d} bytes (budget {TOOLS_LIST})")
    if size > TOOLS_LIST:
        failures.append(f"tools/list is {size} bytes")
    for name, args in CALLS:
        result = rpc("tools/call", {"name": name, "arguments": args}).get("result", {})
        text = sum(len(c.get("text", "").encode()) for c in result.get("content", []))
        structured = compact(result.get("structuredContent", {}))
        total = compact(result)
        label = f"{name} {json.dumps(args)[:40]}"
        print(f"{label:52s} text {text:5d}  structured {structured:5d}  all {total:5d}"
              + ("  (isError)" if result.get("isError") else ""))
        if result.get("isError"):
            failures.append(f"{label}: isError")
        if name == "lookup_model" and (text > LOOKUP_TEXT or structured > LOOKUP_STRUCTURED):
            failures.append(f"{label}: text {text} / structured {structured}")
        if total > ANSWER_TOTAL:
            failures.append(f"{label}: {total} bytes in all")
    server.stdin.close()
    server.wait(timeout=10)
    for f in failures:
        print("OVER BUDGET:", f)
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
