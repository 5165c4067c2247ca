"""The claims of both corpus reports, and every narrative check result on them.

The expected claims below were written by reading the 情况说明 and 概况 of each report
(examples/*.txt), statement by statement, not copied from program output. Each line
is a claim in the form of claims_brief.brief: kind, quantity id, then the figures.
"""

from __future__ import annotations

from claims_brief import brief
from conftest import JIANGMEN, LIANJIANG

from juesuan.checks import RULES, check
from juesuan.checks.narrative import NARRATIVE_RULES, evaluate
from juesuan.claims import extract
from juesuan.model import plain
from juesuan.read import read_path


def _zero_flat(q: str) -> list[str]:
    return [f"amount {q} 0万元", f"change {q} 上年决算数 持平"]


def _sangong(total: str, change: str, pct: str) -> list[str]:
    """(一) 总体情况 of 三公: the same seven-clause statement in both reports."""
    return [
        f"amount sangong.total {total}万元",
        f"completion sangong.total {total}/{total} 100%",
        f"change sangong.total 上年决算数 减少{change} 下降{pct}%",
        "amount sangong.abroad 0万元",
        "completion sangong.abroad 0/0 --",
        "change sangong.abroad 上年决算数 增加0 增长--",
    ]


LIANJIANG_CLAIMS: dict[int, list[str]] = {
    2: ["amount income.grand_total 836.2万元", "amount income.total 814.62万元"],
    3: ["amount income.general_fiscal 814.59万元", "change income.general_fiscal 上年决算数 减少26624.24 下降97%"],
    4: ["amount income.fund_fiscal 0万元", "change income.fund_fiscal 上年决算数 减少10 下降100%"],
    5: _zero_flat("income.capital_fiscal"),
    6: _zero_flat("income.superior"),
    7: _zero_flat("income.business"),
    8: _zero_flat("income.operating"),
    9: _zero_flat("income.affiliated"),
    # the reason names the 200元 of 其他收入 (= 0.02万元), a figure with no table of its own
    10: ["amount income.other 0.02万元", "change income.other 上年决算数 增加0.02 增长--", "amount ? 200元"],
    12: ["amount expenditure.grand_total 836.2万元", "amount expenditure.total 812.81万元"],
    13: ["amount expenditure.basic 673.45万元", "change expenditure.basic 上年决算数 增加127 增长23.2%"],
    14: ["amount expenditure.project 139.36万元", "change expenditure.project 上年决算数 减少26763.02 下降99.5%"],
    15: _zero_flat("expenditure.remit"),
    16: _zero_flat("expenditure.operating"),
    17: _zero_flat("expenditure.subsidy"),
    20: [
        "amount fiscal_income.total 814.59万元",
        "amount income.general_fiscal 814.59万元",
        "change income.general_fiscal 上年决算数 减少26624.24 下降97%",
        "amount income.fund_fiscal 0万元",
        "change income.fund_fiscal 上年决算数 减少10 下降100%",
        "amount income.capital_fiscal 0万元",
        "change income.capital_fiscal 上年决算数 增加0 增长--",
    ],
    22: [
        "amount fiscal_expenditure.total 812.81万元",
        "amount fiscal_expenditure.general 812.81万元",
        "change fiscal_expenditure.general 年初预算数 减少6662.57 下降89.1%",
        "amount fiscal_expenditure.fund 0万元",
        "change fiscal_expenditure.fund 年初预算数 增加0 增长--",
        "amount fiscal_expenditure.capital 0万元",
        "change fiscal_expenditure.capital 年初预算数 增加0 增长--",
    ],
    25: _sangong("4.45", "0.87", "16.3")
    + [
        "amount sangong.vehicle 4.45万元",
        "completion sangong.vehicle 4.45/4.45 100%",
        "change sangong.vehicle 上年决算数 减少0.87 下降16.3%",
        "amount sangong.vehicle_purchase 0万元",
        "completion sangong.vehicle_purchase 0/0 --",
        "change sangong.vehicle_purchase 上年决算数 增加0 增长--",
        "amount sangong.vehicle_operation 4.45万元",
        "completion sangong.vehicle_operation 4.45/4.45 100%",
        "change sangong.vehicle_operation 上年决算数 减少0.87 下降16.3%",
        "amount sangong.reception 0万元",
        "completion sangong.reception 0/0 --",
        "change sangong.reception 上年决算数 增加0 增长--",
    ],
    26: ["completion sangong.total -/- 100%"],  # 从严控制“三公”经费开支，完成预算的100%
    29: [
        "amount sangong.abroad 0万元",
        "share sangong.abroad 0 of sangong.total 0%",
        "amount sangong.vehicle 4.45万元",
        "share sangong.vehicle 4.45 of sangong.total 100%",
        "amount sangong.reception 0万元",
        "share sangong.reception 0 of sangong.total 0%",
    ],
    30: ["amount sangong.abroad 0万元", "count sangong.abroad.groups 0个", "count sangong.abroad.people 0人次"],
    31: [
        "amount sangong.vehicle 4.45万元",
        "amount sangong.vehicle_purchase 0万元",
        "count sangong.vehicle_purchase.count 0辆",
        "amount sangong.vehicle_operation 4.45万元",
        "count sangong.vehicles 2辆",
    ],
    32: [
        "amount sangong.reception 0万元",
        "count sangong.reception.foreign_groups 0个",
        "count sangong.reception.foreign_people 0人次",
        "count sangong.reception.domestic_batches 0次",
        "count sangong.reception.domestic_people 0人",
    ],
    35: ["amount running_cost 14.82万元", "change running_cost 上年决算数 减少11.97 下降44.7%"],
    37: [
        "amount procurement.total 6.49万元",
        "amount procurement.goods 6.49万元",
        "amount procurement.works 0万元",
        "amount procurement.services 0万元",
        "amount procurement.sme 6.49万元",
        "share procurement.sme 6.49 of procurement.total 100%",
        "amount procurement.small 6.49万元",
        "share procurement.small 6.49 of procurement.sme 100%",
        "share procurement.sme_goods - of procurement.goods 70%",
        "share procurement.sme_works - of procurement.works 0%",
        "share procurement.sme_services - of procurement.services 30%",
    ],
    # 共有车辆2辆，其中，岗位保障用车2辆、其他用车0辆单位价值100万元以上设备（不含车辆）0台（套）
    39: ["count vehicles 2辆", "count vehicles.part 2辆", "count vehicles.part 0辆", "amount ? 100万元", "count ? 0台（套）"],
    41: [
        "count ? 7个",
        "count ? 7个",
        "amount performance.general_projects 153.6万元",
        "share performance.general_projects 153.6 of base.general_projects 18.9%",
    ],
    42: [
        "count ? 7个",
        "amount performance.evaluated.general 153.6万元",
        "amount performance.evaluated.fund 0万元",
        "amount performance.evaluated.capital 0万元",
    ],
    43: [
        "count ? 1个",
        "amount performance.whole.general 812.81万元",
        "amount performance.whole.fund 0万元",
        "amount performance.whole.capital 0万元",
        "figure ? 100%",
    ],
    45: [
        "amount performance.whole.budget 7475.38万元",
        "amount performance.whole.executed 812.81万元",
        "completion performance.whole 812.81/7475.38 10.87%",
        "figure ? 97",
        "count ? 49次",
        "count ? 10次",
        "count ? 11次",
        "count ? 7本",
    ],
}
# The achievements of paragraph 46 (参保、待遇、基金监管 …): figures only, in order.
LIANJIANG_46 = (
    "7次 2次 5件 4次 20人次 32次 8份 5次 1460126人 98126人 1362000人 100.1% 75596人 2645.86万元 100% "
    "21个 36天次 420张次 4000条次 250条次 13万元 13.08亿元 8.13亿元 7.67亿元 4657.75万元 3.52亿元 2.13亿元 "
    "50000人 20000次 1.8 7000人次 4000人次 3000人次 7633人次 3170万元 18495人次 6681万元 265082人次 4714万元 "
    "2330人次 2702万元 1266人次 862万元 653人次 264万元 1381人次 505万元 17751人次 424万元 764人次 1735万元 "
    "59282人次 1034万元 60921人次 427万元 356家 9600份 12000本 7家 68.7万元 29.5万元 161家 682家 54份 137家 5家 "
    "13家 952万元 9宗 42.4万元 797.29万元 34家 26640.79万元 25841.94万元 33场 33篇 5000份 12项 4个 4名 6个 21个 15 "
    "160 90 8个"
).split()
LIANJIANG_OVERVIEW = ["count ? 1个", "count ? 1个"]  # 单位共1个，包括本级和下属1个预算单位

