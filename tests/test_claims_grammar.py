"""The one grammar of the prose (model.prose) and the one parser of printed amounts
(model.numbers), as the claims, the document checks and the renderer read them; and the
work the rules of one check share (checks.context) giving what each rule finds alone."""

from __future__ import annotations

import re
from decimal import Decimal

import pytest
from conftest import CORPUS

from juesuan.checks import RULES, Context, check
from juesuan.checks.document.text import is_heading as document_heading
from juesuan.claims import extract
from juesuan.model.numbers import NUMBER, AmountTooLong, amount
from juesuan.model.prose import (
    CHANGE,
    is_heading,
    no_reason,
    normalise,
    read_change,
    reason_after,
    reasons,
    same_as,
    sections,
)
from juesuan.profiles import profile_of
from juesuan.read import read_path, read_text


def test_amount_keeps_printed_decimals_and_reads_separators_and_minus_signs():
    assert amount("1,956.92") == Decimal("1956.92") and str(amount("836.20")) == "836.20"
    assert amount("−3.5") == amount("－3.5") == Decimal("-3.5")
    with pytest.raises(AmountTooLong):
        amount("1" * 30)


def test_number_pattern_is_the_printed_forms():
    whole = re.compile(rf"^{NUMBER}$")
    assert all(whole.match(t) for t in ("0", "12", "1,956.92", "12,345,678", "0.00"))
    assert not any(whole.match(t) for t in ("1,23", ",123", "1.", "12,3456"))


def test_normalise_is_one_character_for_one():
    printed = "比上年增长１２．５％(含)；1,234.5万元,以及"
    text = normalise(printed)
    assert len(text) == len(printed) and text == "比上年增长12.5%（含）；1,234.5万元，以及"


@pytest.mark.parametrize(
    ("text", "heading"),
    [
        ("一、收入支出决算总体情况说明", True),
        ("（一）“三公”经费财政拨款支出决算总体情况说明。", True),  # a closing 。 after a heading
        ("第三部分 2024年度部门决算情况说明", True),
        ("(二)年度支出总体情况", True),
        ("（一）人员经费4,704.35万元", False),  # a statement: its figures are claims
        ("（二）领导或者主持本级人民代表大会代表的选举；", False),  # an item of a list
        ("五、监督专业管理。对区域内各类专业执法工作组织开展群众监督和社会监督。", False),
        ("1.基本支出755.08万元", False),
    ],
)
def test_headings(text, heading):
    assert is_heading(text) is heading


@pytest.mark.parametrize(
    ("text", "fields"),
    [
        (
            "比上年决算数减少273.02万元，下降12.2%",
            dict(base="上年决算数", change=Decimal("273.02"), direction="减少", trend="下降", percent=Decimal("12.2")),
        ),
        ("比年初预算数增加0万元，增长--（基数为0，不可比）", dict(base="年初预算数", change=Decimal("0"), percent=None, base_zero=True)),
        ("较上年增加54.05万元，增幅为2.94%", dict(base="上年决算数", trend="增幅", percent=Decimal("2.94"))),
        ("比2023年度减少0.15万元，下降27.78%", dict(base="上年决算数", base_year=2023)),
        ("比上年增长5%", dict(change=None, percent=Decimal("5"))),  # a change printed as its percent
        ("比上年同期降低3万元，降低10%", dict(base="上年决算数", direction="降低", percent=Decimal("10"))),
    ],
)
def test_changes(text, fields):
    match = CHANGE.search(normalise(text))
    assert match is not None and match.group(0) == text
    found = read_change(match)
    assert {k: found[k] for k in fields} == fields


def test_a_percent_needs_its_word_or_its_sign():
    match = CHANGE.search("比上年增加5万元，2024年度起")
    assert match is not None and match.group(0) == "比上年增加5万元" and read_change(match)["percent"] is None


def test_reasons():
    text = "比上年决算数减少0.12万元，下降38.6%。主要变动情况：一是银行利息收入减少；二是…"
    assert reason_after(text, text.index("。")) == "一是银行利息收入减少"
    assert reason_after("，由于人员减少", 0) is None  # not a reason label of the template
    assert reasons("主要原因：无。原因是调整") == ["无", "调整"]
    assert no_reason("无") and no_reason("暂无。") and not no_reason("无新增项目")
    assert same_as("主要变动情况：与年初预算数持平").group("base") == "年初预算数"


def test_document_checks_read_the_forms_of_the_grammar():
    """JS813 reads changes the claims read: a percent change, 增幅, 降低."""
    for change in ("比上年增长50%。", "比上年决算数增加20万元，增幅为50%。", "比上年同期降低20万元，降低50%。"):
        text = "（一）机关运行经费\n　　2024年度机关运行经费支出60万元，" + change + "\n"
        report = read_text("一、情况说明\n" + text, "x.txt")
        found = [f for f in check(report, [r for r in RULES if r.code == "JS813"]) if f.rule == "JS813"]
        assert len(found) == 1, (change, found)


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem.split("-")[0])
def test_one_heading_definition(path):
    """The claims, the document checks and the sections split the 情况说明 at the same headings."""
    report = read_path(path)
    narrative = profile_of(report).narrative
    headings = [p.text for p in report.narrative if is_heading(p.text)]
    assert headings and headings == [p.text for p in report.narrative if document_heading(p)]
    assert [h.text for h, _ in sections(report.narrative) if h is not None] == headings
    read = {i for _, i, _ in narrative.paragraphs(report.narrative)}
    assert read == {i for i, p in enumerate(report.narrative) if not is_heading(p.text)}
    assert {c.paragraph for c in extract(report) if c.part == "narrative"} <= read


@pytest.mark.parametrize("path", CORPUS, ids=lambda p: p.stem.split("-")[0])
def test_a_shared_context_finds_what_each_rule_finds_alone(path):
    report = read_path(path)
    context = Context(report)
    for rule in RULES:
        assert list(rule.evaluate(report, context)) == list(rule.evaluate(report)), rule.code
