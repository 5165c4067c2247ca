"""Completeness of the document: parts, required topics, reasons for changes, glossary."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from decimal import Decimal

from ...model import PART_KINDS, PART_NAMES, Finding, Paragraph, Part, Report
from ...model.prose import CHANGE, REASON, base_of, no_reason, normalise, read_change, reasons, same_as, sections
from ...profiles import profile_of
from ..context import Context
from ..rules import Rule
from .settings import DEFAULT_SETTINGS, DocumentSettings
from .text import normalise_brackets, quote_at, sentence_span


def _anchor(report: Report, kind: str) -> Part | None:
    """The part a finding about ``kind`` points at: that part, else the one before it."""
    parts = {part.kind: part for part in report.parts}
    index = PART_KINDS.index(kind)
    for candidate in PART_KINDS[index::-1] + PART_KINDS[index + 1 :]:
        if candidate in parts:
            return parts[candidate]
    return None


@dataclass(frozen=True)
class RequiredParts(Rule):
    """The four parts: 概况, 决算表, 情况说明, 名词解释 (a file of tables alone is TablesOnly's)."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        if tables_only(report):
            return
        present = {part.kind for part in report.parts}
        for kind in PART_KINDS:
            if kind in present or kind == "tables" and report.tables:
                continue
            anchor = _anchor(report, kind)
            yield Finding(
                self.code,
                self.severity,
                f"报告缺少“{PART_NAMES[kind]}”部分",
                quote=anchor.heading if anchor else "",
                source=anchor.source if anchor else None,
            )


def tables_only(report: Report) -> bool:
    """Tables and no prose at all: the 公开报表 published as a file of its own (Jiangsu
    publishes the text and the tables of one budget as two PDFs)."""
    return (
        bool(report.tables)
        and not (report.overview or report.narrative or report.glossary)
        and all(part.kind == "tables" for part in report.parts)
    )


@dataclass(frozen=True)
class TablesOnly(Rule):
    """Say once that a file holds only tables, instead of reporting three parts missing."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        if tables_only(report):
            first = report.tables[0]
            yield Finding(
                self.code,
                self.severity,
                f"本文件只有表格（{len(report.tables)}张），没有概况、情况说明和名词解释（可能另文公开）；文字部分未检查",
                quote=first.title,
                source=first.source,
            )


@dataclass(frozen=True)
class RequiredTopics(Rule):
    """Each (topic, keywords) of the report's profile: some keyword occurs in the 情况说明."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        part = next((p for p in report.parts if p.kind == "narrative"), None)
        if part is None and not report.narrative:
            return  # the part itself is missing: RequiredParts says so
        text = "".join(p.text for p in report.narrative)
        for topic, keywords in profile_of(report).topics:
            if not any(keyword in text for keyword in keywords):
                yield Finding(
                    self.code,
                    self.severity,
                    f"情况说明没有说明“{topic}”（未出现：{'、'.join(keywords)}）",
                    quote=part.heading if part else report.narrative[0].text,
                    source=part.source if part else report.narrative[0].source_at(0),
                )


_BASES = ("上年决算数", "年初预算数")  # the comparisons a reason names (与上年决算数持平 / 与年初预算数持平)


@dataclass(frozen=True)
class _Change:
    paragraph: Paragraph
    start: int
    end: int
    base: str  # model.prose.base_of: 上年决算数, 年初预算数, 全年预算, 预算
    percent: Decimal | None  # None: base 0, not comparable
    amount: Decimal


def _changes(paragraph: Paragraph) -> list[_Change]:
    """The changes of a paragraph that print their size ('比上年决算数减少273.02万元，下降12.2%',
    '…增长--（基数为0，不可比）', '比上年增长5%'), by model.prose's grammar."""
    out = []
    for match in CHANGE.finditer(normalise(paragraph.text)):
        change = read_change(match)
        if change["percent"] is None and not change["base_zero"]:
            continue  # no percent printed: the size of the change is not stated here
        value = change["change"] if change["change"] is not None else change["percent"]
        out.append(
            _Change(paragraph, match.start(), match.end(), change["base"], None if change["base_zero"] else change["percent"], value)
        )
    return out


def _regions(report: Report) -> list[tuple[_Change, str, bool]]:
    """Each change with the text after it up to the next change (in its section), and
    whether the section has a reason paragraph of its own (as the 三公 template does)."""
    out = []
    for _heading, members in sections(report.narrative):
        paragraphs = [p for _, p in members]
        found = [(p, _changes(p)) for p in paragraphs]
        changes = [c for _, cs in found for c in cs]
        section_reason = any(reasons(p.text) and not cs for p, cs in found)
        for i, change in enumerate(changes):
            following = changes[i + 1] if i + 1 < len(changes) else None
            text = change.paragraph.text
            if following is not None and following.paragraph is change.paragraph:
                region = text[change.end : following.start]
            else:
                region = text[change.end :]
                index = paragraphs.index(change.paragraph) + 1
                stop = paragraphs.index(following.paragraph) if following is not None else len(paragraphs)
                region += "".join(p.text for p in paragraphs[index:stop])
                if following is not None:
                    region += following.paragraph.text[: following.start]
            out.append((change, region, section_reason))
    return out


def _describe(change: _Change) -> str:
    return "基数为0" if change.percent is None else f"{change.percent}%"


@dataclass(frozen=True)
class ChangeReasons(Rule):
    """A change beyond the threshold is followed by its reason (主要变动情况：… / 主要原因：…)."""

    settings: DocumentSettings = field(default=DEFAULT_SETTINGS)

    def findings(self, context: Context) -> Iterator[Finding]:
        threshold = self.settings.reason_threshold
        for change, region, section_reason in context.cached(_regions, _regions):
            if change.amount == 0 or change.percent is not None and abs(change.percent) <= threshold:
                continue
            given = reasons(region)
            if any(r and not no_reason(r) for r in given) or section_reason:
                continue
            if given and not any(given):
                continue  # an empty '主要原因：' is reported as unfinished text
            said = "原因写为“无”" if given else "没有说明原因"
            text = change.paragraph.text
            yield Finding(
                self.code,
                self.severity,
                f"变动{_describe(change)}，超过{threshold}%，但{said}（应有“主要变动情况：…”或“主要原因：…”）",
                quote=quote_at(text, change.start, change.end),
                source=change.paragraph.source_at(change.start),
            )


@dataclass(frozen=True)
class ReasonBasis(Rule):
    """The reason speaks of the same comparison as the change (上年决算数 vs 年初预算数)."""

    def findings(self, context: Context) -> Iterator[Finding]:
        for change, region, _ in context.cached(_regions, _regions):
            reason = REASON.search(region)
            if change.base not in _BASES or reason is None:
                continue
            same = same_as(reason.group("text"))
            if same and base_of(same.group("base")) != change.base:
                text = change.paragraph.text
                left, right = sentence_span(text, change.start, change.end)
                reason_end = change.end + reason.end()
                if reason_end <= len(text):  # the reason is in the same paragraph: quote both
                    right = max(right, sentence_span(text, reason_end - 1)[1])
                yield Finding(
                    self.code,
                    self.severity,
                    f"此处与{change.base}比较，说明却写“{same.group(0)}”（套用了另一处的表述）",
                    quote=text[left:right],
                    source=change.paragraph.source_at(change.start),
                )


_COUNT = re.compile(r"单位共\s*(?P<total>\d+)\s*个[，,]?\s*(?:包括|含)(?P<own>本级)?(?:[和及、])?(?:下属)?\s*(?P<sub>\d+)\s*个")


@dataclass(frozen=True)
class UnitCount(Rule):
    """决算单位构成: the stated number of units = 本级 + the subordinate units it lists."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for paragraph in report.overview:
            for match in _COUNT.finditer(paragraph.text):
                total, sub = int(match.group("total")), int(match.group("sub"))
                expected = sub + (1 if match.group("own") else 0)
                if total != expected:
                    yield Finding(
                        self.code,
                        self.severity,
                        f"决算单位构成写“共{total}个”，又写包括{'本级和' if match.group('own') else ''}下属{sub}个单位（合计{expected}个），前后不一致",
                        quote=quote_at(paragraph.text, match.start(), match.end()),
                        source=paragraph.source_at(match.start()),
                    )


_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|\d+[、.．]|[（(][一二三四五六七八九十\d]+[)）])")


def _term_key(term: str) -> str:
    """A term without its list ordinal ('十、“三公”经费'), quotes or bracket widths."""
    return _ORDINAL.sub("", normalise_brackets(term).replace("“", "").replace("”", "").replace('"', "").strip())


@dataclass(frozen=True)
class GlossaryTerms(Rule):
    """Each template term of the report's profile that the report uses (in a table or
    the narrative) is defined in the 名词解释, with a definition."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        part = next((p for p in report.parts if p.kind == "glossary"), None)
        if part is None and not report.glossary:
            return  # the part itself is missing: RequiredParts says so
        defined = {_term_key(entry.term): entry for entry in report.glossary}
        used = "".join(
            [p.text for p in report.narrative]
            + [row.name for t in report.tables for row in t.rows]
            + [c.key for t in report.tables for c in t.columns]
        )
        used_key = _term_key(used)
        for term in profile_of(report).glossary:
            key = _term_key(term)
            entry = defined.get(key)
            if entry is not None:
                if not entry.definition.strip():
                    yield Finding(self.code, self.severity, f"名词解释“{entry.term}”没有解释内容", quote=entry.term, source=entry.source)
                continue
            if key in used_key:
                yield Finding(
                    self.code,
                    self.severity,
                    f"报告使用了“{term}”，名词解释中没有解释",
                    quote=part.heading if part else "",
                    source=part.source if part else None,
                )
