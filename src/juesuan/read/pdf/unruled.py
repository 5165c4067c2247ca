"""Unruled tables: a table grid from the alignment of words, for tables printed without rulings.

A block of text lines under a table title that holds no ruled grid is given to
``lines_to_grid``. Only the positioned words of its lines are used; the grid it builds
goes through the same table layer as a ruled grid (``grid_table.read_grids``), so the
header tree, the label and value columns and the body rows are read the same way.
Nothing is invented: a word is placed in exactly one cell, a position without a word is
an empty cell, and lines that do not look like a table give None. ``h`` below is the
median height of the words of the page.

1. **Lines.** Page-header lines (单位：万元…) are skipped. The first note (注/说明…), a
   no-activity line (本表本年度无发生额) or a line with a word of 30 characters or more
   (a sentence) ends the table. A word in which a right-aligned amount touches the next
   cell's text ('814.59一、…', '171.7230201') is cut after the amount: before CJK text
   always, before digits where the characters leave a gap. Each page is read on its own.
2. **Body and header.** The first line that carries an amount (``tokens.is_amount``) and
   is not a 栏次 line opens the body; the lines above it are the header. Trailing header
   lines whose words stand over label columns only and are no header vocabulary belong
   to the body when they begin a row label (合计, 一、…: a row printed without figures)
   or stand nearer the first body line than the header line above them (a label centred
   in a tall first row).
3. **Columns.** The x extents of the words of the body lines with amounts are merged
   where they overlap or nearly touch (< 1 pt); every remaining gap, crossed by no such
   word, separates two columns; two word columns less than 0.6 h apart without a figure
   are one (letter-spaced names). Label words of body lines without amounts that overlap
   none of these columns form label columns of their own (names that all stand beside
   the figures of tall rows), and widen the label column they start in as far as they
   stay clear of the next. A header cell over no body column, with no header cell under
   it, at the bottom of the header or centred in its height, is the header of an empty
   column (a value column with no figure on the page) — unless a right-aligned value
   column that no childless header cell overlaps has it as its nearest header on the
   left (a header centred in a wide cell over short figures). Amount columns are
   right-aligned, names and subject codes (before the names) left-aligned, by the spread
   of their edges. Column boundaries (``Grid.xs``) lie right of a right-aligned column,
   left of a left-aligned one, else mirrored about a column's own header from its other
   boundary, else in the middle of the gap; always between the columns' texts.
4. **Header cells.** Header words of one line less than 0.6 h apart are one cell
   (letter spacing). A cell continued on the next line is one cell, its lines joined (a
   wrapped label: 对附属单位补 / 助支出): vertical gap under 0.8 h (0.6 h when the upper
   line is more than a character wider than the lower: a parent over a narrower child),
   centred on the same x or starting at the same x (within h/2), overlapping by at least
   half the narrower. Each cell then spans the run of columns it is centred over, read
   bottom-up: the run contains the column under the cell's centre and every column the
   cell half covers; does not cut a lower cell's span; leaves the columns under the
   centres of the cells beside it (overlapping it vertically) and the runs they took;
   its centre is within 0.9 h of the cell's; and the childless cells right under it
   stand level (within h/2). A cell with nothing above it takes the widest such run
   (收入 over 项目 | 决算数); a cell under another the narrowest that is more than one of
   its own children (小计 over 预算数 | 决算数); a cell centred over no run keeps the one
   column under its centre when that cuts nothing, else it is left out. 栏次 numbers
   take the column under their centre.
5. **Rows.** Each body line that carries an amount, or prints a word in a value column,
   is a row; two such lines that overlap vertically and use different columns are one
   (a figure on a slightly lower baseline). The other lines hold label words only. In
   each label column a piece is joined to the piece above when that piece reaches the
   column's right edge (within h/2), the lower piece does not begin a new label (an
   ordinal, a code, a total, 其中) or start further right, the gap is under 0.75 h, at
   most one of the pieces is on a row line, and a piece joined to a row line's label does
   not overlap another row line that has no label in that column (a wrapped name, not the
   next row's centred label). A label that includes a row line's piece belongs to that
   row. One that does not belongs to the row line with no label in that column that it
   overlaps vertically (a label centred in a tall row, its figures on one of its lines);
   else to the row line just above or below it with no label there, less than h away and
   clearly nearer than the line on the label's other side (figures top-aligned, label
   centred); else it is a row of its own (printed without figures: blank cells are zero
   in Shanghai reports).
6. **Pages.** A page whose lines above its first amount are no header (row labels only)
   continues the columns of the page before when its figures fit them, so that the
   table layer maps it by position; a page that repeats the header is read over the
   same columns when its figures fit them, else on its own. ``lines_to_grids`` gives one
   grid per page; ``lines_to_grid`` stacks them into the first page's grid.
7. **Fail closed.** None when there are fewer than two columns, or no body line with an
   amount, or one such line (on the table's first page) without header cells over at
   least two of its value columns (a single row table such as 表9 has them), or when the
   boundaries or the header cannot be laid out without overlap, or when two value
   columns of one half of the table (halves split at label columns) end up under the
   same header path and the header does not simply repeat side by side.

Work is bounded: words are sorted and placed by bisection (O(words log words)); header
cells (at most 200) are compared with each other and with runs of at most 60 columns.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from dataclasses import dataclass, field

from ...profiles.rows import bare
from .. import tokens
from ..headings import parse_heading
from ..items import Grid, GridCell, TextLine
from ..text_table import is_note, no_activity

__all__ = ["lines_to_grid", "lines_to_grids"]

_DECIMAL = re.compile(r"^[-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+$")
_CJK = re.compile(r"[\u3000-\u303f\u4e00-\u9fff\uff00-\uffef]")
_NEW_LABEL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十\d]+[)）]|\d)")
_CODE = re.compile(r"\d{2,7}")
_MIN_GAP = 1.0  # points: a gap narrower than this between two words is no column border
MAX_COLUMNS = 60
_PROSE = 30  # characters: a word this long is a sentence, not a cell; the table has ended
MAX_HEADER_CELLS = 200
INF = float("inf")


# ---------------------------------------------------------------------------- words


def _kind(ch: str) -> str:
    return "d" if ch.isdigit() else "c" if _CJK.match(ch) else "o"


def _fused_cut(word) -> float | None:
    """Where a right-aligned amount printed against the next cell's text ends, or None."""
    text, edges = word.text, word.edges
    n = len(text)
    if n < 3 or len(edges) != n or not (text[0].isdigit() or text[0] in "-−－"):
        return None
    advances = [edges[0] - word.bbox[0]] + [edges[i] - edges[i - 1] for i in range(1, n)]
    widths: dict[str, float] = {}
    for kind in ("d", "c"):
        values = sorted(a for ch, a in zip(text, advances) if _kind(ch) == kind)
        if values:
            widths[kind] = values[(len(values) - 1) // 2]
    height = word.bbox[3] - word.bbox[1]
    for i in range(2, n):
        if not _DECIMAL.match(text[:i]):
            continue
        kind = _kind(text[i])
        if kind == "c":
            return edges[i] - min(advances[i], widths["c"])
        if kind == "d" and advances[i] - widths["d"] > max(1.0, 0.1 * height):
            return edges[i] - widths["d"]
    return None


def _split_fused(word) -> list:
    out = []
    current = word
    for _ in range(8):
        cut = _fused_cut(current)
        parts = current.split(cut) if cut is not None else None
        if parts is None:
            break
        out.append(parts[0])
        current = parts[1]
    out.append(current)
    return out


def _join(words, height: float) -> str:
    text = ""
    for i, word in enumerate(words):
        if i and (word.space_before or word.bbox[0] - words[i - 1].bbox[2] > 0.8 * height):
            text += " "
        text += word.text
    return text


def _box(words) -> tuple[float, float, float, float]:
    return (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words), max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))


