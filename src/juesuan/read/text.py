"""The text reader: PDF-extracted text of a report to a Report.

Lines are sorted into the four parts by their headings and into table blocks by
table titles; each part and block then goes to its own parser.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..catalog import load_catalog
from ..errors import NotAReport
from ..model import TABLE_NAMES, Page, Part, Report, Source, Table, Unrecognized
from . import paragraphs as prose
from .lines import Line, split_lines
from .metadata import metadata, year_of
from .tables import Heading, TableBlock, parse_heading, parse_table
from .titles import number_line, recognise_title

_PART = re.compile(r"^第([一二三四五六七八九十]+)部分\s*[:：]?\s*(.*)$")
_PART_KEYWORDS: tuple[tuple[str, str], ...] = (
    ("名词解释", "glossary"),
    ("情况说明", "narrative"),
    ("决算表", "tables"),
    ("报表", "tables"),
    ("概况", "overview"),
)
_FALLBACK_PART = re.compile(r"^(?:[一二三四五六七八九十]+、)?.{0,40}?(部门概况|单位概况|概况|决算表|决算情况说明|名词解释)$")
_YEAR = re.compile(r"(20\d{2})\s*年度")


def _part_kind(text: str) -> str:
    for keyword, kind in _PART_KEYWORDS:
        if keyword in text:
            return kind
    return ""


@dataclass
class _Segments:
    parts: list[Part] = field(default_factory=list)
    prose: dict[str, list[Line]] = field(default_factory=lambda: {"overview": [], "narrative": [], "glossary": []})
    blocks: list[TableBlock] = field(default_factory=list)
    outside: list[Line] = field(default_factory=list)
    ends_in_table: bool = False


def _part_heading(lines: list[Line], i: int, numbered: bool) -> tuple[Part, int] | None:
    """A part heading at line i (joined with a wrapped second line), and lines used."""
    text = lines[i].text
    match = _PART.match(text)
    if numbered:
        if not match:
            return None
        heading, used = text, 1
        if not _part_kind(heading) and i + 1 < len(lines) and len(lines[i + 1].text) <= 16:
            joined = heading + lines[i + 1].text
            if _part_kind(joined):
                heading, used = joined, 2
        kind = _part_kind(heading) or "other"
    else:
        fallback = _FALLBACK_PART.match(text)
        if not fallback or len(text) > 40:
            return None
        heading, used, kind = text, 1, _part_kind(fallback.group(1))
    return Part(kind=kind, heading=heading, source=Source(page=lines[i].page, line=lines[i].number)), used


def _table_start(lines: list[Line], i: int, in_tables: bool, heading_before: bool) -> tuple[str, str, int, int] | None:
    """(printed number, title, index of the title line, lines used) if a table starts at i."""
    text = lines[i].text
    numbered = number_line(text)
    if numbered is not None:
        number, rest = numbered
        if rest and recognise_title(rest):
            return number, rest, i, 1
        for j in (i + 1, i + 2):
            if j < len(lines) and recognise_title(lines[j].text):
                if j == i + 2 and parse_heading(lines[i + 1].text) is None:
                    break
                return number, lines[j].text, j, j - i + 1
        return None
    title = recognise_title(text)
    if title is None:
        return None
    next_is_heading = i + 1 < len(lines) and parse_heading(lines[i + 1].text) is not None
    if in_tables or heading_before or next_is_heading:
        return "", text, i, 1
    return None


def segment(lines: list[Line]) -> _Segments:
    numbered = any(_PART.match(line.text) for line in lines)
    seg = _Segments()
    current = ""  # part kind
    block: TableBlock | None = None
    heading: Heading | None = None
    i = 0
    while i < len(lines):
        line = lines[i]
        part = _part_heading(lines, i, numbered)
        if part is not None and (numbered or _order(part[0].kind) > _order(current)):
            seg.parts.append(part[0])
            current = part[0].kind
            block = None
            i += part[1]
            continue
        found = parse_heading(line.text)
        if found is not None and (block is None or _next_is_table(lines, i + 1, current)):
            heading, block = found, None  # the page header of the table that follows
            i += 1
            continue
        start = _table_start(lines, i, current == "tables", heading is not None)
        if start is not None:
            number, title_text, title_index, used = start
            title = recognise_title(title_text)
            assert title is not None
            for between in lines[i + 1 : title_index]:  # '表1 / 单位：万元 / 收入支出决算总表'
                heading = parse_heading(between.text) or heading
            block = TableBlock(number=number, title=title, title_line=lines[title_index], heading=heading)
            seg.blocks.append(block)
            heading = None
            i += used
            continue
        if block is not None:
            block.lines.append(line)
        elif current in seg.prose:
            seg.prose[current].append(line)
        else:
            seg.outside.append(line)
        i += 1
    seg.ends_in_table = block is not None
    return seg


def _next_is_table(lines: list[Line], i: int, current: str) -> bool:
    for j in range(i, min(i + 3, len(lines))):
        if _table_start(lines, j, current == "tables", True) is not None or _PART.match(lines[j].text):
            return True
    return False


def _order(kind: str) -> int:
    order = ("", "overview", "tables", "narrative", "glossary")
    return order.index(kind) if kind in order else 0


def read_text(text: str, name: str, encoding: str = "utf-8", source_format: str = "text") -> Report:
    lines, pages = split_lines(text)
    if not lines:
        raise NotAReport(f"{name}：文件为空，没有任何文字")
    seg = segment(lines)
    if not seg.blocks and not seg.parts:
        raise NotAReport(f"{name}：未识别为部门决算报告（共 {len(lines)} 行，没有找到任何决算表或“第…部分”标题）")

    narrative = prose.paragraphs(seg.prose["narrative"])
    parts = tuple(seg.parts)
    catalog = load_catalog(_provisional_year(lines, parts) or 0)
    tables: list[Table] = []
    notices: list[Unrecognized] = []
    unfinished = False
    for block in seg.blocks:
        parsed = parse_table(block, catalog)
        tables.append(parsed.table)
        notices.extend(parsed.notices)
        unfinished = parsed.unfinished
        if not block.title.kind:
            notices.append(
                Unrecognized(
                    code="table-unknown",
                    message=f"{block.number or ''}「{block.title.text}」不是九张标准决算表之一，已按通用格式读入",
                    source=parsed.table.source,
                )
            )
    notices.extend(_duplicates(tables))
    overview = prose.paragraphs(seg.prose["overview"])
    glossary, loose = prose.glossary(seg.prose["glossary"])
    for paragraph in loose:
        notices.append(Unrecognized("glossary-unparsed", "名词解释中有一段没有“术语：解释”的形式", paragraph.source_at(0), paragraph.text))
    for paragraph in prose.paragraphs(seg.outside):
        notices.append(Unrecognized("text-outside-parts", "这段文字不在任何部分之内", paragraph.source_at(0), paragraph.text))
    notices.extend(_missing(tuple(tables), parts, seg, unfinished, lines))

    return Report(
        metadata=metadata(parts, tuple(tables), overview, narrative, name, source_format, encoding),
        parts=parts,
        overview=overview,
        tables=tuple(tables),
        narrative=narrative,
        glossary=glossary,
        pages=tuple(pages),
        unrecognized=tuple(notices),
    )


def _provisional_year(lines: list[Line], parts: tuple[Part, ...]) -> int | None:
    """The report's year, early, to pick the catalog edition for reading the tables."""
    year = year_of(parts, (), ())
    if year is not None:
        return year
    for line in lines[:200]:
        match = _YEAR.search(line.text)
        if match:
            return int(match.group(1))
    return None


