"""What the report page shows: the tables as published (``render.tables``, the view the
rendered documents print) with each flagged cell marked. Pure data for the templates."""

from __future__ import annotations

import hashlib
from dataclasses import dataclass
from typing import Any

from ..checks.output import where
from ..model import SEVERITY_NAMES, CellRef, Table
from ..profiles import Profile
from ..render.audit import Flag, cell_key
from ..render.document import GridCell, grid
from ..render.tables import table_block

__all__ = ["Slot", "TableView", "cell_id", "money", "ref_id", "severity_name", "table_view", "where"]


def cell_id(ref: CellRef) -> str:
    """The DOM id of a cell (rows without a key, 合计, told apart by name)."""
    return "c-" + hashlib.sha1("\x1f".join(cell_key(ref)).encode("utf-8")).hexdigest()[:12]


ref_id = cell_id  # the templates' name for it


@dataclass(frozen=True, slots=True)
class Slot:
    """One place of a printed line: a label or an amount (with its DOM id and the
    findings at it), or nothing."""

    cell: GridCell | None
    id: str = ""
    flag: Flag | None = None

    @property
    def key(self) -> bool:
        """A code or 行次 rather than a name."""
        return self.cell is not None and (self.cell.numeric or self.cell.text.isdigit())


@dataclass(frozen=True, slots=True)
class TableView:
    table: Table
    number: str
    title: str
    header: list[list[GridCell | None]]
    lines: list[list[Slot]]
    flagged: int  # amounts with a finding


def table_view(table: Table, cell_flags: dict[tuple[str, str, str, str], Flag], profile: Profile | None = None) -> TableView:
    block = table_block(table, profile)
    lines = []
    flagged = 0
    for cells in block.body:
        line = []
        for cell in grid(cells, 1, block.ncols)[0]:
            if cell is None or cell.ref is None:
                line.append(Slot(cell))
                continue
            flag = cell_flags.get(cell_key(cell.ref))
            flagged += flag is not None
            line.append(Slot(cell, cell_id(cell.ref), flag))
        lines.append(line)
    return TableView(table, block.number, block.title, grid(block.header, block.header_rows, block.ncols), lines, flagged)


def severity_name(severity: str) -> str:
    return SEVERITY_NAMES.get(severity, severity)


def money(value: Any) -> str:
    """A Decimal with thousands separators and its own decimals; '' for None."""
    return "" if value is None else f"{value:,}"
