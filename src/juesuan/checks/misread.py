"""Findings that may come from a misread figure, not from the report: one rule for all.

An error whose cells include one that OCR read with doubt (``Cell.uncertain``), or
whose sentence holds a figure recognised with doubt (``Paragraph.uncertain``), is
a warning that names the figure as a possible misread: precision first, a misread
digit must not be reported as the department's mistake. Errors over figures read
with certainty stay errors; reports without OCR are untouched.
"""

from __future__ import annotations

from dataclasses import replace

from ..model import Cell, Finding, Report
from ..model.finding import CellRef

CellKey = tuple[str, str, str, int | None]


def uncertain_cells(report: Report) -> dict[CellKey, Cell]:
    """The uncertain cells of a report by (table, row key, column, page), as a CellRef names them."""
    out: dict[CellKey, Cell] = {}
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell.uncertain:
                    out[(table.kind, row.key, cell.column, cell.source.page)] = cell
    return out


def _cell_words(ref: CellRef, cell: Cell) -> str:
    where = " ".join(filter(None, (ref.table, ref.row or ref.name)))
    return f"{where}「{ref.column}」的“{cell.text}”"


def _figures(report: Report, finding: Finding) -> list[str]:
    """The doubtful figures of the paragraphs that hold the finding's quote, found in it."""
    if not finding.quote:
        return []
    found: list[str] = []
    for paragraph in (*report.overview, *report.narrative):
        if paragraph.uncertain and finding.quote in paragraph.text:
            found.extend(figure for figure in paragraph.uncertain if figure in finding.quote)
    return list(dict.fromkeys(found))


def soften(finding: Finding, report: Report, doubtful: dict[CellKey, Cell]) -> Finding:
    """The finding as a warning naming its doubtful figures, or itself when it has none
    (or is no error)."""
    if finding.severity != "error":
        return finding
    named = [_cell_words(ref, doubtful[key]) for ref in finding.cells if (key := (ref.table, ref.row, ref.column, ref.page)) in doubtful]
    named += [f"“{figure}”" for figure in _figures(report, finding)]
    if not named:
        return finding
    note = f"（可能是识别误读：{'、'.join(named)}为文字识别（OCR）结果，识别不确定，请对照原件核实）"
    return replace(finding, severity="warning", message=finding.message + note)


def any_doubt(report: Report, doubtful: dict[CellKey, Cell]) -> bool:
    """Something of the report was recognised with doubt: a cell or a figure of the text."""
    return bool(doubtful) or any(paragraph.uncertain for paragraph in (*report.overview, *report.narrative))
