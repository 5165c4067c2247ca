"""Every subject code and name printed in the real reports, for building the subject catalogs.

Usage: .venv/bin/python tools/catalog_harvest.py CORPUS_DIR > harvest.tsv

Reads every report under CORPUS_DIR (PDFs and .txt; the year from the corpus MANIFEST.tsv when there is
one, else the report's own) with juesuan's reader and prints one line per
coded row of a coded table: year, kind (functional | economic), code, name as printed (whitespace
removed), and the report it was printed in. The catalog data files (src/juesuan/catalog/data/) were
built from this list, each entry naming the report it came from; a name printed differently by two
reports of one year is listed twice, for a person to decide (it is not resolved here).
"""

from __future__ import annotations

import sys
from pathlib import Path

from juesuan.read import read_path

# the coded tables of the two families, by canonical id
KINDS = {
    "T2": "functional", "T3": "functional", "T5": "functional", "T7": "functional", "T8": "functional", "T6": "economic",
    "B2": "functional", "B3": "functional", "B5": "functional", "B7": "functional", "B10": "functional", "B11": "functional",
    "B6": "economic", "B8": "economic", "B12": "economic",
}  # fmt: skip


def manifest_years(root: Path) -> dict[str, int]:
    """The year of each file as the corpus MANIFEST.tsv gives it (a report's own metadata may lack it)."""
    manifest = root / "MANIFEST.tsv"
    if not manifest.is_file():
        return {}
    lines = manifest.read_text(encoding="utf-8").splitlines()
    header = lines[0].split("\t")
    return {Path(f[header.index("file")]).stem: int(f[header.index("year")]) for f in (line.split("\t") for line in lines[1:]) if f}


def harvest(path: Path, years: dict[str, int]) -> set[tuple[int, str, str, str, str]]:
    report = read_path(path)
    year = years.get(path.stem) or report.metadata.year or 0
    out = set()
    for table in report.tables:
        kind = KINDS.get(table.kind)
        if kind is None:
            continue
        for row in table.rows:
            if row.code and row.name:
                out.add((year, kind, row.code, "".join(row.name.split()), path.stem))
    return out


def main() -> None:
    root = Path(sys.argv[1])
    rows: set[tuple[int, str, str, str, str]] = set()
    years = manifest_years(root)
    for path in sorted(root.rglob("*")):
        if path.suffix in (".pdf", ".txt") and path.is_file():
            rows |= harvest(path, years)
    for year, kind, code, name, source in sorted(rows):
        print(f"{year}\t{kind}\t{code}\t{name}\t{source}")


if __name__ == "__main__":
    main()
