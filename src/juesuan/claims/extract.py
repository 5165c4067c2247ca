"""Claims from the narrative: one regex per sentence shape, a phrase table for names.

The text is read sentence by sentence (split at 。 and ；). Within a sentence a scan
finds the fixed shapes of the template — an amount, a change against a base, 持平,
a completion rate, a share, a count — in reading order. A change, completion or
share attaches to the amount stated just before it (its statement); the words
before an amount name its quantity through the phrase table. Any other number is
kept as a `figure`, so what was not understood stays visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal

from ..model import Claim, Paragraph, Report
from ..profiles import profile_of
from ..profiles.narrative import Narrative, Phrase

# Full-width and half-width forms read alike; the mapping is one character to one,
# so offsets into the normalised text are offsets into the printed text.
_WIDTH = {chr(0xFF10 + i): str(i) for i in range(10)}
_WIDTH.update({"％": "%", "．": ".", "－": "-", "—": "-", "(": "（", ")": "）", ";": "；", ":": "：", "，": "，"})
_NUM = r"(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?"
_DASH = r"-{1,2}%?"
_ZERO_NOTE = r"（基数为0，不可比）"
_UNIT = r"万元|亿元|元"
_COUNT_UNITS = "台（套）|人次|天次|张次|条次|辆|个|次|人|名|家|份|台|套|件|项|场|篇|本|张|宗|条|户|间|所|批"

_SHAPES = re.compile(
    rf"(?P<perf>全年预算数为?(?P<pb>{_NUM})万元，执行数为?(?P<pe>{_NUM})万元，完成预算的(?P<pp>{_NUM})%)"
    rf"|(?P<change>(?:比|较)(?P<cb>上年决算数?|上年|年初预算数?|全年预算数?|预算数?)(?P<cd>增加|减少|增长|下降)(?P<cx>{_NUM})(?:{_UNIT})?"
    rf"(?:，?(?P<ct>增长|下降|增加|减少)(?:(?P<cp>{_NUM})%|(?P<cz>{_DASH})(?P<czn>{_ZERO_NOTE})?))?)"
    rf"|(?P<flat>与(?P<fb>上年决算数?|上年|年初预算数?)持平)"
    rf"|(?P<complete>完成(?P<kb>全年预算|预算)(?:(?P<kr>{_NUM})万元)?的(?:(?P<kp>{_NUM})%|(?P<kz>{_DASH})(?P<kzn>{_ZERO_NOTE})?))"
    rf"|(?P<rate>执行率达?(?P<rp>{_NUM})%)"
    rf"|(?P<share>占(?P<so>[^，。；：%\d]*?)的?(?P<sp>{_NUM})%)"
    rf"|(?P<amount>(?<![\d.,])(?P<an>{_NUM})(?P<au>{_UNIT}))"
    rf"|(?P<pct>(?<![\d.,])(?P<pn>{_NUM})%)"
    rf"|(?P<count>(?<![\d.,])(?P<nn>{_NUM})(?P<nq>余)?(?P<nu>{_COUNT_UNITS}))"
    rf"|(?P<bare>(?<![\d.,\[〔])(?P<bn>{_NUM})(?![\d.,年月日号时、\]〕\-]))"
)
_DELIMITERS = "，；：、。"
_SENTENCE_END = re.compile(r"[。；]")
_QUOTED = re.compile(r"“[^”]*\d[^”]*”|《[^》]*》")
_ORDINAL = re.compile(r"^(?:\d+[.、]|[（(][一二三四五六七八九十\d]+[)）]|其中)")
_HEADING = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）)")
_KINDS = ("perf", "change", "flat", "complete", "rate", "share", "amount", "pct", "count", "bare")


def normalise(text: str) -> str:
    """Half-width digits and signs, full-width brackets and punctuation; same length.
    A half-width comma is a thousands separator only between digits."""
    out = [_WIDTH.get(ch, ch) for ch in text]
    for i, ch in enumerate(out):
        if ch == "," and not (0 < i < len(out) - 1 and out[i - 1].isdigit() and out[i + 1].isdigit()):
            out[i] = "，"
    return "".join(out)


def _mask(text: str) -> str:
    """Names in quotation marks and titles in 《》 (project names carrying amounts,
    document numbers) are not statements: blank them, keeping the length."""
    return _QUOTED.sub(lambda m: m.group(0)[0] + "□" * (len(m.group(0)) - 2) + m.group(0)[-1], text)


def amount(text: str) -> Decimal:
    return Decimal(text.replace(",", ""))


@dataclass
class _Statement:
    """A claim being built; a statement grows as shapes attach to it."""

    fields: dict
    start: int
    end: int
    attached: list[dict] = field(default_factory=list)


def lookup(phrases: tuple[Phrase, ...], subject: str, prefix: str, sections: tuple[str, ...], unit: str = "") -> str:
    """The quantity a subject names: the longest phrase that ends last in it, among the
    phrases of the section whose unit fits and whose context occurs earlier."""
    best: tuple[int, int] | None = None
    found = ""
    for phrase in phrases:
        if phrase.sections and not any(s in phrase.sections for s in sections):
            continue
        if phrase.unit != unit:
            continue
        if phrase.context and phrase.context not in prefix:
            continue
        if phrase.text:
            at = subject.rfind(phrase.text)
            if at < 0:
                continue
            key = (at + len(phrase.text), len(phrase.text))
        else:
            key = (0, 0)
        if best is None or key > best:
            best, found = key, phrase.quantity
    return found


def section_of(narrative: Narrative, heading: str, current: str) -> str:
    section = ""
    for words, name in narrative.sections:
        if words in heading:
            section = name
    for parent, words, child in narrative.subsections:
        if words in heading and (section == parent or (not section and current in (parent, child))):
            section = child
    return section or current


def is_heading(text: str) -> bool:
    return bool(_HEADING.match(text)) and len(text) <= 40 and not re.search(r"\d万元|%", text)


def _sentences(text: str) -> list[tuple[int, int]]:
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def paragraph_claims(narrative: Narrative, paragraph: Paragraph, index: int, section: str, part: str = "narrative") -> list[Claim]:
    printed = paragraph.text
    text = _mask(normalise(printed))
    claims: list[Claim] = []
    previous: dict | None = None
    for s_start, s_end in _sentences(text):
        found = _sentence_claims(narrative, printed, text, s_start, s_end, paragraph, index, section, part, previous)
        claims.extend(found)
        amounts = [c for c in found if c.kind == "amount" and c.quantity]
        if amounts:
            last = amounts[-1]
            previous = dict(quantity=last.quantity, subject=last.subject, amount=last.amount, unit=last.unit)
    return claims


def _subject_start(text: str, lo: int, hi: int) -> int:
    """After the last delimiter before ``hi`` (not before ``lo``), past list ordinals."""
    start = lo
    for i in range(hi - 1, lo - 1, -1):
        if text[i] in _DELIMITERS:
            start = i + 1
            break
    m = _ORDINAL.match(text, start)
    return m.end() if m and m.end() <= hi else start


def _sentence_claims(narrative: Narrative, printed: str, text: str, s_start: int, s_end: int, paragraph: Paragraph, index: int, section: str, part: str,
                     previous_statement: dict | None) -> list[Claim]:
    sections = narrative.sections_of(section)
    phrases = narrative.phrases
    built: list[_Statement] = []
    current: _Statement | None = None
    last_end = s_start

    def new(kind: str, start: int, end: int, **values: object) -> _Statement:
        statement = _Statement(dict(kind=kind, section=section, **values), start, end)
        built.append(statement)
        return statement

    def attach(kind: str, end: int, **values: object) -> None:
        """A change, completion or share of the current statement's quantity."""
        assert current is not None
        current.end = end
        current.attached.append(dict(kind=kind, section=section, quantity=current.fields["quantity"],
                                     subject=current.fields["subject"], amount=current.fields.get("amount"),
                                     unit=current.fields.get("unit", ""), **values))

    def adjacent(start: int) -> bool:
        """Only commas between the current statement and a shape that belongs to it."""
        return current is not None and not text[current.end:start].strip("，")

    for m in _SHAPES.finditer(text, s_start, s_end):
        kind = next(k for k in _KINDS if m.group(k))
        g = m.group
        prefix = text[s_start:m.start()]
        if kind == "amount":
            start = _subject_start(text, last_end, m.start())
            subject = text[start:m.start()]
            quantity = lookup(phrases, subject, prefix, sections)
            current = new("amount", start, m.end(), quantity=quantity, subject=printed[start:m.start()],
                          amount=amount(g("an")), unit=g("au"))
        elif kind == "change" and adjacent(m.start()):
            attach("change", m.end(), base=_base(g("cb")), change=amount(g("cx")), direction=g("cd"), trend=g("ct") or "",
                   percent=amount(g("cp")) if g("cp") else None, base_zero=bool(g("cz")))
        elif kind == "flat" and adjacent(m.start()):
            attach("change", m.end(), base=_base(g("fb")), change=Decimal(0), flat=True)
        elif kind in ("complete", "rate"):
            percent = g("kp") if kind == "complete" else g("rp")
            values = dict(base=g("kb") if kind == "complete" else "预算", reference=amount(g("kr")) if kind == "complete" and g("kr") else None,
                          percent=amount(percent) if percent else None, base_zero=bool(kind == "complete" and g("kz")))
            if adjacent(m.start()):
                attach("completion", m.end(), **values)
            else:
                quantity = lookup(phrases, prefix, prefix, sections)
                new("completion", m.start(), m.end(), quantity=quantity, subject="", **values)
        elif kind == "perf":
            quantity = lookup(phrases, prefix, prefix, sections)
            budget_q, executed_q = narrative.completion_parts.get(quantity, ("", ""))
            start = _subject_start(text, last_end, m.start())
            budget, executed = amount(g("pb")), amount(g("pe"))
            for q, value, group in ((budget_q, budget, "pb"), (executed_q, executed, "pe")):
                new("amount", start, m.end(), quantity=q, subject=printed[m.start():m.start(group)].split("，")[-1], amount=value, unit="万元")
            new("completion", start, m.end(), quantity=quantity, subject=printed[start:m.start()], amount=executed, unit="万元",
                base="全年预算", reference=budget, percent=amount(g("pp")))
            current = None
        elif kind == "share":
            start = _subject_start(text, last_end, m.start())
            named = lookup(phrases, text[start:m.start()], prefix, sections) if m.start() > start else ""
            share_of = lookup(phrases, g("so"), prefix, sections) if g("so") else narrative.default_share_of.get(section, "")
            values = dict(percent=amount(g("sp")), share_of=share_of, share_of_text=printed[m.start("so"):m.end("so")])
            if named or not adjacent(m.start()):
                new("share", start, m.end(), quantity=named, subject=printed[start:m.start()], unit="%", **values)
            else:
                attach("share", m.end(), **values)
        elif kind == "count":
            start = _subject_start(text, last_end, m.start())
            unit = g("nu")
            quantity = lookup(phrases, text[start:m.start()], prefix, sections, unit)
            new("count", start, m.end(), quantity=quantity, subject=printed[start:m.start()], amount=amount(g("nn")), unit=unit)
            current = None
        elif kind in ("pct", "bare"):
            start = _subject_start(text, last_end, m.start())
            number = g("pn") or g("bn")
            new("figure", start, m.end(), quantity="", subject=printed[start:m.start()], amount=amount(number), unit="%" if kind == "pct" else "")
            current = None
        else:
            # A change or 持平 with no amount before it in its sentence, as in a reason
            # (主要变动情况：与上年决算数持平): it speaks of the paragraph's last statement.
            start = _subject_start(text, last_end, m.start())
            previous = previous_statement or {}
            values = dict(base=_base(g("cb") or g("fb")), change=amount(g("cx")) if g("cx") else Decimal(0), flat=kind == "flat")
            if kind == "change":
                values.update(direction=g("cd"), trend=g("ct") or "", percent=amount(g("cp")) if g("cp") else None, base_zero=bool(g("cz")))
            new("change", start, m.end(), quantity=previous.get("quantity", ""), subject=previous.get("subject", ""),
                amount=previous.get("amount"), unit=previous.get("unit", ""), **values)
            current = None
        last_end = m.end()
    return [claim for statement in built for claim in _freeze(statement, printed, paragraph, index, part)]


