"""List subject codes printed in report text files that the shipped catalog lacks or names differently.

Usage: PYTHONPATH=src python3 tools/catalog_missing.py YEAR report.txt [...]
Use it when adding reports to examples/ to see which 款/项 the data files still need.
"""

from __future__ import annotations

import re
import sys
from pathlib import Path

from juesuan.catalog import load_catalog

AMOUNT = r"-?[\d,]+\.\d{2}"
PAIR = re.compile(rf"(?<!\S)(\d{{7}}|\d{{5}}|\d{{3}}) (\S+?) (?={AMOUNT}(?:\s|$))")
CODE_ONLY = re.compile(r"^(\d{7}|\d{5}|\d{3})$")


def rows(text: str):
    lines = [line.strip() for line in text.splitlines()]
    i = 0
    while i < len(lines):
        only = CODE_ONLY.match(lines[i])
        if only:  # code alone, name wrapped over the next lines, then the amounts
            j, parts = i + 1, []
            while j < len(lines) and not re.match(AMOUNT, lines[j]):
                parts.append(lines[j])
                j += 1
            yield only.group(1), "".join(parts)
            i = j
            continue
        if re.match(r"^\d{3,7} ", lines[i]):
            for m in PAIR.finditer(lines[i]):
                yield m.group(1), m.group(2)
        i += 1


def main(argv: list[str]) -> int:
    if len(argv) < 2:
        print(__doc__)
        return 2
    catalog = load_catalog(int(argv[0]))
    bad = 0
    for path in argv[1:]:
        for code, name in sorted(set(rows(Path(path).read_text(encoding="utf-8")))):
            kind = "economic" if code.startswith("3") else "functional"
            subject = catalog.lookup(code, kind)
            if subject is None:
                print(f"{path}: missing  {code}\t{name}")
                bad += 1
            elif not catalog.names_match(code, name, kind):
                print(f"{path}: differs  {code}\t{name}\t(catalog: {subject.name})")
                bad += 1
    print(f"edition {catalog.edition}: {bad} problem(s)")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
