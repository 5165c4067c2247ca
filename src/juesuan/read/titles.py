"""Recognise a table by its printed title (and number), through the profile, not by position."""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..profiles import Profile, norm

_NUMBER = re.compile(r"^(附)?表\s*([0-9０-９]+|[一二三四五六七八九十]+)(?:[-－—]\d+)?\s*[:：.、]?\s*(.*)$")
_PUBLIC_NUMBER = re.compile(r"^(公开\s*(?:[0-9０-９]+\s*表|表\s*[一二三四五六七八九十]+))\s*(.*)$")
_ORDINAL = re.compile(r"^([一二三四五六七八九十]+、)\s*(.+)$")


@dataclass(frozen=True, slots=True)
class Title:
    kind: str  # '' when the title is a table's but not one the profile knows
    text: str


class Titles:
    """The title endings of a profile's tables; the longest matching ending wins, so that
    财政拨款收入支出决算总表 is 表4 and not 表1."""

    def __init__(self, profile: Profile) -> None:
        pairs = [(title, kind) for kind, spec in profile.tables.items() for title in spec.titles]
        pairs += [(title, "") for title in profile.other_titles]
        self.aliases = sorted(pairs, key=lambda pair: -len(pair[0]))
        self.endings = profile.title_endings
        # the aliases by length, longest first, each length a dict ending → kind: a line's
        # ending of that length is looked up instead of testing every alias on every line.
        # Within a length the first alias of the sorted list wins, as in a scan of it.
        self._by_length: dict[int, dict[str, str]] = {}
        for alias, kind in self.aliases:
            self._by_length.setdefault(len(alias), {}).setdefault(alias, kind)
        # the last characters of the aliases: a line ending otherwise is no alias's
        self._last = None if any(not alias for alias, _ in self.aliases) else frozenset(alias[-1] for alias, _ in self.aliases)

    def _alias_kind(self, title: str) -> str | None:
        """The kind of the longest alias ``title`` ends with (first in order among equals)."""
        if self._last is not None and title[-1:] not in self._last:
            return None
        for length, kinds in self._by_length.items():
            if length > len(title):
                continue
            ending = title[len(title) - length :]  # not title[-length:]: for 0 that is all of it
            if ending in kinds:
                return kinds[ending]
        return None

    def recognise(self, text: str) -> Title | None:
        """The table a title line names, or None if the line is not a table title."""
        title = norm(text)
        if len(title) > 60 or title.endswith(("。", "；", "，")) or title.startswith(("第", "注", "说明")):
            return None
        kind = self._alias_kind(title)
        if kind is not None:
            return Title(kind=kind, text=text.strip())
        if title.endswith(self.endings):
            return Title(kind="", text=text.strip())
        return None


def number_line(text: str) -> tuple[str, str] | None:
    """(printed number, rest) if the line begins with a table number ('表1', '公开01表')."""
    compact = text.strip()
    match = _NUMBER.match(compact)
    if match:
        number = compact[: len(compact) - len(match.group(3))].strip().rstrip(":：.、").strip()
        return number, match.group(3).strip()
    match = _PUBLIC_NUMBER.match(compact)
    if match:
        return re.sub(r"\s+", "", match.group(1)), match.group(2).strip().lstrip(":：.、").strip()
    return None


def ordinal_title(text: str) -> tuple[str, str] | None:
    """('一、', rest) for a title numbered as a list item ('一、收入支出决算总表')."""
    match = _ORDINAL.match(text.strip())
    return (match.group(1), match.group(2)) if match else None
