"""The canonical JSON form of a Report.

Canonical means: every field in declared order, amounts as their printed decimal
string, UTF-8 text unescaped, one fixed indentation. ``dumps(loads(s)) == s`` for
any ``s`` produced by ``dumps``.
"""

from __future__ import annotations

import dataclasses
import json
import types
import typing
from decimal import Decimal, InvalidOperation
from functools import cache
from typing import Any

from ..errors import ModelFormatError
from .report import Report, plain

FORMAT = "juesuan-report"
VERSION = 1


def to_data(value: Any) -> Any:
    """A dataclass tree as plain JSON-able data."""
    if dataclasses.is_dataclass(value):
        return {
            f.name: to_data(getattr(value, f.name))
            for f in dataclasses.fields(value)
            if not (f.metadata.get("optional") and getattr(value, f.name) == f.default)
        }
    if isinstance(value, Decimal):
        return plain(value)
    if isinstance(value, tuple):
        return [to_data(item) for item in value]
    return value


def dumps(report: Report) -> str:
    document = {"format": FORMAT, "version": VERSION, "report": to_data(report)}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def loads(text: str) -> Report:
    try:
        document = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ModelFormatError(f"不是有效的 JSON：第{exc.lineno}行第{exc.colno}列 {exc.msg}") from exc
    if not isinstance(document, dict) or document.get("format") != FORMAT:
        raise ModelFormatError(f'不是 juesuan 报告模型（缺少 "format": "{FORMAT}"）')
    if document.get("version") != VERSION:
        raise ModelFormatError(f"不支持的模型版本 {document.get('version')!r}（支持 {VERSION}）")
    report: Report = from_data(Report, document.get("report"), "report")
    return report


@cache
def _hints(cls: type) -> dict[str, Any]:
    return typing.get_type_hints(cls)


def from_data(kind: Any, data: Any, path: str) -> Any:
    """Rebuild a value of type ``kind`` from plain data; ``path`` locates errors."""
    origin = typing.get_origin(kind)
    if origin in (typing.Union, types.UnionType):
        options = typing.get_args(kind)
        if data is None and type(None) in options:
            return None
        (inner,) = [option for option in options if option is not type(None)]
        return from_data(inner, data, path)
    if origin is tuple:
        args = typing.get_args(kind)
        if not isinstance(data, list):
            raise ModelFormatError(f"{path} 应为列表")
        if len(args) == 2 and args[1] is Ellipsis:
            return tuple(from_data(args[0], item, f"{path}[{i}]") for i, item in enumerate(data))
        if len(args) != len(data):
            raise ModelFormatError(f"{path} 应有 {len(args)} 项")
        return tuple(from_data(a, item, f"{path}[{i}]") for i, (a, item) in enumerate(zip(args, data)))
    if dataclasses.is_dataclass(kind):
        cls: Any = kind  # a dataclass type (is_dataclass would narrow it to instance-or-type)
        if not isinstance(data, dict):
            raise ModelFormatError(f"{path} 应为对象")
        hints = _hints(cls)
        names = [f.name for f in dataclasses.fields(cls)]
        unknown = set(data) - set(names)
        if unknown:
            raise ModelFormatError(f"{path} 含未知字段 {sorted(unknown)}")
        optional = {f.name for f in dataclasses.fields(cls) if f.metadata.get("optional")}
        missing = [name for name in names if name not in data and name not in optional]
        if missing:
            raise ModelFormatError(f"{path} 缺少字段 {missing}")
        return cls(**{name: from_data(hints[name], data[name], f"{path}.{name}") for name in names if name in data})
    if kind is Decimal:
        if not isinstance(data, str):
            raise ModelFormatError(f"{path} 应为数字字符串")
        try:
            return Decimal(data)
        except InvalidOperation as exc:
            raise ModelFormatError(f"{path} 不是数字：{data!r}") from exc
    if kind is float:
        if isinstance(data, bool) or not isinstance(data, (int, float)):
            raise ModelFormatError(f"{path} 应为数值")
        return float(data)
    if kind in (int, str, bool):
        if type(data) is not kind:
            raise ModelFormatError(f"{path} 应为 {kind.__name__}")
        return data
    raise ModelFormatError(f"{path}：不支持的类型 {kind!r}")
