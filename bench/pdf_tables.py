"""PDF tables: juesuan against pdfplumber and camelot on the same PDFs, and the floor.

Usage: .venv/bin/pip install -e '.[bench]'; .venv/bin/python bench/pdf_tables.py

For every fixture PDF derived from a corpus report, each extractor's tables are scored
against the cells the text reader gives for that report (tests/golden): a cell is
right when the extractor has a table row whose label cell is the subject code, the
行次 or the printed name, and whose n-th value cell after it is the amount, exactly as
printed (thousands separators ignored). juesuan is scored on its model. The floor is
bare character extraction of the same pages with pypdfium2 (every character with its
box); PyMuPDF's word extraction is printed beside it for reference when it can be
installed (it is AGPL and never a juesuan dependency). Times are seconds per page,
best of three.
"""

from __future__ import annotations

import csv
import importlib.util
import re
import subprocess
import tempfile
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
GOLDEN = ROOT / "tests" / "golden"
REPORTS = {"lianjiang-2023": "lianjiang-medical-security-bureau-2023", "jiangmen-2024": "jiangmen-medical-security-bureau-2024"}
_VALUE = re.compile(r"^-?[\d,]+\.\d+$")


def golden_rows(stem: str) -> dict[tuple[str, str, str], list[str]]:
    rows: dict[tuple[str, str, str], list[str]] = {}
    with open(GOLDEN / f"{REPORTS[stem]}.csv", encoding="utf-8") as handle:
        for cell in csv.DictReader(handle):
            rows.setdefault((cell["table"], cell["row"], cell["name"]), []).append(cell["amount"])
    return rows


def _norm(text) -> str:
    return re.sub(r"\s+", "", str(text or "")).replace(",", "")


def score(tables: list[list[list[str]]], rows: dict[tuple[str, str, str], list[str]]) -> tuple[int, int]:
    """(cells right, cells expected) for extracted tables (lists of rows of cell texts)."""
    extracted = [[_norm(c) for c in row] for table in tables for row in table]
    right = total = 0
    for (_, key, name), amounts in rows.items():
        total += len(amounts)
        labels = {x for x in (key, _norm(name), key + _norm(name)) if x}
        best = 0
        for row in extracted:
            for i, cell in enumerate(row):
                if cell in labels:
                    values = [c for c in row[i + 1 :] if _VALUE.match(c)]
                    best = max(best, sum(1 for a, b in zip(values, amounts) if a == b))
        right += best
    return right, total


def timed(function, *args, repeat: int = 3):
    best, result = float("inf"), None
    for _ in range(repeat):
        start = time.perf_counter()
        result = function(*args)
        best = min(best, time.perf_counter() - start)
    return best, result


def run_juesuan(path: Path):
    from juesuan.read import read_path

    return read_path(path)


def run_pdfplumber(path: Path):
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [table for page in pdf.pages for table in page.extract_tables()]


def run_camelot(path: Path, flavor: str):
    import camelot

    tables = camelot.read_pdf(str(path), pages="all", flavor=flavor)
    return [table.df.values.tolist() for table in tables]


def floor(data: bytes) -> int:
    from juesuan.read.pdf import characters

    return characters(data)


def pymupdf_words(path: Path) -> int:
    import pymupdf

    with pymupdf.open(path) as doc:
        return sum(len(page.get_text("words")) for page in doc)


def main() -> None:
    sys.path.insert(0, str(ROOT / "src"))
    import pypdfium2

    from juesuan.model.tidy import tidy_cells

    # PyMuPDF (AGPL) is a reference figure only: installed into a scratch directory for
    # this run, never into the project's environment.
    have_mupdf = importlib.util.find_spec("pymupdf") is not None
    if not have_mupdf:
        scratch = Path(tempfile.mkdtemp(prefix="juesuan-bench-"))
        have_mupdf = subprocess.run([sys.executable, "-m", "pip", "install", "-q", "--target", str(scratch), "pymupdf"], capture_output=True).returncode == 0
        sys.path.append(str(scratch))
    print(f"{'PDF':<20}{'extractor':<20}{'cells right':>14}{'s/page':>10}{'× floor':>9}")
    for stem in REPORTS:
        path = FIXTURES / f"{stem}.pdf"
        data = path.read_bytes()
        pages = len(pypdfium2.PdfDocument(data))
        rows = golden_rows(stem)
        expected = sum(len(v) for v in rows.values())
        base, _ = timed(floor, data)
        results = []
        seconds, report = timed(run_juesuan, path)
        gold = {tuple(c) for c in csv.reader(open(GOLDEN / f"{REPORTS[stem]}.csv", encoding="utf-8"))}
        got = {tuple(c) for c in tidy_cells(report)}
        results.append(("juesuan", len(gold & got), seconds))
        for label, function, args in (
            ("pdfplumber", run_pdfplumber, (path,)),
            ("camelot lattice", run_camelot, (path, "lattice")),
            ("camelot stream", run_camelot, (path, "stream")),
        ):
            try:
                seconds, tables = timed(function, *args, repeat=1)
            except Exception as exc:  # noqa: BLE001 - report and go on
                print(f"{stem:<20}{label:<20}{'skipped: ' + type(exc).__name__:>33}")
                continue
            results.append((label, score(tables, rows)[0], seconds))
        for label, right, seconds in results:
            print(f"{stem:<20}{label:<20}{100 * right / expected:>13.1f}%{seconds / pages:>10.4f}{seconds / base:>9.1f}")
        print(f"{stem:<20}{'floor (pypdfium2)':<20}{'':>14}{base / pages:>10.4f}{1.0:>9.1f}")
        if have_mupdf:
            seconds, _ = timed(pymupdf_words, path)
            print(f"{stem:<20}{'PyMuPDF words':<20}{'(reference)':>14}{seconds / pages:>10.4f}{seconds / base:>9.1f}")


if __name__ == "__main__":
    main()
