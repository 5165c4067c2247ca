"""Document-level checks (JS8xx) on the corpus reports and on derived documents.

Each derived document changes the corpus text by code (string replacement, a section
removed) to carry one defect; the test asserts the rule, severity, quote and line.
"""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import JIANGMEN, LIANJIANG

from juesuan.checks import RULES, check
from juesuan.checks.document import DOCUMENT_RULES, DocumentSettings, document_rules
from juesuan.model import Finding
from juesuan.read import read_text

ORIGINAL = {path: path.read_text(encoding="utf-8") for path in (LIANJIANG, JIANGMEN)}


def findings(text: str, rules=RULES) -> tuple[Finding, ...]:
    return check(read_text(text, "derived.txt"), rules)


def document_findings(text: str, rules=DOCUMENT_RULES) -> list[tuple[str, str, str, int | None]]:
    return [(f.rule, f.severity, f.quote, f.source.line if f.source else None) for f in check(read_text(text, "derived.txt"), rules)]


def replace_once(text: str, old: str, new: str, occurrence: int = 1) -> str:
    """``text`` with the ``occurrence``-th ``old`` replaced (it must exist)."""
    index = -1
    for _ in range(occurrence):
        index = text.index(old, index + 1)
    return text[:index] + new + text[index + len(old) :]


def cut(text: str, start: str, stop: str) -> str:
    """``text`` without the lines from ``start`` up to (not including) ``stop``."""
    begin = text.index(start)
    return text[:begin] + text[text.index(stop, begin) :]


def new_findings(path, text: str, rules=DOCUMENT_RULES) -> list[tuple[str, str, str, int | None]]:
    """What the derived document raises that the original does not (lines may shift)."""
    before = [f[:3] for f in document_findings(ORIGINAL[path], rules)]
    out = []
    for finding in document_findings(text, rules):
        if finding[:3] in before:
            before.remove(finding[:3])
        else:
            out.append(finding)
    return out


# --- the unchanged corpus -------------------------------------------------------------

LIANJIANG_EXPECTED = [
    # 单位共1个 yet 本级 + 1 下属 = 2: the count contradicts itself.
    (
        "JS815",
        "warning",
        "按照部门决算编报要求，纳入我部门（廉江市医疗保障局）2023年度部门决算编报范围的单位共1个，包括本级和下属1个预算单位，下属单位是：廉江市医疗保障服务中心。",
        41,
    ),
    # half-width '(' closed by a full-width '）' in a 表1 row name and in the narrative
    ("JS825", "warning", "使用非财政拨款结余(含专用结余）", 117),
    ("JS824", "warning", "主要变动情况：：是因为上年收入包括本级财政配套医保基金数，本年收入不包括本级财政配套医保基金数；", 743),
    ("JS825", "warning", "部门(单位）整体支出绩效自评情况：全年预算数7475.38万元，执行数812.81万元，完成预算的10.87%。", 949),
    ("JS824", "warning", "十五、、禁毒攻坚工作。", 1128),
    # half-width , ; between Chinese characters (info only)
    (
        "JS827",
        "info",
        "制定《廉江市医疗保障局开展学习贯彻习近平新时代中国特色社会主义思想主题教育的实施方案》，已组织集中学习7次、上专题党课2次、为民办实事5件，全局上下迅速掀起主题教育热潮;二是积极开展“三个走进”活动。",
        976,
    ),
    (
        "JS827",
        "info",
        "11月17日组织全体党员前往廉江市燕山革命纪念馆地，开展追忆先辈们革命精神的活动,增强工作的自觉性和攻坚克难的坚定性。",
        980,
    ),
    (
        "JS827",
        "info",
        "医保档案涉及医保执法案件、医保基金档案、医保经办档案，参保人需要查阅、复印档案资料，执法档案需规范化保存管理,建立档案资料室非常必要。",
        1183,
    ),
]

