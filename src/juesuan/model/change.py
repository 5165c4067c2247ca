"""How a change between two amounts is said in a 决算 narrative.

The forms of DOMAIN.md §5: 比上年决算数增加X万元，增长Y%; 减少…下降…; 与上年决算数持平;
增长--（基数为0，不可比） when the base is zero. Percent to one decimal, rounded half up.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal

from .report import decimals


def money(value: Decimal, unit: str = "万元") -> str:
    """An amount as a narrative prints it: thousands separators, its own decimals, 0 as '0'."""
    if value == 0:
        return f"0{unit}"
    places = decimals(value)
    return f"{value:,.{places}f}{unit}"


def percent(change: Decimal, base: Decimal) -> Decimal:
    return (abs(change) / abs(base) * 100).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)


def change_phrase(current: Decimal, previous: Decimal, base: str = "上年决算数", unit: str = "万元") -> str:
    difference = current - previous
    if difference == 0:
        return f"与{base}持平"
    verb, trend = ("增加", "增长") if difference > 0 else ("减少", "下降")
    if previous == 0:
        return f"比{base}{verb}{money(abs(difference), unit)}，{trend}--（基数为0，不可比）"
    return f"比{base}{verb}{money(abs(difference), unit)}，{trend}{percent(difference, previous):,}%"


def completion_phrase(executed: Decimal, budget: Decimal, lead: str = "完成预算", unit: str = "万元") -> str:
    """'完成全年预算4.45万元的100.0%'; a zero budget: '完成预算0万元的--%（基数为0，不可比）'."""
    if budget == 0:
        return f"{lead}{money(budget, unit)}的--%（基数为0，不可比）"
    return f"{lead}{money(budget, unit)}的{percent(executed, budget):,}%"


def share_phrase(part: Decimal, whole: Decimal, of: str = "") -> str:
    """'占100.0%', '占政府采购支出总额的49.5%'; '' when the whole is zero."""
    if whole == 0:
        return ""
    return f"占{of}的{percent(part, whole):,}%" if of else f"占{percent(part, whole):,}%"


def relation_word(current: Decimal, other: Decimal) -> str:
    """'大于' | '小于' | '等于': how a 决算数 compares with a budget or last year's."""
    return "大于" if current > other else "小于" if current < other else "等于"
