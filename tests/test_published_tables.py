"""One view of a table as published (render/tables.py): the rendered documents, the web
page and the audit workbook print the same header and the same lines."""

from __future__ import annotations

from dataclasses import replace

import pytest
from conftest import JIANGMEN, ROOT

from juesuan.profiles import profile_of
from juesuan.read import read_path
from juesuan.render.audit import flags
from juesuan.render.document import grid
from juesuan.render.tables import table_block
from juesuan.web.view import table_view

PUTUO = ROOT / "tests" / "fixtures" / "real" / "juesuan" / "shanghai-putuo-planning-resources-bureau-2024-final.pdf"


@pytest.fixture(scope="module", params=[JIANGMEN, PUTUO], ids=["text", "pdf"])
def report(request):
    return read_path(request.param)


def test_rows_of_both_sides_printed_on_one_line_share_it(report):
    """By the text's line, or by the boxes on a PDF page (the PDF prints 本年收入合计 and
    本年支出合计 on one line, after eight income rows against twenty-four classes)."""
    for kind in ("T1", "T4"):
        block = table_block(next(t for t in report.tables if t.kind == kind), profile_of(report))
        lines = [[cell.text for cell in line] for line in block.body]
        for left, right in (("本年收入合计", "本年支出合计"), ("总计", "总计")):
            assert any(left in line and right in line and line.count(right) >= (2 if left == right else 1) for line in lines), (kind, left)


def test_the_web_page_shows_the_tables_as_rendered(report):
    profile = profile_of(report)
    for table in report.tables:
        block = table_block(table, profile)
        view = table_view(table, flags(()), profile)
        assert view.header == grid(block.header, block.header_rows, block.ncols)
        assert [[slot.cell for slot in line] for line in view.lines] == [grid(line, 1, block.ncols)[0] for line in block.body]
        assert sum(1 for line in view.lines for slot in line if slot.id) == sum(len(row.cells) for row in table.rows)


def test_a_side_heading_is_the_one_its_columns_print(report):
    """No table of side names: rename a side's header and the heading follows."""
    table = next(t for t in report.tables if t.kind == "T1")
    renamed = replace(
        table,
        columns=tuple(replace(c, key=c.key.replace("收入/", "来源/", 1)) for c in table.columns),
        rows=tuple(replace(r, cells=tuple(replace(x, column=x.column.replace("收入/", "来源/", 1)) for x in r.cells)) for r in table.rows),
    )
    top = [cell.text for cell in table_block(renamed).header if cell.row == 0]
    assert top == ["来源", "支出"]
