"""PDF tables: juesuan against pdfplumber and camelot on the same PDFs, and the floor.

Usage: .venv/bin/python bench/pdf_tables.py [--runs N] [--scratch DIR]

Documents, in two groups:

* real: the published PDF tests/fixtures/real/juesuan/shanghai-putuo-planning-resources-
  bureau-2024-final.pdf (30 pages, the gold tables on pages 7-17, portrait and landscape,
  blank cells, tables that run on over a page without repeating their header), scored against
  the hand-written tests/gold/real/...cells.csv (308 cells, each with its page).
* generated: tests/fixtures/lianjiang-2023.pdf and jiangmen-2024.pdf, drawn from corpus
  reports by their generators, scored against tests/golden/*.csv (the text reader's
  cells for the same report; no page column). Lianjiang prints its codes split over
  类|款|项 columns; both print thousands separators.

Extractors, each run on every page of the PDF:

* juesuan: ``read_path`` and its model; cells from ``juesuan.model.tidy.tidy_cells``.
* pdfplumber: ``page.extract_tables()`` with default settings, on every page.
* camelot lattice and camelot stream: ``camelot.read_pdf(pages="all", flavor=...)``
  with default settings, each table's ``df``.
* floor: bare pypdfium2 character extraction (``juesuan.read.pdf.characters``: every
  character of every page with its box, nothing else). No table reader can be faster.
* PyMuPDF ``get_text("words")``: a speed reference only, when it can be installed (it is
  AGPL and never a juesuan dependency); it builds no tables and is not scored.

What the numbers mean:

* cells right: how many of the gold cells the extractor got exactly, out of all gold
  cells, and the same as a percentage. A gold cell is (table, row code, row name,
  column, amount).
  - juesuan produces such cells itself, so a gold cell is right when the identical
    tuple is among juesuan's cells (amount without thousands separators); the table id,
    the code, the name and the whole column path must all match.
  - pdfplumber and camelot produce tables of strings with no table ids, codes or column
    paths, so they are scored as leniently as can be defended: a gold cell is right
    when some extracted table cell
      (a) has the amount as its whole text (whitespace and thousands separators
          ignored);
      (b) is on the gold cell's page (real PDF only; the generated goldens carry no
          page, so any page counts there);
      (c) has, to its left in the same extracted row, the gold row's label: a cell that
          equals the code, or a run of adjacent all-digit cells that concatenates to the
          code (类|款|项 columns), or a cell that is the code followed by the name, or a
          cell that equals the name (a label stuck together with other text in one
          cell does not count, as for amounts). Gold rows with neither code nor name (the one data
          row of the 三公 table) need no label;
      (d) has the gold column's last label (e.g. 决算数 for 收入/决算数) inside the text
          of its column header: every non-amount text above it in the same extracted
          column of the same table, joined. When a column has no text above at all (a
          table that runs on over a page without repeating its header) it takes the
          header of that column in the latest earlier table with the same number of
          columns, as a reader would.
    Text is compared after Unicode NFKC and with all whitespace removed (so wrapped
    labels and full-/half-width brackets match). Each extracted cell can count for
    one gold cell only (a maximum one-to-one matching), so a table extracted twice
    does not score twice. The table id is not checked, the column only by its last
    label, and the row by any of its label forms: every leniency falls in favour of
    pdfplumber and camelot, none in favour of juesuan.
* extra: for juesuan, cells it produced that are not in the gold file. For pdfplumber
  and camelot, extracted cells that look like amounts (-?digits.digits, thousands
  separators allowed) and were not matched to a gold cell: numbers in the wrong place,
  in a duplicated table, or stuck together with other text.
* ms/page: wall-clock milliseconds for the whole PDF divided by its page count (all
  pages, narrative ones too), the median of N runs (--runs, default 3), parsing
  included (juesuan's time is its whole read: layout, tables, narrative, metadata);
  every extractor gets one untimed run on the first PDF first (imports,
  caches).
* × floor: that time over the floor's time on the same PDF.

Install: pdfplumber, camelot-py and opencv-python-headless are the optional extra
``bench`` in pyproject.toml (``.venv/bin/pip install -e '.[bench]'``). When they are not
importable from the running interpreter, the script installs whatever is missing with
pip ``--target`` into a scratch directory outside the repo (default: juesuan-bench-
extractors under the system temporary directory, kept for the next run) and appends it
to sys.path, so the project's environment is never changed. PyMuPDF is only ever put
there. Nothing is written into the repo; the table goes to stdout.
"""

