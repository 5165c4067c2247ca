"""What recognition was sure of, carried into the model.

Each amount cell of a recognised page gets ``origin='ocr'``, the lowest score of the
recognised words inside it, and ``uncertain`` when that score is low or the figure
has a shape its column does not print (another number of decimals than the column's
other cells, thousands separators out of place): the two ways a misread digit shows.
Paragraphs of recognised pages get the figures of their doubtful lines.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import replace

from ...model import Cell, Paragraph, Report, Row, Table
from .page import Mark, OcrPage

# Below this score a recognised amount is marked uncertain. Set on the side of doubt: on
# the scanned copies of the real 决算 (docs/ocr.md) no amount was misread at all, and
# 0–6 of the 308 right ones scored below it (a warning too many costs a glance; an error
# from a misread digit costs the reviewer's trust).
UNCERTAIN_BELOW = 0.97

_GROUPED = re.compile(r"^-?\d{1,3}(,\d{3})+(\.\d+)?$")
_FIGURE = re.compile(r"-?\d[\d,]*(?:\.\d+)?")


def _inside(mark: Mark, box: tuple[float, float, float, float]) -> bool:
    cx, cy = (mark.bbox[0] + mark.bbox[2]) / 2, (mark.bbox[1] + mark.bbox[3]) / 2
    return box[0] - 1 <= cx <= box[2] + 1 and box[1] - 1 <= cy <= box[3] + 1


def _odd_shape(cell: Cell, usual: int | None) -> bool:
    text = cell.text.strip()
    if "," in text and not _GROUPED.match(text):
        return True
    return usual is not None and cell.decimals != usual


def _usual_decimals(table: Table) -> dict[str, int]:
    """Per column, the number of decimals most of its cells print (when most do)."""
    counts: dict[str, Counter[int]] = {}
    for row in table.rows:
        for cell in row.cells:
            counts.setdefault(cell.column, Counter())[cell.decimals] += 1
    usual = {}
    for column, counter in counts.items():
        value, n = counter.most_common(1)[0]
        if n >= 3 and n * 4 >= sum(counter.values()) * 3:
            usual[column] = value
    return usual


def _cell(cell: Cell, marks: list[Mark], usual: int | None) -> Cell:
    box = cell.source.bbox
    found = [mark for mark in marks if box is not None and _inside(mark, box)]
    score = min((mark.score for mark in found), default=0.0)
    uncertain = score < UNCERTAIN_BELOW or _odd_shape(cell, usual)
    return replace(cell, origin="ocr", confidence=round(score, 4), uncertain=uncertain)


def _row(row: Row, marks: dict[int, list[Mark]], usual: dict[str, int]) -> Row:
    if not any(cell.source.page in marks for cell in row.cells):
        return row
    cells = tuple(_cell(cell, marks[cell.source.page], usual.get(cell.column)) if cell.source.page in marks else cell for cell in row.cells)
    return replace(row, cells=cells)


def _paragraph(paragraph: Paragraph, marks: dict[int, list[Mark]]) -> Paragraph:
    pages = {span.page for span in paragraph.spans if span.page in marks}
    if not pages:
        return paragraph
    doubtful = [m for page in sorted(p for p in pages if p is not None) for m in marks[page] if m.score < UNCERTAIN_BELOW]
    figures = tuple(dict.fromkeys(f for m in doubtful for f in _FIGURE.findall(m.text) if f in paragraph.text))
    return replace(paragraph, origin="ocr", uncertain=figures)


def annotate(report: Report, pages: list[OcrPage]) -> Report:
    """The report with what recognition knew of each of its cells and paragraphs."""
    marks = {page.index: page.marks for page in pages if not page.error}
    if not marks:
        return report
    tables = []
    for table in report.tables:
        usual = _usual_decimals(table)
        tables.append(replace(table, rows=tuple(_row(row, marks, usual) for row in table.rows)))
    return replace(
        report,
        tables=tuple(tables),
        overview=tuple(_paragraph(p, marks) for p in report.overview),
        narrative=tuple(_paragraph(p, marks) for p in report.narrative),
    )


def counts(report: Report) -> tuple[int, int]:
    """(cells read by OCR, of which uncertain)."""
    cells = [cell for table in report.tables for row in table.rows for cell in row.cells if cell.origin == "ocr"]
    return len(cells), sum(1 for cell in cells if cell.uncertain)
