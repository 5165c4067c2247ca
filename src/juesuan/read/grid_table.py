"""Table grids (PDF regions, worksheets, HTML tables) to a draft table, by geometry.

The header is read as a tree: each column's path is the header cells covering it,
top down (``收入/决算数``, ``财政拨款“三公”经费/合计/预算数``). A column whose deepest
label names a label column in the profile (科目编码, 类/款/项, 科目名称, 项目, 行次) holds
row labels; the others hold values. Sides come from the side headings of the profile
(收入/支出) or, for halves printed without one (表6), from the order of the halves.
Body rows are read cell by cell, so a blank cell stays blank in its own column.

A table continued on a later page keeps its columns: a continuation that repeats the
header is read again and must agree; one that does not is mapped to the columns above
it by position. A row whose name was cut by the page break is joined when the catalog
says the name is unfinished.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from ..model import Source
from ..profiles import Profile, TableSpec, norm
from ..profiles.rows import bare
from . import tokens
from .draft import Draft, DraftColumn, DraftRow
from .items import Grid, GridCell
from .text_table import no_activity

_ORDINAL_ROW = re.compile(r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十]+[)）])")
_CODE_PART = re.compile(r"^\d{2,7}$")
_CJK = re.compile(r"[\u4e00-\u9fff]")
_CODE_NAME = re.compile(r"^(\d{3}(?:\d{2}){0,2})(?=[\u4e00-\u9fff])")  # code and name printed in one cell


@dataclass
class _Column:
    physical: list[int]  # grid columns it spans
    path: tuple[str, ...]
    kind: str  # 'code' | 'name' | 'number' | 'value'
    side: str = ""
    number: str = ""
    x: tuple[float, float] | None = None


@dataclass
class _Model:
    columns: list[_Column]
    sides: list[str] = field(default_factory=list)

    def values(self) -> list[_Column]:
        return [c for c in self.columns if c.kind == "value"]


class CatalogLike(Protocol):  # what the table reader needs of juesuan.catalog.Catalog
    def completes(self, code: str, partial: str, kind: str = "functional") -> bool: ...
    def names_match(self, code: str, printed: str, kind: str = "functional") -> bool: ...


def _text(cell: GridCell | None) -> str:
    """A cell's text in normal form, for comparing with the profile's words."""
    return norm(cell.text) if cell is not None else ""


def _printed(cell: GridCell) -> str:
    """A cell's text as printed, without the spaces and line breaks of its layout."""
    return "".join(cell.text.split())


def _is_column_numbers(texts: list[str], profile: Profile) -> bool:
    numbers = [t for t in texts if t.isdigit()]
    words = [t for t in texts if not t.isdigit()]
    if not numbers or any(profile.label_kind(w) not in ("column_numbers", "number") for w in words):
        return False
    values = [int(n) for n in numbers]
    return values == list(range(values[0], values[0] + len(values))) and (len(values) >= 2 or bool(words))


def _is_body(grid_row: list[GridCell], spec: TableSpec | None, profile: Profile, seen_header: bool, above: dict[int, list[str]]) -> bool:
    """Whether a grid row is the first body row. ``above`` holds, per grid column, the
    header labels printed above this row: a row label (合计, 一、…) opens the body only
    where it stands under a label column, not under a value heading (三公 tables print
    合计 and 小计 as headers of their value columns)."""
    texts = [_text(cell) for cell in grid_row]
    filled = [t for t in texts if t]
    if not filled:
        return seen_header
    if any(profile.label_kind(t) for t in filled) or _is_column_numbers(filled, profile):
        return False
    if any(tokens.is_amount(t) for t in filled):
        return True
    if spec is not None and (spec.shape == "single" or any(t in spec.sides for t in filled)):
        return False  # 表9 has no row labels; a side heading (收入, 人员经费) is header
    first_cell = next(cell for cell in grid_row if _text(cell))
    path = above.get(first_cell.c0, [])
    if path and _label_kind(tuple(path), profile) == "value":
        return False
    first = _text(first_cell)
    if _CODE_PART.match(first):
        return True
    name = bare(first)
    known = name in profile.totals or any(name in names for names in (spec.rows.values() if spec else ()))
    if not (known or _ORDINAL_ROW.match(first)):
        return False
    # the rest of a body row is values, or header words under a value heading (a 合计 row
    # sharing its line with sub-headers); a row of words under nothing is a header row
    for cell in grid_row:
        text = _text(cell)
        if cell is first_cell or not text or tokens.is_value(text):
            continue
        if not above.get(cell.c0):
            return False
    return True


