"""Extracted text of one table to a draft table, by counting tokens into columns.

Text extracted from a PDF keeps no positions, so the header cannot be read as a
tree: its labels are matched against the profile's layouts instead (a layout fits
when each label occurs as often as the layout prints it, in order, and the column
count equals the printed 栏次 count; the most specific fit wins). Body lines then go
through the grammar of the table's shape, which counts values into the columns and
never guesses: a row whose values do not fill the columns is reported, not placed.

- ``coded``: subject code, name, one value per column; names and codes may wrap.
- ``two_sided``: 表1/表4, an income and an expenditure group on one line.
- ``economic``: 表6, two or more (code, name, amount) groups per line.
- ``single``: 表9, one row of values.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from typing import Protocol

from ..model import Source, Unrecognized
from ..profiles import Profile, TableSpec, labels, norm
from ..profiles.rows import bare
from . import tokens
from .draft import Draft, DraftColumn, DraftRow
from .items import TextLine


class CatalogLike(Protocol):  # what the table reader needs of juesuan.catalog.Catalog
    def completes(self, code: str, partial: str, kind: str = "functional") -> bool: ...
    def names_match(self, code: str, printed: str, kind: str = "functional") -> bool: ...
    def functional_class_by_name(self, name: str): ...


def _source(line: TextLine) -> Source:
    return Source(page=line.page, line=line.line)


# --- the header ----------------------------------------------------------------------


def _required(layout: tuple[tuple[str, ...], ...]) -> Counter[str]:
    """How many distinct header cells print each label."""
    cells: set[tuple[str, ...]] = set()
    for path in layout:
        cells.update(path[: i + 1] for i in range(len(path)))
    return Counter(cell[-1] for cell in cells)


def _fits(layout: tuple[tuple[str, ...], ...], header: str, count: int | None) -> bool:
    if count is not None and count != len(layout):
        return False
    if any(header.count(label) < needed for label, needed in _required(layout).items()):
        return False
    tops = list(dict.fromkeys(path[0] for path in layout))
    positions = [header.find(top) for top in tops]
    return all(a < b for a, b in zip(positions, positions[1:]))


def match_layout(spec: TableSpec, header_text: str, count: int | None) -> tuple[tuple[str, ...], ...] | None:
    """The profile layout of the table that the printed header fits, as label paths."""
    header = norm(header_text)
    layouts = [tuple(labels(path) for path in layout) for layout in spec.layouts]
    fitting = [layout for layout in layouts if _fits(layout, header, count)]
    if not fitting:
        return None
    return max(fitting, key=lambda layout: sum(len(label) * n for label, n in _required(layout).items()))


# --- grammars ------------------------------------------------------------------------


class Grammar:
    def __init__(self, draft: Draft, spec: TableSpec, catalog: CatalogLike | None) -> None:
        self.draft = draft
        self.spec = spec
        self.catalog = catalog
        self.rows: list[DraftRow] = []

    def feed(self, line: TextLine) -> None:
        raise NotImplementedError

    def wants_text(self, text: str) -> bool:
        """True if a text-only line is the continuation of a wrapped name here."""
        return False

    def finish(self) -> bool:
        """Close the table; True if it ended inside an unfinished row."""
        return False

    def notice(self, code: str, message: str, line: TextLine) -> None:
        self.draft.problem(code, message, _source(line), line.text)

    def _completes(self, code: str, name: str, kind: str = "functional") -> bool:
        return bool(code) and self.catalog is not None and self.catalog.completes(code, name, kind)

    def _complete_name(self, code: str, name: str, kind: str = "functional") -> bool:
        return self.catalog is not None and self.catalog.names_match(code, name, kind)


def _values(values: list[tuple[str, TextLine]]) -> list[tuple[str, Source] | None]:
    return [None if text in tokens.BLANKS else (text, _source(line)) for text, line in values]


@dataclass
class _Pending:
    code: str
    name: str
    line: TextLine
    values: list[tuple[str, TextLine]] = field(default_factory=list)


class CodedGrammar(Grammar):
    """Rows of 功能分类 subjects: ``[code] [name] values…``, wrapping allowed."""

    def __init__(self, draft: Draft, spec: TableSpec, catalog: CatalogLike | None) -> None:
        super().__init__(draft, spec, catalog)
        self.pending: _Pending | None = None
        self.width = len(draft.columns)

    def wants_text(self, text: str) -> bool:
        pending = self.pending
        if pending is None or pending.values:
            return False
        if pending.code and not pending.name:
            return True
        return self._completes(pending.code, pending.name + text)

    def feed(self, line: TextLine) -> None:
        parts = tokens.tokens(line.text)
        count = tokens.trailing_values(parts)
        head, values = parts[: len(parts) - count], parts[len(parts) - count :]
        code = ""
        if head and tokens.is_code(head[0]) and len(head) > 1:
            code = head.pop(0)
        elif not head and values and tokens.is_code(values[0]) and len(values) in (1, self.width + 1):
            code = values.pop(0)  # a code alone on its line, or before its values
        elif head == parts[:1] and len(head) == 1 and tokens.is_code(head[0]):
            code = head.pop(0)
        name = "".join(head)

        if code:
            self._close()
            self.pending = _Pending(code=code, name=name, line=line)
        elif name:
            if self.pending is not None and not self.pending.values:
                self.pending.name += name
            elif not values and self._extends_last(name):
                return
            else:
                self._close()
                self.pending = _Pending(code="", name=name, line=line)
        if not values:
            return
        if self.pending is None:
            self.pending = _Pending(code="", name="", line=line)
        self.pending.values.extend((value, line) for value in values)
        if len(self.pending.values) >= self.width:
            self._emit()

    def _extends_last(self, fragment: str) -> bool:
        """A name that wrapped after its values: append it to the row above."""
        if not self.rows:
            return False
        last = self.rows[-1]
        if not last.code or self._complete_name(last.code, last.name):
            return False
        if not self._completes(last.code, last.name + fragment):
            return False
        last.name += fragment
        return True

    def _emit(self) -> None:
        pending, self.pending = self.pending, None
        assert pending is not None
        if len(pending.values) > self.width:
            self.notice(
                "row-overfull",
                f"{self.draft.label} 第{pending.line.line}行 {pending.code or pending.name}：有 {len(pending.values)} 个数，"
                f"本表只有 {self.width} 栏，未读入",
                pending.line,
            )
            return
        self.rows.append(DraftRow("", pending.code, pending.name, "", _values(pending.values), _source(pending.line)))

    def _close(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        what = " ".join(filter(None, (pending.code, pending.name))) or "（无名行）"
        if pending.values:
            self.notice(
                "row-incomplete",
                f"{self.draft.label} 第{pending.line.line}行 {what}：只有 {len(pending.values)} 个数，本表有 {self.width} 栏，未读入",
                pending.line,
            )
        else:
            self.notice("row-unparsed", f"{self.draft.label} 第{pending.line.line}行「{what}」不是可识别的表行", pending.line)

    def finish(self) -> bool:
        unfinished = self.pending is not None and bool(self.pending.code or self.pending.values)
        self._close()
        return unfinished


@dataclass
class _Side:
    name: str
    number: str
    values: list[str]


class TwoSidedGrammar(Grammar):
    """表1/表4: ``income-name 行次 values  expenditure-name 行次 values`` per line."""

    def __init__(self, draft: Draft, spec: TableSpec, catalog: CatalogLike | None) -> None:
        super().__init__(draft, spec, catalog)
        sides = list(dict.fromkeys(c.side for c in draft.columns))
        self.left_side, self.right_side = (sides + ["", ""])[:2]
        self.left = draft.side_columns(self.left_side)
        self.right = draft.side_columns(self.right_side)
        self.prefix = ""
        self.right_numbers: set[int] = set()

    def _groups(self, parts: list[str]) -> list[_Side]:
        groups: list[_Side] = []
        i = 0
        while i < len(parts):
            names: list[str] = []
            while i < len(parts) and not tokens.is_value(parts[i]):
                names.append(parts[i])
                i += 1
            number = ""
            if i < len(parts) and tokens.is_integer(parts[i]):
                number = parts[i]
                i += 1
            width = len(self.left) if not groups else len(self.right)
            values: list[str] = []
            while i < len(parts) and tokens.is_value(parts[i]) and len(values) < width:
                values.append(parts[i])
                i += 1
            groups.append(_Side("".join(names), number, values))
        return groups

    def _is_right(self, side: _Side) -> bool:
        if side.number.isdigit() and self.right_numbers and int(side.number) >= min(self.right_numbers):
            return True
        name = bare(side.name)
        if self.spec.row_role(self.left_side, name):
            return False
        if self.spec.row_role(self.right_side, name):
            return True
        return self.catalog is not None and bool(name) and self.catalog.functional_class_by_name(name) is not None

    def feed(self, line: TextLine) -> None:
        parts = tokens.tokens(line.text)
        groups = self._groups(parts)
        if all(not g.number and not g.values for g in groups):
            self.prefix += "".join(g.name for g in groups)  # a name wrapped before its row
            return
        if len(groups) > 2 or (len(groups) == 2 and groups[1].values and len(groups[1].values) < len(self.right)):
            self.notice("row-unparsed", f"{self.draft.label} 第{line.line}行无法分成收入、支出两栏，未读入", line)
            return
        if self.prefix:
            target = next((g for g in groups if g.name), groups[0])
            target.name = self.prefix + target.name
            self.prefix = ""
        if len(groups) == 2:
            left, right = groups
        elif self._is_right(groups[0]):
            left, right = None, groups[0]
        else:
            left, right = groups[0], None
        if left is not None and (left.name or left.number or left.values):
            self._row(left, self.left_side, self.left, line)
        if right is not None and (right.name or right.number or right.values):
            if len(right.values) not in (0, len(self.right)):
                self.notice("row-incomplete", f"{self.draft.label} 第{line.line}行支出栏「{right.name}」数值个数不符，未读入", line)
                return
            if right.number.isdigit():
                self.right_numbers.add(int(right.number))
            self._row(right, self.right_side, self.right, line)

    def _row(self, side: _Side, name: str, columns: list[DraftColumn], line: TextLine) -> None:
        values = _values([(value, line) for value in side.values])
        values += [None] * (len(columns) - len(values))
        self.rows.append(DraftRow(name, "", side.name, side.number, values, _source(line)))


@dataclass
class _Group:
    code: str
    name: str
    value: str | None


class EconomicGrammar(Grammar):
    """表6: (经济分类 code, name, amount) groups, two or three to a line."""

    def __init__(self, draft: Draft, spec: TableSpec, catalog: CatalogLike | None) -> None:
        super().__init__(draft, spec, catalog)
        self.fragment = ""
        self.fragment_line: TextLine | None = None
        self.totals = {name: side for side, names in spec.rows.items() for name in names}

    def _groups(self, parts: list[str]) -> list[_Group]:
        groups: list[_Group] = []
        i = 0
        while i < len(parts):
            code = ""
            if tokens.is_code(parts[i]) and i + 1 < len(parts) and not tokens.is_value(parts[i + 1]):
                code = parts[i]
                i += 1
            names: list[str] = []
            while i < len(parts) and not tokens.is_value(parts[i]):
                names.append(parts[i])
                i += 1
            value = None
            if i < len(parts):
                value = parts[i]
                i += 1
            groups.append(_Group(code, "".join(names), value))
        return groups

    def wants_text(self, text: str) -> bool:
        return bool(self.rows) and self._extends(self.rows[-1], text)

    def _extends(self, row: DraftRow, fragment: str) -> bool:
        return (
            bool(row.code)
            and not self._complete_name(row.code, row.name, "economic")
            and self._completes(row.code, row.name + fragment, "economic")
        )

    def feed(self, line: TextLine) -> None:
        groups = self._groups(tokens.tokens(line.text))
        if all(group.value is None and not group.code for group in groups):
            text = "".join(group.name for group in groups)
            if self.rows and self._extends(self.rows[-1], text):
                self.rows[-1].name += text
            else:
                self.fragment, self.fragment_line = self.fragment + text, line
            return
        for group in groups:
            if self.fragment and (group.code or group.name):
                if not group.code or self._completes(group.code, self.fragment + group.name, "economic"):
                    group.name = self.fragment + group.name
                    self.fragment = ""
            self._row(group, line)
        if self.fragment and self.fragment_line is not None:
            self.notice(
                "row-unparsed", f"{self.draft.label} 第{self.fragment_line.line}行「{self.fragment}」不属于任何科目", self.fragment_line
            )
            self.fragment = ""

    def _row(self, group: _Group, line: TextLine) -> None:
        if group.value is None or not tokens.is_value(group.value):
            what = " ".join(filter(None, (group.code, group.name)))
            self.notice("row-incomplete", f"{self.draft.label} 第{line.line}行「{what}」没有金额，未读入", line)
            return
        if group.code:
            side = self.spec.groups[0] if group.code[:3] in self.spec.personnel_classes else self.spec.groups[-1]
        elif bare(group.name) in self.totals:
            side = self.totals[bare(group.name)]
        else:
            self.notice("row-unparsed", f"{self.draft.label} 第{line.line}行「{group.name}」既无科目编码也不是合计行，未读入", line)
            return
        self.rows.append(DraftRow(side, group.code, group.name, "", _values([(group.value, line)]), _source(line)))

    def finish(self) -> bool:
        if self.fragment and self.fragment_line is not None:
            self.notice(
                "row-unparsed", f"{self.draft.label} 第{self.fragment_line.line}行「{self.fragment}」不属于任何科目", self.fragment_line
            )
        return False


class SingleGrammar(Grammar):
    """表9: one row of values (optionally headed by a name), possibly wrapped."""

    def __init__(self, draft: Draft, spec: TableSpec, catalog: CatalogLike | None) -> None:
        super().__init__(draft, spec, catalog)
        self.width = len(draft.columns)
        self.pending: _Pending | None = None

    def feed(self, line: TextLine) -> None:
        parts = tokens.tokens(line.text)
        count = tokens.trailing_values(parts)
        name, values = "".join(parts[: len(parts) - count]), parts[len(parts) - count :]
        if self.pending is None:
            self.pending = _Pending(code="", name=name, line=line)
        elif name:
            self.pending.name += name
        self.pending.values.extend((value, line) for value in values)
        if len(self.pending.values) >= self.width:
            pending, self.pending = self.pending, None
            if len(pending.values) > self.width:
                self.notice(
                    "row-overfull",
                    f"{self.draft.label} 第{pending.line.line}行有 {len(pending.values)} 个数，本表只有 {self.width} 栏，未读入",
                    pending.line,
                )
                return
            self.rows.append(DraftRow("", "", pending.name, "", _values(pending.values), _source(pending.line)))

    def finish(self) -> bool:
        pending, self.pending = self.pending, None
        if pending is None:
            return False
        if pending.values:
            self.notice(
                "row-incomplete",
                f"{self.draft.label} 第{pending.line.line}行只有 {len(pending.values)} 个数，本表有 {self.width} 栏，未读入",
                pending.line,
            )
            return True
        self.notice("row-unparsed", f"{self.draft.label} 第{pending.line.line}行「{pending.name}」不是可识别的表行", pending.line)
        return False


GRAMMARS: dict[str, type[Grammar]] = {
    "coded": CodedGrammar,
    "two_sided": TwoSidedGrammar,
    "economic": EconomicGrammar,
    "single": SingleGrammar,
}


# --- a table block -------------------------------------------------------------------


def _split_header(lines: list[TextLine], profile: Profile) -> tuple[list[TextLine], list[int] | None, int]:
    """(header lines, 栏次 numbers, index of the first body line)."""
    header: list[TextLine] = []
    for i, line in enumerate(lines):
        numbers = tokens.column_numbers(line.text)
        if numbers is not None:
            return header, numbers, i + 1
        parts = tokens.tokens(line.text)
        if parts and (tokens.trailing_values(parts) or tokens.is_code(parts[0])):
            return header, None, i
        if is_note(line.text, profile) or no_activity(line.text, profile):
            return header, None, i
        header.append(line)
    return header, None, len(lines)


def _first_row_width(lines: list[TextLine]) -> int:
    for line in lines:
        parts = tokens.tokens(line.text)
        count = tokens.trailing_values(parts)
        if count:
            return count - (1 if count == len(parts) and tokens.is_code(parts[0]) else 0)
    return 0


def is_note(text: str, profile: Profile) -> bool:
    return bool(_note_pattern(profile.notes).match(text.strip()))


@lru_cache(maxsize=64)
def _note_pattern(notes: tuple[str, ...]) -> re.Pattern[str]:
    """A note's opening: one of the profile's note words and a colon, or 注 and a number."""
    return re.compile(rf"^(?:{'|'.join(map(re.escape, notes))})\s*[:：]|^注\s*\d")


def no_activity(text: str, profile: Profile) -> bool:
    flat = norm(text)
    return any(phrase in flat for phrase in profile.no_activity)


_NOTE_ITEM = re.compile(r"^(注\s*[:：]|\d+[.、．])")


def add_note(notes: list[str], text: str, profile: Profile) -> None:
    """Notes are items ('注：1.…', '2.…'); a line that starts none continues the last."""
    if notes and not _NOTE_ITEM.match(text) and not no_activity(text, profile) and not is_note(text, profile):
        notes[-1] += text
    else:
        notes.append(text)


def read_lines(draft: Draft, lines: list[TextLine], spec: TableSpec | None, profile: Profile, catalog: CatalogLike | None) -> bool:
    """Fill the draft from the table's text lines; True if the text ended inside a row."""
    header, numbers, start = _split_header(lines, profile)
    header_text = "".join(line.text for line in header)
    count = len(numbers) if numbers else None
    layout = match_layout(spec, header_text, count) if spec is not None else None
    body = lines[start:]
    if layout is None:
        width = count or _first_row_width(body)
        shape = spec.shape if spec is not None else "coded"
        if spec is not None:
            draft.problem(
                "header-unknown", f"{draft.label}（{spec.name}）的表头未能识别，各栏按栏次命名，该表不做勾稽校验", draft.source, header_text
            )
        if shape != "coded" or not width:
            if body:
                draft.problem("table-unparsed", f"{draft.label}「{draft.title}」的表头和表体都未能识别，整表未读入", draft.source)
            return False
        names = [f"栏次{n}" for n in numbers] if numbers else [f"第{i}列" for i in range(1, width + 1)]
        draft.columns = [DraftColumn((name,), "", name.removeprefix("栏次") if numbers else "") for name in names]
        spec_for_grammar = spec or TableSpec(kind="", name="", titles=(), shape="coded", layouts=(), columns=())
    else:
        draft.columns = [DraftColumn(path, spec.side_of(path) if spec else "") for path in layout]
        if numbers and len(numbers) == len(layout):
            for column, number in zip(draft.columns, numbers):
                column.number = str(number)
        spec_for_grammar = spec  # type: ignore[assignment]
    _assign_text_groups(draft, spec_for_grammar)
    draft.header = tuple("/".join(c.path) for c in draft.columns)
    grammar = GRAMMARS[spec_for_grammar.shape if spec_for_grammar.shape in GRAMMARS else "coded"](draft, spec_for_grammar, catalog)
    header_keys = {norm(line.text) for line in header}
    in_notes = False
    for line in body:
        text = line.text
        if no_activity(text, profile):
            draft.no_activity = True
        if in_notes or is_note(text, profile):
            in_notes = True
            add_note(draft.notes, text, profile)
            continue
        if no_activity(text, profile):
            add_note(draft.notes, text, profile)
            continue
        if tokens.column_numbers(text) is not None:
            continue  # 栏次 repeated on a continuation page
        if norm(text) in header_keys and not grammar.wants_text(text):
            continue  # header repeated on a continuation page
        grammar.feed(line)
    unfinished = grammar.finish()
    draft.rows = grammar.rows
    return unfinished


def _assign_text_groups(draft: Draft, spec: TableSpec) -> None:
    """Halves printed under side headings keep them; 表6's halves take the profile's order."""
    if spec.shape == "economic" and not all(c.side for c in draft.columns) and spec.groups:
        for column, side in zip(draft.columns, spec.groups):
            column.side = side


__all__ = ["read_lines", "match_layout", "is_note", "no_activity", "add_note", "Unrecognized"]
