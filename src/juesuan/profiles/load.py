"""Profile files (TOML) to typed profiles, with errors that name file, line and field.

A file may ``extends`` another profile by id: the parent's tables are merged key by
key (a table the child writes replaces the parent's value of that key; arrays are
replaced whole, tables merged). The built-in profiles ship in ``profiles/data`` and
load the same way as a user's.
"""

from __future__ import annotations

import re
import tomllib
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from ..errors import ProfileError
from .locate import line_of
from .narrative import CONCATENATED, build_narrative
from .schema import BLANK, FAMILIES, PART_KINDS, SHAPES, ColumnTerm, Evidence, Part, Printed, Profile, Split, TableSpec, labels, norm

DATA = Path(__file__).parent / "data"
MAX_FILE = 1_000_000  # bytes; a profile is a page of settings, not data

# Fields of each section: name → (type, required). Types: 'str', 'int', 'bool', 'strs',
# 'years', 'table', 'dict', 'list'. Anything else in the file is an error (a typo would
# otherwise be silently ignored).
_PROFILE = {
    "id": "str",
    "family": "str",
    "name": "str",
    "extends": "str",
    "abstract": "bool",
    "region": "str",
    "years": "years",
    "rules": "str",
    "catalog": "str",
}
_DOCUMENT = {
    "parts": "list",
    "contents": "strs",
    "no_activity": "strs",
    "forms": "strs",
    "notes": "strs",
    "units": "strs",
    "topics": "list",
    "glossary": "strs",
}
_LABELS = {"code": "strs", "name": "strs", "number": "strs", "column_numbers": "strs"}
_ROWS = {"totals": "strs", "of_which": "strs"}
_TABLE = {
    "name": "str",
    "titles": "strs",
    "shape": "str",
    "sides": "dict",
    "groups": "strs",
    "layouts": "list",
    "columns": "dict",
    "rows": "dict",
    "splits": "list",
    "classes": "str",
    "personnel_classes": "strs",
    "printed": "dict",
}
_PRINTED_KEYS = {"labels", "column_numbers", "row_numbers", "rows", "classes", "economic"}
_OTHER = {"titles": "strs", "endings": "strs"}
_TOP = {
    "profile": _PROFILE,
    "match": {"evidence": "list"},
    "document": _DOCUMENT,
    "labels": _LABELS,
    "rows": _ROWS,
    "tables": None,
    "other_tables": _OTHER,
    "narrative": None,
}


@dataclass
class _Source:
    path: str
    text: str

    def error(self, field: tuple[str | int, ...], message: str) -> ProfileError:
        line = line_of(self.text, field)
        where = f"{self.path}:{line}" if line else self.path
        name = ".".join(str(f) if not isinstance(f, int) else f"[{f}]" for f in field).replace(".[", "[")
        return ProfileError(f"{where}：字段 {name}：{message}")


def _read(path: Path) -> tuple[_Source, dict[str, Any]]:
    try:
        size = path.stat().st_size
    except FileNotFoundError as exc:
        raise ProfileError(f"{path}：配置文件不存在") from exc
    if size > MAX_FILE:
        raise ProfileError(f"{path}：配置文件过大（{size} 字节，上限 {MAX_FILE}）")
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ProfileError(f"{path}:{line}：配置文件不是 UTF-8 编码（第 {line} 行起无法按 UTF-8 解码）") from exc
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        raise ProfileError(f"{path}：TOML 语法错误（{exc}）") from exc
    return _Source(str(path), text), data


def _check_type(src: _Source, field: tuple[str | int, ...], value: Any, kind: str) -> None:
    ok = {
        "str": isinstance(value, str),
        "int": isinstance(value, int) and not isinstance(value, bool),
        "bool": isinstance(value, bool),
        "strs": isinstance(value, list) and all(isinstance(v, str) for v in value),
        "years": isinstance(value, list) and len(value) == 2 and all(isinstance(v, int) for v in value) and value[0] <= value[1],
        "dict": isinstance(value, dict),
        "list": isinstance(value, list),
    }[kind]
    if not ok:
        expected = {
            "str": "字符串",
            "int": "整数",
            "bool": "true 或 false",
            "strs": "字符串数组",
            "years": "[起始年, 截止年]",
            "dict": "表（键值对）",
            "list": "数组",
        }[kind]
        raise src.error(field, f"应为{expected}，实为 {_show(value)}")


def _show(value: Any) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "…"


def _check_section(src: _Source, name: str, section: Any, fields: dict[str, str]) -> None:
    if not isinstance(section, dict):
        raise src.error((name,), f"应为表 [{name}]")
    for key, value in section.items():
        if key not in fields:
            raise src.error((name, key), f"未知字段（可用：{'、'.join(fields)}）")
        _check_type(src, (name, key), value, fields[key])


