"""A format-neutral document: parts of blocks (headings, paragraphs, tables, charts).

Every renderer walks the same tree, so every format prints the same words and figures.
A table block is the table as published: heading line (entity left, unit right), a
header of merged cells with the 栏次 row, body rows whose first cells are labels
(subject code and name, indented by level) and whose value cells keep their printed
text, and the notes under the table.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import CellRef


@dataclass(frozen=True, slots=True)
class Heading:
    text: str
    level: int  # 1 part heading, 2 section (一、), 3 sub-section (（一）)


@dataclass(frozen=True, slots=True)
class Text:
    """A paragraph; ``indent`` is the first-line indent of body text."""

    text: str
    indent: bool = True


@dataclass(frozen=True, slots=True)
class GridCell:
    row: int  # 0-based within header or body
    col: int
    text: str
    rowspan: int = 1
    colspan: int = 1
    numeric: bool = False  # an amount (right-aligned; written as a number in XLSX)
    level: int = 0  # indentation of a subject name (0 class or total, 1 款, 2 项)
    bold: bool = False
    ref: CellRef | None = None  # the model cell an amount prints (table, row, column, name), for marking it
    ocr: str = ""  # 'ocr': the amount was recognised on a page image; 'uncertain': with doubt


def grid(cells: Sequence[GridCell], rows: int, ncols: int) -> list[list[GridCell | None]]:
    """The cells of each grid row left to right, as a row of a table prints them: a cell
    where one starts, None where none starts and no span covers, nothing where a span does."""
    covered = {(r, c) for cell in cells for r in range(cell.row, cell.row + cell.rowspan) for c in range(cell.col, cell.col + cell.colspan)}
    starts = {(cell.row, cell.col): cell for cell in cells}
    return [[starts.get((r, c)) for c in range(ncols) if (r, c) in starts or (r, c) not in covered] for r in range(rows)]


@dataclass(frozen=True, slots=True)
class TableBlock:
    kind: str  # 'T1'…'T9'
    number: str  # '表1'
    title: str
    heading_left: str  # '单位：江门市医疗保障局（本级）'
    heading_right: str  # '单位：万元'
    ncols: int
    widths: tuple[float, ...]  # relative column widths
    header: tuple[GridCell, ...]
    header_rows: int
    body: tuple[tuple[GridCell, ...], ...]
    notes: tuple[str, ...]
    grammar: str  # 'coded' | 'two_sided' | 'economic' | 'single'


@dataclass(frozen=True, slots=True)
class Chart:
    """An SVG chart drawn by code; ``items`` keep the data for formats without SVG."""

    title: str
    svg: str
    items: tuple[tuple[str, str], ...]  # (label, value as printed)


@dataclass(frozen=True, slots=True)
class PageBreak:
    pass


Block = Heading | Text | TableBlock | Chart | PageBreak


@dataclass(frozen=True, slots=True)
class Section:
    """One of the four parts: its heading and blocks."""

    kind: str  # 'overview' | 'tables' | 'narrative' | 'glossary'
    heading: str
    blocks: tuple[Block, ...]


@dataclass(frozen=True, slots=True)
class Document:
    title: str
    entity: str
    year: int | None
    sections: tuple[Section, ...]
    placeholders: tuple[str, ...] = field(default=())  # what still has to be written

    def tables(self) -> list[TableBlock]:
        return [b for s in self.sections for b in s.blocks if isinstance(b, TableBlock)]