JIANGMEN_CLAIMS: dict[int, list[str]] = {
    2: ["amount income.grand_total 2302.67万元", "amount income.total 2302.03万元"],
    3: ["amount income.general_fiscal 1956.92万元", "change income.general_fiscal 上年决算数 减少273.02 下降12.2%"],
    4: ["amount income.fund_fiscal 344.92万元", "change income.fund_fiscal 上年决算数 减少122.06 下降26.1%"],
    5: _zero_flat("income.capital_fiscal"),
    6: _zero_flat("income.superior"),
    7: _zero_flat("income.business"),
    8: _zero_flat("income.operating"),
    9: _zero_flat("income.affiliated"),
    10: ["amount income.other 0.19万元", "change income.other 上年决算数 减少0.12 下降38.6%"],
    12: ["amount expenditure.grand_total 2302.67万元", "amount expenditure.total 2301.89万元"],
    13: ["amount expenditure.basic 755.08万元", "change expenditure.basic 上年决算数 减少17.67 下降2.3%"],
    14: ["amount expenditure.project 1546.81万元", "change expenditure.project 上年决算数 减少378.21 下降19.6%"],
    15: _zero_flat("expenditure.remit"),
    16: _zero_flat("expenditure.operating"),
    17: _zero_flat("expenditure.subsidy"),
    # the reason of the last clause (主要变动情况：与上年决算数持平) is a 持平 claim of that quantity
    20: [
        "amount fiscal_income.total 2301.85万元",
        "amount income.general_fiscal 1956.92万元",
        "change income.general_fiscal 上年决算数 减少273.02 下降12.2%",
        "amount income.fund_fiscal 344.92万元",
        "change income.fund_fiscal 上年决算数 减少122.06 下降26.1%",
        "amount income.capital_fiscal 0万元",
        "change income.capital_fiscal 上年决算数 增加0 增长--",
        "change income.capital_fiscal 上年决算数 持平",
    ],
    22: [
        "amount fiscal_expenditure.total 2301.85万元",
        "amount fiscal_expenditure.general 1956.92万元",
        "change fiscal_expenditure.general 年初预算数 减少90.08 下降4.4%",
        "amount fiscal_expenditure.fund 344.92万元",
        "change fiscal_expenditure.fund 年初预算数 增加328.92 增长2055.8%",
        "amount fiscal_expenditure.capital 0万元",
        "change fiscal_expenditure.capital 年初预算数 增加0 增长--",
        "change fiscal_expenditure.capital 上年决算数 持平",
    ],
    25: _sangong("1.05", "0.6", "36.5")
    + [
        "amount sangong.vehicle 1.05万元",
        "completion sangong.vehicle 1.05/1.05 100%",
        "change sangong.vehicle 上年决算数 减少0.45 下降30.2%",
        "amount sangong.vehicle_purchase 0万元",
        "completion sangong.vehicle_purchase 0/0 --",
        "change sangong.vehicle_purchase 上年决算数 增加0 增长--",
        "amount sangong.vehicle_operation 1.05万元",
        "completion sangong.vehicle_operation 1.05/1.05 100%",
        "change sangong.vehicle_operation 上年决算数 减少0.45 下降30.2%",
        "amount sangong.reception 0万元",
        "completion sangong.reception 0/0 --",
        "change sangong.reception 上年决算数 减少0.15 下降100%",
    ],
    26: ["completion sangong.total -/- 100%"],  # 支出执行率达100%
    29: [
        "amount sangong.abroad 0万元",
        "share sangong.abroad 0 of sangong.total 0%",
        "amount sangong.vehicle 1.05万元",
        "share sangong.vehicle 1.05 of sangong.total 100%",
        "amount sangong.reception 0万元",
        "share sangong.reception 0 of sangong.total 0%",
    ],
    30: ["amount sangong.abroad 0万元", "count sangong.abroad.groups 0个", "count sangong.abroad.people 0人次"],
    31: [
        "amount sangong.vehicle 1.05万元",
        "amount sangong.vehicle_purchase 0万元",
        "count sangong.vehicle_purchase.count 0辆",
        "amount sangong.vehicle_operation 1.05万元",
        "count sangong.vehicles 1辆",
    ],
    32: [
        "amount sangong.reception 0万元",
        "count sangong.reception.foreign_groups 0个",
        "count sangong.reception.foreign_people 0人次",
        "count sangong.reception.domestic_batches 0次",
        "count sangong.reception.domestic_people 0人",
    ],
    35: ["amount running_cost 52.42万元", "change running_cost 上年决算数 减少1.29 下降2.4%"],
    37: [
        "amount procurement.total 345.68万元",
        "amount procurement.goods 0.68万元",
        "amount procurement.works 0万元",
        "amount procurement.services 345万元",
        "amount procurement.sme 171.18万元",
        "share procurement.sme 171.18 of procurement.total 49.5%",
        "amount procurement.small 21.23万元",
        "share procurement.small 21.23 of procurement.sme 12.4%",
        "share procurement.sme_goods - of procurement.goods 100%",
        "share procurement.sme_works - of procurement.works 100%",
        "share procurement.sme_services - of procurement.services 49.3%",
    ],
    39: ["count vehicles 1辆", "count vehicles.part 1辆", "amount ? 100万元", "count ? 0台（套）"],
    41: [
        "count ? 2个",
        "count ? 10个",
        "amount performance.general_projects 750.01万元",
        "share performance.general_projects 750.01 of base.general_projects 38.33%",
        "count ? 2个",
        "amount performance.fund_projects 344.92万元",
        "share performance.fund_projects 344.92 of base.fund_projects 100%",
        "count ? 0个",
        "amount performance.capital_projects 0万元",
    ],
    42: [
        "count ? 4个",
        "amount performance.evaluated.general 750.01万元",
        "amount performance.evaluated.fund 344.92万元",
        "amount performance.evaluated.capital 0万元",
    ],
    43: [
        "amount performance.whole.general 1956.92万元",
        "amount performance.whole.fund 344.92万元",
        "amount performance.whole.capital 0万元",
    ],
    45: [
        "amount performance.whole.budget 2062.99万元",
        "amount performance.whole.executed 2302.67万元",
        "completion performance.whole 2302.67/2062.99 111.62%",
        "figure ? 100%",
        "figure ? 100%",
        "figure ? 100%",
        "figure ? 94.24",
    ],
    46: [
        "amount performance.projects.budget 1119.82万元",
        "amount performance.projects.executed 1094.94万元",
        "completion performance.projects 1094.94/1119.82 102.27%",
    ],
}
JIANGMEN_OVERVIEW = ["count ? 5个"]  # 设5个内设机构


