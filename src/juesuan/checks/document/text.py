"""The report's text as passages with sources, and small helpers over Chinese prose.

A passage is one printed piece of text (a heading, a paragraph, a glossary
definition, a table note or row name) with a way back to its page and line.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Callable, Iterator
from typing import NamedTuple

from ...model import Paragraph, Report, Source
from ...model.prose import is_heading as _is_heading
from ..context import Context

# Where a passage comes from; rules choose the scopes they read.
SCOPES = ("headings", "overview", "narrative", "glossary", "notes", "rows")
SCOPE_NAMES = {
    "headings": "标题",
    "overview": "概况",
    "narrative": "情况说明",
    "glossary": "名词解释",
    "notes": "表注",
    "rows": "表格",
}

_SENTENCE_END = "。！？"
_LONG_SENTENCE = 120


class Passage(NamedTuple):  # a tuple: a report has hundreds (its table rows)
    scope: str
    text: str
    paragraph: Paragraph | None = None
    source: Source | None = None
    label: str = ""  # e.g. '表1 第28行' for table text

    def source_at(self, offset: int) -> Source | None:
        return self.paragraph.source_at(offset) if self.paragraph is not None else self.source

    @property
    def where(self) -> str:
        return self.label or SCOPE_NAMES[self.scope]


def is_heading(paragraph: Paragraph) -> bool:
    """A numbered heading of the 情况说明 (``model.prose.is_heading``)."""
    return _is_heading(paragraph.text)


def passages(report: Report, scopes: tuple[str, ...] = SCOPES) -> Iterator[Passage]:
    """The passages of the chosen scopes, in the order of ``SCOPES``."""
    if "headings" in scopes:
        for part in report.parts:
            yield Passage("headings", part.heading, source=part.source, label="部分标题")
        for paragraph in report.narrative:
            if is_heading(paragraph):
                yield Passage("headings", paragraph.text, paragraph=paragraph, label="情况说明标题")
        for table in report.tables:
            yield Passage("headings", table.title, source=table.source, label=f"{table.number or '表'} 标题")
    if "overview" in scopes:
        for paragraph in report.overview:
            yield Passage("overview", paragraph.text, paragraph=paragraph)
    if "narrative" in scopes:
        for paragraph in report.narrative:
            if not is_heading(paragraph):
                yield Passage("narrative", paragraph.text, paragraph=paragraph)
    if "glossary" in scopes:
        for entry in report.glossary:
            yield Passage("glossary", entry.definition, source=entry.source, label=f"名词解释“{entry.term}”")
    if "notes" in scopes:
        for table in report.tables:
            for note in table.notes:
                yield Passage("notes", note, source=table.source, label=f"{table.number or table.title} 注")
    if "rows" in scopes:
        for table in report.tables:
            for row in table.rows:
                if row.name:
                    yield Passage("rows", row.name, source=row.source, label=f"{table.number or '表'} 行“{row.name}”")


def sentence_span(text: str, start: int, end: int | None = None) -> tuple[int, int]:
    """The sentence around text[start:end]; a long sentence narrows to its clause (；)."""
    end = start if end is None else end
    left = max(text.rfind(mark, 0, start) for mark in _SENTENCE_END) + 1
    right = min((i for i in (text.find(mark, max(end, left)) for mark in _SENTENCE_END) if i >= 0), default=len(text) - 1) + 1
    if right - left > _LONG_SENTENCE:
        clause_left = max(left, text.rfind("；", 0, start) + 1)
        clause_right = text.find("；", max(end, clause_left))
        right = min(right, clause_right + 1) if clause_right >= 0 else right
        left = clause_left
    while left < right and text[left] in " 　":
        left += 1
    return left, right


def quote_at(text: str, start: int, end: int | None = None) -> str:
    left, right = sentence_span(text, start, end)
    return text[left:right]


def normalise_brackets(text: str) -> str:
    return text.replace("(", "（").replace(")", "）").replace(" ", "")


def base_name(name: str) -> str:
    """An entity name without its 本级 marker and with full-width brackets."""
    return normalise_brackets(name).replace("（本级）", "").strip()


_YEAR_IN = re.compile(r"(?<!\d)(20\d{2})\s*年度")


def report_year(report: Report) -> int | None:
    """The year most headings name (the metadata year breaks ties)."""
    texts = [part.heading for part in report.parts] + [p.text for p in report.narrative if is_heading(p)]
    counts = Counter(int(m.group(1)) for text in texts for m in _YEAR_IN.finditer(text))
    if not counts:
        return report.metadata.year
    return max(counts, key=lambda year: (counts[year], year == report.metadata.year))


def _passages_of(scope: str) -> Callable[[Report], list[Passage]]:
    """``passages`` of one scope, as a computation for ``Context.cached``."""
    return lambda report: list(passages(report, (scope,)))


def scope_passages(context: Context, scopes: tuple[str, ...] = SCOPES) -> list[Passage]:
    """``passages`` of the report, each scope built once per check."""
    out: list[Passage] = []
    for scope in SCOPES:
        if scope in scopes:
            out.extend(context.cached(("passages", scope), _passages_of(scope)))
    return out


def joined_passages(context: Context, scopes: tuple[str, ...]) -> tuple[str, list[int]] | None:
    """The passages of ``scopes`` joined by line breaks, and where each begins; None when
    a passage holds a line break itself (then it cannot stand for the passage's ends)."""

    def join(_: Report) -> tuple[str, list[int]] | None:
        texts = [passage.text for passage in scope_passages(context, scopes)]
        if any("\n" in text for text in texts):
            return None
        starts, at = [], 0
        for text in texts:
            starts.append(at)
            at += len(text) + 1
        return "\n".join(texts), starts

    return context.cached(("joined", scopes), join)
