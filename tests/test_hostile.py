"""Hostile and broken input (issue 15): each failure class, committed as a tiny fixture
under tests/fixtures/hostile/ (written by tools/hostile.py), is bounded, refused with one
clear line, or read — never a traceback, an internal error, a hang or a stopped batch."""

from __future__ import annotations

import csv
import io
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from conftest import EXAMPLES, JIANGMEN, LIANJIANG, ROOT

from juesuan.errors import JuesuanError, LimitExceeded
from juesuan.limits import Limits, applied
from juesuan.model.tidy import safe_row, safe_text, text_only
from juesuan.read import read_bytes
from juesuan.read.html import table_grid
from juesuan.sandbox import Parsed, Refused, Sandbox
from juesuan.store.database import Store
from juesuan.store.export import export
from juesuan.store.ingest import ingest

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"
FILES = sorted(HOSTILE.iterdir())


def _bounded() -> None:  # the in-process CLI has no memory bound of its own (the sandbox has)
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (2 << 30, 2 << 30))


def run(*args: str, timeout: float = 60) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, timeout=timeout, preexec_fn=_bounded)


def _read(name: str, limits: Limits | None = None):
    with applied(limits or Limits()):
        return read_bytes((HOSTILE / name).read_bytes(), name)


def test_the_fixtures_are_what_the_tool_writes():
    sys.path.insert(0, str(ROOT / "tools"))
    try:
        import hostile
    finally:
        sys.path.remove(str(ROOT / "tools"))
    written = hostile.fixtures()
    assert sorted(written) == [path.name for path in FILES]
    for name, data in written.items():
        assert (HOSTILE / name).read_bytes() == data, name
        assert len(data) < 300_000, name  # tiny


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_the_command_line_answers_every_fixture_in_one_clear_line(path):
    started = time.monotonic()
    done = run("read", str(path))
    assert time.monotonic() - started < 30
    assert done.returncode in (0, 1, 2), done.stderr[-500:]
    assert "Traceback" not in done.stderr and "内部错误" not in done.stderr, done.stderr[-500:]
    errors = [line for line in done.stderr.splitlines() if line.startswith("错误")]
    if errors:
        assert len(errors) == 1 and path.name in errors[0] and done.returncode == 2 and done.stdout == ""
    else:
        json.loads(done.stdout)  # stdout is the model and nothing else (exit 2: read with gaps)


# -- declared sizes are clamped to what exists ---------------------------------------------


def test_a_huge_colspan_is_clamped_to_the_span_limit():
    grid = table_grid([[("1", 1, 999_999_999), ("2", 1, 1)]])
    assert grid.ncols == Limits().max_span + 1 and grid.nrows == 1


def test_a_huge_rowspan_is_clamped_to_the_rows_that_exist():
    grid = table_grid([[("1", 100_000, 100_000)], [("2", 1, 1)]])
    assert grid.nrows == 2 and grid.ncols == Limits().max_span + 1
    assert grid.cells[0].r1 == 1  # spans the two rows there are


def test_many_wide_spans_are_refused_at_the_cell_limit():
    with pytest.raises(LimitExceeded, match="--max-cells"):
        _read("html-spans-many-rows.html")


def test_a_cell_at_the_last_address_is_one_cell():
    report = _read("xlsx-cell-at-XFD1048576.xlsx")
    assert [cell.amount for table in report.tables for row in table.rows for cell in row.cells] == [1]


def test_a_merge_over_the_whole_sheet_costs_what_it_prints():
    started = time.monotonic()
    report = _read("xlsx-merge-A2-XFD1048576.xlsx")
    assert time.monotonic() - started < 10
    assert report.tables  # the title and the one merged value


def test_a_limit_is_raised_by_its_flag():
    done = run("--max-cells", "10000000", "read", str(HOSTILE / "html-spans-many-rows.html"))
    assert "--max-cells" not in done.stderr


# -- refused with a clear line -------------------------------------------------------------