from __future__ import annotations

import argparse
import csv
import importlib
import importlib.util
import re
import statistics
import subprocess
import sys
import tempfile
import time
import unicodedata
import warnings
from dataclasses import dataclass
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TESTS = ROOT / "tests"


@dataclass(frozen=True)
class Document:
    group: str
    name: str
    pdf: Path
    gold: Path


DOCUMENTS = (
    Document(
        "real",
        "putuo-2024",
        TESTS / "fixtures/real/juesuan/shanghai-putuo-planning-resources-bureau-2024-final.pdf",
        TESTS / "gold/real/shanghai-putuo-planning-resources-bureau-2024-final.cells.csv",
    ),
    Document(
        "generated", "lianjiang-2023", TESTS / "fixtures/lianjiang-2023.pdf", TESTS / "golden/lianjiang-medical-security-bureau-2023.csv"
    ),
    Document(
        "generated", "jiangmen-2024", TESTS / "fixtures/jiangmen-2024.pdf", TESTS / "golden/jiangmen-medical-security-bureau-2024.csv"
    ),
)

# module to import -> pip requirement that provides it
EXTRACTORS = {"pdfplumber": "pdfplumber>=0.11", "camelot": "camelot-py>=0.11", "cv2": "opencv-python-headless>=4.8"}
REFERENCE = {"pymupdf": "pymupdf"}

_AMOUNT = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$|^-?\d+\.\d+$")
_DIGITS = re.compile(r"^\d+$")


# --------------------------------------------------------------------------- gold


@dataclass(frozen=True)
class GoldCell:
    table: str
    row: str
    name: str
    column: str
    amount: str
    page: int | None

    @property
    def key(self) -> tuple[str, str, str, str, str]:
        return (self.table, self.row, self.name, self.column, self.amount)


def load_gold(path: Path) -> list[GoldCell]:
    with open(path, encoding="utf-8", newline="") as handle:
        return [
            GoldCell(r["table"], r["row"], r["name"], r["column"], r["amount"], int(r["page"]) if r.get("page") else None)
            for r in csv.DictReader(handle)
        ]


# --------------------------------------------------------------------------- extractors


def ensure_importable(modules: dict[str, str], scratch: Path) -> dict[str, bool]:
    """Install into ``scratch`` (never the running environment) what cannot be imported."""
    if str(scratch) not in sys.path:
        sys.path.append(str(scratch))
    importlib.invalidate_caches()
    missing = [req for mod, req in modules.items() if importlib.util.find_spec(mod) is None]
    if missing:
        print(f"installing {', '.join(missing)} into {scratch} (scratch, not the project environment)", file=sys.stderr)
        subprocess.run(
            [sys.executable, "-m", "pip", "install", "-q", "--disable-pip-version-check", "--target", str(scratch), *missing],
            capture_output=True,
        )
        importlib.invalidate_caches()
    return {mod: importlib.util.find_spec(mod) is not None for mod in modules}


Table = tuple[int, list[list[str]]]  # (1-based page, rows of cell texts)


def run_juesuan(path: Path):
    from juesuan.read import read_path

    return read_path(path)


def run_pdfplumber(path: Path) -> list[Table]:
    import pdfplumber

    with pdfplumber.open(path) as pdf:
        return [(page.page_number, table) for page in pdf.pages for table in page.extract_tables()]


