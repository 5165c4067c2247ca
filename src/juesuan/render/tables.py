"""The tables as published, from the model and the official layouts: the one view of a
table as printed, for the rendered documents (HTML, DOCX, XLSX) and the web page and
audit workbook alike.

Each table becomes a ``TableBlock``: a header of merged cells (a parent spans its
children, a label without children spans down), the 栏次 row, the body rows and the
notes. Coded tables (表2/3/5/7/8) print 功能分类科目编码 and 科目名称 then the values;
a table of sides (表1/表4, 表6) prints each side under its heading — the first part its
columns' header paths share (收入/决算数 → 收入) — with its label columns and values,
the rows of all sides printed on one line side by side; 表9 prints one row of twelve.
Every amount cell keeps a reference to the model cell it prints, so a finding can be
marked on it. An empty table keeps its zeros and gets the note 本表本年度无发生额.
"""

from __future__ import annotations

from collections.abc import Sequence
from decimal import Decimal

from ..model import TABLE_NAMES, CellRef, Column, Row, Table
from ..profiles import Profile, TableSpec, layout_columns, shipped
from .document import GridCell, TableBlock

NO_ACTIVITY = "本表本年度无发生额。"
TOTAL_ROLES = frozenset(
    {"total", "income_total", "expenditure_total", "income_grand_total", "expenditure_grand_total", "personnel_total", "public_total"}
)


def header_cells(paths: list[tuple[str, ...]]) -> tuple[list[GridCell], int]:
    depth = max(len(p) for p in paths)
    cells: list[GridCell] = []
    for level in range(depth):
        col = 0
        while col < len(paths):
            path = paths[col]
            if len(path) <= level:
                col += 1
                continue
            span = 1
            while (
                col + span < len(paths)
                and len(paths[col + span]) > level
                and paths[col + span][: level + 1] == path[: level + 1]
                and len(path) > level + 1
            ):
                span += 1
            rowspan = depth - level if len(path) == level + 1 else 1
            cells.append(GridCell(level, col, path[level], rowspan=rowspan, colspan=span, bold=True))
            col += span
    return cells, depth


def side_heading(keys: Sequence[str]) -> str:
    """The heading printed over a side's columns: the parts of their header paths they all
    share above their own labels ('收入/决算数' → 收入; a budget's '支出/功能分类/金额' →
    支出/功能分类, the label column printed under both), else ''."""
    if not keys or not all("/" in key for key in keys):
        return ""
    paths = [key.split("/")[:-1] for key in keys]
    shared: list[str] = []
    for parts in zip(*paths):
        if len(set(parts)) != 1:
            break
        shared.append(parts[0])
    return "/".join(shared)


def _level(code: str) -> int:
    return {3: 0, 5: 1, 7: 2}.get(len(code), 0)


def _profile(profile: Profile | None) -> Profile:
    return profile or shipped().get("juesuan")


def _sides(spec: TableSpec | None, table: Table) -> list[str]:
    """The sides in printed order (the profile's, then as the columns have them); [''] for
    a table of one side."""
    if not any(column.side for column in table.columns):
        return [""]
    present = list(dict.fromkeys(column.side for column in table.columns))
    ordered = list(spec.printed.rows) if spec is not None and spec.printed is not None else []
    return [side for side in ordered if side in present] + [side for side in present if side not in ordered]


def _labels(spec: TableSpec | None, table: Table) -> tuple[str, ...]:
    """The label columns printed before each side's values: the profile's template, else
    (a table it has no template for) a code column when rows have codes and a name column."""
    if spec is not None and spec.printed is not None:
        return spec.printed.labels
    if any(row.code for row in table.rows):
        return ("编码", "项目")
    return ("项目",) if any(row.name for row in table.rows) else ()


def table_block(table: Table, profile: Profile | None = None) -> TableBlock:
    """A table laid out as the profile's template prints it: the label columns it
    names, under each side's heading, then that side's value columns."""
    spec = _profile(profile).table(table.kind)
    grammar = spec.shape if spec is not None else "generic"
    labels = [tuple(label.split("/")) for label in _labels(spec, table)]
    numbered = spec is not None and spec.printed is not None and spec.printed.column_numbers
    marker = ["栏次"] + [""] * (len(labels) - 1) if numbered and labels else [""] * len(labels)
    paths: list[tuple[str, ...]] = []
    numbers: list[str] = []
    widths: list[float] = []
    sides = _sides(spec, table)
    starts: dict[str, int] = {}
    columns: dict[str, list[Column]] = {}
    for side in sides:
        columns[side] = [column for column in table.columns if not side or column.side == side]
        heading = side_heading([column.key for column in columns[side]]) if side else ""
        starts[side] = len(paths)
        paths += [tuple(heading.split("/")) + label if heading else label for label in labels]
        numbers += marker
        widths += [_label_width(grammar, i) for i in range(len(labels))]
        for column in columns[side]:
            paths.append(tuple(column.key.split("/")))
            numbers.append(column.number)
            widths.append(9 if labels else 6)
    header, depth = header_cells(paths) if paths else ([], 0)
    if any(n and n != "栏次" for n in numbers):
        header += [GridCell(depth, i, n) for i, n in enumerate(numbers) if n]
        depth += 1
    table_id = table.kind or table.number
    body = []
    for line in printed_lines(table, sides):
        cells: list[GridCell] = []
        for row in line:
            side = row.side if row.side in starts else sides[0]
            cells += _row_labels(row, grammar, len(labels), starts[side])
            cells += _values(row, columns[side], starts[side] + len(labels), table_id)
        body.append(tuple(cells))
    notes = list(table.notes)
    if no_activity(table) and not any("无发生额" in note for note in notes):
        notes.append(NO_ACTIVITY)
    label = table.entity_label or "单位"
    return TableBlock(
        kind=table.kind,
        number=table.number or (f"表{table.kind[1:]}" if table.kind in TABLE_NAMES else ""),
        title=table.title or TABLE_NAMES.get(table.kind) or (spec.name if spec is not None else ""),
        heading_left=f"{label}：{table.entity}" if table.entity else "",
        heading_right=f"单位：{table.unit}" if table.unit else "",
        ncols=len(paths),
        widths=tuple(widths),
        header=tuple(header),
        header_rows=depth,
        body=tuple(body),
        notes=tuple(notes),
        grammar=grammar,
    )


