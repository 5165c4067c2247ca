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
from dataclasses import dataclass, field, replace
from decimal import Decimal
from typing import TypedDict

from ..model import Claim, Paragraph, Report, Source
from ..model.numbers import NUMBER as _NUM
from ..model.numbers import AmountTooLong, amount
from ..model.prose import BASE as _BASE
from ..model.prose import DASH as _DASH
from ..model.prose import UNIT as _UNIT
from ..model.prose import ZERO_NOTE as _ZERO_NOTE
from ..model.prose import base_of, change, compared, flat, normalise, read_change, trend, year_of
from ..profiles import profile_of
from ..profiles.narrative import Narrative, Phrase
from .budget_items import with_items

_COUNT_UNITS = "台（套）|人次|天次|张次|条次|辆|个|次|人|名|家|份|台|套|件|项|场|篇|本|张|宗|条|户|间|所|批"

# The shapes of the template, in the order they are tried at a position. The change
# shapes are model.prose's (one grammar with the document checks and the renderer).
_SHAPES = re.compile(
    rf"(?P<perf>全年预算数为?(?P<pb>{_NUM})万元，执行数为?(?P<pe>{_NUM})万元，完成预算的(?P<pp>{_NUM})%)"
    rf"|(?P<budexec>年初预算(?:数)?为?(?P<eb>{_NUM})万元，(?:支出)?决算(?:数)?为?(?P<ee>{_NUM})万元[，。]完成(?:年初|全年)?预算的(?P<ep>{_NUM})%)"
    rf"|(?P<change>{compared('c_')})"
    rf"|(?P<cmp>(?:与|同|和)(?P<m_base>{_BASE})相比，(?P<ms>[^，。；\d%]{{0,30}}?){change('m_')})"
    rf"|(?P<flat>{flat('f_')})"
    rf"|(?P<delta>(?<=[^\d比较])(?P<d_direction>增加|减少)(?P<d_change>{_NUM})(?P<d_unit>{_UNIT}){trend('d_')})"
    rf"|(?P<complete>完成(?P<kb>全年预算|预算)(?:(?P<kr>{_NUM})万元)?的(?:(?P<kp>{_NUM})%|(?P<kz>{_DASH})(?P<kzn>{_ZERO_NOTE})?))"
    rf"|(?P<rate>执行率达?(?P<rp>{_NUM})%)"
    rf"|(?P<share>占(?P<so>[^，。；：%\d]*?)的?(?P<sp>{_NUM})%)"
    rf"|(?P<amount>(?<![\d.,])(?P<an>{_NUM})(?P<au>{_UNIT}))"
    rf"|(?P<pct>(?<![\d.,])(?P<pn>{_NUM})%)"
    rf"|(?P<count>(?<![\d.,])(?P<nn>{_NUM})(?P<nq>余)?(?P<nu>{_COUNT_UNITS}))"
    rf"|(?P<bare>(?<![\d.,\[〔])(?P<bn>{_NUM})(?![\d.,年月日号时、\]〕\-]))"
)
# A 预算 compares with last year's budget and prints its comparisons without the comma
# (与上年相比增加X万元，增长Y%; 比上年预算减少X万元; 比2023年预算增加X万元): the same shapes with
# a budget's base, and 与…相比 directly followed by the change.
_BUDGET_BASE = r"上一?年度?预算数?|20\d{2}年度?预算数?|上一?年度?|20\d{2}年度?|上年同期"
_BUDGET_SHAPES = re.compile(
    _SHAPES.pattern.replace(f"(?P<change>{compared('c_')})", rf"(?P<change>(?:比|较)(?P<c_base>{_BUDGET_BASE}){change('c_')})")
    .replace(
        rf"|(?P<cmp>(?:与|同|和)(?P<m_base>{_BASE})相比，",
        rf"|(?P<bcmp>(?:与|同|和)(?P<x_base>{_BUDGET_BASE})(?:相比|比较){change('x_')})"
        rf"|(?P<cmp>(?:与|同|和)(?P<m_base>{_BUDGET_BASE})(?:相比|比较)，",
    )
    .replace(f"(?P<flat>{flat('f_')})", rf"(?P<flat>与(?P<f_base>{_BUDGET_BASE})(?:持平|相等|相同))")
)
assert _BUDGET_SHAPES.pattern != _SHAPES.pattern and "bcmp" in _BUDGET_SHAPES.pattern and "{_BUDGET_BASE}" not in _BUDGET_SHAPES.pattern
_SPACE = re.compile(r"\s+")