def _base(word: str) -> str:
    if word.startswith("上年"):
        return "上年决算数"
    if word.startswith("年初"):
        return "年初预算数"
    if word.startswith("全年"):
        return "全年预算"
    return "预算"


def _freeze(statement: _Statement, printed: str, paragraph: Paragraph, index: int, part: str) -> list[Claim]:
    quote = printed[statement.start:statement.end].strip("，、")
    common = dict(quote=quote, source=paragraph.source_at(statement.start), part=part, paragraph=index,
                  start=statement.start, end=statement.end)
    claims = [Claim(**statement.fields, **common)]
    claims += [Claim(**values, **common) for values in statement.attached]
    return claims


def extract(report: Report, narrative: Narrative | None = None) -> tuple[Claim, ...]:
    """Every claim of the 概况 and the 情况说明, in reading order, through the phrase table
    of the report's profile (or the one given)."""
    narrative = narrative or profile_of(report).narrative
    claims: list[Claim] = []
    for i, paragraph in enumerate(report.overview):
        claims.extend(paragraph_claims(narrative, paragraph, i, "overview", "overview"))
    section = ""
    for i, paragraph in enumerate(report.narrative):
        if is_heading(paragraph.text):
            section = section_of(narrative, paragraph.text, section)
            continue
        claims.extend(paragraph_claims(narrative, paragraph, i, section))
    return tuple(claims)


__all__ = ["extract", "normalise", "lookup", "paragraph_claims"]
