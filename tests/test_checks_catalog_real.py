"""The subject catalogs (2017–2026) against every real report in the tests: budget and final accounts.

Every catalog finding on the real reports is listed here, each adjudicated against the printed page;
anything else (in particular a "目录未收录" for an ordinary code such as 2010601 行政运行) fails the test.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.catalog import editions, load_catalog
from juesuan.pipeline import read_and_check

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
REPORTS = sorted((HERE / "fixtures" / "real").rglob("*.pdf")) + sorted((ROOT / "examples").glob("*.txt"))
CATALOG_RULES = {"JS605", "JS606", "JS607", "JS608", "JS620", "JS621"}

WELFARE = "shanghai-putuo-welfare-home-2024-budget-unit.pdf"
ECONOMIC = "2024年预算单位一般公共预算基本支出部门预算经济分类预算表"
# Adjudicated on the rendered pages: what each report really prints wrong (file → [(rule, message)]).
EXPECTED: dict[str, list[tuple[str, str]]] = {
    # p14 numbers the 款 of 302 01–13 one after another (咨询费 as 30202, 水费 as 30203 …), names 303
    # 离退休人员经费 and 30301 退休费, and 30108 机关事业单位基本养老保险费; p9/p11 print the 类 of 事业单位医疗
    # as 7 (7|11|02); p7/p10 keep the pre-2019 类 name 医疗卫生与计划生育支出 where the coded tables say 卫生健康支出
    WELFARE: [
        ("JS607", f"{ECONOMIC} 30108 名称印为“机关事业单位基本养老保险费”，2024年科目名称为“机关事业单位基本养老保险缴费”"),
        ("JS607", f"{ECONOMIC} 30202 名称印为“咨询费”，2024年科目名称为“印刷费”"),
        ("JS607", f"{ECONOMIC} 30203 名称印为“水费”，2024年科目名称为“咨询费”"),
        ("JS607", f"{ECONOMIC} 30204 名称印为“电费”，2024年科目名称为“手续费”"),
        ("JS607", f"{ECONOMIC} 30205 名称印为“邮电费”，2024年科目名称为“水费”"),
        ("JS607", f"{ECONOMIC} 30206 名称印为“办公设备购置费”，2024年科目名称为“电费”"),
        ("JS607", f"{ECONOMIC} 30207 名称印为“工会经费”，2024年科目名称为“邮电费”"),
        ("JS607", f"{ECONOMIC} 30208 名称印为“福利费”，2024年科目名称为“取暖费”"),
        ("JS607", f"{ECONOMIC} 30211 名称印为“事业单位离退休人员福利费”，2024年科目名称为“差旅费”"),
        ("JS607", f"{ECONOMIC} 30212 名称印为“机关事业单位退休人员活动费”，2024年科目名称为“因公出国（境）费用”"),
        ("JS607", f"{ECONOMIC} 30213 名称印为“其他商品和服务支出”，2024年科目名称为“维修（护）费”"),
        ("JS607", f"{ECONOMIC} 303 名称印为“离退休人员经费”，2024年科目名称为“对个人和家庭的补助”"),
        ("JS607", f"{ECONOMIC} 30301 名称印为“退休费”，2024年科目名称为“离休费”"),
        ("JS605", "2024年预算单位支出预算总表 71102 事业单位医疗：71102 的类级编码 711 不是2024年支出功能分类的类"),
        ("JS605", "2024年预算单位一般公共预算支出功能分类预算表 71102 事业单位医疗：71102 的类级编码 711 不是2024年支出功能分类的类"),
        ("JS606", f"{ECONOMIC} 30210 车辆运行费：juesuan 的2024年部门预算支出经济分类目录未收录 30210，无法核对名称"),
        (
            "JS620",
            "2024年预算单位财务收支预算总表 三、医疗卫生与计划生育支出：“医疗卫生与计划生育支出”是2017—2018年科目的类名称，2024年该类（210）名为“卫生健康支出”",
        ),
        (
            "JS620",
            "2024年预算单位财政拨款收支预算总表 三、医疗卫生与计划生育支出：“医疗卫生与计划生育支出”是2017—2018年科目的类名称，2024年该类（210）名为“卫生健康支出”",
        ),
    ],
    # p29 prints the 款 of 30102 and 30107 as 301 2 and 301 7
    "shanghai-putuo-wanli-subdistrict-2024-budget.pdf": [
        (
            "JS605",
            "2024年部门一般公共预算基本支出部门预算经济分类预算表 3012 津贴补贴：3012 不是2024年部门预算支出经济分类的科目编码（应为 3 或 5 位）",
        ),
        (
            "JS605",
            "2024年部门一般公共预算基本支出部门预算经济分类预算表 3017 绩效工资：3017 不是2024年部门预算支出经济分类的科目编码（应为 3 或 5 位）",
        ),
    ],
    # the 收支预算总表 template rows (no figures) keep three pre-2019 类 names; 人大 2019 prints the new ones
    "jiangsu-cppcc-office-2019-budget-tables.pdf": [
        (
            "JS621",
            "公开01表 七、文化体育与传媒支出：“文化体育与传媒支出”是2017—2018年科目的类名称，2019年该类（207）名为“文化旅游体育与传媒支出”",
        ),
        (
            "JS621",
            "公开01表 九、医疗卫生与计划生育支出：“医疗卫生与计划生育支出”是2017—2018年科目的类名称，2019年该类（210）名为“卫生健康支出”",
        ),
        (
            "JS621",
            "公开01表 十七、国土海洋气象等支出：“国土海洋气象等支出”是2017—2018年科目的类名称，2019年该类（220）名为“自然资源海洋气象等支出”",
        ),
    ],
}


def test_every_year_of_the_corpus_has_an_edition():
    assert editions() == tuple(range(2017, 2027))
    assert all(load_catalog(year).edition == year == load_catalog(year).economic_edition for year in editions())


@pytest.mark.parametrize("path", REPORTS, ids=lambda p: p.name)
def test_catalog_findings_are_the_adjudicated_ones(path):
    checked = read_and_check(path)
    got = [(f.rule, f.message) for f in checked.findings if f.rule in CATALOG_RULES]
    assert sorted(got) == sorted(EXPECTED.get(path.name, [])), got