def _label_width(grammar: str, index: int) -> float:
    """Column widths of the label columns, in characters: names are wide, codes and 行次 narrow."""
    if grammar == "two_sided":
        return (22, 4)[min(index, 1)]
    if grammar == "economic":
        return (8, 15)[min(index, 1)]
    return (9, 20)[min(index, 1)]


def no_activity(table: Table) -> bool:
    return table.no_activity or all(cell.amount == 0 for row in table.rows for cell in row.cells)


def _row_labels(row: Row, grammar: str, width: int, start: int) -> list[GridCell]:
    """A row's cells in its side's ``width`` label columns: name and 行次 on a two-sided
    table, else code and name (a row without a code, 合计, names itself across both)."""
    if not width:
        return []
    bold = row.role in TOTAL_ROLES
    if grammar == "two_sided":
        cells = []
        if row.name:
            split = row.role.startswith(("opening_", "closing_")) and row.role not in ("opening_balance", "closing_balance")
            cells.append(GridCell(0, start, row.name, level=1 if split else 0, bold=bold))
        if row.key and width > 1:
            cells.append(GridCell(0, start + 1, row.key, numeric=True))
        return cells
    if row.code and width > 1:
        return [GridCell(0, start, row.code), GridCell(0, start + 1, row.name, level=_level(row.code))]
    return [GridCell(0, start, row.name, colspan=width, bold=bold or (grammar == "coded" and not row.code))]


def _values(row: Row, columns: Sequence[Column], start: int, table_id: str) -> list[GridCell]:
    out = []
    for i, column in enumerate(columns):
        cell = row.cell(column.key)
        if cell is not None:
            ref = CellRef(table_id, row.key, column.key, row.name, cell.source.page, cell.source.line)
            mark = ("uncertain" if cell.uncertain else "ocr") if cell.origin == "ocr" else ""
            out.append(GridCell(0, start + i, cell.text, numeric=True, bold=row.role in TOTAL_ROLES, ref=ref, ocr=mark))
    return out


def printed_lines(table: Table, sides: Sequence[str]) -> list[list[Row]]:
    """The rows by the line they are printed on, top to bottom, one row of each side to a
    line. Rows meet by their place when every row has one (the line of a text, the page
    and box of a PDF: boxes on one line overlap by half a row); else each side's rows
    are paired in order."""
    if len(sides) < 2:
        return [[row] for row in table.rows]
    places = [_place(row) for row in table.rows]
    if not all(place is not None for place in places):
        by_side = [[row for row in table.rows if row.side == side] for side in sides]
        rest = [[row] for row in table.rows if row.side not in sides]
        return [[rows[i] for rows in by_side if i < len(rows)] for i in range(max(map(len, by_side)))] + rest
    lines: list[tuple[tuple[int, float, float], dict[str, Row]]] = []
    for row, place in zip(table.rows, places):
        assert place is not None
        line = next((slot for at, slot in lines if row.side not in slot and _same_line(at, place)), None)
        if line is None:  # also a second row of one side on a line: it gets a line of its own
            lines.append((place, {row.side: row}))
        else:
            line[row.side] = row
    lines.sort(key=lambda line: line[0][:2])
    order = {side: i for i, side in enumerate(sides)}
    return [sorted(slot.values(), key=lambda row: order.get(row.side, len(order))) for _, slot in lines]


def _place(row: Row) -> tuple[int, float, float] | None:
    """(page, top, bottom) of a row: its text line (top = bottom), else its box."""
    source = row.source
    if source.line is not None:
        return (source.page or 0, source.line, source.line)
    if source.bbox is not None:
        return (source.page or 0, source.bbox[1], source.bbox[3])
    return None


def _same_line(a: tuple[int, float, float], b: tuple[int, float, float]) -> bool:
    if a[0] != b[0]:
        return False
    if a[1] == a[2] or b[1] == b[2]:
        return a[1:] == b[1:]
    overlap = min(a[2], b[2]) - max(a[1], b[1])
    return overlap > 0.5 * min(a[2] - a[1], b[2] - b[1])


def empty_table(kind: str, entity: str, unit: str = "万元", entity_label: str = "单位", profile: Profile | None = None) -> Table:
    """A table the data does not hold, published with zeros (本表本年度无发生额)."""
    from ..model import Cell, Source

    spec = _profile(profile).table(kind)
    assert spec is not None
    zero = Decimal("0.00")
    columns = layout_columns(spec)
    numbered = tuple(type(c)(key=c.key, role=c.role, number=str(i), side=c.side) for i, c in enumerate(columns, start=1))
    cells = tuple(Cell(c.key, zero, "0.00", Source()) for c in numbered)
    rows = (Row(key="", name="合计" if spec.shape != "single" else "", cells=cells, source=Source(), role="total"),)
    return Table(
        kind=kind,
        number=f"表{kind[1:]}",
        title=TABLE_NAMES[kind],
        columns=numbered,
        rows=rows,
        source=Source(),
        end_line=0,
        unit=unit,
        entity=entity,
        entity_label=entity_label,
        notes=(NO_ACTIVITY,),
        no_activity=True,
    )