def _body_start(grid: Grid, spec: TableSpec | None, profile: Profile, rows: list[list[GridCell]]) -> int:
    """The first body row. Empty rows between header rows (slivers of a header drawn cell
    by cell) are no body; when no row opens the body, an empty row after the header
    does (a table printed blank)."""
    above: dict[int, list[str]] = {}
    empty_after_header: int | None = None
    for r, row in enumerate(rows):
        if not any(_text(cell) for cell in row):
            if above and empty_after_header is None:
                empty_after_header = r
            continue
        if _is_body(row, spec, profile, r > 0, above):
            return r
        empty_after_header = None
        for cell in row:
            if _text(cell):
                for c in range(cell.c0, cell.c1 + 1):
                    above.setdefault(c, []).append(_text(cell))
    return empty_after_header if empty_after_header is not None else grid.nrows


def _wraps(upper: str, lower: str, profile: Profile) -> bool:
    """Whether ``lower`` finishes the label ``upper`` (a wrapped line cut off by a stray
    border) rather than naming a column under it: a character or two, a bracket that
    opens the line, or a join that is one of the profile's label words."""
    return len(lower) <= 2 or lower[:1] in "（(" or profile.label_kind(upper + lower) != ""


def _label_kind(path: tuple[str, ...], profile: Profile) -> str:
    for label in reversed(path):
        kind = profile.label_kind(label)
        if kind in ("code", "name", "number"):
            return kind
    return "value"


def _extension(
    grid: Grid, matrix: list[list[GridCell | None]], body: int, paths: list[tuple[str, ...]], profile: Profile
) -> dict[int, GridCell]:
    """Header words printed in the value cells of the first body row — a 合计 row that
    shares its line with the sub-headers (合计 | 基本支出 | 项目支出 under 本年支出) —
    by grid column."""
    out: dict[int, GridCell] = {}
    if body >= grid.nrows:
        return out
    for c in range(grid.ncols):
        cell = matrix[body][c]
        text = _text(cell)
        if cell is None or cell.r0 != body or c == 0 or not text or tokens.is_value(text) or not _CJK.search(text):
            continue
        if paths[c] and _label_kind(paths[c], profile) != "value":
            continue
        first = next((x for x in matrix[body] if x is not None and _text(x)), None)
        if first is cell:
            continue  # the row's own label
        out[c] = cell
    return out


