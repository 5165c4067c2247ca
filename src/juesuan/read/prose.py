"""Lines of prose to paragraphs, for text and for positioned lines.

Extracted text is broken at the right margin every ~30 characters, mid-word and
mid-number. A line that reaches the margin continues on the next; a shorter line,
an indented line, or a heading or list marker on the next line ends a paragraph.
Lines are joined without a space: Chinese has none, and a number broken at the
margin must come back whole. Positioned lines (PDF) are judged by geometry instead:
the margins of the pages of the same width (or of the table on the page), the
indent of the next line and the line pitch.
"""

from __future__ import annotations

import re
import unicodedata

from ..model import GlossaryEntry, LineSpan, Paragraph, Source
from ..model.prose import HEADING, LIST_ITEM
from .items import BBox, Grid, Item, TextLine

# A line opening a heading (model.prose.HEADING) or an item of a list opens a paragraph.
_HEADING = re.compile(rf"^(?:{HEADING}|{LIST_ITEM})")
# Widths in half-width units (a CJK character is 2). A line within _FULL of the
# margin reached it; the first line of a paragraph is indented by two characters in
# print (the indent is lost in extraction), so within _INDENTED it may still be full
# unless it ends a sentence; shorter lines end their paragraph.
_FULL = 5
_INDENTED = 12
_TERMINAL = "。：:；;！？!?"


class _Widths(dict[str, int]):
    """The width of each character met (a CJK character is 2), looked up once."""

    def __missing__(self, ch: str) -> int:
        found = self[ch] = 2 if unicodedata.east_asian_width(ch) in "WFA" else 1
        return found


_WIDTHS = _Widths()


def width(text: str) -> int:
    return sum(map(_WIDTHS.__getitem__, text))


def _margin(lines: list[TextLine]) -> int:
    """The right margin: the width most lines reach (a high quantile)."""
    widths = sorted(width(line.text) for line in lines)
    if not widths:
        return 0
    return widths[int(0.8 * (len(widths) - 1))]


def _is_heading(text: str) -> bool:
    return bool(_HEADING.match(text)) and not any(mark in text for mark in "，。；")


def _text_ends(line: TextLine, following: TextLine, margin: int) -> bool:
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


class Prose:
    """Joins the prose lines of one document; margins come from the whole item stream."""

    def __init__(self, items: list[Item], page_width: dict[int, float] | None = None) -> None:
        lines = [(item, item.bbox) for item in items if isinstance(item, TextLine) and item.bbox is not None]  # positioned lines
        tables: dict[int, list[BBox]] = {}
        for item in items:
            if isinstance(item, Grid) and item.bbox is not None:
                tables.setdefault(item.page, []).append(item.bbox)
        by_width: dict[float, list[tuple[TextLine, BBox]]] = {}
        for line, box in lines:
            if line.page not in tables:
                by_width.setdefault(round((page_width or {}).get(line.page, 0)), []).append((line, box))
        self.margins: dict[int, tuple[float, float]] = {}
        by_width_margins: dict[float, tuple[float, float]] = {}
        for key, group in by_width.items():
            left = min(box[0] for _, box in group)
            right = max(box[2] for _, box in group)
            by_width_margins[key] = (left, right)
            for line, _ in group:
                self.margins[line.page] = (left, right)
        for page, boxes in tables.items():
            # prose on a table page runs between the margins of the pages of its width
            # without tables, where there are such (a table may be wider than the text);
            # else between the table's edges
            key = round((page_width or {}).get(page, 0))
            self.margins[page] = by_width_margins.get(key) or (min(b[0] for b in boxes), max(b[2] for b in boxes))
        for line, box in lines:
            self.margins.setdefault(line.page, (box[0], box[2]))
        pitches = sorted(
            b_box[3] - a_box[3] for (a, a_box), (b, b_box) in zip(lines, lines[1:]) if a.page == b.page and b_box[3] > a_box[3]
        )
        self.pitch = pitches[len(pitches) // 2] if pitches else 0.0

    def _geometry_ends(self, last: TextLine, item: TextLine, bracket_open: bool = False) -> bool:
        left, _ = self.margins[item.page]
        h = item.height or (item.bbox[3] - item.bbox[1])  # type: ignore[index]
        last_left, last_right = self.margins[last.page]
        shortfall = (last_right - last.bbox[2]) / (last.height or h or 1.0)  # type: ignore[index]
        # a line ends early before a word or bracket that does not fit; not after a full stop
        reaches = shortfall <= 1.5 or (shortfall <= 5 and last.text[-1:] not in _TERMINAL)
        indented = item.bbox[0] > left + 0.6 * h  # type: ignore[index]
        spaced = self.pitch > 0 and last.page == item.page and item.bbox[3] - last.bbox[3] > 1.3 * self.pitch  # type: ignore[index]
        if bracket_open and not indented and not spaced and not _HEADING.match(item.text):
            # a bracket left open at a short line: a frame narrower than the page's others
            # (a Word section of its own) broke the line, not the end of a paragraph
            return False
        return not (reaches and not indented and not spaced and last.bbox[0] <= last_left + 3 * h)  # type: ignore[index]

    def paragraphs(self, lines: list[TextLine]) -> tuple[Paragraph, ...]:
        margin = _margin([line for line in lines if line.bbox is None])
        out: list[Paragraph] = []
        text = ""
        spans: list[LineSpan] = []
        for i, line in enumerate(lines):
            spans.append(LineSpan(offset=len(text), page=line.page, line=line.line))
            text = _join(text, line.text)
            following = lines[i + 1] if i + 1 < len(lines) else None
            if following is None or line.paragraph or following.paragraph:
                ends = True
            elif line.bbox is not None and following.bbox is not None:
                ends = self._geometry_ends(line, following, _bracket_open(text))
            else:
                ends = _text_ends(line, following, margin)
            if ends:
                out.append(Paragraph(text=text, spans=tuple(spans)))
                text, spans = "", []
        return tuple(out)

    def glossary(self, lines: list[TextLine]) -> tuple[tuple[GlossaryEntry, ...], tuple[Paragraph, ...]]:
        """Glossary entries ('term: definition'), and paragraphs that define no term."""
        entries: list[GlossaryEntry] = []
        loose: list[Paragraph] = []
        for paragraph in self.paragraphs(lines):
            match = _TERM.match(paragraph.text)
            if match and "。" not in match.group(1) and "，" not in match.group(1):
                entries.append(
                    GlossaryEntry(
                        term=match.group(1).strip(), definition=paragraph.text[match.end() :].strip(), source=paragraph.source_at(0)
                    )
                )
            elif entries:
                last = entries[-1]
                entries[-1] = GlossaryEntry(term=last.term, definition=last.definition + paragraph.text, source=last.source)
            else:
                loose.append(paragraph)
        return tuple(entries), tuple(loose)


def _bracket_open(text: str) -> bool:
    return text.count("（") + text.count("(") > text.count("）") + text.count(")")


def _join(text: str, more: str) -> str:
    if text[-1:].isascii() and text[-1:].isalpha() and more[:1].isascii() and more[:1].isalpha():
        return text + " " + more
    return text + more


_TERM = re.compile(r"^(.{1,30}?)\s*[:：]\s*")


def paragraph_source(paragraph: Paragraph) -> Source:
    return paragraph.source_at(0)
