"""A table page turned a quarter (landscape tables printed on portrait paper, or a page placed
into another document through a rotated form XObject, as PDF mergers and "print to PDF" do)
reads exactly as the upright original: words and rulings both come back to display space."""

from __future__ import annotations

import csv
import io
from collections import Counter
from pathlib import Path

import pypdfium2 as pdfium
import pytest

from juesuan.model.tidy import tidy_cells
from juesuan.read import read_bytes

HERE = Path(__file__).resolve().parent
STEM = "shanghai-putuo-planning-resources-bureau-2024-final"
PDF = HERE / "fixtures" / "real" / "juesuan" / f"{STEM}.pdf"
GOLD = HERE / "gold" / "real" / f"{STEM}.cells.csv"
TURNED = 8  # the 收入决算表, a landscape table page


def _turned_copy(rotation: int) -> bytes:
    """Every page placed as a form XObject; page TURNED drawn a quarter-turn the other way
    on a page of swapped size whose /Rotate turns it back upright."""
    src = pdfium.PdfDocument(PDF)
    new = pdfium.PdfDocument.new()
    for index in range(len(src)):
        w, h = src[index].get_size()
        obj = src.page_as_xobject(index, new).as_pageobject()
        if index + 1 == TURNED:
            page = new.new_page(h, w)
            matrix = (0, 1, -1, 0, h, 0) if rotation == 90 else (0, -1, 1, 0, 0, w)
            obj.transform(pdfium.PdfMatrix(*matrix))
        else:
            page = new.new_page(w, h)
        page.insert_obj(obj)
        page.gen_content()
        if index + 1 == TURNED:
            page.set_rotation(rotation)
    out = io.BytesIO()
    new.save(out)
    return out.getvalue()


@pytest.mark.parametrize("rotation", [90, 270])
def test_quarter_turned_page_reads_every_gold_cell(rotation):
    report = read_bytes(_turned_copy(rotation), f"{STEM}-turned.pdf")
    with GOLD.open(encoding="utf-8", newline="") as handle:
        want = Counter((r["table"], r["row"], r["name"], r["column"], r["amount"]) for r in csv.DictReader(handle))
    got = Counter((c.table, c.row, c.name, c.column, c.amount) for c in tidy_cells(report))
    assert got == want, (sorted((want - got).elements())[:5], sorted((got - want).elements())[:5])
    turned = [t for t in report.tables if any(row.source.page == TURNED for row in t.rows)]
    assert turned and all(t.complete for t in turned)