JIANGMEN_EXPECTED = [
    # compared with 年初预算数, but the reason is the 上年决算数 sentence copied from above
    (
        "JS814",
        "warning",
        "国有资本经营预算财政拨款支出0万元，比年初预算数增加0万元，增长--（基数为0，不可比）；主要变动情况：与上年决算数持平。",
        893,
    ),
]


@pytest.mark.parametrize("path,expected", [(LIANJIANG, LIANJIANG_EXPECTED), (JIANGMEN, JIANGMEN_EXPECTED)], ids=["lianjiang", "jiangmen"])
def test_corpus_findings(path, expected):
    assert sorted(document_findings(ORIGINAL[path]), key=lambda f: (f[3] or 0, f[0])) == sorted(expected, key=lambda f: (f[3] or 0, f[0]))


def test_corpus_raises_no_document_error(corpus_path):
    assert [f for f in findings(ORIGINAL[corpus_path], DOCUMENT_RULES) if f.severity == "error"] == []


def test_every_finding_has_quote_source_and_message(corpus_path):
    for finding in findings(ORIGINAL[corpus_path], DOCUMENT_RULES):
        assert finding.quote and finding.source is not None and finding.source.line and finding.message


# --- identity and period --------------------------------------------------------------


def test_wrong_year_in_narrative_heading():
    text = replace_once(ORIGINAL[JIANGMEN], "（一）2024年度财政拨款收入说明", "（一）2023年度财政拨款收入说明")
    assert new_findings(JIANGMEN, text) == [("JS803", "error", "（一）2023年度财政拨款收入说明", 858)]


def test_wrong_year_in_part_heading():
    text = replace_once(ORIGINAL[LIANJIANG], "第三部分：廉江市医疗保障局2023年度部门", "第三部分：廉江市医疗保障局2022年度部门")
    assert new_findings(LIANJIANG, text) == [("JS803", "error", "第三部分：廉江市医疗保障局2022年度部门决算情况说明", 670)]


def test_wrong_year_in_fixed_phrase():
    text = replace_once(ORIGINAL[LIANJIANG], "截至2023年12月31日", "截至2022年12月31日")
    quote = "截至2022年12月31日，本部门共有车辆2辆，其中，岗位保障用车2辆、其他用车0辆单位价值100万元以上设备（不含车辆）0台（套）。"
    assert new_findings(LIANJIANG, text) == [("JS803", "error", quote, 866)]


def test_other_year_as_comparison_is_fine_and_elsewhere_a_warning():
    base = "日常办公经费较上年减少。"
    compared = replace_once(ORIGINAL[JIANGMEN], base, "日常办公经费与2023年度相比减少。")
    assert new_findings(JIANGMEN, compared) == []
    other = replace_once(ORIGINAL[JIANGMEN], base, "日常办公经费按2023年度标准减少。")
    assert new_findings(JIANGMEN, other) == [("JS804", "warning", "主要变动情况：日常办公经费按2023年度标准减少。", 842)]


def test_other_department_in_table_header():
    header = "单位：万元部门：廉江市医疗保障局"
    text = replace_once(ORIGINAL[LIANJIANG], header, "单位：万元部门：湛江市医疗保障局", occurrence=5)
    assert new_findings(LIANJIANG, text) == [("JS801", "error", "部门：湛江市医疗保障局", 398)]
    (finding,) = [f for f in findings(text) if f.rule == "JS801"]
    assert "表5" in finding.message and "廉江市医疗保障局" in finding.message


def test_other_department_in_narrative():
    text = replace_once(ORIGINAL[JIANGMEN], "江门市医疗保障局（本级）2024年度总支出", "江门市人力资源和社会保障局2024年度总支出")
    quote = "江门市人力资源和社会保障局2024年度总支出2,302.67万元，其中本年支出2,301.89万元。"
    assert new_findings(JIANGMEN, text) == [("JS801", "error", quote, 837)]


