"""Budget reports rendered from data (render/budget_report.py), read back; and the
--budget check on derived pairs.

No real 预算 and 决算 of one department and year is in the corpus, so a 决算 is checked
against a budget derived from its own 年初预算数 (表9 预算数, the narrative's
'比年初预算数…'), rendered as a budget document and read back: unaltered it agrees;
with one figure altered, that figure is flagged (JS911) naming both documents.
"""

from __future__ import annotations

import json
from collections import defaultdict
from dataclasses import replace
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import JIANGMEN
from typer.testing import CliRunner

from juesuan.checks.across_statements import figures, report_year, statements
from juesuan.cli import app
from juesuan.model import ProfileChoice, Report
from juesuan.model.serialize import dumps
from juesuan.model.tidy import to_csv
from juesuan.pipeline import Checked, check_across, read_and_check
from juesuan.read import read_path
from juesuan.render.budget_report import build_budget_document, change_words, figures_from_final
from juesuan.render.registry import default_registry

YUSUAN = Path(__file__).parent / "fixtures" / "real" / "yusuan"


def _by_table(report: Report) -> dict[str, list[str]]:
    out: dict[str, list[str]] = defaultdict(list)
    for line in to_csv(report).splitlines()[1:]:
        out[line.split(",", 1)[0]].append(line)
    return out


@pytest.mark.parametrize(
    ("name", "year"),
    [("jiangsu-procuratorate", 2018), ("jiangsu-npc-office", 2018), ("shanghai-putuo-wanli-subdistrict", 2025)],
)
def test_budget_round_trip(tmp_path: Path, name: str, year: int) -> None:
    """Jiangsu (万元, three-sided summary) and Shanghai (元 tables, 万元 narrative)."""
    current = read_path(YUSUAN / f"{name}-{year}-budget.pdf")
    previous = read_path(YUSUAN / f"{name}-{year - 1}-budget.pdf")
    given, last = figures(current), figures(previous)
    document = build_budget_document(current, given, last)
    target = tmp_path / "budget.html"
    default_registry().get("html").write(document, target)
    back = read_path(target)
    assert back.profile is not None and back.profile.family == "yusuan"
    assert (back.metadata.entity, report_year(back)) == (current.metadata.entity, year)
    before, after = _by_table(current), _by_table(back)
    assert len(before) >= 7 and "B1" in before and "B4" in before  # the summaries with their sides too
    assert after == before
    # the narrative reads back as written: every figure, and each change = this year − last year
    read_back = [s for s in statements(back) if s.key is not None]
    assert {s.key: s.amount for s in read_back} == {k: v for k, v in given.items() if k in {s.key for s in read_back}}
    assert len({s.key for s in read_back}) >= 8
    for s in read_back:
        if s.key in last:
            assert s.change is not None and s.change.change == given[s.key] - last[s.key], s.quote
    checked = check_across(Checked(back, ()), previous, previous_name="2017.pdf")
    assert [f for f in checked.findings if f.severity != "info"] == []  # the rendered changes agree with last year


def test_change_forms() -> None:
    assert change_words(Decimal("21940.96"), Decimal("17981.68")) == "与上年相比增加3,959.28万元，增长22.02%"
    assert change_words(Decimal("100"), Decimal("110")) == "与上年相比减少10万元，下降9.09%"
    assert change_words(Decimal("700"), Decimal("700")) == "与上年预算数一致"
    assert change_words(Decimal("1045.93"), Decimal("0")) == "与上年相比增加1,045.93万元"


def _derived(tmp_path: Path, final: Checked, alter: dict[str, Decimal] | None = None) -> Path:
    """A budget document derived from the 决算's 年初预算数, rendered, as a file."""
    given = {**figures_from_final(final.report, final.claims), **(alter or {})}
    stub = replace(final.report, tables=(), overview=(), narrative=(), glossary=(), profile=ProfileChoice("yusuan", "部门预算", "yusuan"))
    target = tmp_path / "derived-budget.html"
    default_registry().get("html").write(build_budget_document(stub, given), target)
    return target


def test_final_against_derived_budget(tmp_path: Path) -> None:
    final = read_and_check(JIANGMEN)
    derived = figures_from_final(final.report, final.claims)
    # read off the Jiangmen 2024 text: 表9 预算数 1.05 (all 公务用车运行维护费), 一般公共预算 1,956.92 = 年初 − 90.08
    assert derived["sangong_total"] == Decimal("1.05") and derived["car_running"] == Decimal("1.05")
    assert derived["gpb_expenditure"] == Decimal("1956.92") + Decimal("90.08")
    budget = read_path(_derived(tmp_path, final))
    agreeing = check_across(final, budget=budget, budget_name="derived.html")
    assert [f.rule for f in agreeing.findings if f.rule.startswith("JS9") and f.severity != "info"] == []

    altered = read_path(_derived(tmp_path, final, {"car_running": Decimal("1.25"), "gpb_expenditure": Decimal("2046.90")}))
    findings = [f for f in check_across(final, budget=altered, budget_name="derived.html").findings if f.rule == "JS911"]
    subjects = sorted({f.message.split("：", 1)[0] for f in findings})
    assert subjects == ["一般公共预算财政拨款支出预算", "公务用车运行维护费"]
    t9 = [f for f in findings if f.cells and f.cells[0].table == "T9"]
    assert t9 and t9[0].cells[0].column == "预算数/公务用车购置及运行维护费/公务用车运行维护费" and t9[0].cells[-1].table == "other"
    assert "1.25万元" in t9[0].message and "derived.html" in t9[0].message
    narrative = [f for f in findings if "比年初预算数减少90.08万元" in f.quote]
    assert narrative and narrative[0].actual == Decimal("2047.00") and narrative[0].expected == Decimal("2046.90")


def test_cli_check_budget_reads_a_model_json(tmp_path: Path) -> None:
    final = read_and_check(JIANGMEN)
    altered = read_path(_derived(tmp_path, final, {"reception": Decimal("0.30")}))
    model = tmp_path / "budget.json"
    model.write_text(dumps(altered), encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(JIANGMEN), "--budget", str(model), "--format", "json"])
    data = json.loads(result.stdout[result.stdout.index("{") :])
    js911 = [f for f in data["findings"] if f["rule"] == "JS911"]
    assert js911 and all(f["message"].startswith("公务接待费") for f in js911)
    wrong_year = CliRunner().invoke(
        app, ["check", str(JIANGMEN), "--budget", str(YUSUAN / "jiangsu-npc-office-2018-budget.pdf"), "--format", "json"]
    )
    rules = [f["rule"] for f in json.loads(wrong_year.stdout[wrong_year.stdout.index("{") :])["findings"]]
    assert "JS900" in rules and "JS911" not in rules
