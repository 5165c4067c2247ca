"""Items of any format to a Report: profile, segments, tables, prose, metadata.

Every reader (text, PDF, XLSX, XLS, HTML) hands its pages of items to ``assemble``;
from here on one mechanism reads all of them. The profile is the one the user forced
or the one the report's content matches best; the choice and its evidence are kept
on the report.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, fields, is_dataclass, replace
from typing import Any

from ..catalog import load_catalog
from ..errors import NotAReport
from ..model import TABLE_NAMES, LineSpan, Page, Part, ProfileChoice, Report, Source, Table, Unrecognized
from ..profiles import Profile, ProfileSet, choose, forced, norm, shipped
from . import tokens
from .draft import Draft, Heading, to_table
from .grid_table import read_grids
from .headings import parse_heading
from .items import Grid, Item, TextLine, page_ranges
from .metadata import metadata, year_of
from .prose import Prose
from .segment import Block, Segments, segment, source
from .sheets import peel
from .text_table import add_note, is_note, no_activity, read_lines
from .titles import Titles

_YEAR = re.compile(r"(20\d{2})\s*年度?")


@dataclass(frozen=True, slots=True)
class Choice:
    """How to pick the profile: a forced profile, or the set to choose from."""

    profile: Profile | None = None
    profiles: ProfileSet | None = None


def _texts(items: list[Item]) -> list[str]:
    out: list[str] = []
    for item in items:
        if isinstance(item, TextLine):
            out.append(item.text)
        else:
            out.extend(cell.text for cell in item.cells if cell.text)
    return out


def pick_profile(items: list[Item], choice: Choice | None) -> tuple[Profile, ProfileChoice]:
    if choice is not None and choice.profile is not None:
        return choice.profile, forced(choice.profile)
    profiles = choice.profiles if choice is not None and choice.profiles is not None else shipped()
    return choose(profiles, _texts(items))


def _provisional_year(items: list[Item], parts: tuple[Part, ...]) -> int | None:
    """The report's year, early, to pick the catalog edition for reading the tables."""
    year = year_of(parts, (), ())
    if year is not None:
        return year
    for item in items[:200]:
        if isinstance(item, TextLine):
            match = _YEAR.search(item.text)
            if match:
                return int(match.group(1))
    return None


def _label(block: Block) -> str:
    return block.number or block.title.text


def _block_table(block: Block, profile: Profile, catalog) -> tuple[Table | None, list[Unrecognized], bool]:
    """One table block to a Table (None when the block holds no table), its notices, and
    whether the text ended inside one of its rows."""
    spec = profile.table(block.title.kind) if block.title.kind else None
    title_source = source(block.title_item)
    draft = Draft(
        kind=block.title.kind,
        number=block.number,
        title=block.title.text,
        source=title_source,
        label=_label(block),
        heading=block.heading or Heading(),
        caption=block.caption,
    )
    lines: list[TextLine] = []
    for line in block.lines:
        found = parse_heading(line.text, profile)
        if found is not None:
            if not draft.heading.unit and not draft.heading.entity:
                draft.heading = found
            continue
        lines.append(line)
    end = max((line.line for line in block.lines if line.line is not None), default=block.title_item.line or 0)
    draft.end_line = end
    unfinished = False
    if block.grids:
        read_grids(draft, block.grids, spec, profile, catalog)
        _notes(draft, block, profile)
    elif lines and any(line.bbox is None for line in lines):
        unfinished = read_lines(draft, lines, spec, profile, catalog)
    else:
        from .pdf.unruled import lines_to_grids

        grids = lines_to_grids(lines, profile) if lines else []
        if not grids:
            if block.title.kind and any(tokens.is_amount(t) for line in lines for t in tokens.tokens(line.text)):
                # a titled table with figures that no grid could be built for: say so
                notice = Unrecognized(
                    "table-unparsed", f"{draft.label}「{block.title.text}」没有表格线，也未能按对齐方式读出各栏，整表未读入", title_source
                )
                return None, [notice], False
            return None, [], False
        read_grids(draft, grids, spec, profile, catalog)
        _notes(draft, block, profile, after_grid=False)
    if not draft.rows and not draft.columns and not draft.notes and not draft.no_activity and not draft.unread:
        return None, [], False  # a title with nothing under it: a contents entry or a page heading
    table = to_table(draft, spec, profile.totals, profile.of_which, catalog)
    notices = list(draft.notices)
    if not block.title.kind and any(word in norm(block.title.text) for word in profile.forms):
        notices.append(
            Unrecognized(
                "table-form", f"「{block.title.text}」是附表，不是{profile.name}的标准表，已按通用格式读入，不核对勾稽关系", title_source
            )
        )
    elif not block.title.kind:
        notices.append(
            Unrecognized(
                "table-unknown", f"{draft.label}「{block.title.text}」不是{profile.name}的标准表之一，已按通用格式读入", title_source
            )
        )
    return table, notices, unfinished


