"""Commands over one report: read, check, claims, and the rule catalog."""

from __future__ import annotations

import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from .. import __version__
from ..checks import catalog
from ..checks.docs import rules_markdown
from ..checks.output import to_json
from ..errors import JuesuanError
from ..limits import bounded
from ..model import SEVERITY_NAMES, Report
from ..model.serialize import dumps
from ..model.tidy import to_csv
from ..pipeline import check_across, read_and_check
from ..profiles import ProfileSet
from ..read import read_paths
from .app import (
    EXIT_ERRORS,
    EXIT_UNREADABLE,
    DataFormat,
    ProfileOption,
    ProfilesOption,
    _notices,
    _profile_options,
    _say_profile,
    _write,
    app,
    guarded,
    stderr,
)
from .output import print_text
from .progress import ocr_progress


@app.command()
@guarded
def read(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="报告文件：PDF（带文字层）、XLSX、XLS、HTML，或 PDF 提取的文本（UTF-8 / GB18030）；"
            "文字与报表分两个文件公开的报告，给出这两个文件（顺序不限）",
            metavar="FILE [TABLES_FILE]",
        ),
    ],
    format: Annotated[DataFormat, typer.Option("--format", "-f", help="json：完整模型；csv：每个单元格一行")] = DataFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
    profile: ProfileOption = None,
    profiles: ProfilesOption = None,
) -> None:
    """Read a report into the typed model and export it.

    stderr says which report profile was chosen and why (or that --profile forced it).

    A report published as two files (the text and the tables) is read as one: give both,
    e.g. juesuan read 2019-budget-text.pdf 2019-budget-tables.pdf.

    Example: juesuan read examples/jiangmen-medical-security-bureau-2024.txt --format csv
    """
    _export(files, output, dumps if format is DataFormat.json else to_csv, profile, profiles)


def _export(
    files: Path | list[Path], output: Path | None, render: Callable[[Report], str], profile: str | None = None, folder: Path | None = None
) -> None:
    """Read one report (from one file, or the two it is published as), say which profile
    read it and what was not understood, write its rendering; a report cut off in the
    middle is still written, and the exit code says it is incomplete."""
    forced, profiles = _profile_options(profile, folder)
    paths = files if isinstance(files, list) else [files]
    with bounded("+".join(path.name for path in paths)), ocr_progress():
        report = read_paths(paths, profile=forced, profiles=profiles)
    _say_profile(report)
    truncated = _notices(report)
    _write(render(report), output)
    if truncated:
        raise typer.Exit(EXIT_UNREADABLE)


class CheckFormat(str, Enum):
    text = "text"
    json = "json"


