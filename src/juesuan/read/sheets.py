"""Grids as printed: title, number and heading rows above the table, notes below it.

Departments export each table as a sheet (or an HTML ``<table>``, or a PDF printed
from a worksheet with its borders) that carries its title, its 表号, its 单位/部门 line
and its notes in rows of the same grid. Those rows become lines of text; the rows
between them form the table grid. Every format's grids pass through here, so the
table layer sees the same thing whatever produced the file.
"""

from __future__ import annotations

from ..profiles import Profile
from .headings import parse_heading
from .items import Grid, GridCell, Item, TextLine
from .text_table import is_note, no_activity
from .titles import Titles, number_line


def _filled(row: list[GridCell]) -> list[GridCell]:
    return [cell for cell in row if cell.text.strip()]


def _heading_text(rows: list[list[GridCell]]) -> str:
    """The texts of rows' cells in column order, as one line."""
    cells = sorted((cell for row in rows for cell in _filled(row)), key=lambda cell: cell.c0)
    return " ".join(" ".join(cell.text.split()) for cell in cells)


def _is_top_row(row: list[GridCell], profile: Profile, titles: Titles) -> bool:
    """A row above the table: each of its lines a title, a table number or a page header."""
    filled = _filled(row)
    if not filled:
        return False
    if len(filled) == 1 and titles.recognise("".join(filled[0].text.split())) is not None:
        return True  # a title wrapped inside its cell ('…支出预算' / '表')
    if len(filled) > 1 and parse_heading(" ".join(" ".join(c.text.split()) for c in filled), profile) is not None:
        return True  # '部门：' | '某某厅' | '单位：万元' in cells of their own
    for cell in filled:
        previous = ""
        for line in cell.text.split("\n"):
            text = line.strip()
            if not text:
                continue
            if parse_heading(previous, profile) is not None and len(text) <= 3:
                continue  # the end of a department's name wrapped under its page header
            if titles.recognise(text) is None and number_line(text) is None and parse_heading(text, profile) is None:
                return False
            previous = text
    return True


def _is_bottom_row(row: list[GridCell], profile: Profile) -> bool:
    filled = _filled(row)
    return len(filled) == 1 and (is_note(filled[0].text, profile) or no_activity(filled[0].text, profile))


def _is_title_row(row: list[GridCell], grid: Grid, titles: Titles) -> bool:
    """A row inside a grid that is the title of the next table (two tables ruled as one)."""
    filled = _filled(row)
    return (
        len(filled) == 1
        and filled[0].c1 - filled[0].c0 + 1 >= max(2, grid.ncols - 1)
        and all(titles.recognise(line) is not None for line in filled[0].text.split("\n") if line.strip())
    )


def _slice(grid: Grid, first: int, last: int) -> Grid:
    body = [cell for cell in grid.cells if first <= cell.r0 <= last]
    shifted = [GridCell(c.r0 - first, min(c.r1, last) - first, c.c0, c.c1, c.text, c.bbox, c.lines) for c in body]
    return Grid(shifted, grid.page, grid.bbox, grid.ncols, last - first + 1, grid.ruled, grid.xs)


def peel(grid: Grid, profile: Profile, titles: Titles) -> list[Item]:
    """The grid split into the lines above it, the table, and the notes below it; a grid
    that holds a second table's title row is split there first."""
    rows = grid.rows()
    cuts = [r for r in range(1, len(rows)) if _is_title_row(rows[r], grid, titles)]
    if cuts:
        bounds = [0] + cuts + [len(rows)]
        return [item for a, b in zip(bounds, bounds[1:]) for item in peel(_slice(grid, a, b - 1), profile, titles)]
    first, last = 0, len(rows) - 1
    while first <= last:
        if not _filled(rows[first]) or _is_top_row(rows[first], profile, titles):
            first += 1
        elif first < last and parse_heading(_heading_text(rows[first : first + 2]), profile) is not None:
            first += 2  # a page header whose department name sits a little higher than its labels
        else:
            break
    for r in range(first + 1, last + 1):  # notes: a note row and the single-cell rows after it
        if _is_bottom_row(rows[r], profile) and all(len(_filled(row)) <= 1 for row in rows[r:]):
            last = r - 1
            break
    if first == 0 and last == len(rows) - 1:
        return [grid]
    items: list[Item] = [line for row in rows[:first] for line in _lines(row, grid.page)]
    if first <= last:
        items.append(_slice(grid, first, last))
    items.extend(line for row in rows[last + 1 :] for line in _lines(row, grid.page))
    return items


def _lines(row: list[GridCell], page: int) -> list[TextLine]:
    """A row's text, one line per printed line (a cell may stack title, number and heading)."""
    filled = _filled(row)
    if len(filled) == 1:
        parts = [part.strip(" \t\u3000\u00a0") for part in filled[0].text.split("\n") if part.strip()]
        return [TextLine(text=part, page=page, bbox=filled[0].bbox, paragraph=True) for part in parts]
    text = " ".join(" ".join(cell.text.split()) for cell in filled)
    return [TextLine(text=text, page=page, bbox=filled[0].bbox if filled else None, paragraph=True)] if text else []