# How every shape begins: positions where none does are not tried (the scan is the
# regex's own, only faster — re tries every alternative at every position). A base
# (model.prose.BASE) begins with 上, 年, 全, 预 or a year.
_START = re.compile(r"\d|全年预算|年初预算|[比较与同和](?=[上年全预]|20)|增加|减少|完成|执行率|占")
_DELIMITERS = "，；：、。"
_SENTENCE_END = re.compile(r"[。；]")
_QUOTED = re.compile(r"“[^”]*\d[^”]*”|《[^》]*》")
_ORDINAL = re.compile(r"^(?:\d+[.、]|[（(][一二三四五六七八九十\d]+[)）]|其中)")
# '1、社会保障和就业支出（类）行政事业单位养老支出（款）行政单位离退休（项）': a subject named
# by its 类/款/项 names, as the 一般公共预算 具体情况 lists them.
_ITEM = re.compile(
    r"(?P<lei>[^，。；：、（）\d]{2,30})（类）(?:(?P<kuan>[^，。；：、（）]{2,30})（款）)?(?:(?P<xiang>[^，。；：、（）]{2,30})（项）)?"
)
# 决算数同预算数持平 / 决算数小于预算数: how the text compares execution with the budget.
_RELATION = re.compile(
    r"决算数?(?:同|与)?(?P<rel>持平|小于|大于|低于|高于|超过|等于)(?:年初)?预算数?|决算数?(?:同|与)(?:年初)?预算数?(?P<rel2>持平|相等|一致)"
)


def _shapes(text: str, start: int, end: int, shapes: re.Pattern[str] = _SHAPES):
    """The shapes of ``text[start:end]`` in reading order, as ``shapes.finditer`` finds them."""
    pos = start
    search, match = _START.search, shapes.match
    while True:
        candidate = search(text, pos, end)
        if candidate is None:
            return
        at = candidate.start()
        m = match(text, at, end)
        if m is None:
            pos = at + 1
        else:
            yield m
            pos = m.end()


def _mask(text: str) -> str:
    """Names in quotation marks and titles in 《》 (project names carrying amounts,
    document numbers) are not statements: blank them, keeping the length."""
    return _QUOTED.sub(lambda m: m.group(0)[0] + "□" * (len(m.group(0)) - 2) + m.group(0)[-1], text)


@dataclass
class _Statement:
    """A claim being built; a statement grows as shapes attach to it."""

    fields: dict
    start: int
    end: int
    attached: list[dict] = field(default_factory=list)


class _Lexicon:
    """A phrase table, indexed by the sections and unit of a lookup (``lookup`` over the
    phrases that can match there); a narrative's own index when given one."""

    def __init__(self, phrases: tuple[Phrase, ...], narrative: Narrative | None = None) -> None:
        self.phrases_for = narrative.phrases_for if narrative is not None else Narrative(phrases=phrases).phrases_for

    def lookup(self, subject: str, prefix: str, sections: tuple[str, ...], unit: str = "") -> str:
        chosen = self.phrases_for(sections, unit)
        best: tuple[int, int] | None = None
        found = ""
        for phrase in chosen:
            if phrase.context and phrase.context not in prefix:
                continue
            if phrase.text.startswith("^"):  # the whole subject ('^支出预算': not '…拨款支出预算')
                if subject.strip() != phrase.text[1:]:
                    continue
                key = (len(subject), len(phrase.text))
            elif phrase.text:
                at = subject.rfind(phrase.text)
                if at < 0:
                    continue
                key = (at + len(phrase.text), len(phrase.text))
            else:
                key = (0, 0)
            if best is None or key > best:
                best, found = key, phrase.quantity
        return found


