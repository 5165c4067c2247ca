"""A worksheet or an HTML table as printed: title and heading lines, the table grid, notes.

Departments export each table as a sheet (or an HTML ``<table>``) that carries its
title, its 单位/部门 line and its notes in rows of their own above and below the
table. Those rows become lines of text; the rows between them form the table grid,
so the workbook goes through the same table layer as a PDF page.
"""

from __future__ import annotations

from ..profiles import Profile
from .headings import parse_heading
from .items import Grid, GridCell, Item, TextLine


def _is_text_row(row: list[GridCell], profile: Profile) -> bool:
    filled = [cell for cell in row if cell.text.strip()]
    if len(filled) <= 1:
        return True
    return all(parse_heading(cell.text, profile) is not None for cell in filled)


def sheet_items(grid: Grid, profile: Profile) -> list[Item]:
    """The grid split into lines above, the table, and lines below."""
    rows = grid.rows()
    core = [r for r, row in enumerate(rows) if not _is_text_row(row, profile)]
    if not core:
        return [_line(row, grid.page) for row in rows if any(cell.text.strip() for cell in row)]
    first, last = core[0], core[-1]
    # a one-value row right under the body (表9's single row) still belongs to the table
    items: list[Item] = [_line(row, grid.page) for row in rows[:first] if any(c.text.strip() for c in row)]
    body = [cell for cell in grid.cells if first <= cell.r0 <= last]
    shifted = [GridCell(c.r0 - first, min(c.r1, last) - first, c.c0, c.c1, c.text, c.bbox, c.lines) for c in body]
    items.append(Grid(shifted, grid.page, grid.bbox, grid.ncols, last - first + 1, True))
    items.extend(_line(row, grid.page) for row in rows[last + 1 :] if any(c.text.strip() for c in row))
    return items


def _line(row: list[GridCell], page: int) -> TextLine:
    return TextLine(text=" ".join(cell.text.strip(" \t\u3000\u00a0") for cell in row if cell.text.strip()), page=page, paragraph=True)