def _header_model(
    grid: Grid, matrix: list[list[GridCell | None]], body: int, spec: TableSpec | None, profile: Profile, rows: list[list[GridCell]]
) -> tuple[_Model, set[int]]:
    """Logical columns from the header rows, and the ids of first-body-row cells that
    turned out to be header words."""
    numbers: dict[int, str] = {}
    header_rows = []
    for r in range(body):
        texts = [_text(cell) for cell in rows[r]]
        if _is_column_numbers([t for t in texts if t], profile):
            for cell in rows[r]:
                if _text(cell).isdigit():
                    numbers[cell.c0] = _text(cell)
            continue
        header_rows.append(r)
    keys: list[tuple[int, ...]] = []
    paths: list[tuple[str, ...]] = []
    for c in range(grid.ncols):
        ids: list[int] = []
        path: list[str] = []
        above: GridCell | None = None
        for r in header_rows:
            header = matrix[r][c]
            if header is None or id(header) in ids:
                continue
            ids.append(id(header))  # a blank header cell spanning columns still joins them
            text = _printed(header) if _text(header) else ""
            if text and path and above is not None and (above.c0, above.c1) == (header.c0, header.c1) and _wraps(path[-1], text, profile):
                path[-1] += text  # the rest of a label under it, in a cell of the same span ('采购品目大' / '类')
            elif text:
                path.append(text)
            if text:
                above = header
        keys.append(tuple(ids))
        paths.append(tuple(path))
    extension = _extension(grid, matrix, body, paths, profile)
    for c, cell in extension.items():
        keys[c] = keys[c] + (id(cell),)
        text = _printed(cell)
        over = next((matrix[r][c] for r in reversed(header_rows) if matrix[r][c] is not None and _text(matrix[r][c])), None)
        same_span = over is not None and (over.c0, over.c1) == (cell.c0, cell.c1)
        if paths[c] and same_span and _wraps(paths[c][-1], text, profile):
            paths[c] = paths[c][:-1] + (paths[c][-1] + text,)  # a header's last characters, pushed below its border
        else:
            paths[c] = paths[c] + (text,)
    columns: list[_Column] = []
    for c in range(grid.ncols):
        if columns and keys[c] and keys[c] == keys[columns[-1].physical[-1]] and not _used_apart(matrix, body, c - 1, c):
            columns[-1].physical.append(c)
            continue
        columns.append(_Column([c], paths[c], _label_kind(paths[c], profile) if paths[c] else "value"))
    kept: list[_Column] = []
    for column in columns:  # an empty, unheaded margin column joins its neighbour
        if column.path or _prints(matrix, body, column.physical):
            kept.append(column)
        elif kept:
            kept[-1].physical.extend(column.physical)
    if kept and columns and not (columns[0].path or _prints(matrix, body, columns[0].physical)):
        kept[0].physical[:0] = columns[0].physical
    columns = kept
    for column in columns:
        if column.kind == "value" and _holds_names(matrix, body, column.physical):
            column.kind = "name"  # a header the vocabulary does not know, over names (采购品目, 单位名称)
    for column in columns:
        column.number = next((numbers[c] for c in column.physical if c in numbers), "")
        if grid.xs:
            column.x = (grid.xs[column.physical[0]], grid.xs[column.physical[-1] + 1])
    _assign_sides(columns, spec)
    return _Model(columns, list(dict.fromkeys(c.side for c in columns))), {id(cell) for cell in extension.values()}


def _used_apart(matrix: list[list[GridCell | None]], body: int, a: int, b: int) -> bool:
    """Whether a body row prints separate texts in grid columns a and b."""
    for row in matrix[body:]:
        left, right = row[a], row[b]
        if left is not None and right is not None and left is not right and left.text.strip() and right.text.strip():
            return True
    return False


def _prints(matrix: list[list[GridCell | None]], body: int, physical: list[int]) -> bool:
    return any(row[c] is not None and row[c].c0 == c and row[c].text.strip() for row in matrix[body:] for c in physical)  # type: ignore[union-attr]


def _holds_names(matrix: list[list[GridCell | None]], body: int, physical: list[int]) -> bool:
    """Body cells of these grid columns hold words and never an amount."""
    words = 0
    for row in matrix[body:]:
        for c in physical:
            cell = row[c]
            if cell is None or cell.c0 != c:
                continue
            text = _text(cell)
            if tokens.is_amount(text):
                return False
            if _CJK.search(text) and bare(text) not in ("合计", "小计", "总计"):
                words += 1
    return words >= 2


def _groups(columns: list[_Column]) -> list[int]:
    """The half each column is in: a new half starts at a label column after a value column."""
    group, out = 0, []
    for i, column in enumerate(columns):
        if i and column.kind != "value" and columns[i - 1].kind == "value":
            group += 1
        out.append(group)
    return out


