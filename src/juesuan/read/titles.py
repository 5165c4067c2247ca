"""Recognise a table by its printed title (and number line), not by its position."""

from __future__ import annotations

import re
from dataclasses import dataclass

# Title endings per canonical table; the longest matching ending wins, so that
# 财政拨款收入支出决算总表 is T4 and not T1. Regional and older wordings included.
TITLE_ALIASES: dict[str, tuple[str, ...]] = {
    "T1": ("收入支出决算总表", "收支决算总表", "部门收支总表"),
    "T2": ("收入决算表",),
    "T3": ("支出决算表",),
    "T4": ("财政拨款收入支出决算总表", "财政拨款收支决算总表", "财政拨款收支总表"),
    "T5": ("一般公共预算财政拨款支出决算表", "一般公共预算财政拨款支出决算明细表"),
    "T6": ("一般公共预算财政拨款基本支出决算明细表", "一般公共预算财政拨款基本支出决算表"),
    "T7": ("政府性基金预算财政拨款收入支出决算表", "政府性基金预算财政拨款收支决算表"),
    "T8": ("国有资本经营预算财政拨款支出决算表", "国有资本经营预算财政拨款收入支出决算表"),
    "T9": (
        "财政拨款“三公”经费支出决算表",
        "财政拨款三公经费支出决算表",
        "一般公共预算财政拨款“三公”经费支出决算表",
        "一般公共预算财政拨款三公经费支出决算表",
        "“三公”经费支出决算表",
        "三公经费支出决算表",
    ),
}
# Tables published beside the nine in some regions; listed so that their titles,
# which end like the nine's (项目支出决算表 ends in 支出决算表), are not taken for them.
OTHER_TITLES: tuple[str, ...] = (
    "项目支出决算表",
    "项目支出决算明细表",
    "基本支出决算表",
    "财政拨款支出决算表",
    "财政拨款支出决算明细表",
    "政府采购支出决算表",
    "政府采购情况表",
    "机关运行经费支出决算表",
)
_ALIASES = sorted(
    [(alias, kind) for kind, aliases in TITLE_ALIASES.items() for alias in aliases]
    + [(title, "") for title in OTHER_TITLES],
    key=lambda pair: -len(pair[0]),
)
# Endings of any table title, for tables that are not one of the nine.
_TABLE_ENDINGS = ("决算表", "决算总表", "明细表", "情况表", "统计表", "汇总表")
_NUMBER = re.compile(r"^(附)?表\s*([0-9０-９]+|[一二三四五六七八九十]+)(?:[-－—]\d+)?\s*[:：.、]?\s*(.*)$")
_PUBLIC_NUMBER = re.compile(r"^(公开\s*[0-9０-９]+\s*表)\s*(.*)$")
_QUOTES = str.maketrans({'"': "“", "'": "“", "‘": "“", "’": "”", "〞": "”", "〝": "“"})


@dataclass(frozen=True, slots=True)
class Title:
    kind: str  # '' when the title is a table's but not one of the nine
    text: str


def normalise_title(text: str) -> str:
    text = re.sub(r"\s+", "", text).translate(_QUOTES)
    # straight quotes all became opening quotes; pair them up again
    return re.sub(r"“三公“", "“三公”", text)


def recognise_title(text: str) -> Title | None:
    """The table a title line names, or None if the line is not a table title."""
    title = normalise_title(text)
    if len(title) > 60 or title.endswith(("。", "；", "，")) or title.startswith("第"):
        return None
    for alias, kind in _ALIASES:
        if title.endswith(alias):
            return Title(kind=kind, text=text.strip())
    if title.endswith(_TABLE_ENDINGS) and not title.startswith(("注", "说明")):
        return Title(kind="", text=text.strip())
    return None


def number_line(text: str) -> tuple[str, str] | None:
    """(printed number, rest) if the line is a table-number line ('表1', '附表3 …')."""
    compact = text.strip()
    match = _NUMBER.match(compact)
    if match:
        number = compact[: len(compact) - len(match.group(3))].strip().rstrip(":：.、").strip()
        return number, match.group(3).strip()
    match = _PUBLIC_NUMBER.match(compact)
    if match:
        return match.group(1), match.group(2).strip()
    return None
