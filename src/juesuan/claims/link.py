"""Linking claims to what they restate: table cells (through the phrase table) and
the other claims of the same quantity, statement, breakdown or share.

``analyse(report)`` reads the claims and links them once per report: every relation a
narrative rule judges is found here, as a typed record of the ``Analysis`` (a stated
amount and the cells it restates, a completion rate and its two amounts, the parts of a
breakdown, a share and its base, …), and every claim is linked to the cells and claims
it was compared with. The rules (``checks.narrative``) only judge these records; the
links say which figures nothing checks (JS790, ``juesuan claims``).

Values are intervals from printed precision (model.interval). A zero printed in the
narrative ('0万元') is exactly zero: the template writes 0 for "none", and reading it
as ±0.5万元 would let a share of nothing pass as a share of half a 万元.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field, replace
from decimal import Decimal

from ..model import CellRef, Claim, Report, Row, Table, plain
from ..model.interval import Interval
from ..model.refs import Ref, Resolved, describe, resolve
from ..profiles import profile_of
from ..profiles.narrative import Narrative, Quantity
from .extract import extract

HUNDRED = Decimal(100)
INFINITY = Decimal("Infinity")


def stated(value: Decimal) -> Interval:
    return Interval.exact(Decimal(0)) if value == 0 else Interval.printed(value)


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two values could be the same number. A printed value stands for the
    half-open interval [v − h, v + h) of what rounds to it, and sums and ratios of
    such values are open intervals; so two values of width meet only when they
    overlap by more than a point ('812.82' is not '812.81' restated). A value known
    exactly (a printed zero) meets an interval it lies in."""
    if a.low == a.high or b.low == b.high:
        return a.meets(b)
    return a.low < b.high and b.low < a.high


def ratio(numerator: Interval, denominator: Interval) -> Interval | None:
    """numerator / denominator × 100 over the intervals (both non-negative amounts);
    None when the denominator cannot be positive. Bounds are monotonic: the least is
    the least numerator over the greatest denominator, and so on."""
    if denominator.high <= 0:
        return None
    low = max(numerator.low, Decimal(0))
    high_den = denominator.high
    low_den = denominator.low
    least = low / high_den * HUNDRED
    most = INFINITY if low_den <= 0 else numerator.high / low_den * HUNDRED
    return Interval(least, most)


def percent(value: Decimal) -> Interval:
    """A printed percent; shares and rates are never negative ('0%' is 0—0.5%)."""
    interval = Interval.printed(value)
    return Interval(max(interval.low, Decimal(0)), interval.high)


def signed(interval: Interval, sign: Decimal | None) -> Interval:
    return -interval if sign is not None and sign < 0 else interval


class TableValue:
    """The sum of some table cells: its interval and value, the cells, and — for messages,
    worked out when first asked for — their label ('表1 第1行 一般公共预算财政拨款收入') and the
    decimals they are printed with."""

    __slots__ = ("interval", "value", "cells", "_resolved", "_label", "_places")

    def __init__(self, interval: Interval, value: Decimal, cells: tuple[CellRef, ...], resolved: tuple[Resolved, ...]) -> None:
        self.interval, self.value, self.cells, self._resolved = interval, value, cells, resolved
        self._label: str | None = None
        self._places: int | None = None

    @property
    def label(self) -> str:
        if self._label is None:
            self._label = " + ".join(describe(resolved) for resolved in self._resolved)
        return self._label

    @property
    def places(self) -> int:
        if self._places is None:
            self._places = max((max((c.decimals for row in r.rows for c in row.cells), default=0) for r in self._resolved), default=0)
        return self._places


# The narrative states amounts in 万元; a table printed in another unit (a Shanghai budget's
# tables are in 元) is brought to 万元 with its interval: a 元 integer is ±0.5元 = ±0.00005万元.
_TO_WAN = {"万元": Decimal(1), "元": Decimal("0.0001"), "千元": Decimal("0.1"), "亿元": Decimal(10000)}


def _in_wan(table: Table, interval: Interval) -> Interval:
    """A cell's interval in 万元, the narrative's unit."""
    factor = _TO_WAN.get(table.unit, Decimal(1))
    return interval if factor == 1 else Interval(interval.low * factor, interval.high * factor)


