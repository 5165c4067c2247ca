"""Prose of real budget PDFs as printed: text a frame clips away is not read, a paragraph runs on
across page footers and narrower frames, and nothing is read twice. The expected texts were
read off the rendered pages (pdftoppm -png)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from juesuan.read import read_path

YUSUAN = Path(__file__).resolve().parent / "fixtures" / "real" / "yusuan"


@pytest.fixture(scope="module")
def commerce():
    return read_path(YUSUAN / "shanghai-putuo-commerce-commission-2025-budget-unit.pdf")


def test_text_clipped_away_is_not_read(commerce):
    # page 3 prints duties 1-9; its text layer runs on to duty 13 below the visible frame,
    # and page 4 prints 9 (its end) to 13 again
    numbers = [m.group(1) for p in commerce.overview if (m := re.match(r"(\d+)、", p.text))]
    assert numbers == [str(n) for n in range(1, 14)]
    ninth = next(p for p in commerce.overview if p.text.startswith("9、"))
    assert ninth.text.endswith(
        "应急机制，协调重要商品储备和市场调控；负责食用农产品流通管理；指导食用农产品流通环节追溯管理；"
        "负责标准化菜市场的行业规范管理；组织商品市场监控，规范流通秩序。"
    )
    assert {span.page for span in ninth.spans} == {3, 4}
    tenth = next(p for p in commerce.overview if p.text.startswith("10、"))
    assert {span.page for span in tenth.spans} == {4}


def test_open_bracket_at_a_short_line_runs_on(commerce):
    texts = [p.text for p in commerce.overview]
    assert (
        "上海市普陀区商务委员会机关设9个内设机构，包括：办公室、综合调研科、商业发展科、市场秩序科（粮食和物资储备科）、"
        "产业发展科、企业服务科、经济运行科、外经促进科、贸易发展科。"
    ) in texts


def test_clipped_items_of_the_narrative_are_read_once():
    report = read_path(YUSUAN / "shanghai-putuo-finance-bureau-2025-budget.pdf")
    starts = [p.text[:12] for p in report.narrative if re.match(r"\d+\.“", p.text)]
    assert len(starts) == len(set(starts)) == 11
    ninth = next(p for p in report.narrative if p.text.startswith("9.“卫生健康支出"))
    assert {span.page for span in ninth.spans} == {8}


def test_paragraph_under_a_table_between_the_text_margins():
    report = read_path(YUSUAN / "jiangsu-npc-office-2017-budget.pdf")
    texts = [p.text for p in report.narrative]
    assert "本表反映部门年度总体收支预算情况。根据《江苏省财政厅关于2017年省级部门预算的批复》（苏财预[2017]19号）填列。" in texts
    assert "（一）收入预算总计13649.07万元。全部由省财政拨款。与上年相比增加844.15万元，增长6.59%。" in texts


def test_box_drawing_page_footers_are_furniture_and_paragraphs_run_across():
    report = read_path(YUSUAN / "jiangsu-npc-office-2019-budget.pdf")
    prose = [p for p in report.overview + report.narrative]
    assert not [p.text for p in prose if "─" in p.text]
    assert not [e.definition for e in report.glossary if "─" in e.definition]
    carried = next(p for p in report.narrative if p.text.startswith("4．上年结转资金预算数为0万元。"))
    assert carried.text == "4．上年结转资金预算数为0万元。与上年相比增加（减少）0万元，增长（减少）0%。主要原因是本部门无此项收入。"
    assert {span.page for span in carried.spans} == {9, 10}
    assert [page.label for page in report.pages][8] == "7"