def validate(src: _Source, data: dict[str, Any]) -> None:
    """Structure and types of one file, before merging with its parent."""
    for key in data:
        if key not in _TOP:
            raise src.error((key,), f"未知的节（可用：{'、'.join(_TOP)}）")
    for name, fields in _TOP.items():
        if name in data and fields is not None:
            _check_section(src, name, data[name], fields)
    profile = data.get("profile")
    if not isinstance(profile, dict) or "id" not in profile:
        raise src.error(("profile",), "缺少 [profile] 节或其 id 字段")
    if not re.fullmatch(r"[a-z0-9][a-z0-9\-]*", profile["id"]):
        raise src.error(("profile", "id"), f"应只含小写字母、数字和连字符，实为 {_show(profile['id'])}")
    if "family" in profile and profile["family"] not in FAMILIES:
        raise src.error(("profile", "family"), f"应为 {'、'.join(FAMILIES)} 之一，实为 {_show(profile['family'])}")
    for i, item in enumerate(data.get("match", {}).get("evidence", [])):
        field = ("match", "evidence", i)
        if not isinstance(item, dict) or not isinstance(item.get("what"), str) or ("text" in item) == ("pattern" in item):
            raise src.error(field, "每项应为 { text 或 pattern（二者之一）, weight, what }")
        unknown = sorted(set(item) - {"text", "pattern", "weight", "what"})
        if unknown:
            raise src.error(field + (unknown[0],), "未知字段（可用：text、pattern、weight、what）")
        for key in ("text", "pattern"):
            if key in item and not isinstance(item[key], str):
                raise src.error(field + (key,), f"应为字符串，实为 {_show(item[key])}")
        if not isinstance(item.get("weight", 1), int) or isinstance(item.get("weight", 1), bool):
            raise src.error(field + ("weight",), "应为整数")
        if "pattern" in item:
            try:
                re.compile(item["pattern"], re.M)
            except re.error as exc:
                raise src.error(field + ("pattern",), f"正则表达式有误（{exc}）") from exc
    for i, item in enumerate(data.get("document", {}).get("topics", [])):
        if not (
            isinstance(item, list)
            and len(item) == 2
            and isinstance(item[0], str)
            and isinstance(item[1], list)
            and all(isinstance(k, str) for k in item[1])
        ):
            raise src.error(("document", "topics", i), "每项应为 [事项, [关键词, …]]")
    for i, item in enumerate(data.get("document", {}).get("parts", [])):
        if (
            not isinstance(item, dict)
            or item.get("kind") not in PART_KINDS
            or not isinstance(item.get("keywords"), list)
            or not all(isinstance(k, str) for k in item["keywords"])
            or set(item) - {"kind", "keywords", "resumes"}
            or not isinstance(item.get("resumes", False), bool)
        ):
            raise src.error(
                ("document", "parts", i), f"每项应为 {{ kind = {'|'.join(PART_KINDS)}, keywords = [字符串, …] }}（可加 resumes = true）"
            )
    tables = data.get("tables", {})
    if not isinstance(tables, dict):
        raise src.error(("tables",), "应为表")
    for kind, table in tables.items():
        if not isinstance(table, dict):
            raise src.error(("tables", kind), f"应为表 [tables.{kind}]")
        for key, value in table.items():
            if key not in _TABLE:
                raise src.error(("tables", kind, key), f"未知字段（可用：{'、'.join(_TABLE)}）")
            _check_type(src, ("tables", kind, key), value, _TABLE[key])
        if "shape" in table and table["shape"] not in SHAPES:
            raise src.error(("tables", kind, "shape"), f"应为 {'、'.join(SHAPES)} 之一，实为 {_show(table['shape'])}")
        for i, layout in enumerate(table.get("layouts", [])):
            if not isinstance(layout, list) or not layout or not all(isinstance(p, str) for p in layout):
                raise src.error(("tables", kind, "layouts", i), "每种版式应为非空的表头路径数组")
        for key, value in table.get("columns", {}).items():
            if not isinstance(value, str):
                raise src.error(("tables", kind, "columns", key), "栏目角色应为字符串")
        for side, names in table.get("rows", {}).items():
            if not isinstance(names, dict) or not all(isinstance(v, str) for v in names.values()):
                raise src.error(("tables", kind, "rows", side), "应为 行名 = 角色 的表")
        for i, split in enumerate(table.get("splits", [])):
            where = ("tables", kind, "splits", i)
            if not isinstance(split, dict) or set(split) != {"after", "side", "rows"}:
                raise src.error(where, "每项应为 { after, side, rows }（after = 角色, side = 栏, rows = { 行名 = 角色 }）")
            for key in ("after", "side"):
                if not isinstance(split[key], str):
                    raise src.error(where + (key,), f"应为字符串，实为 {_show(split[key])}")
            if not isinstance(split["rows"], dict) or not all(isinstance(v, str) for v in split["rows"].values()):
                raise src.error(where + ("rows",), "应为 行名 = 角色 的表")
        for label, side in table.get("sides", {}).items():
            if not isinstance(side, str):
                raise src.error(("tables", kind, "sides", label), "应为栏名字符串（income、expenditure …）")


