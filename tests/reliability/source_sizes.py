#!/usr/bin/env python3
"""Units a newcomer can read in one sitting: no C++ source file in mcp/ or tools/ longer than 700
lines. (Functions over 100 lines are clang-tidy's readability-function-size, in .clang-tidy.)

    python3 tests/reliability/source_sizes.py [ROOT]
"""
import pathlib
import sys

LIMIT = 700

root = pathlib.Path(sys.argv[1] if len(sys.argv) > 1 else pathlib.Path(__file__).resolve().parents[2])
files = sorted(p for d in ("mcp", "tools") for p in (root / d).rglob("*") if p.suffix in (".cpp", ".h"))
if not files:
    sys.exit(f"source_sizes.py: no C++ sources under {root}/mcp or {root}/tools")
long = [(p, n) for p in files if (n := len(p.read_text(encoding="utf-8").splitlines())) > LIMIT]
for p, n in long:
    print(f"{p.relative_to(root)}: {n} lines (limit {LIMIT})")
if long:
    sys.exit(f"source_sizes.py: {len(long)} file(s) over {LIMIT} lines; split them by concern")
print(f"source_sizes.py: {len(files)} files, none over {LIMIT} lines")