def lookup(phrases: tuple[Phrase, ...], subject: str, prefix: str, sections: tuple[str, ...], unit: str = "") -> str:
    """The quantity a subject names: the longest phrase that ends last in it, among the
    phrases of the section whose unit fits and whose context occurs earlier."""
    return _Lexicon(phrases).lookup(subject, prefix, sections, unit)


def _sentences(text: str) -> list[tuple[int, int]]:
    """Sentence spans; '…万元。完成年初预算的…%' stays one statement."""
    spans, start = [], 0
    for m in _SENTENCE_END.finditer(text):
        if text.startswith("完成", m.end()):
            continue
        spans.append((start, m.end()))
        start = m.end()
    if start < len(text):
        spans.append((start, len(text)))
    return spans


def paragraph_claims(
    narrative: Narrative,
    paragraph: Paragraph,
    index: int,
    section: str,
    part: str = "narrative",
    lexicon: _Lexicon | None = None,
    budget: bool = False,
) -> list[Claim]:
    """The claims of one paragraph. ``budget``: a 预算's narrative (its comparisons are with
    last year's budget, its numbers printed with spaces: '增长 57.83 %')."""
    original, kept = paragraph, None
    if budget:
        paragraph, kept = _compact(paragraph)
    printed = paragraph.text
    text = _mask(normalise(printed))
    claims: list[Claim] = []
    previous: dict = {}  # the paragraph's last statement, and the base of its last comparison
    lexicon = lexicon or _Lexicon(narrative.phrases, narrative)
    for s_start, s_end in _sentences(text):
        found = _sentence_claims(narrative, lexicon, printed, text, s_start, s_end, paragraph, index, section, part, previous, budget)
        if budget:
            found = [_budget_claim(c) for c in found]
        claims.extend(found)
        # a budget's change in the next sentence ('…16,458.75万元，主要用于…。与上年相比增加…')
        # is of the last amount stated, named through the phrase table or not
        amounts = [c for c in found if c.kind == "amount" and (c.quantity or budget)]
        if amounts:
            last = amounts[-1]
            previous.update(quantity=last.quantity, subject=last.subject, amount=last.amount, unit=last.unit)
    if kept is not None:  # offsets and quotes in the paragraph as printed
        claims = [_uncompact(claim, original.text, kept) for claim in claims]
    return claims


def _budget_claim(claim: Claim) -> Claim:
    """A 预算's claim: '上年' is last year's budget; a list ordinal's bracket is not part of
    the subject ('（1）' is read as a figure 1 and a '）')."""
    base = "上年预算数" if claim.base == "上年决算数" else claim.base
    subject, quote = claim.subject.lstrip("）)"), claim.quote.lstrip("）)")
    if (base, subject, quote) == (claim.base, claim.subject, claim.quote):
        return claim
    return replace(claim, base=base, subject=subject, quote=quote)


def _uncompact(claim: Claim, text: str, kept: list[int]) -> Claim:
    start = kept[claim.start] if claim.start < len(kept) else len(text)
    end = kept[claim.end - 1] + 1 if 0 < claim.end <= len(kept) else start
    return replace(claim, start=start, end=end, quote=text[start:end].strip("，、").lstrip("）)"))


def _compact(paragraph: Paragraph) -> tuple[Paragraph, list[int] | None]:
    """The paragraph without the spaces a PDF's layout put between words and numbers, its
    line spans moved with the text, and the printed offset of each character kept."""
    text = paragraph.text
    if not _SPACE.search(text):
        return paragraph, None
    kept = [i for i, ch in enumerate(text) if not ch.isspace()]
    before = [0] * (len(text) + 1)  # characters kept before each offset
    count = 0
    for i, ch in enumerate(text):
        before[i] = count
        if not ch.isspace():
            count += 1
    before[len(text)] = count
    spans = tuple(replace(span, offset=before[min(span.offset, len(text))]) for span in paragraph.spans)
    return replace(paragraph, text="".join(text[i] for i in kept), spans=spans), kept


def _subject_start(text: str, lo: int, hi: int) -> int:
    """After the last delimiter before ``hi`` (not before ``lo``), past list ordinals."""
    start = lo
    for i in range(hi - 1, lo - 1, -1):
        if text[i] in _DELIMITERS:
            start = i + 1
            break
    m = _ORDINAL.match(text, start)
    return m.end() if m and m.end() <= hi else start


