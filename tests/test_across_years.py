"""The Jiangsu budget series 2017→2018→2019, checked year against year (JS90x).

Every error expected here was verified by hand against both PDFs (pdftotext -layout and
the rendered pages): the sentence of this year's report and the figure last year's
report printed for the same subject. Every other stated change agrees with last year's
report, and no error may be raised for it.
"""

from __future__ import annotations

import re
from decimal import Decimal
from functools import cache
from pathlib import Path

import pytest

from juesuan.checks.across import check_previous
from juesuan.checks.across_statements import statements, subject_key
from juesuan.model import Cell, Report, Row, Table
from juesuan.read import read_path

FIXTURES = Path(__file__).parent / "fixtures" / "real" / "yusuan"


def _text_file(department: str, year: int) -> Path:
    for suffix in ("-budget.pdf", "-budget-text.pdf"):
        path = FIXTURES / f"jiangsu-{department}-{year}{suffix}"
        if path.exists():
            return path
    raise FileNotFoundError(department, year)


@cache
def _report(department: str, year: int) -> Report:
    return read_path(_text_file(department, year))


# (department, year) → the errors and warnings expected: (rule, words of this year's
# sentence, last year's figure the finding cites)
EXPECTED: dict[tuple[str, int], set[tuple[str, str, str]]] = {
    ("procuratorate", 2018): {
        # 21,955.35 − 3,958.67 = 17,996.68 as 2017 printed, but 3,958.67 / 17,996.68 = 22.00%, not 21.95%
        ("JS902", "收、支预算总计各增加3,958.67万元，增长21.95 %", "17,996.68万元"),
        # 2017 printed 17,981.68; 21,940.96 − 3,958.98 = 17,981.98 (the same report's 一般公共预算 line says 3,959.28)
        ("JS901", "省检察院2018年度财政拨款收、支总预算 21,940.96万元", "17,981.68万元"),
        ("JS901", "省检察院2018年财政拨款预算支出 21,940.96万元", "17,981.68万元"),
        ("JS901", "省检察院2018年一般公共预算财政拨款支出预算21,940.96万元，与上年相比增加 3,958.98万元", "17,981.68万元"),
        # 21.8 / 3,644.20 (2017's 财政拨款支出预算表, 2040402) = 0.60%, printed 0.06%
        ("JS902", "一般行政管理事务（项）支出3,666万元，与上年相比增加 21.8万元，增长 0.06%", "3,644.20万元"),
        # 2018: 100万元 '与上年预算数相等'; 2017 printed 110万元
        ("JS901", "因公出国（境）费预算支出 100 万元，与上年预算数相等", "110万元"),
    },
    ("procuratorate", 2019): {
        # 2,214.39 / 21,955.35 = 10.09%, printed 10.06%
        ("JS902", "收、支预算总计各增加2214.39万元，增长10.06%", "21,955.35万元"),
        # 1,237.7 / 5,573 = 22.21%; 13.22% is the percent of the 基本支出 line above
        ("JS902", "项目支出预算数为4335.3万元", "5,573万元"),
        # 368.97 / 1,073.77 (2018's 财政拨款支出预算表, 2210201; its narrative states no 住房公积金 figure) = 34.36%, printed 34.38%
        ("JS902", "住房公积金（项）支出1442.74万元，与上年相比增加368.97万元，增加34.38%", "1,073.77万元"),
    },
    ("npc-office", 2018): {
        # 1,557.29 / 128.43 = 1212.56%; 1312.56% is 1,685.72 / 128.43
        ("JS902", "单位预留机动经费预算数为1685.72万元", "128.43万元"),
    },
    ("npc-office", 2019): set(),
    ("cppcc-office", 2018): {
        # 2,233.13 / 3,348.98 = 66.68%, printed 66.69%: the last digit (warning)
        ("JS904", "机关运行经费预算支出1,115.85万元，与上年相比减少2,233.13万元，下降66.69%", "3,348.98万元"),
    },
    ("cppcc-office", 2019): set(),
    ("party-office", 2018): set(),
    ("party-office", 2019): {
        # 878.93 / 3,015.16 = 29.15%, printed 30%
        ("JS904", "住房保障（类）支出3894.09万元", "3,015.16万元"),
    },
}


