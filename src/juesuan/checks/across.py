"""Checks across years and documents (JS9xx).

``check_previous(current, previous)``: every change against last year a budget's
narrative states ('与上年相比增加3,958.98万元，增长22%') is checked against the figure
last year's own report printed for the same subject: last year = this year − change,
and the percent = change / last year, each within the rounding of the printed values.

``check_budget(final, budget, claims)``: a 决算's 年初预算数 (the 预算数 columns of its
三公 table, and the narrative's '比年初预算数增加…' and '完成全年预算X万元') against the
figures that year's published 预算 states.

Both take reports already read (and the 决算's claims); the command line and the store
call them through ``pipeline.check_across``. A subject found in one document only is
an info (not checked), never an error: juesuan checks nothing it did not read.
"""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal

from ..model import CellRef, Claim, Finding, Report, Source
from ..model.change import money
from ..model.interval import Interval
from ..model.refs import amount_text
from .across_columns import previous_columns
from .across_statements import ALIASES, SUBJECT_NAMES, Change, Statement, report_year, statements
from .across_tables import TableFigure, quantity_figures, table_figures
from .rules import Rule

_APPLIES = "预算与上年预算（江苏、上海）；决算与上年决算、同年预算"


@dataclass(frozen=True)
class AcrossRule(Rule):
    """A rule over two documents: it has no findings on one report alone (``checks.check``
    never runs it); ``check_previous`` and ``check_budget`` evaluate it."""

    family: str = "across"
    applies: str = _APPLIES
    families: tuple[str, ...] = ("yusuan", "juesuan")

    def findings(self, context: object) -> Iterator[Finding]:
        return iter(())


JS900 = AcrossRule(
    "JS900",
    "warning",
    "对比的报告不是上一年度（或同一年度）的同类报告",
    "上年报告年度 = 本年度 − 1；预算与决算年度相同；同一文件族",
    (),
)
JS901 = AcrossRule(
    "JS901",
    "error",
    "对上年的增减额与上年报告所列数额不符",
    "本年数 − 增减额 = 上年报告所列同一项目数额（按印刷精度的区间）",
    (),
)
JS902 = AcrossRule(
    "JS902",
    "error",
    "对上年的增减幅度与上年报告所列数额不符",
    "增减幅度 = 增减额 ÷ 上年报告所列数额 × 100%（按印刷精度的区间）",
    (),
)
JS903 = AcrossRule(
    "JS903",
    "info",
    "对上年的增减未能与上年报告核对",
    "上年报告未列该项目，或所列数额不一",
    (),
)
JS904 = AcrossRule(
    "JS904",
    "warning",
    "对上年的增减幅度末位与上年报告所列数额不符",
    "增减幅度 = 增减额 ÷ 上年报告所列数额 × 100%，差在印刷末位一个单位以内",
    (),
)
JS911 = AcrossRule(
    "JS911",
    "error",
    "决算所列年初预算数与同年预算报告不符",
    "决算表9预算数、情况说明的年初预算数 = 同年预算报告所列数额",
    ("T9",),
)
JS912 = AcrossRule(
    "JS912",
    "info",
    "决算所列年初预算数未能与预算报告核对",
    "预算报告未列该项目，或所列数额不一",
    ("T9",),
)

JS905 = AcrossRule(
    "JS905",
    "warning",
    "表中上年数与上年报告所列数额不一致",
    "预算表“上年预算数”栏 = 上年报告同一张表同一行的本年数（按印刷精度的区间；口径调整应说明）",
    (),
    applies="预算与上年预算",
    families=("yusuan",),
)
JS906 = AcrossRule(
    "JS906",
    "info",
    "表中上年数未能与上年报告核对",
    "上年报告没有读全同一张表，或没有同一行",
    (),
    applies="预算与上年预算",
    families=("yusuan",),
)

ACROSS_RULES: tuple[Rule, ...] = (JS900, JS901, JS902, JS903, JS904, JS905, JS906, JS911, JS912)


def _where(statement: Statement | Claim) -> str:
    source = statement.source
    if source is None or source.page is None:
        return ""
    return f"第{source.page}页" + (f"第{source.line}行" if source.line else "")


def _figures(report: Report) -> dict[str, list[Statement]]:
    """The amounts the narrative states, by subject."""
    out: dict[str, list[Statement]] = {}
    for statement in statements(report):
        if statement.key is not None:
            out.setdefault(statement.key, []).append(statement)
    return out


