"""The table layer every format shares: a draft table to a model Table, through the profile.

Each reader fills a ``Draft`` in its own way — the PDF, XLSX and HTML readers from
cells placed by geometry (``grid_table``), the text reader from tokens counted into
columns (``text_table``) — and this module does the rest for all of them: value
columns get their role from the profile's header vocabulary, rows their role from its
row vocabulary (totals, 其中, the sides of 表1/表4 and their splits by fund, 类 rows
named through the catalog), printed amounts become cells and blank cells stay absent.

Whatever was not understood is kept: as a notice with its place, and on the table
(``Table.unread``) so that the checks run nothing on cells that were not read.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from ..model import Cell, Column, Row, Source, Table, Unrecognized
from ..profiles import TableSpec
from ..profiles.rows import RowRoles
from . import tokens


@dataclass(frozen=True, slots=True)
class Heading:
    """What a table's page header says: unit and entity ('单位：万元 部门：…')."""

    unit: str = ""
    entity: str = ""
    entity_label: str = ""


@dataclass
class DraftColumn:
    path: tuple[str, ...]  # printed header labels, top down, normal form
    side: str = ""
    number: str = ""  # 栏次 as printed


@dataclass
class DraftRow:
    side: str
    code: str
    name: str
    number: str  # 行次 as printed
    values: list[tuple[str, Source] | None]  # one per value column of the side, None when blank
    source: Source


@dataclass
class Draft:
    kind: str
    number: str
    title: str
    source: Source  # the title
    label: str  # how messages name the table: '表3' or its title
    heading: Heading = field(default_factory=Heading)
    columns: list[DraftColumn] = field(default_factory=list)  # value columns, left to right
    header: tuple[str, ...] = ()  # every column's printed path, labels included
    rows: list[DraftRow] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)
    no_activity: bool = False
    caption: str = ""
    end_line: int = 0
    unread: list[str] = field(default_factory=list)
    notices: list[Unrecognized] = field(default_factory=list)

    def problem(self, code: str, message: str, source: Source, text: str = "") -> None:
        """Something not understood that leaves the table incomplete."""
        self.unread.append(message)
        self.notices.append(Unrecognized(code=code, message=message, source=source, text=text))

    def side_columns(self, side: str) -> list[DraftColumn]:
        return [column for column in self.columns if column.side == side]


def _side_label(spec: TableSpec, side: str) -> str:
    for label, value in spec.sides.items():
        if value == side:
            return label
    return side


def _columns(draft: Draft, spec: TableSpec | None) -> list[Column]:
    """Value columns with their roles; a column the vocabulary does not know leaves
    the table incomplete, since an identity would read its cells as absent."""
    keys = ["/".join(c.path) for c in draft.columns]
    out: list[Column] = []
    for i, column in enumerate(draft.columns):
        key = keys[i] or f"第{i + 1}列"
        if keys.count(keys[i]) > 1 and spec is not None and column.side:
            key = f"{_side_label(spec, column.side)}/{key}"
        role = spec.column_role(column.path) if spec is not None and column.path else ""
        if spec is not None and not role and spec.columns:
            draft.problem(
                "header-unknown",
                f"{draft.label}（{spec.name}）的第{i + 1}个数值栏“{key}”未能识别，该表不做勾稽校验",
                draft.source,
                key,
            )
        out.append(Column(key=key, role=role, number=column.number, side=column.side))
    roles = [(c.role, c.side) for c in out if c.role]
    for role, side in sorted(set(roles)):
        if roles.count((role, side)) > 1 and spec is not None:
            draft.problem(
                "header-ambiguous", f"{draft.label}（{spec.name}）有多个数值栏都像“{role}”栏，无法区分，该表不做勾稽校验", draft.source
            )
    return out


def _cells(draft: Draft, row: DraftRow, columns: list[Column], name: str) -> tuple[Cell, ...]:
    cells = []
    for column, value in zip(columns, row.values):
        if value is None:
            continue
        text, source = value
        if text in tokens.BLANKS:
            continue
        if not tokens.is_amount(text):
            draft.problem("cell-unparsed", f"{draft.label} {name}「{column.key}」栏的“{text}”不是金额，未读入", source, text)
            continue
        try:
            amount = tokens.amount(text)
        except tokens.AmountTooLong:
            draft.problem("cell-unparsed", f"{draft.label} {name}「{column.key}」栏的数字过长（{len(text)} 位），未读入", source, text[:40])
            continue
        cells.append(Cell(column=column.key, amount=amount, text=text, source=source))
    return tuple(cells)


def to_table(draft: Draft, spec: TableSpec | None, totals: tuple[str, ...], of_which: tuple[str, ...], catalog) -> Table:
    columns = _columns(draft, spec)
    by_side: dict[str, list[Column]] = {}
    for column, dc in zip(columns, draft.columns):
        by_side.setdefault(dc.side, []).append(column)
    roles = RowRoles(spec, totals, of_which, catalog)
    rows: list[Row] = []
    for row in draft.rows:
        role, code = roles.role(row.side, row.name, row.code)
        label = " ".join(filter(None, (row.code, row.name))) or (f"第{row.number}行" if row.number else "（无名行）")
        cells = _cells(draft, row, by_side.get(row.side, []), label)
        rows.append(
            Row(
                key=row.code or row.number,
                name=row.name,
                cells=cells,
                source=row.source,
                code=code,
                role=role,
                side=row.side,
            )
        )
    return Table(
        kind=draft.kind,
        number=draft.number,
        title=draft.title,
        columns=tuple(columns),
        rows=tuple(rows),
        source=draft.source,
        end_line=draft.end_line,
        unit=draft.heading.unit,
        entity=draft.heading.entity,
        entity_label=draft.heading.entity_label,
        notes=tuple(draft.notes),
        no_activity=draft.no_activity,
        header=draft.header,
        unread=tuple(dict.fromkeys(draft.unread)),
        caption=draft.caption,
    )
