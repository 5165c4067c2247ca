"""Positioned content to the layout text the table and prose parsers read.

Every non-text reader (PDF, XLSX/XLS, HTML) produces pages of two kinds of items:
``TextLine`` (a line of prose, a title, a heading, a note) and ``Grid`` (a table
region as cells with row/column spans). This module turns them into the canonical
layout text — one line per table row with its cells in column order, one line per
paragraph — and keeps, for every line it writes, where each value came from. The
text then goes through the same segmentation, layouts, row grammars and paragraph
builder as extracted text (``read_text``), and the positions are put back on the
cells (``attach_positions``).

Table rows are built from geometry, never from the order of the text: in a PDF the
cells come from the ruling lines (``rects_to_cells``), the words are placed into them
by position (``words_to_cells``), the value columns come from the 栏次 row or, where
there is none, from where amounts stand (``value_columns``); a blank value cell of a
coded table is written as ``-`` so that every later value keeps its column.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields, is_dataclass, replace

from ..model import Cell, LineSpan, Page, Report, Row, Source, Table, Unrecognized, map_cells
from . import tokens
from .lines import page_number

BBox = tuple[float, float, float, float]
INDENT = "\u3000\u3000"
_TERMINAL = "。：:；;！？!?"
_CODE_HEADER = re.compile(r"编码|^[类款项]$")


@dataclass(frozen=True, slots=True)
class TextLine:
    """A visual line (PDF) or a block of text (HTML paragraph, a sheet row)."""

    text: str
    page: int
    bbox: BBox | None = None
    height: float = 0.0
    paragraph: bool = False  # already a whole paragraph: never joined with the next


@dataclass(frozen=True, slots=True)
class GridCell:
    r0: int
    r1: int
    c0: int
    c1: int
    text: str
    bbox: BBox | None = None


@dataclass
class Grid:
    cells: list[GridCell]
    page: int
    bbox: BBox | None = None
    ncols: int = 0

    def __post_init__(self) -> None:
        if not self.ncols and self.cells:
            self.ncols = max(cell.c1 for cell in self.cells) + 1


Item = TextLine | Grid


@dataclass
class RenderedLine:
    text: str
    page: int
    bbox: BBox | None = None
    values: list[tuple[str, BBox | None]] = field(default_factory=list)


# --- PDF geometry -------------------------------------------------------------------


def _cluster(values: list[float], tolerance: float) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= tolerance:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def words_to_lines(words, page: int) -> list[TextLine]:
    """Words (text, bbox) to visual lines, top to bottom; words of a line joined by a space
    where a space or a wide gap separates them."""
    ordered = sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2)
    groups: list[list] = []
    for word in ordered:
        mid = (word.bbox[1] + word.bbox[3]) / 2
        if groups:
            last = groups[-1]
            top = min(w.bbox[1] for w in last)
            bottom = max(w.bbox[3] for w in last)
            if top <= mid <= bottom:
                last.append(word)
                continue
        groups.append([word])
    lines = []
    for group in groups:
        group.sort(key=lambda w: w.bbox[0])
        text = ""
        for i, word in enumerate(group):
            if i and (word.space_before or word.bbox[0] - group[i - 1].bbox[2] > 0.8 * (word.bbox[3] - word.bbox[1])):
                text += " "
            text += word.text
        bbox = (min(w.bbox[0] for w in group), min(w.bbox[1] for w in group), max(w.bbox[2] for w in group), max(w.bbox[3] for w in group))
        height = sorted(w.bbox[3] - w.bbox[1] for w in group)[len(group) // 2]
        lines.append(TextLine(text=text, page=page, bbox=bbox, height=height))
    return lines


def rules_to_regions(hrules: list[BBox], vrules: list[BBox], tolerance: float = 3.0) -> list[tuple[list[BBox], list[BBox], BBox]]:
    """Ruling segments grouped into table regions (segments that touch), with their box."""
    rules = [("h", r) for r in hrules] + [("v", r) for r in vrules]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    boxes = [(r[0] - tolerance, r[1] - tolerance, r[2] + tolerance, r[3] + tolerance) for _, r in rules]
    order = sorted(range(len(rules)), key=lambda i: boxes[i][0])
    for n, i in enumerate(order):
        for j in order[n + 1 :]:
            if boxes[j][0] > boxes[i][2]:
                break
            if boxes[j][1] <= boxes[i][3] and boxes[i][1] <= boxes[j][3]:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(rules)):
        groups.setdefault(find(i), []).append(i)
    regions = []
    for members in groups.values():
        h = [rules[i][1] for i in members if rules[i][0] == "h"]
        v = [rules[i][1] for i in members if rules[i][0] == "v"]
        if len(h) < 2 or len(v) < 2:
            continue
        box = (min(r[0] for r in h + v), min(r[1] for r in h + v), max(r[2] for r in h + v), max(r[3] for r in h + v))
        regions.append((h, v, box))
    return sorted(regions, key=lambda region: region[2][1])


def _covered(intervals: list[tuple[float, float]], point: float) -> bool:
    return any(a - 1.0 <= point <= b + 1.0 for a, b in intervals)


def rects_to_cells(hrules: list[BBox], vrules: list[BBox], tolerance: float = 2.0) -> tuple[list[tuple[int, int, int, int, BBox]], list[float], list[float]]:
    """Ruling segments to the cells they enclose: (r0, r1, c0, c1, bbox) with merged
    cells where a border is missing, and the column and row boundaries."""
    xs = _cluster([r[0] for r in vrules], tolerance)
    ys = _cluster([r[1] for r in hrules], tolerance)
    vcover: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(xs))}
    hcover: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(ys))}
    for r in vrules:
        i = min(range(len(xs)), key=lambda k: abs(xs[k] - r[0]))
        vcover[i].append((r[1], r[3]))
    for r in hrules:
        i = min(range(len(ys)), key=lambda k: abs(ys[k] - r[1]))
        hcover[i].append((r[0], r[2]))
    nrows, ncols = len(ys) - 1, len(xs) - 1
    parent = list(range(nrows * ncols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nrows):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(ncols):
            mid_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < ncols and not _covered(vcover[c + 1], mid_y):
                parent[find(r * ncols + c)] = find(r * ncols + c + 1)
            if r + 1 < nrows and not _covered(hcover[r + 1], mid_x):
                parent[find(r * ncols + c)] = find((r + 1) * ncols + c)
    groups: dict[int, list[int]] = {}
    for i in range(nrows * ncols):
        groups.setdefault(find(i), []).append(i)
    cells = []
    for members in groups.values():
        rows = [i // ncols for i in members]
        cols = [i % ncols for i in members]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        cells.append((r0, r1, c0, c1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda cell: (cell[0], cell[2]))
    return cells, xs, ys


def words_to_cells(words, cells: list[tuple[int, int, int, int, BBox]]) -> tuple[list[GridCell], list]:
    """Words placed into the cells by their centre; multi-line cell text joined without a
    break (a wrapped name comes back whole). Returns the cells and the words outside."""
    inside: dict[int, list] = {}
    outside = []
    for word in words:
        cx = (word.bbox[0] + word.bbox[2]) / 2
        cy = (word.bbox[1] + word.bbox[3]) / 2
        for index, (_, _, _, _, box) in enumerate(cells):
            if box[0] <= cx <= box[2] and box[1] <= cy <= box[3]:
                inside.setdefault(index, []).append(word)
                break
        else:
            outside.append(word)
    out = []
    for index, (r0, r1, c0, c1, box) in enumerate(cells):
        found = inside.get(index, [])
        if not found:
            out.append(GridCell(r0, r1, c0, c1, "", box))
            continue
        lines = words_to_lines(found, 0)
        text = "".join(line.text for line in lines)
        bbox = (min(w.bbox[0] for w in found), min(w.bbox[1] for w in found), max(w.bbox[2] for w in found), max(w.bbox[3] for w in found))
        out.append(GridCell(r0, r1, c0, c1, text, bbox))
    return out, outside


def split_words(words, vrules: list[BBox]) -> list:
    """Words cut where a vertical ruling runs through them: the text of two adjacent
    cells can touch (a right-aligned amount before a left-aligned name)."""
    out = []
    for word in words:
        pending = [word]
        while pending:
            current = pending.pop()
            mid = (current.bbox[1] + current.bbox[3]) / 2
            for rule in vrules:
                x = rule[0]
                if current.bbox[0] + 1 < x < current.bbox[2] - 1 and rule[1] <= mid <= rule[3]:
                    parts = current.split(x)
                    if parts is not None:
                        pending.extend(parts)
                        break
            else:
                out.append(current)
    return out


def page_items(page) -> list[Item]:
    """A PDF page (juesuan.read.pdf.PdfPage) to its items, top to bottom."""
    words = list(page.words)
    items: list[tuple[float, Item]] = []
    regions = rules_to_regions(page.hrules, page.vrules)
    if regions:
        words = split_words(words, [rule for region in regions for rule in region[1]])
    for hrules, vrules, box in regions:
        cells, xs, ys = rects_to_cells(hrules, vrules)
        if len(xs) < 2 or len(ys) < 2:
            continue
        grid_cells, words = words_to_cells(words, cells)
        if not any(cell.text for cell in grid_cells):
            continue
        items.append((box[1], Grid(grid_cells, page.index, box, len(xs) - 1)))
    for line in words_to_lines(words, page.index):
        items.append((line.bbox[1], line))
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]


# --- tables to lines -----------------------------------------------------------------


@dataclass
class _Columns:
    values: set[int]
    codes: set[int]
    ncols: int


def _rows(grid: Grid) -> list[list[GridCell]]:
    rows: dict[int, list[GridCell]] = {}
    for cell in grid.cells:
        rows.setdefault(cell.r0, []).append(cell)
    return [sorted(rows[r], key=lambda c: c.c0) for r in sorted(rows)]


def _plain(cells: list[GridCell]) -> str:
    return " ".join(cell.text for cell in cells if cell.text)


def _is_decimal_amount(text: str) -> bool:
    return tokens.is_amount(text) and "." in text


def value_columns(grid: Grid, carry: _Columns | None) -> tuple[_Columns | None, int]:
    """The value and code columns of a table region, and the index of its first body row.

    Value columns are those the 栏次 row numbers; without a 栏次 row, the columns where
    amounts stand; a region without a header (a continuation page printed without
    one) keeps the columns of the region before it.
    """
    rows = _rows(grid)
    start = None
    values: set[int] = set()
    for i, row in enumerate(rows):
        if tokens.column_numbers(_plain(row)) is not None:
            values = {cell.c0 for cell in row if tokens.is_integer(cell.text)}
            start = i + 1
            break
    if start is None:
        for i, row in enumerate(rows):
            if any(_is_decimal_amount(cell.text) for cell in row):
                start = i
                break
        if start is None:
            return carry, len(rows)
        for row in rows[start:]:
            values |= {cell.c0 for cell in row if _is_decimal_amount(cell.text)}
    codes: set[int] = set()
    for row in rows[: start if start is not None else 0]:
        for cell in row:
            if _CODE_HEADER.search(cell.text):
                codes |= set(range(cell.c0, cell.c1 + 1))
    if start == 0 and carry is not None and carry.ncols == grid.ncols:
        return carry, 0
    return _Columns(values=values, codes=codes - values, ncols=grid.ncols), start


def cells_to_rows(grid: Grid, carry: _Columns | None = None) -> tuple[list[RenderedLine], _Columns | None]:
    """A table region to layout lines: header rows as printed, body rows with codes
    joined (类/款/项 columns give one code), values in column order, and blank value
    cells of a coded table written as '-'."""
    columns, start = value_columns(grid, carry)
    out: list[RenderedLine] = []
    for i, row in enumerate(_rows(grid)):
        bbox = _union([cell.bbox for cell in row if cell.text])
        if columns is None or i < start or not any(cell.c0 in columns.values and tokens.is_value(cell.text) for cell in row):
            text = _plain(row)
            if text:
                out.append(RenderedLine(text, grid.page, bbox))
            continue
        labels = [c for c in range(columns.ncols) if c not in columns.values]
        suffix = bool(labels) and max(labels) < min(columns.values) or not labels
        by_col = {cell.c0: cell for cell in row}
        parts: list[str] = []
        values: list[tuple[str, BBox | None]] = []
        previous_code = False
        for c in range(columns.ncols):
            cell = by_col.get(c)
            if c in columns.values:
                previous_code = False
                if cell is not None and cell.text:
                    parts.append(cell.text)
                    values.append((cell.text, cell.bbox))
                elif suffix:
                    parts.append("-")
                continue
            if cell is None or not cell.text:
                continue
            is_code = c in columns.codes and tokens.is_integer(cell.text)
            if is_code and previous_code:
                parts[-1] += cell.text
            else:
                parts.append(cell.text)
            previous_code = is_code
        out.append(RenderedLine(" ".join(parts), grid.page, bbox, values))
    return out, columns


def _union(boxes: list[BBox | None]) -> BBox | None:
    found = [b for b in boxes if b is not None]
    if not found:
        return None
    return (min(b[0] for b in found), min(b[1] for b in found), max(b[2] for b in found), max(b[3] for b in found))


# --- prose ---------------------------------------------------------------------------


def lines_to_paragraphs(stream: list[Item], page_width: dict[int, float]) -> dict[int, list[TextLine]]:
    """Consecutive prose lines joined into paragraphs by geometry.

    A line continues on the next when it reaches the right margin and the next is not
    indented; a page break does not end a paragraph, a table does. The margins are those
    of all prose pages of the same width, or on a page with a table, the table's edges.
    Returns, for the id of each paragraph's first line, its lines.
    """
    prose = [item for item in stream if isinstance(item, TextLine) and item.bbox is not None and page_number(item.text) is None]
    tables: dict[int, list[BBox]] = {}
    for item in stream:
        if isinstance(item, Grid) and item.bbox is not None:
            tables.setdefault(item.page, []).append(item.bbox)
    by_width: dict[float, list[TextLine]] = {}
    for line in prose:
        if line.page not in tables:
            by_width.setdefault(round(page_width.get(line.page, 0)), []).append(line)
    margins: dict[int, tuple[float, float]] = {}
    for group in by_width.values():
        left = min(line.bbox[0] for line in group)
        right = max(line.bbox[2] for line in group)
        for line in group:
            margins[line.page] = (left, right)
    for page, boxes in tables.items():
        margins[page] = (min(b[0] for b in boxes), max(b[2] for b in boxes))
    pitches = sorted(b.bbox[3] - a.bbox[3] for a, b in zip(prose, prose[1:]) if a.page == b.page and b.bbox[3] > a.bbox[3])
    pitch = pitches[len(pitches) // 2] if pitches else 0.0
    paragraphs: dict[int, list[TextLine]] = {}
    current: list[TextLine] | None = None
    for item in stream:
        if isinstance(item, Grid):
            current = None
            continue
        if item.bbox is None or item.paragraph:
            paragraphs[id(item)] = [item]
            current = None
            continue
        if page_number(item.text) is not None:
            continue
        left, _ = margins[item.page]
        h = item.height or (item.bbox[3] - item.bbox[1])
        if current is not None:
            last = current[-1]
            last_left, last_right = margins[last.page]
            shortfall = (last_right - last.bbox[2]) / (last.height or h)
            # a line ends early before a word or bracket that does not fit; not after a full stop
            reaches = shortfall <= 1.5 or (shortfall <= 5 and last.text[-1:] not in _TERMINAL)
            indented = item.bbox[0] > left + 0.6 * h
            spaced = pitch > 0 and last.page == item.page and item.bbox[3] - last.bbox[3] > 1.3 * pitch
            if reaches and not indented and not spaced and last.bbox[0] <= last_left + 3 * h:
                current.append(item)
                continue
        current = [item]
        paragraphs[id(item)] = current
    return paragraphs


def _join(lines: list[TextLine]) -> str:
    text = lines[0].text
    for line in lines[1:]:
        if text[-1:].isascii() and text[-1:].isalpha() and line.text[:1].isascii() and line.text[:1].isalpha():
            text += " "
        text += line.text
    return text


# --- the layout text -----------------------------------------------------------------


@dataclass
class Layout:
    text: str
    lines: dict[int, RenderedLine]  # 1-based line of ``text`` → what it was made of
    pages: list[int]  # physical page of each page that has content, in order


def render(pages: list[list[Item]], page_width: dict[int, float] | None = None) -> Layout:
    """Pages of items to the layout text, one page per form feed."""
    stream = [item for items in pages for item in items]
    paragraphs = lines_to_paragraphs(stream, page_width or {})
    out: list[str] = []
    lines: dict[int, RenderedLine] = {}
    physical: list[int] = []
    carry: _Columns | None = None
    for items in pages:
        written = False
        for item in items:
            rendered: list[RenderedLine]
            if isinstance(item, Grid):
                rendered, carry = cells_to_rows(item, carry)
            elif page_number(item.text) is not None:
                rendered = [RenderedLine(item.text, item.page, item.bbox)]
            elif id(item) in paragraphs:
                group = paragraphs[id(item)]
                rendered = [RenderedLine(INDENT + _join(group), item.page, item.bbox)]
            else:
                continue  # a line that continues a paragraph written before
            for line in rendered:
                out.append(line.text)
                lines[len(out)] = line
                if not written:
                    physical.append(line.page)
                    written = True
        if written:
            out.append("\f")
    return Layout(text="\n".join(out) + "\n", lines=lines, pages=physical)


def _pages_map(report_page: int | None, pages: list[int]) -> int | None:
    if report_page is None or not 1 <= report_page <= len(pages):
        return report_page
    return pages[report_page - 1]


def _remap(obj, pages: list[int], lines: dict[int, RenderedLine]):
    if isinstance(obj, Source):
        bbox = obj.bbox
        if bbox is None and obj.line in lines:
            bbox = lines[obj.line].bbox
        return Source(page=_pages_map(obj.page, pages), line=obj.line, bbox=bbox)
    if isinstance(obj, LineSpan):
        return LineSpan(offset=obj.offset, page=_pages_map(obj.page, pages), line=obj.line)
    if isinstance(obj, Page):
        return Page(index=_pages_map(obj.index, pages) or obj.index, first_line=obj.first_line, label=obj.label)
    if isinstance(obj, tuple):
        return tuple(_remap(item, pages, lines) for item in obj)
    if is_dataclass(obj) and not isinstance(obj, type):
        changes = {}
        for f in fields(obj):
            value = getattr(obj, f.name)
            if isinstance(value, (tuple, Source, LineSpan, Page)) or is_dataclass(value):
                changes[f.name] = _remap(value, pages, lines)
        return replace(obj, **changes)
    return obj


def attach_positions(report: Report, layout: Layout, notices: tuple[Unrecognized, ...] = ()) -> Report:
    """Put the page and box each value was printed at on its cell, and physical page
    numbers on every source."""
    cursor: dict[int, int] = {}

    def place(table: Table, row: Row, cell: Cell) -> Cell:
        line = cell.source.line
        rendered = layout.lines.get(line) if line is not None else None
        bbox = None
        if rendered is not None:
            i = cursor.get(line, 0)
            while i < len(rendered.values) and rendered.values[i][0] != cell.text:
                i += 1
            if i < len(rendered.values):
                bbox = rendered.values[i][1]
                cursor[line] = i + 1
        return replace(cell, source=replace(cell.source, bbox=bbox))

    report = map_cells(report, place)
    report = replace(report, unrecognized=tuple(notices) + report.unrecognized)
    return _remap(report, layout.pages, layout.lines)


def page_ranges(pages: list[int]) -> str:
    """[3,4,5,9] → '第3—5页、第9页'."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "、".join(f"第{r[0]}—{r[-1]}页" if len(r) > 1 else f"第{r[0]}页" for r in runs)
