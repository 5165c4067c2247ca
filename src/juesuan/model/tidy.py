"""The tidy long form of a report's tables: one record per cell.

Header ``table,row,name,column,amount`` — ``table`` is the canonical id (T1…T9,
or the printed number when the table was not recognised), ``row`` the subject code
or 行次 (empty for rows without one), ``amount`` the number as printed without
thousands separators.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterator
from typing import NamedTuple

from .report import Report, plain

HEADER = ("table", "row", "name", "column", "amount")


class TidyCell(NamedTuple):
    table: str
    row: str
    name: str
    column: str
    amount: str


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
    writer.writerows(tidy_cells(report))
    return buffer.getvalue()