def test_benji_forms_the_report_defines():
    # a 本级 report may name itself without 本级 in the narrative …
    text = replace_once(ORIGINAL[JIANGMEN], "江门市医疗保障局（本级）2024年度总支出", "江门市医疗保障局2024年度总支出")
    assert new_findings(JIANGMEN, text) == []
    # … a consolidated 部门 report that calls itself 本级 changes its scope
    text = replace_once(ORIGINAL[LIANJIANG], "廉江市医疗保障局2023年度总收入", "廉江市医疗保障局（本级）2023年度总收入")
    quote = "廉江市医疗保障局（本级）2023年度总收入836.2万元，其中本年收入814.62万元。"
    assert new_findings(LIANJIANG, text) == [("JS802", "warning", quote, 678)]


def test_amount_printed_in_the_wrong_unit():
    text = replace_once(ORIGINAL[JIANGMEN], "总收入2,302.67万元", "总收入2,302.67元")
    quote = "江门市医疗保障局（本级）2024年度总收入2,302.67元，其中本年收入2,302.03万元。"
    assert new_findings(JIANGMEN, text) == [("JS805", "error", quote, 801)]


# --- completeness ---------------------------------------------------------------------


def test_section_removed():
    text = cut(ORIGINAL[LIANJIANG], "（二）政府采购支出情况说明", "（三）国有资产占用情况说明")
    assert new_findings(LIANJIANG, text) == [("JS812", "error", "第三部分：廉江市医疗保障局2023年度部门决算情况说明", 670)]
    (finding,) = [f for f in findings(text) if f.rule == "JS812"]
    assert "政府采购" in finding.message


def test_part_removed():
    text = ORIGINAL[JIANGMEN][: ORIGINAL[JIANGMEN].index(" 第四部分：名词解释")]
    assert new_findings(JIANGMEN, text) == [("JS811", "error", "第三部分：江门市医疗保障局（本级）2024年度部门决算情况说明", 793)]


def test_empty_table_without_its_note():
    # JS604 (checks/completeness.py) reports it; the document rules do not repeat it
    text = replace_once(ORIGINAL[LIANJIANG], "\n　　本表本年度无发生额。", "")
    found = [f for f in findings(text) if f.rule == "JS604"]
    assert [(f.severity, f.source.line) for f in found] == [("warning", 587)]
    assert "本表本年度无发生额" in found[0].message
    assert new_findings(LIANJIANG, text) == []


def test_missing_reason():
    text = replace_once(ORIGINAL[JIANGMEN], "主要变动情况：一是减少信息化项目支出，二是核酸\n\n检测费用减少。", "")
    quote = "2.项目支出1,546.81万元，比上年决算数减少378.21万元，下降19.6%。"
    assert new_findings(JIANGMEN, text) == [("JS813", "warning", quote, 844)]
    # the threshold is a setting: at 20% a change of 19.6% needs no reason
    lenient = document_rules(DocumentSettings(reason_threshold=Decimal("20")))
    assert new_findings(JIANGMEN, text, lenient) == []


def test_reason_given_as_none():
    text = replace_once(ORIGINAL[JIANGMEN], "主要变动情况：一是减少信息化项目支出，二是核酸\n\n检测费用减少。", "主要变动情况：无。")
    assert new_findings(JIANGMEN, text) == [("JS813", "warning", "2.项目支出1,546.81万元，比上年决算数减少378.21万元，下降19.6%。", 844)]


def test_reason_left_empty():
    text = replace_once(
        ORIGINAL[LIANJIANG], "主要增减变动情况是：我局2023年\n\n设备购置费、日常维修费等开支减少。", "主要增减变动情况是：。"
    )
    assert new_findings(LIANJIANG, text) == [("JS826", "warning", "主要增减变动情况是：。", 845)]


def test_glossary_term_missing():
    text = cut(ORIGINAL[JIANGMEN], "机关运行经费: 指为保障", "公务用车运行维护费以及其他费用。")
    text = text.replace("公务用车运行维护费以及其他费用。\n", "", 1)
    assert new_findings(JIANGMEN, text) == [("JS816", "warning", "第四部分：名词解释", 1145)]


# --- unfinished text ------------------------------------------------------------------