def _by_paragraph(claims) -> dict[int, list[str]]:
    out: dict[int, list[str]] = {}
    for claim in claims:
        if claim.part == "narrative":
            out.setdefault(claim.paragraph, []).append(brief(claim))
    return out


def test_lianjiang_claims() -> None:
    claims = extract(read_path(LIANJIANG))
    found = _by_paragraph(claims)
    tail = found.pop(46)
    assert found == LIANJIANG_CLAIMS
    assert [f"{plain(c.amount)}{c.unit}" for c in claims if c.part == "narrative" and c.paragraph == 46] == LIANJIANG_46
    assert all(t.split()[0] in ("count", "figure", "amount") for t in tail)
    assert [brief(c) for c in claims if c.part == "overview"] == LIANJIANG_OVERVIEW


def test_jiangmen_claims() -> None:
    claims = extract(read_path(JIANGMEN))
    assert _by_paragraph(claims) == JIANGMEN_CLAIMS
    assert [brief(c) for c in claims if c.part == "overview"] == JIANGMEN_OVERVIEW


def test_every_figure_bearing_sentence_yields_claims(corpus_path) -> None:
    """Every sentence of the 情况说明 with a digit outside quoted names yields a claim."""
    import re

    report = read_path(corpus_path)
    claims = extract(report)
    covered = {(c.paragraph, c.start) for c in claims if c.part == "narrative"}
    for index, paragraph in enumerate(report.narrative):
        text = re.sub(r"“[^”]*”|《[^》]*》|[（(][^）)]*号[）)]", "", paragraph.text)
        starts = [c.start for c in claims if c.part == "narrative" and c.paragraph == index]
        for sentence in re.split(r"[。；]", text):
            body = re.sub(r"\d{4}年度?|\d+月|\d+日|^\s*\d+[.、]|[一二三四五六七八九十]、", "", sentence)
            if re.search(r"\d", body):
                assert starts, (index, sentence)
    assert covered


