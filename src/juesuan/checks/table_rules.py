"""The 勾稽关系 of the nine tables (DOMAIN.md §3), as declarations.

Codes: JS1xx identities inside 表1/表4/表6/表9, JS2xx row sums, JS3xx subject
hierarchies, JS4xx identities across tables, JS5xx soft relations (warnings).
"""

from __future__ import annotations

from ..model.refs import C, R, Ref
from .rules import Equation, Hierarchy, RowSum, Rule, SubjectMatch

# 表1 rows by role; the 类 rows are every other expenditure row.
T1_INCOME_PARTS = ("general_fiscal", "fund_fiscal", "capital_fiscal", "fiscal", "superior", "business", "operating", "affiliated", "other")
T1_SPECIAL_EXPENDITURE = ("expenditure_total", "balance_distribution", "closing_balance", "expenditure_grand_total", "of_which")
T4_SPECIAL_EXPENDITURE = (
    "expenditure_total",
    "closing_balance",
    "expenditure_grand_total",
    "closing_general",
    "closing_fund",
    "closing_capital",
    "of_which",
)


def _classes(table: str, column: str, special: tuple[str, ...]) -> Ref:
    return Ref(table, column, side="expenditure", exclude_roles=special, others=True)


T1_CLASSES = _classes("T1", "amount", T1_SPECIAL_EXPENDITURE)
FUNDS = (
    ("general", "general_fiscal", "opening_general"),
    ("fund", "fund_fiscal", "opening_fund"),
    ("capital", "capital_fiscal", "opening_capital"),
)
T4_COLUMNS = ("total", "general", "fund", "capital")
SANGONG = (("budget", "预算数"), ("final", "决算数"))


def _t1(*roles: str) -> Ref:
    return R("T1", "amount", *roles)


def _t4(column: str, *roles: str) -> Ref:
    return R("T4", column, *roles)