def _lookup(figures: dict[str, list[Statement]], key: str) -> list[Statement]:
    found = list(figures.get(key, ()))
    for alias in ALIASES.get(key, frozenset()):
        if alias != key:
            found.extend(figures.get(alias, ()))
    return found


def _one_value(found: Sequence[Statement]) -> Statement | None:
    """The statement of a subject when every statement of it gives the same amount."""
    if not found or len({s.amount for s in found}) != 1:
        return None
    return found[0]


def _document(name: str, year: int | None, kind: str) -> str:
    label = f"{year}年{kind}" if year else kind
    return f"{label}（{name}）" if name else label


def _year_mismatch(current: Report, other: Report, expected: int | None, what: str, name: str) -> Finding | None:
    year = report_year(other)
    if expected is None or year is None:
        return Finding("JS900", "warning", f"未能读出本报告或{what}（{name}）的年度：未作对比")
    if year == expected:
        return None
    return Finding(
        "JS900",
        "warning",
        f"对比的{what}（{name}）为{year}年度，本报告为{report_year(current)}年度，应对比{expected}年度：未作对比",
    )


def _family(report: Report) -> str:
    return report.profile.family if report.profile is not None else "juesuan"


def check_previous(
    current: Report, previous: Report, previous_name: str = "", claims: Sequence[Claim] | None = None
) -> tuple[Finding, ...]:
    """The findings of every change against last year the current report states,
    checked against last year's own report. A budget's changes are read as statements
    (``across_statements``); a 决算's are its claims against 上年决算数 (``claims``),
    checked against the cells last year's 决算 prints for the same quantity."""
    year = report_year(current)
    expected = year - 1 if year is not None else None
    if _family(previous) != _family(current):
        return (
            Finding(
                "JS900",
                "warning",
                f"上年报告（{previous_name}）与本报告不是同一类文件（预算与决算），未作对比",
            ),
        )
    mismatch = _year_mismatch(current, previous, expected, "上年报告", previous_name)
    if mismatch is not None:
        return (mismatch,)
    other = _document(previous_name, report_year(previous), "报告")
    tables: dict[str, list[TableFigure]] = {}
    if _family(current) == "juesuan":
        changes = _final_changes(claims or (), expected)
        last: dict[str, list[Statement]] = {}
        figures = quantity_figures(previous, {s.key for s in changes if s.key}, other)
    else:
        changes = list(statements(current))
        last = _figures(previous)
        figures = table_figures(previous, other)
    for figure in figures:
        tables.setdefault(figure.key, []).append(figure)
    findings: list[Finding] = []
    seen: set[tuple[str | None, Decimal, str]] = set()
    for statement in changes:
        change = statement.change
        if change is None or (change.year is not None and change.year != expected):
            continue
        mark = (statement.key, statement.amount, change.text)
        if mark in seen:
            continue  # the same figure restated in another section: one finding
        seen.add(mark)
        findings.extend(_against_last_year(statement, last, tables, other))
    if _family(current) == "yusuan":
        findings.extend(previous_columns(current, previous, other))
    return tuple(findings)


@dataclass(frozen=True, slots=True)
class _Last:
    """Last year's figure of a subject: its amount and interval (万元), how to cite it."""

    amount: Decimal
    interval: Interval
    cited: str
    cells: tuple[CellRef, ...]


def _last_year(key: str, last: dict[str, list[Statement]], tables: dict[str, list[TableFigure]], other: str) -> tuple[_Last | None, str]:
    """The other document's figure of a subject (last year's report, or the 预算 of a
    决算): as its narrative states it, else as its tables print it; with why there is
    none ('' when found)."""
    found = _lookup(last, key)
    stated = _one_value(found)
    if stated is not None:
        return _Last(stated.amount, Interval.printed(stated.amount), f"{other}{_where(stated)}「{stated.quote}」", _cell(stated, other)), ""
    if found:
        return None, "所列数额不一（" + "、".join(sorted({money(s.amount) for s in found})) + "）"
    printed = tables.get(key, [])
    if printed and len({f.amount for f in printed}) == 1:
        figure = printed[0]
        return _Last(figure.amount, figure.interval, f"{other}{figure.label}", (figure.cell,)), ""
    if printed:
        return None, "表中所列数额不一（" + "、".join(sorted({money(f.amount) for f in printed})) + "）"
    return None, "未列该项目"