@dataclass
class _Line:
    words: list
    top: float
    bottom: float
    text: str
    page: int
    numbers: bool = False  # a 栏次 line (1 2 3 …)
    anchor: bool = False  # carries an amount

    @property
    def mid(self) -> float:
        return (self.top + self.bottom) / 2


def _page_lines(lines: list[TextLine], profile) -> list[list[_Line]]:
    pages: list[list[_Line]] = []
    for line in lines:
        text = line.text.strip()
        if not line.words:
            continue
        if is_note(text, profile) or no_activity(text, profile) or any(len(w.text) >= _PROSE for w in line.words):
            break
        if parse_heading(text, profile) is not None:
            continue
        words = sorted((part for word in line.words for part in _split_fused(word)), key=lambda w: w.bbox[0])
        box = _box(words)
        numbers = tokens.column_numbers(text) is not None
        item = _Line(words, box[1], box[3], text, line.page, numbers, not numbers and any(tokens.is_amount(w.text) for w in words))
        if pages and pages[-1][0].page == line.page:
            pages[-1].append(item)
        else:
            pages.append([item])
    for page in pages:
        page.sort(key=lambda ln: ln.top)
    return pages


# -------------------------------------------------------------------------- columns


@dataclass
class _Column:
    x0: float
    x1: float
    numeric: bool  # its body words are all values (amounts, codes, blank marks)
    align: str = "right"  # 'left' | 'right'
    header_only: bool = False
    hx0: float = INF  # extent of the header cells over this column alone
    hx1: float = -INF
    leaf: tuple[float, float] | None = None  # the lowest header cell over it alone: (x0, x1)
    leaf_top: float = -INF
    right: float = -INF  # the right edge of its widest label (for wrapped names)


@dataclass
class _Layout:
    columns: list[_Column]
    xs: list[float]

    def index(self, x0: float, x1: float) -> int:
        """The column a word from x0 to x1 belongs to: the one holding most of it."""
        mid = (x0 + x1) / 2
        c = min(max(bisect_right(self.xs, mid) - 1, 0), len(self.columns) - 1)
        best, best_overlap = c, _overlap(x0, x1, self.xs[c], self.xs[c + 1])
        for other in (c - 1, c + 1):
            if 0 <= other < len(self.columns):
                overlap = _overlap(x0, x1, self.xs[other], self.xs[other + 1])
                if overlap > best_overlap:
                    best, best_overlap = other, overlap
        return best


def _overlap(a0: float, a1: float, b0: float, b1: float) -> float:
    return min(a1, b1) - max(a0, b0)


def _alignment(words, numeric: bool, height: float) -> str:
    lefts = [w.bbox[0] for w in words]
    rights = [w.bbox[2] for w in words]
    spread_left, spread_right = max(lefts) - min(lefts), max(rights) - min(rights)
    if spread_left < 0.5 * height and spread_right < 0.5 * height:  # all of one width
        return "right" if numeric else "left"
    return "left" if spread_left < spread_right else "right"