def _sentence_claims(
    narrative: Narrative,
    lexicon: _Lexicon,
    printed: str,
    text: str,
    s_start: int,
    s_end: int,
    paragraph: Paragraph,
    index: int,
    section: str,
    part: str,
    previous_statement: dict,
    yusuan: bool = False,
) -> list[Claim]:
    sections = narrative.sections_of(section)
    find = lexicon.lookup
    built: list[_Statement] = []
    current: _Statement | None = None
    last_end = s_start
    last_base: str | None = previous_statement.get("base")  # the base of the paragraph's last comparison

    def new(kind: str, start: int, end: int, **values: object) -> _Statement:
        statement = _Statement(dict(kind=kind, section=section, **values), start, end)
        built.append(statement)
        return statement

    def attach(kind: str, end: int, **values: object) -> None:
        """A change, completion or share of the current statement's quantity."""
        assert current is not None
        current.end = end
        current.attached.append(
            dict(
                kind=kind,
                section=section,
                quantity=current.fields["quantity"],
                subject=current.fields["subject"],
                amount=current.fields.get("amount"),
                unit=current.fields.get("unit", ""),
                **values,
            )
        )

    def adjacent(start: int) -> bool:
        """Only commas between the current statement and a shape that belongs to it."""
        return current is not None and not text[current.end : start].strip("，")

    for m in _shapes(text, s_start, s_end, _BUDGET_SHAPES if yusuan else _SHAPES):
        kind = m.lastgroup
        if kind == "bcmp":
            # '…万元，与上年相比增加X万元，增长Y%': the change of the amount just stated, else
            # (a sentence of its own) of the paragraph's last statement, as '比上年' is
            kind = "change"
            m = _Renamed(m, "x_", "c_")
        g = m.group
        try:
            prefix = text[s_start : m.start()]
            if kind == "amount":
                start = _subject_start(text, last_end, m.start())
                subject = text[start : m.start()]
                quantity = find(subject, prefix, sections)
                item = () if quantity else _item(text, start, m.start())
                current = new(
                    "amount",
                    start,
                    m.end(),
                    quantity=quantity,
                    subject=printed[start : m.start()],
                    amount=amount(g("an")),
                    unit=g("au"),
                    item=item,
                )
            elif kind == "change" and adjacent(m.start()):
                attach("change", m.end(), **read_change(m, "c_"))
                last_base = previous_statement["base"] = g("c_base")
            elif kind == "flat" and adjacent(m.start()):
                attach("change", m.end(), base=base_of(g("f_base")), base_year=year_of(g("f_base")), change=Decimal(0), flat=True)
            elif kind == "cmp":
                # '与2023年度相比，收入支出总计增加1062.85万元，增长12.08%': the quantity is named
                # again after 相比; its amount is the one stated before (in the sentence before)
                named = find(g("ms"), prefix, sections) if g("ms") else ""
                quantity = named or (current.fields["quantity"] if current is not None else previous_statement.get("quantity", ""))
                stated_amount = _stated(built, previous_statement, quantity)
                new(
                    "change",
                    m.start(),
                    m.end(),
                    quantity=quantity,
                    subject=g("ms") or "",
                    amount=stated_amount,
                    unit="万元",
                    **read_change(m, "m_"),
                )
                last_base = previous_statement["base"] = g("m_base")
                current = None
            elif kind == "budexec":
                # '年初预算为A万元，支出决算为B万元，完成年初预算的C%'
                start = _subject_start(text, last_end, m.start())
                subject = text[start : m.start()]
                quantity = find(subject, prefix, sections) or (current.fields["quantity"] if current is not None else "")
                item = _item(text, s_start, m.start()) or _paragraph_item(text)
                relation = _RELATION.search(text, m.end(), min(len(text), m.end() + 30))
                new(
                    "completion",
                    start,
                    m.end(),
                    quantity="" if item and not subject.strip("，") else quantity,
                    subject=printed[start : m.start()],
                    amount=amount(g("ee")),
                    unit="万元",
                    base="年初预算数",
                    reference=amount(g("eb")),
                    percent=amount(g("ep")),
                    item=item,
                    relation=(relation.group("rel") or relation.group("rel2")) if relation else "",
                )
                current = None
            elif kind == "delta" and last_base is not None:
                # '公务接待费支出决算减少0.15万元，下降27.78%' after a comparison in the same sentence
                start = _subject_start(text, last_end, m.start())
                quantity = find(text[start : m.start()], prefix, sections)
                new(
                    "change",
                    start,
                    m.end(),
                    quantity=quantity,
                    subject=printed[start : m.start()],
                    amount=_stated(built, previous_statement, quantity),
                    unit="万元",
                    **read_change(m, "d_", base=last_base),
                )
                current = None
            elif kind in ("complete", "rate"):
                percent = g("kp") if kind == "complete" else g("rp")
                values = dict(
                    base=g("kb") if kind == "complete" else "预算",
                    reference=amount(g("kr")) if kind == "complete" and g("kr") else None,
                    percent=amount(percent) if percent else None,
                    base_zero=bool(kind == "complete" and g("kz")),
                )
                if adjacent(m.start()):
                    attach("completion", m.end(), **values)
                else:
                    quantity = find(prefix, prefix, sections)
                    new("completion", m.start(), m.end(), quantity=quantity, subject="", **values)
            elif kind == "perf":
                quantity = find(prefix, prefix, sections)
                budget_q, executed_q = narrative.completion_parts.get(quantity, ("", ""))
                start = _subject_start(text, last_end, m.start())
                budget, executed = amount(g("pb")), amount(g("pe"))
                for q, value, group in ((budget_q, budget, "pb"), (executed_q, executed, "pe")):
                    new(
                        "amount",
                        start,
                        m.end(),
                        quantity=q,
                        subject=printed[m.start() : m.start(group)].split("，")[-1],
                        amount=value,
                        unit="万元",
                    )
                new(
                    "completion",
                    start,
                    m.end(),
                    quantity=quantity,
                    subject=printed[start : m.start()],
                    amount=executed,
                    unit="万元",
                    base="全年预算",
                    reference=budget,
                    percent=amount(g("pp")),
                )
                current = None
            elif kind == "share":
                start = _subject_start(text, last_end, m.start())
                named = find(text[start : m.start()], prefix, sections) if m.start() > start else ""
                share_of = find(g("so"), prefix, sections) if g("so") else narrative.default_share_of.get(section, "")
                values = dict(percent=amount(g("sp")), share_of=share_of, share_of_text=printed[m.start("so") : m.end("so")])
                if named or not adjacent(m.start()):
                    new("share", start, m.end(), quantity=named, subject=printed[start : m.start()], unit="%", **values)
                else:
                    attach("share", m.end(), **values)
            elif kind == "count":
                start = _subject_start(text, last_end, m.start())
                unit = g("nu")
                quantity = find(text[start : m.start()], prefix, sections, unit)
                new("count", start, m.end(), quantity=quantity, subject=printed[start : m.start()], amount=amount(g("nn")), unit=unit)
                current = None
            elif kind in ("pct", "bare"):
                start = _subject_start(text, last_end, m.start())
                number = g("pn") or g("bn")
                new(
                    "figure",
                    start,
                    m.end(),
                    quantity="",
                    subject=printed[start : m.start()],
                    amount=amount(number),
                    unit="%" if kind == "pct" else "",
                )
                current = None
            else:
                # A change or 持平 with no amount before it in its sentence, as in a reason
                # (主要变动情况：与上年决算数持平): it speaks of the paragraph's last statement.
                start = _subject_start(text, last_end, m.start())
                previous = previous_statement
                if kind == "change":
                    values = read_change(m, "c_")
                    last_base = previous_statement["base"] = g("c_base")
                elif kind == "flat":
                    values = dict(base=base_of(g("f_base")), base_year=year_of(g("f_base")), change=Decimal(0), flat=True)
                else:
                    last_end = m.end()
                    continue  # an increase not compared with anything
                # '“三公”经费财政拨款支出决算数比2023年度减少0.15万元': the words before 比 name
                # the quantity; without them it is the paragraph's last statement (a reason's 持平)
                named = find(text[start : m.start()], prefix, sections)
                quantity = named or previous.get("quantity", "")
                stated_amount = _stated(built, previous_statement, quantity) if named else previous.get("amount")
                new(
                    "change",
                    start,
                    m.end(),
                    quantity=quantity,
                    subject=printed[start : m.start()] if named else previous.get("subject", ""),
                    amount=stated_amount,
                    unit=previous.get("unit", "万元"),
                    **values,
                )
                current = None
            last_end = m.end()
        except AmountTooLong:  # a number longer than any amount is not a figure
            last_end = m.end()
    return [claim for statement in built for claim in _freeze(statement, printed, paragraph, index, part)]


