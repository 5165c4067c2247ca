"""The two real reports are read exactly, cell for cell."""

from __future__ import annotations

from decimal import Decimal

import pytest
from conftest import GOLDEN, JIANGMEN, LIANJIANG
from identities import load, verify

from juesuan.model import TABLE_KINDS
from juesuan.model.serialize import dumps, loads
from juesuan.model.tidy import to_csv
from juesuan.read import read_path


def test_tidy_csv_matches_golden(corpus_path):
    assert to_csv(read_path(corpus_path)) == (GOLDEN / f"{corpus_path.stem}.csv").read_text(encoding="utf-8")


def test_golden_satisfies_domain_identities(corpus_path):
    assert verify(load(GOLDEN / f"{corpus_path.stem}.csv")) == []


def test_identity_verifier_rejects_a_wrong_golden(corpus_path, tmp_path):
    # A golden file with one misread cell must fail verification.
    lines = (GOLDEN / f"{corpus_path.stem}.csv").read_text(encoding="utf-8").splitlines()
    index = next(i for i, line in enumerate(lines) if line.startswith("T3,") and ",基本支出," in line and not line.endswith(",0.00"))
    table, row, name, column, amount = lines[index].split(",")
    lines[index] = ",".join([table, row, name, column, str(Decimal(amount) + Decimal("0.05"))])
    wrong = tmp_path / "wrong.csv"
    wrong.write_text("\n".join(lines) + "\n", encoding="utf-8")
    assert verify(load(wrong))


def test_every_printed_amount_is_one_cell(corpus_path):
    import re

    report = read_path(corpus_path)
    text = corpus_path.read_text(encoding="utf-8").split("\n")
    first = min(t.source.line for t in report.tables)
    last = max(t.end_line for t in report.tables)
    printed = sum(
        len(re.findall(r"(?<![\d.])\d{1,3}(?:,\d{3})*\.\d\d(?!\d)", line)) for line in text[first - 1 : last] if not line.startswith("注")
    )
    assert printed == sum(len(row.cells) for table in report.tables for row in table.rows)


def test_all_nine_tables_recognised_without_notices(corpus_path):
    report = read_path(corpus_path)
    assert [t.kind for t in report.tables] == list(TABLE_KINDS)
    assert report.unrecognized == ()


def test_json_round_trip_is_byte_identical(corpus_path):
    report = read_path(corpus_path)
    text = dumps(report)
    again = loads(text)
    assert again == report
    assert dumps(again) == text


def test_metadata_lianjiang():
    meta = read_path(LIANJIANG).metadata
    assert (meta.entity, meta.scope, meta.year, meta.unit) == ("廉江市医疗保障局", "部门", 2023, "万元")
    assert meta.consolidated_units == ("廉江市医疗保障服务中心",)
    assert meta.consolidated_count == 1
    assert meta.encoding == "utf-8"


def test_metadata_jiangmen():
    meta = read_path(JIANGMEN).metadata
    assert (meta.entity, meta.scope, meta.year, meta.unit) == ("江门市医疗保障局（本级）", "单位", 2024, "万元")
    assert meta.consolidated_units == ()


def test_cells_keep_printed_precision_and_source():
    report = read_path(JIANGMEN)
    cell = report.table("T1").row("1").cell("收入/决算数")
    assert cell.amount == Decimal("1956.92") and cell.decimals == 2 and cell.text == "1,956.92"
    assert (cell.source.page, cell.source.line) == (3, 93)
    # a row continued after a page break keeps the page it is printed on
    row = report.table("T4").row("55")
    assert row.name == "二十三、其他支出" and row.cells[0].source.page == 10
    assert read_path(JIANGMEN).table("T4").source.page == 9


def test_wrapped_code_and_name_are_joined():
    table = read_path(JIANGMEN).table("T7")
    row = table.row("2121399")
    assert row.name == "其他城市基础设施配套费安排的支出"
    assert [str(c.amount) for c in row.cells] == ["0.00", "4.92", "4.92", "0.00", "4.92", "0.00"]
    assert row.source.line == 707
    assert table.row("21213").name == "城市基础设施配套费安排的支出"


def test_two_sided_rows_keep_both_sides():
    table = read_path(LIANJIANG).table("T4")
    assert table.row("29").role == "opening_general" and table.row("29").cells[0].amount == Decimal("21.58")
    assert table.row("61").name == "" and table.row("61").cells == ()
    total = table.row("64")
    assert [c.column for c in total.cells] == [
        "支出/合计",
        "支出/一般公共预算财政拨款",
        "支出/政府性基金预算财政拨款",
        "支出/国有资本经营预算财政拨款",
    ]
    assert read_path(LIANJIANG).table("T1").row("39").code == "210"


def test_economic_table_sides_and_totals():
    table = read_path(LIANJIANG).table("T6")
    assert table.row("30299").side == "public"  # printed alone on the right after the left side ended
    assert table.row("30399").side == "personnel"
    totals = {row.role: row.cells[0].amount for row in table.rows if row.role}
    assert totals == {"personnel_total": Decimal("658.63"), "public_total": Decimal("14.82")}


def test_empty_tables_carry_their_note():
    report = read_path(LIANJIANG)
    for kind in ("T7", "T8"):
        table = report.table(kind)
        assert table.no_activity
        assert [row.name for row in table.rows] == ["合计"]
        assert all(cell.amount == 0 for cell in table.rows[0].cells)
    assert not report.table("T6").no_activity


def test_narrative_paragraphs_are_joined_across_lines_and_pages():
    report = read_path(JIANGMEN)
    texts = [p.text for p in report.narrative]
    assert (
        "8.其他收入0.19万元，比上年决算数减少0.12万元，下降38.6%。主要变动情况：一是银行利息收入减少，二是2024年党组织活动经费通过财政指标下达。"
        in texts
    )
    # broken at a page start (line 1033/1034) in the middle of an amount's unit
    joined = next(t for t in texts if t.startswith("组织单位整体支出绩效自评"))
    assert "涉及一般公共预算支出1956.92万元，政府性基金预算支出344.92万元" in joined
    paragraph = next(p for p in report.narrative if p.text.startswith("组织单位整体支出绩效自评"))
    assert paragraph.source_at(joined.index("万元，政府性")).line == 1034


@pytest.mark.parametrize("path,terms", [(LIANJIANG, 15), (JIANGMEN, 15)])
def test_glossary_terms(path, terms):
    glossary = read_path(path).glossary
    assert len(glossary) == terms
    assert glossary[0].term == "财政拨款收入"
    assert glossary[-1].term == "机关运行经费"
    assert glossary[-1].definition.endswith("公务用车运行维护费以及其他费用。")


def test_parts_in_official_order(corpus_path):
    assert [p.kind for p in read_path(corpus_path).parts] == ["overview", "tables", "narrative", "glossary"]


def test_pages_and_printed_labels():
    report = read_path(LIANJIANG)
    labelled = {page.index: page.label for page in report.pages if page.label}
    assert labelled == {8: "8", 24: "24"}
