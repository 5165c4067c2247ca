"""Checks of the 情况说明 (JS7xx): its claims against the tables and against each other.

Every comparison is between intervals from printed precision (DOMAIN.md §4); a
percent is checked against the interval of the ratio of its operands' intervals,
never against a tuned tolerance. The findings of all rules come from one pass over
the claims (``verdicts``), kept for the last report so that the rules and the
`juesuan claims` command share it.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ..claims.link import Analysis, analyse, stated, table_value
from ..profiles.narrative import Quantity
from ..model import CellRef, Claim, Finding, Report, plain
from ..model.interval import Interval
from ..model.refs import Ref, resolve
from .rules import Rule

HUNDRED = Decimal(100)
INFINITY = Decimal("Infinity")
UP = ("增加", "增长")


@dataclass(frozen=True, slots=True)
class Verdict:
    finding: Finding
    claims: tuple[int, ...]  # indices into Analysis.claims


def _text(value: Decimal, places: int | None = None) -> str:
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return plain(value)


def _places(*values: Decimal | None) -> int:
    return max((-v.as_tuple().exponent for v in values if v is not None and v.is_finite() and v.as_tuple().exponent < 0), default=0)


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


def _percent(value: Decimal) -> Interval:
    """A printed percent; shares and rates are never negative ('0%' is 0—0.5%)."""
    interval = Interval.printed(value)
    return Interval(max(interval.low, Decimal(0)), interval.high)


def overlaps(a: Interval, b: Interval) -> bool:
    """Whether two values could be the same number. A printed value stands for the
    half-open interval [v − h, v + h) of what rounds to it, and sums and ratios of
    such values are open intervals; so two values of width meet only when they
    overlap by more than a point ('812.82' is not '812.81' restated). A value known
    exactly (a printed zero) meets an interval it lies in."""
    if a.low == a.high or b.low == b.high:
        return a.meets(b)
    return a.low < b.high and b.low < a.high


def _join(*claims: Claim) -> str:
    quotes = list(dict.fromkeys(c.quote for c in claims if c.quote))
    return " …… ".join(quotes)


class _Run:
    """One pass: every relation of the claims, as verdicts and links."""

    def __init__(self, analysis: Analysis) -> None:
        self.a = analysis
        self.report = analysis.report
        self.claims = analysis.claims
        self.verdicts: list[tuple[str, Verdict]] = []

    def add(self, code: str, severity: str, message: str, claims: tuple[int, ...], *, cells: tuple[CellRef, ...] = (),
            expected: Decimal | None = None, actual: Decimal | None = None, tolerance: Decimal | None = None) -> None:
        first = self.claims[claims[0]]
        difference = None if expected is None or actual is None or not expected.is_finite() else actual - expected
        finding = Finding(code, severity, message, cells, expected, actual, difference, tolerance,
                          _join(*(self.claims[i] for i in claims)), first.source)
        self.verdicts.append((code, Verdict(finding, claims)))

    def name(self, claim: Claim) -> str:
        q = self.a.quantity(claim)
        return q.name if q else claim.subject.strip() or "该项"

    # -- values -------------------------------------------------------------------

    def amount(self, q: str) -> tuple[Interval, int] | None:
        """The stated amount of a quantity (its first statement)."""
        i = self.a.first("amount", q)
        if i is None:
            i = self.a.first("count", q)
        if i is None or self.claims[i].amount is None:
            return None
        return stated(self.claims[i].amount), i

    def tight(self, q: str) -> tuple[Interval, int] | None:
        """The stated amount, narrowed by the breakdown it is a part of: a part is also
        the total less the other parts ('345万元' of 345.68 − 0.68 − 0 is 344.99—345.01)."""
        own = self.amount(q)
        if own is None:
            return None
        interval, i = own
        for total, parts in self.a.narrative.breakdowns:
            if q in parts and len(parts) > 1:
                t = self.amount(total)
                others = [self.amount(p) for p in parts if p != q]
                if t is None or any(o is None for o in others):
                    continue
                rest = t[0]
                for other in others:
                    rest = rest - other[0]
                low, high = max(interval.low, rest.low), min(interval.high, rest.high)
                if low <= high:
                    interval = Interval(low, high)
        return interval, i

    # -- JS701/JS702: amounts against the tables -------------------------------------

    def tables(self) -> None:
        for i, claim in enumerate(self.claims):
            q = self.a.quantity(claim)
            if q is None:
                continue
            if claim.kind == "amount" and q.refs and claim.amount is not None:
                self._against_table(i, claim, claim.amount, q.refs, q, "")
            if claim.kind == "completion" and q.budget and claim.reference is not None:
                self._against_table(i, claim, claim.reference, q.budget, q, "预算数")

    def _against_table(self, i: int, claim: Claim, value: Decimal, refs: tuple[Ref, ...], q: Quantity, what: str) -> None:
        if q.administrative and _has_institutions(self.report):
            return  # 机关运行经费 = 公用经费 holds for administrative units; this report has 事业单位
        table = table_value(self.report, refs)
        if table is None:
            return
        self.a.link_cells(i, table.cells)
        mine = stated(value)
        if overlaps(mine, table.interval):
            return
        code, severity = ("JS702", "warning") if q.soft else ("JS701", "error")
        places = max(table.places, _places(value))
        message = f"情况说明称{q.name}{what} {plain(value)}{claim.unit or '万元'}，{table.label} 为 {_text(table.value, table.places)}"
        message += f"，相差 {_text(abs(value - table.value), places)}"
        for alternative in q.alternatives:
            other = table_value(self.report, alternative)
            if other is not None and overlaps(mine, other.interval):
                message += f"；与{other.label} {_text(other.value, other.places)} 相符，口径不一致"
                break
        self.add(code, severity, message, (i,), cells=table.cells, expected=table.value, actual=value,
                 tolerance=mine.radius + table.interval.radius)

    # -- JS703/JS704/JS705: a change against its base ---------------------------------

    def changes(self) -> None:
        for i, claim in enumerate(self.claims):
            if claim.kind != "change":
                continue
            # a change restated in its own sentence ('与2023年度相比，…增加…') is of the amount stated before
            own = self.a.statement(i)
            self.a.relate(i, own if own is not None or not claim.quantity or claim.amount is None else self.a.first("amount", claim.quantity))
            if claim.flat:
                continue
            words = [w for w in (claim.direction, claim.trend) if w]
            if claim.change is None:
                continue
            if len(words) == 2 and (words[0] in UP) != (words[1] in UP) and claim.change != 0:
                self.add("JS704", "error", f"情况说明称{self.name(claim)}比{claim.base}“{words[0]}”{plain(claim.change)}万元，又称“{words[1]}”，增减方向前后矛盾", (i,))
                continue
            if claim.amount is None:
                continue
            up = (words[0] if words else "增加") in UP
            current, change = stated(claim.amount), stated(claim.change)
            previous = current - change if up else current + change
            base = claim.base
            if claim.base_zero:
                if not (previous.low == previous.high == 0 or previous.low < 0 < previous.high):
                    mid = claim.amount - claim.change if up else claim.amount + claim.change
                    self.add("JS705", "error", f"情况说明称{self.name(claim)}{words[-1] if words else ''}“--（基数为0，不可比）”，但按本年数 {plain(claim.amount)}万元与增减额 {plain(claim.change)}万元推算，{base}为 {plain(mid)}万元，不为0",
                             (i,), expected=Decimal(0), actual=mid)
                continue
            if claim.percent is None:
                continue
            prev_mid = claim.amount - claim.change if up else claim.amount + claim.change
            if previous.high < 0 or (previous.high <= 0 and claim.change != 0):
                self.add("JS704", "error", f"情况说明称{self.name(claim)} {plain(claim.amount)}万元，比{base}“{words[0]}”{plain(claim.change)}万元，推算{base}为 {plain(prev_mid)}万元，不可能为负或为0：增减方向或金额有误",
                         (i,), expected=None, actual=prev_mid)
                continue
            if previous.low == previous.high == 0:
                self.add("JS705", "error", f"情况说明称{self.name(claim)}{words[-1]}{plain(claim.percent)}%，但{base}为0，应写作“--（基数为0，不可比）”", (i,))
                continue
            computed = ratio(change, previous)
            assert computed is not None
            if overlaps(computed, _percent(claim.percent)):
                continue
            places = _places(claim.percent)
            expected = claim.change / prev_mid * HUNDRED if prev_mid > 0 else None
            shown = f"应为 {_text(expected, places)}%" if expected is not None else "无法计算"
            self.add("JS703", "error", f"情况说明称{self.name(claim)}比{base}{words[0]}{plain(claim.change)}万元、{words[-1]}{plain(claim.percent)}%；按本年数 {plain(claim.amount)}万元推算{base}为 {plain(prev_mid)}万元，{words[-1]}幅度{shown}",
                     (i,), expected=None if expected is None else expected.quantize(Decimal(1).scaleb(-places)), actual=claim.percent)

    # -- JS710/JS705: completion rates -----------------------------------------------

    def completions(self) -> None:
        for i, claim in enumerate(self.claims):
            if claim.kind != "completion":
                continue
            self.a.relate(i, *self.a.same_statement(i))
            q = self.a.quantity(claim)
            executed = stated(claim.amount) if claim.amount is not None else None
            budget = stated(claim.reference) if claim.reference is not None else None
            executed_value, budget_value = claim.amount, claim.reference
            cells: tuple[CellRef, ...] = ()
            if executed is None and q is not None and q.refs:
                t = table_value(self.report, q.refs)
                if t is not None:
                    executed, executed_value, cells = t.interval, t.value, cells + t.cells
            if budget is None and q is not None and q.budget:
                t = table_value(self.report, q.budget)
                if t is not None:
                    budget, budget_value, cells = t.interval, t.value, cells + t.cells
                elif _blank(self.report, q.budget):
                    budget, budget_value = Interval.exact(Decimal(0)), Decimal(0)  # a blank budget cell is zero
            self.a.link_cells(i, cells)
            if budget is None or executed is None:
                continue
            self.a.checked.add(i)
            name = self.name(claim)
            if claim.base_zero:
                if budget.low > 0:
                    self.add("JS705", "error", f"情况说明称{name}完成预算“--（基数为0，不可比）”，但预算数为 {plain(budget_value)}万元，不为0", (i,), cells=cells)
                continue
            if claim.percent is None:
                continue
            if budget_value == 0 and executed_value == 0 and budget.low <= 0:
                # nothing budgeted and nothing spent: a rate of 0/0 means nothing
                self.add("JS713", "warning", f"情况说明称{name}完成预算的{plain(claim.percent)}%，但预算数与决算数均为0，完成率无从计算（可写作“--”或不写）", (i,), cells=cells)
                continue
            if budget.low == budget.high == 0:
                self.add("JS705", "error", f"情况说明称{name}完成预算的{plain(claim.percent)}%，但预算数为0，应写作“--%（基数为0，不可比）”", (i,), cells=cells)
                continue
            computed = ratio(executed, budget)
            if computed is None or overlaps(computed, _percent(claim.percent)):
                continue
            places = _places(claim.percent)
            expected = executed_value / budget_value * HUNDRED
            message = f"情况说明称{name}执行数 {plain(executed_value)}万元、预算数 {plain(budget_value)}万元，完成预算的{plain(claim.percent)}%；按两数计算应为 {_text(expected, places)}%"
            inverse = ratio(budget, executed)
            if inverse is not None and overlaps(inverse, _percent(claim.percent)):
                message += f"（{plain(claim.percent)}% 是预算数除以执行数，分子分母颠倒）"
            self.add("JS710", "error", message, (i,), cells=cells, expected=expected.quantize(Decimal(1).scaleb(-places)), actual=claim.percent)

    # -- JS706/JS712: the same quantity wherever it is stated ------------------------

    def agreement(self) -> None:
        groups: dict[tuple[str, str, str], list[int]] = {}
        for i, claim in enumerate(self.claims):
            if not claim.quantity:
                continue
            if claim.kind in ("amount", "count"):
                groups.setdefault((claim.kind, claim.quantity, ""), []).append(i)
            elif claim.kind == "change":
                groups.setdefault(("change", claim.quantity, claim.base), []).append(i)
        for (kind, q, base), members in groups.items():
            if len(members) < 2 or q == "vehicles.part":
                continue
            first = members[0]
            for other in members[1:]:
                self.a.relate(first, other)
                a, b = self.claims[first], self.claims[other]
                if kind in ("amount", "count"):
                    if a.amount is not None and b.amount is not None and not overlaps(stated(a.amount), stated(b.amount)):
                        self.add("JS706", "error", f"情况说明前后所称{self.name(a)}不一致：{plain(a.amount)}{a.unit} 与 {plain(b.amount)}{b.unit}",
                                 (first, other), expected=a.amount, actual=b.amount)
                    continue
                self._same_change(first, other, base)
        self._budgets()

    def _same_change(self, first: int, other: int, base: str) -> None:
        a, b = self.claims[first], self.claims[other]
        sa, sb = a.signed_change, b.signed_change
        if sa is None or sb is None:
            return
        ia = Interval.exact(Decimal(0)) if a.flat else _signed(stated(a.change or Decimal(0)), sa)
        ib = Interval.exact(Decimal(0)) if b.flat else _signed(stated(b.change or Decimal(0)), sb)
        if not overlaps(ia, ib):
            self.add("JS706", "error", f"情况说明前后所称{self.name(a)}比{base}的增减不一致：{_describe_change(a)} 与 {_describe_change(b)}",
                     (first, other), expected=sa, actual=sb)
        elif a.percent is not None and b.percent is not None and not overlaps(_percent(a.percent), _percent(b.percent)):
            self.add("JS706", "error", f"情况说明前后所称{self.name(a)}比{base}的增减幅度不一致：{plain(a.percent)}% 与 {plain(b.percent)}%",
                     (first, other), expected=a.percent, actual=b.percent)

    def _budgets(self) -> None:
        """The budget a report states in its 绩效 section against the budgets its
        财政拨款支出说明 implies (本年数 ∓ 比年初预算数的增减)."""
        for total_q, parts in self.a.narrative.budget_sums.items():
            i = self.a.first("amount", total_q)
            if i is None:
                continue
            implied, value, members = Interval.exact(), Decimal(0), []
            for part in parts:
                j = next((j for j in self.a.of("change", part) if self.claims[j].base == "年初预算数" and self.claims[j].amount is not None
                          and self.claims[j].signed_change is not None), None)
                if j is None:
                    break
                c = self.claims[j]
                change = stated(c.change or Decimal(0))
                implied = implied + stated(c.amount) - _signed(change, c.signed_change)
                value += c.amount - c.signed_change
                members.append(j)
            else:
                self.a.relate(i, *members)
                claim = self.claims[i]
                if not overlaps(stated(claim.amount), implied):
                    self.add("JS712", "warning", f"绩效自评称{self.name(claim)} {plain(claim.amount)}万元，按财政拨款支出说明中各项本年数与比年初预算数的增减推算为 {_text(value, 2)}万元",
                             (i, *members), expected=value, actual=claim.amount)

    # -- JS707: breakdowns add up ----------------------------------------------------

    def breakdowns(self) -> None:
        for total, parts in self.a.narrative.breakdowns:
            self._sum_amounts(total, parts)
            self._sum_changes(total, parts)
            self._sum_budgets(total, parts)
            self._sum_shares(total, parts)

    def _part_claims(self, total_index: int, parts: tuple[str, ...], kind: str) -> list[int] | None:
        total = self.claims[total_index]
        if len(parts) == 1:  # one part id stated several times next to its total
            return [j for j in self.a.of(kind, parts[0]) if self.claims[j].paragraph == total.paragraph and self.claims[j].part == total.part] or None
        found = []
        for part in parts:
            j = self.a.first(kind, part)
            if j is None:
                return None
            found.append(j)
        return found

    def _sum_amounts(self, total: str, parts: tuple[str, ...]) -> None:
        for kind in ("amount", "count"):
            i = self.a.first(kind, total)
            if i is None:
                continue
            members = self._part_claims(i, parts, kind)
            if members is None:
                derived = self._derived_parts(parts) if kind == "amount" else None
                if derived is not None:
                    self._sum_derived(i, derived)
                continue
            self.a.relate(i, *members)
            claim = self.claims[i]
            sum_interval = Interval.exact()
            value = Decimal(0)
            for j in members:
                sum_interval = sum_interval + stated(self.claims[j].amount)
                value += self.claims[j].amount
            if not overlaps(stated(claim.amount), sum_interval):
                listed = "、".join(f"{self.name(self.claims[j])} {plain(self.claims[j].amount)}" for j in members)
                self.add("JS707", "error", f"情况说明称{self.name(claim)} {plain(claim.amount)}{claim.unit}，其分项（{listed}）之和为 {plain(value)}{claim.unit}",
                         (i, *members), expected=value, actual=claim.amount)

    def _derived_parts(self, parts: tuple[str, ...]) -> list[tuple[int, Interval, Decimal]] | None:
        """Parts stated only as shares of a stated amount (货物采购授予中小企业合同金额占货物
        支出金额的70%): each is share × that amount."""
        out = []
        for part in parts:
            j = self.a.first("share", part)
            if j is None or self.claims[j].percent is None:
                return None
            share = self.claims[j]
            base = self.tight(share.share_of)
            if base is None:
                return None
            p = _percent(share.percent)
            p = Interval(max(p.low, Decimal(0)), min(p.high, HUNDRED))
            interval = Interval(p.low * base[0].low / HUNDRED, p.high * base[0].high / HUNDRED)
            value = share.percent * self.claims[base[1]].amount / HUNDRED
            self.a.relate(j, base[1])
            out.append((j, interval, value))
        return out

    def _sum_derived(self, i: int, derived: list[tuple[int, Interval, Decimal]]) -> None:
        claim = self.claims[i]
        members = [j for j, _, _ in derived]
        self.a.relate(i, *members)
        total = Interval.exact()
        for _, interval, _ in derived:
            total = total + interval
        if overlaps(stated(claim.amount), total):
            return
        listed = "、".join(f"{self.name(self.claims[j])}占{self.claims[j].share_of_text}的{plain(self.claims[j].percent)}%（约 {_text(v, 2)}万元）" for j, _, v in derived)
        value = sum((v for _, _, v in derived), Decimal(0))
        self.add("JS707", "error", f"情况说明称{self.name(claim)} {plain(claim.amount)}万元，但按{listed}推算合计为 {_text(total.low, 2)}—{_text(total.high, 2)}万元",
                 (i, *members), expected=value.quantize(Decimal("0.01")), actual=claim.amount)

    def _sum_changes(self, total: str, parts: tuple[str, ...]) -> None:
        for i in self.a.of("change", total)[:1]:
            claim = self.claims[i]
            members = [j for j in (self._first_change(p, claim.base) for p in parts)]
            if len(parts) == 1 or any(j is None for j in members) or claim.signed_change is None:
                continue
            self.a.relate(i, *members)
            total_interval = _signed(stated(claim.change or Decimal(0)), claim.signed_change)
            parts_interval, value = Interval.exact(), Decimal(0)
            for j in members:
                c = self.claims[j]
                parts_interval = parts_interval + _signed(stated(c.change or Decimal(0)), c.signed_change)
                value += c.signed_change
            if not overlaps(total_interval, parts_interval):
                listed = "、".join(_describe_change(self.claims[j]) for j in members)
                self.add("JS707", "error", f"情况说明称{self.name(claim)}{_describe_change(claim)}，其分项（{listed}）合计增减 {plain(value)}万元",
                         (i, *members), expected=value, actual=claim.signed_change)

    def _first_change(self, q: str, base: str) -> int | None:
        return next((j for j in self.a.of("change", q) if self.claims[j].base == base and self.claims[j].signed_change is not None), None)

    def _sum_budgets(self, total: str, parts: tuple[str, ...]) -> None:
        i = next((j for j in self.a.of("completion", total) if self.claims[j].reference is not None), None)
        if i is None or len(parts) == 1:
            return
        members = [next((j for j in self.a.of("completion", p) if self.claims[j].reference is not None), None) for p in parts]
        if any(j is None for j in members):
            return
        self.a.relate(i, *members)
        claim = self.claims[i]
        interval, value = Interval.exact(), Decimal(0)
        for j in members:
            interval = interval + stated(self.claims[j].reference)
            value += self.claims[j].reference
        if not overlaps(stated(claim.reference), interval):
            self.add("JS707", "error", f"情况说明称{self.name(claim)}全年预算 {plain(claim.reference)}万元，其分项预算之和为 {plain(value)}万元",
                     (i, *members), expected=value, actual=claim.reference)

    def _sum_shares(self, total: str, parts: tuple[str, ...]) -> None:
        """Shares of one total taken by all its parts add up to 100%."""
        if len(parts) == 1:
            return
        members = []
        for part in parts:
            j = next((j for j in self.a.of("share", part) if self.claims[j].share_of == total and self.claims[j].percent is not None), None)
            if j is None:
                return
            members.append(j)
        if any(self.claims[j].amount is None for j in members):
            return  # shares of different bases (货物、工程、服务 each of its own amount)
        self.a.relate(*members)
        interval = Interval.exact()
        for j in members:
            interval = interval + _percent(self.claims[j].percent)
        if not overlaps(interval, Interval.exact(HUNDRED)):
            value = sum((self.claims[j].percent for j in members), Decimal(0))
            listed = "、".join(f"{self.name(self.claims[j])} {plain(self.claims[j].percent)}%" for j in members)
            self.add("JS707", "error", f"情况说明中{self.a.narrative.quantities[total].name}各分项占比（{listed}）合计 {plain(value)}%，不是100%",
                     tuple(members), expected=HUNDRED, actual=value)

    # -- JS708/JS709: shares against the amounts they are shares of -------------------

    def shares(self) -> None:
        for i, claim in enumerate(self.claims):
            if claim.kind != "share" or claim.percent is None or claim.amount is None:
                continue
            self.a.relate(i, self.a.statement(i))
            base = self.amount(claim.share_of)
            if base is not None:
                self.a.relate(i, base[1])
                base_value, base_interval, cells, label, code = self.claims[base[1]].amount, base[0], (), f"{self.a.narrative.quantities[claim.share_of].name} {plain(self.claims[base[1]].amount)}万元", "JS708"
            else:
                q = self.a.narrative.quantities.get(claim.share_of)
                t = table_value(self.report, q.refs) if q is not None and q.refs else None
                if t is None:
                    continue
                self.a.link_cells(i, t.cells)
                base_value, base_interval, cells, label, code = t.value, t.interval, t.cells, f"{t.label} {_text(t.value, t.places)}", "JS709" if q.soft else "JS708"
            computed = ratio(stated(claim.amount), base_interval)
            if computed is None or overlaps(computed, _percent(claim.percent)):
                continue
            places = _places(claim.percent)
            expected = claim.amount / base_value * HUNDRED
            message = f"情况说明称{self.name(claim)} {plain(claim.amount)}万元占{claim.share_of_text or self.a.narrative.quantities[claim.share_of].name}的{plain(claim.percent)}%；按{label}计算应为 {_text(expected, places)}%"
            q = self.a.narrative.quantities.get(claim.share_of)
            for alternative in (q.alternatives if q else ()):
                other = table_value(self.report, alternative)
                if other is not None:
                    r = ratio(stated(claim.amount), other.interval)
                    if r is not None and overlaps(r, _percent(claim.percent)):
                        message += f"；{plain(claim.percent)}% 与按{other.label} {_text(other.value, other.places)} 计算的占比相符，所称基数与计算口径不一致"
                        break
            severity = "warning" if code == "JS709" else "error"
            self.add(code, severity, message, (i,), cells=cells, expected=expected.quantize(Decimal(1).scaleb(-places)), actual=claim.percent)

    # -- JS711: counts ----------------------------------------------------------------

    def counts(self) -> None:
        for a_q, b_q in self.a.narrative.same_count:
            i, j = self.a.first("count", a_q), self.a.first("count", b_q)
            if i is None or j is None:
                continue
            self.a.relate(i, j)
            a, b = self.claims[i], self.claims[j]
            if a.amount != b.amount:
                self.add("JS711", "warning", f"情况说明称{self.name(a)} {plain(a.amount)}{a.unit}，又称{self.name(b)} {plain(b.amount)}{b.unit}", (i, j),
                         expected=a.amount, actual=b.amount)
        for money, count_qs in self.a.narrative.zero_with:
            i = self.a.first("amount", money)
            counts = [j for j in (self.a.first("count", q) for q in count_qs) if j is not None]
            if i is None or not counts:
                continue
            self.a.relate(i, *counts)
            claim = self.claims[i]
            nonzero = [j for j in counts if self.claims[j].amount]
            if claim.amount == 0 and nonzero:
                listed = "、".join(f"{self.name(self.claims[j])} {plain(self.claims[j].amount)}{self.claims[j].unit}" for j in nonzero)
                self.add("JS711", "warning", f"情况说明称{self.name(claim)}为0，但又称{listed}", (i, *nonzero))
            elif claim.amount and not nonzero:
                self.add("JS711", "warning", f"情况说明称{self.name(claim)} {plain(claim.amount)}万元，但相关数量均为0", (i, *counts))

    # -- JS714: subjects named by 类/款/项 -------------------------------------------

    def items(self) -> None:
        """'社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）…决算为54.53万元'
        restates a row of the items table (表5): the names must be that table's and the
        amount its amount. A name the table does not have is reported with the row whose
        amount the statement does restate."""
        spec = self.a.narrative.items
        if spec is None:
            return
        table = self.report.table(spec[0])
        if table is None or not table.complete:
            return
        for i, claim in enumerate(self.claims):
            if not claim.item or claim.amount is None or claim.kind not in ("amount", "completion"):
                continue
            path, missing = _item_rows(table, claim.item)
            if missing is None:
                row = path[-1]
                candidates = [(table, row, [c for c in row.cells if _role(table, c.column) == spec[1]])]
                if len(path) == 1:
                    for other_kind, column in self.a.narrative.items_classes:
                        candidates.append(_class_cell(self.report, other_kind, column, row.code))
                self._against_item(i, claim, candidates)
                continue
            level, parent = missing
            siblings = [r for r in table.rows if r.code and len(r.code) == {0: 3, 1: 5, 2: 7}[level]
                        and (parent is None or r.code.startswith(parent.code))]
            same = [r for r in siblings if any(_role(table, c.column) == spec[1] and overlaps(stated(claim.amount), Interval.printed(c.amount)) for c in r.cells)]
            printed = f"{claim.item[level]}（{'类款项'[level]}）"
            where = f"{_table_label(table)}{'' if parent is None else ' ' + parent.code + ' ' + parent.name + ' 下'}"
            message = f"情况说明所称“{printed}”在{where}没有这一科目"
            cells: tuple[CellRef, ...] = ()
            below = _named_below(table, claim.item, level, parent)
            if below is not None and level < len(claim.item) - 1:
                message += f"；其下所称“{claim.item[level + 1]}”在{_table_label(table)}中属于 {below.code} {below.name}，科目名称应为“{below.name}”"
            elif len(same) == 1:
                row = same[0]
                message += f"；所述金额 {plain(claim.amount)}万元与{_table_label(table)} {row.code} {row.name} 相符，科目名称应为“{row.name}”"
                cells = tuple(_cell_ref(table, row, c) for c in row.cells if _role(table, c.column) == spec[1])
                self.a.link_cells(i, cells)
            self.add("JS714", "warning", message, (i,), cells=cells)

    def _against_item(self, i: int, claim: Claim, candidates: list[tuple[object, object, list]]) -> None:
        """The stated amount against the row's cell, or any cell the identities make equal
        to it (表4 一般公共预算 of the 类): one that matches is what the text restates."""
        mine = stated(claim.amount)
        for table, row, cells in candidates:
            if not cells:
                continue
            interval = Interval.exact()
            for cell in cells:
                interval = interval + Interval.printed(cell.amount)
            if overlaps(mine, interval):
                self.a.link_cells(i, tuple(_cell_ref(table, row, c) for c in cells))
                return
        table, row, cells = candidates[0]
        if not cells:
            return
        value = sum((c.amount for c in cells), Decimal(0))
        refs = tuple(_cell_ref(table, row, c) for c in cells)
        self.a.link_cells(i, refs)
        self.add("JS701", "error", f"情况说明称{row.name} {plain(claim.amount)}万元，{_table_label(table)} {row.code} {row.name} 为 {plain(value)}，相差 {plain(abs(claim.amount - value))}",
                 (i,), cells=refs, expected=value, actual=claim.amount)

    # -- JS715/JS716: the year compared with, and how execution is compared -----------

    def comparisons(self) -> None:
        year = self.report.metadata.year
        for i, claim in enumerate(self.claims):
            if claim.kind == "change" and claim.base_year and year and claim.base_year != year - 1:
                self.add("JS715", "warning", f"情况说明将{year}年度数与{claim.base_year}年度比较，与上年比较应为{year - 1}年度", (i,))
            if claim.kind == "completion" and claim.relation and claim.amount is not None and claim.reference is not None:
                executed, budget = stated(claim.amount), stated(claim.reference)
                same = overlaps(executed, budget)
                wrong = (claim.relation in ("持平", "等于", "相等", "一致") and not same
                         or claim.relation in ("小于", "低于") and (same or executed.low >= budget.high)
                         or claim.relation in ("大于", "高于", "超过") and (same or executed.high <= budget.low))
                if wrong:
                    self.add("JS716", "error", f"情况说明称决算数{claim.relation}预算数，但所列决算数 {plain(claim.amount)}万元、预算数 {plain(claim.reference)}万元", (i,),
                             expected=claim.reference, actual=claim.amount)

    # -- JS790: what is not linked ----------------------------------------------------

    def coverage(self) -> None:
        by_sentence: dict[tuple[str, int, int], list[int]] = {}
        for i, claim in enumerate(self.claims):
            if not self.a.linked(i):
                by_sentence.setdefault((claim.part, claim.paragraph, _sentence_start(self.report, claim)), []).append(i)
        for members in by_sentence.values():
            listed = "、".join(_figure(self.claims[j]) for j in members if _figure(self.claims[j]))
            if not listed:
                continue
            part = "概况" if self.claims[members[0]].part == "overview" else "情况说明"
            self.add("JS790", "info", f"{part}中的数字未与表格或其他陈述关联，未核对：{listed}", tuple(members))


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


def _role(table, key: str) -> str:
    column = next((c for c in table.columns if c.key == key), None)
    return column.role if column is not None else ""


def _cell_ref(table, row, cell) -> CellRef:
    return CellRef(table.kind, row.key, cell.column, row.name, cell.source.page, cell.source.line)


def _table_label(table) -> str:
    from ..model.refs import table_label

    return table_label(table)


def _bare(name: str) -> str:
    return "".join(name.split()).replace("(", "（").replace(")", "）")


def _item_rows(table, item: tuple[str, ...]):
    """The rows a 类/款/项 path names, and (level, parent row) where a name is not found."""
    path = []
    parent = None
    for level, name in enumerate(item):
        length = (3, 5, 7)[level]
        found = next((r for r in table.rows if r.code and len(r.code) == length and _bare(r.name) == _bare(name)
                      and (parent is None or r.code.startswith(parent.code))), None)
        if found is None:
            return path, (level, parent)
        path.append(found)
        parent = found
    return path, None


def _named_below(table, item: tuple[str, ...], level: int, parent):
    """The row at ``level`` under ``parent`` whose child bears the next name of the item
    ('住房保障支出（款）住房公积金（项）': 住房公积金 is under 22102 住房改革支出)."""
    if level + 1 >= len(item):
        return None
    length = (3, 5, 7)[level + 1]
    children = [r for r in table.rows if r.code and len(r.code) == length and _bare(r.name) == _bare(item[level + 1])
                and (parent is None or r.code.startswith(parent.code))]
    if len(children) != 1:
        return None
    code = children[0].code[: (3, 5)[level]]
    return next((r for r in table.rows if r.code == code), None)


def _class_cell(report: Report, kind: str, role: str, code: str) -> tuple[object, object, list]:
    """The cell of a 类 in a table that lists 类 rows by name (表4): its code from the catalog."""
    table = report.table(kind)
    if table is None or not table.complete:
        return (None, None, [])
    row = next((r for r in table.rows if r.code == code and r.role == "class"), None)
    if row is None:
        return (table, None, [])
    return (table, row, [c for c in row.cells if _role(table, c.column) == role])


def _signed(interval: Interval, signed: Decimal | None) -> Interval:
    return -interval if signed is not None and signed < 0 else interval


def _describe_change(claim: Claim) -> str:
    if claim.flat:
        return f"与{claim.base}持平"
    text = f"比{claim.base}{claim.direction}{plain(claim.change)}万元" if claim.change is not None else ""
    if claim.percent is not None:
        text += f"，{claim.trend}{plain(claim.percent)}%"
    elif claim.base_zero:
        text += f"，{claim.trend}--（基数为0，不可比）"
    return text


def _figure(claim: Claim) -> str:
    if claim.kind == "change":
        return _describe_change(claim)
    if claim.kind == "share" and claim.percent is not None:
        return f"占{claim.share_of_text}{plain(claim.percent)}%"
    if claim.kind == "completion" and claim.percent is not None:
        return f"完成{plain(claim.percent)}%"
    return f"{plain(claim.amount)}{claim.unit}" if claim.amount is not None else ""


def _sentence_start(report: Report, claim: Claim) -> int:
    paragraphs = report.overview if claim.part == "overview" else report.narrative
    text = paragraphs[claim.paragraph].text
    return max(text.rfind("。", 0, claim.start), text.rfind("；", 0, claim.start), -1) + 1


@dataclass(frozen=True)
class Result:
    analysis: Analysis
    verdicts: tuple[tuple[str, Verdict], ...]


_LAST: list[tuple[Report, Result]] = []


def evaluate(report: Report) -> Result:
    """All narrative verdicts of a report (kept for the last report evaluated)."""
    last = _LAST[0] if _LAST else None  # one read: another thread may replace it
    if last is not None and last[0] is report:
        return last[1]
    run = _Run(analyse(report))
    for step in (run.tables, run.changes, run.completions, run.agreement, run.breakdowns, run.shares, run.counts, run.items,
                 run.comparisons, run.coverage):
        step()
    result = Result(run.a, tuple(run.verdicts))
    _LAST[:] = [(report, result)]
    return result


@dataclass(frozen=True)
class NarrativeRule(Rule):
    def evaluate(self, report: Report) -> Iterator[Finding]:
        for code, verdict in evaluate(report).verdicts:
            if code == self.code:
                yield verdict.finding


_T = ("T1", "T3", "T4", "T5", "T6", "T7", "T8", "T9")
N = NarrativeRule
NARRATIVE_RULES: tuple[Rule, ...] = (
    N("JS701", "error", "情况说明所述金额与决算表一致", "情况说明[数额] = 决算表[对应单元格]（按印刷精度）", _T, "narrative"),
    N("JS702", "warning", "情况说明所述金额与通常对应的表内数一致", "机关运行经费 = 表6[公用经费合计]；整体支出执行数 = 表4[本年支出合计]", ("T4", "T6"), "narrative"),
    N("JS703", "error", "增减幅度与增减额一致", "幅度 = 增减额 ÷ (本年数 ∓ 增减额)，按区间计算", (), "narrative"),
    N("JS704", "error", "增减方向用词一致", "增加/增长 与 减少/下降 不混用；推算的上年数或预算数不为负", (), "narrative"),
    N("JS705", "error", "基数为0时写作“--（基数为0，不可比）”", "基数 = 0 ⇔ “--（基数为0，不可比）”", ("T9",), "narrative"),
    N("JS706", "error", "同一数字前后一致", "同一项目在各处所述金额、增减额、幅度相同", (), "narrative"),
    N("JS707", "error", "分项之和等于合计", "合计 = Σ分项（三公经费、政府采购、车辆、收入支出、增减额、预算数）；占比合计 = 100%", (), "narrative"),
    N("JS708", "error", "占比与金额一致", "占比 = 分子金额 ÷ 基数金额", (), "narrative"),
    N("JS709", "warning", "绩效评价资金占比与所称基数一致", "占比 = 资金 ÷ 所称项目支出总额（表5/表7/表8 项目支出）", ("T5", "T7", "T8"), "narrative"),
    N("JS710", "error", "完成率与执行数、预算数一致", "完成率 = 执行数 ÷ 预算数", ("T9",), "narrative"),
    N("JS711", "warning", "数量前后一致", "公务用车保有量 = 车辆数；费用为0 ⇔ 团组、人次、购置数为0", (), "narrative"),
    N("JS712", "warning", "绩效自评全年预算数与年初预算数一致", "全年预算数 = Σ(财政拨款支出 ∓ 比年初预算数增减)", ("T4",), "narrative"),
    N("JS713", "warning", "预算数与决算数均为0时不写完成率", "预算数 = 决算数 = 0 ⇒ 不写“完成预算的×%”", ("T9",), "narrative"),
    N("JS714", "warning", "按类/款/项所述科目与表5一致", "情况说明“…（类）…（款）…（项）”∈ 表5 科目，金额 = 表5[该科目 合计]", ("T5",), "narrative"),
    N("JS715", "warning", "与上年比较的年度是上一年度", "“与/比××年度相比”中 ×× = 报告年度 − 1", (), "narrative"),
    N("JS716", "error", "决算数与预算数的比较用语与数字一致", "“决算数同预算数持平/小于/大于预算数”与所列决算数、预算数相符", (), "narrative"),
    N("JS790", "info", "情况说明中未关联的数字", "每个数字都与表格或其他陈述关联（未关联者列出，供复核）", (), "narrative"),
)

__all__ = ["NARRATIVE_RULES", "NarrativeRule", "Verdict", "evaluate", "ratio"]
