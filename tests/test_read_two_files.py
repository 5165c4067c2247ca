"""A report published as two files (Jiangsu: the text in one PDF, the tables in another) is
read and checked as one report: `juesuan read TEXT TABLES`, `juesuan check TEXT+TABLES`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.checks.context import Context
from juesuan.errors import InputMissing, NotAReport
from juesuan.read import read_path, read_paths

YUSUAN = Path(__file__).resolve().parent / "fixtures" / "real" / "yusuan"
# (text, tables) of each split report in the corpus
PAIRS = [
    ("jiangsu-cppcc-office-2017-budget.pdf", "jiangsu-cppcc-office-2017-budget-tables.pdf"),
    ("jiangsu-cppcc-office-2018-budget.pdf", "jiangsu-cppcc-office-2018-budget-tables.pdf"),
    ("jiangsu-cppcc-office-2019-budget.pdf", "jiangsu-cppcc-office-2019-budget-tables.pdf"),
    ("jiangsu-npc-office-2019-budget.pdf", "jiangsu-npc-office-2019-budget-tables.pdf"),
    ("jiangsu-party-office-2017-budget.pdf", "jiangsu-party-office-2017-budget-tables.pdf"),
    ("jiangsu-party-office-2018-budget-text.pdf", "jiangsu-party-office-2018-budget-tables.pdf"),
    ("jiangsu-party-office-2019-budget-text.pdf", "jiangsu-party-office-2019-budget-tables.pdf"),
]


_SHARE = ("JS708", "公务用车购置及运行费支出411.20万元，占“三公”经费的80.92%")
COMBINED_ONLY = {"jiangsu-party-office-2018-budget-text.pdf": {_SHARE}, "jiangsu-party-office-2019-budget-text.pdf": {_SHARE}}


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, timeout=120)


@pytest.mark.parametrize(("text", "tables"), PAIRS, ids=[p[0].removesuffix(".pdf") for p in PAIRS])
def test_the_two_files_are_one_report(text, tables):
    alone_text, alone_tables = read_path(YUSUAN / text), read_path(YUSUAN / tables)
    report = read_paths([YUSUAN / tables, YUSUAN / text])  # either order
    assert report.profile is not None and (report.profile.family, report.profile.id) == ("yusuan", "yusuan-jiangsu-2017")
    assert report.metadata.source_name == f"{text} + {tables}"
    assert report.metadata.year == alone_text.metadata.year and report.metadata.year is not None
    assert report.metadata.entity == alone_tables.metadata.entity  # the name every table prints (the cover may abbreviate it)
    assert report.narrative == alone_text.narrative and len(report.tables) == len(alone_tables.tables) == 12
    # the tables file's pages follow the text's
    offset = len(alone_text.pages)
    assert [p.index for p in report.pages] == list(range(1, offset + len(alone_tables.pages) + 1))
    first = report.tables[0]
    assert first.source.page == alone_tables.tables[0].source.page + offset
    assert [c.source.page for r in first.rows for c in r.cells] == [
        c.source.page + offset for r in alone_tables.tables[0].rows for c in r.cells
    ]
    findings = check(report)
    codes = {f.rule for f in findings}
    assert "JS817" not in codes and "JS811" not in codes  # neither "only tables" nor a part missing
    # the text's findings are found again (a figure now named through the tables' phrase
    # table may be worded by its quantity), and what only the tables let one see: the party
    # office's 三公 shares, of the 三公 table's 小计 (411.20 / 508.20 = 80.913%, printed 80.92%)
    text_findings = {(f.rule, f.quote) for f in check(alone_text) if f.severity != "info"}
    combined = {(f.rule, f.quote) for f in findings if f.severity != "info"}
    assert text_findings <= combined
    assert combined - text_findings == COMBINED_ONLY.get(text, set())
    assert len(Context(report).analysis.restatements) >= 7  # the narrative restates the tables, and agrees


def test_two_files_that_are_not_one_report_are_refused():
    with pytest.raises(NotAReport, match="两个文件都有表格"):
        read_paths([YUSUAN / "jiangsu-npc-office-2019-budget-tables.pdf", YUSUAN / "jiangsu-npc-office-2018-budget.pdf"])
    with pytest.raises(NotAReport, match="两个文件都没有读到表格"):
        read_paths([YUSUAN / "jiangsu-npc-office-2019-budget.pdf", YUSUAN / "jiangsu-cppcc-office-2019-budget.pdf"])
    with pytest.raises(InputMissing, match="给出了 3 个"):
        read_paths([YUSUAN / "a.pdf", YUSUAN / "b.pdf", YUSUAN / "c.pdf"])


def test_cli_read_and_check_two_files():
    text, tables = (str(YUSUAN / name) for name in PAIRS[3])
    result = run("read", text, tables, "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[1] == "B1,,一、财政拨款,收入/金额,18330.37"
    result = run("check", f"{text}+{tables}", "--format", "json")
    assert result.returncode == 1, result.stderr  # the narrative's template leftovers are errors
    document = json.loads(result.stdout)
    assert "files" not in document and document["summary"]["error"] == 7  # one report: its 7 JS822
    assert {f["rule"] for f in document["findings"] if f["severity"] == "error"} == {"JS822"}
    result = run("read", text, str(YUSUAN / "jiangsu-cppcc-office-2019-budget.pdf"))
    assert result.returncode == 2 and "两个文件都没有读到表格" in result.stderr and "Traceback" not in result.stderr
