"""The figures a budget's tables print, by the subjects of its narrative
(``across_statements``): what last year's report published for a subject its narrative
does not restate. Read through the budget profiles' column and row roles only; a table
that was not read whole gives nothing (fail closed). Amounts in 元 become 万元 with
their interval (1 元 = 0.0001 万元), as the narrative speaks in 万元.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..catalog import load_catalog
from ..model import Cell, CellRef, Report, Row, Table
from ..model.interval import Interval
from .across_statements import report_year

_TEN_THOUSAND = Decimal(10000)

# (table, row role, column role) → subject
_TOTAL_ROWS: tuple[tuple[str, str, str, str], ...] = (
    ("B3", "total", "total", "expenditure_total"),
    ("B3", "total", "basic", "basic"),
    ("B3", "total", "project", "project"),
    ("B3", "total", "reserve", "reserve"),
    ("B2", "total", "total", "income_total"),
    ("B5", "total", "total", "fiscal_expenditure"),
    ("B6", "total", "total", "fiscal_basic"),
    ("B7", "total", "total", "gpb_expenditure"),
    ("B8", "total", "total", "gpb_basic"),
    ("B10", "total", "total", "fund_expenditure"),
    ("B12", "total", "total", "admin_running"),
    ("B9", "total", "sangong", "sangong_total"),
    ("B9", "total", "abroad", "abroad"),
    ("B9", "total", "vehicle", "car_total"),
    ("B9", "total", "vehicle_purchase", "car_purchase"),
    ("B9", "total", "vehicle_operation", "car_running"),
    ("B9", "total", "reception", "reception"),
    ("B9", "total", "meeting", "meeting"),
    ("B9", "total", "training", "training"),
)
# 收支预算总表 rows by role (one amount column per side)
_SUMMARY_ROWS: dict[str, str] = {
    "fiscal": "fiscal_income",
    "general": "gpb_income",
    "fund": "fund_income",
    "special_account": "special_income",
    "other_funds": "other_income",
    "carryover": "carryover",
    "basic": "basic",
    "project": "project",
    "reserve": "reserve",
}


@dataclass(frozen=True, slots=True)
class TableFigure:
    key: str
    amount: Decimal  # in 万元
    interval: Interval  # in 万元
    cell: CellRef
    label: str  # '表B3「合计」栏', in Chinese


def _wan(table: Table, cell: Cell) -> tuple[Decimal, Interval]:
    interval = Interval.printed(cell.amount)
    if table.unit != "元":
        return cell.amount, interval
    return cell.amount / _TEN_THOUSAND, Interval(interval.low / _TEN_THOUSAND, interval.high / _TEN_THOUSAND)


def _figure(key: str, table: Table, row: Row, cell: Cell, document: str) -> TableFigure:
    amount, interval = _wan(table, cell)
    label = f"{table.number or table.kind}{table.title}「{row.name or row.role}」行「{cell.column}」栏"
    ref = CellRef("other", row.key or row.role, f"{document}{table.number or table.kind}", f"{row.name}「{cell.column}」", cell.source.page)
    return TableFigure(key, amount, interval, ref, label)


def _cell_of(table: Table, row: Row, role: str) -> Cell | None:
    column = table.column(role)
    return row.cell(column.key) if column is not None else None


def table_figures(report: Report, document: str = "") -> Iterator[TableFigure]:
    """Every subject figure the report's budget tables print."""
    tables = {t.kind: t for t in report.tables if t.kind and t.complete}
    for kind, row_role, column_role, key in _TOTAL_ROWS:
        table = tables.get(kind)
        if table is None:
            continue
        for row in table.rows:
            if row.role == row_role and (cell := _cell_of(table, row, column_role)) is not None:
                yield _figure(key, table, row, cell, document)
    summary = tables.get("B1")
    catalog = load_catalog(report_year(report) or 2018)
    if summary is not None:
        for row in summary.rows:
            cell = row.cells[0] if len(row.cells) == 1 else None
            if cell is None:
                continue
            subject_key = _SUMMARY_ROWS.get(row.role)
            if subject_key is None and row.side == "functional" and row.name:
                subject = catalog.functional_class_by_name(row.name)
                subject_key = "class:" + subject.name.removesuffix("支出") if subject is not None else None
            if subject_key is not None:
                yield _figure(subject_key, summary, row, cell, document)
    yield from _items(tables.get("B5"), document)


def _items(table: Table | None, document: str) -> Iterator[TableFigure]:
    """The 项 rows of the 财政拨款支出预算表, keyed by their 款 and name."""
    if table is None:
        return
    names = {row.code: row.name for row in table.rows if row.code}
    column = table.column("total")
    if column is None:
        return
    for row in table.rows:
        if len(row.code) != 7 or (cell := row.cell(column.key)) is None:
            continue
        parent = names.get(row.code[:5], "").strip().removesuffix("支出")
        if parent:
            yield _figure(f"item:{parent}/{row.name.strip().removesuffix('支出')}", table, row, cell, document)


def quantity_figures(report: Report, quantities: set[str], document: str = "") -> Iterator[TableFigure]:
    """A 决算's figures by the claims' quantity ids: the cells each quantity restates
    (the profile's phrase table), summed with their intervals. Only rows printed in a table
    read whole count: an absent row is not taken for a zero here."""
    from ..model.refs import resolve
    from ..profiles import profile_of

    phrase = profile_of(report).narrative
    for quantity in sorted(quantities):
        q = phrase.quantities.get(quantity)
        if q is None or not q.refs:
            continue
        parts = [resolve(report, ref) for ref in q.refs]
        if any(p is None or not p.found or not p.table.complete or not p.cells for p in parts):
            continue
        amount = sum((p.value for p in parts if p is not None), Decimal(0))
        interval = sum((p.interval for p in parts if p is not None), Interval.exact())
        first = parts[0]
        assert first is not None
        cell = first.cells[0]
        label = f"表{first.table.kind[1:]}「{cell.name}」行「{cell.column}」栏" + ("等" if len(parts) > 1 or len(first.cells) > 1 else "")
        ref = CellRef("other", cell.row, f"{document}表{first.table.kind[1:]}", f"{cell.name}「{cell.column}」", cell.page, cell.line)
        yield TableFigure(quantity, amount, interval, ref, label)