def table_value(report: Report, refs: tuple[Ref, ...]) -> TableValue | None:
    """The sum of the cells in 万元; None when a table is absent or no cell is printed."""
    interval, value = Interval.exact(), Decimal(0)
    cells: list[CellRef] = []
    found: list[Resolved] = []
    shift = 0
    for ref in refs:
        resolved = resolve(report, ref)
        if resolved is None or not resolved.cells or not resolved.table.complete:
            return None  # a table not fully read checks nothing (fail closed)
        factor = _TO_WAN.get(resolved.table.unit, Decimal(1))
        if factor != 1:
            shift = max(shift, -factor.adjusted())
            resolved = replace(
                resolved,
                interval=Interval(resolved.interval.low * factor, resolved.interval.high * factor),
                value=resolved.value * factor,
            )
        interval = interval + resolved.interval
        value += resolved.value
        cells.extend(resolved.cells)
        found.append(resolved)
    table = TableValue(interval, value, tuple(cells), tuple(found))
    if shift:
        table._places = table.places + shift  # digits of a 元 figure written in 万元
    return table


# -- the relations found ---------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Restatement:
    """A stated amount (or a completion's budget, ``what`` = 预算数) and the cells it restates."""

    claim: int
    value: Decimal
    quantity: Quantity
    what: str
    table: TableValue


@dataclass(frozen=True, slots=True)
class Completion:
    """A completion rate with both its amounts known (stated, or from the tables)."""

    claim: int
    executed: Interval
    executed_value: Decimal
    budget: Interval
    budget_value: Decimal
    cells: tuple[CellRef, ...]


@dataclass(frozen=True, slots=True)
class Restated:
    """The claims of one quantity stated more than once (kind 'amount' | 'count' | 'change',
    a change by its base); the first and each other."""

    kind: str
    base: str
    members: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class BudgetSum:
    """The budget a 绩效 section states and the changes against 年初预算数 that imply it."""

    claim: int
    members: tuple[int, ...]
    implied: Interval
    value: Decimal


@dataclass(frozen=True, slots=True)
class Breakdown:
    """A total and its parts, stated: ``kind`` 'amounts' (amount or count claims),
    'derived' (parts stated as shares of a stated amount: ``derived`` their intervals and
    values), 'changes', 'budgets' (completions' budgets), 'shares' (shares of the total
    summing to 100%)."""

    kind: str
    total: str
    claim: int | None
    members: tuple[int, ...]
    derived: tuple[tuple[int, Interval, Decimal], ...] = ()


@dataclass(frozen=True, slots=True)
class Share:
    """A share and its base: a stated amount (``base_claim``) or table cells."""

    claim: int
    base_value: Decimal
    base_interval: Interval
    cells: tuple[CellRef, ...]
    label: str
    base_claim: int | None
    soft: bool  # a table base the share usually, not necessarily, is of


@dataclass(frozen=True, slots=True)
class Counts:
    """Counts that must agree (``same``: two counts; else an amount and its counts)."""

    same: bool
    claim: int
    members: tuple[int, ...]


@dataclass(frozen=True, slots=True)
class Item:
    """A subject named by 类/款/项 names. Found (``missing`` None): the row restated, and
    ``mismatch`` the (table, row, value, cells) of a stated amount that matches no
    candidate. Not found: the level and parent where a name is missing, the row whose
    child bears the next name (``below``) and the one row of that level whose amount the
    statement restates (``same``)."""

    claim: int
    table: Table
    mismatch: tuple[Table, Row, Decimal, tuple[CellRef, ...]] | None = None
    missing: tuple[int, Row | None] | None = None
    below: Row | None = None
    same: Row | None = None
    cells: tuple[CellRef, ...] = ()


