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
from .context import Context

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

    def evaluate(self, report: Report, context: Context | None = None) -> Iterator[Finding]:
        """The findings of the rule on a report. ``context`` is what the rules of one check
        share, computed once per report (``check`` passes one; made here when not given)."""
        return self.findings(context if context is not None else Context(report))

    def findings(self, context: Context) -> Iterator[Finding]:
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
    # a row some templates do not print, printed blank here, adds nothing to the message
    right = [r for r in right if r.cells or not r.ref.optional] or right[:1]
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


def _resolve_side(context: Context, side: Side) -> list[Resolved] | None:
    """None when a table is absent or a required row is not printed: the relation
    cannot be checked (completeness rules report what is missing)."""
    out = []
    for ref in side:
        resolved = context.resolve(ref)
        if resolved is None or (ref.required and not resolved.rows):
            return None
        out.append(resolved)
    return out


# -- amounts in different units: a 预算 prints its tables in 元 and its 三公 table in 万元 ----
# A relation across tables of different units compares every side in the smallest unit: a
# value printed in 万元 with d decimals is the interval ±0.5·10⁻ᵈ 万元 = ±0.5·10⁴⁻ᵈ 元, so
# the printed precision, not a tuned tolerance, decides.
UNIT_FACTORS = {"元": Decimal(1), "千元": Decimal(1000), "万元": Decimal(10000), "亿元": Decimal(100000000)}


def unit_factors(context: Context, refs: Side) -> dict[str, Decimal]:
    """Table id → the factor that brings its amounts to the smallest unit of the tables the
    refs name; empty when they share one unit (or a unit is not known: nothing is scaled)."""
    units = {}
    for ref in refs:
        table = context.report.table(ref.table)
        if table is not None:
            units[ref.table] = table.unit
    if len(set(units.values())) < 2 or not all(unit in UNIT_FACTORS for unit in units.values()):
        return {}
    smallest = min(UNIT_FACTORS[unit] for unit in units.values())
    return {kind: UNIT_FACTORS[unit] / smallest for kind, unit in units.items()}


def _scaled(resolved: Resolved, factor: Decimal) -> Resolved:
    interval = Interval(resolved.interval.low * factor, resolved.interval.high * factor)
    return replace(resolved, interval=interval, value=resolved.value * factor)


def _column_printed(context: Context, ref: Ref) -> bool:
    table = context.report.table(ref.table)
    return table is not None and any(ref.column in (c.role, c.key) for c in table.columns)


def _unnamed_values(context: Context, ref: Ref) -> bool:
    """A row of the ref's table holds amounts but has no name, code or role: the reader did
    not attach them to an item, so a sum over the table's rows would miss them."""
    table = context.report.table(ref.table)
    return table is not None and any(row.cells and not row.name and not row.code and not row.role for row in table.rows)


# -- the quick test: most relations hold, and whether one does needs no messages -------
# A side of printed values is the interval Σv ± Σh (h: half the last printed digit), so
# ``left = right`` holds when |Σv_left − Σv_right| ≤ Σh_left + Σh_right and ``left ≤ right``
# when Σv_left − Σh_left ≤ Σv_right + Σh_right: the test ``compare`` makes on intervals,
# without building them. Only a relation this finds broken is described (by ``compare``).


def _holds(left: Decimal, left_half: Decimal, right: Decimal, right_half: Decimal, op: str) -> bool:
    if op == "=":
        return abs(left - right) <= left_half + right_half
    return left - left_half <= right + right_half


def _ref_value(context: Context, ref: Ref) -> tuple[Decimal, Decimal, int, int] | None:
    """(Σ signed amount, Σ half, rows matched, cells printed) of a ref; None when its table
    is absent (as ``resolve``)."""
    table = context.report.table(ref.table)
    if table is None:
        return None
    value = half = Decimal(0)
    rows = cells = 0
    values = context.values(table, ref.column)
    for row in context.candidates(table, ref):
        if not ref.matches(row):
            continue
        rows += 1
        found = values.get(id(row))
        if found is not None:
            value += found[0] if ref.sign > 0 else -found[0]
            half += found[1]
            cells += 1
    return value, half, rows, cells