@pytest.mark.parametrize(
    ("name", "expected"),
    [
        ("xlsx-style-index-out-of-range.xlsx", "样式编号 999 不存在"),
        ("xlsx-unsupported-compression.xlsx", "不支持的压缩方法（编号 9）"),
        ("xlsx-zip-version-11.5.xlsx", "不支持的压缩格式（zip file version 11.5）"),
        ("xlsx-shared-strings-bomb.xlsx", "--max-unpacked-bytes"),
        ("pdf-stream-bomb-1GB.pdf", "--max-unpacked-bytes"),
        ("pdf-stream-bomb-bad-checksum.pdf", "--max-unpacked-bytes"),
        ("pdf-40000-ruling-lines.pdf", "--max-ruling-segments"),
    ],
)
def test_refused_with_a_clear_line(name, expected):
    with pytest.raises(JuesuanError, match=expected.replace("(", r"\(")) as caught:
        _read(name)
    assert "\n" not in str(caught.value) and str(caught.value).startswith(name)


def test_the_stream_bomb_is_refused_before_it_is_inflated():
    done = subprocess.run(
        [
            sys.executable,
            "-c",
            "import resource,sys; from juesuan.cli import main; sys.argv=['juesuan','read',sys.argv[1]]; main()",
            str(HOSTILE / "pdf-stream-bomb-1GB.pdf"),
        ],
        capture_output=True,
        text=True,
        timeout=60,
        preexec_fn=lambda: __import__("resource").setrlimit(__import__("resource").RLIMIT_AS, (768 << 20, 768 << 20)),
    )
    assert done.returncode == 2 and "--max-unpacked-bytes" in done.stderr, done.stderr[-300:]


def test_the_shared_strings_are_read_when_the_limit_is_raised():
    with pytest.raises(JuesuanError) as caught:  # not a report: but read, not refused at the limit
        _read("xlsx-shared-strings-bomb.xlsx", Limits(max_unpacked_bytes=200 << 20))
    assert "--max-unpacked-bytes" not in str(caught.value)


# -- internal errors fixed at their cause ----------------------------------------------------


def test_zero_height_text_is_skipped_not_divided_by():
    with pytest.raises(JuesuanError, match="未识别") as caught:
        _read("pdf-zero-height-text.pdf")
    assert "共 2 行文字" in str(caught.value)  # the two lines drawn with a height


def test_an_amount_of_400_digits_is_not_read_and_said_so():
    report = _read("text-amount-400-digits.txt")
    assert any("数字过长（400 位）" in notice.message for notice in report.unrecognized)


def test_a_run_of_5000_digits_is_refused_before_any_int_meets_it():
    """int() refuses strings of more than 4300 digits: a file with a run of more than 1000
    digits (no amount or code is that long) is refused with a line naming where it is."""
    for name in ("text-amount-5000-digits.txt", "text-line-number-5000-digits.txt"):
        with pytest.raises(JuesuanError, match="第 8 行有一串 5000 位的数字"):
            _read(name)
    from juesuan.read.html import read_html

    with pytest.raises(JuesuanError, match="5000 位的数字"):
        read_html("<table><tr><td>" + "&#57;" * 5000 + "</td></tr></table>", "x.html", "utf-8")


def test_xlrd_diagnostics_become_a_notice_not_stdout():
    done = run("read", str(HOSTILE / "xls-damaged-diagnostics.xls"))
    assert done.returncode in (0, 1)
    assert not done.stdout.startswith("WARNING")
    json.loads(done.stdout)  # the warning is inside the model's notices, not before it
    report = _read("xls-damaged-diagnostics.xls")
    assert [n.code for n in report.unrecognized if n.code == "workbook-damaged"] == ["workbook-damaged"]


# -- a batch that never stops ------------------------------------------------------------