def _merge(base: dict[str, Any], child: dict[str, Any], path: tuple[str, ...] = ()) -> dict[str, Any]:
    out = dict(base)
    for key, value in child.items():
        if path + (key,) == ("match", "evidence") or path == ("narrative",) and key in CONCATENATED:
            out[key] = list(out.get(key, [])) + list(value)  # a region adds to its family's evidence
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value, path + (key,))
        else:
            out[key] = value
    return out


def _printed(src: _Source, kind: str, data: dict[str, Any] | None) -> Printed | None:
    """``[tables.X.printed]``: rows are names, or { blank = N }, "@classes", "@subjects"."""
    if data is None:
        return None
    where = ("tables", kind, "printed")
    unknown = sorted(set(data) - _PRINTED_KEYS)
    if unknown:
        raise src.error(where + (unknown[0],), f"未知字段（可用：{'、'.join(sorted(_PRINTED_KEYS))}）")
    rows: dict[str, tuple[str, ...]] = {}
    for side, entries in data.get("rows", {}).items():
        out: list[str] = []
        for i, entry in enumerate(entries if isinstance(entries, list) else [None]):
            if isinstance(entry, str):
                out.append(entry)
            elif isinstance(entry, dict) and set(entry) == {"blank"} and isinstance(entry["blank"], int) and 0 < entry["blank"] < 1000:
                out.extend([BLANK] * entry["blank"])
            else:
                raise src.error(where + ("rows", side, i), '每行应为行名字符串、"@classes"、"@subjects" 或 { blank = 行数 }')
        rows["" if side == "table" else side] = tuple(out)
    for key in ("labels", "classes"):
        if key in data and not (isinstance(data[key], list) and all(isinstance(v, str) for v in data[key])):
            raise src.error(where + (key,), "应为字符串数组")
    economic = data.get("economic", {})
    if not isinstance(economic, dict) or not all(isinstance(v, list) for v in economic.values()):
        raise src.error(where + ("economic",), "应为 栏 = [经济分类类编码, …] 的表")
    return Printed(
        labels=tuple(data.get("labels", [])),
        column_numbers=bool(data.get("column_numbers", False)),
        row_numbers=bool(data.get("row_numbers", False)),
        rows=rows,
        classes=tuple(data.get("classes", [])),
        economic={side: tuple(codes) for side, codes in economic.items()},
    )


def _table(src: _Source, kind: str, data: dict[str, Any], family: str) -> TableSpec:
    for key in ("name", "titles", "shape"):
        if key not in data:
            raise src.error(("tables", kind), f"缺少字段 {key}")
    columns = tuple(ColumnTerm(labels(path), role) for path, role in data.get("columns", {}).items())
    spec = TableSpec(
        kind=kind,
        name=data["name"],
        titles=tuple(norm(t) for t in data["titles"]),
        shape=data["shape"],
        layouts=tuple(tuple(layout) for layout in data.get("layouts", [])),
        columns=columns,
        sides={norm(k): v for k, v in data.get("sides", {}).items()},
        groups=tuple(data.get("groups", [])),
        rows={side: {norm(n): r for n, r in names.items()} for side, names in data.get("rows", {}).items()},
        splits=tuple(Split(s["after"], s["side"], {norm(n): r for n, r in s["rows"].items()}) for s in data.get("splits", [])),
        classes=data.get("classes", ""),
        personnel_classes=tuple(data.get("personnel_classes", [])),
        printed=_printed(src, kind, data.get("printed")),
    )
    for i, layout in enumerate(spec.layouts):
        for path in layout:
            if spec.column_role(labels(path)) == "" and spec.shape != "generic":
                raise src.error(("tables", kind, "layouts", i), f"表头路径“{path}”在 columns 中没有对应的角色")
    return spec


