"""Typed report profiles: what the reports of one template look like.

A profile is data loaded from a TOML file (``profiles.load``); this module holds the
typed form every stage reads. Labels are compared in a normal form (``norm``): no
whitespace, full-width brackets, curly quotes, so that a header printed as
``因 公 出 国 (境) 费`` matches ``因公出国（境）费``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from typing import TYPE_CHECKING

from .narrative import Narrative

if TYPE_CHECKING:
    from ..model import Column

SHAPES = ("coded", "two_sided", "economic", "single", "generic")
FAMILIES = ("juesuan", "yusuan")
PART_KINDS = ("overview", "tables", "narrative", "glossary")

_SPACE = re.compile(r"\s+")
_FORMS = str.maketrans({"(": "（", ")": "）", '"': "“", "＂": "“", "‘": "“", "’": "”", "〝": "“", "〞": "”", ":": "：", "．": "."})


@lru_cache(maxsize=16384)  # the readers ask for the same few thousand labels and cell texts again and again
def norm(text: str) -> str:
    """A label in normal form: whitespace removed, brackets, quotes and colons full-width."""
    text = _SPACE.sub("", text).translate(_FORMS)
    # straight quotes became opening quotes: pair them again
    return re.sub(r"“([^“”]*)“", r"“\1”", text)


def labels(path: str) -> tuple[str, ...]:
    """'预算数/公务接待费' → ('预算数', '公务接待费'), each in normal form."""
    return tuple(norm(part) for part in path.split("/") if norm(part))


@dataclass(frozen=True, slots=True)
class ColumnTerm:
    """A column of the vocabulary: printed labels (all must occur in a header path) → role."""

    labels: tuple[str, ...]
    role: str


@dataclass(frozen=True, slots=True)
class Split:
    """Rows printed after a row of role ``after`` that split it (by fund)."""

    after: str
    side: str
    rows: dict[str, str]


@dataclass(frozen=True, slots=True)
class Printed:
    """How the template prints a table, for rendering it from data: the label columns
    (under each side's heading), whether a 栏次 row is printed, and each side's rows in
    order — a name, ``BLANK`` (an empty line), ``CLASSES`` (the 功能分类 类 listed in
    ``classes``) or ``SUBJECTS`` (the 经济分类 subjects of the side's 类 in ``economic``)."""

    labels: tuple[str, ...] = ()
    column_numbers: bool = False
    row_numbers: bool = False  # 行次 printed, counted down the first side and on
    rows: dict[str, tuple[str, ...]] = field(default_factory=dict)  # side ('' single-sided) → entries
    classes: tuple[str, ...] = ()
    economic: dict[str, tuple[str, ...]] = field(default_factory=dict)  # side → 经济分类 类


BLANK, CLASSES, SUBJECTS = "@blank", "@classes", "@subjects"


@dataclass(frozen=True, slots=True)
class TableSpec:
    kind: str  # canonical id of the family: 'T1'…'T9'
    name: str
    titles: tuple[str, ...]  # title endings, normal form
    shape: str
    layouts: tuple[tuple[str, ...], ...]  # printed header paths of the value columns, per layout
    columns: tuple[ColumnTerm, ...]
    sides: dict[str, str] = field(default_factory=dict)  # side heading label → side
    groups: tuple[str, ...] = ()  # sides of halves printed without a side heading
    rows: dict[str, dict[str, str]] = field(default_factory=dict)  # side ('' single) → name → role
    splits: tuple[Split, ...] = ()
    classes: str = ""  # the side whose other rows are 功能分类 类 rows (表1/表4)
    personnel_classes: tuple[str, ...] = ()
    printed: Printed | None = None  # the template's layout, for rendering

    def column_role(self, path: tuple[str, ...]) -> str:
        """The role of a value column printed under ``path``: the
        vocabulary term whose labels all occur in the path, the most specific one; ''
        when none or when two equally specific terms disagree."""
        printed = {norm(label) for label in path}
        best: list[ColumnTerm] = []
        for term in self.columns:
            if all(label in printed for label in term.labels):
                if not best or len(term.labels) > len(best[0].labels):
                    best = [term]
                elif len(term.labels) == len(best[0].labels):
                    best.append(term)
        roles = {term.role for term in best}
        return roles.pop() if len(roles) == 1 else ""

    def side_of(self, path: tuple[str, ...]) -> str:
        """The side a column belongs to: its deepest side heading (支出/功能分类/金额 is
        on the 功能分类 side of a three-sided table)."""
        for label in reversed(path):
            side = self.sides.get(norm(label))
            if side:
                return side
        return ""

    def row_role(self, side: str, name: str) -> str:
        return self.rows.get(side, {}).get(name, "")

    def side_label(self, side: str) -> str:
        """The heading a side is printed under (收入, 人员经费)."""
        return next((label for label, value in self.sides.items() if value == side), "")


@dataclass(frozen=True, slots=True)
class Evidence:
    what: str  # Chinese, shown as the reason for the choice
    weight: int
    text: str = ""
    pattern: re.Pattern[str] | None = None


@dataclass(frozen=True, slots=True)
class Part:
    kind: str
    keywords: tuple[str, ...]
    resumes: bool = False  # may be headed again after a later part (上海预算: 其他相关情况说明 after the tables)


@dataclass(frozen=True, slots=True)
class Profile:
    id: str
    family: str
    name: str
    source: str  # the file it was loaded from
    tables: dict[str, TableSpec]
    parts: tuple[Part, ...]
    region: str = ""
    years: tuple[int, int] | None = None
    abstract: bool = False
    extends: str = ""
    rules: str = ""
    evidence: tuple[Evidence, ...] = ()
    contents: tuple[str, ...] = ()
    no_activity: tuple[str, ...] = ()
    forms: tuple[str, ...] = ()  # words of the titles of appendix forms (绩效目标表): read, not checked
    notes: tuple[str, ...] = ()
    units: tuple[str, ...] = ()
    topics: tuple[tuple[str, tuple[str, ...]], ...] = ()  # what the 情况说明 must cover, and words that show it does
    glossary: tuple[str, ...] = ()  # the template's 名词解释 terms
    code_labels: tuple[str, ...] = ()
    name_labels: tuple[str, ...] = ()
    number_labels: tuple[str, ...] = ()
    column_number_labels: tuple[str, ...] = ()
    totals: tuple[str, ...] = ()
    of_which: tuple[str, ...] = ()
    other_titles: tuple[str, ...] = ()
    title_endings: tuple[str, ...] = ()
    narrative: Narrative = field(default_factory=Narrative)  # the phrase table, read by claims and checks

    def table(self, kind: str) -> TableSpec | None:
        return self.tables.get(kind)

    def part_kind(self, heading: str) -> str:
        part = self.part_of(heading)
        return part.kind if part is not None else ""

    def part_of(self, heading: str) -> Part | None:
        """The first part whose keywords the heading contains."""
        text = norm(heading)
        return next((part for part in self.parts if any(keyword in text for keyword in part.keywords)), None)

    def label_kind(self, label: str) -> str:
        """'code' | 'name' | 'number' | 'column_numbers' for a label-column header, else ''."""
        label = norm(label)
        for kind, words in (
            ("code", self.code_labels),
            ("name", self.name_labels),
            ("number", self.number_labels),
            ("column_numbers", self.column_number_labels),
        ):
            if label in words:
                return kind
        return ""


def layout_columns(spec: TableSpec, index: int = 0) -> tuple[Column, ...]:
    """The model columns of one of the table's layouts (render, templates, fixtures)."""
    from ..model import Column

    out = []
    for path in spec.layouts[index]:
        parts = labels(path)
        out.append(Column(key=path, role=spec.column_role(parts), side=spec.side_of(parts)))
    return tuple(out)
