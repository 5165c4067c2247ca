"""The 上年 columns a budget table prints (上年预算数), against last year's own report.

A table that prints last year's budget beside this year's restates what last year's
report published: the same table, the same row (by subject code; 合计 rows by role), its
本年 column. Only tables read whole in both reports are compared, and a row last year's
report does not print is said (JS906), never guessed. A department may restate last
year's budget on a comparable basis (口径调整), so a difference is a warning (JS905) that
names both cells, not an error. Amounts in 元 and 万元 meet in 万元 with their intervals.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..model import CellRef, Finding, Report, Row, Table
from ..model.refs import amount_text
from .across_tables import _figure

# the role of an 上年 column → the role of the column of last year's report it restates
PREVIOUS_COLUMNS: dict[str, str] = {"previous": "total"}


def _label(table: Table) -> str:
    return f"{table.number or table.kind}{table.title}"


def _same_row(last: Table, row: Row) -> Row | None:
    """Last year's row of ``row``: by subject code, else (合计, 小计) by its role; a role
    printed on several rows, or a row with neither, matches nothing."""
    if row.code:
        found = [r for r in last.rows if r.code == row.code]
    elif row.role:
        found = [r for r in last.rows if not r.code and r.role == row.role]
    else:
        return None
    return found[0] if len(found) == 1 else None


def previous_columns(current: Report, previous: Report, other: str) -> Iterator[Finding]:
    """JS905/JS906 for every 上年 column of ``current``'s budget tables."""
    for table in current.tables:
        if not table.kind or not table.complete:
            continue
        for column in table.columns:
            target = PREVIOUS_COLUMNS.get(column.role)
            if target is None:
                continue
            last = previous.table(table.kind)
            last_column = last.column(target) if last is not None and last.complete else None
            if last is None or last_column is None:
                yield Finding(
                    "JS906",
                    "info",
                    f"{_label(table)}「{column.key}」栏：{other}没有读全的同一张表，上年数未核对",
                )
                continue
            unmatched: list[str] = []
            for row in table.rows:
                cell = row.cell(column.key)
                if cell is None:
                    continue  # blank: nothing printed to compare
                match = _same_row(last, row)
                last_cell = match.cell(last_column.key) if match is not None else None
                if match is None or last_cell is None:
                    unmatched.append(f"{row.code or ''}{row.name or row.role}".strip())
                    continue
                mine = _figure("", table, row, cell, "")
                theirs = _figure("", last, match, last_cell, other)
                if mine.interval.meets(theirs.interval):
                    continue
                here = CellRef(table.kind, row.key, column.key, row.name, cell.source.page, cell.source.line)
                yield Finding(
                    "JS905",
                    "warning",
                    f"{_label(table)} {row.code or ''}{row.name or row.role}「{column.key}」为 {amount_text(cell.amount)}，"
                    f"{other}{theirs.label}为 {amount_text(last_cell.amount)}，上年数与上年报告不一致"
                    f"（如系口径调整，应在情况说明中说明）",
                    cells=(here, theirs.cell),
                    expected=last_cell.amount,
                    actual=cell.amount,
                    difference=cell.amount - last_cell.amount if table.unit == last.unit else None,
                    source=cell.source,
                )
            if unmatched:
                shown = "、".join(unmatched[:5]) + ("等" if len(unmatched) > 5 else "")
                yield Finding(
                    "JS906",
                    "info",
                    f"{_label(table)}「{column.key}」栏 {len(unmatched)} 行在{other}同一张表中找不到对应行或数额（{shown}），未核对",
                )