IDENTITIES: tuple[Rule, ...] = (
    Equation(
        "JS101",
        "error",
        "表1 本年收入合计等于各项收入之和",
        "表1[本年收入合计] = Σ 表1[第1—8行 各项收入]",
        ("T1",),
        "identity",
        pairs=(((_t1("income_total"),), (_t1(*T1_INCOME_PARTS),)),),
    ),
    Equation(
        "JS102",
        "error",
        "表1 收入总计等于本年收入、使用非财政拨款结余与年初结转和结余之和",
        "表1[30] = 表1[27] + 表1[28] + 表1[29]",
        ("T1",),
        "identity",
        pairs=(
            (
                (_t1("income_grand_total"),),
                (
                    _t1("income_total"),
                    R("T1", "amount", "use_nonfiscal_balance", "use_special_balance", optional=True),
                    _t1("opening_balance"),
                ),
            ),
        ),
    ),
    Equation(
        "JS103",
        "error",
        "表1 本年支出合计等于各类支出之和",
        "表1[57] = Σ 表1[第31—56行 各类支出]",
        ("T1",),
        "identity",
        pairs=(((_t1("expenditure_total"),), (T1_CLASSES,)),),
    ),
    Equation(
        "JS104",
        "error",
        "表1 支出总计等于本年支出、结余分配与年末结转和结余之和",
        "表1[60] = 表1[57] + 表1[58] + 表1[59]",
        ("T1",),
        "identity",
        pairs=(
            (
                (_t1("expenditure_grand_total"),),
                (_t1("expenditure_total"), R("T1", "amount", "balance_distribution", optional=True), _t1("closing_balance")),
            ),
        ),
    ),
    Equation(
        "JS105",
        "error",
        "表1 收入总计等于支出总计",
        "表1[30] = 表1[60]",
        ("T1",),
        "identity",
        pairs=(((_t1("income_grand_total"),), (_t1("expenditure_grand_total"),)),),
    ),
    Equation(
        "JS111",
        "error",
        "表4 本年收入合计等于三项财政拨款之和",
        "表4[27] = 表4[1] + 表4[2] + 表4[3]",
        ("T4",),
        "identity",
        pairs=(
            (
                (_t4("amount", "income_total"),),
                (_t4("amount", "general_fiscal"), _t4("amount", "fund_fiscal"), _t4("amount", "capital_fiscal")),
            ),
        ),
    ),
    Equation(
        "JS112",
        "error",
        "表4 年初财政拨款结转和结余等于其分资金来源之和",
        "表4[28] = 表4[29] + 表4[30] + 表4[31]",
        ("T4",),
        "identity",
        pairs=(
            (
                (_t4("amount", "opening_balance"),),
                (_t4("amount", "opening_general"), _t4("amount", "opening_fund"), _t4("amount", "opening_capital")),
            ),
        ),
    ),
    Equation(
        "JS113",
        "error",
        "表4 收入总计等于本年收入合计加年初结转和结余",
        "表4[32] = 表4[27] + 表4[28]",
        ("T4",),
        "identity",
        pairs=(((_t4("amount", "income_grand_total"),), (_t4("amount", "income_total"), _t4("amount", "opening_balance"))),),
    ),
    Equation(
        "JS114",
        "error",
        "表4 收入总计等于支出总计",
        "表4[32] = 表4[64]（合计栏）",
        ("T4",),
        "identity",
        pairs=(((_t4("amount", "income_grand_total"),), (_t4("total", "expenditure_grand_total"),)),),
    ),
    Equation(
        "JS115",
        "error",
        "表4 本年支出合计等于各类支出之和（每栏）",
        "表4[59] = Σ 表4[第33—58行]，合计及三项资金各栏",
        ("T4",),
        "identity",
        pairs=tuple(((_t4(c, "expenditure_total"),), (_classes("T4", c, T4_SPECIAL_EXPENDITURE),)) for c in T4_COLUMNS),
    ),
    Equation(
        "JS116",
        "error",
        "表4 每项资金：年初结转和结余加本年收入等于本年支出加年末结转和结余",
        "表4[年初·资金] + 表4[收入·资金] = 表4[59·资金] + 表4[60·资金]",
        ("T4",),
        "identity",
        pairs=tuple(
            ((_t4("amount", opening), _t4("amount", income)), (_t4(column, "expenditure_total"), _t4(column, "closing_balance")))
            for column, income, opening in FUNDS
        ),
    ),
    Equation(
        "JS117",
        "error",
        "表4 支出总计等于本年支出合计加年末结转和结余（每栏）",
        "表4[64] = 表4[59] + 表4[60]，各栏",
        ("T4",),
        "identity",
        pairs=tuple(((_t4(c, "expenditure_grand_total"),), (_t4(c, "expenditure_total"), _t4(c, "closing_balance"))) for c in T4_COLUMNS),
    ),
    Equation(
        "JS121",
        "error",
        "表6 人员经费合计等于工资福利支出与对个人和家庭的补助之和",
        "表6[人员经费合计] = 表6[301] + 表6[303]",
        ("T6",),
        "identity",
        pairs=(((R("T6", "amount", "personnel_total"),), (Ref("T6", "amount", side="personnel", level=3),)),),
    ),
    Equation(
        "JS122",
        "error",
        "表6 公用经费合计等于公用经费各类之和",
        "表6[公用经费合计] = 表6[302] + 表6[307] + 表6[310] + 表6[399]",
        ("T6",),
        "identity",
        pairs=(((R("T6", "amount", "public_total"),), (Ref("T6", "amount", side="public", level=3),)),),
    ),
    Equation(
        "JS131",
        "error",
        "表9 “三公”经费合计等于三项之和",
        "表9[合计] = 表9[因公出国（境）费] + 表9[公务用车购置及运行维护费] + 表9[公务接待费]，预算数与决算数",
        ("T9",),
        "identity",
        pairs=tuple(
            ((R("T9", f"{p}_total"),), (R("T9", f"{p}_abroad"), R("T9", f"{p}_vehicle"), R("T9", f"{p}_reception"))) for p, _ in SANGONG
        ),
    ),
    Equation(
        "JS132",
        "error",
        "表9 公务用车购置及运行维护费等于购置费与运行维护费之和",
        "表9[公务用车小计] = 表9[公务用车购置费] + 表9[公务用车运行维护费]，预算数与决算数",
        ("T9",),
        "identity",
        pairs=tuple(
            ((R("T9", f"{p}_vehicle"),), (R("T9", f"{p}_vehicle_purchase"), R("T9", f"{p}_vehicle_operation"))) for p, _ in SANGONG
        ),
    ),
)

