"""The phrase table: which words of the narrative name which quantity, and which
table cells that quantity restates.

A template variant adds rows here, not code. A phrase matches when it occurs in the
words before a figure (its subject), in one of the listed sections, and — when
``context`` is set — after that word earlier in the same sentence. The longest
phrase that ends last wins, so '公务用车购置及运行维护费' beats '公务用车购置'.
Cells are named by table role and row role or code (checks.refs), never by position.
"""

from __future__ import annotations

from dataclasses import dataclass

from ..checks.refs import R, Ref


@dataclass(frozen=True, slots=True)
class Quantity:
    id: str
    name: str  # Chinese, for messages
    refs: tuple[Ref, ...] = ()  # the cells the stated amount restates (summed)
    budget: tuple[Ref, ...] = ()  # the cells of its budget (a completion's base)
    soft: bool = False  # a usual restatement, not an identity: a break is a warning
    # Other cells a misstated figure is often taken from, named in the message.
    alternatives: tuple[tuple[Ref, ...], ...] = ()


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str  # occurs in the subject ('' matches any subject, then ``unit`` must match)
    quantity: str
    sections: tuple[str, ...] = ()  # () = any section
    context: str = ""  # must occur earlier in the sentence
    unit: str = ""  # for counts: the unit that must follow the number


def _t9(column: str) -> tuple[Ref, ...]:
    return (R("T9", column, "total"),)


