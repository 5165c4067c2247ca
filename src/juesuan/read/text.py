"""The text reader: PDF-extracted text of a report to a Report.

The text is split into lines and pages (``lines``) and handed, as items, to the one
assembler every format shares.
"""

from __future__ import annotations

from ..errors import NotAReport
from ..model import Report
from .document import Choice, assemble
from .items import Item, TextLine
from .lines import split_lines


def text_items(text: str) -> tuple[list[TextLine], list]:
    lines, pages = split_lines(text)
    return [TextLine(text=line.text, page=line.page, line=line.number, indented=line.indented) for line in lines], pages


def read_text(text: str, name: str, encoding: str = "utf-8", source_format: str = "text", choice: Choice | None = None) -> Report:
    lines, pages = text_items(text)
    if not lines:
        raise NotAReport(f"{name}：文件为空，没有任何文字")
    items: list[Item] = list(lines)
    return assemble(items, pages, name, source_format, encoding, choice)
