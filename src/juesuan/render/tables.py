"""The nine tables laid out as published, from the model and the official layouts.

Each table becomes a ``TableBlock``: a header of merged cells (a parent spans its
children, a label without children spans down), the 栏次 row, the body rows and the
notes. Coded tables (表2/3/5/7/8) print 功能分类科目编码 and 科目名称 then the values;
two-sided tables (表1/表4) print each side's 项目 and 行次 then its values, both sides
on one line; 表6 prints 人员经费 and 公用经费 side by side; 表9 prints one row of twelve.
An empty table keeps its zeros and gets the note 本表本年度无发生额.
"""

from __future__ import annotations

from decimal import Decimal

from ..model import TABLE_NAMES, Row, Table
from ..profiles import Profile, TableSpec, layout_columns, shipped
from ..profiles.schema import Printed
from .document import GridCell, TableBlock

NO_ACTIVITY = "本表本年度无发生额。"
TOTAL_ROLES = frozenset({"total", "income_total", "expenditure_total", "income_grand_total", "expenditure_grand_total",
                         "personnel_total", "public_total"})


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


def _level(code: str) -> int:
    return {3: 0, 5: 1, 7: 2}.get(len(code), 0)


def _profile(profile: Profile | None) -> Profile:
    return profile or shipped().get("juesuan")


def _sides(spec: TableSpec, table: Table) -> list[str]:
    """The sides in printed order: the profile's, else as the table's columns have them."""
    ordered = list(spec.printed.rows) if spec.printed is not None else []
    ordered += [c.side for c in table.columns if c.side not in ordered]
    return [side for side in dict.fromkeys(ordered) if side]


def table_block(table: Table, profile: Profile | None = None) -> TableBlock:
    """A table laid out as the profile's template prints it: the label columns it
    names, under each side's heading, then that side's value columns."""
    spec = _profile(profile).table(table.kind)
    grammar = spec.shape if spec is not None else "coded"
    printed = spec.printed if spec is not None and spec.printed is not None else Printed()
    labels = [tuple(label.split("/")) for label in printed.labels]
    marker = ["栏次"] + [""] * (len(labels) - 1) if printed.column_numbers and labels else [""] * len(labels)
    paths: list[tuple[str, ...]] = []
    numbers: list[str] = []
    widths: list[float] = []
    sides = _sides(spec, table) if spec is not None and grammar in ("two_sided", "economic") else [""]
    for side in sides:
        heading = (spec.side_label(side),) if side and spec is not None and spec.side_label(side) else ()
        paths += [heading + label for label in labels]
        numbers += marker
        widths += [_label_width(grammar, i) for i in range(len(labels))]
        for column in table.columns:
            if not side or column.side == side:
                paths.append(tuple(column.key.split("/")))
                numbers.append(column.number)
                widths.append(9 if labels else 6)
    header, depth = header_cells(paths)
    if any(n and n != "栏次" for n in numbers):
        header += [GridCell(depth, i, n) for i, n in enumerate(numbers) if n]
        depth += 1
    notes = list(table.notes)
    if no_activity(table) and not any("无发生额" in note for note in notes):
        notes.append(NO_ACTIVITY)
    label = table.entity_label or "单位"
    return TableBlock(
        kind=table.kind,
        number=table.number or f"表{table.kind[1:]}",
        title=table.title or TABLE_NAMES[table.kind],
        heading_left=f"{label}：{table.entity}" if table.entity else "",
        heading_right=f"单位：{table.unit}" if table.unit else "",
        ncols=len(paths),
        widths=tuple(widths),
        header=tuple(header),
        header_rows=depth,
        body=tuple(tuple(cells) for cells in _body(table, grammar, sides)),
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


def _values(row: Row, columns, start: int) -> list[GridCell]:
    out = []
    for i, column in enumerate(columns):
        cell = row.cell(column.key)
        if cell is not None:
            out.append(GridCell(0, start + i, cell.text, numeric=True, bold=row.role in TOTAL_ROLES))
    return out


def _pairs(rows: tuple[Row, ...], left: str) -> list[list[Row]]:
    """Rows of both sides printed on one line: by source line when known, else in order."""
    if all(row.source.line for row in rows):
        lines: dict[int, list[Row]] = {}
        for row in rows:
            lines.setdefault(row.source.line or 0, []).append(row)
        return list(lines.values())
    lefts = [r for r in rows if r.side == left]
    rights = [r for r in rows if r.side != left]
    return [[r for r in pair if r is not None] for pair in _zip_longest(lefts, rights)]


def _zip_longest(a: list, b: list) -> list[tuple]:
    n = max(len(a), len(b))
    return [(a[i] if i < len(a) else None, b[i] if i < len(b) else None) for i in range(n)]


def _body(table: Table, grammar: str, sides: list[str]) -> list[list[GridCell]]:
    body: list[list[GridCell]] = []
    if grammar == "coded":
        for row in table.rows:
            total = row.role in TOTAL_ROLES or not row.code
            if row.code:
                cells = [GridCell(0, 0, row.code), GridCell(0, 1, row.name, level=_level(row.code))]
            else:
                cells = [GridCell(0, 0, row.name, colspan=2, bold=total)]
            body.append(cells + _values(row, table.columns, 2))
    elif grammar in ("two_sided", "economic") and len(sides) == 2:
        left, right = sides
        left_cols = [c for c in table.columns if c.side == left]
        right_cols = [c for c in table.columns if c.side == right]
        right_start = 2 + len(left_cols)
        for rows in _pairs(table.rows, left):
            cells: list[GridCell] = []
            for row in rows:
                start = 0 if row.side == left else right_start
                columns = left_cols if row.side == left else right_cols
                bold = row.role in TOTAL_ROLES
                if grammar == "two_sided":
                    if row.name:
                        split = row.role.startswith(("opening_", "closing_")) and row.role not in ("opening_balance", "closing_balance")
                        cells.append(GridCell(0, start, row.name, level=1 if split else 0, bold=bold))
                    if row.key:
                        cells.append(GridCell(0, start + 1, row.key, numeric=True))
                elif row.code:
                    cells += [GridCell(0, start, row.code), GridCell(0, start + 1, row.name, level=_level(row.code))]
                else:
                    cells.append(GridCell(0, start, row.name, colspan=2, bold=bold))
                cells += _values(row, columns, start + 2)
            body.append(cells)
    else:
        for row in table.rows:
            body.append(_values(row, table.columns, 0))
    return body


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
    return Table(kind=kind, number=f"表{kind[1:]}", title=TABLE_NAMES[kind], columns=numbered, rows=rows, source=Source(),
                 end_line=0, unit=unit, entity=entity, entity_label=entity_label, notes=(NO_ACTIVITY,), no_activity=True)
