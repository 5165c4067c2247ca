"""Text to content lines: pages found, page furniture removed.

PDF-extracted text marks a new page by a line that begins with an ASCII space, by a
form feed, or by the page number footer (``- 8 -``) of the page before. Footers are
furniture: they are dropped here and kept only as page labels.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from ..model import Page

WHITESPACE = " \t\u3000\u00a0\r\v"
_PAGE_NUMBER = re.compile(r"^[-－—–‐─―−﹣]\s*(\d{1,4})\s*[-－—–‐─―−﹣]$|^第\s*(\d{1,4})\s*页(?:\s*[,，/]?\s*共\s*\d+\s*页)?$")
# Above this share of non-empty lines starting with a space, leading spaces are
# indentation, not page starts.
_MAX_PAGE_START_SHARE = 0.25


@dataclass(frozen=True, slots=True)
class Line:
    number: int  # 1-based line in the input
    page: int  # 1-based page index
    text: str  # without surrounding whitespace
    indented: bool  # began with an indentation (full-width spaces), not a page start


def page_number(text: str) -> str | None:
    """The printed page number if the stripped line is a page-number footer."""
    match = _PAGE_NUMBER.match(text)
    if match is None:
        return None
    return match.group(1) or match.group(2)


def split_lines(text: str) -> tuple[list[Line], list[Page]]:
    raw = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    non_empty = [line for line in raw if line.strip(WHITESPACE + "\f")]
    space_starts = sum(1 for line in non_empty if line.startswith(" ") and not line.startswith("  "))
    leading_space_breaks = space_starts <= max(3, _MAX_PAGE_START_SHARE * len(non_empty))

    lines: list[Line] = []
    pages: list[Page] = []
    labels: dict[int, str] = {}
    page = 0
    break_pending = True  # the first content line opens page 1
    for number, line in enumerate(raw, start=1):
        if "\f" in line:
            break_pending = True
            line = line.replace("\f", "")
        stripped = line.strip(WHITESPACE)
        if not stripped:
            continue
        label = page_number(stripped)
        if label is not None:
            if page:
                labels[page] = label
            break_pending = True
            continue
        if break_pending or (leading_space_breaks and line.startswith(" ")):
            page += 1
            pages.append(Page(index=page, first_line=number))
            break_pending = False
        body = line[1:] if leading_space_breaks and line.startswith(" ") else line
        lines.append(Line(number=number, page=page, text=stripped, indented=body[:1] in ("\u3000", "\t") or body.startswith("  ")))
    pages = [Page(index=p.index, first_line=p.first_line, label=labels.get(p.index, "")) for p in pages]
    return lines, pages