ROW_SUMS: tuple[Rule, ...] = (
    RowSum(
        "JS202",
        "error",
        "表2 每行本年收入合计等于各项收入之和",
        "表2[c1] = Σ 表2[c2..c7]",
        ("T2",),
        "row-sum",
        table="T2",
        parts=tuple((1, c) for c in ("fiscal", "superior", "business", "operating", "affiliated", "other")),
    ),
    RowSum(
        "JS203",
        "error",
        "表3 每行本年支出合计等于各项支出之和",
        "表3[c1] = Σ 表3[c2..c6]",
        ("T3",),
        "row-sum",
        table="T3",
        parts=tuple((1, c) for c in ("basic", "project", "remit", "operating", "subsidy")),
    ),
    RowSum(
        "JS204",
        "error",
        "表4 每行支出合计等于三项资金之和",
        "表4[合计] = 表4[一般公共预算] + 表4[政府性基金] + 表4[国有资本经营]",
        ("T4",),
        "row-sum",
        table="T4",
        side="expenditure",
        parts=((1, "general"), (1, "fund"), (1, "capital")),
    ),
    RowSum(
        "JS205",
        "error",
        "表5 每行支出合计等于基本支出与项目支出之和",
        "表5[合计] = 表5[基本支出] + 表5[项目支出]",
        ("T5",),
        "row-sum",
        table="T5",
        parts=((1, "basic"), (1, "project")),
    ),
    RowSum(
        "JS207",
        "error",
        "表7 每行本年支出等于基本支出与项目支出之和",
        "表7[c3] = 表7[c4] + 表7[c5]",
        ("T7",),
        "row-sum",
        table="T7",
        parts=((1, "basic"), (1, "project")),
    ),
    RowSum(
        "JS208",
        "error",
        "表7 每行年末结转和结余等于年初加本年收入减本年支出",
        "表7[c6] = 表7[c1] + 表7[c2] − 表7[c3]",
        ("T7",),
        "row-sum",
        table="T7",
        total="closing",
        parts=((1, "opening"), (1, "income"), (-1, "total")),
    ),
    RowSum(
        "JS209",
        "error",
        "表8 每行本年支出等于基本支出与项目支出之和",
        "表8[小计] = 表8[基本支出] + 表8[项目支出]",
        ("T8",),
        "row-sum",
        table="T8",
        parts=((1, "basic"), (1, "project")),
    ),
)

HIERARCHIES: tuple[Rule, ...] = tuple(
    Hierarchy(
        f"JS30{kind[1]}",
        "error",
        f"表{kind[1]} 科目层级汇总：合计 = Σ类，类 = Σ款，款 = Σ项",
        f"表{kind[1]}[合计] = Σ[类]；[类] = Σ[款]；[款] = Σ[项]，每栏",
        (kind,),
        "hierarchy",
        table=kind,
    )
    for kind in ("T2", "T3", "T5", "T7", "T8")
) + (
    Hierarchy(
        "JS306",
        "error",
        "表6 经济分类层级汇总：类 = Σ款",
        "表6[类] = Σ 表6[款]",
        ("T6",),
        "hierarchy",
        table="T6",
        levels=(3, 5),
        with_total=False,
    ),
)