class _Renamed:
    """A match whose groups of one prefix answer to another's names (one code path for two
    shapes of the same statement)."""

    def __init__(self, match: re.Match[str], old: str, new: str) -> None:
        self._match, self._old, self._new = match, old, new

    def group(self, name: str) -> str | None:
        if name.startswith(self._new):
            name = self._old + name[len(self._new) :]
        return self._match.group(name)

    def start(self, group: int | str = 0) -> int:
        return self._match.start(group)

    def end(self, group: int | str = 0) -> int:
        return self._match.end(group)


def _stated(built: list[_Statement], previous: dict | None, quantity: str) -> Decimal | None:
    """The amount stated for a quantity just before (in this sentence, else the last one)."""
    for statement in reversed(built):
        if statement.fields.get("kind") == "amount" and statement.fields.get("quantity") == quantity:
            return statement.fields.get("amount")
    if previous is not None and previous.get("quantity") == quantity:
        return previous.get("amount")
    return None


def _item(text: str, start: int, end: int) -> tuple[str, ...]:
    """The 类/款/项 names of a subject printed as '…（类）…（款）…（项）'."""
    match = None
    for match in _ITEM.finditer(text, start, end):  # noqa: B007 — the last match is wanted
        pass
    if match is None:
        return ()
    # a name in quotation marks ('“一般公共服务支出（类）…（项）”25.77万元') is the name without them
    return tuple(name.strip("，：、。“”") for name in (match.group("lei"), match.group("kuan"), match.group("xiang")) if name)