def _final_changes(claims: Sequence[Claim], expected: int | None) -> list[Statement]:
    """A 决算's changes against last year's 决算, as statements keyed by quantity."""
    out: list[Statement] = []
    for claim in claims:
        if claim.kind != "change" or claim.base != "上年决算数" or not claim.quantity or claim.amount is None:
            continue
        signed = claim.signed_change
        if signed is None or claim.base_zero or (claim.base_year is not None and claim.base_year != expected):
            continue
        change = Change(signed, claim.percent, claim.base_year, claim.quote)
        out.append(Statement(claim.quantity, claim.subject or claim.quantity, claim.amount, claim.quote, claim.source or Source(), change))
    return out


def _against_last_year(
    statement: Statement, last: dict[str, list[Statement]], tables: dict[str, list[TableFigure]], other: str
) -> Iterator[Finding]:
    change = statement.change
    assert change is not None
    if statement.key is None:
        yield Finding(
            "JS903",
            "info",
            f"「{statement.label}」未能识别为可与上年报告对应的项目：其对上年的增减未核对",
            quote=statement.quote,
            source=statement.source,
        )
        return
    previous, why = _last_year(statement.key, last, tables, other)
    if previous is None:
        yield Finding(
            "JS903",
            "info",
            f"{statement.subject}：{other}{why}，对上年的增减未核对",
            quote=statement.quote,
            source=statement.source,
        )
        return
    cited = previous.cited
    current = Interval.printed(statement.amount)
    stated = current - Interval.printed(change.change) if change.change else current
    last_year = previous.interval
    implied = statement.amount - change.change
    if not stated.meets(last_year):
        yield Finding(
            "JS901",
            "error",
            f"{statement.subject}：本年{money(statement.amount)}，所述{_said(change.change)}，"
            f"推算上年为{money(implied)}；{cited}所列上年数为{money(previous.amount)}，相差{money(abs(implied - previous.amount))}",
            cells=previous.cells,
            expected=previous.amount,
            actual=implied,
            difference=implied - previous.amount,
            tolerance=stated.radius + last_year.radius,
            quote=statement.quote,
            source=statement.source,
        )
        return
    if change.percent is None or previous.amount == 0:
        return
    low, high = _ratio(Interval.printed(change.change).low, Interval.printed(change.change).high, last_year)
    printed = _percent(change.percent)
    possible = Interval(low, high)
    if not printed.meets(possible):
        true = (abs(change.change) / previous.amount * 100).quantize(Decimal("0.01"))
        # off by at most one unit of the last printed digit: a slip of the last digit (JS904)
        slip = printed.gap(possible) <= 2 * Interval.printed(change.percent).radius
        yield Finding(
            "JS904" if slip else "JS902",
            "warning" if slip else "error",
            f"{statement.subject}：所述{_said(change.change)}、幅度{amount_text(change.percent)}%；"
            f"按{cited}所列上年数{money(previous.amount)}，幅度应为{amount_text(true)}%",
            cells=previous.cells,
            expected=true,
            actual=change.percent,
            difference=change.percent - true,
            tolerance=printed.radius,
            quote=statement.quote,
            source=statement.source,
        )


def _percent(value: Decimal) -> Interval:
    """A printed percent: rounded (±half a unit) or cut off after its last digit, as
    budget offices also print (10.1581% as '10.15%'), so up to a whole unit above."""
    rounded = Interval.printed(value)
    return Interval(rounded.low, value + 2 * rounded.radius)


def _said(change: Decimal) -> str:
    if change == 0:
        return "与上年持平"
    return ("增加" if change > 0 else "减少") + money(abs(change))


def _ratio(low: Decimal, high: Decimal, base: Interval) -> tuple[Decimal, Decimal]:
    """The range of |change| / base × 100 over the intervals (base > 0)."""
    magnitudes = sorted((abs(low), abs(high)))
    if low <= 0 <= high:
        magnitudes[0] = Decimal(0)
    bottom = base.low if base.low > 0 else Decimal("1e-9")
    return magnitudes[0] / base.high * 100, magnitudes[1] / bottom * 100


# CellRef.table of a sentence in the other document; its column names that document.
OTHER_DOCUMENT = "other"


def _cell(statement: Statement, document: str) -> tuple[CellRef, ...]:
    """The other document's sentence, named as a reference a reader can follow."""
    source = statement.source
    return (
        CellRef(
            table=OTHER_DOCUMENT,
            row=statement.key or "",
            column=document,
            name=statement.subject,
            page=source.page,
            line=source.line,
        ),
    )


# -- a 决算 against that year's 预算 --------------------------------------------------

