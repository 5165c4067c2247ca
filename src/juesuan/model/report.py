"""Immutable typed records of a whole 决算 report.

Every amount is a Decimal built from the text as printed, so its exponent keeps the
number of decimals that were printed (``Decimal("836.2")`` differs from
``Decimal("836.20")``); the rounding rules of the checks depend on it.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field, replace
from decimal import Decimal

# Canonical table ids (DOMAIN.md §2), decided by content, never by printed number.
TABLE_KINDS: tuple[str, ...] = ("T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9")

TABLE_NAMES: dict[str, str] = {
    "T1": "收入支出决算总表",
    "T2": "收入决算表",
    "T3": "支出决算表",
    "T4": "财政拨款收入支出决算总表",
    "T5": "一般公共预算财政拨款支出决算表",
    "T6": "一般公共预算财政拨款基本支出决算明细表",
    "T7": "政府性基金预算财政拨款收入支出决算表",
    "T8": "国有资本经营预算财政拨款支出决算表",
    "T9": "财政拨款“三公”经费支出决算表",
}

# Kinds of the four parts of a report, in the official order.
PART_KINDS: tuple[str, ...] = ("overview", "tables", "narrative", "glossary")
PART_NAMES: dict[str, str] = {
    "overview": "概况",
    "tables": "决算表",
    "narrative": "情况说明",
    "glossary": "名词解释",
}


def decimals(amount: Decimal) -> int:
    """Number of decimals the amount was printed with (0 for integers)."""
    exponent = amount.as_tuple().exponent
    return -exponent if isinstance(exponent, int) and exponent < 0 else 0


def plain(amount: Decimal) -> str:
    """The amount as printed, without thousands separators or exponent notation."""
    return format(amount, "f")


@dataclass(frozen=True, slots=True)
class Source:
    """Where something was printed: page index (1-based, in reading order) and line.

    ``line`` is the 1-based line of the input text; ``bbox`` (x0, top, x1, bottom in
    PDF points) is set by readers that know positions.
    """

    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None


# Fields a reader sets only for some inputs: left out of the JSON while at their default,
# so that the model of a text-layer report is what it was before they existed.
OPTIONAL = {"optional": True}


@dataclass(frozen=True, slots=True)
class Cell:
    """One printed amount of a table.

    ``origin`` is 'ocr' for an amount recognised on a page image ('' read from text);
    ``confidence`` (0–1) is then the recognition's score, and ``uncertain`` says the
    reader doubts the figure (a low score, or a shape its column does not print): an
    identity that breaks on it may be a misread, not the report's mistake.
    """

    column: str  # the key of its Column
    amount: Decimal
    text: str  # as printed, e.g. '1,956.92'
    source: Source
    origin: str = field(default="", metadata=OPTIONAL)
    confidence: float | None = field(default=None, metadata=OPTIONAL)
    uncertain: bool = field(default=False, metadata=OPTIONAL)

    @property
    def decimals(self) -> int:
        return decimals(self.amount)


@dataclass(frozen=True, slots=True)
class Column:
    """A value column. ``key`` is the printed header with its parents joined by '/'."""

    key: str
    role: str  # semantic id shared by all layouts of the table, e.g. 'basic'
    number: str = ""  # 栏次 as printed, '' when none
    side: str = ""  # for two-sided tables: 'income' | 'expenditure' | 'personnel' | 'public'


@dataclass(frozen=True, slots=True)
class Row:
    """A table row.

    ``key`` is the subject code for coded rows, the 行次 for 表1/表4, '' otherwise.
    ``code`` is the subject code the row stands for when known (for 表1/表4 类 rows it
    comes from the catalog); ``role`` names rows that are not subjects
    ('total', 'income_total', 'personnel_total', …).
    """

    key: str
    name: str
    cells: tuple[Cell, ...]
    source: Source
    code: str = ""
    role: str = ""
    side: str = ""

    def cell(self, column: str) -> Cell | None:
        for cell in self.cells:
            if cell.column == column:
                return cell
        return None


@dataclass(frozen=True, slots=True)
class Table:
    kind: str  # 'T1'..'T9', '' when not recognised
    number: str  # as printed: '表1'
    title: str  # as printed
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    source: Source  # the title line
    end_line: int  # last source line that belongs to the table
    unit: str = ""  # '万元' | '元' from the table's own header
    entity: str = ""  # department/unit named in the table's header
    entity_label: str = ""  # '部门' | '单位' as printed before the name
    notes: tuple[str, ...] = ()
    no_activity: bool = False  # carries 本表本年度无发生额 (or the profile's equivalent)
    # Every column's printed header path, label columns included, left to right
    # ('项目/功能分类科目编码/类', '收入预算/合计'); () when the header was not read as a tree.
    header: tuple[str, ...] = ()
    # What the reader did not understand in this table, in Chinese; a table with any is
    # incomplete and no identity involving it may raise an error (fail closed).
    unread: tuple[str, ...] = ()
    caption: str = ""  # a heading printed above the title ('上海市××局2024年度部门决算表')

    @property
    def complete(self) -> bool:
        return not self.unread

    def column(self, role: str) -> Column | None:
        for column in self.columns:
            if column.role == role:
                return column
        return None

    def row(self, key: str) -> Row | None:
        for row in self.rows:
            if row.key == key:
                return row
        return None


@dataclass(frozen=True, slots=True)
class LineSpan:
    """Maps a paragraph's text back to its source: text[offset:] begins on this line."""

    offset: int
    page: int | None
    line: int | None  # None for formats without lines (PDF, XLSX, HTML)


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    spans: tuple[LineSpan, ...]
    origin: str = field(default="", metadata=OPTIONAL)  # 'ocr' when recognised on a page image
    uncertain: tuple[str, ...] = field(default=(), metadata=OPTIONAL)  # figures of the text recognised with doubt, as printed

    def source_at(self, offset: int) -> Source:
        """The source line of the character at ``offset``."""
        found = self.spans[0]
        for span in self.spans:
            if span.offset > offset:
                break
            found = span
        return Source(page=found.page, line=found.line)


