"""HTML publications (stdlib html.parser) to the layout the parsers read.

A page that prints its tables as ``<table>`` elements gives a grid per table
(colspan and rowspan resolved) and a paragraph per text block (``<p>``, ``<h1>``…,
``<div>``, ``<li>``, or lines broken by ``<br>``). A page without tables that carries
the report as text blocks (lines like the extracted text of the corpus) is read by the
text reader from its text, line by line.
"""

from __future__ import annotations

import re
from html.parser import HTMLParser

from ..errors import NotAReport
from ..limits import active, exceeded
from ..model import Page, Report
from .decode import check_digit_runs
from .document import Choice, assemble
from .items import Grid, GridCell, Item, TextLine
from .text import read_text

_BLOCKS = frozenset(
    {
        "p",
        "div",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "section",
        "article",
        "blockquote",
        "title",
        "header",
        "footer",
        "center",
        "td",
        "th",
        "tr",
        "table",
        "pre",
        "body",
    }
)
_SKIP = frozenset({"script", "style", "head", "noscript", "template"})
_SPACE = re.compile(r"[ \t\r\n\f]+")


def looks_like_html(text: str) -> bool:
    head = text[:4096].lstrip("\ufeff \t\r\n").lower()
    return (
        head.startswith(("<!doctype html", "<html", "<?xml"))
        and "<html" in text[:8192].lower()
        or (head.startswith("<") and any(tag in head for tag in ("<body", "<table", "<p>", "<div")))
    )


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.items: list[tuple[str, object]] = []  # ('text', str) | ('table', rows)
        self.buffer: list[str] = []
        self.skip = 0
        self.pre = 0
        self.tables: list[list[list[tuple[str, int, int]]]] = []  # stack of tables: rows of (text, rowspan, colspan)
        self.cell: list[str] | None = None
        self.span = (1, 1)
        self.lines: list[str] = []  # the text, line by line, for pages without tables

    def _flush(self) -> None:
        text = "".join(self.buffer)
        self.buffer = []
        if self.pre:
            for line in text.split("\n"):
                if line.strip():
                    self.items.append(("text", line.strip()))
            self.lines.extend(text.split("\n"))
            return
        text = _SPACE.sub(" ", text).strip(" ")
        if text:
            self.items.append(("text", text))
            self.lines.append(text)

    def handle_starttag(self, tag, attrs):
        if tag in _SKIP:
            self.skip += 1
            return
        if self.skip:
            return
        if tag == "table":
            self._flush()
            self.tables.append([])
        elif tag == "tr" and self.tables:
            self.tables[-1].append([])
        elif tag in ("td", "th") and self.tables:
            values = dict(attrs)
            self.cell = []
            self.span = (_int(values.get("rowspan")), _int(values.get("colspan")))
        elif tag == "br":
            if self.cell is not None:
                return
            self._flush()
        elif tag in _BLOCKS and self.cell is None:
            self._flush()
            if tag == "pre":
                self.pre += 1

    def handle_endtag(self, tag):
        if tag in _SKIP:
            self.skip = max(0, self.skip - 1)
            return
        if self.skip:
            return
        if tag in ("td", "th") and self.cell is not None and self.tables:
            text = _SPACE.sub(" ", "".join(self.cell)).strip()
            if not self.tables[-1]:
                self.tables[-1].append([])
            self.tables[-1][-1].append((text, *self.span))
            self.cell = None
        elif tag == "table" and self.tables:
            rows = self.tables.pop()
            self.items.append(("table", rows))
        elif tag in _BLOCKS and self.cell is None:
            self._flush()
            if tag == "pre":
                self.pre = max(0, self.pre - 1)

    def handle_data(self, data):
        if self.skip:
            return
        if self.cell is not None:
            self.cell.append(data)
        else:
            self.buffer.append(data)


def _int(value) -> int:
    try:
        return max(1, int(str(value).strip()))
    except (TypeError, ValueError):
        return 1


def table_grid(rows: list[list[tuple[str, int, int]]], page: int = 1, name: str = "") -> Grid:
    """Rows of <td>/<th> (text, rowspan, colspan) to a grid, spans resolved. A span is
    clamped to the rows that exist and to ``max_span`` columns (juesuan.limits): work
    follows what is printed, not what a cell declares. A table of more than
    ``max_cells`` cells is refused before it is built."""
    limits = active()
    taken: set[tuple[int, int]] = set()
    cells: list[GridCell] = []
    area = 0
    for r, row in enumerate(rows):
        c = 0
        for text, rowspan, colspan in row:
            rowspan = max(1, min(rowspan, len(rows) - r))
            colspan = max(1, min(colspan, limits.max_span))
            area += rowspan * colspan
            if area > limits.max_cells:
                raise exceeded(name or "HTML", "HTML 表格的单元格数", "max_cells")
            while (r, c) in taken:
                c += 1
            for rr in range(r, r + rowspan):
                for cc in range(c, c + colspan):
                    taken.add((rr, cc))
            cells.append(GridCell(r, r + rowspan - 1, c, c + colspan - 1, text))
            c += colspan
    ncols = max((cell.c1 for cell in cells), default=0) + 1
    if ncols * len(rows) > limits.max_cells:
        raise exceeded(name or "HTML", "HTML 表格的单元格数", "max_cells", ncols * len(rows))
    blanks = [GridCell(r, r, c, c, "") for r in range(len(rows)) for c in range(ncols) if (r, c) not in taken]
    return Grid(sorted(cells + blanks, key=lambda cell: (cell.r0, cell.c0)), page, ncols=ncols, nrows=len(rows))


def read_html(text: str, name: str, encoding: str, choice: Choice | None = None) -> Report:
    parser = _Parser()
    parser.feed(text)
    parser.close()
    parser._flush()
    texts = [str(value) if kind == "text" else " ".join(t for row in value for t, _, _ in row) for kind, value in parser.items]  # type: ignore[attr-defined]
    check_digit_runs("\n".join(texts), name, "页面中")
    if not any(kind == "table" for kind, _ in parser.items):
        body = "\n".join(parser.lines)
        if not body.strip():
            raise NotAReport(f"{name}：HTML 页面中没有任何文字")
        return read_text(body, name, encoding=encoding, source_format="html", choice=choice)
    grids_and_lines: list[Item] = []
    for kind, value in parser.items:
        if kind == "table":
            grids_and_lines.append(table_grid(value, name=name))  # type: ignore[arg-type]
        else:
            grids_and_lines.append(TextLine(text=str(value).strip(" \t\u3000\u00a0"), page=1, paragraph=True))
    return assemble(grids_and_lines, [Page(index=1, first_line=0)], name, "html", encoding, choice)
