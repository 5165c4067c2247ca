"""The claims and narrative checks on reports of the same template that are not the
corpus: derived here from the Jiangmen report by changing what it says."""

from __future__ import annotations

from claims_brief import brief
from conftest import JIANGMEN

from juesuan.checks import check
from juesuan.checks.narrative import NARRATIVE_RULES
from juesuan.claims import extract
from juesuan.read import read_text

TEXT = JIANGMEN.read_text(encoding="utf-8")
_FULL = str.maketrans("0123456789%", "０１２３４５６７８９％")


def _report(text: str):
    return read_text(text, "variant.txt")


def _narrative_rules(text: str) -> set[str]:
    return {f.rule for f in check(_report(text), NARRATIVE_RULES) if f.severity != "info"}


BASELINE = {"JS707", "JS710", "JS702", "JS709"}


def _edit(text: str, old: str, new: str) -> str:
    assert text.count(old) >= 1, old
    return text.replace(old, new)


def test_other_department_same_claims() -> None:
    renamed = TEXT.replace("江门市医疗保障局", "开平市自然资源局")
    claims = [brief(c) for c in extract(_report(renamed))]
    assert claims == [brief(c) for c in extract(_report(TEXT))]
    assert _narrative_rules(renamed) == BASELINE


def test_other_amounts_consistent() -> None:
    # 机关运行经费 52.42, 比上年减少5.58 → 上年 58.00, 5.58 / 58.00 = 9.62% → 9.6%
    text = _edit(TEXT, "减少1.29万元，下降2.4%", "减少5.58万元，下降9.6%")
    claims = [brief(c) for c in extract(_report(text))]
    assert "change running_cost 上年决算数 减少5.58 下降9.6%" in claims
    assert _narrative_rules(text) == BASELINE


def test_other_amounts_inconsistent() -> None:
    text = _edit(TEXT, "减少1.29万元，下降2.4%", "减少5.58万元，下降9.9%")
    findings = [f for f in check(_report(text), NARRATIVE_RULES) if f.rule == "JS703"]
    assert len(findings) == 1 and "应为 9.6%" in findings[0].message
    assert findings[0].quote.endswith("下降9.9%")


def test_corrected_report_is_clean_of_those_findings() -> None:
    # The published errors fixed: 49.42% → 49.4%, 完成 97.78%, 执行数 = 财政拨款支出
    text = _edit(TEXT, "\n的49.3%。", "\n的49.4%。")
    text = _edit(text, "完成预算的102.27%", "完成预算的97.78%")
    assert _narrative_rules(text) == {"JS702", "JS709"}


def test_full_width_digits_read_alike() -> None:
    start = TEXT.index("（一）年度收入总体情况")
    end = TEXT.index("（二）年度支出总体情况")
    wide = TEXT[:start] + TEXT[start:end].translate(_FULL) + TEXT[end:]
    assert [brief(c) for c in extract(_report(wide))] == [brief(c) for c in extract(_report(TEXT))]


def test_table_misstated_in_narrative() -> None:
    text = _edit(TEXT, "其他收入0.19万元", "其他收入0.18万元")
    findings = [f for f in check(_report(text), NARRATIVE_RULES) if f.rule == "JS701"]
    assert len(findings) == 1
    assert findings[0].message.startswith("情况说明称其他收入 0.18万元，表1 第8行 八、其他收入 为 0.19")
    assert findings[0].cells[0].table == "T1" and findings[0].cells[0].row == "8"


def test_direction_and_base_zero() -> None:
    text = _edit(TEXT, "2.项目支出1,546.81万元，比上年决算数减少", "2.项目支出1,546.81万元，比上年决算数增加")
    assert "JS704" in _narrative_rules(text)
    # 接待费 0 after a decrease of 0.15: the base is 0.15, not 0
    text = _edit(TEXT, "减少0.15万元，下降100%。", "减少0.15万元，下降--（基数为0，不可比）。")
    assert "JS705" in _narrative_rules(text)


def test_vehicle_counts_disagree() -> None:
    text = _edit(TEXT, "公务用车保有量为1辆", "公务用车保有量为2辆")
    assert "JS711" in _narrative_rules(text)