def run_camelot(path: Path, flavor: str) -> list[Table]:
    import camelot

    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # camelot warns on every page without a table
        tables = camelot.read_pdf(str(path), pages="all", flavor=flavor)
    return [(int(table.page), table.df.values.tolist()) for table in tables]


def run_floor(data: bytes) -> int:
    from juesuan.read.pdf import characters

    return characters(data)


def run_pymupdf_words(path: Path) -> int:
    import pymupdf

    with pymupdf.open(path) as doc:
        return sum(len(page.get_text("words")) for page in doc)


def timed(function, *args, runs: int):
    """(median seconds over ``runs`` runs, result of the last run)."""
    times, result = [], None
    for _ in range(runs):
        start = time.perf_counter()
        result = function(*args)
        times.append(time.perf_counter() - start)
    return statistics.median(times), result


# --------------------------------------------------------------------------- scoring


def _norm(text) -> str:
    return re.sub(r"\s+", "", unicodedata.normalize("NFKC", str(text or "")))


def _amount(text: str) -> str | None:
    """The amount a cell holds as its whole text, without thousands separators."""
    return text.replace(",", "") if _AMOUNT.match(text) else None


def _has_label(cells: list[str], code: str, name: str) -> bool:
    """Whether ``cells`` (the row's cells left of the amount) carry the gold row's label."""
    if not code and not name:
        return True
    for i, cell in enumerate(cells):
        if not cell:
            continue
        if name and cell == name:
            return True
        if code:
            if cell == code or (name and cell == code + name):
                return True
            if cell.startswith(code) and not cell[len(code)].isdigit():
                return True
            if _DIGITS.match(cell) and code.startswith(cell):
                joined, j = cell, i + 1
                while j < len(cells) and len(joined) < len(code) and _DIGITS.match(cells[j]):
                    joined += cells[j]
                    j += 1
                if joined == code:
                    return True
    return False


def score(tables: list[Table], gold: list[GoldCell]) -> tuple[int, int]:
    """(gold cells right, extracted amount cells not matched) for raw extracted tables."""
    normed = [(page, [[_norm(c) for c in row] for row in rows]) for page, rows in tables]
    # the header text of every column of every table, and the inherited one when empty
    headers: list[list[str]] = []
    latest: dict[int, list[str]] = {}  # column count -> the latest table's whole-column texts
    values: list[tuple[int, int, int, str]] = []  # (table, row, column, amount)
    for t, (_, rows) in enumerate(normed):
        width = max((len(r) for r in rows), default=0)
        whole = ["".join(r[c] for r in rows if c < len(r) and not _amount(r[c])) for c in range(width)]
        inherited = latest.get(width, [""] * width)
        headers.append(inherited)
        latest[width] = [w or i for w, i in zip(whole, inherited)]
        for r, row in enumerate(rows):
            for c, cell in enumerate(row):
                amount = _amount(cell)
                if amount is not None:
                    values.append((t, r, c, amount))
    by_amount: dict[str, list[int]] = {}
    for v, (_, _, _, amount) in enumerate(values):
        by_amount.setdefault(amount, []).append(v)

    def header(t: int, r: int, c: int) -> str:
        rows = normed[t][1]
        above = "".join(rows[i][c] for i in range(r) if c < len(rows[i]) and not _amount(rows[i][c]))
        return above or headers[t][c]

    candidates: list[list[int]] = []
    for cell in gold:
        leaf, code, name = _norm(cell.column.split("/")[-1]), _norm(cell.row), _norm(cell.name)
        found = []
        for v in by_amount.get(cell.amount, ()):
            t, r, c, _ = values[v]
            if cell.page is not None and normed[t][0] != cell.page:
                continue
            if leaf not in header(t, r, c):
                continue
            if not _has_label(normed[t][1][r][:c], code, name):
                continue
            found.append(v)
        candidates.append(found)

    # maximum one-to-one matching of gold cells to extracted cells (Kuhn's algorithm)
    owner: dict[int, int] = {}

    def claim(g: int, seen: set[int]) -> bool:
        for v in candidates[g]:
            if v in seen:
                continue
            seen.add(v)
            if v not in owner or claim(owner[v], seen):
                owner[v] = g
                return True
        return False

    right = sum(1 for g in range(len(gold)) if candidates[g] and claim(g, set()))
    return right, len(values) - len(owner)