def _duplicates(tables: list[Table]) -> list[Unrecognized]:
    seen: dict[str, Table] = {}
    out = []
    for table in tables:
        if table.kind and table.kind in seen:
            out.append(
                Unrecognized(
                    "table-duplicate",
                    f"{table.number}「{table.title}」与第{seen[table.kind].source.line}行的表同为{TABLE_NAMES[table.kind]}",
                    table.source,
                )
            )
        seen.setdefault(table.kind, table)
    return out


def _missing(tables: tuple[Table, ...], parts: tuple[Part, ...], seg: _Segments, unfinished: bool, lines: list[Line]) -> list[Unrecognized]:
    """What a reader of this text must know is not there: truncation first."""
    out: list[Unrecognized] = []
    last = lines[-1]
    end = Source(page=last.page, line=last.number)
    has_narrative = any(p.kind == "narrative" for p in parts)
    if seg.ends_in_table and tables and (unfinished or not has_narrative):
        table = tables[-1]
        found = {t.kind for t in tables}
        missing_tables = [k for k in TABLE_NAMES if k not in found]
        missing_parts = [p for p in ("narrative", "glossary") if not any(x.kind == p for x in parts)]
        what = "、".join(
            [f"{k}（{TABLE_NAMES[k]}）" for k in missing_tables] + [{"narrative": "情况说明", "glossary": "名词解释"}[p] for p in missing_parts]
        )
        out.append(
            Unrecognized(
                "truncated",
                f"文本在{table.number or table.title}（第{table.source.line}行起）之中结束于第{last.number}行，报告不完整"
                + (f"；缺少：{what}" if what else ""),
                end,
            )
        )
    return out
