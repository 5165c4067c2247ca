"""`juesuan profiles`: list the report profiles, show one merged with its parents, check profile files."""

from __future__ import annotations

import json
import os
import re
import sys
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import ProfileError
from ..profiles import DATA, Profile, ProfileSet
from ..profiles.schema import BLANK, Printed
from .app import EXIT_ERRORS, ProfilesOption, _profile_set, _resolve, app, guarded

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
        rows = [
            {
                "id": p.id,
                "family": p.family,
                "name": p.name,
                "region": p.region,
                "years": list(p.years) if p.years else None,
                "extends": p.extends,
                "abstract": p.abstract,
                "source": p.source,
            }
            for p in items
        ]
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
    head = [
        f"# {chosen.id}：{chosen.name}",
        f"# 合并自：{' ← '.join(chain)}（{chosen.source}）",
        "# 标签为规范形式（去空白，全角括号、引号）；[narrative] 节未显示。",
        "",
    ]
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


_BUILTIN_DIR = DATA.resolve()
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
        "parts": [
            {"kind": part.kind, "keywords": list(part.keywords), **({"resumes": True} if part.resumes else {})} for part in profile.parts
        ],
        "contents": list(profile.contents),
        "no_activity": list(profile.no_activity),
        "forms": list(profile.forms),
        "notes": list(profile.notes),
        "units": list(profile.units),
        "topics": [[topic, list(words)] for topic, words in getattr(profile, "topics", ())],
        "glossary": list(getattr(profile, "glossary", ())),
    }
    labels = {
        "code": list(profile.code_labels),
        "name": list(profile.name_labels),
        "number": list(profile.number_labels),
        "column_numbers": list(profile.column_number_labels),
    }
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
        if spec.printed is not None:
            table["printed"] = _printed_data(spec.printed)
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


def _printed_data(printed: Printed) -> dict:
    """``[tables.X.printed]`` as written in a profile file: runs of blank lines as { blank = N }."""
    rows: dict = {}
    for side, entries in printed.rows.items():
        out: list = []
        for entry in entries:
            if entry == BLANK and out and isinstance(out[-1], dict):
                out[-1]["blank"] += 1
            else:
                out.append({"blank": 1} if entry == BLANK else entry)
        rows[side or "table"] = out
    data: dict = {
        "labels": list(printed.labels),
        "column_numbers": printed.column_numbers,
        "row_numbers": printed.row_numbers,
        "rows": rows,
        "classes": list(printed.classes),
        "economic": {k: list(v) for k, v in printed.economic.items()},
    }
    return {k: v for k, v in data.items() if v}


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
