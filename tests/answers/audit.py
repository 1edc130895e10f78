#!/usr/bin/env python3
"""Re-checks data/AUDIT.md: for every checked record, the tier the server answers today against
the tier the producer's page gives. Prints the count and each record still off; fails under 60
checked records or under 95 % right.

    tests/answers/audit.py build/bin/openness-mcp data/AUDIT.md
"""
import json
import re
import subprocess
import sys


def main():
    binary, audit = sys.argv[1], sys.argv[2]
    rows = [line for line in open(audit, encoding="utf-8") if re.match(r"\| \d+ \|", line)]
    right, off = 0, []
    for line in rows:
        cells = [c.strip() for c in line.strip().strip("|").split("|")]
        rid, expected, verdict = cells[1], cells[5], cells[7]
        if verdict.startswith("not checked"):
            continue
        out = subprocess.run([binary, "lookup", rid, "--format", "json"], capture_output=True, text=True, check=True)
        served = json.loads(out.stdout)["verdicts"]["spectrum"]["tier"]
        if served == expected:
            right += 1
        else:
            off.append(f"  {rid}: serves {served}, the producer's page gives {expected}")
    checked = right + len(off)
    print(f"{right} of {checked} checked records served with the producer's tier")
    print("\n".join(off))
    if checked < 60 or right < 0.95 * checked:
        print("the audit needs at least 60 checked records and 95 % of them right")
        sys.exit(1)


if __name__ == "__main__":
    main()
