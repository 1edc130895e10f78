#!/usr/bin/env python3
"""The pictures say what the text says, and are XML whatever a record holds:
  - for every record of the dataset, openness://models/{id}/card.svg and badge.svg parse as XML
    (an SVG root, nothing else); the card's tier is lookup_model's spectrum tier, each component
    lookup_model states has the same state on the card, the badge names the same tier, the weights
    cell says what the tier says of the weights, and the cells are what search_models (whose
    summaries compare_models shares) gives the record;
  - a user's record (--data-dir) whose name, producer and id hold markup, entities, control
    characters, right-to-left marks and long CJK text gives a card and a badge that parse, whose
    texts are those strings (escaped, cut with an ellipsis where too wide), never markup.

    tests/answers/pictures.py build/bin/openness-mcp data/models
"""
import copy
import glob
import json
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET

SVG = "{http://www.w3.org/2000/svg}"


class Server:
    def __init__(self, binary, *args):
        self.p = subprocess.Popen([binary, "--log-level", "error", *args], stdin=subprocess.PIPE,
                                  stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True, encoding="utf-8")
        self.next = 0
        self.call("initialize", {"protocolVersion": "2025-11-25", "capabilities": {},
                                 "clientInfo": {"name": "pictures", "version": "1"}})

    def call(self, method, params):
        self.next += 1
        self.p.stdin.write(json.dumps({"jsonrpc": "2.0", "id": self.next, "method": method, "params": params}) + "\n")
        self.p.stdin.flush()
        reply = json.loads(self.p.stdout.readline())
        assert reply.get("id") == self.next, reply
        return reply

    def svg(self, uri):
        r = self.call("resources/read", {"uri": uri})
        if "error" in r:
            raise AssertionError(f"{uri}: {r['error']['message']}")
        c = r["result"]["contents"][0]
        assert c["mimeType"] == "image/svg+xml", c["mimeType"]
        root = ET.fromstring(c["text"])  # raises on anything that is not well-formed XML
        assert root.tag == SVG + "svg", root.tag
        return root

    def close(self):
        self.p.stdin.close()
        self.p.wait(timeout=30)


def card_facts(root):
    tier = root.find(f".//{SVG}g[@id='oc-tier']").get("data-tier")
    groups = [g for g in root.iter(SVG + "g") if g.get("class") == "oc-cell"]
    cells = {g.get("data-component"): g.get("data-state") for g in groups}
    titles = {g.get("data-component"): g.find(f"{SVG}title").text for g in groups}
    return tier, cells, titles


def words_state(title):
    """The state a cell's own words give ("Training code: released under MIT (open)"), or None."""
    status = title.split(": ", 1)[1]
    if status.startswith("not released") or status.startswith("closed, per EOSAI") or "Undisclosed" in status:
        return "not released"
    if status.startswith("released under") and status.endswith("(open)"):
        return "open"
    if status.startswith("released under") and status.endswith("(not open)"):
        return "restricted"
    return None


# What the tier says of the weights (a tier the data cannot place says nothing).
WEIGHTS_BY_TIER = {"closed": "not released", "open-weights-restrictive-license": "restricted",
                   "open-weights": "open", "open-source": "open", "fully-open": "open"}
# search_models' one word per component, as the card draws it ("partial" is restricted).
CELL_OF = {"open": "open", "restricted": "restricted", "partial": "restricted", "not released": "not released"}


def search_summaries(server):
    out, cursor = {}, None
    while True:
        args = {"limit": 50}
        if cursor:
            args["cursor"] = cursor
        s = server.call("tools/call", {"name": "search_models", "arguments": args})["result"]["structuredContent"]
        for r in s["results"]:
            out[r["id"]] = r
        cursor = s.get("next_cursor")
        if not cursor:
            return out