def _assign_sides(columns: list[_Column], spec: TableSpec | None) -> None:
    groups = _groups(columns)
    if spec is not None:
        for column in columns:
            column.side = spec.side_of(column.path)
    if spec is not None and spec.groups and not any(c.side for c in columns):
        for column, group in zip(columns, groups):
            column.side = spec.groups[group] if group < len(spec.groups) else ""
    elif not any(c.side for c in columns) and max(groups, default=0) > 0:
        # halves the profile does not name: kept apart, so that their rows are not fused
        for column, group in zip(columns, groups):
            column.side = f"part{group + 1}"
    elif any(c.side for c in columns):
        current = ""
        for column in columns:  # a label column under no side heading belongs to the side after it
            current = column.side or current
        for column in reversed(columns):
            if column.side:
                current = column.side
            else:
                column.side = current


def _content_model(grid: Grid, spec: TableSpec | None) -> _Model:
    """Columns from the body alone (a table printed without a header)."""
    columns = []
    rows = grid.rows()  # once, not once per column
    for c in range(grid.ncols):
        texts = [_text(cell) for row in rows for cell in row if cell.c0 == c and _text(cell)]
        kind = (
            "value"
            if texts and all(tokens.is_value(t) for t in texts)
            else ("code" if texts and all(_CODE_PART.match(t) for t in texts) else "name")
        )
        columns.append(_Column([c], (), kind, x=(grid.xs[c], grid.xs[c + 1]) if grid.xs else None))
    return _Model(columns, [""])


def _map_continuation(grid: Grid, previous: _Model) -> _Model | None:
    """The columns of a continuation printed without its header, by position."""
    if sum(len(c.physical) for c in previous.columns) == grid.ncols:
        out, start = [], 0
        for column in previous.columns:
            width = len(column.physical)
            out.append(_Column(list(range(start, start + width)), column.path, column.kind, column.side, column.number, column.x))
            start += width
        return _Model(out, previous.sides)
    if not grid.xs or any(c.x is None for c in previous.columns):
        return None
    out = [_Column([], c.path, c.kind, c.side, c.number, c.x) for c in previous.columns]
    printed = {c for cell in grid.cells if cell.text.strip() for c in range(cell.c0, cell.c1 + 1)}
    for c in range(grid.ncols):
        x0, x1 = grid.xs[c], grid.xs[c + 1]
        overlaps = [max(0.0, min(x1, col.x[1]) - max(x0, col.x[0])) for col in previous.columns]  # type: ignore[index]
        best = max(range(len(overlaps)), key=lambda i: overlaps[i])
        if overlaps[best] <= 0.5 * (x1 - x0):
            if c in printed:
                return None
            continue  # an empty sliver beyond the columns above (a wider table ruled below)
        out[best].physical.append(c)
    if any(not c.physical for c in out if c.kind == "value"):
        return None
    return _Model([c for c in out if c.physical], previous.sides)


def _source(grid: Grid, cell: GridCell | None) -> Source:
    return Source(page=grid.page, line=None, bbox=cell.bbox if cell is not None else None)


def _distinct(matrix_row: list[GridCell | None], physical: list[int]) -> list[GridCell]:
    out: list[GridCell] = []
    for c in physical:
        cell = matrix_row[c]
        if cell is not None and all(cell is not seen for seen in out):
            out.append(cell)
    return out


def _row_cells(model: _Model, row: list[GridCell | None]) -> list[list[GridCell]]:
    """The cells of a grid row under each logical column, found once per row and shared
    by ``_owners`` and ``_side_row`` (which look at them for every side)."""
    return [_distinct(row, column.physical) for column in model.columns]


def _owners(model: _Model, row_cells: list[list[GridCell]], r: int) -> dict[int, str]:
    """The side each label cell of a grid row belongs to. A label printed across several
    sides (当年支出小计 over both expenditure halves) belongs to the last of them that
    prints a value on this row."""
    sides_of: dict[int, list[str]] = {}
    cells: dict[int, GridCell] = {}
    valued: set[str] = set()
    for column, under in zip(model.columns, row_cells):
        for cell in under:
            if cell.r0 != r or not cell.text.strip():
                continue
            if column.kind == "value" and tokens.is_value(_text(cell)):
                valued.add(column.side)
                continue
            cells[id(cell)] = cell
            if column.side not in sides_of.setdefault(id(cell), []):
                sides_of[id(cell)].append(column.side)
    out: dict[int, str] = {}
    for key, sides in sides_of.items():
        with_values = [side for side in sides if side in valued]
        out[key] = (with_values or sides)[-1]
    return out