def _paragraph_item(text: str) -> tuple[str, ...]:
    """The subject an item paragraph opens with ('1、…（类）…（款）…（项）。主要用于：…')."""
    head = text[: text.find("。") if "。" in text else len(text)]
    return _item(text, 0, len(head))


class _Placing(TypedDict):
    """Where a statement was printed: the fields its claims share."""

    quote: str
    source: Source
    part: str
    paragraph: int
    start: int
    end: int


def _freeze(statement: _Statement, printed: str, paragraph: Paragraph, index: int, part: str) -> list[Claim]:
    quote = printed[statement.start : statement.end].strip("，、")
    common = _Placing(
        quote=quote, source=paragraph.source_at(statement.start), part=part, paragraph=index, start=statement.start, end=statement.end
    )
    claims = [Claim(**statement.fields, **common)]
    claims += [Claim(**values, **common) for values in statement.attached]
    return claims


def extract(report: Report, narrative: Narrative | None = None) -> tuple[Claim, ...]:
    """Every claim of the 概况 and the 情况说明, in reading order, through the phrase table
    of the report's profile (or the one given)."""
    narrative = narrative or profile_of(report).narrative
    lexicon = _Lexicon(narrative.phrases, narrative)
    budget = report.profile is not None and report.profile.family == "yusuan"
    claims: list[Claim] = []
    for i, paragraph in enumerate(report.overview):
        claims.extend(paragraph_claims(narrative, paragraph, i, "overview", "overview", lexicon, budget))
    by_heading = narrative.items is not None and narrative.items_by_heading
    for section, i, paragraph in narrative.paragraphs(report.narrative):
        found = paragraph_claims(narrative, paragraph, i, section, lexicon=lexicon, budget=budget)
        claims.extend(with_items(report.narrative, i, found) if by_heading else found)
    return tuple(claims)


__all__ = ["extract", "normalise", "lookup", "paragraph_claims"]
