"""References from rules to table cells, by role and code rather than by position.

A Ref selects rows of one table (by role, code, side or code length) and one column
(by role). It resolves to the cells it covers, their rounding intervals, and a Chinese
description for messages ("表1 第31—56行").
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from decimal import Decimal

from .finding import CellRef
from .interval import Interval, total
from .report import TABLE_NAMES, Report, Row, Table, plain


@dataclass(frozen=True, slots=True)
class Ref:
    table: str  # 'T1'…'T9'
    column: str  # column role
    roles: tuple[str, ...] = ()  # any of these row roles
    codes: tuple[str, ...] = ()  # any of these subject codes
    side: str = ""
    level: int = 0  # code length (3 类, 5 款, 7 项); 0 any
    exclude_roles: tuple[str, ...] = ()  # with 'others': rows of the side without these roles
    others: bool = False
    sign: int = 1
    optional: bool = False  # a row some templates do not print: absent means zero

    def __neg__(self) -> Ref:
        return replace(self, sign=-self.sign)

    @property
    def required(self) -> bool:
        """A row selected by role must be printed; a missing subject row is zero."""
        return bool(self.roles) and not self.optional

    def matches(self, row: Row) -> bool:
        if self.side and row.side != self.side:
            return False
        if self.roles and row.role not in self.roles:
            return False
        if self.codes and row.code not in self.codes:
            return False
        if self.level and len(row.code) != self.level:
            return False
        if self.others and (row.role in self.exclude_roles or (not row.code and not row.name)):
            return False
        return True


def R(table: str, column: str, *roles: str, side: str = "", optional: bool = False) -> Ref:
    """Rows by role."""
    return Ref(table, column, roles=roles, side=side, optional=optional)


def C(table: str, column: str, *codes: str) -> Ref:
    """Rows by subject code."""
    return Ref(table, column, codes=codes)


@dataclass(frozen=True, slots=True)
class Resolved:
    ref: Ref
    table: Table
    rows: tuple[Row, ...]
    cells: tuple[CellRef, ...]
    interval: Interval
    value: Decimal
    label: str = ""  # a description that replaces the generated one

    @property
    def found(self) -> bool:
        return bool(self.rows)


def column_key(table: Table, role: str, side: str) -> str | None:
    for column in table.columns:
        if role and role in (column.role, column.key) and (not column.side or not side or column.side == side):
            return column.key
    return None


def resolve(report: Report, ref: Ref) -> Resolved | None:
    """The cells a ref covers; None when its table is absent. Absent rows and blank
    cells count as an exact zero."""
    table = report.table(ref.table)
    if table is None:
        return None
    rows = tuple(row for row in table.rows if ref.matches(row))
    intervals: list[Interval] = []
    cells: list[CellRef] = []
    value = Decimal(0)
    for row in rows:
        key = column_key(table, ref.column, row.side)
        cell = row.cell(key) if key else None
        if cell is None:
            continue
        amount = cell.amount if ref.sign > 0 else -cell.amount
        interval = Interval.printed(cell.amount)
        intervals.append(interval if ref.sign > 0 else -interval)
        value += amount
        cells.append(CellRef(table.kind, row.key, cell.column, row.name, cell.source.page, cell.source.line))
    return Resolved(ref, table, rows, tuple(cells), total(intervals), value)


def table_label(table: Table) -> str:
    """How a message names a table: its printed number ('表3'; with the canonical name
    when the number is another's), else — a report that prints no numbers — its title."""
    canonical = f"表{table.kind[1:]}" if table.kind.startswith("T") else ""
    if table.number and canonical and table.number.replace(" ", "") != canonical:
        return f"{table.number}（{TABLE_NAMES.get(table.kind, table.title)}）"
    return table.number or "".join(table.title.split()) or canonical


def row_label(row: Row) -> str:
    name = row.name.strip()
    if row.key.isdigit() and (not row.code or row.role == "class"):
        return f"第{row.key}行 {name}".strip()  # a 行次 as printed; a report without 行次 is named by its rows' names
    if row.code:
        return f"{row.code} {name}"
    return name


def _column_label(table: Table, key: str | None) -> str:
    """「栏」 名 when the table has more than one value column on that side."""
    column = next((c for c in table.columns if c.key == key), None)
    if column is None:
        return ""
    if sum(1 for c in table.columns if c.side == column.side) <= 1:
        return ""
    shown = column.key.split("/", 1)[1] if column.side in ("income", "expenditure") and "/" in column.key else column.key
    return f"「{shown}」栏"


def describe(resolved: Resolved) -> str:
    """'表1 第57行 本年支出合计', '表1 第31—56行', '表3 201 一般公共服务支出「基本支出」栏'."""
    if resolved.label:
        return resolved.label
    table, rows = resolved.table, [r for r in resolved.rows if r.cells or r.code]
    column = _column_label(table, column_key(table, resolved.ref.column, resolved.ref.side or (rows[0].side if rows else "")))
    label = table_label(table)
    if len(rows) == 1:
        return f"{label} {row_label(rows[0])}{column}".replace("  ", " ")
    keys = [r.key for r in rows]
    if keys and all(k.isdigit() for k in keys) and not any(r.code and r.role != "class" for r in rows):  # 行次 as printed
        numbers = sorted(int(k) for k in keys)
        if numbers == list(range(numbers[0], numbers[-1] + 1)):
            return f"{label} 第{numbers[0]}—{numbers[-1]}行{column}"
    names = [row_label(r) for r in rows]
    listed = "、".join(names[:3]) + (f"等{len(names)}行" if len(names) > 3 else "")
    return f"{label} {listed}{column}" if names else f"{label}（无对应行）{column}"


def amount_text(value: Decimal) -> str:
    return plain(value)
