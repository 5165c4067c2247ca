"""One table block of text (title to the next table or part) to a Table.

The block is split into its header (labels and the 栏次 line), its body (rows, with
the header repeated on continuation pages) and its notes. The header picks the
column layout; the body goes through the grammar of the table.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import TABLE_NAMES, Source, Table, Unrecognized
from . import tokens
from .layouts import GRAMMARS, Layout, generic_layout, match_layout, number_columns
from .lines import Line
from .rows import GRAMMAR_CLASSES, CatalogLike
from .titles import Title

NO_ACTIVITY = "本表本年度无发生额"
_NOTE_START = re.compile(r"^(注|说明|备注)\s*[:：]|^注\s*\d")
_UNITS = frozenset({"万元", "千元", "亿元", "元"})
_ENTITY = re.compile(r"(金额单位|编制部门|编制单位|填报单位|部门|单位)\s*[:：]\s*")


@dataclass(frozen=True, slots=True)
class Heading:
    """What a table's page header says: unit and entity ('单位：万元部门：…')."""

    unit: str = ""
    entity: str = ""
    entity_label: str = ""


def parse_heading(text: str) -> Heading | None:
    """The unit/entity of a page-header line, or None if the line is not one."""
    compact = re.sub(r"\s+", "", text)
    if not _ENTITY.match(compact):
        return None
    unit = entity = label = ""
    markers = list(_ENTITY.finditer(compact))
    for i, marker in enumerate(markers):
        end = markers[i + 1].start() if i + 1 < len(markers) else len(compact)
        value = compact[marker.end() : end]
        if value in _UNITS:
            unit = value
        elif value and not entity:
            entity = value
            label = marker.group(1).removeprefix("编制").removeprefix("填报")
    if not unit and not entity:
        return None
    return Heading(unit=unit, entity=entity, entity_label=label)


@dataclass
class TableBlock:
    number: str
    title: Title
    title_line: Line
    heading: Heading | None
    lines: list[Line] = field(default_factory=list)


@dataclass(frozen=True, slots=True)
class ParsedTable:
    table: Table
    notices: tuple[Unrecognized, ...]
    unfinished: bool  # the text ended inside a row


def _split_header(lines: list[Line]) -> tuple[list[Line], list[int] | None, int]:
    """(header lines, 栏次 numbers, index of the first body line)."""
    header: list[Line] = []
    for i, line in enumerate(lines):
        numbers = tokens.column_numbers(line.text)
        if numbers is not None:
            return header, numbers, i + 1
        parts = tokens.tokens(line.text)
        if parts and (tokens.trailing_values(parts) or tokens.is_code(parts[0])):
            return header, None, i
        if _NOTE_START.match(line.text) or NO_ACTIVITY in line.text:
            return header, None, i
        header.append(line)
    return header, None, len(lines)


def _first_row_width(lines: list[Line]) -> int:
    for line in lines:
        parts = tokens.tokens(line.text)
        count = tokens.trailing_values(parts)
        if count:
            return count - (1 if count == len(parts) and tokens.is_code(parts[0]) else 0)
    return 0


def parse_table(block: TableBlock, catalog: CatalogLike | None) -> ParsedTable:
    kind = block.title.kind
    label = block.number or block.title.text
    notices: list[Unrecognized] = []
    title_source = Source(page=block.title_line.page, line=block.title_line.number)
    heading = block.heading or Heading()

    # A '单位：万元' line printed after the title belongs to this table's heading.
    body_lines: list[Line] = []
    for line in block.lines:
        found = parse_heading(line.text)
        if found is not None:
            if not heading.unit and not heading.entity:
                heading = found
            continue
        body_lines.append(line)

    header, numbers, start = _split_header(body_lines)
    header_text = "".join(line.text for line in header)
    count = len(numbers) if numbers else None
    layout: Layout | None = match_layout(kind, header_text, count) if kind else None
    if layout is None:
        width = count or _first_row_width(body_lines[start:])
        if kind:
            what = f"{label}（{TABLE_NAMES[kind]}）"
            notices.append(
                Unrecognized(
                    code="header-unknown",
                    message=f"{what} 的表头未能识别，各栏按栏次命名",
                    source=title_source,
                    text=header_text,
                )
            )
        if GRAMMARS.get(kind, "coded") != "coded" and kind:
            layout = None
        elif width:
            layout = generic_layout(kind, width, numbers)
    else:
        layout = number_columns(layout, numbers)

    header_keys = {re.sub(r"\s+", "", line.text) for line in header}
    notes: list[str] = []
    no_activity = False
    in_notes = False
    rows = []
    unfinished = False
    end_line = block.lines[-1].number if block.lines else block.title_line.number
    if layout is None:
        if body_lines[start:]:
            notices.append(
                Unrecognized(
                    code="table-unparsed",
                    message=f"{label}「{block.title.text}」的表头和表体都未能识别，整表未读入",
                    source=title_source,
                )
            )
    else:
        grammar = GRAMMAR_CLASSES[layout.grammar](layout, catalog, label)
        for line in body_lines[start:]:
            text = line.text
            if NO_ACTIVITY in text:
                no_activity = True
            if in_notes or _NOTE_START.match(text):
                in_notes = True
                _add_note(notes, text)
                continue
            if NO_ACTIVITY in text:
                _add_note(notes, text)
                continue
            if tokens.column_numbers(text) is not None:
                continue  # 栏次 repeated on a continuation page
            if re.sub(r"\s+", "", text) in header_keys and not grammar.wants_text(text):
                continue  # header repeated on a continuation page
            grammar.feed(line)
        unfinished = grammar.finish()
        rows = grammar.rows
        notices.extend(grammar.notices)

    table = Table(
        kind=kind,
        number=block.number,
        title=block.title.text,
        columns=layout.columns if layout else (),
        rows=tuple(rows),
        source=title_source,
        end_line=end_line,
        unit=heading.unit,
        entity=heading.entity,
        entity_label=heading.entity_label,
        notes=tuple(notes),
        no_activity=no_activity,
    )
    return ParsedTable(table=table, notices=tuple(notices), unfinished=unfinished)


_NOTE_ITEM = re.compile(r"^(注\s*[:：]|\d+[.、．])")


def _add_note(notes: list[str], text: str) -> None:
    """Notes are items ('注：1.…', '2.…'); a line that starts none continues the last."""
    if notes and not _NOTE_ITEM.match(text) and NO_ACTIVITY not in text:
        notes[-1] += text
    else:
        notes.append(text)