def test_quotes_are_the_printed_statements() -> None:
    report = read_path(JIANGMEN)
    claims = extract(report)
    change = next(c for c in claims if brief(c) == "change income.general_fiscal 上年决算数 减少273.02 下降12.2%")
    assert change.quote == "一般公共预算财政拨款收入1,956.92万元，比上年决算数减少273.02万元，下降12.2%"
    assert report.narrative[change.paragraph].text[change.start : change.end] == change.quote
    assert change.source is not None and change.source.line == 805


def _findings(path):
    return [f for f in check(read_path(path), NARRATIVE_RULES) if f.severity != "info"]


def test_lianjiang_findings() -> None:
    found = {(f.rule, f.severity): f for f in _findings(LIANJIANG)}
    assert set(found) == {("JS707", "error"), ("JS709", "warning")}
    # 政府采购: everything bought was goods (6.49 of 6.49) and all of it went to SMEs
    # (6.49), so the SME share of goods is 100%; the text says 70% of goods and 30% of
    # services (which are 0万元). The category shares cannot give the stated SME total:
    # a real contradiction in the published text — an error.
    sme = found[("JS707", "error")]
    assert "6.49万元" in sme.message and "70%" in sme.message and "4.51—4.58万元" in sme.message
    assert "服务采购授予中小企业合同金额占服务支出金额的30%" in sme.quote
    # 绩效: 153.6万元 is 110.2% of 表5 项目支出 139.36, not 18.9%; 18.9% is its share of
    # 表5 本年支出合计 812.81. The base is misnamed; the evaluated funds may be budget
    # figures, so the auditor notes it as a warning, naming the base that fits.
    share = found[("JS709", "warning")]
    assert "110.2%" in share.message and "812.81" in share.message
    assert [(c.table, c.column) for c in share.cells] == [("T5", "项目支出")]
    # Not findings: 总收入836.2万元 restates 表1 总计 836.20 at lower precision; 全年预算数
    # 7475.38 = 812.81 + 6,662.57 (比年初预算数减少); the 增加0万元，增长--（基数为0，不可比）
    # statements of zero amounts; 本年收入 814.62 vs 814.59 + 0.02 (rounding).


