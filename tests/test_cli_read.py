"""`juesuan read` end to end: outputs, and one clear line for every bad input."""

from __future__ import annotations

import csv
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import GOLDEN, LIANJIANG


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "juesuan", *args], capture_output=True, text=True, timeout=60)


def test_read_csv_is_the_golden_tidy_form():
    result = run("read", str(LIANJIANG), "--format", "csv")
    assert result.returncode == 0, result.stderr
    assert result.stdout == (GOLDEN / f"{LIANJIANG.stem}.csv").read_text(encoding="utf-8")
    rows = list(csv.DictReader(io.StringIO(result.stdout)))
    assert list(rows[0]) == ["table", "row", "name", "column", "amount"]
    t9 = [r for r in rows if r["table"] == "T9"]
    assert t9[10] == {
        "table": "T9",
        "row": "",
        "name": "",
        "column": "决算数/公务用车购置及运行维护费/公务用车运行维护费",
        "amount": "4.45",
    }


def test_read_json_to_file(tmp_path):
    out = tmp_path / "model.json"
    result = run("read", str(LIANJIANG), "-o", str(out))
    assert result.returncode == 0 and result.stdout == ""
    document = json.loads(out.read_text(encoding="utf-8"))
    assert document["format"] == "juesuan-report" and document["report"]["metadata"]["year"] == 2023


def _bad(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


@pytest.mark.parametrize(
    "name,data,says",
    [
        ("binary.txt", bytes(range(256)) * 4, "二进制"),
        ("empty.txt", b"", "为空"),
        ("letter.txt", "尊敬的读者：\n这不是决算报告。\n".encode(), "未识别为部门决算报告"),
        ("report.pdf", b"%PDF-1.7\n%\xe2\xe3\n", "PDF"),
        ("latin1.txt", "caf\xe9 \xff\xfe\xfd".encode("latin-1") * 3, "无法解码"),
    ],
)
def test_bad_input_is_one_clear_line(tmp_path, name, data, says):
    result = run("read", str(_bad(tmp_path, name, data)))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert says in result.stderr and name in result.stderr


def test_missing_file(tmp_path):
    result = run("read", str(tmp_path / "nope.txt"))
    assert result.returncode == 2 and "不存在" in result.stderr and "Traceback" not in result.stderr


def test_truncated_report_gives_what_it_read_and_says_what_is_missing(tmp_path):
    lines = LIANJIANG.read_text(encoding="utf-8").split("\n")
    cut = _bad(tmp_path, "cut.txt", "\n".join(lines[:330]).encode())  # ends inside 表4, after 12 of its rows
    result = run("read", str(cut), "--format", "csv")
    assert result.returncode == 2
    assert "报告不完整" in result.stderr and "表4" in result.stderr and "T9" in result.stderr
    assert "Traceback" not in result.stderr
    tables = {row["table"] for row in csv.DictReader(io.StringIO(result.stdout))}
    assert tables == {"T1", "T2", "T3", "T4"}
