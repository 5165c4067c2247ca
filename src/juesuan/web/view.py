"""What the report page shows: the tables as published with each flagged cell marked,
and the findings each cell is concerned by. Pure data for the templates."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass, field
from typing import Any

from ..model import SEVERITIES, SEVERITY_NAMES, Row, Table


def cell_id(table: str, row: str, column: str, name: str = "") -> str:
    """The DOM id of a cell; rows without a key (合计) are told apart by name."""
    key = "\x1f".join((table, row, name if not row else "", column))
    return "c-" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:12]


def ref_id(ref: dict[str, Any]) -> str:
    return cell_id(ref["table"], ref["row"], ref["column"], ref.get("name", ""))


def worst(severities: list[str]) -> str:
    return min(severities, key=SEVERITIES.index) if severities else ""


@dataclass
class Flag:
    severity: str = ""
    findings: list[int] = field(default_factory=list)  # indices into the findings list
    titles: list[str] = field(default_factory=list)


def flags(findings: list[dict[str, Any]]) -> dict[str, Flag]:
    """Cell id → the findings at that cell (worst severity first)."""
    out: dict[str, Flag] = {}
    for index, finding in enumerate(findings):
        for ref in finding["cells"]:
            flag = out.setdefault(ref_id(ref), Flag())
            if index not in flag.findings:
                flag.findings.append(index)
                flag.titles.append(f"{finding['rule']} {finding['message']}")
                flag.severity = worst([s for s in (flag.severity, finding["severity"]) if s])
    return out


@dataclass
class HeaderCell:
    text: str
    colspan: int = 1
    rowspan: int = 1


def header_rows(keys: list[str], depth: int = 0) -> list[list[HeaderCell]]:
    """Multi-level header from column keys joined by '/' (parents merged across);
    ``depth`` pads it to the depth of a neighbouring block."""
    paths = [key.split("/") for key in keys]
    depth = max([depth, *(len(p) for p in paths)] or [1])
    rows: list[list[HeaderCell]] = [[] for _ in range(depth)]
    for level in range(depth):
        i = 0
        while i < len(paths):
            path = paths[i]
            if level >= len(path):
                i += 1
                continue
            if level == len(path) - 1:
                rows[level].append(HeaderCell(path[level], 1, depth - level))
                i += 1
                continue
            j = i
            while j < len(paths) and len(paths[j]) > level + 1 and paths[j][: level + 1] == path[: level + 1]:
                j += 1
            rows[level].append(HeaderCell(path[level], j - i, 1))
            i = j
    return rows


@dataclass
class CellView:
    id: str
    text: str
    flag: Flag | None = None


@dataclass
class SideView:
    """One side of a printed line: its row's name, key and cells."""

    name: str = ""
    key: str = ""
    cells: list[CellView | None] = field(default_factory=list)
    role: str = ""


@dataclass
class Block:
    """One side of a table (or the whole table): its columns and header."""

    side: str
    columns: list[str]
    header: list[list[HeaderCell]]
    label: str = ""  # the side's printed heading (收入, 人员经费), the top of its columns' header paths


@dataclass
class TableView:
    kind: str
    number: str
    title: str
    unit: str
    entity: str
    entity_label: str
    notes: tuple[str, ...]
    no_activity: bool
    blocks: list[Block]
    lines: list[list[SideView]]  # one per printed line, one SideView per block
    flagged: int


def side_heading(keys: list[str]) -> str:
    """The heading printed over a side's columns: the first part of their header paths when
    they all share it and go below it ('收入/决算数' → 收入), else ''."""
    tops = {key.split("/", 1)[0] for key in keys}
    return tops.pop() if len(tops) == 1 and all("/" in key for key in keys) else ""


def _strip(key: str, heading: str) -> str:
    return key[len(heading) + 1 :] if heading and key.startswith(heading + "/") else key


def table_view(table: Table, cell_flags: dict[str, Flag]) -> TableView:
    table_id = table.kind or table.number
    sides = list(dict.fromkeys(c.side for c in table.columns)) if any(c.side for c in table.columns) else [""]
    blocks = []
    grouped = [(side, [c.key for c in table.columns if c.side == side or side == ""]) for side in sides]
    headings = {side: side_heading(keys) if side else "" for side, keys in grouped}
    depth = max((len(_strip(k, headings[side]).split("/")) for side, keys in grouped for k in keys), default=1)
    for side, columns in grouped:
        heading = headings[side]
        blocks.append(Block(side, columns, header_rows([_strip(k, heading) for k in columns], depth), heading))
    flagged = 0

    def side_view(row: Row, block: Block) -> SideView:
        nonlocal flagged
        cells: list[CellView | None] = []
        for column in block.columns:
            cell = row.cell(column)
            if cell is None:
                cells.append(None)
                continue
            cid = cell_id(table_id, row.key, column, row.name)
            flag = cell_flags.get(cid)
            flagged += flag is not None
            cells.append(CellView(cid, cell.text, flag))
        return SideView(row.name, row.key, cells, row.role)

    lines: list[list[SideView]] = []
    if len(blocks) == 1:
        lines = [[side_view(row, blocks[0])] for row in table.rows]
    else:
        by_line: dict[int, dict[str, Row]] = {}
        order: list[int] = []
        for position, row in enumerate(table.rows):
            line = row.source.line if row.source.line is not None else -position - 1
            slot = by_line.setdefault(line, {})
            if line not in order:
                order.append(line)
            if row.side in slot:  # two rows of one side on one line: give it its own line
                line = -10_000 - position
                order.append(line)
                slot = by_line.setdefault(line, {})
            slot[row.side] = row
        for line in order:
            slot = by_line[line]
            lines.append([side_view(slot[b.side], b) if b.side in slot else SideView(cells=[None] * len(b.columns)) for b in blocks])
    return TableView(
        kind=table.kind,
        number=table.number,
        title=table.title,
        unit=table.unit,
        entity=table.entity,
        entity_label=table.entity_label,
        notes=table.notes,
        no_activity=table.no_activity,
        blocks=blocks,
        lines=lines,
        flagged=flagged,
    )


def severity_name(severity: str) -> str:
    return SEVERITY_NAMES.get(severity, severity)


def where(finding: dict[str, Any]) -> str:
    """'第3页第121行' style location of a finding."""
    places = []
    for ref in finding["cells"][:4]:
        if ref.get("line"):
            places.append(f"第{ref['page']}页第{ref['line']}行" if ref.get("page") else f"第{ref['line']}行")
    source = finding.get("source") or {}
    if not places and source.get("line"):
        places.append(f"第{source['page']}页第{source['line']}行" if source.get("page") else f"第{source['line']}行")
    more = "等" if len(finding["cells"]) > 4 else ""
    return "、".join(dict.fromkeys(places)) + more


def money(value: Any) -> str:
    """A Decimal with thousands separators and its own decimals; '' for None."""
    return "" if value is None else f"{value:,}"
