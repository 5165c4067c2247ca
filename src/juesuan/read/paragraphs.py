"""Lines of prose to paragraphs.

Extracted prose is broken at the right margin every ~30 characters, mid-word and
mid-number. A line that reaches the margin continues on the next; a shorter line,
an indented line, or a heading or list marker on the next line ends a paragraph.
Lines are joined without a space: Chinese has none, and a number broken at the
margin must come back whole.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import GlossaryEntry, LineSpan, Paragraph, Source
from .lines import Line

_HEADING = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）]|\d+[.、．](?!\d)|第[一二三四五六七八九十]+部分)"
)
# Widths in half-width units (a CJK character is 2). A line within _FULL of the
# margin reached it; the first line of a paragraph is indented by two characters in
# print (the indent is lost in extraction), so within _INDENTED it may still be full
# unless it ends a sentence; shorter lines end their paragraph.
_FULL = 5
_INDENTED = 12
_TERMINAL = "。：:；;！？!?"


def width(text: str) -> int:
    return sum(2 if unicodedata.east_asian_width(ch) in "WFA" else 1 for ch in text)


def _margin(lines: list[Line]) -> int:
    """The right margin: the width most lines reach (a high quantile)."""
    widths = sorted(width(line.text) for line in lines)
    if not widths:
        return 0
    return widths[int(0.8 * (len(widths) - 1))]


def _is_heading(text: str) -> bool:
    return bool(_HEADING.match(text)) and not any(mark in text for mark in "，。；")


def _ends_paragraph(line: Line, following: Line, margin: int) -> bool:
    if following.indented or _HEADING.match(following.text):
        return True
    shortfall = margin - width(line.text)
    if _is_heading(line.text) and shortfall > _FULL:
        return True
    if shortfall <= _FULL:
        return False
    ends_sentence = line.text[-1] in _TERMINAL
    if shortfall <= _INDENTED:
        return ends_sentence
    # A number is never broken: a short line followed by one wrapped early.
    next_is_number = following.text[:1].isascii() and following.text[:1].isalnum()
    return ends_sentence or not next_is_number


def paragraphs(lines: list[Line]) -> tuple[Paragraph, ...]:
    margin = _margin(lines)
    out: list[Paragraph] = []
    text = ""
    spans: list[LineSpan] = []
    for i, line in enumerate(lines):
        spans.append(LineSpan(offset=len(text), page=line.page, line=line.number))
        text += line.text
        following = lines[i + 1] if i + 1 < len(lines) else None
        if following is None or _ends_paragraph(line, following, margin):
            out.append(Paragraph(text=text, spans=tuple(spans)))
            text, spans = "", []
    return tuple(out)


_TERM = re.compile(r"^(.{1,30}?)\s*[:：]\s*")


def glossary(lines: list[Line]) -> tuple[tuple[GlossaryEntry, ...], tuple[Paragraph, ...]]:
    """Glossary entries ('term: definition'), and paragraphs that define no term."""
    entries: list[GlossaryEntry] = []
    loose: list[Paragraph] = []
    for paragraph in paragraphs(lines):
        match = _TERM.match(paragraph.text)
        if match and "。" not in match.group(1) and "，" not in match.group(1):
            entries.append(
                GlossaryEntry(
                    term=match.group(1).strip(),
                    definition=paragraph.text[match.end() :].strip(),
                    source=paragraph.source_at(0),
                )
            )
        elif entries:
            last = entries[-1]
            entries[-1] = GlossaryEntry(term=last.term, definition=last.definition + paragraph.text, source=last.source)
        else:
            loose.append(paragraph)
    return tuple(entries), tuple(loose)