@dataclass
class Analysis:
    """The claims of a report with what each is linked to and the relations found."""

    report: Report
    claims: tuple[Claim, ...]
    narrative: Narrative
    cells: dict[int, list[CellRef]] = field(default_factory=lambda: defaultdict(list))
    related: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    checked: set[int] = field(default_factory=set)  # claims checked against their own figures (a rate of two stated amounts)
    restatements: list[Restatement] = field(default_factory=list)
    completions: list[Completion] = field(default_factory=list)
    restated: list[Restated] = field(default_factory=list)
    budget_sums: list[BudgetSum] = field(default_factory=list)
    breakdowns: list[Breakdown] = field(default_factory=list)
    shares: list[Share] = field(default_factory=list)
    counts: list[Counts] = field(default_factory=list)
    items: list[Item] = field(default_factory=list)

    def __post_init__(self) -> None:
        self._by_quantity: dict[tuple[str, str], list[int]] = defaultdict(list)
        self._amounts_at: dict[tuple[str, int, int], list[int]] = defaultdict(list)
        self._by_kind: dict[str, list[int]] = defaultdict(list)
        for i, claim in enumerate(self.claims):
            self._by_kind[claim.kind].append(i)
            if claim.quantity:
                self._by_quantity[(claim.kind, claim.quantity)].append(i)
            if claim.kind == "amount":
                self._amounts_at[(claim.part, claim.paragraph, claim.start)].append(i)
        self._tables: dict[tuple[Ref, ...], TableValue | None] = {}

    # -- lookups ----------------------------------------------------------------------

    def kind(self, kind: str) -> list[int]:
        """The claims of a kind ('change', 'completion', …), in reading order."""
        return self._by_kind.get(kind, [])

    def of(self, kind: str, quantity: str) -> list[int]:
        return self._by_quantity.get((kind, quantity), [])

    def first(self, kind: str, quantity: str) -> int | None:
        found = self.of(kind, quantity)
        return found[0] if found else None

    def statement(self, i: int) -> int | None:
        """The amount claim of the statement claim ``i`` belongs to (same span)."""
        claim = self.claims[i]
        if not claim.quantity:
            return None
        for j in self._amounts_at.get((claim.part, claim.paragraph, claim.start), ()):
            if self.claims[j].quantity == claim.quantity:
                return j
        return None

    def same_statement(self, i: int) -> list[int]:
        """The amount claims printed in the same statement as claim ``i``."""
        claim = self.claims[i]
        return [j for j in self._amounts_at.get((claim.part, claim.paragraph, claim.start), ()) if j != i]

    def quantity(self, claim: Claim) -> Quantity | None:
        return self.narrative.quantities.get(claim.quantity)

    def name(self, claim: Claim) -> str:
        q = self.quantity(claim)
        return q.name if q else claim.subject.strip() or "该项"

    def table(self, refs: tuple[Ref, ...]) -> TableValue | None:
        """``table_value`` of the refs, computed once per report."""
        if refs not in self._tables:
            self._tables[refs] = table_value(self.report, refs)
        return self._tables[refs]

    def amount(self, q: str) -> tuple[Interval, int] | None:
        """The stated amount of a quantity (its first statement)."""
        i = self.first("amount", q)
        if i is None:
            i = self.first("count", q)
        if i is None:
            return None
        value = self.claims[i].amount
        if value is None:
            return None
        return stated(value), i

    def tight(self, q: str) -> tuple[Interval, int] | None:
        """The stated amount, narrowed by the breakdown it is a part of: a part is also
        the total less the other parts ('345万元' of 345.68 − 0.68 − 0 is 344.99—345.01)."""
        own = self.amount(q)
        if own is None:
            return None
        interval, i = own
        for total, parts in self.narrative.breakdowns:
            if q in parts and len(parts) > 1:
                t = self.amount(total)
                others = [self.amount(p) for p in parts if p != q]
                stated_others = [o for o in others if o is not None]
                if t is None or len(stated_others) < len(others):
                    continue
                rest = t[0]
                for other in stated_others:
                    rest = rest - other[0]
                low, high = max(interval.low, rest.low), min(interval.high, rest.high)
                if low <= high:
                    interval = Interval(low, high)
        return interval, i

    # -- links ------------------------------------------------------------------------

    def link_cells(self, i: int, cells: tuple[CellRef, ...]) -> None:
        linked = self.cells[i]
        for cell in cells:
            if cell not in linked:
                linked.append(cell)

    def relate(self, *indices: int | None) -> None:
        found = [i for i in indices if i is not None]
        for i in found:
            self.related[i].update(j for j in found if j != i)

    def linked(self, i: int) -> bool:
        return bool(self.cells.get(i)) or bool(self.related.get(i)) or i in self.checked


def analyse(report: Report, narrative: Narrative | None = None) -> Analysis:
    """The claims of a report, linked: every relation the narrative rules judge."""
    narrative = narrative or profile_of(report).narrative
    analysis = Analysis(report, extract(report, narrative), narrative)
    for step in (_restatements, _changes, _completions, _restated, _budget_sums, _breakdowns, _shares, _counts, _items):
        step(analysis)
    return analysis


# -- the linking steps, in order (a claim's cells are listed in the order linked) ----------