def _side_row(
    draft: Draft, grid: Grid, model: _Model, row_cells: list[list[GridCell]], r: int, side: str, skip: set[int], owners: dict[int, str]
) -> DraftRow | None:
    columns = [(c, under) for c, under in zip(model.columns, row_cells) if c.side == side]
    cells_here = [cell for _, under in columns for cell in under]
    if not any(cell.r0 == r for cell in cells_here):
        return None  # only cells spanning down from the row above
    code_parts: list[str] = []
    name_parts: list[str] = []
    number = ""
    label_cell: GridCell | None = None
    seen: list[GridCell] = []
    for column, under in columns:
        if column.kind == "value":
            continue
        for cell in under:
            if any(cell is s for s in seen) or cell.r0 != r or owners.get(id(cell), side) != side:
                continue
            seen.append(cell)
            text = _printed(cell)
            if not text:
                continue
            label_cell = label_cell or cell
            if column.kind == "code" and text.isdigit():
                code_parts.append(text)
            elif column.kind == "number" and text.isdigit():
                number = text
            else:
                name_parts.append(text)
    code = "".join(code_parts)
    name = name_parts[0] if name_parts else ""  # several label columns (采购品目 | 物品 | 组织形式): the first printed
    group = _group_label(columns, r)
    own = _own_label(columns, r, side, owners)
    if group and own:  # a label merged down over rows that print their own (一般公共预算资金 | 小计 / 专项收入)
        name = f"{group}/{own}"
    if not code:
        match = _CODE_NAME.match(name)
        if match:  # code and name printed in one cell
            code, name = match.group(1), name[match.end() :]
    values: list[tuple[str, Source] | None] = []
    for column, under in columns:
        if column.kind != "value":
            continue
        cells = [cell for cell in under if id(cell) not in skip and id(cell) not in owners]
        texts = [_text(cell) for cell in cells if cell.r0 == r and _text(cell)]
        if not texts:
            values.append(None)
            continue
        cell = cells[0]
        if cell.c0 < column.physical[0] or cell.c1 > column.physical[-1]:
            draft.problem(
                "cell-merged",
                f"{draft.label} 第{grid.page}页 {name or code or '表行'}：一个数值跨了几栏，无法确定归属，未读入",
                _source(grid, cell),
                cell.text,
            )
            values.append(None)
            continue
        parts = tokens.tokens(" ".join(cell.text.split()))
        if len(parts) > 1 and all(tokens.is_value(p) for p in parts):
            draft.problem(
                "cell-stacked",
                f"{draft.label} 第{grid.page}页 {name or code or '表行'}：一格中印有 {len(parts)} 个数（{' '.join(parts)}），无法分行，未读入",
                _source(grid, cell),
                cell.text,
            )
            values.append(None)
            continue
        values.append(("".join(parts), _source(grid, cell)))
    if not code and not number and all(v is None for v in values) and not name.strip("….·。"):
        return None  # an empty line, or a template's placeholder row (…… …)
    return DraftRow(side=side, code=code, name=name, number=number, values=values, source=_source(grid, label_cell or cells_here[0]))


def _group_label(columns: list[tuple[_Column, list[GridCell]]], r: int) -> str:
    """The first name label merged down over several rows and covering row ``r``."""
    for column, under in columns:
        if column.kind not in ("value", "code", "number"):
            for cell in under:
                if cell.r0 <= r <= cell.r1 and cell.r1 > cell.r0 and _printed(cell):
                    return _printed(cell)
    return ""


