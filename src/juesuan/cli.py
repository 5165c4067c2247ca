"""The command line: thin commands over the library.

Exit codes: 0 done, 1 findings of severity error (check) or a failing profile file
(profiles check), 2 input or profile not readable.
Every failure is one line on stderr, never a traceback (set JUESUAN_DEBUG=1 to see one).
"""

from __future__ import annotations

import functools
import json
import os
import re
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.table import Table

from . import __version__
from .errors import JuesuanError, ProfileError
from .model import ProfileChoice, Report
from .model.serialize import dumps
from .model.tidy import to_csv
from .checks import catalog
from .checks.docs import rules_markdown
from .checks.output import print_text, to_json
from .model import SEVERITY_NAMES
from .pipeline import read_and_check
from .profiles import Profile, ProfileSet, builtin
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


ProfileOption = Annotated[
    str | None,
    typer.Option("--profile", metavar="ID_OR_FILE",
                 help="强制使用的报告配置：内置配置的 id，或一个 .toml 配置文件（可 extends 内置配置）；见 juesuan profiles list"),
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


@app.command()
@guarded
def read(
    file: Annotated[Path, typer.Argument(help="报告文件（PDF 提取文本，UTF-8 / GB18030）")],
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


def _export(file: Path, output: Path | None, render: Callable[[Report], str], profile: str | None = None,
            folder: Path | None = None) -> None:
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
    files: Annotated[list[Path], typer.Argument(help="一个或多个报告文件")],
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
    file: Annotated[Path, typer.Argument(help="报告文件（PDF 提取文本，UTF-8 / GB18030）")],
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
    from .checks.claim_output import to_csv as claims_csv, to_json as claims_json

    _export(file, output, claims_json if format is DataFormat.json else claims_csv, profile, profiles)


@app.command()
@guarded
def version() -> None:
    """Print the version."""
    print(__version__)


profiles_app = typer.Typer(
    no_args_is_help=True,
    help="Report profiles (报告配置): list them, show one merged with its parents, check profile files. See docs/profiles.md.",
    rich_markup_mode=None,
)
app.add_typer(profiles_app, name="profiles")


class ListFormat(str, Enum):
    text = "text"
    json = "json"


def _years(profile: Profile) -> str:
    return f"{profile.years[0]}—{profile.years[1]}" if profile.years else ""


def _aligned(rows: list[list[str]]) -> str:
    """Columns padded to their display width (CJK characters are two cells wide)."""
    from rich.cells import cell_len

    widths = [max(cell_len(row[i]) for row in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell + " " * (width - cell_len(cell)) for cell, width in zip(row, widths)).rstrip() for row in rows]
    return "\n".join(lines) + "\n"


@profiles_app.command("list")
@guarded
def profiles_list(
    profiles: ProfilesOption = None,
    format: Annotated[ListFormat, typer.Option("--format", "-f", help="text：对齐的表；json：机器可读")] = ListFormat.text,
) -> None:
    """List the report profiles: id, family, name, region, years, the profile each extends.

    An abstract profile (抽象) is only extended, never chosen for a report.

    Example: juesuan profiles list --profiles my-profiles/
    """
    known = _profile_set(profiles)
    items = [known.get(pid) for pid in known.ids()]
    if format is ListFormat.json:
        rows = [{"id": p.id, "family": p.family, "name": p.name, "region": p.region, "years": list(p.years) if p.years else None,
                 "extends": p.extends, "abstract": p.abstract, "source": p.source} for p in items]
        sys.stdout.write(json.dumps(rows, ensure_ascii=False, indent=2) + "\n")
        return
    table = [["id", "类别", "名称", "地区", "年度", "继承", "说明"]]
    for p in items:
        note = "抽象（只供继承）" if p.abstract else ""
        if Path(p.source).parent.resolve() != _BUILTIN_DIR:
            note = "；".join(filter(None, [note, f"来自 {p.source}"]))
        table.append([p.id, p.family, p.name, p.region, _years(p), p.extends, note])
    sys.stdout.write(_aligned(table))


class ShowFormat(str, Enum):
    toml = "toml"
    json = "json"


@profiles_app.command("show")
@guarded
def profiles_show(
    profile: Annotated[str, typer.Argument(metavar="ID_OR_FILE", help="内置配置的 id，或一个 .toml 配置文件")],
    profiles: ProfilesOption = None,
    format: Annotated[ShowFormat, typer.Option("--format", "-f", help="toml：可另存为配置文件；json：机器可读")] = ShowFormat.toml,
) -> None:
    """Show a profile merged with every profile it extends, as the reader uses it.

    Labels are shown in normal form (no spaces, full-width brackets and quotes). The TOML
    output is itself a valid profile file (without extends). The [narrative] section is
    not shown.

    Example: juesuan profiles show juesuan-shanghai-2024
    """
    known = _profile_set(profiles)
    chosen = _resolve(known, profile)
    data = profile_data(chosen)
    if format is ShowFormat.json:
        sys.stdout.write(json.dumps(data, ensure_ascii=False, indent=2) + "\n")
        return
    chain, current = [chosen.id], chosen
    while current.extends:
        current = known.get(current.extends)
        chain.append(current.id)
    head = [f"# {chosen.id}：{chosen.name}", f"# 合并自：{' ← '.join(chain)}（{chosen.source}）",
            "# 标签为规范形式（去空白，全角括号、引号）；[narrative] 节未显示。", ""]
    sys.stdout.write("\n".join(head) + to_toml(data))


@profiles_app.command("check")
@guarded
def profiles_check(
    files: Annotated[list[Path], typer.Argument(help="一个或多个配置文件（.toml）")],
    profiles: ProfilesOption = None,
) -> None:
    """Validate profile files: each prints FILE：通过, or the error with its file, line and field.

    Files are checked together with the built-in profiles (and those of --profiles), so a
    file may extend another one given with it. Exit code 0 when all pass, 1 otherwise.

    Example: juesuan profiles check my-profiles/*.toml
    """
    known = _profile_set(profiles)
    files = list(dict.fromkeys(files))
    verdicts: dict[Path, str] = {}
    ids: dict[str, Path] = {}
    for file in files:
        try:
            pid = ProfileSet().add_file(file)  # syntax, encoding, fields and types of this file alone
        except Exception as exc:  # noqa: BLE001 — every file gets its verdict
            verdicts[file] = _check_failure(exc)
            continue
        if pid in ids:
            verdicts[file] = f"配置 id“{pid}”与 {ids[pid]} 重复"
            continue
        ids[pid] = file
    for file in ids.values():
        known.add_file(file)
    for pid, file in ids.items():
        try:
            known.get(pid)  # merged with what it extends, tables and layouts built
        except Exception as exc:  # noqa: BLE001
            verdicts[file] = _check_failure(exc)
    failed = False
    for file in files:
        message = verdicts.get(file)
        if message is None:
            print(f"{file}：通过")
            continue
        failed = True
        print(message if message.startswith(f"{file}:") or message.startswith(f"{file}：") else f"{file}：{message}")
    if failed:
        raise typer.Exit(EXIT_ERRORS)


def _check_failure(exc: Exception) -> str:
    if isinstance(exc, ProfileError):
        return str(exc)
    if os.environ.get("JUESUAN_DEBUG"):
        raise exc
    return f"校验时内部错误（请报告此问题）：{type(exc).__name__}: {exc}"


_BUILTIN_DIR = Path(__file__).parent.joinpath("profiles", "data").resolve()
_BARE = re.compile(r"[A-Za-z0-9_\-]+")


def profile_data(profile: Profile) -> dict:
    """A built profile in the schema of a profile file (docs/profiles.md), without extends."""
    head: dict = {"id": profile.id, "family": profile.family, "name": profile.name}
    if profile.region:
        head["region"] = profile.region
    if profile.years:
        head["years"] = list(profile.years)
    if profile.rules:
        head["rules"] = profile.rules
    if profile.abstract:
        head["abstract"] = True
    evidence = []
    for item in profile.evidence:
        found = {"pattern": item.pattern.pattern} if item.pattern is not None else {"text": item.text}
        evidence.append({**found, "weight": item.weight, "what": item.what})
    document = {
        "parts": [{"kind": part.kind, "keywords": list(part.keywords)} for part in profile.parts],
        "contents": list(profile.contents), "no_activity": list(profile.no_activity),
        "notes": list(profile.notes), "units": list(profile.units),
        "topics": [[topic, list(words)] for topic, words in getattr(profile, "topics", ())],
        "glossary": list(getattr(profile, "glossary", ())),
    }
    labels = {"code": list(profile.code_labels), "name": list(profile.name_labels),
              "number": list(profile.number_labels), "column_numbers": list(profile.column_number_labels)}
    tables = {}
    for kind, spec in profile.tables.items():
        table: dict = {"name": spec.name, "titles": list(spec.titles), "shape": spec.shape}
        if spec.sides:
            table["sides"] = dict(spec.sides)
        if spec.groups:
            table["groups"] = list(spec.groups)
        if spec.layouts:
            table["layouts"] = [list(layout) for layout in spec.layouts]
        if spec.classes:
            table["classes"] = spec.classes
        if spec.personnel_classes:
            table["personnel_classes"] = list(spec.personnel_classes)
        if spec.columns:
            table["columns"] = {"/".join(term.labels): term.role for term in spec.columns}
        if spec.splits:
            table["splits"] = [{"after": s.after, "side": s.side, "rows": dict(s.rows)} for s in spec.splits]
        if spec.rows:
            table["rows"] = {side: dict(names) for side, names in spec.rows.items()}
        tables[kind] = table
    return {
        "profile": head,
        "match": {"evidence": evidence},
        "document": {k: v for k, v in document.items() if v},
        "labels": {k: v for k, v in labels.items() if v},
        "rows": {k: v for k, v in {"totals": list(profile.totals), "of_which": list(profile.of_which)}.items() if v},
        "tables": tables,
        "other_tables": {k: v for k, v in {"titles": list(profile.other_titles), "endings": list(profile.title_endings)}.items() if v},
    }


def _toml_key(key: str) -> str:
    return key if _BARE.fullmatch(key) else _toml_string(key)


def _toml_string(text: str) -> str:
    return json.dumps(text, ensure_ascii=False).replace("\x7f", "\\u007f")  # a JSON string is a TOML basic string


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, str):
        return _toml_string(value)
    if isinstance(value, dict):
        return "{ " + ", ".join(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in value.items()) + " }"
    if isinstance(value, (list, tuple)):
        items = [_toml_value(v) for v in value]
        one = "[" + ", ".join(items) + "]"
        if len(one) <= 100 and not any(isinstance(v, dict) for v in value):
            return one
        return "[\n" + "".join(f"  {item},\n" for item in items) + "]"
    raise TypeError(f"not a TOML value: {value!r}")


def to_toml(data: dict, prefix: tuple[str, ...] = ()) -> str:
    """A dict of tables as TOML text: values under a [header]; a table of plain values
    short enough for one line inline, any other table under its own header."""
    plain = {k: v for k, v in data.items() if not isinstance(v, dict) or (prefix and _inline(v))}
    out = []
    if plain and prefix:
        out.append(f"[{'.'.join(_toml_key(p) for p in prefix)}]")
    out.extend(f"{_toml_key(k)} = {_toml_value(v)}" for k, v in plain.items())
    text = "\n".join(out) + "\n\n" if out else ""
    for key, value in data.items():
        if key not in plain:
            text += to_toml(value, prefix + (key,))
    return text


def _inline(value: dict) -> bool:
    return not any(isinstance(v, (dict, list)) for v in value.values()) and len(_toml_value(value)) <= 100


store_commands.register(app, guarded)
render_commands.register(app, guarded)
web_commands.register(app, guarded)


def main() -> None:
    app()


if __name__ == "__main__":
    main()
