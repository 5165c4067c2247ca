"""A format-neutral document: parts of blocks (headings, paragraphs, tables, charts).

Every renderer walks the same tree, so every format prints the same words and figures.
A table block is the table as published: heading line (entity left, unit right), a
header of merged cells with the 栏次 row, body rows whose first cells are labels
(subject code and name, indented by level) and whose value cells keep their printed
text, and the notes under the table.
"""

from __future__ import annotations

from dataclasses import dataclass, field


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