def test_jiangmen_findings() -> None:
    found = {(f.rule, f.severity): f for f in _findings(JIANGMEN)}
    assert set(found) == {("JS707", "error"), ("JS710", "error"), ("JS702", "warning"), ("JS709", "warning")}
    # 政府采购: goods 0.68 are 100% SME and works are 0, so the services' SME amount is
    # 171.18 − 0.68 = 170.50 of 345.00 (345.68 − 0.68 − 0), i.e. 49.42%, printed 49.3%.
    # Under the interval rule (345 narrowed by the total, 0 exact) the shares give at most
    # 170.95万元 < 171.18: a real, small inconsistency — an error like any wrong figure.
    sme = found[("JS707", "error")]
    assert "171.18万元" in sme.message and "49.3%" in sme.message and "170.58—170.95万元" in sme.message
    # 项目绩效: 执行数 1094.94 / 预算数 1119.82 = 97.78%, printed 102.27% (= 1119.82 / 1094.94):
    # the ratio is inverted — an error.
    completion = found[("JS710", "error")]
    assert "97.78%" in completion.message and "颠倒" in completion.message
    assert completion.quote == "项目全年预算数为1119.82万元，执行数为1094.94万元，完成预算的102.27%"
    # 整体支出 执行数 2302.67 is 表1 总计 (with 年末结转和结余 0.77), while its budget 2062.99
    # is the 财政拨款 budget (2047.00 + 16.00, which agrees); 财政拨款支出 is 2301.85 (表4).
    # A scope mismatch, not a wrong number: warning.
    executed = found[("JS702", "warning")]
    assert "2301.85" in executed.message and "表1 第60行 总计 2302.67" in executed.message
    assert executed.cells[0].table == "T4"
    # 绩效 38.33% is 750.01 / 1956.92 (表5 合计), not of 项目支出 1201.89 (62.40%): warning.
    share = found[("JS709", "warning")]
    assert "62.40%" in share.message and "1956.92" in share.message
    # Not findings: 下降36.5% for 1.05 and 减少0.6 (0.6 / 1.65 = 36.4%, but 0.6 stands for
    # 0.55—0.65 and the ratio interval holds 36.5%); 增长2,055.8% = 328.92 / 16.00; 全年预算数
    # 2062.99 = (1956.92 + 90.08) + (344.92 − 328.92); 接待费 减少0.15、下降100% from 0.