def _body_columns(anchors: list[_Line], height: float) -> list[_Column]:
    words = sorted((w for line in anchors for w in line.words), key=lambda w: w.bbox[0])
    groups: list[list] = []
    right = -INF
    for word in words:
        if groups and word.bbox[0] - right < _MIN_GAP:
            groups[-1].append(word)
            right = max(right, word.bbox[2])
        else:
            groups.append([word])
            right = word.bbox[2]
    merged: list[list] = []
    for group in groups:  # letter-spaced names: two word columns this close are one
        if (
            merged
            and not _any_value(merged[-1])
            and not _any_value(group)
            and group[0].bbox[0] - max(w.bbox[2] for w in merged[-1]) < 0.6 * height
        ):
            merged[-1].extend(group)
        else:
            merged.append(group)
    columns = []
    for group in merged:
        numeric = _all_values(group)
        columns.append(_Column(min(w.bbox[0] for w in group), max(w.bbox[2] for w in group), numeric, _alignment(group, numeric, height)))
    # subject codes of one width (类 | 款 | 项, or whole codes) are printed left-aligned, before the names
    label_after = False
    for column, group in zip(reversed(columns), reversed(merged)):
        codes = column.numeric and all(_CODE.fullmatch(w.text) for w in group)
        if codes and label_after and max(w.bbox[0] for w in group) - min(w.bbox[0] for w in group) < 0.5 * height:
            column.align = "left"
        label_after = not column.numeric or codes and label_after
    return columns


def _label_columns(columns: list[_Column], lines: list[_Line], height: float) -> list[_Column]:
    """The label columns that body lines without amounts add: their words that overlap no
    column found from the amounts' lines, grouped the same way (a name column whose names
    all stand on lines of their own, centred beside the figures of tall rows). The label
    columns found are then widened by such words that start in them, as far as they stay
    clear of the next column (a longer name on a row printed without figures)."""
    loose = [line for line in lines if not line.anchor and not line.numbers]
    starts = [c.x0 for c in columns]

    def hits(word) -> bool:
        i = bisect_right(starts, word.bbox[2]) - 1
        return i >= 0 and (
            _overlap(word.bbox[0], word.bbox[2], columns[i].x0, columns[i].x1) > 0
            or (i > 0 and _overlap(word.bbox[0], word.bbox[2], columns[i - 1].x0, columns[i - 1].x1) > 0)
        )

    extra = [
        _Line([w for w in line.words if not hits(w) and not tokens.is_value(w.text)], line.top, line.bottom, line.text, line.page)
        for line in loose
    ]
    added = [col for col in _body_columns([ln for ln in extra if ln.words], height) if not col.numeric]
    columns = sorted(columns + added, key=lambda c: c.x0)
    starts = [c.x0 for c in columns]
    for line in loose:
        for word in line.words:
            i = bisect_right(starts, word.bbox[0]) - 1
            if i < 0 or columns[i].numeric or word.bbox[0] > columns[i].x1:
                continue
            limit = columns[i + 1].x0 - _MIN_GAP if i + 1 < len(columns) else INF
            if word.bbox[2] < limit:
                columns[i].x1 = max(columns[i].x1, word.bbox[2])
    return columns


def _any_value(words) -> bool:
    return any(tokens.is_value(w.text) for w in words)


def _all_values(words) -> bool:
    return all(tokens.is_value(w.text) for w in words)


# --------------------------------------------------------------------------- header


@dataclass
class _HCell:
    x0: float
    top: float
    x1: float
    bottom: float
    parts: list[list]  # the words of each visual line, top down
    lines: list[int]  # header line indices
    numbers: bool = False
    span: tuple[int, int] | None = None
    below: _HCell | None = None
    joined: bool = False

    @property
    def centre(self) -> float:
        return (self.x0 + self.x1) / 2

    def text(self, height: float) -> str:
        return "\n".join(_join(words, height) for words in self.parts)


def _header_cells(header: list[_Line], height: float) -> list[_HCell]:
    cells: list[_HCell] = []
    for index, line in enumerate(header):
        group: list = []
        for word in line.words:
            if (
                group
                and not line.numbers
                and word.bbox[0] - group[-1].bbox[2] < 0.6 * height
                and not tokens.is_amount(word.text)
                and not tokens.is_amount(group[-1].text)
            ):
                group.append(word)
                continue
            if group:
                cells.append(_cell(group, index, line.numbers))
            group = [word]
        if group:
            cells.append(_cell(group, index, line.numbers))
    # a label wrapped onto the next line of the same cell
    cells.sort(key=lambda c: c.top)
    for i, cell in enumerate(cells):
        if cell.numbers:
            continue
        best = None
        for other in cells[i + 1 :]:
            if other.top > cell.bottom + 0.8 * height:
                break
            if other.numbers or other.joined or other.lines[0] <= cell.lines[-1] or other.top < cell.bottom - 0.4 * height:
                continue
            # a line of a wrapped label is not much wider than the next; a parent over a
            # narrower child must stand clearly apart from it
            close = 0.8 if cell.x1 - cell.x0 <= other.x1 - other.x0 + height else 0.6
            if other.top > cell.bottom + close * height:
                continue
            narrower = min(cell.x1 - cell.x0, other.x1 - other.x0)
            aligned = abs(cell.centre - other.centre) <= 0.5 * height or abs(cell.x0 - other.x0) <= 0.5 * height
            if aligned and _overlap(cell.x0, cell.x1, other.x0, other.x1) >= 0.5 * narrower:
                if best is None or other.top < best.top:
                    best = other
        if best is not None:
            cell.below = best
            best.joined = True
    out = []
    for cell in cells:
        if cell.joined:
            continue
        current = cell
        while current.below is not None:
            nxt = current.below
            cell.parts.extend(nxt.parts)
            cell.lines.extend(nxt.lines)
            cell.x0, cell.x1 = min(cell.x0, nxt.x0), max(cell.x1, nxt.x1)
            cell.bottom = max(cell.bottom, nxt.bottom)
            current = nxt
        cell.below = None
        out.append(cell)
    return out


