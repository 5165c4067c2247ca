"""The command line: thin commands over the library.

Exit codes: 0 done, 1 findings of severity error (check), 2 input not readable.
Every failure is one line on stderr, never a traceback (set JUESUAN_DEBUG=1 to see one).
"""

from __future__ import annotations

import functools
import os
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .errors import JuesuanError
from .model import Report
from .model.serialize import dumps
from .model.tidy import to_csv
from .checks import catalog
from .checks.docs import rules_markdown
from .checks.output import print_text, to_json
from .model import SEVERITY_NAMES
from .pipeline import read_and_check
from .read import read_path
from .render import commands as render_commands
from .store import commands as store_commands
from .web import commands as web_commands

app = typer.Typer(
    add_completion=False,
    no_args_is_help=True,
    help="juesuan — 部门决算公开报告的读取、校验与比较。",
    rich_markup_mode=None,
    pretty_exceptions_enable=False,
)
stderr = Console(stderr=True, highlight=False, soft_wrap=True)

EXIT_OK, EXIT_ERRORS, EXIT_UNREADABLE = 0, 1, 2


class DataFormat(str, Enum):
    json = "json"
    csv = "csv"


def _fail(message: str) -> typer.Exit:
    stderr.print(f"[bold red]错误[/]：{message}", markup=True)
    return typer.Exit(EXIT_UNREADABLE)


def _notices(report: Report) -> bool:
    """Print what the reader did not understand; True if the report is truncated."""
    for notice in report.unrecognized:
        where = f"第{notice.source.line}行" if notice.source.line else ""
        stderr.print(f"[yellow]提示[/]：{report.metadata.source_name} {where} {notice.message}", markup=True)
    return any(notice.code == "truncated" for notice in report.unrecognized)


def _write(text: str, output: Path | None) -> None:
    if output is None:
        sys.stdout.write(text)
        sys.stdout.flush()
    else:
        output.write_text(text, encoding="utf-8")


def guarded(command: Callable[..., None]) -> Callable[..., None]:
    """Turn any failure inside a command into one line on stderr and exit code 2."""

    @functools.wraps(command)
    def run(*args: object, **kwargs: object) -> None:
        try:
            command(*args, **kwargs)
        except JuesuanError as exc:
            raise _fail(str(exc)) from None
        except (typer.Exit, typer.Abort, typer.BadParameter):
            raise  # typer prints usage errors itself, with exit code 2
        except Exception as exc:  # noqa: BLE001 — the user gets one line, never a traceback
            if os.environ.get("JUESUAN_DEBUG"):
                raise
            raise _fail(f"内部错误（请报告此问题）：{type(exc).__name__}: {exc}") from None

    return run


@app.command()
@guarded
def read(
    file: Annotated[Path, typer.Argument(help="报告文件（PDF 提取文本，UTF-8 / GB18030）")],
    format: Annotated[DataFormat, typer.Option("--format", "-f", help="json：完整模型；csv：每个单元格一行")] = DataFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
) -> None:
    """Read a report into the typed model and export it.

    Example: juesuan read examples/jiangmen-medical-security-bureau-2024.txt --format csv
    """
    _export(file, output, dumps if format is DataFormat.json else to_csv)


def _export(file: Path, output: Path | None, render: Callable[[Report], str]) -> None:
    """Read one report, say what was not understood, write its rendering; a report
    cut off in the middle is still written, and the exit code says it is incomplete."""
    report = read_path(file)
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
    files: Annotated[list[Path], typer.Argument(help="一个或多个报告文件")],
    format: Annotated[CheckFormat, typer.Option("--format", "-f", help="text：分级彩色文本；json：机器可读")] = CheckFormat.text,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
) -> None:
    """Check every 勾稽关系 of one or more reports.

    Exit code 0 without errors, 1 with errors, 2 when an input cannot be read.

    Example: juesuan check examples/*.txt --format json
    """
    results: list[tuple[str, tuple]] = []
    unreadable: list[tuple[str, str]] = []
    for file in files:
        try:
            checked = read_and_check(file)
        except JuesuanError as exc:
            unreadable.append((str(file), str(exc)))
            stderr.print(f"[bold red]错误[/]：{exc}", markup=True)
            continue
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
    file: Annotated[Path, typer.Argument(help="报告文件（PDF 提取文本，UTF-8 / GB18030）")],
    format: Annotated[DataFormat, typer.Option("--format", "-f", help="json：每条陈述及其关联与结论；csv：每条陈述一行")] = DataFormat.json,
    output: Annotated[Path | None, typer.Option("--output", "-o", help="写入文件而不是标准输出")] = None,
) -> None:
    """List every claim read from the 情况说明 (and 概况), with its linked cells and verdict.

    Verdict: ok (linked, consistent), error / warning (a finding concerns it), unlinked
    (nothing to check it against).

    Example: juesuan claims examples/jiangmen-medical-security-bureau-2024.txt --format csv
    """
    from .checks.claim_output import to_csv as claims_csv, to_json as claims_json

    _export(file, output, claims_json if format is DataFormat.json else claims_csv)


@app.command()
@guarded
def version() -> None:
    """Print the version."""
    print(__version__)


store_commands.register(app, guarded)
render_commands.register(app, guarded)
web_commands.register(app, guarded)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