Q = Quantity
QUANTITIES: dict[str, Quantity] = {q.id: q for q in (
    # 年度收入总体情况 (表1 收入栏) and 财政拨款收入说明 (表1 = 表4 第1—3行)
    Q("income.grand_total", "总收入", (R("T1", "amount", "income_grand_total"),)),
    Q("income.total", "本年收入", (R("T1", "amount", "income_total"),)),
    Q("income.general_fiscal", "一般公共预算财政拨款收入", (R("T1", "amount", "general_fiscal"),)),
    Q("income.fund_fiscal", "政府性基金预算财政拨款收入", (R("T1", "amount", "fund_fiscal"),)),
    Q("income.capital_fiscal", "国有资本经营预算财政拨款收入", (R("T1", "amount", "capital_fiscal"),)),
    Q("income.superior", "上级补助收入", (R("T1", "amount", "superior"),)),
    Q("income.business", "事业收入", (R("T1", "amount", "business"),)),
    Q("income.operating", "经营收入", (R("T1", "amount", "operating"),)),
    Q("income.affiliated", "附属单位上缴收入", (R("T1", "amount", "affiliated"),)),
    Q("income.other", "其他收入", (R("T1", "amount", "other"),)),
    # 年度支出总体情况 (表1 总计、本年支出合计; 表3 合计行)
    Q("expenditure.grand_total", "总支出", (R("T1", "amount", "expenditure_grand_total"),)),
    Q("expenditure.total", "本年支出", (R("T1", "amount", "expenditure_total"),)),
    Q("expenditure.basic", "基本支出", (R("T3", "basic", "total"),)),
    Q("expenditure.project", "项目支出", (R("T3", "project", "total"),)),
    Q("expenditure.remit", "上缴上级支出", (R("T3", "remit", "total"),)),
    Q("expenditure.operating", "经营支出", (R("T3", "operating", "total"),)),
    Q("expenditure.subsidy", "对附属单位补助支出", (R("T3", "subsidy", "total"),)),
    # 财政拨款收入支出总表说明 (表4)
    Q("fiscal_income.total", "财政拨款收入合计", (R("T4", "amount", "income_total"),)),
    Q("fiscal_expenditure.total", "财政拨款支出合计", (R("T4", "total", "expenditure_total"),)),
    Q("fiscal_expenditure.general", "一般公共预算财政拨款支出", (R("T4", "general", "expenditure_total"),)),
    Q("fiscal_expenditure.fund", "政府性基金预算财政拨款支出", (R("T4", "fund", "expenditure_total"),)),
    Q("fiscal_expenditure.capital", "国有资本经营预算财政拨款支出", (R("T4", "capital", "expenditure_total"),)),
    # “三公”经费 (表9 决算数 and 预算数)
    Q("sangong.total", "“三公”经费", _t9("final_total"), _t9("budget_total")),
    Q("sangong.abroad", "因公出国（境）费", _t9("final_abroad"), _t9("budget_abroad")),
    Q("sangong.vehicle", "公务用车购置及运行维护费", _t9("final_vehicle"), _t9("budget_vehicle")),
    Q("sangong.vehicle_purchase", "公务用车购置费", _t9("final_vehicle_purchase"), _t9("budget_vehicle_purchase")),
    Q("sangong.vehicle_operation", "公务用车运行维护费", _t9("final_vehicle_operation"), _t9("budget_vehicle_operation")),
    Q("sangong.reception", "公务接待费", _t9("final_reception"), _t9("budget_reception")),
    Q("sangong.abroad.groups", "出国（境）团组数"),
    Q("sangong.abroad.people", "出国（境）人次"),
    Q("sangong.vehicle_purchase.count", "公务用车购置数"),
    Q("sangong.vehicles", "公务用车保有量"),
    Q("sangong.reception.foreign_groups", "接待国外、境外来访团组数"),
    Q("sangong.reception.foreign_people", "来访外宾人次"),
    Q("sangong.reception.domestic_batches", "国内接待批次"),
    Q("sangong.reception.domestic_people", "国内接待人数"),
    # 机关运行经费 = 表6 公用经费合计 for administrative units (DOMAIN §3, a soft relation)
    Q("running_cost", "机关运行经费", (R("T6", "amount", "public_total"),), soft=True),
    # 政府采购: no table in this template; checked against itself
    Q("procurement.total", "政府采购支出总额"),
    Q("procurement.goods", "政府采购货物支出"),
    Q("procurement.works", "政府采购工程支出"),
    Q("procurement.services", "政府采购服务支出"),
    Q("procurement.sme", "授予中小企业合同金额"),
    Q("procurement.small", "授予小微企业合同金额"),
    Q("procurement.sme_goods", "货物采购授予中小企业合同金额"),
    Q("procurement.sme_works", "工程采购授予中小企业合同金额"),
    Q("procurement.sme_services", "服务采购授予中小企业合同金额"),
    # 国有资产占用
    Q("vehicles", "车辆数"),
    Q("vehicles.part", "分类车辆数"),
    # 绩效评价: the evaluated funds may be budget figures, so their shares of a table
    # total are soft; the whole-department figures restate 表4.
    Q("performance.general_projects", "一般公共预算项目绩效自评资金"),
    Q("performance.fund_projects", "政府性基金预算项目绩效自评资金"),
    Q("performance.capital_projects", "国有资本经营预算项目绩效自评资金"),
    Q("base.general_projects", "一般公共预算项目支出总额", (R("T5", "project", "total"),), soft=True,
      alternatives=((R("T5", "total", "total"),), (R("T4", "general", "expenditure_total"),))),
    Q("base.fund_projects", "政府性基金预算项目支出总额", (R("T7", "project", "total"),), soft=True,
      alternatives=((R("T7", "total", "total"),),)),
    Q("base.capital_projects", "国有资本经营预算项目支出总额", (R("T8", "project", "total"),), soft=True),
    Q("performance.evaluated.general", "重点评价项目一般公共预算支出"),
    Q("performance.evaluated.fund", "重点评价项目政府性基金预算支出"),
    Q("performance.evaluated.capital", "重点评价项目国有资本经营预算支出"),
    Q("performance.whole.general", "整体支出绩效自评一般公共预算支出", (R("T4", "general", "expenditure_total"),)),
    Q("performance.whole.fund", "整体支出绩效自评政府性基金预算支出", (R("T4", "fund", "expenditure_total"),)),
    Q("performance.whole.capital", "整体支出绩效自评国有资本经营预算支出", (R("T4", "capital", "expenditure_total"),)),
    Q("performance.whole", "部门（单位）整体支出"),
    # The execution of the whole budget is the fiscal spending of 表4; a report may take
    # another total, which the message then names.
    Q("performance.whole.executed", "整体支出执行数", (R("T4", "total", "expenditure_total"),), soft=True,
      alternatives=((R("T1", "amount", "expenditure_total"),), (R("T1", "amount", "expenditure_grand_total"),))),
    Q("performance.whole.budget", "整体支出全年预算数"),
    Q("performance.projects", "项目"),
    Q("performance.projects.budget", "项目全年预算数"),
    Q("performance.projects.executed", "项目执行数"),
)}

