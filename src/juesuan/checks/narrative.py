"""Checks of the 情况说明 (JS7xx): its claims against the tables and against each other.

Each rule is one declaration of one code, like the table rules: a ``NarrativeRule``
subclass judges the relations ``claims.link.analyse`` found in the report (a stated
amount and the cells it restates, a change and its base, the parts of a breakdown, …),
once per report through the check's ``Context``. A new rule is a new subclass (or a new
relation in ``claims.link`` and a subclass judging it) and a line in
``NARRATIVE_RULES``; ``juesuan rules`` lists it.

Every comparison is between intervals from printed precision (DOMAIN.md §4); a
percent is checked against the interval of the ratio of its operands' intervals,
never against a tuned tolerance.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from decimal import ROUND_DOWN, Decimal

from ..claims.link import Analysis, overlaps, percent, ratio, signed, stated
from ..model import CellRef, Claim, Finding, Report, decimals, plain
from ..model.interval import Interval
from ..model.prose import rises
from ..model.refs import table_label
from .budget_narrative import budget_year
from .context import Context
from .rules import Rule

HUNDRED = Decimal(100)


@dataclass(frozen=True, slots=True)
class Verdict:
    finding: Finding
    claims: tuple[int, ...]  # indices into Analysis.claims


def _text(value: Decimal, places: int | None = None) -> str:
    if places is not None:
        value = value.quantize(Decimal(1).scaleb(-places))
    return plain(value)


def _places(*values: Decimal | None) -> int:
    return max((decimals(v) for v in values if v is not None), default=0)


def _amount(claim: Claim) -> Decimal:
    """The amount of a claim known to state one: every amount and count claim
    (``claims.extract``), and the claims ``claims.link`` relates by their amount."""
    assert claim.amount is not None
    return claim.amount


def _join(*claims: Claim) -> str:
    quotes = list(dict.fromkeys(c.quote for c in claims if c.quote))
    return " …… ".join(quotes)


def _copied(a: Analysis, changes: list[int], n: int) -> str:
    """In a 预算, a wrong percent that is the one stated for the change before or after (of
    another quantity): copied from the neighbouring item."""
    if not _budget(a):
        return ""
    claim = a.claims[changes[n]]
    for m, where in ((n - 1, "上一项"), (n + 1, "下一项")):
        if 0 <= m < len(changes):
            other = a.claims[changes[m]]
            if other.percent == claim.percent and other.amount != claim.amount:
                return f"；与{where}（{a.name(other)}）的幅度相同，疑为照抄"
    return ""


def _budget(a: Analysis) -> bool:
    return a.report.profile is not None and a.report.profile.family == "yusuan"


def _cut_off(a: Analysis, exact: Decimal, printed: Decimal) -> bool:
    """In a 预算, a figure that is the exact one cut off at its printed places instead of
    rounded (87.708 → 87.70, a 元 table's figure in 万元): a slip of rounding, a warning."""
    if not _budget(a) or not exact.is_finite():
        return False
    return exact.quantize(_quantum(_places(printed)), rounding=ROUND_DOWN) == printed


def _quantum(places: int) -> Decimal:
    return Decimal(1).scaleb(-places)


@dataclass(frozen=True)
class NarrativeRule(Rule):
    """A rule over the claims of the narrative, linked once per report (``Context.analysis``)."""

    family: str = "narrative"

    def findings(self, context: Context) -> Iterator[Finding]:
        for verdict in self.verdicts(context.analysis):
            yield verdict.finding

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        raise NotImplementedError

    def verdict(
        self,
        a: Analysis,
        message: str,
        claims: tuple[int, ...],
        *,
        cells: tuple[CellRef, ...] = (),
        expected: Decimal | None = None,
        actual: Decimal | None = None,
        tolerance: Decimal | None = None,
        severity: str = "",
    ) -> Verdict:
        first = a.claims[claims[0]]
        difference = None if expected is None or actual is None or not expected.is_finite() else actual - expected
        finding = Finding(
            self.code,
            severity or self.severity,
            message,
            cells,
            expected,
            actual,
            difference,
            tolerance,
            _join(*(a.claims[i] for i in claims)),
            first.source,
        )
        return Verdict(finding, claims)


# -- JS701/JS702: amounts against the tables -------------------------------------------


@dataclass(frozen=True)
class Restatements(NarrativeRule):
    """A stated amount (or a 三公 budget) against the cells it restates; ``soft`` selects
    the usual restatements (a warning) or the identities (an error). With ``items``, the
    subjects named by 类/款/项 whose amount is not their row's are judged too."""

    soft: bool = False
    items: bool = False

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for r in a.restatements:
            if r.quantity.soft != self.soft:
                continue
            claim, q, table, value = a.claims[r.claim], r.quantity, r.table, r.value
            mine = stated(value)
            if overlaps(mine, table.interval):
                continue
            places = max(table.places, _places(value))
            message = (
                f"情况说明称{q.name}{r.what} {plain(value)}{claim.unit or '万元'}，{table.label} 为 {_text(table.value, table.places)}"
            )
            message += f"，相差 {_text(abs(value - table.value), places)}"
            for alternative in q.alternatives:
                other = a.table(alternative)
                if other is not None and overlaps(mine, other.interval):
                    message += f"；与{other.label} {_text(other.value, other.places)} 相符，口径不一致"
                    break
            slip = _cut_off(a, table.value, value)
            yield self.verdict(
                a,
                message + ("（末位截尾，应四舍五入）" if slip else ""),
                (r.claim,),
                cells=table.cells,
                expected=table.value,
                actual=value,
                tolerance=mine.radius + table.interval.radius,
                severity="warning" if slip else "",
            )
        if not self.items:
            return
        for item in a.items:
            if item.mismatch is None:
                continue
            claim = a.claims[item.claim]
            item_table, row, value, refs = item.mismatch
            assert claim.amount is not None
            slip = _cut_off(a, value, claim.amount)
            yield self.verdict(
                a,
                f"情况说明称{row.name} {plain(claim.amount)}万元，{table_label(item_table)} {row.code} {row.name} 为 {plain(value)}，相差 {plain(abs(claim.amount - value))}"
                + ("（末位截尾，应四舍五入）" if slip else ""),
                (item.claim,),
                cells=refs,
                expected=value,
                actual=claim.amount,
                severity="warning" if slip else "",
            )


# -- JS703/JS704/JS705: a change against its base -------------------------------------


@dataclass(frozen=True, slots=True)
class _Base:
    """What a change implies of its base: the base is current ∓ change."""

    words: list[str]
    up: bool
    change: Interval
    previous: Interval
    middle: Decimal  # the base from the printed figures


def _mixed(claim: Claim) -> bool:
    """增加…下降: the two words of a change say different directions (of a change not 0)."""
    words = [w for w in (claim.direction, claim.trend) if w]
    return len(words) == 2 and rises(words[0]) != rises(words[1]) and claim.change != 0


def _base(claim: Claim) -> _Base | None:
    """The base a change implies; None for 持平, a change without amounts or with mixed words."""
    if claim.kind != "change" or claim.flat or claim.change is None or claim.amount is None or _mixed(claim):
        return None
    words = [w for w in (claim.direction, claim.trend) if w]
    up = rises(words[0] if words else "增加")
    current, change = stated(claim.amount), stated(claim.change)
    previous = current - change if up else current + change
    middle = claim.amount - claim.change if up else claim.amount + claim.change
    return _Base(words, up, change, previous, middle)


def _impossible(claim: Claim, base: _Base) -> bool:
    """A base that cannot be: negative, or 0 with a change."""
    return base.previous.high < 0 or (base.previous.high <= 0 and claim.change != 0)


def _zero(interval: Interval) -> bool:
    return interval.low == interval.high == 0


@dataclass(frozen=True)
class ChangePercents(NarrativeRule):
    """The percent of a change = change / (current ∓ change), over the intervals."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        changes = a.kind("change")
        for n, i in enumerate(changes):
            claim = a.claims[i]
            if claim.percent is None or claim.base_zero:
                continue
            base = _base(claim)
            if base is None or _impossible(claim, base) or _zero(base.previous):
                continue
            assert claim.amount is not None and claim.change is not None
            computed = ratio(base.change, base.previous)
            assert computed is not None
            if overlaps(computed, percent(claim.percent)):
                continue
            places = _places(claim.percent)
            expected = claim.change / base.middle * HUNDRED if base.middle > 0 else None
            shown = f"应为 {_text(expected, places)}%" if expected is not None else "无法计算"
            words = base.words
            # in a 预算, a percent cut off at its last digit instead of rounded (10.158 → 10.15)
            # is a slip of rounding, not a wrong figure: a warning (a 决算's stays an error)
            slip = _budget(a) and expected is not None and expected.quantize(_quantum(places), rounding=ROUND_DOWN) == claim.percent
            yield self.verdict(
                a,
                f"情况说明称{a.name(claim)}比{claim.base}{words[0]}{plain(claim.change)}万元、{words[-1]}{plain(claim.percent)}%；按本年数 {plain(claim.amount)}万元推算{claim.base}为 {plain(base.middle)}万元，{words[-1].removesuffix('幅')}幅度{shown}"
                + ("（末位截尾，应四舍五入）" if slip else "")
                + ("" if slip else _copied(a, changes, n)),
                (i,),
                expected=None if expected is None else expected.quantize(_quantum(places)),
                actual=claim.percent,
                severity="warning" if slip else "",
            )


@dataclass(frozen=True)
class ChangeDirections(NarrativeRule):
    """增加/增长 and 减少/下降 not mixed in one change; the base a change implies is not negative."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for i in a.kind("change"):
            claim = a.claims[i]
            if claim.flat or claim.change is None:
                continue
            if _mixed(claim):
                words = [w for w in (claim.direction, claim.trend) if w]
                yield self.verdict(
                    a,
                    f"情况说明称{a.name(claim)}比{claim.base}“{words[0]}”{plain(claim.change)}万元，又称“{words[1]}”，增减方向前后矛盾",
                    (i,),
                )
                continue
            base = _base(claim)
            if base is None or claim.base_zero or claim.percent is None or not _impossible(claim, base):
                continue
            assert claim.amount is not None
            yield self.verdict(
                a,
                f"情况说明称{a.name(claim)} {plain(claim.amount)}万元，比{claim.base}“{base.words[0]}”{plain(claim.change)}万元，推算{claim.base}为 {plain(base.middle)}万元，不可能为负或为0：增减方向或金额有误",
                (i,),
                expected=None,
                actual=base.middle,
            )


@dataclass(frozen=True)
class ZeroBases(NarrativeRule):
    """“--（基数为0，不可比）” exactly when the base is 0: of changes, then of completion rates."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for i in a.kind("change"):
            claim = a.claims[i]
            base = _base(claim)
            if base is None:
                continue
            assert claim.amount is not None and claim.change is not None
            if claim.base_zero:
                if not (_zero(base.previous) or base.previous.low < 0 < base.previous.high):
                    yield self.verdict(
                        a,
                        f"情况说明称{a.name(claim)}{base.words[-1] if base.words else ''}“--（基数为0，不可比）”，但按本年数 {plain(claim.amount)}万元与增减额 {plain(claim.change)}万元推算，{claim.base}为 {plain(base.middle)}万元，不为0",
                        (i,),
                        expected=Decimal(0),
                        actual=base.middle,
                    )
                continue
            if claim.percent is None or _impossible(claim, base) or not _zero(base.previous):
                continue
            yield self.verdict(
                a,
                f"情况说明称{a.name(claim)}{base.words[-1]}{plain(claim.percent)}%，但{claim.base}为0，应写作“--（基数为0，不可比）”",
                (i,),
            )
        for c in a.completions:
            claim = a.claims[c.claim]
            name = a.name(claim)
            if claim.base_zero:
                if c.budget.low > 0:
                    yield self.verdict(
                        a,
                        f"情况说明称{name}完成预算“--（基数为0，不可比）”，但预算数为 {plain(c.budget_value)}万元，不为0",
                        (c.claim,),
                        cells=c.cells,
                    )
                continue
            if claim.percent is None or _nothing_budgeted(c):
                continue
            if _zero(c.budget):
                yield self.verdict(
                    a,
                    f"情况说明称{name}完成预算的{plain(claim.percent)}%，但预算数为0，应写作“--%（基数为0，不可比）”",
                    (c.claim,),
                    cells=c.cells,
                )


# -- JS710/JS713: completion rates ----------------------------------------------------


def _nothing_budgeted(c) -> bool:
    """Nothing budgeted and nothing spent: a rate of 0/0 means nothing."""
    return c.budget_value == 0 and c.executed_value == 0 and c.budget.low <= 0


@dataclass(frozen=True)
class CompletionRates(NarrativeRule):
    """A completion rate = executed / budget (an inverted ratio is named)."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for c in a.completions:
            claim = a.claims[c.claim]
            if claim.base_zero or claim.percent is None or _nothing_budgeted(c) or _zero(c.budget):
                continue
            computed = ratio(c.executed, c.budget)
            if computed is None or overlaps(computed, percent(claim.percent)):
                continue
            places = _places(claim.percent)
            expected = c.executed_value / c.budget_value * HUNDRED
            message = f"情况说明称{a.name(claim)}执行数 {plain(c.executed_value)}万元、预算数 {plain(c.budget_value)}万元，完成预算的{plain(claim.percent)}%；按两数计算应为 {_text(expected, places)}%"
            inverse = ratio(c.budget, c.executed)
            if inverse is not None and overlaps(inverse, percent(claim.percent)):
                message += f"（{plain(claim.percent)}% 是预算数除以执行数，分子分母颠倒）"
            yield self.verdict(a, message, (c.claim,), cells=c.cells, expected=expected.quantize(_quantum(places)), actual=claim.percent)


@dataclass(frozen=True)
class EmptyCompletions(NarrativeRule):
    """No completion rate where budget and spending are both 0."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for c in a.completions:
            claim = a.claims[c.claim]
            if claim.base_zero or claim.percent is None or not _nothing_budgeted(c):
                continue
            yield self.verdict(
                a,
                f"情况说明称{a.name(claim)}完成预算的{plain(claim.percent)}%，但预算数与决算数均为0，完成率无从计算（可写作“--”或不写）",
                (c.claim,),
                cells=c.cells,
            )


# -- JS706/JS712: the same quantity wherever it is stated -------------------------------


def _describe_change(claim: Claim) -> str:
    if claim.flat:
        return f"与{claim.base}持平"
    text = f"比{claim.base}{claim.direction}{plain(claim.change)}万元" if claim.change is not None else ""
    if claim.percent is not None:
        text += f"，{claim.trend}{plain(claim.percent)}%"
    elif claim.base_zero:
        text += f"，{claim.trend}--（基数为0，不可比）"
    return text


@dataclass(frozen=True)
class Agreement(NarrativeRule):
    """A quantity stated in several places: the same amount, count, change and percent."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for group in a.restated:
            first = group.members[0]
            for other in group.members[1:]:
                x, y = a.claims[first], a.claims[other]
                if group.kind in ("amount", "count"):
                    if x.amount is not None and y.amount is not None and not overlaps(stated(x.amount), stated(y.amount)):
                        yield self.verdict(
                            a,
                            f"情况说明前后所称{a.name(x)}不一致：{plain(x.amount)}{x.unit} 与 {plain(y.amount)}{y.unit}",
                            (first, other),
                            expected=x.amount,
                            actual=y.amount,
                        )
                    continue
                found = self._change(a, first, other, group.base)
                if found is not None:
                    yield found

    def _change(self, a: Analysis, first: int, other: int, base: str) -> Verdict | None:
        x, y = a.claims[first], a.claims[other]
        sx, sy = x.signed_change, y.signed_change
        if sx is None or sy is None:
            return None
        ix = Interval.exact(Decimal(0)) if x.flat else signed(stated(x.change or Decimal(0)), sx)
        iy = Interval.exact(Decimal(0)) if y.flat else signed(stated(y.change or Decimal(0)), sy)
        if not overlaps(ix, iy):
            return self.verdict(
                a,
                f"情况说明前后所称{a.name(x)}比{base}的增减不一致：{_describe_change(x)} 与 {_describe_change(y)}",
                (first, other),
                expected=sx,
                actual=sy,
            )
        if x.percent is not None and y.percent is not None and not overlaps(percent(x.percent), percent(y.percent)):
            return self.verdict(
                a,
                f"情况说明前后所称{a.name(x)}比{base}的增减幅度不一致：{plain(x.percent)}% 与 {plain(y.percent)}%",
                (first, other),
                expected=x.percent,
                actual=y.percent,
            )
        return None


@dataclass(frozen=True)
class PerformanceBudget(NarrativeRule):
    """The 绩效 全年预算数 = Σ(财政拨款支出 ∓ 比年初预算数增减) of the 财政拨款支出说明."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for b in a.budget_sums:
            claim = a.claims[b.claim]
            assert claim.amount is not None
            if not overlaps(stated(claim.amount), b.implied):
                yield self.verdict(
                    a,
                    f"绩效自评称{a.name(claim)} {plain(claim.amount)}万元，按财政拨款支出说明中各项本年数与比年初预算数的增减推算为 {_text(b.value, 2)}万元",
                    (b.claim, *b.members),
                    expected=b.value,
                    actual=claim.amount,
                )


# -- JS707: breakdowns add up ---------------------------------------------------------


@dataclass(frozen=True)
class Breakdowns(NarrativeRule):
    """A total = Σ its parts: amounts and counts, parts stated as shares, changes,
    budgets; the shares of a total's parts add up to 100%."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for b in a.breakdowns:
            found = getattr(self, "_" + b.kind)(a, b)
            if found is not None:
                yield found

    def _amounts(self, a: Analysis, b) -> Verdict | None:
        claim = a.claims[b.claim]
        total, value = Interval.exact(), Decimal(0)
        for j in b.members:
            total = total + stated(a.claims[j].amount)
            value += a.claims[j].amount
        if overlaps(stated(claim.amount), total):
            return None
        listed = "、".join(f"{a.name(a.claims[j])} {plain(a.claims[j].amount)}" for j in b.members)
        return self.verdict(
            a,
            f"情况说明称{a.name(claim)} {plain(claim.amount)}{claim.unit}，其分项（{listed}）之和为 {plain(value)}{claim.unit}",
            (b.claim, *b.members),
            expected=value,
            actual=claim.amount,
        )

    def _derived(self, a: Analysis, b) -> Verdict | None:
        claim = a.claims[b.claim]
        total = Interval.exact()
        for _, interval, _ in b.derived:
            total = total + interval
        if overlaps(stated(claim.amount), total):
            return None
        listed = "、".join(
            f"{a.name(a.claims[j])}占{a.claims[j].share_of_text}的{plain(a.claims[j].percent)}%（约 {_text(v, 2)}万元）"
            for j, _, v in b.derived
        )
        value = sum((v for _, _, v in b.derived), Decimal(0))
        return self.verdict(
            a,
            f"情况说明称{a.name(claim)} {plain(claim.amount)}万元，但按{listed}推算合计为 {_text(total.low, 2)}—{_text(total.high, 2)}万元",
            (b.claim, *b.members),
            expected=value.quantize(Decimal("0.01")),
            actual=claim.amount,
        )

    def _changes(self, a: Analysis, b) -> Verdict | None:
        claim = a.claims[b.claim]
        total = signed(stated(claim.change or Decimal(0)), claim.signed_change)
        parts, value = Interval.exact(), Decimal(0)
        for j in b.members:
            c = a.claims[j]
            parts = parts + signed(stated(c.change or Decimal(0)), c.signed_change)
            value += c.signed_change
        if overlaps(total, parts):
            return None
        listed = "、".join(_describe_change(a.claims[j]) for j in b.members)
        return self.verdict(
            a,
            f"情况说明称{a.name(claim)}{_describe_change(claim)}，其分项（{listed}）合计增减 {plain(value)}万元",
            (b.claim, *b.members),
            expected=value,
            actual=claim.signed_change,
        )

    def _budgets(self, a: Analysis, b) -> Verdict | None:
        claim = a.claims[b.claim]
        interval, value = Interval.exact(), Decimal(0)
        for j in b.members:
            interval = interval + stated(a.claims[j].reference)
            value += a.claims[j].reference
        if overlaps(stated(claim.reference), interval):
            return None
        return self.verdict(
            a,
            f"情况说明称{a.name(claim)}全年预算 {plain(claim.reference)}万元，其分项预算之和为 {plain(value)}万元",
            (b.claim, *b.members),
            expected=value,
            actual=claim.reference,
        )

    def _shares(self, a: Analysis, b) -> Verdict | None:
        interval = Interval.exact()
        for j in b.members:
            interval = interval + percent(a.claims[j].percent)
        if overlaps(interval, Interval.exact(HUNDRED)):
            return None
        value = sum((a.claims[j].percent for j in b.members), Decimal(0))
        listed = "、".join(f"{a.name(a.claims[j])} {plain(a.claims[j].percent)}%" for j in b.members)
        return self.verdict(
            a,
            f"情况说明中{a.narrative.quantities[b.total].name}各分项占比（{listed}）合计 {plain(value)}%，不是100%",
            b.members,
            expected=HUNDRED,
            actual=value,
        )


# -- JS708/JS709: shares against the amounts they are shares of ------------------------


@dataclass(frozen=True)
class Shares(NarrativeRule):
    """A share = its amount / its base: a stated base, or the cells of the base; ``soft``
    selects the bases a share usually is of (the 绩效 项目支出总额: a warning)."""

    soft: bool = False

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for s in a.shares:
            if s.soft != self.soft:
                continue
            claim = a.claims[s.claim]
            assert claim.amount is not None and claim.percent is not None  # _shares keeps the shares that state both
            computed = ratio(stated(claim.amount), s.base_interval)
            if computed is None or overlaps(computed, percent(claim.percent)):
                continue
            places = _places(claim.percent)
            expected = claim.amount / s.base_value * HUNDRED
            q = a.narrative.quantities.get(claim.share_of)
            of = claim.share_of_text or a.narrative.quantities[claim.share_of].name
            message = f"情况说明称{a.name(claim)} {plain(claim.amount)}万元占{of}的{plain(claim.percent)}%；按{s.label}计算应为 {_text(expected, places)}%"
            # in a 预算, a share one unit of its last digit off (cut off, or moved so that the
            # shares add up to 100%: 99.93 + 0.07 printed 99.94 + 0.06) is a slip of rounding: a
            # warning (a 决算's stays an error)
            slip = _budget(a) and abs(expected.quantize(_quantum(places)) - claim.percent) <= _quantum(places)
            if slip:
                message += "（末位相差1，应四舍五入）"
            for alternative in q.alternatives if q else ():
                other = a.table(alternative)
                if other is not None:
                    r = ratio(stated(claim.amount), other.interval)
                    if r is not None and overlaps(r, percent(claim.percent)):
                        message += f"；{plain(claim.percent)}% 与按{other.label} {_text(other.value, other.places)} 计算的占比相符，所称基数与计算口径不一致"
                        break
            yield self.verdict(
                a,
                message,
                (s.claim,),
                cells=s.cells,
                expected=expected.quantize(_quantum(places)),
                actual=claim.percent,
                severity="warning" if slip else "",
            )


# -- JS711: counts ----------------------------------------------------------------------


@dataclass(frozen=True)
class Counts(NarrativeRule):
    """公务用车保有量 = 车辆数; an amount of 0 ⇔ its counts (团组, 人次, 购置数) 0."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for c in a.counts:
            claim = a.claims[c.claim]
            if c.same:
                other = a.claims[c.members[0]]
                if claim.amount != other.amount:
                    yield self.verdict(
                        a,
                        f"情况说明称{a.name(claim)} {plain(_amount(claim))}{claim.unit}，又称{a.name(other)} {plain(_amount(other))}{other.unit}",
                        (c.claim, c.members[0]),
                        expected=claim.amount,
                        actual=other.amount,
                    )
                continue
            nonzero = [j for j in c.members if a.claims[j].amount]
            if claim.amount == 0 and nonzero:
                listed = "、".join(f"{a.name(a.claims[j])} {plain(_amount(a.claims[j]))}{a.claims[j].unit}" for j in nonzero)
                yield self.verdict(a, f"情况说明称{a.name(claim)}为0，但又称{listed}", (c.claim, *nonzero))
            elif claim.amount and not nonzero:
                yield self.verdict(a, f"情况说明称{a.name(claim)} {plain(claim.amount)}万元，但相关数量均为0", (c.claim, *c.members))


# -- JS714: subjects named by 类/款/项 ------------------------------------------------


@dataclass(frozen=True)
class ItemNames(NarrativeRule):
    """'…（类）…（款）…（项）' names a subject of the items table (表5); a name it does not
    have is reported with the row whose amount the statement restates."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for item in a.items:
            if item.missing is None:
                continue
            claim = a.claims[item.claim]
            table, (level, parent) = item.table, item.missing
            printed = f"{claim.item[level]}（{'类款项'[level]}）"
            where = f"{table_label(table)}{'' if parent is None else ' ' + parent.code + ' ' + parent.name + ' 下'}"
            message = f"情况说明所称“{printed}”在{where}没有这一科目"
            if item.below is not None and level < len(claim.item) - 1:
                message += f"；其下所称“{claim.item[level + 1]}”在{table_label(table)}中属于 {item.below.code} {item.below.name}，科目名称应为“{item.below.name}”"
            elif item.same is not None:
                row = item.same
                message += (
                    f"；所述金额 {plain(_amount(claim))}万元与{table_label(table)} {row.code} {row.name} 相符，科目名称应为“{row.name}”"
                )
            yield self.verdict(a, message, (item.claim,), cells=item.cells)


# -- JS715/JS716: the year compared with, and how execution is compared -----------------


@dataclass(frozen=True)
class ComparedYear(NarrativeRule):
    """A change against last year names the year before the report's."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        year = budget_year(a.report)  # the report's year, else (a Shanghai budget) its tables'
        for i in a.kind("change"):
            claim = a.claims[i]
            if claim.base_year and year and claim.base_year != year - 1:
                yield self.verdict(a, f"情况说明将{year}年度数与{claim.base_year}年度比较，与上年比较应为{year - 1}年度", (i,))


@dataclass(frozen=True)
class ComparedBudget(NarrativeRule):
    """“决算数同预算数持平 / 小于 / 大于预算数” fits the amounts it states."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        for i in a.kind("completion"):
            claim = a.claims[i]
            if not claim.relation or claim.amount is None or claim.reference is None:
                continue
            executed, budget = stated(claim.amount), stated(claim.reference)
            same = overlaps(executed, budget)
            wrong = (
                claim.relation in ("持平", "等于", "相等", "一致")
                and not same
                or claim.relation in ("小于", "低于")
                and (same or executed.low >= budget.high)
                or claim.relation in ("大于", "高于", "超过")
                and (same or executed.high <= budget.low)
            )
            if wrong:
                yield self.verdict(
                    a,
                    f"情况说明称决算数{claim.relation}预算数，但所列决算数 {plain(claim.amount)}万元、预算数 {plain(claim.reference)}万元",
                    (i,),
                    expected=claim.reference,
                    actual=claim.amount,
                )


# -- JS790: what is not linked ---------------------------------------------------------


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
class Unlinked(NarrativeRule):
    """The figures linked to no cell and no other claim, one finding per sentence."""

    def verdicts(self, a: Analysis) -> Iterator[Verdict]:
        by_sentence: dict[tuple[str, int, int], list[int]] = {}
        for i, claim in enumerate(a.claims):
            if not a.linked(i):
                by_sentence.setdefault((claim.part, claim.paragraph, _sentence_start(a.report, claim)), []).append(i)
        for members in by_sentence.values():
            listed = "、".join(figure for figure in (_figure(a.claims[j]) for j in members) if figure)
            if not listed:
                continue
            part = "概况" if a.claims[members[0]].part == "overview" else "情况说明"
            yield self.verdict(a, f"{part}中的数字未与表格或其他陈述关联，未核对：{listed}", tuple(members))


_T = ("T1", "T3", "T4", "T5", "T6", "T7", "T8", "T9")
_BOTH = ("juesuan", "yusuan")  # rules over the narrative alone hold for a 决算 and a 预算
NARRATIVE_RULES: tuple[NarrativeRule, ...] = (
    Restatements(
        "JS701",
        "error",
        "情况说明所述金额与表格一致",
        "情况说明[数额] = 决算表/预算表[对应单元格]（按印刷精度；元表换算为万元）",
        _T,
        families=_BOTH,
        items=True,
    ),
    Restatements(
        "JS702",
        "warning",
        "情况说明所述金额与通常对应的表内数一致",
        "机关运行经费 = 表6[公用经费合计]；整体支出执行数 = 表4[本年支出合计]",
        ("T4", "T6"),
        soft=True,
    ),
    ChangePercents("JS703", "error", "增减幅度与增减额一致", "幅度 = 增减额 ÷ (本年数 ∓ 增减额)，按区间计算", (), families=_BOTH),
    ChangeDirections("JS704", "error", "增减方向用词一致", "增加/增长 与 减少/下降 不混用；推算的上年数或预算数不为负", (), families=_BOTH),
    ZeroBases("JS705", "error", "基数为0时写作“--（基数为0，不可比）”", "基数 = 0 ⇔ “--（基数为0，不可比）”", ("T9",)),
    Agreement("JS706", "error", "同一数字前后一致", "同一项目在各处所述金额、增减额、幅度相同", ()),
    Breakdowns(
        "JS707",
        "error",
        "分项之和等于合计",
        "合计 = Σ分项（三公经费、政府采购、车辆、收入支出、增减额、预算数）；占比合计 = 100%",
        (),
        families=_BOTH,  # the breakdowns are the profile's: a 预算's 政府采购 货物 + 工程 + 服务
    ),
    Shares("JS708", "error", "占比与金额一致", "占比 = 分子金额 ÷ 基数金额", (), families=_BOTH),
    Shares(
        "JS709",
        "warning",
        "绩效评价资金占比与所称基数一致",
        "占比 = 资金 ÷ 所称项目支出总额（表5/表7/表8 项目支出）",
        ("T5", "T7", "T8"),
        soft=True,
    ),
    CompletionRates("JS710", "error", "完成率与执行数、预算数一致", "完成率 = 执行数 ÷ 预算数", ("T9",)),
    Counts("JS711", "warning", "数量前后一致", "公务用车保有量 = 车辆数；费用为0 ⇔ 团组、人次、购置数为0", ()),
    PerformanceBudget("JS712", "warning", "绩效自评全年预算数与年初预算数一致", "全年预算数 = Σ(财政拨款支出 ∓ 比年初预算数增减)", ("T4",)),
    EmptyCompletions("JS713", "warning", "预算数与决算数均为0时不写完成率", "预算数 = 决算数 = 0 ⇒ 不写“完成预算的×%”", ("T9",)),
    ItemNames(
        "JS714",
        "warning",
        "按类/款/项所述科目与表5（预算：一般公共预算支出表）一致",
        "情况说明“…（类）…（款）…（项）”∈ 表5/B7 科目，金额 = 该科目合计",
        ("T5",),
        families=_BOTH,
    ),
    ComparedYear("JS715", "warning", "与上年比较的年度是上一年度", "“与/比××年度相比”中 ×× = 报告年度 − 1", (), families=_BOTH),
    ComparedBudget(
        "JS716", "error", "决算数与预算数的比较用语与数字一致", "“决算数同预算数持平/小于/大于预算数”与所列决算数、预算数相符", ()
    ),
    Unlinked("JS790", "info", "情况说明中未关联的数字", "每个数字都与表格或其他陈述关联（未关联者列出，供复核）", ()),
)


@dataclass(frozen=True)
class Result:
    analysis: Analysis
    verdicts: tuple[tuple[str, Verdict], ...]


def evaluate(report: Report, context: Context | None = None) -> Result:
    """The claims of a report, linked, and the verdicts of every narrative rule on them
    (for ``juesuan claims`` and the web page; ``check`` runs the rules one by one)."""
    analysis = (context or Context(report)).analysis
    verdicts = tuple((rule.code, verdict) for rule in NARRATIVE_RULES for verdict in rule.verdicts(analysis))
    return Result(analysis, verdicts)


__all__ = ["NARRATIVE_RULES", "NarrativeRule", "Result", "Verdict", "evaluate", "ratio"]
