"""How the prose of a report says things, read back: numbered headings, a change against
a base (``比上年决算数增加X万元，增长Y%``, ``与上年决算数持平``) and the reason given for it
(``主要变动情况：…``).

One grammar, used by the claim reader (``claims.extract``), the document checks
(``checks.document``) and the renderer (``render.facts``), which writes the same sentences
through ``model.change``. Patterns read *normalised* text (``normalise``: full-width digits,
％ and brackets to one form, one character for one, so offsets stay offsets into the
printed text).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal
from typing import Any, Protocol, TypeVar

from .numbers import NUMBER, amount

# -- normalised text ---------------------------------------------------------------

# Full-width and half-width forms read alike; the mapping is one character to one, so
# offsets into the normalised text are offsets into the printed text.
_WIDTH = {
    **{chr(0xFF10 + i): str(i) for i in range(10)},
    "％": "%",
    "．": ".",
    "－": "-",
    "—": "-",
    "(": "（",
    ")": "）",
    ";": "；",
    ":": "：",
}
_WIDE = re.compile("[" + re.escape("".join(_WIDTH)) + "]")


def _narrow(match: re.Match[str]) -> str:
    return _WIDTH[match.group()]


def normalise(text: str) -> str:
    """Half-width digits and signs, full-width brackets and punctuation; same length.
    A half-width comma is a thousands separator only between digits."""
    out = _WIDE.sub(_narrow, text)
    if "," not in out:
        return out
    chars = list(out)
    last = len(chars) - 1
    at = out.find(",")
    while at >= 0:
        if not (0 < at < last and chars[at - 1].isdigit() and chars[at + 1].isdigit()):
            chars[at] = "，"
        at = out.find(",", at + 1)
    return "".join(chars)


# -- headings ----------------------------------------------------------------------

NUMERALS = "一二三四五六七八九十"
# The number that opens a heading: 第一部分, 一、, （一） (either bracket width).
HEADING = rf"第[{NUMERALS}]+部分|[{NUMERALS}]+、|[（(][{NUMERALS}]+[)）]"
# The number that opens an item of a list: 1. 1、 1．(not a decimal: 1.5).
LIST_ITEM = r"\d+[.、．](?!\d)"
_HEADING = re.compile(rf"^(?:{HEADING})")
_FIGURE = re.compile(r"\d万元|%|％")
HEADING_LENGTH = 40


def is_heading(text: str) -> bool:
    """A numbered heading (``一、…``, ``（一）…``, ``第一部分…``): short, on its own line, no
    sentence before its end (one closing ``。`` is printed after some), not ending a clause
    (``；``, ``，``: an item of a list), and no figure of its own — ``（一）人员经费4,704.35万元``
    is a statement, read for its figures."""
    text = text.strip()
    return (
        len(text) <= HEADING_LENGTH
        and _HEADING.match(text) is not None
        and "。" not in text[:-1]
        and not text.endswith(("；", "，"))
        and _FIGURE.search(text) is None
    )


class _Text(Protocol):
    @property
    def text(self) -> str: ...


P = TypeVar("P", bound=_Text)


def sections(paragraphs: Sequence[P]) -> list[tuple[P | None, list[tuple[int, P]]]]:
    """The paragraphs as (heading, [(index, paragraph), …]) at every heading; the
    paragraphs before the first heading come under None (left out when there are none)."""
    out: list[tuple[P | None, list[tuple[int, P]]]] = [(None, [])]
    for i, paragraph in enumerate(paragraphs):
        if is_heading(paragraph.text):
            out.append((paragraph, []))
        else:
            out[-1][1].append((i, paragraph))
    return out if out[0][1] else out[1:]


# -- changes -----------------------------------------------------------------------

# What a change is compared with: last year's final accounts, the year-start budget, or a
# year named ('比2023年度', '与上一年度相比').
BASE = r"上年决算数?|上年同期|上一?年度?(?:决算数?)?|20\d{2}年度?(?:决算数?)?|年初预算数?|全年预算数?|预算数?"
RISE = frozenset({"增加", "增长", "上升", "增幅"})
FALL = frozenset({"减少", "下降", "降低", "降幅"})
DIRECTION = "增加|减少|增长|下降|上升|降低"
TREND = "增长|下降|增加|减少|上升|降低|增幅|降幅"
UNIT = "万元|亿元|元"
DASH = r"-{1,2}%?"
ZERO_NOTE = r"（基数为0，不可比）"


def trend(p: str = "") -> str:
    """The percent after a change (``，增长Y%``, ``，下降--（基数为0，不可比）``, ``，增幅为Y%``),
    its groups named ``{p}trend``, ``{p}percent``, ``{p}zero``. A template's alternative
    word left in (``下降（增长）``) is read past (JS822 reports it); after a trend word a
    percent printed without % is still the percent; without one, the % must be printed."""
    return (
        rf"(?:，?\s*(?P<{p}trend>{TREND})?(?:（(?:{DIRECTION})）)?为?"
        rf"(?:(?P<{p}percent>{NUMBER})(?({p}trend)%?|%)|(?P<{p}zero>{DASH})(?:{ZERO_NOTE})?))?"
    )


def change(p: str = "") -> str:
    """``增加X万元，增长Y%`` after its base: groups ``{p}direction``, ``{p}change``,
    ``{p}unit`` (a change printed as ``5%`` is the percent) and those of ``trend``."""
    return rf"(?P<{p}direction>{DIRECTION})(?P<{p}change>{NUMBER})(?P<{p}unit>{UNIT}|%)?" + trend(p)


def compared(p: str = "") -> str:
    """``比上年决算数增加X万元，增长Y%``: the base (group ``{p}base``) and the change."""
    return rf"(?:比|较)(?P<{p}base>{BASE})" + change(p)


def flat(p: str = "") -> str:
    """``与上年决算数持平``, the base in group ``{p}base``."""
    return rf"与(?P<{p}base>{BASE})持平"


CHANGE = re.compile(compared())
FLAT = re.compile(flat())


def base_of(word: str) -> str:
    """The base a word names: 上年决算数 (also a year named), 年初预算数, 全年预算, 预算."""
    if word.startswith("上") or re.match(r"20\d{2}", word):
        return "上年决算数"
    if word.startswith("年初"):
        return "年初预算数"
    if word.startswith("全年"):
        return "全年预算"
    return "预算"


def year_of(word: str | None) -> int | None:
    match = re.match(r"(20\d{2})", word or "")
    return int(match.group(1)) if match else None


def rises(word: str) -> bool:
    """Whether a direction or trend word says the amount went up."""
    return word in RISE


def read_change(match: re.Match[str], p: str = "", base: str | None = None) -> dict[str, Any]:
    """The fields of a change matched by ``compared(p)`` or ``change(p)`` (then the base
    word is given): base, base_year, change, direction, trend, percent, base_zero. A change
    printed as a percent (``比上年增长5%``) has that percent and no amount."""
    g = match.group
    word = g(p + "base") if base is None else base
    value: Decimal | None = amount(g(p + "change"))
    percent = amount(g(p + "percent")) if g(p + "percent") else None
    trend_word = g(p + "trend") or ""
    if g(p + "unit") == "%" and percent is None:
        value, percent = None, value
    return dict(
        base=base_of(word),
        base_year=year_of(word),
        change=value,
        direction=g(p + "direction"),
        trend=trend_word,
        percent=percent,
        base_zero=bool(g(p + "zero")),
    )


# -- reasons -----------------------------------------------------------------------

# The labels of the template's reason sentences ('主要变动情况：…'), and other words that
# open a reason.
REASON_LABEL = r"主要(?:增减)?变动(?:情况|原因)|主要原因|变动原因|主要情况"
# The labels a rendered (and a published) report puts right after a change.
_AFTER_CHANGE = re.compile(r"主要(?:增减)?变动(?:情况|原因)|主要原因")
REASON = re.compile(rf"(?P<marker>{REASON_LABEL}|原因(?:主要)?(?:是|为)|是因为|由于)(?:是|为)?(?P<colon>[：:]*)\s*(?P<text>[^。；;]*)")
_NO_REASON = re.compile(r"^(?:无|没有|暂无|不适用)[。；]?$")
_LEAD = re.compile(r"[，；。\s]*")
# '2024年度“三公”经费支出决算小于预算数的主要情况：…' (the 三公 template's reason paragraph)
COMPARISON_REASON = re.compile(
    r"决算(?P<rel>等于|小于|大于|超过|高于|低于)(?P<base>预算数|上年决算数|上年)的主要(?:情况|原因)[：:]+(?P<text>.*?)。?$"
)


def reasons(text: str) -> list[str]:
    """The reasons given in a text (what follows each reason label, up to the sentence end)."""
    return [m.group("text").strip() for m in REASON.finditer(text)]


def reason_after(text: str, at: int) -> str | None:
    """The reason labelled right after position ``at`` (``，主要变动情况：…``), None when the
    text there does not give one."""
    lead = _LEAD.match(text, at)
    match = REASON.match(text, lead.end() if lead else at)
    if match is None or not match.group("colon") or _AFTER_CHANGE.fullmatch(match.group("marker")) is None:
        return None
    return match.group("text").strip().lstrip("：:").strip()


def no_reason(text: str) -> bool:
    """A reason that gives none: 无, 没有, 暂无, 不适用."""
    return _NO_REASON.match(text) is not None


def same_as(text: str) -> re.Match[str] | None:
    """``与上年决算数持平`` in a reason: the comparison it speaks of (``base_of(m.group('base'))``)."""
    return FLAT.search(text)


__all__ = [
    "BASE",
    "CHANGE",
    "COMPARISON_REASON",
    "DASH",
    "DIRECTION",
    "FALL",
    "FLAT",
    "HEADING",
    "LIST_ITEM",
    "NUMERALS",
    "REASON",
    "REASON_LABEL",
    "RISE",
    "TREND",
    "UNIT",
    "ZERO_NOTE",
    "base_of",
    "change",
    "compared",
    "flat",
    "is_heading",
    "no_reason",
    "normalise",
    "read_change",
    "reason_after",
    "reasons",
    "rises",
    "same_as",
    "sections",
    "trend",
    "year_of",
]
