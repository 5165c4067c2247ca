"""Row grammars: turn the body lines of a table into rows of cells.

Four grammars cover the nine tables:
- ``coded``: subject code, name, one value per column (表2/3/5/7/8); names and codes
  may wrap over several lines before their values.
- ``two_sided``: 表1/表4, an income row and an expenditure row on one line, each
  ``name 行次 values``, either side possibly empty.
- ``economic``: 表6, two or more (code, name, amount) groups per line.
- ``single``: 表9, one row of values.

A grammar never guesses: a row whose values do not fill the columns is reported as
Unrecognized with its line, not placed into cells it may not belong to.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from ..model import Cell, Column, Row, Source, Unrecognized
from . import roles, tokens
from .layouts import Layout
from .lines import Line


class CatalogLike:  # the part of juesuan.catalog.Catalog the grammars use
    def completes(self, code: str, partial: str, kind: str = "functional") -> bool: ...
    def names_match(self, code: str, printed: str, kind: str = "functional") -> bool: ...
    def functional_class_by_name(self, name: str): ...


def _source(line: Line) -> Source:
    return Source(page=line.page, line=line.number)


def _cells(columns: tuple[Column, ...], values: list[tuple[str, Line]]) -> tuple[Cell, ...]:
    return tuple(
        Cell(column=column.key, amount=tokens.amount(text), text=text, source=_source(line))
        for column, (text, line) in zip(columns, values)
        if text not in tokens.BLANKS
    )


class Grammar:
    def __init__(self, layout: Layout, catalog: CatalogLike | None, label: str) -> None:
        self.layout = layout
        self.catalog = catalog
        self.label = label  # e.g. '表3', for messages
        self.rows: list[Row] = []
        self.notices: list[Unrecognized] = []

    def feed(self, line: Line) -> None:
        raise NotImplementedError

    def wants_text(self, text: str) -> bool:
        """True if a text-only line is the continuation of a wrapped name here."""
        return False

    def finish(self) -> bool:
        """Close the table; True if it ended inside an unfinished row."""
        return False

    def notice(self, code: str, message: str, line: Line) -> None:
        self.notices.append(Unrecognized(code=code, message=message, source=_source(line), text=line.text))

    def _completes(self, code: str, name: str, kind: str = "functional") -> bool:
        return bool(code) and self.catalog is not None and self.catalog.completes(code, name, kind)

    def _complete_name(self, code: str, name: str, kind: str = "functional") -> bool:
        return self.catalog is not None and self.catalog.names_match(code, name, kind)


@dataclass
class _Pending:
    code: str
    name: str
    line: Line
    values: list[tuple[str, Line]] = field(default_factory=list)


class CodedGrammar(Grammar):
    """Rows of 功能分类 subjects: ``[code] [name] values…``, wrapping allowed."""

    def __init__(self, layout: Layout, catalog: CatalogLike | None, label: str) -> None:
        super().__init__(layout, catalog, label)
        self.pending: _Pending | None = None
        self.width = len(layout.columns)

    def wants_text(self, text: str) -> bool:
        pending = self.pending
        if pending is None or pending.values:
            return False
        if pending.code and not pending.name:
            return True
        return self._completes(pending.code, pending.name + text)

    def feed(self, line: Line) -> None:
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
        self.rows[-1] = replace(last, name=last.name + fragment)
        return True

    def _emit(self) -> None:
        pending, self.pending = self.pending, None
        assert pending is not None
        if len(pending.values) > self.width:
            self.notice(
                "row-overfull",
                f"{self.label} 第{pending.line.number}行 {pending.code or pending.name}：有 {len(pending.values)} 个数，"
                f"本表只有 {self.width} 栏，未读入",
                pending.line,
            )
            return
        role = "total" if not pending.code and roles.bare(pending.name) in roles.TOTAL_NAMES else ""
        self.rows.append(
            Row(
                key=pending.code,
                name=pending.name,
                cells=_cells(self.layout.columns, pending.values),
                source=_source(pending.line),
                code=pending.code,
                role=role,
            )
        )

    def _close(self) -> None:
        pending, self.pending = self.pending, None
        if pending is None:
            return
        what = " ".join(filter(None, (pending.code, pending.name))) or "（无名行）"
        if pending.values:
            self.notice(
                "row-incomplete",
                f"{self.label} 第{pending.line.number}行 {what}：只有 {len(pending.values)} 个数，本表有 {self.width} 栏，未读入",
                pending.line,
            )
        else:
            self.notice("row-unparsed", f"{self.label} 第{pending.line.number}行「{what}」不是可识别的表行", pending.line)

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

    def __init__(self, layout: Layout, catalog: CatalogLike | None, label: str) -> None:
        super().__init__(layout, catalog, label)
        self.left = layout.side("income")
        self.right = layout.side("expenditure")
        self.is_t4 = layout.kind == "T4"
        self.prefix = ""
        self.left_split: dict[str, str] = {}
        self.right_split: dict[str, str] = {}
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
        name = roles.bare(side.name)
        expenditure = roles.T4_EXPENDITURE if self.is_t4 else roles.T1_EXPENDITURE
        income = roles.T4_INCOME if self.is_t4 else roles.T1_INCOME
        if name in income:
            return False
        return name in expenditure or self._class_code(name) != ""

    def _class_code(self, name: str) -> str:
        if self.catalog is None or not name:
            return ""
        subject = self.catalog.functional_class_by_name(name)
        return subject.code if subject is not None else ""

    def feed(self, line: Line) -> None:
        parts = tokens.tokens(line.text)
        groups = self._groups(parts)
        if all(not g.number and not g.values for g in groups):
            self.prefix += "".join(g.name for g in groups)  # a name wrapped before its row
            return
        if len(groups) > 2 or (len(groups) == 2 and groups[1].values and len(groups[1].values) < len(self.right)):
            self.notice("row-unparsed", f"{self.label} 第{line.number}行无法分成收入、支出两栏，未读入", line)
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
            self._row(left, "income", self.left, line)
        if right is not None and (right.name or right.number or right.values):
            if len(right.values) not in (0, len(self.right)):
                self.notice("row-incomplete", f"{self.label} 第{line.number}行支出栏「{right.name}」数值个数不符，未读入", line)
                return
            self._row(right, "expenditure", self.right, line)

    def _row(self, side: _Side, name: str, columns: tuple[Column, ...], line: Line) -> None:
        bare = roles.bare(side.name)
        code = ""
        if name == "expenditure" and side.number.isdigit():
            self.right_numbers.add(int(side.number))
        if bare.startswith(roles.OF_WHICH):
            role = "of_which"  # '其中：…' restates part of the row above; never summed
        elif name == "income":
            table = roles.T4_INCOME if self.is_t4 else roles.T1_INCOME
            role = self.left_split.get(bare) or table.get(bare, "")
            if role == "opening_balance" and self.is_t4:
                self.left_split = dict(roles.T4_OPENING_SPLIT)
            elif role and not role.startswith("opening_"):
                self.left_split = {}
        elif name == "expenditure":
            table = roles.T4_EXPENDITURE if self.is_t4 else roles.T1_EXPENDITURE
            role = self.right_split.get(bare) or table.get(bare, "")
            if role == "closing_balance" and self.is_t4:
                self.right_split = dict(roles.T4_CLOSING_SPLIT)
            if not role and bare:
                code = self._class_code(bare)
                role = "class" if code else ""
        values = [(value, line) for value in side.values]
        self.rows.append(
            Row(
                key=side.number,
                name=side.name,
                cells=_cells(columns, values),
                source=_source(line),
                code=code,
                role=role,
                side=name,
            )
        )


@dataclass
class _Group:
    code: str
    name: str
    value: str | None


class EconomicGrammar(Grammar):
    """表6: (经济分类 code, name, amount) groups, two or three to a line."""

    def __init__(self, layout: Layout, catalog: CatalogLike | None, label: str) -> None:
        super().__init__(layout, catalog, label)
        self.fragment = ""
        self.fragment_line: Line | None = None

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

    def _extends(self, row: Row, fragment: str) -> bool:
        return (
            bool(row.code)
            and not self._complete_name(row.code, row.name, "economic")
            and self._completes(row.code, row.name + fragment, "economic")
        )

    def feed(self, line: Line) -> None:
        groups = self._groups(tokens.tokens(line.text))
        if all(group.value is None and not group.code for group in groups):
            text = "".join(group.name for group in groups)
            if self.rows and self._extends(self.rows[-1], text):
                self.rows[-1] = replace(self.rows[-1], name=self.rows[-1].name + text)
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
            self.notice("row-unparsed", f"{self.label} 第{self.fragment_line.number}行「{self.fragment}」不属于任何科目", self.fragment_line)
            self.fragment = ""

    def _row(self, group: _Group, line: Line) -> None:
        if group.value is None or not tokens.is_value(group.value):
            what = " ".join(filter(None, (group.code, group.name)))
            self.notice("row-incomplete", f"{self.label} 第{line.number}行「{what}」没有金额，未读入", line)
            return
        if group.code:
            side, role = roles.economic_side(group.code), ""
        elif roles.bare(group.name) in roles.T6_TOTALS:
            role, side = roles.T6_TOTALS[roles.bare(group.name)]
        else:
            self.notice("row-unparsed", f"{self.label} 第{line.number}行「{group.name}」既无科目编码也不是合计行，未读入", line)
            return
        columns = self.layout.side(side)
        self.rows.append(
            Row(
                key=group.code,
                name=group.name,
                cells=_cells(columns[:1], [(group.value, line)]),
                source=_source(line),
                code=group.code,
                role=role,
                side=side,
            )
        )

    def finish(self) -> bool:
        if self.fragment and self.fragment_line is not None:
            self.notice("row-unparsed", f"{self.label} 第{self.fragment_line.number}行「{self.fragment}」不属于任何科目", self.fragment_line)
        return False


class SingleGrammar(Grammar):
    """表9: one row of values (optionally headed by a name), possibly wrapped."""

    def __init__(self, layout: Layout, catalog: CatalogLike | None, label: str) -> None:
        super().__init__(layout, catalog, label)
        self.width = len(layout.columns)
        self.pending: _Pending | None = None

    def feed(self, line: Line) -> None:
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
                self.notice("row-overfull", f"{self.label} 第{pending.line.number}行有 {len(pending.values)} 个数，本表只有 {self.width} 栏，未读入", pending.line)
                return
            self.rows.append(
                Row(key="", name=pending.name, cells=_cells(self.layout.columns, pending.values), source=_source(pending.line), role="total")
            )

    def finish(self) -> bool:
        pending, self.pending = self.pending, None
        if pending is None:
            return False
        if pending.values:
            self.notice("row-incomplete", f"{self.label} 第{pending.line.number}行只有 {len(pending.values)} 个数，本表有 {self.width} 栏，未读入", pending.line)
            return True
        self.notice("row-unparsed", f"{self.label} 第{pending.line.number}行「{pending.name}」不是可识别的表行", pending.line)
        return False


GRAMMAR_CLASSES: dict[str, type[Grammar]] = {
    "coded": CodedGrammar,
    "two_sided": TwoSidedGrammar,
    "economic": EconomicGrammar,
    "single": SingleGrammar,
}
