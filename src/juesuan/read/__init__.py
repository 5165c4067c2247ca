"""Readers: a published report in any supported format to a Report.

The format is decided by content, never by the file name.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from ..errors import InputMissing, UnsupportedFormat
from ..model import Report
from ..profiles import Profile, ProfileSet, builtin
from .decode import decode
from .document import Choice, combine
from .html import looks_like_html, read_html
from .text import read_text

__all__ = ["Choice", "combine", "read_path", "read_paths", "read_bytes", "read_text", "sniff"]

_SIGNATURES: tuple[tuple[bytes, str], ...] = (
    (b"%PDF-", "pdf"),
    (b"PK\x03\x04", "zip"),
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1", "ole"),  # legacy .xls / .doc
    (b"\x89PNG", "png"),
    (b"\xff\xd8\xff", "jpeg"),
)
_FORMAT_NAMES = {"pdf": "PDF", "zip": "ZIP/XLSX/DOCX", "ole": "XLS/DOC", "png": "PNG 图片", "jpeg": "JPEG 图片"}


def sniff(data: bytes) -> str:
    """'text' or the binary format the bytes begin with."""
    head = data[:16]
    for signature, kind in _SIGNATURES:
        if head.startswith(signature):
            return kind
    return "text"


def _choice(profile: Profile | None, profiles: ProfileSet | None) -> Choice | None:
    return Choice(profile, profiles) if profile is not None or profiles is not None else None


def read_bytes(data: bytes, name: str, profile: Profile | None = None, profiles: ProfileSet | None = None) -> Report:
    """A report of any supported format; ``profile`` forces a profile, ``profiles`` is
    the set to choose from by content (the built-in profiles by default)."""
    choice = _choice(profile, profiles)
    kind = sniff(data)
    if kind != "text":
        return _read_binary(kind, data, name, choice)
    text, encoding = decode(data, name)
    if looks_like_html(text):
        return read_html(text, name, encoding, choice)
    return read_text(text, name, encoding=encoding, choice=choice)


def read_path(path: str | Path, profile: Profile | None = None, profiles: ProfileSet | None = None) -> Report:
    path = Path(path)
    try:
        data = path.read_bytes()
    except FileNotFoundError as exc:
        raise InputMissing(f"{path}：文件不存在") from exc
    except IsADirectoryError as exc:
        raise InputMissing(f"{path}：是目录，不是文件") from exc
    except PermissionError as exc:
        raise InputMissing(f"{path}：没有读取权限") from exc
    except OSError as exc:
        raise InputMissing(f"{path}：无法读取（{exc.strerror}）") from exc
    return read_bytes(data, path.name, profile, profiles)


def read_paths(paths: Sequence[str | Path], profile: Profile | None = None, profiles: ProfileSet | None = None) -> Report:
    """One report from one file, or from the two files it is published as (the text and the
    tables, in either order: ``combine``). The two files are read with one profile: the one
    forced, else the one the file with the stronger evidence chose."""
    if not 1 <= len(paths) <= 2:
        raise InputMissing(f"一份报告由一个文件或两个文件（文字与报表）组成，给出了 {len(paths)} 个")
    if len(paths) == 1:
        return read_path(paths[0], profile, profiles)
    first, second = (read_path(path, profile, profiles) for path in paths)
    if profile is None and first.profile is not None and second.profile is not None and first.profile.id != second.profile.id:
        weaker, stronger = (0, first) if first.profile.score < second.profile.score else (1, second)
        chosen = (profiles or builtin()).get(stronger.profile.id) if stronger.profile else None
        again = read_path(paths[weaker], chosen, profiles)
        first, second = (again, second) if weaker == 0 else (first, again)
    return combine(first, second)


def _read_binary(kind: str, data: bytes, name: str, choice: Choice | None) -> Report:
    if kind == "pdf":
        from .pdf import read_pdf

        return read_pdf(data, name, choice)
    if kind == "zip":
        from .xlsx import read_xlsx

        return read_xlsx(data, name, choice)
    if kind == "ole":
        from .xls import read_xls

        return read_xls(data, name, choice)
    raise UnsupportedFormat(f"{name}：是 {_FORMAT_NAMES[kind]} 文件，无法读取")
