#!/usr/bin/env python3
"""Writes tools.txt: a golden transcript that calls every openness tool once over stdio and pins
each structured answer (the text beside it is checked by tests/tools and the answers tests).
Run it after a deliberate change of an answer or of the data, and review the diff:

    python3 tests/golden/openness/make_tools.py build/bin/openness-mcp
"""
import json
import os
import subprocess
import sys

CALLS = [
    ("lookup_model", {"name": "allenai/OLMo-7B"}),
    ("lookup_model", {"name": "deepseek-ai/DeepSeek-R1-Distill-Llama-8B"}),
    ("compare_models", {"names": ["OLMo-7B", "GPT-4"]}),
    ("search_models", {"min_tier": "fully-open", "producer": "EleutherAI", "limit": 2}),
    ("get_license", {"license": "MIT"}),
    ("explain_openness", {"name": "GPT-4", "audience": "brief"}),
    ("check_openness_claim", {"model": "Llama-3.1-8B", "claim": "open source"}),
    ("classify_release", {"name": "mine", "licenses": {"distribution": "Apache-2.0"},
                          "components": [{"name": "Model parameters (Final)"}, {"name": "Training code"}]}),
    ("assess_model_card", {"card": "---\nlicense: apache-2.0\ndatasets:\n- allenai/dolma\n---\n# Mine\n"}),
]


def main():
    binary = sys.argv[1]
    init = {"jsonrpc": "2.0", "id": 0, "method": "initialize",
            "params": {"protocolVersion": "2025-11-25", "capabilities": {}, "clientInfo": {"name": "golden", "version": "0"}}}
    lines = [init, {"jsonrpc": "2.0", "method": "notifications/initialized"}]
    for i, (tool, args) in enumerate(CALLS, 1):
        lines.append({"jsonrpc": "2.0", "id": i, "method": "tools/call", "params": {"name": tool, "arguments": args}})
    stdin = "".join(json.dumps(x, separators=(",", ":"), ensure_ascii=False) + "\n" for x in lines)
    out = subprocess.run([binary], input=stdin, capture_output=True, text=True, check=True).stdout
    answers = {j["id"]: j for j in map(json.loads, out.splitlines())}
    here = os.path.dirname(os.path.abspath(__file__))
    with open(os.path.join(here, "tools.txt"), "w", encoding="utf-8") as f:
        f.write("# Every openness tool once, with its structured answer pinned (written by make_tools.py).\n")
        f.write("> " + json.dumps(init, separators=(",", ":")) + "\n")
        f.write('< {"jsonrpc":"2.0","id":0,"result":"<any>"}\n')
        f.write("> " + json.dumps(lines[1], separators=(",", ":")) + "\n")
        for i, (tool, args) in enumerate(CALLS, 1):
            a = answers[i]
            assert not a["result"].get("isError"), (tool, a)
            a["result"]["content"] = "<any>"
            f.write("> " + json.dumps(lines[i + 1], separators=(",", ":"), ensure_ascii=False) + "\n")
            f.write("< " + json.dumps(a, separators=(",", ":"), ensure_ascii=False) + "\n")
    print(f"{len(CALLS)} calls written to {os.path.join(here, 'tools.txt')}")


if __name__ == "__main__":
    main()
