"""The tidy long form of a report's tables: one record per cell.

Header ``table,row,name,column,amount`` — ``table`` is the canonical id (T1…T9,
or the printed number when the table was not recognised), ``row`` the subject code
or 行次 (empty for rows without one), ``amount`` the number as printed without
thousands separators.

Every text juesuan writes into a spreadsheet or a CSV goes through ``safe_text`` (CSV)
or ``text_only`` (a workbook before it is saved): a department name like
``=HYPERLINK(…)`` must never become a live formula in the user's spreadsheet program.
"""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Iterable, Iterator
from typing import Any, NamedTuple

from .report import Report, plain

HEADER = ("table", "row", "name", "column", "amount")


class TidyCell(NamedTuple):
    table: str
    row: str
    name: str
    column: str
    amount: str


_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"[+-]?\d[\d,]*(?:\.\d+)?%?")


def safe_text(value: Any) -> Any:
    """A CSV field a spreadsheet program will not run: text that starts with = + - @, a
    tab or a carriage return is prefixed with an apostrophe (the usual defence), unless
    it is a plain number such as ``-12.50`` (an amount stays an amount)."""
    if isinstance(value, str) and value.startswith(_FORMULA_START) and not _PLAIN_NUMBER.fullmatch(value):
        return "'" + value
    return value


def safe_row(values: Iterable[Any]) -> list[Any]:
    return [safe_text(value) for value in values]


def text_only(workbook: Any) -> Any:
    """Every formula cell of an openpyxl workbook written as text (juesuan writes no
    formulas: a cell that would be one is text it was given), before it is saved."""
    for sheet in workbook.worksheets:
        for row in sheet.iter_rows():
            for cell in row:
                if cell.data_type == "f":
                    cell.data_type = "s"
    return workbook


def tidy_cells(report: Report) -> Iterator[TidyCell]:
    for table in report.tables:
        table_id = table.kind or table.number
        for row in table.rows:
            for cell in row.cells:
                yield TidyCell(table_id, row.key, row.name, cell.column, plain(cell.amount))


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(map(safe_row, tidy_cells(report)))
    return buffer.getvalue()