@pytest.mark.parametrize(("department", "year"), sorted(EXPECTED))
def test_series_year_against_year(department: str, year: int) -> None:
    current, previous = _report(department, year), _report(department, year - 1)
    findings = check_previous(current, previous, _text_file(department, year - 1).name)
    flagged = [f for f in findings if f.severity != "info"]
    expected = EXPECTED[(department, year)]
    for rule, sentence, cited in expected:
        assert any(f.rule == rule and sentence in f.quote and cited in f.message for f in flagged), (
            rule,
            sentence,
            [(f.rule, f.quote, f.message) for f in flagged],
        )
    assert len(flagged) == len(expected), [(f.rule, f.quote, f.message) for f in flagged]
    for finding in flagged:
        # both documents named: this year's sentence and last year's, with its page
        assert finding.quote and finding.source is not None and finding.source.page
        assert finding.cells and finding.cells[0].table == "other" and finding.cells[0].page
        assert str(year - 1) in finding.cells[0].column


def test_every_stated_change_is_compared_or_said_to_be_unchecked() -> None:
    """Each change against last year gives a verdict: agreement (nothing), an error or
    warning, or an info that it was not checked (JS903) — never silence by omission."""
    current, previous = _report("cppcc-office", 2019), _report("cppcc-office", 2018)
    changes = {(s.key, s.amount, s.change.text) for s in statements(current) if s.change is not None}
    findings = check_previous(current, previous, "2018.pdf")
    unchecked = [f for f in findings if f.rule == "JS903"]
    assert len(changes) >= 30
    assert len(unchecked) < len(changes) / 4  # most of the narrative is matched to last year's


def test_a_changed_figure_of_last_year_is_flagged() -> None:
    """Mutation: alter one figure of last year's report; the change that restates it fails."""
    from dataclasses import replace

    current, previous = _report("cppcc-office", 2019), _report("cppcc-office", 2018)
    narrative = tuple(replace(p, text=re.sub(r"412\.50(\s*万元)", r"413.60\1", p.text)) for p in previous.narrative)
    assert narrative != previous.narrative
    findings = check_previous(current, replace(previous, narrative=narrative), "2018.pdf")
    errors = [f for f in findings if f.severity == "error"]
    assert [f.rule for f in errors] == ["JS901"]
    assert "公务接待费预算支出397.5万元，比上年预算减少15万元" in errors[0].quote
    assert errors[0].expected == Decimal("413.60") and errors[0].actual == Decimal("412.5")


def test_wrong_year_is_not_compared() -> None:
    current, older = _report("npc-office", 2019), _report("npc-office", 2017)
    findings = check_previous(current, older, "2017.pdf")
    assert [f.rule for f in findings] == ["JS900"]
    assert "2017年度" in findings[0].message and "2018" in findings[0].message


@pytest.mark.parametrize(
    ("label", "key"),
    [
        ("收入、支出预算总计", "total"),
        ("公共安全（类）支出", "class:公共安全"),
        ("社会保障和就业支出", "class:社会保障和就业"),
        ("住房改革支出（款）住房公积金（项）", "item:住房改革/住房公积金"),
        ("党委办公厅（室）及相关机构事务（款）行政运行（项）支出", "item:党委办公厅（室）及相关机构事务/行政运行"),
        ("一般公共预算拨款安排的会议费预算支出", "meeting"),
        ("主要用于离休费", None),
    ],
)
def test_subject_keys(label: str, key: str | None) -> None:
    assert subject_key(label, 2018) == key


