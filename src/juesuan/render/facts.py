"""What the document states beyond this year's tables: last year's figures, the
year-start budget, reasons for changes, counts, 政府采购, and the texts of 概况,
国有资产占用 and 绩效评价.

Figures are keyed by the quantity ids of the claim reader's phrase table
(the profile's ``narrative.quantities``: ``income.general_fiscal``,
``fiscal_expenditure.fund``, ``sangong.vehicle_operation``, ``running_cost`` …), so the
sentences written and the sentences read speak of the same things. Sources, later
ones winning: the input report's own 情况说明 (a published report states last year's
figures through its changes), ``--previous`` (last year's tables), ``--budget`` and
``--text``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field, fields, replace
from decimal import ROUND_HALF_UP, Decimal
from typing import Any

from ..claims import extract
from ..model import Report
from ..model.prose import COMPARISON_REASON, no_reason, reason_after, same_as
from ..model.refs import resolve
from ..profiles import profile_of

BUDGET = "@budget"  # reason key suffix: the change against the year-start budget
CENT = Decimal("0.01")
PROCUREMENT = ("total", "goods", "works", "services", "sme", "small", "sme_goods", "sme_works", "sme_services")


@dataclass(frozen=True)
class Facts:
    previous: Mapping[str, Decimal] = field(default_factory=dict)  # quantity → 上年决算数
    budget: Mapping[str, Decimal] = field(default_factory=dict)  # quantity → 年初预算数 (or 表9 预算数 override)
    reasons: Mapping[str, str] = field(default_factory=dict)  # quantity[@budget] → reason text
    counts: Mapping[str, int] = field(default_factory=dict)  # sangong.abroad.groups, vehicles, …
    procurement: Mapping[str, Decimal] = field(default_factory=dict)  # PROCUREMENT keys
    overview: tuple[str, ...] = ()  # paragraphs; '一、…' lines are headings
    assets: tuple[str, ...] = ()  # 国有资产占用 paragraphs
    performance: tuple[str, ...] = ()  # 绩效评价 paragraphs
    glossary: tuple[tuple[str, str], ...] = ()

    def merge(self, other: Facts) -> Facts:
        """``other`` wins, key by key (texts: when given)."""
        changes: dict[str, Any] = {}  # field name → merged value, of that field's type
        for f in fields(self):
            mine, theirs = getattr(self, f.name), getattr(other, f.name)
            if isinstance(mine, Mapping):
                changes[f.name] = {**mine, **theirs}
            else:
                changes[f.name] = theirs or mine
        return replace(self, **changes)


def current(report: Report, quantity: str) -> Decimal | None:
    """This year's value of a quantity, from the cells it restates."""
    q = profile_of(report).narrative.quantities.get(quantity)
    if q is None or not q.refs:
        return None
    total = Decimal(0)
    for ref in q.refs:
        resolved = resolve(report, ref)
        if resolved is None or not resolved.cells:
            return None
        total += resolved.value
    return total


def budget_cell(report: Report, quantity: str) -> Decimal | None:
    q = profile_of(report).narrative.quantities.get(quantity)
    if q is None or not q.budget:
        return None
    resolved = resolve(report, q.budget[0])
    return resolved.value if resolved is not None and resolved.cells else None


def from_previous(previous: Report) -> Facts:
    """Last year's figures from last year's tables."""
    values = {}
    for quantity, q in profile_of(previous).narrative.quantities.items():
        if q.refs:
            value = current(previous, quantity)
            if value is not None:
                values[quantity] = value
    return Facts(previous=values)


def _given(reason: str) -> bool:
    """A reason that says something: not 无, and not a 持平 (the change is then 0)."""
    flat = same_as(reason)
    return not (no_reason(reason) or flat is not None and flat.group(0) == reason)


def from_report(report: Report) -> Facts:
    """What a published report states: previous figures and budgets through its
    changes, the reasons after them, counts, 政府采购, and its texts."""
    claims = extract(report)
    previous: dict[str, Decimal] = {}
    budget: dict[str, Decimal] = {}
    reasons: dict[str, str] = {}
    counts: dict[str, int] = {}
    stated: dict[str, Decimal] = {}
    shares: dict[str, Decimal] = {}
    for claim in claims:
        if claim.kind == "change" and claim.quantity and claim.signed_change is not None:
            value = current(report, claim.quantity)
            if value is None:
                continue
            target, suffix = (
                (previous, "") if claim.base == "上年决算数" else (budget, BUDGET) if claim.base == "年初预算数" else (None, "")
            )
            if target is None:
                continue
            target.setdefault(claim.quantity, value - claim.signed_change)
            reason = _reason_after(report, claim)
            if reason:
                reasons.setdefault(claim.quantity + suffix, reason)
        elif claim.kind == "count" and claim.quantity and claim.amount is not None:
            counts.setdefault(claim.quantity, int(claim.amount))
        elif claim.kind == "amount" and claim.quantity.startswith("procurement.") and claim.amount is not None:
            stated.setdefault(claim.quantity.split(".", 1)[1], claim.amount)
        elif claim.kind == "share" and claim.quantity.startswith("procurement.sme_") and claim.percent is not None:
            shares.setdefault(claim.quantity.split(".", 1)[1], claim.percent)
    texts = _section_texts(report)
    for paragraph in texts.get("sangong", []) + texts.get("sangong_detail", []):
        match = COMPARISON_REASON.search(paragraph)
        if match and _given(match.group("text")):
            key = "sangong.total" + (BUDGET if match.group("base") == "预算数" else "")
            reasons.setdefault(key, match.group("text").rstrip("。"))
    return Facts(
        previous=previous,
        budget=budget,
        reasons=reasons,
        counts=counts,
        procurement=_procurement(stated, shares),
        overview=tuple(p.text for p in report.overview),
        assets=tuple(texts.get("assets", [])),
        performance=tuple(texts.get("performance", [])),
        glossary=tuple((g.term, g.definition) for g in report.glossary),
    )


def _reason_after(report: Report, claim) -> str:
    if claim.part != "narrative":
        return ""
    reason = reason_after(report.narrative[claim.paragraph].text, claim.end)
    return reason if reason and _given(reason) else ""


def _section_texts(report: Report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = {}
    for section, _, paragraph in profile_of(report).narrative.paragraphs(report.narrative):
        out.setdefault(section, []).append(paragraph.text)
    return out


def _procurement(stated: dict[str, Decimal], shares: dict[str, Decimal]) -> dict[str, Decimal]:
    """Amounts of 政府采购; the SME amount of each category from its printed share,
    the largest category taking what the SME total leaves (printed shares are rounded)."""
    out = {k: v for k, v in stated.items() if k in PROCUREMENT}
    categories = ("goods", "works", "services")
    if "sme" not in out or not all(c in out for c in categories):
        return out
    parts = {c: (out[c] * shares.get("sme_" + c, Decimal(0)) / 100).quantize(CENT, ROUND_HALF_UP) for c in categories}
    largest = max(categories, key=lambda c: out[c])
    rest = out["sme"] - sum(v for c, v in parts.items() if c != largest)
    if 0 <= rest <= out[largest]:
        parts[largest] = rest
    if sum(parts.values()) == out["sme"] and all(0 <= parts[c] <= out[c] for c in categories):
        out.update({"sme_" + c: v for c, v in parts.items()})
    return out
