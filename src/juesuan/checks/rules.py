"""Rule declarations and how each kind is evaluated.

A rule is data: a stable code, a severity, a Chinese title, the relation in readable
form, the tables it concerns and the template it applies to. Families that repeat
(an identity for every row, every column, every subject) are one declaration whose
evaluation walks the report; a new regional rule is a new declaration of one of
these kinds, not a new function.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..model import CellRef, Finding, Report, Row, Table
from ..model.interval import Interval
from ..model.refs import Ref, Resolved, amount_text, column_key, describe, resolve, row_label, table_label

Side = tuple[Ref, ...]


@dataclass(frozen=True)
class Rule:
    code: str
    severity: str  # 'error' | 'warning' | 'info'
    title: str
    relation: str
    tables: tuple[str, ...]
    family: str = ""
    applies: str = "2023—2024年度模板"
    # The document families the rule applies to (a 决算 identity says nothing of a 预算).
    families: tuple[str, ...] = ("juesuan",)

    def evaluate(self, report: Report) -> Iterator[Finding]:
        raise NotImplementedError


def _plain(value: Decimal, places: int) -> str:
    return amount_text(value.quantize(Decimal(1).scaleb(-places)) if places else value)


def _places(*sides: list[Resolved]) -> int:
    places = 0
    for side in sides:
        for resolved in side:
            for row in resolved.rows:
                for cell in row.cells:
                    places = max(places, cell.decimals)
    return places


def _describe_side(side: list[Resolved]) -> str:
    text = ""
    for i, resolved in enumerate(side):
        sign = "−" if resolved.ref.sign < 0 else ("+" if i else "")
        text += (f" {sign} " if i else sign) + describe(resolved)
    return text


def compare(
    rule: Rule,
    left: list[Resolved],
    right: list[Resolved],
    op: str,
) -> Finding | None:
    """The finding for ``left op right`` if it does not hold within rounding."""
    left_interval = sum((r.interval for r in left), Interval.exact())
    right_interval = sum((r.interval for r in right), Interval.exact())
    holds = left_interval.meets(right_interval) if op == "=" else left_interval.at_most(right_interval)
    if holds:
        return None
    actual = sum((r.value for r in left), Decimal(0))
    expected = sum((r.value for r in right), Decimal(0))
    difference = actual - expected
    tolerance = left_interval.radius + right_interval.radius
    places = _places(left, right)
    many = len(right) > 1 or sum(len([x for x in r.rows if x.cells]) for r in right) > 1
    prefix = ""
    rows = {(r.table.kind, row.key, row.name) for r in left + right for row in r.rows}
    if len(rows) == 1 and len(left + right) > 2 and all(len(r.rows) == 1 for r in left + right):
        # one row of one table: name it once, then only its columns
        only = left[0]
        prefix = f"{table_label(only.table)} {row_label(only.rows[0])}：".replace(" ：", "：")
        left = [_as_column(r) for r in left]
        right = [_as_column(r) for r in right]
    left_text = _describe_side(left) + (f"之和 {_plain(actual, places)}" if len(left) > 1 else f" {_plain(actual, places)}")
    right_text = _describe_side(right) + ("之和 " if many else " ") + _plain(expected, places)
    if op == "=":
        message = f"{prefix}{left_text}，与{right_text} 相差 {_plain(abs(difference), places)}（尾数容差 ±{amount_text(tolerance)}）"
    else:
        message = f"{prefix}{left_text}，大于{right_text}，超出 {_plain(difference, places)}（尾数容差 ±{amount_text(tolerance)}）"
    cells = tuple(cell for side in (left, right) for resolved in side for cell in resolved.cells)
    return Finding(
        rule=rule.code,
        severity=rule.severity,
        message=message,
        cells=cells,
        expected=expected,
        actual=actual,
        difference=difference,
        tolerance=tolerance,
    )


def _as_column(resolved: Resolved) -> Resolved:
    key = column_key(resolved.table, resolved.ref.column, resolved.rows[0].side) or resolved.ref.column
    shown = key.split("/", 1)[1] if key.startswith(("收入/", "支出/")) else key
    return replace(resolved, label=f"「{shown}」栏")


def _resolve_side(report: Report, side: Side) -> list[Resolved] | None:
    """None when a table is absent or a required row is not printed: the relation
    cannot be checked (completeness rules report what is missing)."""
    out = []
    for ref in side:
        resolved = resolve(report, ref)
        if resolved is None or (ref.required and not resolved.rows):
            return None
        out.append(resolved)
    return out


@dataclass(frozen=True)
class Equation(Rule):
    """``left op right`` for each (left, right) pair; op '=' or '<='.

    The left side must be printed (else the pair is skipped: a missing row is a
    completeness matter); rows missing on the right count as zero.
    """

    pairs: tuple[tuple[Side, Side], ...] = ()
    op: str = "="

    def evaluate(self, report: Report) -> Iterator[Finding]:
        for left_refs, right_refs in self.pairs:
            left = _resolve_side(report, left_refs)
            right = _resolve_side(report, right_refs)
            if left is None or right is None or not all(r.cells for r in left):
                continue
            finding = compare(self, left, right, self.op)
            if finding is not None:
                yield finding


@dataclass(frozen=True)
class RowSum(Rule):
    """In every row of a table: the ``total`` column = Σ (sign, column) parts."""

    table: str = ""
    total: str = "total"
    parts: tuple[tuple[int, str], ...] = ()
    side: str = ""

    def evaluate(self, report: Report) -> Iterator[Finding]:
        table = report.table(self.table)
        if table is None:
            return
        for row in table.rows:
            if self.side and row.side != self.side or not row.cells:
                continue
            left = _row_refs(report, table, row, ((1, self.total),), self.side)
            if not left[0].cells:
                continue
            right = _row_refs(report, table, row, self.parts, self.side)
            finding = compare(self, left, right, "=")
            if finding is not None:
                yield finding


def _row_refs(report: Report, table: Table, row: Row, columns: tuple[tuple[int, str], ...], side: str) -> list[Resolved]:
    out = []
    for sign, column in columns:
        ref = Ref(table.kind, column, sign=sign, side=side)
        resolved = _single_row(report, table, row, ref)
        out.append(resolved)
    return out


def _single_row(report: Report, table: Table, row: Row, ref: Ref) -> Resolved:
    key = column_key(table, ref.column, row.side)
    cell = row.cell(key) if key else None
    if cell is None:
        return Resolved(ref, table, (row,), (), Interval.exact(), Decimal(0))
    interval = Interval.printed(cell.amount)
    return Resolved(
        ref,
        table,
        (row,),
        (CellRef(table.kind, row.key, cell.column, row.name, cell.source.page, cell.source.line),),
        interval if ref.sign > 0 else -interval,
        cell.amount if ref.sign > 0 else -cell.amount,
    )


@dataclass(frozen=True)
class Hierarchy(Rule):
    """Every value column: 合计 = Σ 类, 类 = Σ 款, 款 = Σ 项 (by code prefix)."""

    table: str = ""
    levels: tuple[int, ...] = (3, 5, 7)
    with_total: bool = True

    def evaluate(self, report: Report) -> Iterator[Finding]:
        table = report.table(self.table)
        if table is None:
            return
        coded = [row for row in table.rows if row.code]
        total = next((row for row in table.rows if row.role == "total"), None)
        groups: list[tuple[Row, list[Row]]] = []
        if self.with_total and total is not None:
            groups.append((total, [r for r in coded if len(r.code) == self.levels[0]]))
        for parent in coded:
            length = len(parent.code)
            if length in self.levels[:-1]:
                child_length = self.levels[self.levels.index(length) + 1]
                children = [r for r in coded if len(r.code) == child_length and r.code.startswith(parent.code)]
                if children:
                    groups.append((parent, children))
        for parent, children in groups:
            for column in table.columns:
                if parent.side and column.side and column.side != parent.side:
                    continue
                ref = Ref(table.kind, column.role or column.key, side=column.side)
                left = [_single_row(report, table, parent, ref)]
                if not left[0].cells:
                    continue
                right = [_single_row(report, table, child, ref) for child in children]
                finding = compare(self, left, _merge(right, ref), "=")
                if finding is not None:
                    yield finding


def _merge(parts: list[Resolved], ref: Ref) -> list[Resolved]:
    """Children as one summed side, so the message names them together."""
    if not parts:
        return []
    table = parts[0].table
    rows = tuple(row for p in parts for row in p.rows)
    cells = tuple(cell for p in parts for cell in p.cells)
    interval = sum((p.interval for p in parts), Interval.exact())
    names = [row_label(row) for row in rows]
    listed = "、".join(names[:2]) + (f"等{len(names)}项" if len(names) > 2 else "")
    label = f"其下级科目（{listed}）"
    return [Resolved(ref, table, rows, cells, interval, sum((p.value for p in parts), Decimal(0)), label)]


@dataclass(frozen=True)
class SubjectMatch(Rule):
    """For each subject code (at ``level``) of either table: left column op right column."""

    left: Ref = field(default_factory=lambda: Ref("", ""))
    right: Ref = field(default_factory=lambda: Ref("", ""))
    op: str = "="
    level: int = 3

    def evaluate(self, report: Report) -> Iterator[Finding]:
        left_table, right_table = report.table(self.left.table), report.table(self.right.table)
        if left_table is None or right_table is None:
            return
        codes: list[str] = []
        for table in (left_table, right_table):
            for row in table.rows:
                if row.code and (not self.level or len(row.code) == self.level) and row.code not in codes:
                    if row.cells:
                        codes.append(row.code)
        for code in codes:
            left = resolve(report, Ref(self.left.table, self.left.column, codes=(code,), side=self.left.side))
            right = resolve(report, Ref(self.right.table, self.right.column, codes=(code,), side=self.right.side))
            assert left is not None and right is not None
            if not left.cells and not right.cells:
                continue
            if self.op == "<=" and not left.cells:
                continue
            finding = compare(self, [left], [right], self.op)
            if finding is not None:
                if not left.rows or not right.rows:
                    missing = right_table if not right.rows else left_table
                    finding = _note_absent(finding, missing, code)
                yield finding


def _note_absent(finding: Finding, table: Table, code: str) -> Finding:
    from dataclasses import replace

    return replace(finding, message=f"{finding.message}；{table_label(table)} 没有 {code} 这一行")


__all__ = ["Rule", "Equation", "RowSum", "Hierarchy", "SubjectMatch", "compare", "row_label"]