def _restatements(a: Analysis) -> None:
    """Stated amounts and completion budgets against the cells their quantity restates."""
    institutions = None
    for i, claim in enumerate(a.claims):
        q = a.quantity(claim)
        if q is None:
            continue
        found = []
        if claim.kind == "amount" and q.refs and claim.amount is not None:
            found.append((claim.amount, q.refs, ""))
        if claim.kind == "completion" and q.budget and claim.reference is not None:
            found.append((claim.reference, q.budget, "预算数"))
        for value, refs, what in found:
            if q.administrative:
                if institutions is None:
                    institutions = _has_institutions(a.report)
                if institutions:
                    continue  # 机关运行经费 = 公用经费 holds for administrative units; this report has 事业单位
            table = a.table(refs)
            if table is None:
                continue
            a.link_cells(i, table.cells)
            a.restatements.append(Restatement(i, value, q, what, table))


def _changes(a: Analysis) -> None:
    """A change is of the amount of its statement; a change restated in its own sentence
    ('与2023年度相比，…增加…') is of the amount stated before."""
    for i in a.kind("change"):
        claim = a.claims[i]
        own = a.statement(i)
        a.relate(i, own if own is not None or not claim.quantity or claim.amount is None else a.first("amount", claim.quantity))


def _completions(a: Analysis) -> None:
    for i in a.kind("completion"):
        claim = a.claims[i]
        a.relate(i, *a.same_statement(i))
        q = a.quantity(claim)
        executed = stated(claim.amount) if claim.amount is not None else None
        budget = stated(claim.reference) if claim.reference is not None else None
        executed_value, budget_value = claim.amount, claim.reference
        cells: tuple[CellRef, ...] = ()
        if executed is None and q is not None and q.refs:
            t = a.table(q.refs)
            if t is not None:
                executed, executed_value, cells = t.interval, t.value, cells + t.cells
        if budget is None and q is not None and q.budget:
            t = a.table(q.budget)
            if t is not None:
                budget, budget_value, cells = t.interval, t.value, cells + t.cells
            elif _blank(a.report, q.budget):
                budget, budget_value = Interval.exact(Decimal(0)), Decimal(0)  # a blank budget cell is zero
        a.link_cells(i, cells)
        if budget is None or executed is None:
            continue
        a.checked.add(i)
        assert executed_value is not None and budget_value is not None
        a.completions.append(Completion(i, executed, executed_value, budget, budget_value, cells))


def _restated(a: Analysis) -> None:
    """The same quantity wherever it is stated: amounts, counts, changes by base."""
    groups: dict[tuple[str, str, str], list[int]] = {}
    for i, claim in enumerate(a.claims):
        if not claim.quantity:
            continue
        if claim.kind in ("amount", "count"):
            groups.setdefault((claim.kind, claim.quantity, ""), []).append(i)
        elif claim.kind == "change":
            groups.setdefault(("change", claim.quantity, claim.base), []).append(i)
    for (kind, q, base), members in groups.items():
        if len(members) < 2 or q == "vehicles.part":
            continue
        for other in members[1:]:
            a.relate(members[0], other)
        a.restated.append(Restated(kind, base, tuple(members)))


def _budget_sums(a: Analysis) -> None:
    """The budget a report states in its 绩效 section and the budgets its 财政拨款支出说明
    implies (本年数 ∓ 比年初预算数的增减)."""
    for total_q, parts in a.narrative.budget_sums.items():
        i = a.first("amount", total_q)
        if i is None:
            continue
        implied, value, members = Interval.exact(), Decimal(0), []
        for part in parts:
            j = next(
                (
                    j
                    for j in a.of("change", part)
                    if a.claims[j].base == "年初预算数" and a.claims[j].amount is not None and a.claims[j].signed_change is not None
                ),
                None,
            )
            if j is None:
                break
            c = a.claims[j]
            amount, signed_change = c.amount, c.signed_change
            assert amount is not None and signed_change is not None  # j was chosen for both
            implied = implied + stated(amount) - signed(stated(c.change or Decimal(0)), signed_change)
            value += amount - signed_change
            members.append(j)
        else:
            a.relate(i, *members)
            a.budget_sums.append(BudgetSum(i, tuple(members), implied, value))


def _breakdowns(a: Analysis) -> None:
    for total, parts in a.narrative.breakdowns:
        _sum_amounts(a, total, parts)
        _sum_changes(a, total, parts)
        _sum_budgets(a, total, parts)
        _sum_shares(a, total, parts)


