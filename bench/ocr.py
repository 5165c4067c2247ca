"""OCR speed and amount accuracy, RapidOCR (what juesuan uses) against Tesseract.

For a few table pages of the real 上海普陀 决算 (hand gold in tests/gold/real/), each
page is rendered at DPI from a scanned copy (tools/make_scans.py), and:

- juesuan's page reader (``read.ocr.page.read_image``: rulings, RapidOCR, cuts and
  joins) is timed, engine loaded, and its amounts compared with the gold amounts of
  the page (multiset of printed strings: recall);
- Debian's Tesseract 5 with ``chi_sim`` (``tesseract IMG - -l chi_sim --psm 6``), when
  installed, is timed and compared the same way.

Then the whole scanned report is read with the process pool, for seconds per page
on all cores. Prints figures and the ratio of the two engines.

    python bench/ocr.py [DPI]
"""

from __future__ import annotations

import csv
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

import cv2
import pypdfium2 as pdfium

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tools"))

from make_scans import Variant, make_scan

from juesuan.read import read_bytes
from juesuan.read.ocr import Limits, image
from juesuan.read.ocr.engine import engine
from juesuan.read.ocr.page import read_image
from juesuan.read.ocr.pool import limits as ocr_limits

REPORT = ROOT / "tests/fixtures/real/juesuan/shanghai-putuo-planning-resources-bureau-2024-final.pdf"
GOLD = ROOT / "tests/gold/real/shanghai-putuo-planning-resources-bureau-2024-final.cells.csv"
PAGES = (7, 8, 11, 14)
_AMOUNT = re.compile(r"^-?\d[\d,]*\.\d{2}$")


def gold_amounts() -> tuple[dict[int, Counter[str]], dict[int, set[str]]]:
    """Per page, the gold amounts (as printed) and the row names."""
    amounts: dict[int, Counter[str]] = {}
    names: dict[int, set[str]] = {}
    with GOLD.open(encoding="utf-8") as handle:
        for record in csv.DictReader(handle):
            amounts.setdefault(int(record["page"]), Counter())[record["amount"]] += 1
            names.setdefault(int(record["page"]), set()).add(record["name"])
    return amounts, names


def named(text: str, names: set[str]) -> int:
    """How many of the row names the recognised text holds (spaces and line breaks dropped:
    a wrapped name is two lines)."""
    flat = re.sub(r"\s", "", text)
    return sum(1 for name in names if name in flat)


def recall(found: Counter[str], gold: Counter[str]) -> tuple[int, int, int]:
    """(gold amounts found, gold amounts, amounts found that the page's gold lacks)."""
    hit = sum((found & gold).values())
    return hit, sum(gold.values()), sum((found - gold).values())


_SPACED_AMOUNT = re.compile(r"-?\d[\d,]*\. ?\d{2}(?!\d)")


def tesseract(grey, dpi: int) -> tuple[list[str], str]:
    """The amounts Tesseract reads on the page, rulings erased first as for RapidOCR
    (with them it reads no amount at all); '9746. 50' joined."""
    clean = grey.copy()
    clean[image.rulings(image.binary(grey), dpi)[2] > 0] = 255
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "page.png"
        cv2.imwrite(str(path), clean)
        done = subprocess.run(["tesseract", str(path), "-", "-l", "chi_sim", "--psm", "6"], capture_output=True, text=True, check=True)
    return [found.replace(" ", "") for found in _SPACED_AMOUNT.findall(done.stdout)], done.stdout


def main(dpi: int = 200) -> None:
    scanned = make_scan(REPORT.read_bytes(), Variant("bench", dpi), ",".join(map(str, PAGES)))
    document = pdfium.PdfDocument(scanned)
    gold, names = gold_amounts()
    has_tesseract = shutil.which("tesseract") is not None
    engine()  # load the models before the clock starts
    print(f"{dpi} dpi, grey JPEG q75; pages {', '.join(map(str, PAGES))} of {REPORT.name}")
    print(f"{'page':>4} {'engine':10} {'s/page':>7} {'amounts found':>14} {'extra':>6} {'row names':>10}")
    totals: dict[str, list[float]] = {"rapidocr": [0, 0, 0, 0, 0, 0], "tesseract": [0, 0, 0, 0, 0, 0]}
    for number in PAGES:
        page = document[number - 1]
        width, height = page.get_size()
        grey = image.render(page, dpi, 5000)
        started = time.perf_counter()
        result = read_image(grey, number, width, height, dpi)
        seconds = time.perf_counter() - started
        found = Counter(w.text for w in result.words if _AMOUNT.match(w.text))
        page_names = names.get(number, set())
        text = "".join(w.text for w in sorted(result.words, key=lambda w: (round(w.bbox[1] / 4), w.bbox[0])))
        rows = [("rapidocr", seconds, recall(found, gold.get(number, Counter())), named(text, page_names), len(page_names))]
        if has_tesseract:
            started = time.perf_counter()
            tokens, text = tesseract(grey, dpi)
            seconds = time.perf_counter() - started
            found = Counter(t for t in tokens if _AMOUNT.match(t))
            rows.append(("tesseract", seconds, recall(found, gold.get(number, Counter())), named(text, page_names), len(page_names)))
        for name, seconds, (hit, total, extra), got, of in rows:
            print(f"{number:>4} {name:10} {seconds:7.2f} {hit:>6}/{total:<7} {extra:>6} {got:>5}/{of:<4}")
            for i, value in enumerate((seconds, hit, total, extra, got, of)):
                totals[name][i] += value
    for name, (seconds, hit, total, extra, got, of) in totals.items():
        if total:
            print(
                f"all  {name:10} {seconds / len(PAGES):7.2f} {int(hit):>6}/{int(total):<7} {int(extra):>6} {int(got):>5}/{int(of):<4}"
                f"  amounts {100 * hit / total:.1f}%, row names {100 * got / max(of, 1):.1f}%"
            )
    if has_tesseract and totals["tesseract"][0]:
        print(f"rapidocr/tesseract: time ×{totals['rapidocr'][0] / totals['tesseract'][0]:.2f}")
    else:
        print("tesseract not installed (apt-get install tesseract-ocr tesseract-ocr-chi-sim): no comparison")
    whole = make_scan(REPORT.read_bytes(), Variant("bench", dpi), "7-17")
    started = time.perf_counter()
    with ocr_limits(Limits(dpi=dpi)):
        read_bytes(whole, "scanned.pdf")
    seconds = time.perf_counter() - started
    print(
        f"whole report, 11 scanned pages, {os.cpu_count()} cores (process pool, engine load included): {seconds:.1f} s, {seconds / 11:.2f} s/page"
    )


if __name__ == "__main__":
    main(int(sys.argv[1]) if len(sys.argv) > 1 else 200)
