"""The 勾稽关系 of a 部门预算 (budget disclosure, tables B1…B13), as declarations.

The same rule kinds as the 决算's (``table_rules``), over the roles ``yusuan.toml`` declares
(docs/profiles.md): the 江苏 three-sided 收支预算总表 and the 上海 two-sided one, the 收入/支出
总表, the 财政拨款 tables, the 一般公共预算 and 政府性基金 tables, the 三公 table and the
机关运行经费 table. A relation over a table a template does not print, a column it does not
print or a value the reader could not attach to a row is not checked (fail closed).

Codes: JS14x identities inside B1/B4, JS24x row sums, JS34x subject hierarchies, JS44x
identities across tables, JS54x soft relations (warnings).
"""

from __future__ import annotations

from ..model.refs import C, R, Ref
from .rules import Equation, Hierarchy, RowSum, Rule, SubjectMatch

YUSUAN = ("yusuan",)
APPLIES = "部门预算（江苏2017—2019、上海2023—2026）"

# B1 rows that are not items of their side
B1_INCOME_TOTALS = ("income_total", "carryover", "income_grand_total", "general", "fund", "capital", "of_which")
B1_EXPENDITURE_TOTALS = ("expenditure_total", "carryforward", "expenditure_grand_total", "of_which")
B4_EXPENDITURE_TOTALS = ("expenditure_grand_total", "of_which")


def _b1(*roles: str, optional: bool = False) -> Ref:
    return R("B1", "amount", *roles, optional=optional)


def _items(table: str, column: str, side: str, special: tuple[str, ...]) -> Ref:
    """The item rows of a side: every named row that is not one of its totals."""
    return Ref(table, column, side=side, exclude_roles=special, others=True)


def _eq(
    code: str, title: str, relation: str, tables: tuple[str, ...], family: str, *pairs, severity: str = "error", op: str = "="
) -> Equation:
    return Equation(
        code,
        severity,
        title,
        relation,
        tables,
        family,
        APPLIES,
        YUSUAN,
        pairs=tuple(pairs),
        op=op,
        printed_columns=True,
        named_rows=True,
    )


IDENTITIES: tuple[Rule, ...] = (
    _eq(
        "JS141",
        "收支预算总表 收入合计等于支出合计",
        "B1[收入合计/收入总计] = B1[支出合计/支出总计]",
        ("B1",),
        "identity",
        ((_b1("income_grand_total"),), (_b1("expenditure_grand_total"),)),
    ),
    _eq(
        "JS142",
        "收支预算总表 收入合计等于当年收入小计加上年结转资金",
        "B1[收入合计] = B1[当年收入小计] + B1[上年结转资金]",
        ("B1",),
        "identity",
        ((_b1("income_grand_total"),), (_b1("income_total"), _b1("carryover", optional=True))),
    ),
    _eq(
        "JS143",
        "收支预算总表 支出合计等于当年支出小计加结转下年资金",
        "B1[支出合计] = B1[当年支出小计] + B1[结转下年资金]",
        ("B1",),
        "identity",
        ((_b1("expenditure_grand_total"),), (_b1("expenditure_total"), _b1("carryforward", optional=True))),
    ),
    _eq(
        "JS144",
        "收支预算总表 收入合计等于各项收入之和",
        "B1[收入合计/收入总计] = Σ B1[财政拨款、财政专户管理资金、其他资金 / 事业收入、经营收入、其他收入] + B1[上年结转资金]",
        ("B1",),
        "identity",
        (
            (_b1("income_grand_total"),),
            (_items("B1", "amount", "income", B1_INCOME_TOTALS), _b1("carryover", optional=True)),
        ),
    ),
    _eq(
        "JS145",
        "收支预算总表 财政拨款等于一般公共预算、政府性基金与国有资本经营预算之和",
        "B1[财政拨款] = B1[一般公共预算] + B1[政府性基金] + B1[国有资本经营预算]",
        ("B1",),
        "identity",
        ((_b1("fiscal"),), (_b1("general"), _b1("fund", "capital", optional=True))),
    ),
    _eq(
        "JS146",
        "收支预算总表 按功能分类的支出之和等于按支出用途的支出之和",
        "Σ B1[功能分类 各类] = B1[当年支出小计] = Σ B1[支出用途 基本支出、项目支出、单位预留机动经费]",
        ("B1",),
        "identity",
        ((_items("B1", "amount", "functional", B1_EXPENDITURE_TOTALS),), (_b1("expenditure_total"),)),
        ((_b1("expenditure_total"),), (_items("B1", "amount", "purpose", B1_EXPENDITURE_TOTALS),)),
    ),
    _eq(
        "JS147",
        "收支预算总表 支出总计等于各类支出之和",
        "B1[支出总计] = Σ B1[支出 各类]",
        ("B1",),
        "identity",
        (
            (R("B1", "amount", "expenditure_grand_total", side="expenditure"),),
            (_items("B1", "amount", "expenditure", B1_EXPENDITURE_TOTALS),),
        ),
    ),
    _eq(
        "JS151",
        "财政拨款收支预算总表 收入合计等于支出合计",
        "B4[收入合计/收入总计] = B4[支出合计/支出总计]",
        ("B4",),
        "identity",
        ((R("B4", "amount", "income_grand_total"),), (R("B4", "total", "expenditure_grand_total"),)),
    ),
    _eq(
        "JS152",
        "财政拨款收支预算总表 收入合计等于各项财政拨款之和",
        "B4[收入合计] = B4[一般公共预算] + B4[政府性基金] + B4[国有资本经营预算]",
        ("B4",),
        "identity",
        ((R("B4", "amount", "income_grand_total"),), (R("B4", "amount", "general"), R("B4", "amount", "fund", "capital", optional=True))),
    ),
    _eq(
        "JS153",
        "财政拨款收支预算总表 支出合计等于各项支出之和（每栏）",
        "B4[支出合计] = Σ B4[支出 各项/各类]，合计及各项资金栏",
        ("B4",),
        "identity",
        *(
            ((R("B4", column, "expenditure_grand_total"),), (_items("B4", column, "expenditure", B4_EXPENDITURE_TOTALS),))
            for column in ("total", "general", "fund", "capital")
        ),
    ),
)