def _own_label(columns: list[tuple[_Column, list[GridCell]]], r: int, side: str, owners: dict[int, str]) -> str:
    """The first name label printed on row ``r`` alone."""
    for column, under in columns:
        if column.kind not in ("value", "code", "number"):
            for cell in under:
                if cell.r0 == cell.r1 == r and owners.get(id(cell), side) == side and _printed(cell):
                    return _printed(cell)
    return ""


def _repeats_header(grid: Grid, body: int, model: _Model, profile: Profile, rows: list[list[GridCell]]) -> bool:
    """Whether the rows above the body of a continuation grid are the table's header again."""
    known = {norm(label) for column in model.columns for label in column.path}
    for row in rows[:body]:
        for cell in row:
            text = _text(cell)
            if text and (text in known or profile.label_kind(text)):
                return True
    return False


def _fragment(row: DraftRow, profile: Profile, spec: TableSpec | None) -> bool:
    """A row that is only the end of a name cut by a page break ('业支出')."""
    if row.code or row.number or any(v is not None for v in row.values) or not row.name:
        return False
    name = bare(row.name)
    if _ORDINAL_ROW.match(row.name) or row.name[:1].isdigit() or name.startswith(profile.of_which):
        return False
    return name not in profile.totals and not any(name in names for names in (spec.rows.values() if spec else ()))


def _join_split_row(draft: Draft, first: DraftRow, catalog: CatalogLike | None, profile: Profile, spec: TableSpec | None) -> bool:
    """The first row of a continuation page that finishes the last row of the page before."""
    last = next((row for row in reversed(draft.rows) if row.side == first.side), None)
    if last is None or first.code or first.number:
        return False
    if first.name and all(v is None for v in first.values) and last.code and catalog is not None:
        kind = "economic" if draft.kind == "T6" else "functional"
        if not catalog.names_match(last.code, last.name, kind) and catalog.completes(last.code, last.name + first.name, kind):
            last.name += first.name
            return True
    if not last.code and last.name and _fragment(first, profile, spec):
        last.name += first.name
        return True
    if not first.name and all(v is None for v in last.values) and (last.code or last.name) and any(first.values):
        last.values = first.values
        return True
    return False


def snap_to_body(grid: Grid, body: int, rows: list[list[GridCell]] | None = None) -> Grid:
    """The grid's columns as the body draws them. Word tables drawn cell by cell may
    place the header's borders a few points off the body's (功能科目代码 over 74–159,
    its codes in 74–165): such a grid has slivers of columns that no cell really owns.
    Columns become the spans between the borders of the body cells, and every cell —
    header cells included — covers the body columns it overlaps by more than half."""
    if not grid.xs or body <= 0 or body >= grid.nrows:
        return grid
    xs = grid.xs
    votes: dict[int, int] = {}
    body_rows = 0
    for row in (rows if rows is not None else grid.rows())[body:]:
        if not row:
            continue
        body_rows += 1
        for edge in {c.c0 for c in row} | {c.c1 + 1 for c in row}:
            votes[edge] = votes.get(edge, 0) + 1
    # a border most body rows draw is a column border; one row's odd span (合计 across
    # the code and name columns, drawn a few points off) is not
    edges = sorted(e for e, n in votes.items() if n >= max(1, 0.3 * body_rows) or e in (0, grid.ncols))
    header_edges = {c.c0 for c in grid.cells if c.r0 < body} | {c.c1 + 1 for c in grid.cells if c.r0 < body}
    all_body = set(votes)
    if header_edges <= set(edges) and all_body <= set(edges) or len(edges) < 3:
        return grid  # the header only groups the body's columns: nothing to snap
    bounds = [xs[e] for e in edges]

    def cover(c0: int, c1: int) -> tuple[int, int] | None:
        x0, x1 = xs[c0], xs[c1 + 1]
        inside = [i for i in range(len(bounds) - 1) if min(x1, bounds[i + 1]) - max(x0, bounds[i]) > 0.5 * (bounds[i + 1] - bounds[i])]
        return (inside[0], inside[-1]) if inside else None

    cells = []
    for cell in grid.cells:
        span = cover(cell.c0, cell.c1)
        if span is None:
            if cell.text.strip():
                return grid  # a cell with text in no body column: leave the grid as drawn
            continue
        cells.append(GridCell(cell.r0, cell.r1, span[0], span[1], cell.text, cell.bbox, cell.lines))
    taken: dict[tuple[int, int], GridCell] = {}
    out = []
    for cell in sorted(cells, key=lambda c: (c.r0, c.c0, -len(c.text))):
        keys = [(r, c) for r in range(cell.r0, cell.r1 + 1) for c in range(cell.c0, cell.c1 + 1)]
        if any(k in taken for k in keys):
            if cell.text.strip():
                return grid  # two cells with text would share a position
            continue
        taken.update((k, cell) for k in keys)
        out.append(cell)
    return Grid(out, grid.page, grid.bbox, len(bounds) - 1, grid.nrows, grid.ruled, tuple(bounds))


