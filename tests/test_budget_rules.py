"""The budget identities (checks/budget_rules.py) on real 预算 reports: every detectable change
to a table cell is caught, one altered cell gives the exact finding, the rules refer to the
tables only through the roles the yusuan profiles declare, and never run on a 决算."""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest

from juesuan.checks import RULES, check
from juesuan.checks.budget_rules import BUDGET_RULES
from juesuan.checks.mutation import missed, mutate, targets, with_amount
from juesuan.checks.rules import Equation, Hierarchy, RowSum, SubjectMatch
from juesuan.model.refs import Ref
from juesuan.profiles import builtin
from juesuan.read import read_path

YUSUAN = Path(__file__).resolve().parent / "fixtures" / "real" / "yusuan"
JIANGSU = YUSUAN / "jiangsu-npc-office-2018-budget.pdf"
SHANGHAI = YUSUAN / "shanghai-putuo-commerce-commission-2025-budget.pdf"


@pytest.fixture(scope="module")
def jiangsu():
    return read_path(JIANGSU)


@pytest.fixture(scope="module")
def shanghai():
    return read_path(SHANGHAI)


def _cell(report, kind, row_name, column_role, side=""):
    """The mutation target of one printed cell, found by row name and column role."""
    table = report.table(kind)
    keys = {c.key for c in table.columns if c.role == column_role and (not side or c.side == side)}
    found = [t for t in targets(report) if t.table == kind and t.column in keys and t.name == row_name]
    assert len(found) == 1, found
    return found[0]


def _errors(report, codes=None):
    return [(f.rule, f.message) for f in check(report) if f.severity == "error" and (codes is None or f.rule in codes)]


@pytest.mark.parametrize("path", [JIANGSU, SHANGHAI], ids=["jiangsu", "shanghai"])
def test_every_detectable_change_is_caught(path):
    outcomes = mutate(read_path(path), RULES)
    assert outcomes and missed(outcomes) == []
    # the budget identities cover the summary, 财政拨款, 一般公共预算 and 三公 tables' cells
    covered = {o.target.table for o in outcomes if o.covered}
    assert {"B1", "B3", "B4", "B7", "B8", "B9"} <= covered


def test_the_unaltered_reports_hold(jiangsu, shanghai):
    # the NPC office's only errors are in its narrative (test_checks_budget_real)
    assert {code for code, _ in _errors(jiangsu)} == {"JS703", "JS822"} and _errors(shanghai) == []


def test_jiangsu_summary_table_sides(jiangsu):
    target = _cell(jiangsu, "B1", "收入合计", "amount")
    assert target.amount == Decimal("15897.44")
    errors = _errors(with_amount(jiangsu, target, Decimal("15897.62")))
    narrative = [e for e in errors if e[0].startswith(("JS7", "JS8"))]
    errors = [e for e in errors if not e[0].startswith(("JS7", "JS8"))]
    assert errors == [
        ("JS141", "公开01表 收入合计 15897.62，与公开01表 支出合计 15897.44 相差 0.18（尾数容差 ±0.010）"),
        ("JS142", "公开01表 收入合计 15897.62，与公开01表 当年收入小计 15897.44 相差 0.18（尾数容差 ±0.010）"),
        ("JS144", "公开01表 收入合计 15897.62，与公开01表 一、财政拨款 15897.44 相差 0.18（尾数容差 ±0.010）"),
        ("JS441", "公开02表 收入总计 15897.44，与公开01表 收入合计 15897.62 相差 0.18（尾数容差 ±0.010）"),
    ]
    # the narrative restates the 收入合计 (收入预算总计 15897.44万元)
    assert [e for e in narrative if e[0] == "JS701"] == [
        ("JS701", "情况说明称收入预算总计 15897.44万元，公开01表 收入合计 为 15897.62，相差 0.18")
    ]


def test_jiangsu_functional_side_equals_purpose_side(jiangsu):
    target = _cell(jiangsu, "B1", "八、社会保障和就业支出", "amount", side="functional")
    assert target.amount == Decimal("1068.78")
    errors = _errors(with_amount(jiangsu, target, Decimal("1086.78")), {"JS146"})
    assert errors == [
        (
            "JS146",
            "公开01表 一、一般公共服务支出、八、社会保障和就业支出、十八、住房保障支出 15915.44，"
            "与公开01表 当年支出小计 15897.44 相差 18.00（尾数容差 ±0.020）",
        )
    ]
    # the 支出用途 side: a changed 项目支出 breaks the other half of the identity
    target = _cell(jiangsu, "B1", "二、项目支出", "amount", side="purpose")
    codes = sorted(code for code, _ in _errors(with_amount(jiangsu, target, Decimal("6334.96")), {"JS146", "JS443"}))
    assert codes == ["JS146", "JS443"]