def _rowsum(code: str, title: str, relation: str, table: str, total: str, parts: tuple[str, ...], side: str = "") -> RowSum:
    return RowSum(
        code,
        "error",
        title,
        relation,
        (table,),
        "row-sum",
        APPLIES,
        YUSUAN,
        table=table,
        total=total,
        parts=tuple((1, part) for part in parts),
        side=side,
        printed_parts=True,
    )


ROW_SUMS: tuple[Rule, ...] = (
    _rowsum(
        "JS241",
        "收支预算总表 每类支出合计等于人员经费、公用经费与项目支出之和",
        "B1[合计] = B1[人员经费] + B1[公用经费] + B1[项目支出]",
        "B1",
        "amount",
        ("personnel", "public", "project"),
        side="expenditure",
    ),
    _rowsum(
        "JS242",
        "收入预算总表 每行合计等于各项收入之和",
        "B2[合计] = B2[财政拨款收入] + B2[事业收入] + B2[事业单位经营收入] + B2[其他收入]",
        "B2",
        "total",
        ("fiscal", "business", "operating", "other"),
    ),
    _rowsum(
        "JS243",
        "支出预算总表 每行合计等于各项支出之和",
        "B3[合计] = B3[基本支出] + B3[项目支出] + B3[单位预留机动经费] + B3[结转下年资金]",
        "B3",
        "total",
        ("basic", "project", "reserve", "carryforward"),
    ),
    _rowsum(
        "JS244",
        "财政拨款收支预算总表 每行支出合计等于各项资金之和",
        "B4[合计] = B4[一般公共预算] + B4[政府性基金预算] + B4[国有资本经营预算]",
        "B4",
        "total",
        ("general", "fund", "capital"),
        side="expenditure",
    ),
    *(
        _rowsum(
            f"JS24{5 + i}",
            f"{name} 每行合计等于基本支出与项目支出之和",
            f"{kind}[合计] = {kind}[基本支出] + {kind}[项目支出]",
            kind,
            "total",
            ("basic", "project"),
        )
        for i, (kind, name) in enumerate(
            (("B7", "一般公共预算支出预算表"), ("B10", "政府性基金预算支出预算表"), ("B11", "国有资本经营预算支出预算表"))
        )
    ),
    _rowsum(
        "JS248",
        "一般公共预算基本支出预算表 每行合计等于人员经费与公用经费之和",
        "B8[合计] = B8[人员经费] + B8[公用经费]",
        "B8",
        "total",
        ("personnel", "public"),
    ),
    _rowsum(
        "JS249",
        "“三公”经费预算表 合计等于“三公”经费、会议费与培训费之和",
        "B9[合计] = B9[“三公”经费小计] + B9[会议费] + B9[培训费]",
        "B9",
        "total",
        ("sangong", "meeting", "training"),
    ),
    _rowsum(
        "JS250",
        "“三公”经费预算表 “三公”经费等于三项之和",
        "B9[“三公”经费] = B9[因公出国（境）费] + B9[公务用车购置及运行维护费] + B9[公务接待费]",
        "B9",
        "sangong",
        ("abroad", "vehicle", "reception"),
    ),
    _rowsum(
        "JS251",
        "“三公”经费预算表 公务用车购置及运行维护费等于购置费与运行维护费之和",
        "B9[公务用车小计] = B9[公务用车购置费] + B9[公务用车运行维护费]",
        "B9",
        "vehicle",
        ("vehicle_purchase", "vehicle_operation"),
    ),
)