def _notes(draft: Draft, block: Block, profile: Profile, after_grid: bool = True) -> None:
    """Notes printed under the table: a line that starts one, and the lines that follow it."""
    seen_grid = not after_grid
    for item in block.items:
        if isinstance(item, Grid):
            seen_grid = True
            continue
        if not seen_grid or parse_heading(item.text, profile) is not None:
            continue
        if no_activity(item.text, profile):
            draft.no_activity = True
        if is_note(item.text, profile) or no_activity(item.text, profile) or draft.notes:
            add_note(draft.notes, item.text, profile)


def _duplicates(tables: list[Table]) -> list[Unrecognized]:
    seen: dict[str, Table] = {}
    out = []
    for table in tables:
        if table.kind and table.kind in seen:
            first = seen[table.kind]
            where = f"第{first.source.line}行" if first.source.line else f"第{first.source.page}页"
            out.append(
                Unrecognized(
                    "table-duplicate",
                    f"{table.number or table.title}「{table.title}」与{where}的表同为{TABLE_NAMES.get(table.kind, table.kind)}",
                    table.source,
                )
            )
        seen.setdefault(table.kind, table)
    return out


def _missing(
    tables: tuple[Table, ...], parts: tuple[Part, ...], seg: Segments, unfinished: bool, items: list[Item], profile: Profile
) -> list[Unrecognized]:
    """What a reader of this text must know is not there: truncation first."""
    out: list[Unrecognized] = []
    last = next((item for item in reversed(items) if isinstance(item, TextLine)), None)
    if last is None or last.line is None:
        return out  # only text inputs can be cut mid-line
    end = Source(page=last.page, line=last.line)
    has_narrative = any(p.kind == "narrative" for p in parts)
    if seg.ends_in_table and tables and (unfinished or not has_narrative):
        table = tables[-1]
        found = {t.kind for t in tables}
        missing_tables = [k for k in profile.tables if k not in found]
        missing_parts = [p for p in ("narrative", "glossary") if not any(x.kind == p for x in parts)]
        what = "、".join(
            [f"{k}（{profile.tables[k].name}）" for k in missing_tables]
            + [{"narrative": "情况说明", "glossary": "名词解释"}[p] for p in missing_parts]
        )
        out.append(
            Unrecognized(
                "truncated",
                f"文本在{table.number or table.title}（第{table.source.line}行起）之中结束于第{last.line}行，报告不完整"
                + (f"；缺少：{what}" if what else ""),
                end,
            )
        )
    return out


def _merge_forms(notices: list[Unrecognized]) -> list[Unrecognized]:
    """One notice per appendix form title, with the pages it is printed on (a 绩效目标表 per
    project fills many pages)."""
    pages: dict[str, list[int]] = {}
    first: dict[str, Unrecognized] = {}
    out: list[Unrecognized] = []
    for notice in notices:
        if notice.code != "table-form":
            out.append(notice)
            continue
        if notice.message not in first:
            first[notice.message] = notice
            out.append(notice)
        if notice.source is not None and notice.source.page:
            pages.setdefault(notice.message, []).append(notice.source.page)
    return [
        Unrecognized(n.code, f"{page_ranges(pages[n.message])}的{n.message}" if pages.get(n.message) else n.message, n.source, n.text)
        if n.code == "table-form"
        else n
        for n in out
    ]


def assemble(
    items: list[Item],
    pages: list[Page],
    name: str,
    source_format: str,
    encoding: str = "",
    choice: Choice | None = None,
    page_width: dict[int, float] | None = None,
    notices: tuple[Unrecognized, ...] = (),
) -> Report:
    if not any(isinstance(item, Grid) or item.text for item in items):
        raise NotAReport(f"{name}：文件为空，没有任何文字")
    profile, chosen = pick_profile(items, choice)
    titles = Titles(profile)
    items = [part for item in items for part in (peel(item, profile, titles) if isinstance(item, Grid) else [item])]
    seg = segment(items, profile)
    if not seg.blocks and not seg.parts:
        count = sum(1 for item in items if isinstance(item, TextLine))
        raise NotAReport(
            f"{name}：未识别为{'部门决算' if profile.family == 'juesuan' else '部门预算'}报告（共 {count} 行文字，没有找到任何表格标题或“第…部分”标题）"
        )
    parts = tuple(seg.parts)
    catalog = load_catalog(_provisional_year(items, parts) or 0)
    tables: list[Table] = []
    found: list[Unrecognized] = list(notices)
    unfinished = False
    for block in seg.blocks:
        table, table_notices, block_unfinished = _block_table(block, profile, catalog)
        if table is None:
            continue
        tables.append(table)
        found.extend(table_notices)
        unfinished = block_unfinished
    for grid in seg.untitled:
        if any(cell.text for cell in grid.cells):
            found.append(
                Unrecognized("table-untitled", f"第{grid.page}页有一张没有表题的表格，未读入", Source(page=grid.page, bbox=grid.bbox))
            )
    found = _merge_forms(found)
    found.extend(_duplicates(tables))
    prose = Prose(items, page_width)
    narrative = prose.paragraphs(seg.prose["narrative"])
    overview = prose.paragraphs(seg.prose["overview"])
    glossary, loose = prose.glossary(seg.prose["glossary"])
    for paragraph in loose:
        found.append(Unrecognized("glossary-unparsed", "名词解释中有一段没有“术语：解释”的形式", paragraph.source_at(0), paragraph.text))
    for paragraph in prose.paragraphs(seg.outside):
        found.append(Unrecognized("text-outside-parts", "这段文字不在任何部分之内", paragraph.source_at(0), paragraph.text))
    found.extend(_missing(tuple(tables), parts, seg, unfinished, items, profile))
    return Report(
        metadata=metadata(parts, tuple(tables), overview, narrative, name, source_format, encoding, tuple(line.text for line in seg.cover)),
        parts=parts,
        overview=overview,
        tables=tuple(tables),
        narrative=narrative,
        glossary=glossary,
        pages=tuple(pages),
        unrecognized=tuple(found),
        profile=chosen,
    )