def test_jiangsu_sangong_row_sums(jiangsu):
    target = _cell(jiangsu, "B9", "", "reception")
    assert target.amount == Decimal("427.50")
    errors = _errors(with_amount(jiangsu, target, Decimal("472.50")))
    assert errors[0] == (
        "JS250",
        "公开09表：「“三公”经费/小计」栏 833.60，与「“三公”经费/因公出国（境）费」栏 + 「“三公”经费/公务用车购置及运行维护费/小计」栏 "
        "+ 「“三公”经费/公务接待费」栏之和 878.60 相差 45.00（尾数容差 ±0.020）",
    )
    target = _cell(jiangsu, "B9", "", "training")
    assert [code for code, _ in _errors(with_amount(jiangsu, target, Decimal("403.57")))][:1] == ["JS249"]


def test_jiangsu_economic_hierarchy_and_cross_table(jiangsu):
    target = _cell(jiangsu, "B8", "办公费", "total")
    errors = [e for e in _errors(with_amount(jiangsu, target, Decimal("371.00"))) if not e[0].startswith(("JS7", "JS8"))]
    assert sorted(code for code, _ in errors) == ["JS348", "JS455"]  # 302 = Σ 款 broken; B8 30201 above B6 30201
    assert any(message.startswith("公开08表 302 商品和服务支出") and "相差 1.00" in message for _, message in errors)


def test_shanghai_row_sums_and_cross_tables(shanghai):
    table = shanghai.table("B8")
    total = next(r for r in table.rows if r.role == "total")
    target = next(t for t in targets(shanghai) if t.table == "B8" and t.row == total.key and t.column.endswith("公用经费"))
    errors = _errors(with_amount(shanghai, target, target.amount + 100))
    codes = sorted(code for code, _ in errors)
    assert codes == ["JS248", "JS348"]


def test_shanghai_units_meet_across_tables(shanghai):
    # 机关运行经费 printed in 万元 in the 三公 table, the 基本支出 table in 元: compared in 元
    target = _cell(shanghai, "B9", "", "running")
    assert target.amount == Decimal("171.01")
    b8 = next(r for r in shanghai.table("B8").rows if r.role == "total")
    base = next(c.amount for c in b8.cells if c.column.endswith("合计"))
    over = (base / 10000 + 1).quantize(Decimal("0.01"))
    findings = [f for f in check(with_amount(shanghai, target, over)) if f.rule == "JS543"]
    assert len(findings) == 1 and findings[0].severity == "warning"
    assert findings[0].message.endswith("（各表金额已换算为元比较）")
    assert findings[0].tolerance == Decimal("50.005")  # ±0.005万元 = ±50元, plus ±0.005元
    # within the 万元 rounding of the printed figure: no finding
    near = (base / 10000).quantize(Decimal("0.01"))
    assert not [f for f in check(with_amount(shanghai, target, near)) if f.rule == "JS543"]


def test_a_column_the_template_does_not_print_is_not_zero(jiangsu):
    # 江苏 公开04表 prints one 支出 column: the row sum by fund is not checked, not failed
    table = jiangsu.table("B4")
    assert not [c for c in table.columns if c.role in ("general", "fund", "capital")]
    assert not [f for f in check(jiangsu) if f.rule == "JS244"]


def test_a_misprinted_code_is_reported_and_kept_out_of_the_sums(shanghai):
    table = shanghai.table("B8")
    i = next(i for i, r in enumerate(table.rows) if r.code == "30102")
    rows = table.rows[:i] + (replace(table.rows[i], code="3012", key="3012"),) + table.rows[i + 1 :]
    tables = tuple(replace(t, rows=rows) if t is table else t for t in shanghai.tables)
    errors = _errors(replace(shanghai, tables=tables))
    assert [code for code, _ in errors] == ["JS340"]
    assert "科目编码“3012”（津贴补贴）印制有误：不是3、5位" in errors[0][1]


def _declared_roles():
    columns: dict[str, set[str]] = {}
    rows: dict[str, set[str]] = {}
    registry = builtin()
    for profile in registry.all("yusuan"):
        for kind, spec in profile.tables.items():
            columns.setdefault(kind, set()).update(term.role for term in spec.columns)
            rows.setdefault(kind, set()).update(role for names in spec.rows.values() for role in names.values())
    return columns, rows


def _refs(rule):
    if isinstance(rule, Equation):
        return [ref for left, right in rule.pairs for ref in left + right]
    if isinstance(rule, SubjectMatch):
        return [rule.left, rule.right]
    if isinstance(rule, RowSum):
        return [Ref(rule.table, column) for column in (rule.total, *(c for _, c in rule.parts))]
    return []


def test_rules_name_only_declared_roles():
    columns, rows = _declared_roles()
    for rule in BUDGET_RULES:
        for ref in _refs(rule):
            assert ref.column in columns[ref.table], (rule.code, ref)
            for role in ref.roles + ref.exclude_roles:
                assert role in rows[ref.table] | {"total", "of_which"}, (rule.code, role)
        if isinstance(rule, Hierarchy):
            assert rule.table in columns


def test_budget_rules_apply_to_budgets_only():
    assert all(rule.families == ("yusuan",) for rule in BUDGET_RULES)
    codes = [rule.code for rule in BUDGET_RULES]
    assert len(codes) == len(set(codes))
    assert not {rule.code for rule in RULES if rule.families != ("yusuan",)} & set(codes)


def test_a_budget_no_longer_says_it_has_no_rules(shanghai):
    assert not [f for f in check(shanghai) if f.rule == "JS613"]