FUNCTIONAL = (
    ("B2", "收入预算总表"),
    ("B3", "支出预算总表"),
    ("B5", "财政拨款支出预算表"),
    ("B7", "一般公共预算支出预算表"),
    ("B10", "政府性基金预算支出预算表"),
    ("B11", "国有资本经营预算支出预算表"),
)
ECONOMIC = (("B6", "财政拨款基本支出预算表"), ("B8", "一般公共预算基本支出预算表"), ("B12", "机关运行经费支出预算表"))

HIERARCHIES: tuple[Rule, ...] = tuple(
    Hierarchy(
        f"JS34{i + 1}",
        "error",
        f"{name} 科目层级汇总：合计 = Σ类，类 = Σ款，款 = Σ项",
        f"{kind}[合计] = Σ[类]；[类] = Σ[款]；[款] = Σ[项]，每栏",
        (kind,),
        "hierarchy",
        APPLIES,
        YUSUAN,
        table=kind,
        skip_misprinted=True,
    )
    for i, (kind, name) in enumerate(FUNCTIONAL)
) + tuple(
    Hierarchy(
        f"JS34{7 + i}",
        "error",
        f"{name} 经济分类层级汇总：合计 = Σ类，类 = Σ款",
        f"{kind}[合计] = Σ[类]；[类] = Σ[款]，每栏",
        (kind,),
        "hierarchy",
        APPLIES,
        YUSUAN,
        table=kind,
        levels=(3, 5),
        skip_misprinted=True,
    )
    for i, (kind, name) in enumerate(ECONOMIC)
)


# A misprinted code (301 2 for 30102, 7 11 02 for 210 11 02) is reported by the catalog rule
# JS605; the hierarchies here skip such rows (skip_misprinted) rather than fail on them.


def _total(kind: str, column: str = "total") -> Ref:
    return R(kind, column, "total")


def _subjects(
    code: str, title: str, relation: str, left: Ref, right: Ref, severity: str = "error", op: str = "=", level: int = 3
) -> SubjectMatch:
    return SubjectMatch(
        code,
        severity,
        title,
        relation,
        (left.table, right.table),
        "cross" if severity == "error" else "soft",
        APPLIES,
        YUSUAN,
        left=left,
        right=right,
        op=op,
        level=level,
        coded=True,
    )