def check_dataset(binary, models):
    ids = sorted(json.load(open(p, encoding="utf-8"))["id"] for p in glob.glob(os.path.join(models, "*.json")))
    server = Server(binary)
    failures, checked = [], 0
    listed = search_summaries(server)
    for rid in ids:
        try:
            card, badge = server.svg(f"openness://models/{rid}/card.svg"), server.svg(f"openness://models/{rid}/badge.svg")
            tier, cells, titles = card_facts(card)
            assert len(cells) == 5, cells
            assert badge.find(f".//{SVG}text[@data-tier]").get("data-tier") == tier, "badge and card disagree"
            if tier in WEIGHTS_BY_TIER:
                assert cells["weights"] == WEIGHTS_BY_TIER[tier], f"{tier}, yet the weights cell says {cells['weights']}"
            for component in ("training code", "training data"):
                said = words_state(titles[component])
                assert said is None or said == cells[component], \
                    f"{component}: the card says {cells[component]}, its words '{titles[component]}'"
            summary = listed.get(rid)
            assert summary, "not listed by search_models"
            for component, key in (("weights", "weights"), ("training code", "training_code"),
                                   ("training data", "training_data"), ("documentation", "documentation")):
                want = CELL_OF.get(summary[key], "unknown")
                assert cells[component] == want, f"{component}: card {cells[component]}, search_models {summary[key]}"
            answer = server.call("tools/call", {"name": "lookup_model", "arguments": {"name": rid}})["result"]
            s = answer.get("structuredContent", {})
            if s.get("status") != "found" or s["model"]["id"] != rid:
                continue  # an id that names several records (a family's): compared through its own models
            assert tier == s["verdicts"]["spectrum"]["tier"], f"card {tier}, text {s['verdicts']['spectrum']['tier']}"
            for c in s["components"]:
                assert cells.get(c["component"]) == c["state"], \
                    f"{c['component']}: card {cells.get(c['component'])}, text {c['state']} ({c['status']})"
            checked += 1
        except (AssertionError, ET.ParseError) as e:
            failures.append(f"{rid}: {e}")
    server.close()
    print(f"{len(ids)} records drawn, {checked} compared with lookup_model")
    return failures


HOSTILE = {
    "name": "</text><script>alert(1)</script> & &amp; \"q\" 'a' \u202eevil\u200b \u6a21\u578b" * 3,
    "producer": "]]><!-- x -->\tTab\u0085",
}


def check_hostile(binary):
    example = os.path.join(os.path.dirname(__file__), "..", "..", "examples", "data", "acme-7b.json")
    record = copy.deepcopy(json.load(open(example, encoding="utf-8")))
    record["id"] = "hostile-7b"
    record["name"] = HOSTILE["name"]
    record["producer"] = HOSTILE["producer"]
    record["aliases"] = []
    failures = []
    with tempfile.TemporaryDirectory() as d:
        with open(os.path.join(d, "hostile.json"), "w", encoding="utf-8") as f:
            json.dump(record, f, ensure_ascii=False)
        server = Server(binary, "--data-dir", d)
        try:
            card = server.svg("openness://models/hostile-7b/card.svg")
            badge = server.svg("openness://models/hostile-7b/badge.svg")
            name = card.find(f".//{SVG}text[@id='oc-name']").text
            assert name.endswith("\u2026") and HOSTILE["name"].startswith(name[:-1].rstrip()), name
            assert card.find(f".//{SVG}script") is None and badge.find(f".//{SVG}script") is None
            assert HOSTILE["name"] in card.find(f"{SVG}title").text
            assert HOSTILE["name"] in badge.find(f"{SVG}title").text
        except (AssertionError, ET.ParseError) as e:
            failures.append(f"hostile record: {e}")
        server.close()
    return failures


def main():
    binary, models = sys.argv[1], sys.argv[2]
    failures = check_dataset(binary, models) + check_hostile(binary)
    for f in failures[:40]:
        print("FAIL", f)
    if failures:
        print(f"{len(failures)} failure(s)")
        return 1
    print("every picture parses and agrees with the text")
    return 0


if __name__ == "__main__":
    sys.exit(main())
