"""juesuan render and juesuan template through a Typer app (the commands module's register)."""

from __future__ import annotations

import typer
from render_util import CORPUS
from typer.testing import CliRunner

from juesuan.cli import render as commands
from juesuan.cli.app import guarded
from juesuan.model.serialize import dumps
from juesuan.model.tidy import to_csv
from juesuan.read import read_path
from juesuan.render.template import skeleton

runner = CliRunner()


def _app() -> typer.Typer:
    app = typer.Typer()
    commands.register(app, guarded)
    return app


def test_template_reads_back_as_an_all_zero_report(tmp_path):
    out = tmp_path / "input.xlsx"
    result = runner.invoke(_app(), ["template", "--year", "2024", "--entity", "测试局", "-o", str(out)])
    assert result.exit_code == 0, result.output
    report = read_path(out)
    assert [t.kind for t in report.tables] == ["T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"]
    assert sorted(to_csv(report).splitlines()) == sorted(to_csv(skeleton(2024, "测试局")).splitlines())
    t1 = report.table("T1")
    assert t1.row("39").name == "九、卫生健康支出" and t1.row("56").name == "二十六、抗疫特别国债安排的支出"
    assert report.table("T6").row("30231").name == "公务用车运行维护费"
    from openpyxl import load_workbook

    assert not any(isinstance(c.value, str) and c.value.startswith("=") for ws in load_workbook(out) for row in ws.iter_rows() for c in row)


def test_render_a_filled_template(tmp_path):
    template = tmp_path / "input.xlsx"
    runner.invoke(_app(), ["template", "--year", "2024", "-o", str(template)])
    result = runner.invoke(_app(), ["render", str(template), "--to", "html", "-o", str(tmp_path / "out.html")])
    assert result.exit_code == 2 and "--year" in result.output
    result = runner.invoke(
        _app(), ["render", str(template), "--year", "2024", "--entity", "测试局", "--to", "html", "-o", str(tmp_path / "out.html")]
    )
    assert result.exit_code == 0, result.output
    assert "提示：尚需填写 政府采购" in result.output
    html = (tmp_path / "out.html").read_text(encoding="utf-8")
    assert "本表本年度无发生额" in html and "【请填写政府采购支出情况】" in html


def test_render_json_with_previous_and_budget(tmp_path):
    source = tmp_path / "jiangmen.json"
    source.write_text(dumps(read_path(CORPUS["jiangmen-2024"])), encoding="utf-8")
    budget = tmp_path / "budget.json"
    budget.write_text('{"general": "2047.00", "fund": "16.00", "capital": "0"}', encoding="utf-8")
    out = tmp_path / "out.md"
    result = runner.invoke(
        _app(), ["render", str(source), "--previous", str(CORPUS["jiangmen-2024"]), "--budget", str(budget), "--to", "md", "-o", str(out)]
    )
    assert result.exit_code == 0, result.output
    text = out.read_text(encoding="utf-8")
    assert "一般公共预算财政拨款收入1,956.92万元，与上年决算数持平" in text  # last year = this year
    assert "比年初预算数减少90.08万元，下降4.4%" in text


def test_bad_budget_file_is_one_line(tmp_path):
    budget = tmp_path / "budget.toml"
    budget.write_text("general = [1, 2]\n", encoding="utf-8")
    result = runner.invoke(
        _app(), ["render", str(CORPUS["jiangmen-2024"]), "--budget", str(budget), "--to", "md", "-o", str(tmp_path / "x.md")]
    )
    assert result.exit_code == 2 and "general" in result.output and "Traceback" not in result.output