CROSS: tuple[Rule, ...] = (
    _eq(
        "JS441",
        "收入预算总表 收入总计等于收支预算总表 收入合计",
        "B2[收入总计/合计] = B1[收入合计/收入总计]",
        ("B2", "B1"),
        "cross",
        ((_total("B2"),), (_b1("income_grand_total"),)),
    ),
    _eq(
        "JS442",
        "支出预算总表 合计等于收支预算总表 支出合计",
        "B3[合计] = B1[支出合计/支出总计]",
        ("B3", "B1"),
        "cross",
        ((_total("B3"),), (_b1("expenditure_grand_total"),)),
    ),
    _eq(
        "JS443",
        "支出预算总表 各项支出等于收支预算总表 支出用途各项",
        "B3[基本支出、项目支出、单位预留机动经费、结转下年资金] = B1[对应行]",
        ("B3", "B1"),
        "cross",
        *(((_total("B3", role),), (_b1(role),)) for role in ("basic", "project", "reserve", "carryforward")),
    ),
    _eq(
        "JS444",
        "财政拨款收支预算总表 各项财政拨款收入等于收支预算总表 对应收入",
        "B4[一般公共预算、政府性基金、国有资本经营预算] = B1[对应行]；B4[收入合计] = B1[财政拨款]",
        ("B4", "B1"),
        "cross",
        *(((R("B4", "amount", role),), (_b1(role),)) for role in ("general", "fund", "capital")),
        ((R("B4", "amount", "income_grand_total"),), (_b1("fiscal"),)),
    ),
    _eq(
        "JS445",
        "财政拨款收支预算总表 各项支出不超过支出预算总表 对应支出",
        "B4[基本支出、项目支出、单位预留机动经费] ≤ B3[对应栏 合计]",
        ("B4", "B3"),
        "cross",
        *(((R("B4", "total", role),), (_total("B3", role),)) for role in ("basic", "project", "reserve")),
        op="<=",
    ),
    _eq(
        "JS446",
        "财政拨款支出预算表 合计等于财政拨款收支预算总表 支出合计",
        "B5[合计] = B4[支出合计]",
        ("B5", "B4"),
        "cross",
        ((_total("B5"),), (R("B4", "total", "expenditure_grand_total"),)),
    ),
    _eq(
        "JS447",
        "财政拨款基本支出预算表 合计等于财政拨款收支预算总表 基本支出",
        "B6[合计] = B4[基本支出]",
        ("B6", "B4"),
        "cross",
        ((_total("B6"),), (R("B4", "total", "basic"),)),
    ),
    _eq(
        "JS448",
        "一般公共预算支出预算表 合计等于财政拨款收支预算总表 一般公共预算",
        "B7[合计] = B4[一般公共预算 收入]；B7[合计] = B4[支出总计 一般公共预算栏]",
        ("B7", "B4"),
        "cross",
        ((_total("B7"),), (R("B4", "amount", "general"),)),
        ((_total("B7"),), (R("B4", "general", "expenditure_grand_total"),)),
    ),
    _eq(
        "JS449",
        "一般公共预算基本支出预算表 合计等于一般公共预算支出预算表 基本支出合计",
        "B8[合计] = B7[合计 基本支出]",
        ("B8", "B7"),
        "cross",
        ((_total("B8"),), (_total("B7", "basic"),)),
    ),
    _eq(
        "JS450",
        "政府性基金预算支出预算表 合计等于财政拨款收支预算总表 政府性基金",
        "B10[合计] = B4[政府性基金 收入]；B10[合计] = B4[支出总计 政府性基金栏]",
        ("B10", "B4"),
        "cross",
        ((_total("B10"),), (R("B4", "amount", "fund"),)),
        ((_total("B10"),), (R("B4", "fund", "expenditure_grand_total"),)),
    ),
    _eq(
        "JS451",
        "国有资本经营预算支出预算表 合计等于财政拨款收支预算总表 国有资本经营预算",
        "B11[合计] = B4[国有资本经营预算 收入]；B11[合计] = B4[支出总计 国有资本经营预算栏]",
        ("B11", "B4"),
        "cross",
        ((_total("B11"),), (R("B4", "amount", "capital"),)),
        ((_total("B11"),), (R("B4", "capital", "expenditure_grand_total"),)),
    ),
    _eq(
        "JS452",
        "一般公共预算支出不超过财政拨款支出",
        "B7[合计] ≤ B5[合计]；B8[合计] ≤ B6[合计]",
        ("B7", "B5", "B8", "B6"),
        "cross",
        ((_total("B7"),), (_total("B5"),)),
        ((_total("B8"),), (_total("B6"),)),
        op="<=",
    ),
    _subjects(
        "JS453",
        "一般公共预算支出预算表 各科目不超过财政拨款支出预算表 同一科目",
        "B7[科目] ≤ B5[科目]",
        Ref("B7", "total"),
        Ref("B5", "total"),
        op="<=",
        level=0,
    ),
    _subjects(
        "JS454",
        "一般公共预算支出预算表 各科目不超过支出预算总表 同一科目",
        "B7[科目 合计] ≤ B3[科目 合计]",
        Ref("B7", "total"),
        Ref("B3", "total"),
        op="<=",
        level=0,
    ),
    _subjects(
        "JS455",
        "一般公共预算基本支出预算表 各科目不超过财政拨款基本支出预算表 同一科目",
        "B8[科目] ≤ B6[科目]",
        Ref("B8", "total"),
        Ref("B6", "total"),
        op="<=",
        level=0,
    ),
    _subjects(
        "JS456",
        "收入预算总表 各科目收入等于支出预算总表 同一科目支出",
        "B2[科目 合计] = B3[科目 合计]",
        Ref("B2", "total"),
        Ref("B3", "total"),
        level=0,
    ),
)

SOFT: tuple[Rule, ...] = (
    _eq(
        "JS542",
        "一般公共预算基本支出中的“三公”、会议费、培训费科目不超过“三公”经费预算表",
        "B8[30231, 30217, 30215, 30216] ≤ B9[对应栏]（单位不同时换算）",
        ("B8", "B9"),
        "soft",
        ((C("B8", "total", "30231"),), (R("B9", "vehicle_operation"),)),
        ((C("B8", "total", "30217"),), (R("B9", "reception"),)),
        ((C("B8", "total", "30215"),), (R("B9", "meeting"),)),
        ((C("B8", "total", "30216"),), (R("B9", "training"),)),
        severity="warning",
        op="<=",
    ),
    _eq(
        "JS543",
        "机关运行经费预算不超过一般公共预算基本支出",
        "B9[机关运行经费] ≤ B8[合计]（单位不同时换算）",
        ("B9", "B8"),
        "soft",
        ((R("B9", "running"),), (_total("B8"),)),
        severity="warning",
        op="<=",
    ),
)

BUDGET_RULES: tuple[Rule, ...] = IDENTITIES + ROW_SUMS + HIERARCHIES + CROSS + SOFT