def build(src: _Source, data: dict[str, Any]) -> Profile:
    """A merged profile's data to the typed profile."""
    p = data["profile"]
    if "family" not in p:
        raise src.error(("profile", "family"), "缺少字段 family（本配置及其继承的配置都未写明）")
    document = data.get("document", {})
    labels_ = data.get("labels", {})
    rows = data.get("rows", {})
    other = data.get("other_tables", {})
    evidence = tuple(
        Evidence(
            what=e["what"],
            weight=e.get("weight", 1),
            text=norm(e.get("text", "")),
            pattern=re.compile(e["pattern"], re.M) if "pattern" in e else None,
        )
        for e in data.get("match", {}).get("evidence", [])
    )
    tables = {kind: _table(src, kind, table, p["family"]) for kind, table in data.get("tables", {}).items()}
    years = tuple(p["years"]) if "years" in p else None
    return Profile(
        id=p["id"],
        family=p["family"],
        name=p.get("name", p["id"]),
        source=src.path,
        tables=tables,
        parts=tuple(
            Part(item["kind"], tuple(norm(k) for k in item["keywords"]), item.get("resumes", False)) for item in document.get("parts", [])
        ),
        region=p.get("region", ""),
        years=years,
        abstract=p.get("abstract", False),
        extends=p.get("extends", ""),
        rules=p.get("rules", ""),
        evidence=evidence,
        contents=tuple(norm(c) for c in document.get("contents", [])),
        no_activity=tuple(norm(n) for n in document.get("no_activity", [])),
        forms=tuple(norm(f) for f in document.get("forms", [])),
        notes=tuple(document.get("notes", [])),
        units=tuple(document.get("units", [])),
        topics=tuple((topic, tuple(words)) for topic, words in document.get("topics", [])),
        glossary=tuple(document.get("glossary", [])),
        code_labels=tuple(norm(x) for x in labels_.get("code", [])),
        name_labels=tuple(norm(x) for x in labels_.get("name", [])),
        number_labels=tuple(norm(x) for x in labels_.get("number", [])),
        column_number_labels=tuple(norm(x) for x in labels_.get("column_numbers", [])),
        totals=tuple(norm(x) for x in rows.get("totals", [])),
        of_which=tuple(norm(x) for x in rows.get("of_which", [])),
        other_titles=tuple(norm(x) for x in other.get("titles", [])),
        title_endings=tuple(norm(x) for x in other.get("endings", [])),
        narrative=build_narrative(data.get("narrative", {}), src.error),
    )


class ProfileSet:
    """Every known profile by id: the built-in ones and any a user adds."""

    def __init__(self) -> None:
        self._raw: dict[str, tuple[_Source, dict[str, Any]]] = {}
        self._built: dict[str, Profile] = {}

    def add_file(self, path: Path) -> str:
        src, data = _read(path)
        validate(src, data)
        pid: str = data["profile"]["id"]
        self._raw[pid] = (src, data)
        self._built.clear()
        return pid

    def add_dir(self, folder: Path) -> list[str]:
        if not folder.is_dir():
            raise ProfileError(f"{folder}：不是目录")
        return [self.add_file(path) for path in sorted(folder.glob("*.toml"))]

    def _merged(self, pid: str, seen: tuple[str, ...] = ()) -> dict[str, Any]:
        src, data = self._raw[pid]
        parent = data["profile"].get("extends")
        if not parent:
            return data
        if parent in seen or parent == pid:
            raise src.error(("profile", "extends"), f"继承关系成环：{' → '.join(seen + (pid, parent))}")
        if parent not in self._raw:
            raise src.error(("profile", "extends"), f"找不到被继承的配置“{parent}”（已知：{'、'.join(sorted(self._raw))}）")
        merged = _merge(self._merged(parent, seen + (pid,)), data)
        merged["profile"] = {**{k: v for k, v in merged["profile"].items() if k != "abstract"}, **data["profile"]}
        return merged

    def get(self, pid: str) -> Profile:
        if pid not in self._built:
            if pid not in self._raw:
                raise ProfileError(f"没有名为“{pid}”的配置（已知：{'、'.join(sorted(self._raw))}）")
            src, _ = self._raw[pid]
            self._built[pid] = build(src, self._merged(pid))
        return self._built[pid]

    def all(self, family: str | None = None) -> list[Profile]:
        """Every concrete (not abstract) profile, of a family if given."""
        out = [self.get(pid) for pid in sorted(self._raw)]
        return [p for p in out if not p.abstract and (family is None or p.family == family)]

    def ids(self) -> list[str]:
        return sorted(self._raw)


def builtin() -> ProfileSet:
    profiles = ProfileSet()
    profiles.add_dir(DATA)
    return profiles


def load_file(path: str | Path, base: ProfileSet | None = None) -> Profile:
    """One profile file (it may extend a built-in profile), validated and built."""
    profiles = base or builtin()
    pid = profiles.add_file(Path(path))
    return profiles.get(pid)
