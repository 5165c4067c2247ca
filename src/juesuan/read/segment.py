"""The stream of items (lines and grids) sorted into parts, table blocks and prose.

Headings of the four parts open them (the profile says which words name which
part); a table title opens a table block that takes what follows — the page header
with unit and entity, grids or table lines, notes — until the next title or part.
A block with no table content is not a table: the contents page lists every title,
and a page heading (…部门决算表) stands above the title. The contents page is set
aside whole, from its heading to the first heading it listed that comes again.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from ..model import Part, Source
from ..profiles import Profile, norm
from .draft import Heading
from .headings import parse_heading
from .items import Grid, Item, TextLine
from .text_table import is_note, no_activity
from .titles import Title, Titles, number_line, ordinal_title

_PART = re.compile(r"^第([一二三四五六七八九十]+)部分\s*[:：]?\s*(.*)$")
_FALLBACK_PART = re.compile(
    r"^(?:[一二三四五六七八九十]+、)?.{0,40}?(部门概况|单位概况|概况|决算表|预算表|决算情况说明|预算情况说明|情况说明|名词解释)$"
)
_ENTRY = re.compile(r"^(?:第[一二三四五六七八九十]+部分|[一二三四五六七八九十]+、|\d+[.、．]|[（(][一二三四五六七八九十\d]+[)）]|表)")
_LEADERS = re.compile(r"[…·.．。]{3,}\d*$")
_LISTED_PART = re.compile(r"^[一二三四五六七八九十]+、.{2,20}$")
_ORDER = ("", "overview", "tables", "narrative", "glossary")


@dataclass
class Block:
    number: str
    title: Title
    title_item: TextLine
    heading: Heading | None
    items: list[Item] = field(default_factory=list)
    caption: str = ""  # a page heading printed above the title

    @property
    def grids(self) -> list[Grid]:
        return [item for item in self.items if isinstance(item, Grid)]

    @property
    def lines(self) -> list[TextLine]:
        return [item for item in self.items if isinstance(item, TextLine)]


@dataclass
class Segments:
    parts: list[Part] = field(default_factory=list)
    prose: dict[str, list[TextLine]] = field(default_factory=lambda: {"overview": [], "narrative": [], "glossary": []})
    blocks: list[Block] = field(default_factory=list)
    outside: list[TextLine] = field(default_factory=list)
    contents: list[TextLine] = field(default_factory=list)
    untitled: list[Grid] = field(default_factory=list)
    cover: list[TextLine] = field(default_factory=list)  # what is printed before the first part or contents
    ends_in_table: bool = False


def source(item: TextLine) -> Source:
    return Source(page=item.page, line=item.line, bbox=item.bbox)


class _Segmenter:
    def __init__(self, items: list[Item], profile: Profile) -> None:
        self.items = items
        self.profile = profile
        self.titles = Titles(profile)
        self.numbered = any(isinstance(i, TextLine) and _PART.match(i.text) for i in items)
        self._keywords = tuple(k for part in profile.parts for k in part.keywords)

    def part_heading(self, i: int) -> tuple[Part, int] | None:
        """A part heading at item i (joined with a wrapped second line), and items used."""
        item = self.items[i]
        if not isinstance(item, TextLine):
            return None
        text = item.text
        if self.numbered:
            if not _PART.match(text):
                return None
            heading, used = text, 1
            following = self.items[i + 1] if i + 1 < len(self.items) else None
            if (
                not self.profile.part_kind(heading)
                and isinstance(following, TextLine)
                and len(following.text) <= 16
                and not _PART.match(following.text)
            ):
                joined = heading + following.text
                if self.profile.part_kind(joined):
                    heading, used = joined, 2
            kind = self.profile.part_kind(heading) or "other"
        else:
            flat = norm(text)
            fallback = _FALLBACK_PART.match(flat)
            # '一、部门主要职能' where the profile names the parts by their headings
            listed = (
                (_LISTED_PART.match(flat) or len(flat) <= 30 and flat.endswith(self._keywords))
                and not any(mark in flat for mark in "。，；")
                and self.profile.part_kind(flat)
            )
            if not (fallback or listed) or len(text) > 40:
                return None
            title = self.titles.recognise(text)
            if title is not None and title.kind:
                return None  # the title of a table, not the heading of a part
            kind = self.profile.part_kind(fallback.group(1)) if fallback else self.profile.part_kind(flat)
            heading, used = text, 1
        return Part(kind=kind, heading=heading, source=source(item)), used

    def _resumes(self, part: Part) -> bool:
        spec = self.profile.part_of(part.heading)
        return spec is not None and spec.resumes

    def heading_at(self, i: int) -> Heading | None:
        item = self.items[i]
        return parse_heading(item.text, self.profile) if isinstance(item, TextLine) else None

    def table_start(self, i: int, in_tables: bool, heading_before: bool) -> tuple[str, str, int, int] | None:
        """(printed number, title, index of the title item, items used) if a table starts at i."""
        item = self.items[i]
        if not isinstance(item, TextLine):
            return None
        numbered = number_line(item.text)
        following = self.items[i + 1] if i + 1 < len(self.items) else None
        if numbered is not None:
            number, rest = numbered
            if rest and self.titles.recognise(rest):
                return number, rest, i, 1
            if rest and isinstance(following, TextLine) and self.titles.recognise(rest + following.text):
                return number, rest + following.text, i, 2  # a long title wrapped onto the next line
            for j in (i + 1, i + 2):
                following = self.items[j] if j < len(self.items) else None
                if isinstance(following, TextLine) and self.titles.recognise(following.text):
                    if j == i + 2 and self.heading_at(i + 1) is None:
                        break
                    return number, following.text, j, j - i + 1
            return None
        used = 1
        if self.titles.recognise(item.text) is None:
            if not (
                isinstance(following, TextLine)
                and len(following.text) <= 20
                and not any(mark in item.text for mark in "。；;）)")
                and self.titles.recognise(following.text) is None
                and self.titles.recognise(item.text + following.text) is not None
            ):
                return None
            used = 2  # '十一、一般公共预算“三公”经费、会议费、培训费支出预' / '算表'
        text = item.text if used == 1 else item.text + following.text  # type: ignore[union-attr]
        if in_tables or heading_before or self._table_follows(i + used):
            ordinal = ordinal_title(text)
            if ordinal is not None and self.titles.recognise(ordinal[1]) is not None:
                return ordinal[0], ordinal[1], i, used  # '一、收支预算总表': the ordinal is its number
            return "", text, i, used
        return None

    def _table_follows(self, i: int) -> bool:
        """A grid, a page header or a table number within the next items: what a title
        of the contents page or of a paragraph does not have."""
        for j in range(i, min(i + 3, len(self.items))):
            item = self.items[j]
            if isinstance(item, Grid) or self.heading_at(j) is not None or number_line(item.text) is not None:
                return True
            if self.titles.recognise(item.text) is not None:
                return False
        return False

    def next_is_table(self, i: int, current: str) -> bool:
        for j in range(i, min(i + 3, len(self.items))):
            item = self.items[j]
            if isinstance(item, Grid):
                return True
            if self.table_start(j, current == "tables", True) is not None or _PART.match(item.text):
                return True
        return False

    def contents_end(self, i: int) -> int:
        """The index after a contents page that starts at item i (its heading)."""
        seen: set[str] = set()
        entries = leadered = 0
        page = self.items[i].page
        j = i + 1
        while j < len(self.items):
            item = self.items[j]
            if isinstance(item, Grid):
                return j
            flat = norm(item.text)
            text = _LEADERS.sub("", flat)  # '一、部门主要职能 ………… 3'
            if text == flat and entries >= 3 and leadered * 2 > entries:
                return j  # the entries have dot leaders ('一、部门主要职能 …… 3'); this line has none
            if item.page != page and text == flat and not _ENTRY.match(text) and not self._wrapped_entry(j):
                return j  # a page after the contents that does not go on listing numbered entries
            page = item.page
            entries += 1
            leadered += text != flat
            if text in seen or "。" in text[:-1] or len(text) > 60:  # an entry may end in 。 (一、主要职能。)
                return j
            seen.add(text)
            stripped = ordinal_title(item.text)
            if stripped:
                seen.add(norm(stripped[1]))
            j += 1
        return j

    def _wrapped_entry(self, j: int) -> bool:
        """Item j is the end of an entry wrapped onto the next page of the contents ('出预算表'
        under '十一、一般公共预算“三公”经费、会议费、培训费支'): short, and entries go on."""
        item, following = self.items[j], self.items[j + 1] if j + 1 < len(self.items) else None
        assert isinstance(item, TextLine)  # contents_end asks this of lines only
        return (
            len(norm(item.text)) <= 16
            and isinstance(following, TextLine)
            and following.page == item.page
            and bool(_ENTRY.match(_LEADERS.sub("", norm(following.text))))
        )

    def run(self) -> Segments:
        seg = Segments()
        current = ""
        block: Block | None = None
        heading: Heading | None = None
        items = self.items
        i = 0
        while i < len(items):
            item = items[i]
            if isinstance(item, Grid):
                if block is not None:
                    block.items.append(item)
                elif current in seg.prose and current != "tables":
                    seg.prose[current].extend(grid_lines(item))  # a list printed as a table (决算单位构成)
                else:
                    seg.untitled.append(item)
                i += 1
                continue
            if norm(item.text) in self.profile.contents:
                end = self.contents_end(i)
                seg.contents.extend(x for x in items[i:end] if isinstance(x, TextLine))
                block = None
                i = end
                continue
            part = self.part_heading(i)
            if part is not None and (
                self.numbered
                or _order(part[0].kind) > _order(current)
                or part[0].kind in _ORDER[1:]
                and part[0].kind not in {p.kind for p in seg.parts}
                or self._resumes(part[0])
            ):
                seg.parts.append(part[0])
                current = part[0].kind
                block = None
                i += part[1]
                continue
            numbered = number_line(item.text)
            if numbered is not None and not numbered[1] and block is not None and not block.items and not block.number:
                block.number = numbered[0]  # '收支预算总表 / 公开表一': the number printed under the title
                i += 1
                continue
            found = self.heading_at(i)
            if found is not None and block is not None and not _has_content(block):
                block.heading = merge_headings(block.heading, found)  # '单位：万元' printed under the title
                i += 1
                continue
            if found is not None and (block is None or self.next_is_table(i + 1, current)):
                heading, block = found, None  # the page header of the table that follows
                i += 1
                continue
            start = self.table_start(i, current == "tables", heading is not None)
            if start is not None:
                number, title_text, title_index, used = start
                title = self.titles.recognise(title_text)
                assert title is not None
                for j in range(i + 1, title_index):  # '表1 / 单位：万元 / 收入支出决算总表'
                    heading = self.heading_at(j) or heading
                title_item = items[title_index]
                assert isinstance(title_item, TextLine)
                if block is not None and block.title.kind and block.title.kind == title.kind and _has_content(block) and not number:
                    i += used  # the title repeated above a continuation page, and its page header
                    if i < len(items) and self.heading_at(i) is not None:
                        i += 1
                    continue
                caption = block.title.text if block is not None and not block.items and not block.title.kind else ""
                before = items[i - 1] if i > 0 else None
                if (
                    not caption
                    and isinstance(before, TextLine)
                    and (found_title := self.titles.recognise(before.text)) is not None
                    and not found_title.kind
                    and current in seg.prose
                    and seg.prose[current][-1:] == [before]
                ):
                    caption = seg.prose[current].pop().text  # '××局2024年度部门决算表' above the first table
                block = Block(number=number, title=title, title_item=title_item, heading=heading, caption=caption)
                seg.blocks.append(block)
                heading = None
                i += used
                continue
            if block is not None:
                block.items.append(item)
            elif current in seg.prose:
                seg.prose[current].append(item)
            elif not seg.parts and not seg.contents and not seg.blocks:
                seg.cover.append(item)
            else:
                seg.outside.append(item)
            i += 1
        seg.ends_in_table = block is not None
        return seg


def _has_content(block: Block) -> bool:
    """A grid, or a line of table text with an amount: what a page header comes after only
    when it belongs to the next table."""
    from . import tokens

    return bool(block.grids) or any(tokens.trailing_values(tokens.tokens(line.text)) for line in block.lines)


def merge_headings(before: Heading | None, after: Heading) -> Heading:
    """The page header above the title, completed (and corrected) by the one under it."""
    if before is None:
        return after
    return Heading(
        unit=after.unit or before.unit,
        entity=after.entity or before.entity,
        entity_label=after.entity_label if after.entity else before.entity_label,
    )


def grid_lines(grid: Grid) -> list[TextLine]:
    """A grid in the prose, row by row, each row one line of its cells' texts."""
    out = []
    for row in grid.rows():
        texts = [" ".join(cell.text.split()) for cell in row if cell.text.strip()]
        if texts:
            out.append(TextLine(text=" ".join(texts), page=grid.page, bbox=None, paragraph=True))
    return out


def _order(kind: str) -> int:
    return _ORDER.index(kind) if kind in _ORDER else 0


def segment(items: list[Item], profile: Profile) -> Segments:
    return _Segmenter(items, profile).run()


def table_lines(block: Block, profile: Profile) -> list[TextLine]:
    """A text block's lines without its page header."""
    return [line for line in block.lines if parse_heading(line.text, profile) is None]


__all__ = ["Block", "Segments", "segment", "source", "table_lines", "is_note", "no_activity"]