def test_unlinked_figures_are_info(corpus_path) -> None:
    findings = check(read_path(corpus_path), NARRATIVE_RULES)
    info = [f for f in findings if f.rule == "JS790"]
    assert info and all(f.severity == "info" and f.quote for f in info)
    assert any("100万元" in f.message for f in info)  # 单位价值100万元以上设备: a threshold, not an amount


def test_findings_carry_quote_source_and_cells(corpus_path) -> None:
    for finding in _findings(corpus_path):
        assert finding.quote and finding.source is not None and finding.source.line


def test_rules_declared() -> None:
    codes = [r.code for r in NARRATIVE_RULES]
    assert len(codes) == len(set(codes)) and all(c.startswith("JS7") for c in codes)
    assert {r.severity for r in NARRATIVE_RULES} == {"error", "warning", "info"}
    assert set(codes) <= {r.code for r in RULES}  # wired into the catalog
    assert not {r.code for r in RULES if r not in NARRATIVE_RULES} & set(codes)


def test_analysis_shared_per_check_not_per_module() -> None:
    """The claims are linked once per check (on its Context), for all the narrative rules;
    nothing is kept between checks."""
    from juesuan.checks import Context

    report = read_path(JIANGMEN)
    context = Context(report)
    findings = [list(rule.evaluate(report, context)) for rule in NARRATIVE_RULES]
    assert evaluate(report, context).analysis is context.analysis
    assert Context(report).analysis is not context.analysis
    assert findings == [list(rule.evaluate(report)) for rule in NARRATIVE_RULES]


def test_cli_claims(tmp_path) -> None:
    import csv
    import json

    from typer.testing import CliRunner

    from juesuan.cli import app

    runner = CliRunner()
    result = runner.invoke(app, ["claims", str(JIANGMEN)])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    verdicts = {r["verdict"] for r in document["claims"]}
    assert {"ok", "error", "warning", "unlinked"} <= verdicts
    first = next(r for r in document["claims"] if r["quantity"] == "income.general_fiscal")
    assert first["cells"][0]["table"] == "T1" and first["verdict"] == "ok"
    out = tmp_path / "claims.csv"
    result = runner.invoke(app, ["claims", str(LIANJIANG), "--format", "csv", "-o", str(out)])
    assert result.exit_code == 0
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    assert any(r["rules"] == "JS707" and "70%" in r["quote"] for r in rows)
    result = runner.invoke(app, ["claims", str(tmp_path / "missing.txt")])
    assert result.exit_code == 2 and "文件不存在" in result.output
