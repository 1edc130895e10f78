#!/usr/bin/env python3
"""One verdict per framework, the same in text and in structure, for every record of the dataset:
lookup_model (default detail) is called over stdio with each record id, and its text and its
structuredContent are checked against each other:
  - the text's first line carries the spectrum tier's label (for an unknown tier with weights the
    producer says are released, a label that says so; for a family whose models the data places
    at different tiers, "Varies by model", and only then) and the OSAID outcome that the
    structure gives; an OSI validation decides the OSAID outcome;
  - the spectrum's reasons never contradict its tier (a closed model's reasons do not call its
    weights released under an open license; a model with released weights is not said to keep them);
  - the components agree with the tier (closed: weights not released; open source: the training
    data not open; fully open: weights, training code and data open);
  - the text's "Why:" line is the structure's spectrum "why";
  - search_models (whose per-model summaries compare_models shares) gives each record the same tier,
    and training code and data as lookup_model's components state them.

    tests/answers/coherence.py build/bin/openness-mcp data/models
"""
import glob
import json
import os
import subprocess
import sys

LABELS = {
    "unknown": "Cannot tell from the data",
    "closed": "Closed",
    "open-weights-restrictive-license": "Open weights under a restrictive license",
    "open-weights": "Open weights",
    "open-source": "Open source",
    "fully-open": "Fully open",
}
# Tier unknown, but the producer states the weights are released: the terms are what is unknown.
RELEASED_UNKNOWN = "Weights released; their license is not in the data"
# Tier unknown for a family, whose models the data places at different tiers.
VARIES = "Varies by model"


def main():
    binary, models = sys.argv[1], sys.argv[2]
    records = {}
    for path in glob.glob(os.path.join(models, "*.json")):
        with open(path, encoding="utf-8") as f:
            r = json.load(f)
        records[r["id"]] = r
    server = subprocess.Popen([binary, "--log-level", "error"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                              stderr=subprocess.DEVNULL, text=True)

    def send(msg):
        server.stdin.write(json.dumps(msg) + "\n")
        server.stdin.flush()

    send({"jsonrpc": "2.0", "id": 0, "method": "initialize",
          "params": {"protocolVersion": "2025-06-18", "capabilities": {}, "clientInfo": {"name": "c", "version": "1"}}})
    server.stdout.readline()
    send({"jsonrpc": "2.0", "method": "notifications/initialized"})
    problems = []
    # Every record's summary as search_models gives it, page by page.
    summaries, cursor, n = {}, None, 10**6
    while True:
        args = {"limit": 50} | ({"cursor": cursor} if cursor else {})
        send({"jsonrpc": "2.0", "id": n, "method": "tools/call", "params": {"name": "search_models", "arguments": args}})
        n += 1
        page = json.loads(server.stdout.readline())["result"]["structuredContent"]
        summaries.update({m["id"]: m for m in page["results"]})
        cursor = page.get("next_cursor")
        if not cursor:
            break
    for n, rid in enumerate(sorted(records), 1):
        send({"jsonrpc": "2.0", "id": n, "method": "tools/call",
              "params": {"name": "lookup_model", "arguments": {"name": rid}}})
        result = json.loads(server.stdout.readline())["result"]
        if result.get("isError"):
            problems.append(f"{rid}: isError: {result['content'][0]['text'][:120]}")
            continue
        s = result["structuredContent"]
        text = result["content"][0]["text"]
        head = [line for line in text.splitlines() if not line.startswith("Note:")][0]
        if s["model"]["id"] != rid:
            problems.append(f"{rid}: answered for {s['model']['id']}")
            continue
        tier = s["verdicts"]["spectrum"]["tier"]
        label = s["verdicts"]["spectrum"]["label"]
        if not label.startswith(LABELS[tier]) and not (tier == "unknown" and label in (RELEASED_UNKNOWN, VARIES)):
            problems.append(f"{rid}: the structure's label '{label}' is not the label of tier {tier}")
        member_tiers = {m["tier"] for m in s.get("members", [])} - {"unknown"}
        if tier == "unknown" and (label == VARIES) != (len(member_tiers) > 1):
            problems.append(f"{rid}: labelled '{label}', its models' tiers: {sorted(member_tiers)}")
        if label not in head:
            problems.append(f"{rid}: text headline lacks the tier label '{label}': {head}")
        weights = [c["status"] for c in s.get("components", []) if c["component"] == "weights"]
        if label == RELEASED_UNKNOWN and not (weights and weights[0].startswith("released")):
            problems.append(f"{rid}: labelled '{label}', but the components say weights {weights}")
        osaid = s["verdicts"]["osaid"]["outcome"]
        said = ("Meets" in head and "Does not meet" not in head, "Does not meet" in head, "not assessed" in head)
        if (osaid == "meets") != said[0] or (osaid == "does-not-meet") != said[1] or (osaid == "not-assessed") != said[2]:
            problems.append(f"{rid}: OSAID {osaid} in the structure, the text says: {head}")
        osi = records[rid].get("osi_validation")
        if osi and osaid != ("meets" if osi["outcome"] == "pass" else "does-not-meet"):
            problems.append(f"{rid}: OSI's validation says {osi['outcome']}, the answer says {osaid}")
        weights = next((c["status"] for c in s["components"] if c["component"] == "weights"), "")
        why = text.split("\nWhy: ", 1)[1].split("\n", 1)[0] if "\nWhy: " in text else ""
        if tier == "closed" and ("an open license" in why or weights.startswith("released")):
            problems.append(f"{rid}: closed, yet: weights {weights}; why: {why}")
        if tier in ("open-weights", "open-source", "fully-open") and weights.startswith("not released"):
            problems.append(f"{rid}: {tier}, yet the weights are 'not released'")
        if tier in ("open-weights", "open-source", "fully-open") and "not an open license" in why:
            problems.append(f"{rid}: {tier}, yet: {why}")
        if why != s["verdicts"]["spectrum"].get("why", ""):
            problems.append(f"{rid}: the text's why '{why}' is not the structure's '{s['verdicts']['spectrum'].get('why')}'")
        state = {c["component"]: c["state"] for c in s["components"]}
        if tier == "open-source" and state.get("training data") == "open":
            problems.append(f"{rid}: open source (data not released openly), yet training data is open: {s['components']}")
        if tier == "fully-open" and any(state.get(k) != "open" for k in ("weights", "training code", "training data")):
            problems.append(f"{rid}: fully open, yet the components read {state}")
        listed = summaries.get(rid)
        if listed is None:
            problems.append(f"{rid}: not listed by search_models")
            continue
        if listed["tier"] != tier:
            problems.append(f"{rid}: search_models says {listed['tier']}, lookup_model {tier}")
        for component, key in (("training code", "training_code"), ("training data", "training_data")):
            c = next((c for c in s["components"] if c["component"] == component), None)
            if not c or c.get("from") != "producer" or c["status"] == "not stated":
                continue
            said = c["status"].split(",")[0]
            want = "open" if said == "released" else "not released"
            if listed[key] != want:
                problems.append(f"{rid}: {component} '{c['status']}' per the producer, search_models says {listed[key]}")
    server.stdin.close()
    server.wait(timeout=30)
    print(f"coherence: {len(records)} records, {len(problems)} problems")
    for p in problems:
        print("  " + p)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
