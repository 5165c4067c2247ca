"""The change sentences, given last year's report: derived from the Jiangmen report
with known changes (decrease, large increase, zero base, to zero, no change, tiny
percent), and the budget file."""

from __future__ import annotations

from dataclasses import replace

import pytest
from render_util import corpus, with_cells

from juesuan.checks import check
from juesuan.read import read_path
from juesuan.render import build_document
from juesuan.render.budget import budget_facts, parse_mapping
from juesuan.render.document import Text
from juesuan.render.facts import Facts, from_previous, from_report
from juesuan.render.html import write_html
from juesuan.render.narrative import recompute_completion
from juesuan.render.texts import text_facts

PREVIOUS = {
    ("T1", "general_fiscal", "收入/决算数"): "2229.94",  # −273.02, −12.2%
    ("T1", "fund_fiscal", "收入/决算数"): "16.00",  # +328.92, +2,055.8%
    ("T1", "superior", "收入/决算数"): "5.00",  # 0 now: −100.0%
    ("T1", "other", "收入/决算数"): "0.00",  # zero base
    ("T3", "total", "基本支出"): "754.33",  # +0.75, 0.1%
    ("T6", "public_total", "公用经费/金额"): "53.71",  # −1.29, −2.4%
    ("T9", "total", "决算数/合计"): "1.65",
    ("T9", "total", "决算数/公务用车购置及运行维护费/小计"): "1.50",
    ("T9", "total", "决算数/公务用车购置及运行维护费/公务用车运行维护费"): "1.50",
    ("T9", "total", "决算数/公务接待费"): "0.15",
}


@pytest.fixture(scope="module")
def previous():
    return with_cells(corpus("jiangmen-2024"), PREVIOUS)


def _texts(document) -> list[str]:
    return [b.text for s in document.sections if s.kind == "narrative" for b in s.blocks if isinstance(b, Text)]


def _bare(report):
    """The report's tables only: nothing stated by its own narrative."""
    return replace(report, narrative=(), overview=())


def test_change_sentences_from_last_years_report(previous):
    report = corpus("jiangmen-2024")
    document = build_document(_bare(report), from_previous(previous))
    texts = _texts(document)
    need = "主要变动情况：【请说明主要变动原因】。"
    expected = [
        "1.一般公共预算财政拨款收入1,956.92万元，比上年决算数减少273.02万元，下降12.2%。" + need,
        "2.政府性基金预算财政拨款收入344.92万元，比上年决算数增加328.92万元，增长2,055.8%。" + need,
        "3.国有资本经营预算财政拨款收入0万元，与上年决算数持平。",
        "4.上级补助收入0万元，比上年决算数减少5.00万元，下降100.0%。" + need,
        "8.其他收入0.19万元，比上年决算数增加0.19万元，增长--（基数为0，不可比）。" + need,
        "1.基本支出755.08万元，比上年决算数增加0.75万元，增长0.1%。" + need,
        "2.项目支出1,546.81万元，与上年决算数持平。",
        "2024年度本单位机关运行经费支出52.42万元，比上年决算数减少1.29万元，下降2.4%。主要增减变动情况是：【请说明主要变动原因】。",
    ]
    for sentence in expected:
        assert sentence in texts
    sangong = next(t for t in texts if "“三公”经费财政拨款支出决算为" in t)
    assert sangong.startswith(
        "江门市医疗保障局（本级）2024年度“三公”经费财政拨款支出决算为1.05万元，完成全年预算1.05万元的100.0%，"
        "比上年决算数减少0.60万元，下降36.4%。其中：因公出国（境）费支出决算为0万元，完成预算0万元的--%（基数为0，不可比），与上年决算数持平；"
    )
    assert "公务接待费支出决算为0万元，完成预算0万元的--%（基数为0，不可比），比上年决算数减少0.15万元，下降100.0%。" in sangong
    assert "2024年度“三公”经费支出决算小于上年决算数的主要情况：【请说明主要变动原因】。" in texts
    assert "fiscal_expenditure.general 年初预算数" in document.placeholders


def test_reasons_and_budget_fill_the_placeholders(previous):
    report = corpus("jiangmen-2024")
    budget = budget_facts(parse_mapping('general = "2047.00"\nfund = 16\ncapital = 0\n', "budget.toml"))
    texts_file = text_facts(
        parse_mapping(
            '[reasons]\n"income.general_fiscal" = "信息化项目支出减少"\n'
            '"fiscal_expenditure.fund@budget" = "医疗救助专项资金年初未纳入预算"\n',
            "text.toml",
        )
    )
    facts = from_previous(previous).merge(budget).merge(texts_file)
    texts = _texts(build_document(_bare(report), facts))
    assert "1.一般公共预算财政拨款收入1,956.92万元，比上年决算数减少273.02万元，下降12.2%。主要变动情况：信息化项目支出减少。" in texts
    fiscal = next(t for t in texts if "财政拨款支出合计" in t)
    assert fiscal == (
        "江门市医疗保障局（本级）2024年度财政拨款支出合计2,301.85万元。其中：一般公共预算财政拨款支出1,956.92万元，"
        "比年初预算数减少90.08万元，下降4.4%；主要变动情况：【请说明主要变动原因】；政府性基金预算财政拨款支出344.92万元，"
        "比年初预算数增加328.92万元，增长2,055.8%；主要变动情况：医疗救助专项资金年初未纳入预算；"
        "国有资本经营预算财政拨款支出0万元，与年初预算数持平。"
    )


def test_generated_claims_are_consistent_with_the_tables(previous, tmp_path):
    """juesuan's own claim reader parses every generated sentence and finds it right."""
    report = corpus("jiangmen-2024")
    document = build_document(_bare(report), from_previous(previous))
    path = tmp_path / "derived.html"
    write_html(document, path)
    findings = check(read_path(path))
    narrative_errors = [f for f in findings if f.rule.startswith("JS7") and f.severity != "info"]
    assert narrative_errors == []
    placeholders = [f for f in findings if f.rule == "JS821"]
    assert placeholders  # the reasons still to write are reported


def test_previous_figures_come_from_the_published_changes():
    facts = from_report(corpus("jiangmen-2024"))
    assert str(facts.previous["income.general_fiscal"]) == "2229.94"  # 1,956.92 + 273.02
    assert str(facts.budget["fiscal_expenditure.fund"]) == "16.00"
    assert facts.reasons["running_cost"].startswith("本单位厉行节约")
    assert facts.counts["sangong.vehicles"] == 1
    # 171.18 − 0.68 − 0: the SME amount of services, not the printed (rounded) 49.3%
    assert str(facts.procurement["sme_services"]) == "170.50"


def test_completion_rates_are_recomputed():
    text = "项目全年预算数为1119.82万元，执行数为1094.94万元，完成预算的102.27%，绩效自评等级为：优。"
    assert recompute_completion(text) == "项目全年预算数为1119.82万元，执行数为1094.94万元，完成预算的97.78%，绩效自评等级为：优。"


def test_facts_merge_later_wins():
    a = Facts(previous={"x": 1}, overview=("a",))
    b = Facts(previous={"x": 2, "y": 3})
    merged = a.merge(b)
    assert merged.previous == {"x": 2, "y": 3} and merged.overview == ("a",)
