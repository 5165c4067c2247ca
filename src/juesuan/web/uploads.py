"""What an upload may be: its size, its type (by name and by content), its label.

The client's file name is only ever a label shown to people: it is reduced to a
harmless base name and never used to build a path.
"""

from __future__ import annotations

import re

from .errors import ApiError

# Suffix → the content kinds (as ``juesuan.read.sniff`` names them) it may hold.
ACCEPTED: dict[str, frozenset[str]] = {
    ".txt": frozenset({"text"}),
    ".html": frozenset({"text"}),
    ".htm": frozenset({"text"}),
    ".pdf": frozenset({"pdf"}),
    ".xlsx": frozenset({"zip"}),
    ".xls": frozenset({"ole", "text"}),  # some portals serve HTML tables as .xls
}
ACCEPT_ATTRIBUTE = ",".join(ACCEPTED)
_UNSAFE = re.compile(r"[\x00-\x1f\x7f<>:\"|?*]")


def label(filename: str | None) -> str:
    """A safe display name: the last path component, no control or shell characters."""
    name = (filename or "").replace("\\", "/").rsplit("/", 1)[-1]
    name = _UNSAFE.sub("_", name).strip(" .")
    return name[:120] or "upload.txt"


def suffix(name: str) -> str:
    dot = name.rfind(".")
    return name[dot:].lower() if dot > 0 else ""


def validate(data: bytes, name: str, limit: int) -> None:
    """Raise ApiError unless ``data`` may be handed to the parser."""
    from ..read import sniff

    if not data:
        raise ApiError(400, "empty", f"{name}：文件为空")
    if len(data) > limit:
        raise ApiError(413, "too_large", f"{name}：文件过大（{len(data)} 字节，上限 {limit} 字节）")
    kinds = ACCEPTED.get(suffix(name))
    if kinds is None:
        raise ApiError(415, "unsupported_type", f"{name}：不支持的文件类型（支持 {'、'.join(ACCEPTED)}）")
    kind = sniff(data)
    if kind not in kinds:
        raise ApiError(415, "unsupported_type", f"{name}：文件内容（{kind}）与扩展名 {suffix(name)} 不符")