def test_template_alternative_left_in():
    text = replace_once(ORIGINAL[JIANGMEN], "下降12.2%。主要变动情况", "下降（增长）12.2%。主要变动情况")
    quote = "1.一般公共预算财政拨款收入1,956.92万元，比上年决算数减少273.02万元，下降（增长）12.2%。"
    assert new_findings(JIANGMEN, text) == [("JS822", "error", quote, 807)]


def test_placeholder():
    text = replace_once(ORIGINAL[LIANJIANG], "共有车辆2辆", "共有车辆XX辆")
    quote = "截至2023年12月31日，本部门共有车辆XX辆，其中，岗位保障用车2辆、其他用车0辆单位价值100万元以上设备（不含车辆）0台（套）。"
    assert new_findings(LIANJIANG, text) == [("JS821", "error", quote, 866)]


@pytest.mark.parametrize("placeholder", ["××", "xxx", "【单位名称】", "待填写"])
def test_placeholder_forms(placeholder):
    text = replace_once(ORIGINAL[LIANJIANG], "共有车辆2辆", f"共有车辆{placeholder}辆")
    assert [(f[0], f[1]) for f in new_findings(LIANJIANG, text)] == [("JS821", "error")]


def test_one_finding_per_sentence_naming_each_match():
    # two template alternatives in one sentence, and a placeholder twice in another
    text = replace_once(ORIGINAL[JIANGMEN], "减少273.02万元，下降12.2%。", "减少（增加）273.02万元，下降（增长）12.2%。")
    text = replace_once(text, "共有车辆", "共有车辆XX辆（XX辆")
    found = [f for f in findings(text, DOCUMENT_RULES) if f.rule in ("JS821", "JS822")]
    assert [(f.rule, f.message) for f in found] == [
        ("JS822", "情况说明中遗留了模板备选词“减少（增加）”“下降（增长）”，应只保留实际情况"),
        ("JS821", "情况说明中有未填写的占位符“XX”（共2处）"),
    ]


@pytest.mark.parametrize("number", ["沪府规【2016】168号", "普发改投【2017】 89 号", "苏财预【2017】第19号"])
def test_document_number_in_lenticular_brackets_is_not_a_placeholder(number):
    text = replace_once(ORIGINAL[LIANJIANG], "共有车辆2辆", f"根据{number}文件，共有车辆2辆")
    assert new_findings(LIANJIANG, text) == []


def test_percent_without_sign():
    text = replace_once(ORIGINAL[JIANGMEN], "下降26.1%。", "下降26.1。")
    quote = "2.政府性基金预算财政拨款收入344.92万元，比上年决算数减少122.06万元，下降26.1。"
    assert new_findings(JIANGMEN, text) == [("JS823", "warning", quote, 813)]


def test_doubled_full_stop():
    text = replace_once(ORIGINAL[JIANGMEN], "日常办公经费较上年减少。", "日常办公经费较上年减少。。")
    assert new_findings(JIANGMEN, text) == [("JS824", "warning", "主要变动情况：日常办公经费较上年减少。。", 842)]


def test_table_in_another_unit():
    header = "单位：万元部门：廉江市医疗保障局"
    text = replace_once(ORIGINAL[LIANJIANG], header, "单位：元部门：廉江市医疗保障局", occurrence=9)
    assert new_findings(LIANJIANG, text) == [("JS806", "warning", "单位：元", 626)]


def test_catalog_lists_document_rules():
    from conftest import ROOT

    from juesuan.checks import catalog

    assert {rule.code for rule in DOCUMENT_RULES} <= {rule.code for rule in catalog()}
    page = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    for rule in DOCUMENT_RULES:
        assert f"| {rule.code} |" in page


def test_settings_default():
    assert DocumentSettings().reason_threshold == Decimal("10")
    assert {rule.code for rule in DOCUMENT_RULES} == {
        f"JS8{n:02d}" for n in (1, 2, 3, 4, 5, 6, 11, 12, 13, 14, 15, 16, 17, 21, 22, 23, 24, 25, 26, 27, 28, 29, 30)
    }
    assert all(rule.title and rule.relation for rule in DOCUMENT_RULES)