@dataclass(frozen=True, slots=True)
class GlossaryEntry:
    term: str
    definition: str
    source: Source


@dataclass(frozen=True, slots=True)
class Part:
    """One of the four parts, as headed in the document."""

    kind: str  # one of PART_KINDS
    heading: str
    source: Source


@dataclass(frozen=True, slots=True)
class Page:
    index: int  # 1-based, in reading order
    first_line: int
    label: str = ""  # printed page number, e.g. '8' from '- 8 -'


@dataclass(frozen=True, slots=True)
class Unrecognized:
    """Something found in the input that the reader did not understand.

    ``code`` is stable ('table-unknown', 'row-unparsed', 'truncated', …);
    ``message`` is Chinese and says what and where.
    """

    code: str
    message: str
    source: Source
    text: str = ""


@dataclass(frozen=True, slots=True)
class Metadata:
    entity: str  # the department or unit, e.g. '江门市医疗保障局（本级）'
    scope: str  # '部门' (consolidated) | '单位' (a single unit, e.g. 本级)
    year: int | None
    unit: str  # '万元' | '元'
    consolidated_units: tuple[str, ...] = ()  # units named in 决算单位构成
    consolidated_count: int | None = None  # the count stated there
    source_name: str = ""
    source_format: str = ""  # 'text' | 'pdf' | 'xlsx' | 'html'
    encoding: str = ""


@dataclass(frozen=True, slots=True)
class ProfileChoice:
    """Which report profile read the report, and why."""

    id: str
    name: str
    family: str  # 'juesuan' (决算) | 'yusuan' (预算)
    score: int = 0
    evidence: tuple[str, ...] = ()  # what was found that the profile expects, in Chinese
    forced: bool = False  # chosen by the user (--profile), not by content
    runner_up: str = ""  # the next best profile of the family and its score
    source: str = ""  # the file of a profile that does not ship with juesuan (a user's)


@dataclass(frozen=True, slots=True)
class Report:
    metadata: Metadata
    parts: tuple[Part, ...]
    overview: tuple[Paragraph, ...]
    tables: tuple[Table, ...]
    narrative: tuple[Paragraph, ...]
    glossary: tuple[GlossaryEntry, ...]
    pages: tuple[Page, ...]
    unrecognized: tuple[Unrecognized, ...]
    profile: ProfileChoice | None = None

    def table(self, kind: str) -> Table | None:
        for table in self.tables:
            if table.kind == kind:
                return table
        return None


def map_cells(report: Report, change: Callable[[Table, Row, Cell], Cell]) -> Report:
    """A copy of the report with every cell passed through ``change`` (in reading order)."""
    tables = tuple(
        replace(
            table,
            rows=tuple(replace(row, cells=tuple(change(table, row, cell) for cell in row.cells)) for row in table.rows),
        )
        for table in report.tables
    )
    return replace(report, tables=tables)
