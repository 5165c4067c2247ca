"""The rendered PDF as a person sees it: the table pages print the table's figures, in fonts
carried by the file, in ink where the text layer puts them.

Read with poppler (pdftotext, pdftoppm, pdffonts), not with juesuan's own reader. The image in
docs/images/ is made by tools/docs_images.py, not by a test.
"""

from __future__ import annotations

import re
import subprocess
from collections import Counter
from decimal import Decimal
from pathlib import Path

import pytest
from render_util import corpus, document, needs_chromium, needs_pdftoppm

from juesuan.render import default_registry

_AMOUNT = re.compile(r"(?<![\d.,])\d{1,3}(?:,\d{3})*\.\d{2}(?![\d])|(?<![\d.,])\d+\.\d{2}(?![\d])")
_WORD = re.compile(
    r'<page width="([\d.]+)" height="([\d.]+)">|<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">([^<]*)</word>'
)
DPI = 72  # one pixel per PDF point


@pytest.fixture(scope="module")
def rendered(tmp_path_factory) -> Path:
    pdf = tmp_path_factory.mktemp("render") / "jiangmen.pdf"
    default_registry().get("pdf").write(document("jiangmen-2024"), pdf)
    return pdf


def _pages_text(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", "-layout", "-enc", "UTF-8", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return text.split("\f")


def _table1_pages(pdf: Path) -> list[int]:
    """1-based pages from the title 收入支出决算总表 up to the next table's title (收入决算表)."""
    pages = _pages_text(pdf)
    first = next(i for i, page in enumerate(pages) if "收入支出决算总表" in page)
    end = next(i for i in range(first + 1, len(pages)) if "收入决算表" in pages[i])
    return list(range(first + 1, end + 1))


def _amounts(text: str) -> Counter[Decimal]:
    return Counter(Decimal(m.replace(",", "")) for m in _AMOUNT.findall(text))


def _gray_page(pdf: Path, page: int, out: Path) -> tuple[int, int, bytes]:
    """The page drawn at 72 dpi in 8-bit gray (pdftoppm's PGM): width, height, pixels."""
    subprocess.run(["pdftoppm", "-gray", "-r", str(DPI), "-f", str(page), "-l", str(page), "-singlefile", str(pdf), str(out)], check=True)
    data = (out.parent / f"{out.name}.pgm").read_bytes()
    magic, width, height, maxval, pixels = data.split(maxsplit=4)
    assert magic == b"P5" and maxval == b"255"
    return int(width), int(height), pixels[: int(width) * int(height)]


@needs_chromium
@needs_pdftoppm
def test_every_font_is_embedded(rendered):
    fonts = subprocess.run(["pdffonts", str(rendered)], capture_output=True, text=True, check=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts), fonts


@needs_chromium
@needs_pdftoppm
def test_table1_pages_print_exactly_the_figures_of_table1(rendered):
    pages = _table1_pages(rendered)
    texts = _pages_text(rendered)
    printed = sum((_amounts(texts[page - 1]) for page in pages), Counter())
    table = corpus("jiangmen-2024").table("T1")
    expected = Counter(cell.amount for row in table.rows for cell in row.cells)
    assert printed == expected, (printed - expected, expected - printed)
    for row in table.rows:
        assert any(row.name in texts[page - 1].replace(" ", "") for page in pages), row.name


@needs_chromium
@needs_pdftoppm
def test_table1_figures_are_drawn_where_the_text_layer_puts_them(rendered, tmp_path):
    """Text can be in the file and still not be seen (white, clipped, off the page, a font
    without the glyphs): every figure's box must hold ink, and the page must not be all ink."""
    for page in _table1_pages(rendered):
        layout = subprocess.run(
            ["pdftotext", "-bbox", "-f", str(page), "-l", str(page), str(rendered), "-"], capture_output=True, text=True, check=True
        ).stdout
        width, height, pixels = _gray_page(rendered, page, tmp_path / f"page{page}")
        figures = 0
        for match in _WORD.finditer(layout):
            if match.group(1):
                assert (round(float(match.group(1))), round(float(match.group(2)))) == (width, height)
                assert width > height  # 表1 is printed landscape
                continue
            x0, y0, x1, y1, word = *(float(v) for v in match.group(3, 4, 5, 6)), match.group(7)
            if not _AMOUNT.fullmatch(word):
                continue
            figures += 1
            box = [pixels[y * width + x] for y in range(int(y0), min(int(y1) + 1, height)) for x in range(int(x0), min(int(x1) + 1, width))]
            assert box and min(box) < 128, (page, word, (x0, y0, x1, y1))
        assert figures > 0, page
        assert sum(1 for p in pixels if p < 128) < len(pixels) // 4, page