def _side_value(context: Context, side: Side, factors: dict[str, Decimal] | None = None) -> tuple[Decimal, Decimal, bool] | None:
    """(Σ amount, Σ half, every ref printed) of a side, in the smallest unit when ``factors``
    scale it; None when it cannot be checked (as ``_resolve_side``)."""
    value = half = Decimal(0)
    printed = True
    for ref in side:
        found = _ref_value(context, ref)
        if found is None or ref.required and not found[2]:
            return None
        factor = factors.get(ref.table, Decimal(1)) if factors else Decimal(1)
        value += found[0] * factor
        half += found[1] * factor
        printed = printed and found[3] > 0
    return value, half, printed


def _code_value(
    rows: dict[str, list[Row]], values: dict[int, tuple[Decimal, Decimal]], side: str, code: str
) -> tuple[Decimal, Decimal, int]:
    """Σ amount, Σ half and the number of cells of the rows of a subject code (of a side)."""
    value = half = Decimal(0)
    count = 0
    for row in rows.get(code, ()):
        if side and row.side != side:
            continue
        found = values.get(id(row))
        if found is not None:
            value += found[0]
            half += found[1]
            count += 1
    return value, half, count


@dataclass(frozen=True)
class Equation(Rule):
    """``left op right`` for each (left, right) pair; op '=' or '<='.

    The left side must be printed (else the pair is skipped: a missing row is a
    completeness matter); rows missing on the right count as zero.
    """

    pairs: tuple[tuple[Side, Side], ...] = ()
    op: str = "="
    # Fail closed where a template may not print a column or attach a value to a row: skip a
    # pair when a column it names is not printed (rather than read it as zero), or when one
    # of its tables has amounts on a row with no name (the 预算 rules set both).
    printed_columns: bool = False
    named_rows: bool = False

    def findings(self, context: Context) -> Iterator[Finding]:
        for left_refs, right_refs in self.pairs:
            refs = left_refs + right_refs
            if self.printed_columns and not all(_column_printed(context, ref) for ref in refs):
                continue
            if self.named_rows and any(_unnamed_values(context, ref) for ref in refs if ref.others or len(ref.roles) > 1):
                continue
            factors = unit_factors(context, refs)
            quick_left, quick_right = _side_value(context, left_refs, factors), _side_value(context, right_refs, factors)
            if (
                quick_left is None
                or quick_right is None
                or not quick_left[2]
                or _holds(quick_left[0], quick_left[1], quick_right[0], quick_right[1], self.op)
            ):
                continue
            left = _resolve_side(context, left_refs)
            right = _resolve_side(context, right_refs)
            if left is None or right is None or not all(r.cells for r in left):
                continue
            if factors:
                left = [_scaled(r, factors.get(r.ref.table, Decimal(1))) for r in left]
                right = [_scaled(r, factors.get(r.ref.table, Decimal(1))) for r in right]
            finding = compare(self, left, right, self.op)
            if finding is not None:
                if factors:
                    finding = replace(finding, message=f"{finding.message}（各表金额已换算为{_smallest_unit(context, refs)}比较）")
                yield finding


def _smallest_unit(context: Context, refs: Side) -> str:
    units = {t.unit for t in (context.report.table(ref.table) for ref in refs) if t is not None}
    return min(units, key=lambda unit: UNIT_FACTORS[unit])