def read_grids(draft: Draft, grids: list[Grid], spec: TableSpec | None, profile: Profile, catalog: CatalogLike | None) -> None:
    """Fill the draft's columns and rows from the table's grids, in order."""
    model: _Model | None = None
    for index, grid in enumerate(grids):
        rows = grid.rows()  # computed once per grid: every step below reads them
        body = _body_start(grid, spec, profile, rows)
        if body > 0 and model is not None and not _repeats_header(grid, body, model, profile, rows):
            body = 0  # the first rows of a continuation page (a name cut by the break), not a header
        snapped = snap_to_body(grid, body, rows)
        if snapped is not grid:
            grid, rows = snapped, snapped.rows()
        matrix = grid.matrix()
        skip: set[int]  # ids of first-body-row cells that are header words
        if body == 0 and model is not None:
            mapped = _map_continuation(grid, model)
            if mapped is None:
                draft.problem(
                    "continuation-unmatched", f"{draft.label} 第{grid.page}页的续表与前页的栏目对不上，该页未读入", _source(grid, None)
                )
                continue
            current, skip = mapped, set()
        elif body == 0 or body >= grid.nrows and model is None and not grid.cells:
            draft.problem(
                "header-missing",
                f"{draft.label} 第{grid.page}页的表格没有可识别的表头，各栏按位置命名，该表不做勾稽校验",
                _source(grid, None),
            )
            current, skip = _content_model(grid, spec), set()
        else:
            current, skip = _header_model(grid, matrix, body, spec, profile, rows)
        if model is None or body > 0 and not draft.columns:
            draft.columns = [DraftColumn(c.path, c.side, c.number) for c in current.values()]
            draft.header = tuple("/".join(c.path) for c in current.columns)
        elif body > 0 and [c.path for c in current.values()] != [c.path for c in draft.columns]:
            draft.problem("continuation-header", f"{draft.label} 第{grid.page}页续表的表头与首页不同，该页未读入", _source(grid, None))
            continue
        model = current
        opened: set[str] = set()  # sides whose first row on this page was seen
        for r in range(body, grid.nrows):
            row_cells = _row_cells(model, matrix[r])
            owners = _owners(model, row_cells, r)
            for side in model.sides:
                row = _side_row(draft, grid, model, row_cells, r, side, skip, owners)
                if row is None:
                    continue
                if not row.code and all(v is None for v in row.values) and no_activity(row.name, profile):
                    draft.no_activity = True  # '此表为空' printed inside the table
                    draft.notes.append(row.name)
                    continue
                first_of_page = side not in opened
                opened.add(side)
                if first_of_page and index > 0 and _join_split_row(draft, row, catalog, profile, spec):
                    continue
                draft.rows.append(row)
        if spec is not None and spec.shape == "single" and not draft.rows and body < grid.nrows:
            # the one row of 表9, printed blank (a template, or no spending at all)
            values: list = [None] * len(model.values())
            draft.rows.append(DraftRow("", "", "", "", values, _source(grid, matrix[body][0])))