# -- one report published as two files (江苏: the 情况说明 in one PDF, the tables in another) --


def combine(text: Report, tables: Report) -> Report:
    """The report whose narrative is in ``text`` and whose tables are in ``tables``. Pages
    and lines of the second file follow the first's (its page 1 is page n+1 of the report).
    A pair that cannot be one report (both or neither with tables, another family, another
    year) is refused with a one-line error."""
    names = f"{text.metadata.source_name} + {tables.metadata.source_name}"
    if text.tables and not tables.tables:
        text, tables = tables, text
    if not tables.tables:
        raise NotAReport(f"{names}：两个文件都没有读到表格，不是一份报告的文字与报表两部分")
    if text.tables:
        raise NotAReport(f"{names}：两个文件都有表格，不是一份报告的文字与报表两部分（请分别读取）")
    if not (text.narrative or text.overview):
        raise NotAReport(
            f"{text.metadata.source_name}：没有读到文字部分（概况、情况说明），不能与 {tables.metadata.source_name} 合为一份报告"
        )
    if tables.narrative:
        raise NotAReport(
            f"{tables.metadata.source_name}：除表格外还有情况说明，不是只有报表的文件，不能与 {text.metadata.source_name} 合为一份报告"
        )
    if text.profile is not None and tables.profile is not None and text.profile.family != tables.profile.family:
        raise NotAReport(f"{names}：一个是部门决算、一个是部门预算，不是一份报告")
    years = {m.year for m in (text.metadata, tables.metadata) if m.year}
    if len(years) > 1:
        raise NotAReport(f"{names}：年度不同（{'、'.join(str(y) for y in sorted(years))}），不是一份报告")
    pages = max((page.index for page in text.pages), default=0)
    lines = max((page.first_line for page in text.pages), default=0) + _line_count(text)
    moved: Report = _shift(tables, pages, lines)
    first, second = text.metadata, tables.metadata
    metadata = replace(
        first,
        # the name every table's 部门：line prints, else the one the text's cover or title gives
        entity=second.entity if second.entity not in _GENERIC_ENTITIES else first.entity,
        year=first.year or second.year,
        unit=first.unit or second.unit,
        source_name=f"{first.source_name} + {second.source_name}",
    )
    parts = tuple(sorted(text.parts + moved.parts, key=lambda part: part.source.page or 0))
    return Report(
        metadata=metadata,
        parts=parts,
        overview=text.overview,
        tables=moved.tables,
        narrative=text.narrative,
        glossary=text.glossary,
        pages=text.pages + moved.pages,
        unrecognized=text.unrecognized + moved.unrecognized,
        profile=text.profile if text.profile is not None and (tables.profile is None or not tables.profile.forced) else tables.profile,
    )


_GENERIC_ENTITIES = frozenset({"", "部门", "单位"})  # the word of a cover line, not a department's name


def _line_count(report: Report) -> int:
    """The last line number the report cites (0 for formats without lines)."""
    found = [span.line for p in report.narrative + report.overview for span in p.spans if span.line]
    found += [table.end_line for table in report.tables]
    return max(found, default=0)


def _shift(value: Any, pages: int, lines: int) -> Any:
    """``value`` with every page index and line number moved on by ``pages`` and ``lines``."""
    if isinstance(value, (Source, LineSpan)):
        return replace(
            value,
            page=value.page + pages if value.page else value.page,
            line=value.line + lines if value.line else value.line,
        )
    if isinstance(value, Page):
        return replace(value, index=value.index + pages, first_line=value.first_line + lines)
    if isinstance(value, tuple):
        return tuple(_shift(item, pages, lines) for item in value)
    if is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for f in fields(value):
            old = getattr(value, f.name)
            new = _shift(old, pages, lines)
            if f.name == "end_line" and isinstance(old, int) and old:
                new = old + lines
            if new is not old:
                changes[f.name] = new
        return replace(value, **changes) if changes else value
    return value


__all__ = ["Choice", "assemble", "combine", "norm"]