# --------------------------------------------------------------------------- main


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3, help="timed runs per extractor and PDF; the median is reported (default 3)")
    parser.add_argument(
        "--scratch",
        type=Path,
        default=Path(tempfile.gettempdir()) / "juesuan-bench-extractors",
        help="where missing extractors are pip-installed (never the project environment)",
    )
    args = parser.parse_args()
    runs = max(1, args.runs)
    sys.setrecursionlimit(max(sys.getrecursionlimit(), 10_000))
    sys.path.insert(0, str(ROOT / "src"))

    import pypdfium2

    from juesuan.model.tidy import tidy_cells

    have = ensure_importable(EXTRACTORS, args.scratch)
    have.update(ensure_importable(REFERENCE, args.scratch))
    extractors = [("pdfplumber", run_pdfplumber, (), have["pdfplumber"])]
    extractors += [(f"camelot {flavor}", run_camelot, (flavor,), have["camelot"] and have["cv2"]) for flavor in ("lattice", "stream")]

    line = f"{'group':<10}{'PDF':<16}{'extractor':<19}{'cells right':>17}{'%':>7}{'extra':>7}{'ms/page':>9}{'× floor':>9}"
    print(f"runs per timing: {runs} (median)")
    print(line)
    print("-" * len(line))
    findings: list[str] = []
    for doc in DOCUMENTS:
        data = doc.pdf.read_bytes()
        pages = len(pypdfium2.PdfDocument(data))
        gold = load_gold(doc.gold)
        total = len(gold)
        warm = doc is DOCUMENTS[0]  # one untimed run of each extractor first: imports, caches
        if warm:
            run_floor(data), run_juesuan(doc.pdf)
        base, _ = timed(run_floor, data, runs=runs)

        def row(label: str, right, extra, seconds) -> None:
            cells = f"{right}/{total}" if right is not None else ""
            pct = f"{100 * right / total:.1f}" if right is not None else ""
            print(
                f"{doc.group:<10}{doc.name:<16}{label:<19}{cells:>17}{pct:>7}{'' if extra is None else extra:>7}{1000 * seconds / pages:>9.2f}{seconds / base:>9.1f}"
            )

        seconds, report = timed(run_juesuan, doc.pdf, runs=runs)
        got = {tuple(c) for c in tidy_cells(report)}
        want = {g.key for g in gold}
        row("juesuan", len(want & got), len(got - want), seconds)
        for key in sorted(want - got):
            findings.append(f"{doc.name}: juesuan missed {','.join(key)}")
        for key in sorted(got - want):
            findings.append(f"{doc.name}: juesuan extra  {','.join(key)}")
        for label, function, extra_args, available in extractors:
            if not available:
                print(f"{doc.group:<10}{doc.name:<16}{label:<19}{'not installed':>17}")
                continue
            try:
                if warm:
                    function(doc.pdf, *extra_args)
                seconds, tables = timed(function, doc.pdf, *extra_args, runs=runs)
            except Exception as exc:  # noqa: BLE001 - report and go on
                print(f"{doc.group:<10}{doc.name:<16}{label:<19}{'failed: ' + type(exc).__name__:>17}")
                continue
            right, extra = score(tables, gold)
            row(label, right, extra, seconds)
        row("floor (pypdfium2)", None, None, base)
        if have["pymupdf"]:
            if warm:
                run_pymupdf_words(doc.pdf)
            seconds, _ = timed(run_pymupdf_words, doc.pdf, runs=runs)
            row("PyMuPDF words", None, None, seconds)
    if findings:
        print()
        print("\n".join(findings))


if __name__ == "__main__":
    main()
