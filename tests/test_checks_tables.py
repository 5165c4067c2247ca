"""Table checks: the corpus is clean; each kind of break is found with the right cells."""

from __future__ import annotations

import json
import subprocess
import sys
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import JIANGMEN, LIANJIANG, ROOT

from juesuan.checks import RULES, catalog, check
from juesuan.checks.completeness import COMPLETENESS
from juesuan.checks.docs import rules_markdown
from juesuan.checks.table_rules import TABLE_RULES
from juesuan.model import SEVERITIES
from juesuan.model.interval import Interval, total
from juesuan.read import read_path, read_text


def test_corpus_reports_raise_no_finding(corpus_path):
    # Both published reports satisfy every hard identity within rounding (e.g. 表1 R57
    # 812.81 vs its parts 812.82 in Lianjiang) and every soft relation: 表5 ≤ 表3 per
    # subject, 表6 三公 items ≤ 表9 决算数 (Lianjiang 30231 2.79 ≤ 4.45), 表6 30108/30109
    # equal 表5 2080505/2080506 basic spending. All codes and names are in the catalog.
    assert check(read_path(corpus_path), TABLE_RULES + COMPLETENESS) == ()
    # the whole catalog: the only errors are the narrative's real published errors
    # (asserted with their reasons in test_claims_corpus.py)
    errors = {f.rule for f in check(read_path(corpus_path)) if f.severity == "error"}
    assert errors <= {"JS707", "JS710"}


def test_rounding_noise_passes_and_short_sum_error_is_caught():
    parts = [Interval.printed(Decimal("31.26"))] * 26
    assert Interval.printed(Decimal("812.81")).meets(total(parts) + Interval.exact(Decimal("-0.01")) + Interval.exact(Decimal("0.00")))
    short = total([Interval.printed(Decimal("28.31")), Interval.printed(Decimal("41.17"))])
    assert not Interval.printed(Decimal("69.53")).meets(short)  # 0.05 off a two-part sum
    assert Interval.printed(Decimal("69.49")).meets(short)  # 0.01: rounding
    assert Interval.printed(Decimal("836.2")).meets(Interval.printed(Decimal("836.20")))
    assert not Interval.printed(Decimal("836.3")).meets(Interval.printed(Decimal("836.20")))


def _mutated(path: Path, old: str, new: str):
    text = path.read_text(encoding="utf-8")
    assert text.count(old) >= 1, old
    return read_text(text.replace(old, new, 1), path.name)


def _errors(report):
    """Errors from the table rules (the narrative's own are tested with the claims)."""
    return [f for f in check(report, TABLE_RULES + COMPLETENESS) if f.severity == "error"]


def test_total_break_names_every_cell_and_the_size():
    report = _mutated(LIANJIANG, "本年收入合计 27 814.62 本年支出合计 57 812.81", "本年收入合计 27 814.62 本年支出合计 57 813.81")
    findings = {f.rule: f for f in _errors(report)}
    assert set(findings) == {"JS103", "JS104", "JS404"}
    f = findings["JS103"]
    assert f.message == "表1 第57行 本年支出合计 813.81，与表1 第31—56行之和 812.82 相差 0.99（尾数容差 ±0.135）"
    assert (f.actual, f.expected, f.difference, f.tolerance) == (Decimal("813.81"), Decimal("812.82"), Decimal("0.99"), Decimal("0.135"))
    assert len(f.cells) == 27
    assert (f.cells[0].table, f.cells[0].row, f.cells[0].column, f.cells[0].page, f.cells[0].line) == ("T1", "57", "支出/决算数", 3, 115)


def test_a_row_that_does_not_add_up():
    report = _mutated(
        LIANJIANG, "2101502 一般行政管理事务 69.48 28.31 41.17 0.00 0.00 0.00", "2101502 一般行政管理事务 69.48 28.36 41.17 0.00 0.00 0.00"
    )
    rules = sorted(f.rule for f in _errors(report))
    assert rules == ["JS203", "JS303"]
    row_sum = next(f for f in _errors(report) if f.rule == "JS203")
    assert row_sum.message.startswith("表3 2101502 一般行政管理事务：「本年支出合计」栏 69.48，与「基本支出」栏")
    assert row_sum.difference == Decimal("-0.05") and row_sum.tolerance == Decimal("0.030")


def test_cross_table_class_mismatch():
    report = _mutated(JIANGMEN, "九、卫生健康支出 39 1,588.52", "九、卫生健康支出 39 1,598.52")
    rules = {f.rule for f in _errors(report)}
    assert {"JS103", "JS405"} <= rules
    f = next(f for f in _errors(report) if f.rule == "JS405")
    assert "表3 210 卫生健康支出「本年支出合计」栏 1588.52" in f.message and "表1 第39行 九、卫生健康支出 1598.52" in f.message


def test_soft_relation_is_a_warning():
    report = _mutated(LIANJIANG, "30231 公务用车运行维护费 2.79", "30231 公务用车运行维护费 5.79")
    warnings = [f for f in check(report, TABLE_RULES + COMPLETENESS) if f.severity == "warning"]
    assert [f.rule for f in warnings] == ["JS503"]
    assert "大于表9" in warnings[0].message


def test_sangong_identity():
    report = _mutated(
        JIANGMEN,
        "1.05 0.00 1.05 0.00 1.05 0.00 1.05 0.00 1.05 0.00 1.05 0.00",
        "1.05 0.00 1.05 0.00 1.05 0.00 1.15 0.00 1.05 0.00 1.05 0.00",
    )
    assert [f.rule for f in _errors(report)] == ["JS131"]  # 决算数 合计 1.15 ≠ 0.00 + 1.05 + 0.00