def test_cli_check_previous() -> None:
    import json

    from typer.testing import CliRunner

    from juesuan.cli import app

    runner = CliRunner()
    current, previous = _text_file("npc-office", 2018), _text_file("npc-office", 2017)
    result = runner.invoke(app, ["check", str(current), "--previous", str(previous), "--format", "json"])
    assert result.exit_code == 1, result.output
    data = json.loads(result.stdout[result.stdout.index("{") :])
    rules = [f["rule"] for f in data["findings"]]
    assert rules.count("JS902") == 1 and "JS901" not in rules
    both = runner.invoke(app, ["check", str(current), str(previous), "--previous", str(previous)])
    assert both.exit_code == 2 and "只能用于一个报告" in both.output and "Traceback" not in both.output


@pytest.mark.parametrize("year", [2024, 2025])
def test_shanghai_series_agrees(year: int) -> None:
    """Wanli subdistrict states its changes against the year named ('比2024年预算减少10万元');
    each agrees with that year's published budget, so nothing but infos."""
    current = read_path(FIXTURES / f"shanghai-putuo-wanli-subdistrict-{year}-budget.pdf")
    previous = read_path(FIXTURES / f"shanghai-putuo-wanli-subdistrict-{year - 1}-budget.pdf")
    findings = check_previous(current, previous, f"{year - 1}.pdf")
    assert [f for f in findings if f.severity != "info"] == []
    compared = [s for s in statements(current) if s.change is not None and s.key is not None]
    assert len(compared) >= 5


def _final_and_derived_previous() -> tuple[Report, Report, dict[tuple[str, str, str], Decimal]]:
    """The Jiangmen 2024 决算 and a 2023 决算 derived from it: every cell a change claim
    restates set to the figure the claim implies (this year − the change)."""
    from dataclasses import replace as copy

    from conftest import JIANGMEN

    from juesuan.model import map_cells
    from juesuan.model.refs import resolve
    from juesuan.pipeline import read_and_check
    from juesuan.profiles import profile_of

    checked = read_and_check(JIANGMEN)
    report = checked.report
    quantities = profile_of(report).narrative.quantities
    implied: dict[tuple[str, str, str], Decimal] = {}
    for claim in checked.claims:
        if claim.kind != "change" or claim.base != "上年决算数" or claim.amount is None or claim.signed_change is None:
            continue
        q = quantities.get(claim.quantity)
        found = resolve(report, q.refs[0]) if q is not None and len(q.refs) == 1 else None
        if found is not None and len(found.cells) == 1:
            ref = found.cells[0]
            implied[(ref.table, ref.row, ref.column)] = claim.amount - claim.signed_change

    def last_year(table: Table, row: Row, cell: Cell) -> Cell:
        value = implied.get((table.kind, row.key, cell.column))
        return cell if value is None else copy(cell, amount=value, text=str(value))

    previous = copy(map_cells(report, last_year), metadata=copy(report.metadata, year=2023))
    return report, previous, implied


def test_final_accounts_against_last_years_final_accounts() -> None:
    """No two consecutive 决算 of one department are in the corpus: a derived pair. Each
    '比上年决算数…' claim is checked against the cells last year's 决算 prints for it."""
    from juesuan.pipeline import across_findings

    report, previous, implied = _final_and_derived_previous()
    assert len(implied) >= 15  # 表1 income rows, 表3 basic/project, 表9, 表6 公用经费 …
    assert across_findings(report, previous, previous_name="derived-2023.txt") == ()
    running = next(key for key in implied if key[0] == "T6")  # 机关运行经费 = 表6 公用经费合计
    altered = previous.table("T6")
    assert altered is not None

    from dataclasses import replace as copy

    from juesuan.model import map_cells

    def bump(table: Table, row: Row, cell: Cell) -> Cell:
        if (table.kind, row.key, cell.column) == running:
            return copy(cell, amount=cell.amount + 1, text=str(cell.amount + 1))
        return cell

    findings = across_findings(report, map_cells(previous, bump), previous_name="derived-2023.txt")
    assert [(f.rule, f.severity) for f in findings] == [("JS901", "error")]
    assert "比上年决算数减少1.29万元" in findings[0].quote and findings[0].expected == implied[running] + 1
    assert findings[0].cells[0].table == "other" and "表6" in findings[0].cells[0].column