def _part_claims(a: Analysis, total_index: int, parts: tuple[str, ...], kind: str) -> list[int] | None:
    total = a.claims[total_index]
    if len(parts) == 1:  # one part id stated several times next to its total
        return [j for j in a.of(kind, parts[0]) if a.claims[j].paragraph == total.paragraph and a.claims[j].part == total.part] or None
    found = []
    for part in parts:
        j = a.first(kind, part)
        if j is None:
            return None
        found.append(j)
    return found


def _sum_amounts(a: Analysis, total: str, parts: tuple[str, ...]) -> None:
    for kind in ("amount", "count"):
        i = a.first(kind, total)
        if i is None:
            continue
        members = _part_claims(a, i, parts, kind)
        if members is None:
            derived = _derived_parts(a, parts) if kind == "amount" else None
            if derived is not None:
                a.relate(i, *(j for j, _, _ in derived))
                a.breakdowns.append(Breakdown("derived", total, i, tuple(j for j, _, _ in derived), tuple(derived)))
            continue
        a.relate(i, *members)
        a.breakdowns.append(Breakdown("amounts", total, i, tuple(members)))


def _derived_parts(a: Analysis, parts: tuple[str, ...]) -> list[tuple[int, Interval, Decimal]] | None:
    """Parts stated only as shares of a stated amount (货物采购授予中小企业合同金额占货物
    支出金额的70%): each is share × that amount."""
    out = []
    for part in parts:
        j = a.first("share", part)
        if j is None:
            return None
        share = a.claims[j]
        if share.percent is None:
            return None
        base = a.tight(share.share_of)
        if base is None:
            return None
        base_amount = a.claims[base[1]].amount
        assert base_amount is not None  # tight() gives the claim of a stated amount
        p = percent(share.percent)
        p = Interval(max(p.low, Decimal(0)), min(p.high, HUNDRED))
        interval = Interval(p.low * base[0].low / HUNDRED, p.high * base[0].high / HUNDRED)
        value = share.percent * base_amount / HUNDRED
        a.relate(j, base[1])
        out.append((j, interval, value))
    return out


def _first_change(a: Analysis, q: str, base: str) -> int | None:
    return next((j for j in a.of("change", q) if a.claims[j].base == base and a.claims[j].signed_change is not None), None)


def _sum_changes(a: Analysis, total: str, parts: tuple[str, ...]) -> None:
    for i in a.of("change", total)[:1]:
        claim = a.claims[i]
        members = [_first_change(a, p, claim.base) for p in parts]
        if len(parts) == 1 or any(j is None for j in members) or claim.signed_change is None:
            continue
        a.relate(i, *members)
        a.breakdowns.append(Breakdown("changes", total, i, tuple(j for j in members if j is not None)))


def _sum_budgets(a: Analysis, total: str, parts: tuple[str, ...]) -> None:
    i = next((j for j in a.of("completion", total) if a.claims[j].reference is not None), None)
    if i is None or len(parts) == 1:
        return
    members = [next((j for j in a.of("completion", p) if a.claims[j].reference is not None), None) for p in parts]
    if any(j is None for j in members):
        return
    a.relate(i, *members)
    a.breakdowns.append(Breakdown("budgets", total, i, tuple(j for j in members if j is not None)))


def _sum_shares(a: Analysis, total: str, parts: tuple[str, ...]) -> None:
    """Shares of one total taken by all its parts add up to 100%."""
    if len(parts) == 1:
        return
    members = []
    for part in parts:
        j = next((j for j in a.of("share", part) if a.claims[j].share_of == total and a.claims[j].percent is not None), None)
        if j is None:
            return
        members.append(j)
    if any(a.claims[j].amount is None for j in members):
        return  # shares of different bases (货物、工程、服务 each of its own amount)
    a.relate(*members)
    a.breakdowns.append(Breakdown("shares", total, None, tuple(members)))


def _shares(a: Analysis) -> None:
    """A share against its base: the base amount stated, else the cells of the base."""
    for i in a.kind("share"):
        claim = a.claims[i]
        if claim.percent is None or claim.amount is None:
            continue
        a.relate(i, a.statement(i))
        base = a.amount(claim.share_of)
        if base is not None:
            a.relate(i, base[1])
            value = a.claims[base[1]].amount
            assert value is not None
            label = f"{a.narrative.quantities[claim.share_of].name} {plain(value)}万元"
            a.shares.append(Share(i, value, base[0], (), label, base[1], False))
            continue
        q = a.narrative.quantities.get(claim.share_of)
        t = a.table(q.refs) if q is not None and q.refs else None
        if t is None:
            continue
        a.link_cells(i, t.cells)
        label = f"{t.label} {_text(t.value, t.places)}"
        a.shares.append(Share(i, t.value, t.interval, t.cells, label, None, bool(q and q.soft)))