def test_an_amount_beyond_the_store_is_refused_for_that_report_only(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([HOSTILE / "text-amount-17-integer-digits.txt", LIANJIANG], store)
        assert [file for _, file in summary.added] == [str(LIANJIANG)]
        (failure,) = summary.failed
        assert "超出数据库可存储的范围" in failure.message and "12345678901234567.89" in failure.message
        assert store.count("reports") == 1


def test_a_folder_of_corpus_and_hostile_files_stores_every_good_report(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    for path in [*FILES, LIANJIANG, JIANGMEN]:
        (folder / path.name).write_bytes(path.read_bytes())
    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([folder], store, workers=2)
        added = {Path(file).name for _, file in summary.added}
        assert {LIANJIANG.name, JIANGMEN.name} <= added
        failed = {Path(f.source_file).name: f.message for f in summary.failed}
        assert summary.total == len(FILES) + 2
        assert not [m for m in failed.values() if "内部错误" in m or "\n" in m]
        for name in ("xlsx-unsupported-compression.xlsx", "pdf-stream-bomb-1GB.pdf", "text-amount-17-integer-digits.txt"):
            assert name in failed


def test_an_unexpected_exception_names_the_file():
    result = Sandbox(entry="test_hostile:boom").run(b"x", "boom.txt")
    assert isinstance(result, Refused) and result.message.startswith("boom.txt：内部错误") and "ZeroDivisionError" in result.message


def boom(data: bytes, name: str) -> dict:
    return {"ok": True, "n": 1 / 0}


def test_the_sandbox_reads_a_real_report():
    result = Sandbox().run(LIANJIANG.read_bytes(), LIANJIANG.name)
    assert isinstance(result, Parsed) and result.findings is not None


def test_children_die_with_their_parent(tmp_path):
    """kill -9 of the process that runs the sandbox leaves no child reading a file."""
    script = (
        "import sys; sys.path.insert(0, sys.argv[1]);"
        "from juesuan.sandbox import Sandbox; from juesuan.limits import Limits;"
        "Sandbox(Limits(wall_seconds=600), 'webutil:sleep').run(b'x', 'x.txt')"
    )
    parent = subprocess.Popen([sys.executable, "-c", script, str(ROOT / "tests")], start_new_session=True)
    children: list[int] = []
    for _ in range(100):
        time.sleep(0.2)
        children = _descendants(parent.pid)
        if len(children) >= 2:  # the fork server and the child it forked
            break
    assert len(children) >= 2
    os.kill(parent.pid, signal.SIGKILL)
    parent.wait()
    for _ in range(50):
        alive = [pid for pid in children if _alive(pid)]
        if not alive:
            break
        time.sleep(0.2)
    assert not alive


def _descendants(pid: int) -> list[int]:
    found: list[int] = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) in [pid, *found]:
                found.append(int(entry.name))
    return found


def _alive(pid: int) -> bool:
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except OSError:
        return False
    return state != "Z"


# -- output hygiene ----------------------------------------------------------------------


def test_text_that_would_be_a_formula_is_written_as_text():
    assert safe_row(["=1+2", "+x", "-12.50", "@a", "\tx", "-其中", "836.20", "1,000", "名称"]) == [
        "'=1+2",
        "'+x",
        "-12.50",
        "'@a",
        "'\tx",
        "'-其中",
        "836.20",
        "1,000",
        "名称",
    ]
    assert safe_text(5) == 5


def test_a_department_named_as_a_formula_is_text_in_the_audit_workbook(tmp_path):
    from openpyxl import load_workbook

    from juesuan.pipeline import read_and_check
    from juesuan.render.audit import Audit, write_audit_xlsx

    path = HOSTILE / "text-formula-department.txt"
    checked = read_and_check(path)
    assert checked.report.metadata.entity.startswith("=")
    write_audit_xlsx(Audit(checked.report, checked.findings, path.name), tmp_path / "a.xlsx")
    book = load_workbook(tmp_path / "a.xlsx")
    formulas = [c.coordinate for ws in book.worksheets for row in ws.iter_rows() for c in row if c.data_type == "f"]
    assert formulas == []
    assert str(book.worksheets[0]["A1"].value).startswith("=HYPERLINK")  # the text itself, kept


def test_text_only_keeps_the_text(tmp_path):
    from openpyxl import Workbook

    book = Workbook()
    book.active["A1"] = "=SUM(A2:A3)"
    assert book.active["A1"].data_type == "f"
    text_only(book)
    assert book.active["A1"].data_type == "s" and book.active["A1"].value == "=SUM(A2:A3)"


def test_the_open_data_csv_guards_entity_names(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([HOSTILE / "text-formula-department.txt"], store)
        export(store, tmp_path / "out", formats=("csv",))
    rows = list(csv.DictReader(io.StringIO((tmp_path / "out" / "reports.csv").read_text(encoding="utf-8"))))
    assert rows[0]["entity"].startswith("'=HYPERLINK")
    cells = list(csv.DictReader(io.StringIO((tmp_path / "out" / "cells.csv").read_text(encoding="utf-8"))))
    assert cells and all(not row["amount_text"].startswith("'") for row in cells)


def test_examples_are_untouched_by_the_guards():
    """The corpus has no text that starts like a formula: its CSV is byte for byte as before."""
    from juesuan.model.tidy import tidy_cells, to_csv
    from juesuan.read import read_path

    report = read_path(EXAMPLES / "lianjiang-medical-security-bureau-2023.txt")
    assert to_csv(report).count("\n") == sum(1 for _ in tidy_cells(report)) + 1
    assert "'" not in to_csv(report)


def test_a_huge_float_cell_is_formatted_not_a_decimal_error():
    """Found by bench/fuzz.py (xls-number-3e226.xls): a float of 10²²⁶ under a number format
    with decimals overflowed the 28-digit decimal context."""
    from juesuan.read.xlsx import format_number

    assert format_number(1e300, "#,##0.00").endswith(".00") and len(format_number(1e300, "0.00")) == 304
    assert format_number(float("nan"), "0.00") == "nan" and format_number(836.2, "#,##0.00") == "836.20"
    _read("xls-number-3e226.xls")  # read, the huge cell among the others


def test_check_of_many_files_goes_on_after_a_bug_in_one(monkeypatch, tmp_path):
    """An unexpected exception on one file is one line naming it; the next file is checked."""
    from typer.testing import CliRunner

    import juesuan.cli.report as report_cli
    from juesuan.cli import app

    real = report_cli.read_and_check

    def flaky(source, *args, **kwargs):
        if Path(source).name == "bad.txt":
            raise ZeroDivisionError("a bug")
        return real(source, *args, **kwargs)

    monkeypatch.setattr(report_cli, "read_and_check", flaky)
    bad = tmp_path / "bad.txt"
    bad.write_text("x", encoding="utf-8")
    done = CliRunner().invoke(app, ["check", "--format", "json", str(bad), str(LIANJIANG)])
    assert done.exit_code == 2
    document = json.loads(done.stdout)
    assert str(LIANJIANG) in json.dumps(document, ensure_ascii=False)
    assert "bad.txt：内部错误（请报告此问题）：ZeroDivisionError" in done.stderr


def test_an_xls_that_makes_xlrd_allocate_without_bound_is_stopped_by_the_sandbox():
    """Found by bench/fuzz.py: one damaged BIFF record makes xlrd allocate gigabytes. The
    reader cannot bound xlrd from outside; the sandbox's memory limit does, with one line."""
    result = Sandbox(Limits(memory_bytes=768 << 20, wall_seconds=60)).run((HOSTILE / "xls-record-memory-bomb.xls").read_bytes(), "bomb.xls")
    assert isinstance(result, Refused) and result.message.startswith("bomb.xls：") and "\n" not in result.message
    assert "MemoryError" in result.message or "内存" in result.message


def test_the_command_line_bounds_memory_cpu_and_time_per_file():
    # xlrd allocates without bound on this one: the in-process bound (limits.bounded) stops it
    done = run("read", str(HOSTILE / "xls-record-memory-bomb.xls"))
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert "内存超出上限" in done.stderr, done.stderr[-300:]
    slow = run("--wall-seconds", "0.1", "read", str(ROOT / "tests" / "fixtures" / "jiangmen-2024.pdf"))
    assert slow.returncode == 2 and "--wall-seconds" in slow.stderr, slow.stderr[-300:]
