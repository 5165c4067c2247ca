"""The reader's stages, each on a small document written inline."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.errors import DamagedPdf, NotAReport, UndecodableText, UnsupportedFormat
from juesuan.profiles import shipped
from juesuan.read import read_bytes, read_text, sniff
from juesuan.read.decode import decode
from juesuan.read.headings import parse_heading
from juesuan.read.lines import split_lines
from juesuan.read.prose import Prose
from juesuan.read.text import text_items
from juesuan.read.text_table import match_layout
from juesuan.read.titles import Titles, number_line
from juesuan.read.tokens import amount, column_numbers, is_amount

NATIONAL = shipped().get("juesuan")


def recognise_title(text):
    return Titles(NATIONAL).recognise(text)


def test_amount_keeps_printed_decimals():
    assert amount("1,956.92") == Decimal("1956.92")
    assert str(amount("836.2")) == "836.2"
    assert str(amount("0.00")) == "0.00"
    assert amount("-12.50") == Decimal("-12.50")
    assert not is_amount("1,95.6") and not is_amount("12a")


@pytest.mark.parametrize(
    "text,expected",
    [("栏次 1 栏次 2 3 4 5", [1, 2, 3, 4, 5]), ("1 2 3 4 5 6 7 8 9 10 11 12", list(range(1, 13))), ("栏次 1 2 3", [1, 2, 3])],
)
def test_column_number_lines(text, expected):
    assert column_numbers(text) == expected


@pytest.mark.parametrize("text", ["1 3 4", "814 815", "合计 1 2", "7"])
def test_not_column_number_lines(text):
    assert column_numbers(text) is None


@pytest.mark.parametrize(
    "title,kind",
    [
        ("收入支出决算总表", "T1"),
        ("部门收支决算总表", "T1"),
        ("财政拨款收入支出决算总表", "T4"),
        ("廉江市医疗保障局2023年度支出决算表", "T3"),
        ('财政拨款"三公"经费支出决算表', "T9"),
        ("一般公共预算财政拨款“三公”经费支出决算表", "T9"),
        ("项目支出决算表", ""),
        ("政府采购情况表", ""),
    ],
)
def test_titles(title, kind):
    found = recognise_title(title)
    assert found is not None and found.kind == kind


@pytest.mark.parametrize("text", ["第二部分：廉江市医疗保障局2023年度部门决算表", "详见收入支出决算总表。", "决算情况说明"])
def test_not_titles(text):
    assert recognise_title(text) is None


def test_number_lines():
    assert number_line("表1") == ("表1", "")
    assert number_line("附表 3：支出决算表") == ("附表 3", "支出决算表")
    assert number_line("表格说明") is None


def test_fused_page_heading():
    heading = parse_heading("单位：万元部门：廉江市医疗保障局", NATIONAL)
    assert (heading.unit, heading.entity, heading.entity_label) == ("万元", "廉江市医疗保障局", "部门")
    heading = parse_heading("编制单位：某某县财政局  金额单位：元", NATIONAL)
    assert (heading.unit, heading.entity, heading.entity_label) == ("元", "某某县财政局", "单位")
    assert parse_heading("单位主要职责", NATIONAL) is None


def test_layout_chosen_by_labels_and_count():
    spec5, spec9 = NATIONAL.table("T5"), NATIONAL.table("T9")
    t5 = match_layout(spec5, "项目 本年支出合计 基本支出 项目支出 功能分类科目编码 科目名称", 3)
    assert ["/".join(path) for path in t5] == ["本年支出合计", "基本支出", "项目支出"]
    t5 = match_layout(spec5, "项目 本年支出 功能分类科目编码 科目名称 小计 基本支出 项目支出", 3)
    assert ["/".join(path) for path in t5] == ["本年支出/小计", "本年支出/基本支出", "本年支出/项目支出"]
    assert match_layout(spec5, "项目 本年支出合计 基本支出 项目支出", 4) is None
    t9 = match_layout(
        spec9,
        "决算数 预算数 合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费 合计 因公出国（境）费 公务用车购置及运行维护费 公务接待费 小计 公务用车购置费 公务用车运行维护费 小计 公务用车购置费 公务用车运行维护费",
        12,
    )
    assert "/".join(t9[0]) == "决算数/合计" and spec9.column_role(t9[0]) == "final_total"


def test_page_breaks_and_furniture():
    lines, pages = split_lines(" 第一页\n正文\n\n- 1 -\n\n第二页开头\n 第三页\n")
    assert [(line.text, line.page) for line in lines] == [("第一页", 1), ("正文", 1), ("第二页开头", 2), ("第三页", 3)]
    assert [(p.index, p.label) for p in pages] == [(1, "1"), (2, ""), (3, "")]


def test_paragraphs_join_wrapped_lines_and_numbers():
    text = (
        "一、收入情况\n"
        "本单位2024年度总收入2,302.67万元，其中本年收入2,302.03万元。\n"
        "1.其他收入0.19万元，比上年决算数减少0.12万元，下降\n"
        "38.6%。主要变动情况：银行利息收入减少，党组织活动经费通过财\n"
        "政指标下达。\n"
        "2.事业收入0万元，与上年决算数持平。\n"
    )
    lines, _ = text_items(text)
    assert [p.text for p in Prose(lines).paragraphs(lines)] == [
        "一、收入情况",
        "本单位2024年度总收入2,302.67万元，其中本年收入2,302.03万元。",
        "1.其他收入0.19万元，比上年决算数减少0.12万元，下降38.6%。主要变动情况：银行利息收入减少，党组织活动经费通过财政指标下达。",
        "2.事业收入0万元，与上年决算数持平。",
    ]


MINI = """\
第一部分：某县财政局概况
一、部门主要职责
负责全县财政工作。
第二部分：某县财政局2024年度部门决算表
单位：万元部门：某县财政局
表1
一般公共预算财政拨款支出决算表
项目
本年支出合计 基本支出 项目支出
功能分类科目编码 科目名称
栏次 1 2 3
合计 10.00 6.00 4.00
201 一般公共服务支出 10.00 6.00 4.00
20106
财政事务
10.00 6.00 4.00
2010601 行政运行 6.00 6.00 0.00
2010602 一般行政管理事务 4.00 0.00 4.00
注：本表反映部门本年度一般公共预算财政拨款实际支出情况。
表2
政府采购情况表
项目 金额
栏次 1
合计 3.00
第三部分：某县财政局2024年度部门决算情况说明
一、收入支出决算总体情况说明
总收入10万元。
"""


def test_a_table_numbered_otherwise_is_recognised_by_title():
    report = read_text(MINI, "mini.txt")
    t5 = report.table("T5")
    assert t5.number == "表1"
    assert [row.key for row in t5.rows] == ["", "201", "20106", "2010601", "2010602"]
    assert t5.row("20106").name == "财政事务"
    assert report.metadata.year == 2024 and report.metadata.entity == "某县财政局"
    codes = {u.code for u in report.unrecognized}
    assert codes == {"table-unknown"}
    other = report.tables[1]
    assert other.kind == "" and other.number == "表2" and other.rows[0].cells[0].amount == Decimal("3.00")


def test_rows_that_do_not_fill_the_columns_are_reported_not_guessed():
    text = MINI.replace("2010602 一般行政管理事务 4.00 0.00 4.00", "2010602 一般行政管理事务 4.00 4.00")
    report = read_text(text, "mini.txt")
    assert report.table("T5").row("2010602") is None
    notice = next(u for u in report.unrecognized if u.code == "row-incomplete")
    assert notice.source.line == 18 and "2010602" in notice.message


def test_unknown_header_columns_named_by_column_number():
    text = MINI.replace("本年支出合计 基本支出 项目支出", "总额 人员 其他")
    report = read_text(text, "mini.txt")
    t5 = report.table("T5")
    assert [c.key for c in t5.columns] == ["栏次1", "栏次2", "栏次3"]
    assert any(u.code == "header-unknown" for u in report.unrecognized)


def test_truncated_report_reads_what_is_there():
    text = MINI.split("2010602")[0]
    report = read_text(text, "cut.txt")
    assert report.table("T5").row("2010601") is not None
    truncated = [u for u in report.unrecognized if u.code == "truncated"]
    assert len(truncated) == 1 and "情况说明" in truncated[0].message


def test_decode_gb18030_and_refuse_binary():
    assert decode("收入决算表".encode("gb18030"), "x") == ("收入决算表", "gb18030")
    with pytest.raises(UndecodableText):
        decode(b"\x00\x01\x02binary", "x")
    with pytest.raises(UndecodableText):
        decode(bytes(range(1, 32)) * 50, "x")


def test_binary_formats_are_named():
    assert sniff(b"%PDF-1.7 ...") == "pdf"
    assert sniff(b"PK\x03\x04...") == "zip"
    with pytest.raises(DamagedPdf):
        read_bytes(b"%PDF-1.4\n", "a.pdf")
    with pytest.raises(UnsupportedFormat):
        read_bytes(b"\x89PNG\r\n\x1a\n" + b"\x00" * 32, "scan.png")


def test_text_that_is_no_report():
    with pytest.raises(NotAReport):
        read_text("这是一封普通的信。\n此致\n敬礼\n", "letter.txt")
    with pytest.raises(NotAReport):
        read_text("\n \n", "blank.txt")


def test_of_which_rows_are_marked_and_not_summed():
    from juesuan.checks import check

    text = MINI.replace(
        "表2\n政府采购情况表",
        "表3\n收入支出决算总表\n收入 支出\n项目 行次 决算数 项目 行次 决算数\n栏次 1 栏次 2\n"
        "一、一般公共预算财政拨款收入 1 10.00 一、一般公共服务支出 31 10.00\n"
        "9 其中：行政运行 32 6.00\n"
        "本年收入合计 27 10.00 本年支出合计 57 10.00\n"
        "年初结转和结余 29 0.00 年末结转和结余 59 0.00\n"
        "总计 30 10.00 总计 60 10.00\n"
        "表2\n政府采购情况表",
    )
    report = read_text(text, "mini.txt")
    t1 = report.table("T1")
    assert t1.row("32").role == "of_which" and t1.row("31").code == "201"
    assert not [f for f in check(report) if f.rule in ("JS103", "JS610")]


def test_heading_between_number_and_title_and_blank_cells():
    text = (
        "第二部分 某县教育局2023年度部门决算表\n公开03表\n部门：某县教育局 金额单位：元\n支出决算表\n项目\n"
        "本年支出合计 基本支出 项目支出 上缴上级支出 经营支出 对附属单位补助支出\n功能分类科目编码 科目名称\n栏次 1 2 3 4 5 6\n"
        "合计 1,200,000.00 800,000.00 400,000.00 - - -\n205 教育支出 1,200,000.00 800,000.00 400,000.00 - - -\n"
        "20501 教育管理事务 1,200,000.00 800,000.00 400,000.00 - - -\n2050101 行政运行 800,000.00 800,000.00 - - - -\n"
        "2050199 其他教育管理事务支出 400,000.00 - 400,000.00 - - -\n注：本表反映部门本年度各项支出情况。\n"
    )
    report = read_text(text, "yuan.txt")
    t3 = report.table("T3")
    assert (t3.number, t3.unit, t3.entity, t3.entity_label) == ("公开03表", "元", "某县教育局", "部门")
    assert report.metadata.unit == "元"
    row = t3.row("2050199")
    assert [(c.column, c.text) for c in row.cells] == [("本年支出合计", "400,000.00"), ("项目支出", "400,000.00")]