@dataclass(frozen=True)
class RowSum(Rule):
    """In every row of a table: the ``total`` column = Σ (sign, column) parts."""

    table: str = ""
    total: str = "total"
    parts: tuple[tuple[int, str], ...] = ()
    side: str = ""
    # A template that prints the total without its parts (江苏 公开04表 prints one 支出 column):
    # with ``printed_parts`` the rule needs a part column printed, else it checks nothing.
    printed_parts: bool = False

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        table = report.table(self.table)
        if table is None:
            return
        if self.printed_parts and not any(context.column_key(table, column, self.side) is not None for _, column in self.parts):
            return
        totals = context.values(table, self.total)
        parts = [(sign, context.values(table, column)) for sign, column in self.parts]
        for row in table.rows:
            if self.side and row.side != self.side or not row.cells:
                continue
            total = totals.get(id(row))
            if total is None:
                continue
            value = half = Decimal(0)
            for sign, values in parts:
                part = values.get(id(row))
                if part is not None:
                    value += part[0] if sign > 0 else -part[0]
                    half += part[1]
            if _holds(total[0], total[1], value, half, "="):
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
    # Skip a subject with a misprinted code under it ('301 2' for 301 02): its amount would
    # be missing from the sum, and the misprint is the finding (the 预算 rules set it).
    skip_misprinted: bool = False

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        table = report.table(self.table)
        if table is None:
            return
        misprinted = [row.code for row in misprinted_codes(table, self.levels)] if self.skip_misprinted else []
        coded = [row for row in table.rows if row.code]
        total = next((row for row in table.rows if row.role == "total"), None)
        groups: list[tuple[Row, list[Row]]] = []
        if self.with_total and total is not None and coded:  # no subject rows read: nothing to sum
            groups.append((total, [r for r in coded if len(r.code) == self.levels[0]]))
        below: dict[str, list[Row]] = {}  # rows by the code of their parent level
        for row in coded:
            length = len(row.code)
            if length in self.levels[1:]:
                below.setdefault(row.code[: self.levels[self.levels.index(length) - 1]], []).append(row)
        for parent in coded:
            length = len(parent.code)
            if length in self.levels[:-1]:
                child_length = self.levels[self.levels.index(length) + 1]
                children = [r for r in below.get(parent.code[:length], ()) if len(r.code) == child_length]
                if children:
                    groups.append((parent, children))
        columns = [(column, column.role or column.key, context.values(table, column.role or column.key)) for column in table.columns]
        for parent, children in groups:
            if misprinted and any(code.startswith(parent.code) or len(code) <= self.levels[0] for code in misprinted):
                continue
            for column, role, values in columns:
                if parent.side and column.side and column.side != parent.side:
                    continue
                parent_value = values.get(id(parent))
                if parent_value is None:
                    continue
                value = half = Decimal(0)
                for child in children:
                    part = values.get(id(child))
                    if part is not None:
                        value += part[0]
                        half += part[1]
                if _holds(parent_value[0], parent_value[1], value, half, "="):
                    continue
                ref = Ref(table.kind, role, side=column.side)
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
    # Both tables must list subjects by code (a template may print a table without them:
    # 江苏 公开03表 is one row): a table without codes is not compared subject by subject.
    coded: bool = False

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        left_table, right_table = report.table(self.left.table), report.table(self.right.table)
        if left_table is None or right_table is None:
            return
        if self.coded and not all(any(row.code for row in table.rows) for table in (left_table, right_table)):
            return
        codes: list[str] = []
        for table in (left_table, right_table):
            for row in table.rows:
                if row.code and (not self.level or len(row.code) == self.level) and row.code not in codes:
                    if row.cells:
                        codes.append(row.code)
        sides = (
            (context.by_code(left_table), context.values(left_table, self.left.column), self.left.side),
            (context.by_code(right_table), context.values(right_table, self.right.column), self.right.side),
        )
        wrong = [{row.code for row in misprinted_codes(table)} if self.coded else set() for table in (left_table, right_table)]
        misprinted = [bool(codes) for codes in wrong]
        codes = [code for code in codes if code not in wrong[0] | wrong[1]]
        for code in codes:
            (lv, lh, ln), (rv, rh, rn) = (_code_value(rows, values, side, code) for rows, values, side in sides)
            if not ln and not rn or self.op == "<=" and not ln or _holds(lv, lh, rv, rh, self.op):
                continue
            if not ln and misprinted[0] or not rn and misprinted[1]:
                continue  # the subject may be the one printed under a wrong code (reported by its own rule)
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


def misprinted_codes(table: Table, levels: tuple[int, ...] = (3, 5, 7)) -> list[Row]:
    """Rows whose code cannot be a subject of the table: a length that is no level's, or a 款
    or 项 whose parent code is not printed in the table ('7 11 02' for 210 11 02)."""
    codes = {row.code for row in table.rows if row.code}
    return [
        row for row in table.rows if row.code and (len(row.code) not in levels or len(row.code) > levels[0] and row.code[:-2] not in codes)
    ]


def _note_absent(finding: Finding, table: Table, code: str) -> Finding:
    from dataclasses import replace

    return replace(finding, message=f"{finding.message}；{table_label(table)} 没有 {code} 这一行")


__all__ = ["Rule", "Equation", "RowSum", "Hierarchy", "SubjectMatch", "compare", "row_label"]