@app.command()
@guarded
def check(
    files: Annotated[
        list[Path],
        typer.Argument(
            help="一个或多个报告文件（PDF、XLSX、XLS、HTML 或文本）；分文字与报表两个文件公开的报告写作 TEXT+TABLES",
            metavar="REPORT...",
        ),
    ],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text：分级彩色文本；json：机器可读")] = CheckFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
    profile: ProfileOption = None,
    profiles: ProfilesOption = None,
    previous: Annotated[
        Path | None, typer.Option("--previous", help="上年同一部门的报告：核对情况说明所述对上年的增减（只能检查一个报告）")
    ] = None,
    budget: Annotated[
        Path | None, typer.Option("--budget", help="同年同一部门的预算报告：核对决算所列年初预算数（只能检查一个报告）")
    ] = None,
) -> None:
    """Check every 勾稽关系 of one or more reports.

    With --previous, every change against last year the report states is checked against
    last year's report; with --budget, a 决算's 年初预算数 against that year's 预算 (JS9xx).

    Exit code 0 without errors, 1 with errors, 2 when an input or a profile cannot be read.
    stderr says which report profile read each file.

    A report published as two files is one argument joined by +:
    juesuan check 2019-budget-text.pdf+2019-budget-tables.pdf (a file whose own name
    contains + is read as that file).

    Example: juesuan check examples/*.txt --format json
    Example: juesuan check 2019-budget.pdf --previous 2018-budget.pdf
    """
    forced, choices = _profile_options(profile, profiles)  # a bad profile stops before any report
    if (previous is not None or budget is not None) and len(files) != 1:
        raise JuesuanError("--previous 与 --budget 只能用于一个报告")
    others = {role: (_other(path, choices), path.name) for role, path in (("previous", previous), ("budget", budget)) if path is not None}
    results: list[tuple[str, tuple]] = []
    unreadable: list[tuple[str, str]] = []
    for file in files:
        try:
            with bounded(Path(file).name), ocr_progress():
                checked = read_and_check(_report_files(file), profile=forced, profiles=choices)
            if others:
                last, last_name = others.get("previous", (None, ""))
                plan, plan_name = others.get("budget", (None, ""))
                checked = check_across(checked, last, plan, last_name, plan_name)
        except JuesuanError as exc:
            unreadable.append((str(file), str(exc)))
            stderr.print(f"[bold red]错误[/]：{exc}", markup=True)
            continue
        except Exception as exc:  # noqa: BLE001 — a bug on one file is a line naming it; the other files are checked
            message = f"{file}：内部错误（请报告此问题）：{type(exc).__name__}: {str(exc)[:200]}"
            unreadable.append((str(file), message))
            stderr.print(f"[bold red]错误[/]：{message}", markup=True, highlight=False)
            continue
        _say_profile(checked.report, f"{file}：")
        results.append((str(file), checked.findings))
    if format is CheckFormat.json:
        _write(to_json(results, unreadable), output)
    else:
        console = Console(file=output.open("w", encoding="utf-8") if output else None, highlight=False, soft_wrap=True)
        for name, findings in results:
            print_text(console, name, findings)
    errors = sum(1 for _, findings in results for f in findings if f.severity == "error")
    if unreadable:
        raise typer.Exit(EXIT_UNREADABLE)
    if errors:
        raise typer.Exit(EXIT_ERRORS)


def _other(argument: Path, profiles: ProfileSet | None) -> Report:
    """The report --previous or --budget names: a file (any readable format, or the JSON
    of juesuan read), or TEXT+TABLES."""
    from .render import load_report

    files = _report_files(argument)
    if not isinstance(files, tuple):
        with bounded(files.name):
            return load_report(files)
    with bounded("+".join(path.name for path in files)):
        return read_paths(files, profiles=profiles)


def _report_files(argument: Path) -> Path | tuple[Path, ...]:
    """A check argument: a file, or TEXT+TABLES, the two files of one report."""
    text = str(argument)
    if argument.exists() or "+" not in text:
        return argument
    return tuple(Path(part) for part in text.split("+"))


class RulesFormat(str, Enum):
    text = "text"
    md = "md"


@app.command()
@guarded
def rules(
    format: Annotated[RulesFormat, typer.Option("--format", "-f", help="text：终端表格；md：Markdown 文档")] = RulesFormat.text,
) -> None:
    """List the rule catalog: code, severity, title, relation, scope.

    Example: juesuan rules --format md > docs/rules.md
    """
    if format is RulesFormat.md:
        sys.stdout.write(rules_markdown())
        return
    table = Table("规则", "级别", "名称", "关系", "适用", box=None, show_lines=False)
    for rule in catalog():
        table.add_row(rule.code, SEVERITY_NAMES[rule.severity], rule.title, rule.relation, rule.applies)
    Console(soft_wrap=False).print(table)


@app.command()
@guarded
def claims(
    file: Annotated[Path, typer.Argument(help="报告文件：PDF（带文字层）、XLSX、XLS、HTML，或 PDF 提取的文本（UTF-8 / GB18030）")],
    format: Annotated[DataFormat, typer.Option("--format", "-f", help="json：每条陈述及其关联与结论；csv：每条陈述一行")] = DataFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
    profile: ProfileOption = None,
    profiles: ProfilesOption = None,
) -> None:
    """List every claim read from the 情况说明 (and 概况), with its linked cells and verdict.

    Verdict: ok (linked, consistent), error / warning (a finding concerns it), unlinked
    (nothing to check it against).

    Example: juesuan claims examples/jiangmen-medical-security-bureau-2024.txt --format csv
    """
    from ..checks.claim_output import to_csv as claims_csv
    from ..checks.claim_output import to_json as claims_json

    _export(file, output, claims_json if format is DataFormat.json else claims_csv, profile, profiles)


@app.command()
@guarded
def version() -> None:
    """Print the version."""
    print(__version__)