def _counts(a: Analysis) -> None:
    for a_q, b_q in a.narrative.same_count:
        i, j = a.first("count", a_q), a.first("count", b_q)
        if i is None or j is None:
            continue
        a.relate(i, j)
        a.counts.append(Counts(True, i, (j,)))
    for money, count_qs in a.narrative.zero_with:
        i = a.first("amount", money)
        counts = [j for j in (a.first("count", q) for q in count_qs) if j is not None]
        if i is None or not counts:
            continue
        a.relate(i, *counts)
        a.counts.append(Counts(False, i, tuple(counts)))


def _items(a: Analysis) -> None:
    """'社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）…决算为54.53万元'
    restates a row of the items table (表5): the names must be that table's and the
    amount its amount. A name the table does not have is noted with the row whose
    amount the statement does restate."""
    spec = a.narrative.items
    if spec is None:
        return
    table = a.report.table(spec[0])
    if table is None or not table.complete:
        return
    roles: dict[str, str] = {}
    for column in table.columns:
        roles.setdefault(column.key, column.role)
    for i, claim in enumerate(a.claims):
        if not claim.item or claim.amount is None or claim.kind not in ("amount", "completion"):
            continue
        if a.narrative.items_by_heading:  # a Jiangsu 项 under the headings of its 类 and 款
            row = _item_row_in_context(table, claim.item)
            if row is not None:
                mismatch = _against_item(a, i, claim, [(table, row, [c for c in row.cells if roles.get(c.column, "") == spec[1]])])
                if mismatch is not None:
                    a.items.append(Item(i, table, mismatch=mismatch))
            continue
        path, missing = _item_rows(table, claim.item)
        if missing is None:
            row = path[-1]
            candidates = [(table, row, [c for c in row.cells if roles.get(c.column, "") == spec[1]])]
            if len(path) == 1:
                for other_kind, class_role in a.narrative.items_classes:
                    candidates.append(_class_cell(a.report, other_kind, class_role, row.code))
            mismatch = _against_item(a, i, claim, candidates)
            if mismatch is not None:
                a.items.append(Item(i, table, mismatch=mismatch))
            continue
        level, parent = missing
        siblings = [
            r
            for r in table.rows
            if r.code and len(r.code) == {0: 3, 1: 5, 2: 7}[level] and (parent is None or r.code.startswith(parent.code))
        ]
        same = [
            r
            for r in siblings
            if any(
                roles.get(c.column, "") == spec[1] and overlaps(stated(claim.amount), _in_wan(table, Interval.printed(c.amount)))
                for c in r.cells
            )
        ]
        below = _named_below(table, claim.item, level, parent)
        cells: tuple[CellRef, ...] = ()
        one = None
        if not (below is not None and level < len(claim.item) - 1) and len(same) == 1:
            one = same[0]
            cells = tuple(_cell_ref(table, one, c) for c in one.cells if roles.get(c.column, "") == spec[1])
            a.link_cells(i, cells)
        a.items.append(Item(i, table, missing=(level, parent), below=below, same=one, cells=cells))


def _against_item(a: Analysis, i: int, claim: Claim, candidates: list[tuple]) -> tuple[Table, Row, Decimal, tuple[CellRef, ...]] | None:
    """The stated amount against the row's cell, or any cell the identities make equal
    to it (表4 一般公共预算 of the 类): one that matches is what the text restates; else
    the row's own cells, whose value the statement misstates."""
    assert claim.amount is not None
    mine = stated(claim.amount)
    for table, row, cells in candidates:
        if not cells:
            continue
        interval = Interval.exact()
        for cell in cells:
            interval = interval + _in_wan(table, Interval.printed(cell.amount))
        if overlaps(mine, interval):
            a.link_cells(i, tuple(_cell_ref(table, row, c) for c in cells))
            return None
    table, row, cells = candidates[0]
    if not cells:
        return None
    value = sum((c.amount for c in cells), Decimal(0))
    factor = _TO_WAN.get(table.unit, Decimal(1))
    if factor != 1:  # a 元 figure in 万元, without the zeros the scaling adds (87.708, not 87.708000)
        value = (value * factor).normalize()
        value = value.quantize(Decimal(1)) if value == value.to_integral_value() else value
    refs = tuple(_cell_ref(table, row, c) for c in cells)
    a.link_cells(i, refs)
    return table, row, value, refs