_INCOME = ("income", "fiscal_income")
_EXPENDITURE = ("expenditure",)
_SANGONG = ("sangong",)
P = Phrase
PHRASES: tuple[Phrase, ...] = (
    P("总收入", "income.grand_total", ("income",)),
    P("本年收入", "income.total", ("income",)),
    P("一般公共预算财政拨款收入", "income.general_fiscal", _INCOME),
    P("政府性基金预算财政拨款收入", "income.fund_fiscal", _INCOME),
    P("国有资本经营预算财政拨款收入", "income.capital_fiscal", _INCOME),
    P("上级补助收入", "income.superior", _INCOME),
    P("事业收入", "income.business", _INCOME),
    P("经营收入", "income.operating", _INCOME),
    P("附属单位上缴收入", "income.affiliated", _INCOME),
    P("其他收入", "income.other", _INCOME),
    P("总支出", "expenditure.grand_total", _EXPENDITURE),
    P("本年支出", "expenditure.total", _EXPENDITURE),
    P("基本支出", "expenditure.basic", _EXPENDITURE),
    P("项目支出", "expenditure.project", _EXPENDITURE),
    P("上缴上级支出", "expenditure.remit", _EXPENDITURE),
    P("经营支出", "expenditure.operating", _EXPENDITURE),
    P("对附属单位补助支出", "expenditure.subsidy", _EXPENDITURE),
    P("财政拨款收入合计", "fiscal_income.total", ("fiscal_income",)),
    P("财政拨款支出合计", "fiscal_expenditure.total", ("fiscal_expenditure",)),
    P("一般公共预算财政拨款支出", "fiscal_expenditure.general", ("fiscal_expenditure",)),
    P("政府性基金预算财政拨款支出", "fiscal_expenditure.fund", ("fiscal_expenditure",)),
    P("国有资本经营预算财政拨款支出", "fiscal_expenditure.capital", ("fiscal_expenditure",)),
    P("“三公”经费", "sangong.total", _SANGONG),
    P("因公出国（境）费", "sangong.abroad", _SANGONG),
    P("公务用车购置及运行维护费", "sangong.vehicle", _SANGONG),
    P("公务用车购置", "sangong.vehicle_purchase", _SANGONG),
    P("公务用车运行维护费", "sangong.vehicle_operation", _SANGONG),
    P("公务接待费", "sangong.reception", _SANGONG),
    P("团组", "sangong.abroad.groups", _SANGONG, context="出国（境）", unit="个"),
    P("", "sangong.abroad.people", _SANGONG, context="出国（境）团组", unit="人次"),
    P("公务用车购置数", "sangong.vehicle_purchase.count", _SANGONG, unit="辆"),
    P("公务用车保有量", "sangong.vehicles", _SANGONG, unit="辆"),
    P("来访团组", "sangong.reception.foreign_groups", _SANGONG, unit="个"),
    P("来访外宾", "sangong.reception.foreign_people", _SANGONG, unit="人次"),
    P("国内接待", "sangong.reception.domestic_batches", _SANGONG, unit="次"),
    P("接待人数", "sangong.reception.domestic_people", _SANGONG, unit="人"),
    P("机关运行经费", "running_cost", ("running",)),
    P("政府采购支出总额", "procurement.total", ("procurement",)),
    P("政府采购货物支出", "procurement.goods", ("procurement",)),
    P("政府采购工程支出", "procurement.works", ("procurement",)),
    P("政府采购服务支出", "procurement.services", ("procurement",)),
    P("授予中小企业合同金额", "procurement.sme", ("procurement",)),
    P("授予小微企业合同金额", "procurement.small", ("procurement",)),
    P("货物采购授予中小企业合同金额", "procurement.sme_goods", ("procurement",)),
    P("工程采购授予中小企业合同金额", "procurement.sme_works", ("procurement",)),
    P("服务采购授予中小企业合同金额", "procurement.sme_services", ("procurement",)),
    P("货物支出金额", "procurement.goods", ("procurement",)),
    P("工程支出金额", "procurement.works", ("procurement",)),
    P("服务支出金额", "procurement.services", ("procurement",)),
    P("车辆", "vehicles", ("assets",), unit="辆"),
    P("用车", "vehicles.part", ("assets",), unit="辆"),
    P("涉及资金", "performance.general_projects", ("performance",), context="一般公共预算项目"),
    P("涉及资金", "performance.fund_projects", ("performance",), context="政府性基金预算项目"),
    P("涉及资金", "performance.capital_projects", ("performance",), context="国有资本经营预算项目"),
    P("一般公共预算项目支出总额", "base.general_projects", ("performance",)),
    P("政府性基金预算项目支出总额", "base.fund_projects", ("performance",)),
    P("国有资本经营预算项目支出总额", "base.capital_projects", ("performance",)),
    P("一般公共预算支出", "performance.evaluated.general", ("performance",), context="项目开展"),
    P("政府性基金预算支出", "performance.evaluated.fund", ("performance",), context="项目开展"),
    P("国有资本经营预算支出", "performance.evaluated.capital", ("performance",), context="项目开展"),
    P("一般公共预算支出", "performance.whole.general", ("performance",), context="整体支出"),
    P("政府性基金预算支出", "performance.whole.fund", ("performance",), context="整体支出"),
    P("国有资本经营预算支出", "performance.whole.capital", ("performance",), context="整体支出"),
    P("整体支出", "performance.whole", ("performance",)),
    P("项目", "performance.projects", ("performance",)),
)

