"""Semantic roles of the rows that are not subjects (totals, balances, funds).

表1 and 表4 number their rows (行次) differently across years; the checks refer to
rows by role, which the reader gives from the printed name.
"""

from __future__ import annotations

import re

_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")
_BRACKETS = str.maketrans({"(": "（", ")": "）"})


def bare(name: str) -> str:
    """The name without ordinal prefix ('八、'), whitespace, or bracket-width differences."""
    name = re.sub(r"\s+", "", name).translate(_BRACKETS)
    return _ORDINAL.sub("", name)


# 表1 income side and the rows both sides share.
T1_INCOME: dict[str, str] = {
    "一般公共预算财政拨款收入": "general_fiscal",
    "政府性基金预算财政拨款收入": "fund_fiscal",
    "国有资本经营预算财政拨款收入": "capital_fiscal",
    "财政拨款收入": "fiscal",
    "上级补助收入": "superior",
    "事业收入": "business",
    "经营收入": "operating",
    "附属单位上缴收入": "affiliated",
    "其他收入": "other",
    "本年收入合计": "income_total",
    "使用非财政拨款结余（含专用结余）": "use_nonfiscal_balance",
    "使用非财政拨款结余": "use_nonfiscal_balance",
    "使用专用结余": "use_special_balance",
    "年初结转和结余": "opening_balance",
    "总计": "income_grand_total",
}
T1_EXPENDITURE: dict[str, str] = {
    "本年支出合计": "expenditure_total",
    "结余分配": "balance_distribution",
    "年末结转和结余": "closing_balance",
    "总计": "expenditure_grand_total",
}
T4_INCOME: dict[str, str] = {
    "一般公共预算财政拨款": "general_fiscal",
    "政府性基金预算财政拨款": "fund_fiscal",
    "国有资本经营预算财政拨款": "capital_fiscal",
    "本年收入合计": "income_total",
    "年初财政拨款结转和结余": "opening_balance",
    "总计": "income_grand_total",
}
# The fund rows printed again under 年初财政拨款结转和结余 are its split by fund.
T4_OPENING_SPLIT: dict[str, str] = {
    "一般公共预算财政拨款": "opening_general",
    "政府性基金预算财政拨款": "opening_fund",
    "国有资本经营预算财政拨款": "opening_capital",
}
T4_EXPENDITURE: dict[str, str] = {
    "本年支出合计": "expenditure_total",
    "年末财政拨款结转和结余": "closing_balance",
    "总计": "expenditure_grand_total",
}
T4_CLOSING_SPLIT: dict[str, str] = {
    "一般公共预算财政拨款": "closing_general",
    "政府性基金预算财政拨款": "closing_fund",
    "国有资本经营预算财政拨款": "closing_capital",
}
T6_TOTALS: dict[str, tuple[str, str]] = {
    "人员经费合计": ("personnel_total", "personnel"),
    "公用经费合计": ("public_total", "public"),
    "人员经费": ("personnel_total", "personnel"),
    "公用经费": ("public_total", "public"),
}
TOTAL_NAMES = frozenset({"合计", "总计"})
OF_WHICH = ("其中", "其：")

# 经济分类 类 printed on the 人员经费 side of 表6; all others are 公用经费.
PERSONNEL_CLASSES = frozenset({"301", "303"})


def economic_side(code: str) -> str:
    return "personnel" if code[:3] in PERSONNEL_CLASSES else "public"
