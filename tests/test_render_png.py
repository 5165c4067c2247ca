"""A person can look at it: a PDF page and the HTML drawn to PNG."""

from __future__ import annotations

import subprocess
from pathlib import Path

from render_util import document, needs_chromium, needs_pdftoppm

from juesuan.render import default_registry
from juesuan.render.html import render_html
from juesuan.render.pdf import chromium_command

IMAGES = Path(__file__).resolve().parent.parent / "docs" / "images"


def _png_size(path: Path) -> tuple[int, int]:
    data = path.read_bytes()
    assert data[:8] == b"\x89PNG\r\n\x1a\n"
    return int.from_bytes(data[16:20], "big"), int.from_bytes(data[20:24], "big")


@needs_chromium
@needs_pdftoppm
def test_pdf_page_to_png(tmp_path):
    pdf = tmp_path / "jiangmen.pdf"
    default_registry().get("pdf").write(document("jiangmen-2024"), pdf)
    fonts = subprocess.run(["pdffonts", str(pdf)], capture_output=True, text=True).stdout.splitlines()[2:]
    assert fonts and all(" yes " in line for line in fonts)  # every font embedded
    # page 3: the first table (表1), landscape
    subprocess.run(["pdftoppm", "-png", "-r", "60", "-f", "3", "-l", "3", "-singlefile", str(pdf), str(tmp_path / "page")], check=True)
    width, height = _png_size(tmp_path / "page.png")
    assert width > height > 300
    IMAGES.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "50", "-f", "3", "-l", "3", "-singlefile", str(pdf), str(IMAGES / "render-table-page")], check=True)
    assert (IMAGES / "render-table-page.png").stat().st_size < 200_000


@needs_chromium
def test_html_to_png(tmp_path):
    page = tmp_path / "jiangmen.html"
    page.write_text(render_html(document("jiangmen-2024")), encoding="utf-8")
    shot = tmp_path / "shot.png"
    command = chromium_command(f"--user-data-dir={tmp_path}/profile", "--window-size=1000,1400", f"--screenshot={shot}", page.as_uri())
    subprocess.run(command, check=True, capture_output=True, timeout=60)
    assert _png_size(shot) == (1000, 1400)