# A completion statement (全年预算数…执行数…完成预算的…%) names its budget and execution
# after the quantity: these are the quantities of the two amounts.
COMPLETION_PARTS: dict[str, tuple[str, str]] = {
    "performance.whole": ("performance.whole.budget", "performance.whole.executed"),
    "performance.projects": ("performance.projects.budget", "performance.projects.executed"),
}

# A share with no base printed (三公: 因公出国（境）费0万元，占0%) is a share of the section's total.
DEFAULT_SHARE_OF: dict[str, str] = {"sangong_detail": "sangong.total"}

# Totals and their parts. The narrative states both; they must add up (amounts,
# changes and budgets alike). A part listed once may be stated several times
# (vehicles.part: 岗位保障用车、其他用车 …).
BREAKDOWNS: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("income.total", ("income.general_fiscal", "income.fund_fiscal", "income.capital_fiscal", "income.superior",
                      "income.business", "income.operating", "income.affiliated", "income.other")),
    ("expenditure.total", ("expenditure.basic", "expenditure.project", "expenditure.remit", "expenditure.operating",
                           "expenditure.subsidy")),
    ("fiscal_expenditure.total", ("fiscal_expenditure.general", "fiscal_expenditure.fund", "fiscal_expenditure.capital")),
    ("sangong.total", ("sangong.abroad", "sangong.vehicle", "sangong.reception")),
    ("sangong.vehicle", ("sangong.vehicle_purchase", "sangong.vehicle_operation")),
    ("procurement.total", ("procurement.goods", "procurement.works", "procurement.services")),
    ("procurement.sme", ("procurement.sme_goods", "procurement.sme_works", "procurement.sme_services")),
    ("vehicles", ("vehicles.part",)),
)

# The budget of the whole department's spending, as the sum of the budgets the
# 财政拨款支出说明 implies (current ± change against 年初预算数).
BUDGET_SUMS: dict[str, tuple[str, ...]] = {
    "performance.whole.budget": ("fiscal_expenditure.general", "fiscal_expenditure.fund", "fiscal_expenditure.capital"),
}

# Counts that must agree wherever they are stated, and counts that are zero exactly
# when an amount is (no trips abroad ⇔ 因公出国（境）费 0).
SAME_COUNT: tuple[tuple[str, str], ...] = (("sangong.vehicles", "vehicles"),)
ZERO_WITH: tuple[tuple[str, tuple[str, ...]], ...] = (
    ("sangong.abroad", ("sangong.abroad.groups", "sangong.abroad.people")),
    ("sangong.vehicle_purchase", ("sangong.vehicle_purchase.count",)),
    ("sangong.reception", ("sangong.reception.foreign_groups", "sangong.reception.foreign_people",
                           "sangong.reception.domestic_batches", "sangong.reception.domestic_people")),
)

# Section headings of the 情况说明 (the heading's words → section id). Later, more
# specific entries win over earlier ones when both occur.
SECTIONS: tuple[tuple[str, str], ...] = (
    ("收入支出决算总体情况", "overall"),
    ("财政拨款收入支出总表", "fiscal"),
    ("其他重要事项", "other"),
    ("收入总体情况", "income"),
    ("支出总体情况", "expenditure"),
    ("财政拨款收入说明", "fiscal_income"),
    ("财政拨款收入情况", "fiscal_income"),
    ("财政拨款支出说明", "fiscal_expenditure"),
    ("财政拨款支出情况", "fiscal_expenditure"),
    ("“三公”经费", "sangong"),
    ("机关运行经费", "running"),
    ("政府采购", "procurement"),
    ("国有资产", "assets"),
    ("绩效", "performance"),
)
# Sub-sections that keep the section's phrases but change a default.
SUBSECTIONS: tuple[tuple[str, str, str], ...] = (("sangong", "具体情况", "sangong_detail"),)


def sections_of(section: str) -> tuple[str, ...]:
    """A sub-section matches the phrases of its section too."""
    for parent, _, child in SUBSECTIONS:
        if section == child:
            return (child, parent)
    return (section,)