def _blank(report: Report, refs: tuple[Ref, ...]) -> bool:
    """Whether every cell the refs name is printed blank in a table read completely."""
    for ref in refs:
        resolved = resolve(report, ref)
        if resolved is None or resolved.cells or not resolved.rows or not resolved.table.complete:
            return False
    return True


def _has_institutions(report: Report) -> bool:
    """Whether the report consolidates 事业单位 (its 概况 or 单位构成 names some)."""
    units = " ".join(report.metadata.consolidated_units) + "".join(p.text for p in report.overview)
    return "事业单位" in units


def _role(table: Table, key: str) -> str:
    column = next((c for c in table.columns if c.key == key), None)
    return column.role if column is not None else ""


def _cell_ref(table: Table, row: Row, cell) -> CellRef:
    return CellRef(table.kind, row.key, cell.column, row.name, cell.source.page, cell.source.line)


def _bare(name: str) -> str:
    return "".join(name.split()).replace("(", "（").replace(")", "）")


def _item_rows(table: Table, item: tuple[str, ...]):
    """The rows a 类/款/项 path names, and (level, parent row) where a name is not found."""
    path: list[Row] = []
    parent: Row | None = None
    for level, name in enumerate(item):
        length = (3, 5, 7)[level]
        found = next(
            (
                r
                for r in table.rows
                if r.code and len(r.code) == length and _bare(r.name) == _bare(name) and (parent is None or r.code.startswith(parent.code))
            ),
            None,
        )
        if found is None:
            return path, (level, parent)
        path.append(found)
        parent = found
    return path, None


def _item_row_in_context(table: Table, item: tuple[str, ...]) -> Row | None:
    """The one 项 row named (类, 款, 项) where the 类 or 款 may be unknown (''): the 项 by its
    name under the 款 and 类 that are known; None when no row or several rows fit (fail
    closed). A 类 heading may leave out 支出 ('公共安全（类）' for 公共安全支出)."""
    lei, kuan, xiang = item

    def named(row: Row, name: str, length: int, loose: bool = False) -> bool:
        if not name:
            return True
        parent = next((r for r in table.rows if r.code == row.code[:length]), None)
        if parent is None:
            return False
        printed, wanted = _bare(parent.name), _bare(name)
        return printed == wanted or loose and printed.removesuffix("支出") == wanted.removesuffix("支出")

    rows = [
        r
        for r in table.rows
        if r.code and len(r.code) == 7 and _bare(r.name) == _bare(xiang) and named(r, kuan, 5) and named(r, lei, 3, loose=True)
    ]
    return rows[0] if len(rows) == 1 else None


def _named_below(table: Table, item: tuple[str, ...], level: int, parent: Row | None) -> Row | None:
    """The row at ``level`` under ``parent`` whose child bears the next name of the item
    ('住房保障支出（款）住房公积金（项）': 住房公积金 is under 22102 住房改革支出)."""
    if level + 1 >= len(item):
        return None
    length = (3, 5, 7)[level + 1]
    children = [
        r
        for r in table.rows
        if r.code
        and len(r.code) == length
        and _bare(r.name) == _bare(item[level + 1])
        and (parent is None or r.code.startswith(parent.code))
    ]
    if len(children) != 1:
        return None
    code = children[0].code[: (3, 5)[level]]
    return next((r for r in table.rows if r.code == code), None)


def _class_cell(report: Report, kind: str, role: str, code: str) -> tuple:
    """The cell of a 类 in a table that lists 类 rows by name (表4): its code from the catalog."""
    table = report.table(kind)
    if table is None or not table.complete:
        return (None, None, [])
    row = next((r for r in table.rows if r.code == code and r.role == "class"), None)
    if row is None:
        return (table, None, [])
    return (table, row, [c for c in row.cells if _role(table, c.column) == role])


def _text(value: Decimal, places: int | None = None) -> str:
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return plain(value)


__all__ = ["Analysis", "TableValue", "analyse", "overlaps", "percent", "ratio", "signed", "stated", "table_value"]
