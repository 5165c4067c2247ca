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
from ..model import SEVERITY_NAMES, Report
from ..model.serialize import dumps
from ..model.tidy import to_csv
from ..pipeline import read_and_check
from ..read import read_path
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


@app.command()
@guarded
def read(
    file: Annotated[Path, typer.Argument(help="报告文件：PDF（带文字层）、XLSX、XLS、HTML，或 PDF 提取的文本（UTF-8 / GB18030）")],
    format: Annotated[DataFormat, typer.Option("--format", "-f", help="json：完整模型；csv：每个单元格一行")] = DataFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
    profile: ProfileOption = None,
    profiles: ProfilesOption = None,
) -> None:
    """Read a report into the typed model and export it.

    stderr says which report profile was chosen and why (or that --profile forced it).

    Example: juesuan read examples/jiangmen-medical-security-bureau-2024.txt --format csv
    """
    _export(file, output, dumps if format is DataFormat.json else to_csv, profile, profiles)


def _export(
    file: Path, output: Path | None, render: Callable[[Report], str], profile: str | None = None, folder: Path | None = None
) -> None:
    """Read one report, say which profile read it and what was not understood, write its
    rendering; a report cut off in the middle is still written, and the exit code says
    it is incomplete."""
    forced, profiles = _profile_options(profile, folder)
    report = read_path(file, profile=forced, profiles=profiles)
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
    files: Annotated[list[Path], typer.Argument(help="一个或多个报告文件（PDF、XLSX、XLS、HTML 或文本）")],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text：分级彩色文本；json：机器可读")] = CheckFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
    profile: ProfileOption = None,
    profiles: ProfilesOption = None,
) -> None:
    """Check every 勾稽关系 of one or more reports.

    Exit code 0 without errors, 1 with errors, 2 when an input or a profile cannot be read.
    stderr says which report profile read each file.

    Example: juesuan check examples/*.txt --format json
    """
    forced, choices = _profile_options(profile, profiles)  # a bad profile stops before any report
    results: list[tuple[str, tuple]] = []
    unreadable: list[tuple[str, str]] = []
    for file in files:
        try:
            checked = read_and_check(file, profile=forced, profiles=choices)
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