def _cell(words, index: int, numbers: bool) -> _HCell:
    x0, top, x1, bottom = _box(words)
    return _HCell(x0, top, x1, bottom, [list(words)], [index], numbers)


def _header_only(cells: list[_HCell], columns: list[_Column], height: float) -> list[_Column]:
    """Empty columns: header cells over no body column, with no header cell under them,
    standing at the bottom of the header or centred in its height. A right-aligned value
    column that no header cell overlaps takes the nearest such cell on its left instead
    (a header centred in a wide cell over short right-aligned figures)."""
    texts = [c for c in cells if not c.numbers]
    if not texts:
        return []
    band_top = min(c.top for c in texts)
    band_bottom = max(c.bottom for c in texts)
    last_line = max(c.lines[-1] for c in texts)
    quarter = (band_bottom - band_top) / 4
    leaves = []
    for cell in texts:
        if any(_overlap(cell.x0, cell.x1, col.x0, col.x1) > 0.5 for col in columns):
            continue
        lo, hi = cell.x0 - 0.5 * height, cell.x1 + 0.5 * height
        if any(o is not cell and o.top >= cell.bottom - 0.3 * height and _overlap(lo, hi, o.x0, o.x1) > 0 for o in texts):
            continue
        middle = (cell.top + cell.bottom) / 2
        if cell.lines[-1] != last_line and not band_top + quarter <= middle <= band_bottom - quarter:
            continue  # a parent printed at the top over columns without figures
        leaves.append(cell)

    def childless(cell: _HCell) -> bool:
        return not any(o is not cell and o.top >= cell.bottom - 0.3 * height and _overlap(o.x0, o.x1, cell.x0, cell.x1) > 0 for o in texts)

    for i, col in enumerate(columns):
        if not col.numeric or col.align != "right" or any(_overlap(c.x0, c.x1, col.x0, col.x1) > 0.5 and childless(c) for c in texts):
            continue
        floor = columns[i - 1].x1 if i else -INF
        near = [c for c in leaves if c.x1 <= col.x1 and c.x0 >= floor]
        if near:
            cell = max(near, key=lambda c: c.x1)
            leaves.remove(cell)
            col.leaf, col.leaf_top = (cell.x0, cell.x1), cell.top
    leaves.sort(key=lambda c: c.x0)
    out: list[_Column] = []
    for cell in leaves:
        if out and cell.x0 < out[-1].x1:
            out[-1].x1 = max(out[-1].x1, cell.x1)
            continue
        out.append(_Column(cell.x0, cell.x1, True, "right", header_only=True))
    return out


def _single_columns(cells: list[_HCell], columns: list[_Column]) -> None:
    """A column's leaf: the lowest header cell over it alone; the leaf widens the column."""
    starts = [c.x0 for c in columns]
    for cell in cells:
        if cell.numbers:
            continue
        i = bisect_right(starts, cell.x1) - 1
        hits: list[_Column] = []
        while i >= 0 and len(hits) < 3:
            col = columns[i]
            if _overlap(cell.x0, cell.x1, col.x0, col.x1) > 0.5:
                hits.append(col)
            elif col.x1 < cell.x0:
                break
            i -= 1
        if len(hits) == 1 and cell.top > hits[0].leaf_top:
            hits[0].leaf, hits[0].leaf_top = (cell.x0, cell.x1), cell.top
    for col in columns:
        if col.leaf is not None:
            col.hx0, col.hx1 = col.leaf