def test_missing_table_and_unread_rows():
    text = LIANJIANG.read_text(encoding="utf-8")
    start = text.index(" 单位：万元部门：廉江市医疗保障局\n\n表8")
    end = text.index(" 单位：万元部门：廉江市医疗保障局\n\n表9")
    report = read_text(text[:start] + text[end:], "no-t8.txt")
    missing = [f for f in check(report) if f.rule == "JS601"]
    assert len(missing) == 1 and missing[0].severity == "error" and "表8" in missing[0].message

    report = _mutated(
        LIANJIANG, "2101506 医疗保障经办事务 46.53 0.00 46.53 0.00 0.00 0.00", "2101506 医疗保障经办事务 46.53 0.00 46.53 0.00 0.00"
    )
    unread = [f for f in check(report) if f.rule == "JS603"]
    assert unread and unread[0].severity == "warning" and unread[0].source.line == 260


def test_empty_table_without_its_note():
    report = _mutated(
        LIANJIANG,
        "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。\n　　本表本年度无发生额。",
        "注：本表反映部门本年度国有资本经营预算财政拨款支出情况。",
    )
    found = [f for f in check(report) if f.rule == "JS604"]
    assert len(found) == 1 and found[0].severity == "warning" and "表8" in found[0].message


def test_catalog_checks():
    report = _mutated(LIANJIANG, "2101550 事业运行 289.61 289.61 0.00\n", "2101550 事业运转 289.61 289.61 0.00\n")  # 表5 only
    names = [f for f in check(report) if f.rule == "JS607"]
    assert len(names) == 1 and "事业运转" in names[0].message and "事业运行" in names[0].message
    assert names[0].cells[0].table == "T5"

    report = _mutated(
        JIANGMEN,
        "2296013 用于城乡医疗救助的彩票公益金支出 340.00 340.00 0.00 0.00 0.00 0.00 0.00",
        "2296099 用于城乡医疗救助的彩票公益金支出 340.00 340.00 0.00 0.00 0.00 0.00 0.00",
    )
    info = [f for f in check(report) if f.rule == "JS606"]
    assert len(info) == 1 and info[0].severity == "info"

    report = _mutated(
        JIANGMEN, "201 一般公共服务支出 2.39 2.39 0.00 0.00 0.00 0.00 0.00", "218 一般公共服务支出 2.39 2.39 0.00 0.00 0.00 0.00 0.00"
    )
    unknown = [f for f in check(report) if f.rule == "JS605"]
    assert len(unknown) == 1 and unknown[0].severity == "warning"
    orphans = [f for f in check(report) if f.rule == "JS609"]
    assert orphans and "20103" in orphans[0].message


def test_rule_catalog_is_well_formed():
    codes = [rule.code for rule in catalog()]
    assert len(codes) == len(set(codes))
    for rule in RULES:
        assert rule.severity in SEVERITIES and rule.title and rule.relation
        assert rule.tables or rule.family not in ("identity", "row-sum", "hierarchy", "cross", "soft"), rule.code


def test_rules_doc_is_generated_from_the_catalog():
    assert (ROOT / "docs" / "rules.md").read_text(encoding="utf-8") == rules_markdown(), "run: juesuan rules --format md > docs/rules.md"


def _cli(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, timeout=60)


def test_check_cli_exit_codes_and_json(tmp_path):
    published = _cli("check", str(JIANGMEN), "--format", "json")
    assert published.returncode == 1  # the narrative's 政府采购 shares and inverted 完成率 are errors
    document = json.loads(published.stdout)
    assert {f["rule"] for f in document["findings"] if f["severity"] == "error"} == {"JS707", "JS710"}

    broken = tmp_path / "broken.txt"
    broken.write_text(
        LIANJIANG.read_text(encoding="utf-8").replace("总计 30 836.20 总计 60 836.20", "总计 30 836.20 总计 60 836.30"), encoding="utf-8"
    )
    result = _cli("check", str(broken), "--format", "json")
    assert result.returncode == 1
    document = json.loads(result.stdout)
    assert document["summary"]["error"] >= 1
    finding = document["findings"][0]
    assert set(finding) >= {"rule", "severity", "message", "cells", "expected", "actual", "difference"}
    assert set(finding["cells"][0]) >= {"table", "row", "column", "page", "line"}

    text = _cli("check", str(broken), str(JIANGMEN))
    assert text.returncode == 1 and "错误" in text.stdout and "合计：错误 2，警告 3，" in text.stdout
    assert "原文：" in text.stdout  # narrative findings quote the sentence

    missing = _cli("check", str(broken), str(tmp_path / "absent.txt"), "--format", "json")
    assert missing.returncode == 2 and "不存在" in missing.stderr and "Traceback" not in missing.stderr
    assert json.loads(missing.stdout)["unreadable"][0]["file"].endswith("absent.txt")


@pytest.mark.parametrize("path", [LIANJIANG, JIANGMEN], ids=["lianjiang", "jiangmen"])
def test_rules_never_crash_on_partial_reports(path):
    lines = path.read_text(encoding="utf-8").split("\n")
    for cut in range(60, len(lines), 97):
        report = read_text("\n".join(lines[:cut]), "cut.txt")
        assert all(f.rule != "JS000" for f in check(report)), cut


def test_scanned_pages_invent_no_findings():
    from conftest import ROOT as root

    report = read_path(root / "tests" / "fixtures" / "scanned.pdf")
    findings = check(report)
    assert [f.rule for f in findings if f.severity == "error"] == []
    (scanned,) = [f for f in findings if f.rule == "JS611"]
    assert scanned.severity == "warning" and "扫描图像" in scanned.message
    assert not [f for f in findings if f.rule in ("JS601", "JS811", "JS812", "JS816")]