CROSS: tuple[Rule, ...] = (
    Equation(
        "JS401",
        "error",
        "表2 本年收入合计等于表1 本年收入合计",
        "表2[合计 c1] = 表1[27]",
        ("T2", "T1"),
        "cross",
        pairs=(((R("T2", "total", "total"),), (_t1("income_total"),)),),
    ),
    Equation(
        "JS402",
        "error",
        "表2 财政拨款收入等于表1 三项财政拨款收入之和",
        "表2[合计 c2] = 表1[1] + 表1[2] + 表1[3]",
        ("T2", "T1"),
        "cross",
        pairs=(((R("T2", "fiscal", "total"),), (_t1("general_fiscal", "fund_fiscal", "capital_fiscal", "fiscal"),)),),
    ),
    Equation(
        "JS403",
        "error",
        "表2 其余各项收入等于表1 对应收入",
        "表2[合计 c3..c7] = 表1[4..8]",
        ("T2", "T1"),
        "cross",
        pairs=tuple(((R("T2", c, "total"),), (_t1(c),)) for c in ("superior", "business", "operating", "affiliated", "other")),
    ),
    Equation(
        "JS404",
        "error",
        "表3 本年支出合计等于表1 本年支出合计",
        "表3[合计 c1] = 表1[57]",
        ("T3", "T1"),
        "cross",
        pairs=(((R("T3", "total", "total"),), (_t1("expenditure_total"),)),),
    ),
    SubjectMatch(
        "JS405",
        "error",
        "表3 各类支出等于表1 对应类支出",
        "表3[类 c1] = 表1[该类行]",
        ("T3", "T1"),
        "cross",
        left=Ref("T3", "total"),
        right=Ref("T1", "amount", side="expenditure"),
    ),
    Equation(
        "JS406",
        "error",
        "表4 三项财政拨款收入等于表1 对应收入",
        "表4[1..3] = 表1[1..3]",
        ("T4", "T1"),
        "cross",
        pairs=tuple(((_t4("amount", role),), (_t1(role),)) for role in ("general_fiscal", "fund_fiscal", "capital_fiscal")),
    ),
    SubjectMatch(
        "JS407",
        "error",
        "表4 一般公共预算财政拨款各类支出等于表5 对应类合计",
        "表4[类·一般公共预算] = 表5[类 合计]",
        ("T4", "T5"),
        "cross",
        left=Ref("T4", "general", side="expenditure"),
        right=Ref("T5", "total"),
    ),
    SubjectMatch(
        "JS408",
        "error",
        "表4 政府性基金预算财政拨款各类支出等于表7 对应类本年支出",
        "表4[类·政府性基金] = 表7[类 本年支出]",
        ("T4", "T7"),
        "cross",
        left=Ref("T4", "fund", side="expenditure"),
        right=Ref("T7", "total"),
    ),
    Equation(
        "JS409",
        "error",
        "表7 合计的年初、本年收入、本年支出、年末等于表4 政府性基金对应数",
        "表7[合计 c1,c2,c3,c6] = 表4[30], 表4[2], 表4[59·基金], 表4[60·基金]",
        ("T7", "T4"),
        "cross",
        pairs=(
            ((R("T7", "opening", "total"),), (_t4("amount", "opening_fund"),)),
            ((R("T7", "income", "total"),), (_t4("amount", "fund_fiscal"),)),
            ((R("T7", "total", "total"),), (_t4("fund", "expenditure_total"),)),
            ((R("T7", "closing", "total"),), (_t4("fund", "closing_balance"),)),
        ),
    ),
    SubjectMatch(
        "JS410",
        "error",
        "表4 国有资本经营预算财政拨款各类支出等于表8 对应类",
        "表4[类·国有资本经营] = 表8[类 小计]",
        ("T4", "T8"),
        "cross",
        left=Ref("T4", "capital", side="expenditure"),
        right=Ref("T8", "total"),
    ),
    Equation(
        "JS411",
        "error",
        "表5 基本支出合计等于表6 人员经费合计与公用经费合计之和",
        "表5[合计 基本支出] = 表6[人员经费合计] + 表6[公用经费合计]",
        ("T5", "T6"),
        "cross",
        pairs=(((R("T5", "basic", "total"),), (R("T6", "amount", "personnel_total"), R("T6", "amount", "public_total"))),),
    ),
    Equation(
        "JS412",
        "error",
        "表5 合计等于表4 一般公共预算财政拨款本年支出合计",
        "表5[合计 c1] = 表4[59·一般公共预算]",
        ("T5", "T4"),
        "cross",
        pairs=(((R("T5", "total", "total"),), (_t4("general", "expenditure_total"),)),),
    ),
    Equation(
        "JS413",
        "error",
        "表8 合计等于表4 国有资本经营预算财政拨款本年支出合计",
        "表8[合计 小计] = 表4[59·国有资本经营]",
        ("T8", "T4"),
        "cross",
        pairs=(((R("T8", "total", "total"),), (_t4("capital", "expenditure_total"),)),),
    ),
)

SOFT: tuple[Rule, ...] = (
    SubjectMatch(
        "JS501",
        "warning",
        "表5 各科目支出不超过表3 同一科目支出",
        "表5[科目 合计] ≤ 表3[科目 合计]",
        ("T5", "T3"),
        "soft",
        left=Ref("T5", "total"),
        right=Ref("T3", "total"),
        op="<=",
        level=0,
    ),
    SubjectMatch(
        "JS502",
        "warning",
        "表5 各科目基本支出不超过表3 同一科目基本支出",
        "表5[科目 基本支出] ≤ 表3[科目 基本支出]",
        ("T5", "T3"),
        "soft",
        left=Ref("T5", "basic"),
        right=Ref("T3", "basic"),
        op="<=",
        level=0,
    ),
    Equation(
        "JS503",
        "warning",
        "表6 “三公”相关经济科目不超过表9 决算数",
        "表6[30212, 30231, 30217, 31013] ≤ 表9[决算数 对应栏]",
        ("T6", "T9"),
        "soft",
        op="<=",
        pairs=(
            ((C("T6", "amount", "30212"),), (R("T9", "final_abroad"),)),
            ((C("T6", "amount", "30231"),), (R("T9", "final_vehicle_operation"),)),
            ((C("T6", "amount", "30217"),), (R("T9", "final_reception"),)),
            ((C("T6", "amount", "31013"),), (R("T9", "final_vehicle_purchase"),)),
        ),
    ),
    Equation(
        "JS504",
        "warning",
        "表6 养老保险、职业年金缴费与表5 对应功能科目基本支出一致",
        "表6[30108] ≈ 表5[2080505 基本支出]；表6[30109] ≈ 表5[2080506 基本支出]",
        ("T6", "T5"),
        "soft",
        pairs=(
            ((C("T6", "amount", "30108"),), (C("T5", "basic", "2080505"),)),
            ((C("T6", "amount", "30109"),), (C("T5", "basic", "2080506"),)),
        ),
    ),
)

TABLE_RULES: tuple[Rule, ...] = IDENTITIES + ROW_SUMS + HIERARCHIES + CROSS + SOFT
