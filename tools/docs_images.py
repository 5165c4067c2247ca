"""Make the images of the docs: docs/images/render-table-page.png, 表1 of the Jiangmen report
as `juesuan render --to pdf` prints it (the first page of the table, 50 dpi).

Usage: .venv/bin/python tools/docs_images.py
Needs chromium, fonts-noto-cjk and poppler-utils (pdftoppm), as `make test` installs them.
"""

from __future__ import annotations

import subprocess
import sys
import tempfile
from pathlib import Path

from juesuan.read import read_path
from juesuan.render import build_document, default_registry
from juesuan.render.facts import from_report

ROOT = Path(__file__).resolve().parent.parent
REPORT = ROOT / "examples" / "jiangmen-medical-security-bureau-2024.txt"
OUT = ROOT / "docs" / "images" / "render-table-page"


def first_page_with(pdf: Path, title: str) -> int:
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return next(i for i, page in enumerate(text.split("\f"), 1) if title in page)


def main() -> int:
    report = read_path(REPORT)
    with tempfile.TemporaryDirectory() as tmp:
        pdf = Path(tmp) / "report.pdf"
        default_registry().get("pdf").write(build_document(report, from_report(report)), pdf)
        page = first_page_with(pdf, "收入支出决算总表")
        OUT.parent.mkdir(parents=True, exist_ok=True)
        subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(OUT)], check=True)
    print(f"{OUT}.png (page {page})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
