"""The command line's application and what every command shares: one-line errors,
exit codes, the --profile options and the line that says which profile read a report.

Exit codes: 0 done, 1 findings of severity error (check) or a failing profile file
(profiles check), 2 input or profile not readable.
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

from ..errors import JuesuanError, ProfileError
from ..model import ProfileChoice, Report
from ..profiles import Profile, ProfileSet, builtin

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


ProfileOption = Annotated[
    str | None,
    typer.Option(
        "--profile",
        metavar="ID_OR_FILE",
        help="强制使用的报告配置：内置配置的 id，或一个 .toml 配置文件（可 extends 内置配置）；见 juesuan profiles list",
    ),
]
ProfilesOption = Annotated[
    Path | None,
    typer.Option("--profiles", metavar="DIR", help="追加配置的目录：其中的 *.toml 与内置配置一起按报告内容选用"),
]


def _profile_set(folder: Path | None) -> ProfileSet:
    """The built-in profiles and those of ``folder``, every one built now, so that a
    mistake in any of them is one error before any report is read."""
    profiles = builtin()
    if folder is not None:
        if not profiles.add_dir(folder):
            raise ProfileError(f"{folder}：目录中没有 .toml 配置文件")
    for pid in profiles.ids():
        profiles.get(pid)
    return profiles


def _is_file(value: str, profiles: ProfileSet) -> bool:
    """--profile names a file when it looks like a path, or is no known id but an existing file."""
    return value.endswith(".toml") or "/" in value or os.sep in value or (value not in profiles.ids() and Path(value).is_file())


def _resolve(profiles: ProfileSet, value: str) -> Profile:
    """The profile an ``--profile ID_OR_FILE`` value names (a file is added to ``profiles``)."""
    if _is_file(value, profiles):
        return profiles.get(profiles.add_file(Path(value)))
    return profiles.get(value)


def _profile_options(profile: str | None, folder: Path | None) -> tuple[Profile | None, ProfileSet | None]:
    """(forced profile, set to choose from) of the --profile and --profiles options;
    (None, None) reads with the built-in profiles."""
    if profile is None and folder is None:
        return None, None
    profiles = _profile_set(folder)
    return (_resolve(profiles, profile) if profile is not None else None), profiles


def choice_line(choice: ProfileChoice | None) -> str:
    """Which profile read the report and why, one line of Chinese."""
    if choice is None:
        return ""
    head = f"配置：{choice.id}（{choice.name}）"
    if choice.forced:
        return f"{head}（由 --profile 指定）"
    why = "、".join(choice.evidence) if choice.evidence else "未见任何配置的特征，按默认选用"
    line = f"{head}，{choice.score}分，依据：{why}"
    return f"{line}；次选 {choice.runner_up}" if choice.runner_up else line


def _say_profile(report: Report, prefix: str = "") -> None:
    line = choice_line(report.profile)
    if line:
        stderr.print(prefix + line, markup=False)


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
