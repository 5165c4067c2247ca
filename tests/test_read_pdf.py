"""PDF publications read to the same model as the text reader, cell for cell."""

from __future__ import annotations

import pytest
from formats import FIXTURES, REPORTS, golden
from test_read_variants import content

from juesuan.errors import DamagedPdf, ReadError, ScannedPdf
from juesuan.model import Source
from juesuan.model.tidy import to_csv
from juesuan.profiles import shipped
from juesuan.read import read_bytes, read_path
from juesuan.read.draft import Draft, to_table
from juesuan.read.grid_table import read_grids
from juesuan.read.items import Grid, GridCell
from juesuan.read.pdf import page_ranges
from juesuan.read.pdf.ruled import rects_to_cells


@pytest.mark.parametrize("stem", list(REPORTS))
def test_pdf_gives_the_text_readers_cells(stem):
    report = read_path(FIXTURES / f"{stem}.pdf")
    assert report.metadata.source_format == "pdf"
    assert to_csv(report) == golden(stem)


@pytest.mark.parametrize("stem", list(REPORTS))
def test_pdf_gives_the_whole_model(stem):
    """Narrative rebuilt across line and page breaks, notes, metadata: all as from the text."""
    assert content(read_path(FIXTURES / f"{stem}.pdf")) == content(read_path(REPORTS[stem]))


def test_cells_keep_page_and_box():
    report = read_path(FIXTURES / "jiangmen-2024.pdf")
    t1 = report.table("T1")
    cell = t1.row("1").cell("收入/决算数")
    assert cell.text == "1,956.92"
    assert cell.source.page == 2 and cell.source.bbox is not None
    x0, top, x1, bottom = cell.source.bbox
    assert 0 < x0 < x1 < 842 and 0 < top < bottom < 596  # landscape A4
    # every cell of every table points at its place
    for table in report.tables:
        for row in table.rows:
            for c in row.cells:
                assert c.source.bbox is not None and c.source.page is not None
    # a table continued on the next page keeps the physical page
    t2 = report.table("T2")
    assert len({c.source.page for r in t2.rows for c in r.cells}) >= 2


def test_scanned_pages_are_reported_not_read():
    report = read_path(FIXTURES / "scanned.pdf")
    notice = report.unrecognized[0]
    assert notice.code == "pages-scanned"
    # the fixture's images are 60 dpi: too coarse to recognise, so reported, never guessed
    assert notice.message == "第3—9页为扫描图像，未识别文字（图像分辨率约 60 dpi，低于文字识别所需的 120 dpi）"
    assert [t.kind for t in report.tables] == ["T1"]  # only what the text pages hold


def test_a_wholly_scanned_pdf_is_refused():
    with pytest.raises(ScannedPdf, match="扫描图像"):
        read_path(FIXTURES / "scanned-all.pdf")


@pytest.mark.parametrize(
    "name,says",
    [("truncated.pdf", "截断"), ("encrypted.pdf", "加密"), ("zero-pages.pdf", "没有任何页面")],
)
def test_damaged_pdfs(name, says):
    with pytest.raises(DamagedPdf, match=says):
        read_path(FIXTURES / name)


def test_not_a_pdf_after_all():
    with pytest.raises(ReadError, match="PDF"):
        read_bytes(b"%PDF-1.7\n" + b"garbage " * 100 + b"\n%%EOF\n", "fake.pdf")


def test_rects_to_cells_merges_where_a_border_is_missing():
    # two columns; the top row is one merged cell (no vertical border there)
    h = [(0, 0, 100, 0), (0, 10, 100, 10), (0, 20, 100, 20)]
    v = [(0, 0, 0, 20), (100, 0, 100, 20), (50, 10, 50, 20)]
    cells, xs, ys = rects_to_cells(h, v)
    assert [(r0, r1, c0, c1) for r0, r1, c0, c1, _ in cells] == [(0, 0, 0, 1), (1, 1, 0, 0), (1, 1, 1, 1)]


def test_codes_in_separate_columns_and_blank_values():
    header = [
        GridCell(0, 0, 0, 2, "功能分类科目编码"),
        GridCell(0, 1, 3, 3, "科目名称"),
        GridCell(0, 1, 4, 4, "合计"),
        GridCell(0, 1, 5, 5, "基本支出"),
    ]
    header += [GridCell(1, 1, 0, 0, "类"), GridCell(1, 1, 1, 1, "款"), GridCell(1, 1, 2, 2, "项")]
    numbers = [GridCell(2, 2, 0, 0, "栏次"), GridCell(2, 2, 4, 4, "1"), GridCell(2, 2, 5, 5, "2")]
    body = [
        GridCell(3, 3, 0, 0, "201"),
        GridCell(3, 3, 1, 1, "06"),
        GridCell(3, 3, 2, 2, "01"),
        GridCell(3, 3, 3, 3, "行政运行"),
        GridCell(3, 3, 5, 5, "1.00"),
    ]
    profile = shipped().get("juesuan")
    spec = profile.table("T5")
    draft = Draft("T5", "", "一般公共预算财政拨款支出决算表", Source(page=1), "表5")
    read_grids(draft, [Grid(header + numbers + body, 1)], spec, profile, None)
    table = to_table(draft, spec, profile.totals, profile.of_which, None)
    assert table.header == ("功能分类科目编码/类", "功能分类科目编码/款", "功能分类科目编码/项", "科目名称", "合计", "基本支出")
    assert [(c.key, c.role, c.number) for c in table.columns] == [("合计", "total", "1"), ("基本支出", "basic", "2")]
    (row,) = table.rows
    assert (row.code, row.name) == ("2010601", "行政运行")
    assert [(c.column, c.text) for c in row.cells] == [("基本支出", "1.00")]  # the blank 合计 stays blank
    assert not table.unread


def test_page_ranges():
    assert page_ranges([3, 4, 5, 9]) == "第3—5页、第9页"