def _bounds(columns: list[_Column], height: float) -> list[float] | None:
    """Column boundaries (rule 3): right of a right-aligned column, left of a left-aligned
    one, else mirrored about a header centred in its cell from the boundary on its other
    side, else the middle of the gap; always within the gap between the columns' texts."""
    pad = 0.2 * height
    n = len(columns)
    b: list[float | None] = [None] * (n + 1)
    gaps: list[tuple[float, float]] = [(-INF, INF)] * (n + 1)

    def centre(col: _Column) -> float:
        leaf = col.leaf if col.leaf is not None else (col.x0, col.x1)
        return (leaf[0] + leaf[1]) / 2

    for i in range(1, n):
        a, c = columns[i - 1], columns[i]
        lo, hi = max(a.x1, a.hx1), min(c.x0, c.hx0)
        if hi < lo:
            lo, hi = a.x1, c.x0
        if hi < lo:
            return None
        gaps[i] = (lo, hi)
        if not a.header_only and a.align == "right":
            b[i] = a.x1 + pad
        elif not c.header_only and c.align == "left":
            b[i] = c.x0 - pad
        elif not c.header_only and c.leaf is not None:
            b[i] = 2 * centre(c) - (c.x1 + pad)
    first, last = columns[0], columns[-1]
    if not first.header_only and first.align == "left":
        b[0] = min(first.x0, first.hx0) - pad
    if not last.header_only:
        b[n] = max(last.x1, last.hx1) + pad
    for i in range(1, n):
        if b[i] is not None:
            b[i] = min(max(b[i], gaps[i][0]), gaps[i][1])  # type: ignore[type-var]
    changed = True
    while changed:  # header-centred columns: mirror from a known boundary
        changed = False
        for i in range(n + 1):
            if b[i] is not None:
                continue
            x = None
            if i > 0 and b[i - 1] is not None and (columns[i - 1].header_only or columns[i - 1].leaf is not None):
                x = 2 * centre(columns[i - 1]) - b[i - 1]  # type: ignore[operator]
            elif i < n and b[i + 1] is not None and (columns[i].header_only or columns[i].leaf is not None):
                x = 2 * centre(columns[i]) - b[i + 1]  # type: ignore[operator]
            if x is not None:
                b[i] = min(max(x, gaps[i][0]), gaps[i][1])
                changed = True
    if b[0] is None and n > 1 and b[1] is not None:
        widths = sorted(
            right - left
            for i in range(1, n - 1)
            if (left := b[i]) is not None and (right := b[i + 1]) is not None and columns[i].align == first.align
        )
        b[0] = b[1] - widths[len(widths) // 2] if widths else None
    if b[0] is None:
        b[0] = min(first.x0, first.hx0) - pad
    b[0] = min(b[0], first.x0 - pad, first.hx0 - pad)  # type: ignore[type-var]
    for i in range(1, n):
        if b[i] is None:
            b[i] = (gaps[i][0] + gaps[i][1]) / 2
    if b[n] is None:
        b[n] = max(last.x1, last.hx1) + pad
    b[n] = max(b[n], last.x1 + pad)  # type: ignore[type-var]
    out = [float(x) for x in b]  # type: ignore[arg-type]
    if any(out[i + 1] <= out[i] for i in range(n)):
        return None
    return out


def _spans(cells: list[_HCell], xs: list[float], height: float) -> None:
    """Each header cell's run of columns (see rule 4); cells centred over none keep span None."""
    n = len(xs) - 1
    tol = 0.9 * height
    texts = [c for c in cells if not c.numbers]
    done: list[_HCell] = []
    for cell in sorted(texts, key=lambda c: (-c.top, c.x0)):
        mid = cell.centre
        home = min(max(bisect_right(xs, mid) - 1, 0), n - 1)
        must = {home} | {c for c in range(n) if _overlap(cell.x0, cell.x1, xs[c], xs[c + 1]) >= 0.5 * (xs[c + 1] - xs[c])}
        lo_must, hi_must = min(must), max(must)
        # the cells beside it on its level keep the columns under their centres
        banned = {
            min(max(bisect_right(xs, o.centre) - 1, 0), n - 1)
            for o in texts
            if o is not cell and _overlap(o.top, o.bottom, cell.top, cell.bottom) > 0 and _overlap(o.x0, o.x1, cell.x0, cell.x1) <= 0
        }
        lo_allowed, hi_allowed = lo_must, hi_must
        while lo_allowed > 0 and lo_allowed - 1 not in banned:
            lo_allowed -= 1
        while hi_allowed < n - 1 and hi_allowed + 1 not in banned:
            hi_allowed += 1
        allowed = list(range(lo_allowed, hi_allowed + 1))
        if any(c in banned for c in range(lo_must, hi_must + 1)):
            continue
        lower = [(o, o.span) for o in done if o.span is not None and o.top >= cell.bottom - 0.3 * height]
        siblings = [
            o.span
            for o in done
            if o.span is not None and _overlap(o.top, o.bottom, cell.top, cell.bottom) > 0 and _overlap(o.x0, o.x1, cell.x0, cell.x1) <= 0
        ]  # the spans of the cells beside it
        top = not any(o is not cell and o.bottom <= cell.top + 0.3 * height and _overlap(o.x0, o.x1, cell.x0, cell.x1) > 0 for o in texts)
        crossed = [False] * (n + 1)  # a boundary that a lower cell spans across
        for _, (s0, s1) in lower:
            for k in range(s0 + 1, s1 + 1):
                crossed[k] = True
        occupied = [0] * (n + 1)  # columns taken by the cells beside it, as prefix sums
        taken = [False] * n
        for s0, s1 in siblings:
            for k in range(s0, s1 + 1):
                taken[k] = True
        for k in range(n):
            occupied[k + 1] = occupied[k] + taken[k]
        children = {span for _, span in lower}
        candidates = []
        for a in range(allowed[0], lo_must + 1):
            if crossed[a]:
                continue
            for b in range(hi_must, allowed[-1] + 1):
                if crossed[b + 1] or occupied[b + 1] - occupied[a] or abs((xs[a] + xs[b + 1]) / 2 - mid) > tol:
                    continue
                if not top and (a, b) in children:
                    continue  # no more than one of its own children
                if _level(lower, a, b, height):
                    candidates.append((a, b))
        if candidates:
            cell.span = max(candidates, key=_run_width) if top else min(candidates, key=_run_width)
        elif (
            len(must) == 1
            and not any(span[0] <= home <= span[1] for span in siblings)
            and not any(span[0] <= home <= span[1] and span != (home, home) for _, span in lower)
            and not any(span == (home, home) for _, span in lower if not top)
        ):
            cell.span = (home, home)  # over one column, off its centre (a cell printed left or right)
        done.append(cell)
    for cell in cells:
        if cell.numbers:
            cell.span = (min(max(bisect_right(xs, cell.centre) - 1, 0), n - 1),) * 2


def _level(lower: list[tuple[_HCell, tuple[int, int]]], a: int, b: int, height: float) -> bool:
    """Whether the cells right under a run (its children) that have nothing under them
    stand at one height: header cells that end the header side by side are printed
    level, so a run whose childless children are not level takes in a neighbour that is
    not its child (本年收入 beside 本年支出's 小计 | 基本支出 | 项目支出). ``lower``: the
    cells placed under it, each with its span."""
    children: list[tuple[_HCell, tuple[int, int]]] = []
    for c in range(a, b + 1):
        over = [placed for placed in lower if placed[1][0] <= c <= placed[1][1]]
        if over:
            nearest = min(over, key=lambda placed: placed[0].top)
            if all(nearest[0] is not x[0] for x in children):
                children.append(nearest)
    middles = []
    for child, (c0, c1) in children:
        inner = any(o is not child and o.top >= child.bottom - 0.3 * height and c0 <= s0 and s1 <= c1 for o, (s0, s1) in lower)
        if not inner:
            middles.append((child.top + child.bottom) / 2)
    return not middles or max(middles) - min(middles) <= 0.5 * height


# ----------------------------------------------------------------------------- rows


@dataclass
class _Piece:
    line: int
    words: list
    top: float
    bottom: float
    x0: float
    x1: float


@dataclass
class _Row:
    key: float
    cells: dict[int, list[_Piece]] = field(default_factory=dict)
    anchor: bool = False


def _pieces(line: _Line, index: int, layout: _Layout) -> dict[int, _Piece]:
    out: dict[int, list] = {}
    for word in line.words:
        out.setdefault(layout.index(word.bbox[0], word.bbox[2]), []).append(word)
    pieces = {}
    for c, words in out.items():
        box = _box(words)
        pieces[c] = _Piece(index, words, box[1], box[3], box[0], box[2])
    return pieces


def _starts_label(text: str, profile) -> bool:
    flat = "".join(text.split())
    return bool(_NEW_LABEL.match(flat)) or bare(flat) in profile.totals or flat.startswith(tuple(profile.of_which))


def _merge_anchors(body: list[_Line], layout: _Layout) -> list[_Line]:
    """Lines with amounts that overlap vertically and print in different columns are one
    row printed on two baselines (a figure set a little lower than the rest)."""
    out: list[_Line] = []
    for line in body:
        last = out[-1] if out else None
        if last is not None and last.anchor and line.anchor and _overlap(last.top, last.bottom, line.top, line.bottom) > 0:
            used = {layout.index(w.bbox[0], w.bbox[2]) for w in last.words}
            if not used & {layout.index(w.bbox[0], w.bbox[2]) for w in line.words}:
                words = sorted(last.words + line.words, key=lambda w: w.bbox[0])
                out[-1] = _Line(
                    words, min(last.top, line.top), max(last.bottom, line.bottom), last.text + " " + line.text, last.page, anchor=True
                )
                continue
        out.append(line)
    return out


def _rows(body: list[_Line], layout: _Layout, profile, height: float) -> list[_Row]:
    columns = layout.columns
    pieces = [_pieces(line, k, layout) for k, line in enumerate(body)]
    for found in pieces:
        for c, piece in found.items():
            if not columns[c].numeric:
                columns[c].right = max(columns[c].right, piece.x1)
    row_line = [line.anchor or any(columns[c].numeric for c in pieces[k]) for k, line in enumerate(body)]
    rows: dict[int, _Row] = {}
    for k, line in enumerate(body):
        if row_line[k]:
            rows[k] = _Row(line.top, {c: [p] for c, p in pieces[k].items()}, line.anchor)
    standalone: dict[int, _Row] = {}
    for c, column in enumerate(columns):
        if column.numeric:
            continue
        sequence = [(k, pieces[k][c]) for k in range(len(body)) if c in pieces[k]]
        groups: list[list[_Piece]] = []
        for _, piece in sequence:
            if (
                groups
                and _continues(groups[-1], piece, row_line, column, profile, height)
                and not (any(row_line[p.line] for p in groups[-1]) and _home(piece, body, pieces, row_line, c, height))
            ):
                groups[-1].append(piece)
            else:
                groups.append([piece])
        for group in groups:
            owners = [p.line for p in group if row_line[p.line]]
            if owners:
                rows[owners[0]].cells[c] = group
                continue
            target = _target(group, body, rows, row_line, c, height)
            if target is not None:
                rows[target].cells[c] = group
                continue
            first = group[0].line
            row = standalone.setdefault(first, _Row(body[first].top))
            row.cells[c] = group
    ordered = sorted(list(rows.values()) + list(standalone.values()), key=lambda r: r.key)
    return [row for row in ordered if row.cells]


def _continues(group: list[_Piece], piece: _Piece, row_line: list[bool], column: _Column, profile, height: float) -> bool:
    last = group[-1]
    if row_line[piece.line] and any(row_line[p.line] for p in group):
        return False  # two printed rows are never one
    if last.x1 < column.right - 0.5 * height or piece.x0 > last.x0 + 0.5 * height:
        return False
    if piece.top - last.bottom > 0.75 * height:
        return False
    return not _starts_label(_join(piece.words, height), profile)


def _home(piece: _Piece, body: list[_Line], pieces: list[dict[int, _Piece]], row_line: list[bool], c: int, height: float) -> bool:
    """Whether a label piece on a line of its own overlaps a row line with no label in its
    column: it is part of that row's centred label, not the end of the name above."""
    for k in range(max(0, piece.line - 2), min(len(body), piece.line + 3)):
        if row_line[k] and c not in pieces[k] and _overlap(piece.top, piece.bottom, body[k].top, body[k].bottom) > 0.2 * height:
            return True
    return False


def _target(group: list[_Piece], body: list[_Line], rows: dict[int, _Row], row_line: list[bool], c: int, height: float) -> int | None:
    """The row line a label standing on lines of its own belongs to (rule 5), or None."""
    top, bottom = group[0].top, group[-1].bottom

    def free(k: int) -> bool:
        return 0 <= k < len(body) and row_line[k] and c not in rows[k].cells

    best, best_overlap = None, 0.3 * height
    first, last = group[0].line, group[-1].line
    for k in range(max(0, first - 2), min(len(body), last + 3)):
        if free(k):
            overlap = _overlap(top, bottom, body[k].top, body[k].bottom)
            if overlap > best_overlap:
                best, best_overlap = k, overlap
    if best is not None:
        return best

    def gap(k: int) -> float:
        if not 0 <= k < len(body):
            return INF
        return top - body[k].bottom if k < first else body[k].top - bottom

    near = []
    for k, other in ((first - 1, last + 1), (last + 1, first - 1)):
        # nearer its row than the line on its other side: a row printed without figures
        # stands at the same pitch as its neighbours and keeps its own row
        if free(k) and gap(k) < height and gap(k) < 0.6 * gap(other):
            near.append((gap(k), k))
    return min(near)[1] if near else None


# ----------------------------------------------------------------------------- page


@dataclass
class _Page:
    grid: Grid
    layout: _Layout
    header: tuple  # the header cells, for a continuation that repeats them
    header_rows: int


def _height(lines: list[_Line]) -> float:
    heights = sorted(w.bbox[3] - w.bbox[1] for line in lines for w in line.words)
    return heights[len(heights) // 2] if heights else 0.0


def _leading_fragments(header: list[_Line], first: _Line, columns: list[_Column], profile, height: float) -> int:
    """How many trailing header lines belong to the body (rule 2): lines of row-label words
    only, without header vocabulary, that begin a row label (合计, 一、…, a row printed
    without figures) or stand nearer the first body line than the header line above
    them (a label centred in a tall first row)."""
    count = 0
    below = first
    for j in range(len(header) - 1, -1, -1):
        line = header[j]
        if line.numbers:
            break
        ok = True
        for word in line.words:
            hits = [col for col in columns if _overlap(word.bbox[0], word.bbox[2], col.x0, col.x1) > 0]
            if not hits or any(col.numeric for col in hits) or profile.label_kind(word.text):
                ok = False
                break
        if not ok:
            break
        above = header[j - 1] if j > 0 else None
        near = below.top - line.bottom <= height and (above is None or line.mid - above.mid > below.mid - line.mid)
        if not near and not _starts_label(line.words[0].text, profile):
            break
        count += 1
        below = line
    return count


def _fits(lines: list[_Line], layout: _Layout, height: float) -> bool:
    for line in lines:
        if not line.anchor:
            continue
        for word in line.words:
            c = layout.index(word.bbox[0], word.bbox[2])
            if word.bbox[0] < layout.xs[c] - 0.3 * height or word.bbox[2] > layout.xs[c + 1] + 0.3 * height:
                return False
    return True


def _continued(header: list[_Line], layout: _Layout, profile) -> bool:
    """Whether the lines above the first amount of a continuation page are rows of the
    table (labels in its label columns), not its header printed again."""
    for line in header:
        if line.numbers:
            return False
        for word in line.words:
            if layout.columns[layout.index(word.bbox[0], word.bbox[2])].numeric or profile.label_kind(word.text):
                return False
    return True


def _page(lines: list[_Line], profile, template: _Layout | None) -> _Page | None:
    height = _height(lines)
    start = next((k for k, line in enumerate(lines) if line.anchor), None)
    if start is None or height <= 0:
        return None
    header, body = lines[:start], lines[start:]
    anchors = [line for line in body if line.anchor]
    if template is not None and _fits(anchors, template, height):
        # a continuation page: the columns of the page before, its header read over them
        layout = _Layout(
            [_Column(c.x0, c.x1, c.numeric, c.align, c.header_only, right=c.right) for c in template.columns], list(template.xs)
        )
        continued = _continued(header, template, profile)
        if continued:
            header, body = [], lines
        else:
            moved = _leading_fragments(header, lines[start], layout.columns, profile, height)
            if moved:
                header, body = header[:-moved], header[-moved:] + body
        cells = _header_cells(header, height)
        if len(cells) > MAX_HEADER_CELLS:
            return None
        _spans(cells, layout.xs, height)
    else:
        continued = False
        columns = _label_columns(_body_columns(anchors, height), body, height)
        moved = _leading_fragments(header, lines[start], columns, profile, height)
        if moved:
            header, body = header[:-moved], header[-moved:] + body
        cells = _header_cells(header, height)
        if len(cells) > MAX_HEADER_CELLS:
            return None
        columns = sorted(columns + _header_only(cells, columns, height), key=lambda c: c.x0)
        if len(columns) < 2 or len(columns) > MAX_COLUMNS:
            return None
        _single_columns(cells, columns)
        xs = _bounds(columns, height)
        if xs is None:
            return None
        layout = _Layout(columns, xs)
        _spans(cells, xs, height)
    body = _merge_anchors(body, layout)
    rows = _rows(body, layout, profile, height)
    ncols = len(layout.columns)
    if not _distinct_paths(cells, layout, profile, height):
        return None
    valued = [row for row in rows if row.anchor]
    if not valued:
        return None
    if len(valued) < 2 and not continued:  # a continuation may end with one row (总计)
        headed = {c for cell in cells if cell.span is not None and not cell.numbers for c in range(cell.span[0], cell.span[1] + 1)}
        printed = {c for c, group in valued[0].cells.items() if layout.columns[c].numeric}
        if len(printed & headed) < 2:
            return None
    grid_cells, header_rows = _header_grid(cells, header, layout, height)
    if grid_cells is None:
        return None
    for r, row in enumerate(rows, start=header_rows):
        top = min(p.top for group in row.cells.values() for p in group)
        bottom = max(p.bottom for group in row.cells.values() for p in group)
        for c in range(ncols):
            group = row.cells.get(c)
            if not group:
                grid_cells.append(GridCell(r, r, c, c, "", (layout.xs[c], top, layout.xs[c + 1], bottom), 0))
                continue
            words = [w for p in group for w in p.words]
            text = "\n".join(_join(p.words, height) for p in group)
            grid_cells.append(GridCell(r, r, c, c, text, _box(words), len(group)))
    nrows = header_rows + len(rows)
    box = (layout.xs[0], min(line.top for line in lines), layout.xs[-1], max(line.bottom for line in lines))
    grid = Grid(grid_cells, lines[0].page, box, ncols, nrows, ruled=False, xs=tuple(layout.xs))
    signature = tuple((cell.span, "".join(cell.text(height).split())) for cell in cells if cell.span is not None)
    return _Page(grid, layout, signature, header_rows)


def _distinct_paths(cells: list[_HCell], layout: _Layout, profile, height: float) -> bool:
    """Whether the value columns' header paths tell them apart. Two value columns under
    the same path would put two figures in one model column; that is a header the
    alignment did not rebuild (a label printed one character a line, say), unless the
    whole header repeats side by side (two halves, as 表6 prints them)."""
    placed = sorted((c for c in cells if c.span is not None and not c.numbers), key=lambda c: c.top)
    paths: list[tuple[str, ...]] = []
    keys: list[tuple[int, ...]] = []
    for c in range(len(layout.columns)):
        over = [cell for cell in placed if cell.span[0] <= c <= cell.span[1]]  # type: ignore[index]
        keys.append(tuple(id(cell) for cell in over))
        paths.append(tuple("".join(cell.text(height).split()) for cell in over))
    groups = [c for c in range(len(paths)) if c == 0 or not keys[c] or keys[c] != keys[c - 1]]
    listed = [paths[c] for c in groups]
    seen: set[tuple[int, tuple[str, ...]]] = set()
    half, clash, after_value = 0, False, False
    for c in groups:  # a half starts at a label column after a value column, as the table layer reads it
        label = not layout.columns[c].numeric or bool(paths[c] and profile.label_kind(paths[c][-1]))
        if label and after_value:
            half += 1
        after_value = not label
        if not label and paths[c]:
            clash = clash or (half, paths[c]) in seen
            seen.add((half, paths[c]))
    if not clash:
        return True
    for k in range(2, len(listed) + 1):
        if len(listed) % k == 0 and listed == listed[: len(listed) // k] * k:
            return True
    return False


def _header_grid(cells: list[_HCell], header: list[_Line], layout: _Layout, height: float) -> tuple[list[GridCell] | None, int]:
    placed = [cell for cell in cells if cell.span is not None]
    used = sorted({i for cell in placed for i in range(cell.lines[0], cell.lines[-1] + 1)})
    row_of = {line: r for r, line in enumerate(used)}
    ncols = len(layout.columns)
    taken: dict[tuple[int, int], bool] = {}
    out: list[GridCell] = []
    for cell in placed:
        r0, r1 = row_of[cell.lines[0]], row_of[cell.lines[-1]]
        c0, c1 = cell.span  # type: ignore[misc]
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                if (r, c) in taken:
                    return None, 0
                taken[(r, c)] = True
        words = [w for part in cell.parts for w in part]
        out.append(GridCell(r0, r1, c0, c1, cell.text(height), _box(words), len(cell.parts)))
    for line, r in row_of.items():
        for c in range(ncols):
            if (r, c) not in taken:
                out.append(GridCell(r, r, c, c, "", (layout.xs[c], header[line].top, layout.xs[c + 1], header[line].bottom), 0))
    return out, len(used)


# ------------------------------------------------------------------------------ api


def lines_to_grids(lines: list[TextLine], profile) -> list[Grid]:
    """One grid per page of the block (rule 1), in page order. A page printed without
    the header continues the columns of the page before when its words fit them, so
    that ``read_grids`` maps it by position; a page that forms no table is left out."""
    out: list[Grid] = []
    previous: _Layout | None = None
    for index, page_lines in enumerate(_page_lines(lines, profile)):
        page = _page(page_lines, profile, previous)
        if page is None:
            if index == 0:
                return []
            continue
        out.append(page.grid)
        previous = page.layout
    return out


def lines_to_grid(lines: list[TextLine], profile) -> Grid | None:
    """The block's table as one grid, or None when its lines do not look like a table.

    A table continued over pages is stacked into the grid of its first page: a
    continuation's own header rows are dropped when they repeat the first page's
    header; a continuation that has other columns or another header ends the grid
    there. The stacked grid carries the first page's number (its cells' boxes are
    in the coordinates of their own page); ``lines_to_grids`` keeps the pages apart."""
    pages: list[_Page] = []
    previous: _Layout | None = None
    for index, page_lines in enumerate(_page_lines(lines, profile)):
        page = _page(page_lines, profile, previous)
        if page is None:
            if index == 0:
                return None
            continue
        if pages and (len(page.layout.columns) != len(pages[0].layout.columns) or page.header_rows and page.header != pages[0].header):
            break
        pages.append(page)
        previous = page.layout
    if not pages:
        return None
    first = pages[0]
    if len(pages) == 1:
        return first.grid
    cells = list(first.grid.cells)
    nrows = first.grid.nrows
    for page in pages[1:]:
        skip = page.header_rows
        for cell in page.grid.cells:
            if cell.r0 < skip:
                continue
            shift = nrows - skip
            cells.append(GridCell(cell.r0 + shift, cell.r1 + shift, cell.c0, cell.c1, cell.text, cell.bbox, cell.lines))
        nrows += page.grid.nrows - skip
    return Grid(cells, first.grid.page, first.grid.bbox, first.grid.ncols, nrows, ruled=False, xs=first.grid.xs)


def _run_width(run: tuple[int, int]) -> int:
    return run[1] - run[0]