# The 决算's claims and 表9 预算数 columns, by the budget subject they restate.
FINAL_CLAIM_SUBJECTS: dict[str, str] = {
    "fiscal_expenditure.general": "gpb_expenditure",
    "fiscal_expenditure.fund": "fund_expenditure",
    "sangong.total": "sangong_total",
    "sangong.abroad": "abroad",
    "sangong.vehicle": "car_total",
    "sangong.vehicle_purchase": "car_purchase",
    "sangong.vehicle_operation": "car_running",
    "sangong.reception": "reception",
}
FINAL_T9_SUBJECTS: dict[str, str] = {
    "budget_total": "sangong_total",
    "budget_abroad": "abroad",
    "budget_vehicle": "car_total",
    "budget_vehicle_purchase": "car_purchase",
    "budget_vehicle_operation": "car_running",
    "budget_reception": "reception",
}


@dataclass(frozen=True, slots=True)
class _BudgetFigure:
    key: str
    value: Interval
    amount: Decimal
    what: str  # how the 决算 states it, in Chinese
    quote: str
    cells: tuple[CellRef, ...]
    claim: Claim | None = None


def _final_figures(final: Report, claims: Sequence[Claim]) -> Iterator[_BudgetFigure]:
    table = final.table("T9")
    if table is not None and table.complete and table.rows:
        row = table.rows[0]
        for column in table.columns:
            key = FINAL_T9_SUBJECTS.get(column.role)
            cell = row.cell(column.key)
            if key is None or cell is None:
                continue
            ref = CellRef("T9", row.key, column.key, row.name, cell.source.page, cell.source.line)
            yield _BudgetFigure(key, Interval.printed(cell.amount), cell.amount, f"表9「{column.key}」栏", "", (ref,))
    for claim in claims:
        key = FINAL_CLAIM_SUBJECTS.get(claim.quantity)
        if key is None:
            continue
        if claim.kind == "completion" and claim.reference is not None:
            yield _BudgetFigure(key, Interval.printed(claim.reference), claim.reference, "情况说明所述预算数", claim.quote, (), claim)
        elif claim.kind == "change" and claim.base == "年初预算数" and claim.amount is not None:
            signed = claim.signed_change
            if signed is None:
                continue
            value = Interval.printed(claim.amount) - (Interval.printed(signed) if signed else Interval.exact())
            yield _BudgetFigure(key, value, claim.amount - signed, "情况说明所述年初预算数（本年数 − 增减额）", claim.quote, (), claim)


def check_budget(final: Report, budget: Report, claims: Sequence[Claim], budget_name: str = "") -> tuple[Finding, ...]:
    """The findings of a 决算's 年初预算数 checked against that year's published 预算."""
    if _family(final) != "juesuan" or _family(budget) != "yusuan":
        return (Finding("JS900", "warning", f"--budget 须对比决算与预算报告（{budget_name}）：未作对比"),)
    mismatch = _year_mismatch(final, budget, report_year(final), "预算报告", budget_name)
    if mismatch is not None:
        return (mismatch,)
    stated = _figures(budget)
    other = _document(budget_name, report_year(budget), "预算报告")
    tables: dict[str, list[TableFigure]] = {}
    for printed_figure in table_figures(budget, other):
        tables.setdefault(printed_figure.key, []).append(printed_figure)
    findings: list[Finding] = []
    seen: set[tuple[str, Decimal, str]] = set()
    for figure in _final_figures(final, claims):
        mark = (figure.key, figure.amount, figure.quote)
        if mark in seen:
            continue
        seen.add(mark)
        subject = SUBJECT_NAMES.get(figure.key, figure.key)
        published, why = _last_year(figure.key, stated, tables, other)
        source = figure.claim.source if figure.claim is not None else None
        if published is None:
            findings.append(
                Finding(
                    "JS912",
                    "info",
                    f"{subject}：{figure.what}{money(figure.amount)}，{other}{why}，未核对",
                    cells=figure.cells,
                    quote=figure.quote,
                    source=source,
                )
            )
            continue
        if figure.value.meets(published.interval):
            continue
        findings.append(
            Finding(
                "JS911",
                "error",
                f"{subject}：{figure.what}为{money(figure.amount)}；{published.cited}"
                f"所列为{money(published.amount)}，相差{money(abs(figure.amount - published.amount))}",
                cells=figure.cells + published.cells,
                expected=published.amount,
                actual=figure.amount,
                difference=figure.amount - published.amount,
                tolerance=figure.value.radius + published.interval.radius,
                quote=figure.quote,
                source=source,
            )
        )
    return tuple(findings)
