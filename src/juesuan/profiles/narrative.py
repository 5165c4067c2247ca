"""The narrative part of a profile: which words of the 情况说明 name which quantity, and
which table cells that quantity restates (the phrase table), as typed records.

A template variant adds rows to its profile file, not code. A phrase matches when it
occurs in the words before a figure (its subject), in one of the listed sections, and
— when ``context`` is set — after that word earlier in the same sentence. The longest
phrase that ends last wins, so '公务用车购置及运行维护费' beats '公务用车购置'. Cells are
named by table, column role and row role or code (``model.refs``), never by position:
``T1.amount[income_grand_total]``, ``T6.amount[30108]``, ``T4.general[expenditure_total]``.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass, field
from typing import Any

from ..model.prose import P, sections
from ..model.refs import Ref

_REF = re.compile(r"^(T\d+|B\d+)\.([a-z_]+)\[([^\]]+)\](?:@([a-z]+))?$")


@dataclass(frozen=True, slots=True)
class Quantity:
    id: str
    name: str  # Chinese, for messages
    refs: tuple[Ref, ...] = ()  # the cells the stated amount restates (summed)
    budget: tuple[Ref, ...] = ()  # the cells of its budget (a completion's base)
    soft: bool = False  # a usual restatement, not an identity: a break is a warning
    # Other cells a misstated figure is often taken from, named in the message.
    alternatives: tuple[tuple[Ref, ...], ...] = ()
    # Cells the table identities make equal to ``refs`` (表4 一般公共预算 per 类 = 表5 类合计):
    # a figure that restates any of them restates the quantity.
    equivalent: tuple[tuple[Ref, ...], ...] = ()
    # The relation holds for administrative units only (机关运行经费 = 公用经费合计): not
    # checked for a report that consolidates 事业单位.
    administrative: bool = False


@dataclass(frozen=True, slots=True)
class Phrase:
    text: str  # occurs in the subject ('' matches any subject, then ``unit`` must match)
    quantity: str
    sections: tuple[str, ...] = ()  # () = any section
    context: str = ""  # must occur earlier in the sentence
    unit: str = ""  # for counts: the unit that must follow the number


@dataclass(frozen=True, slots=True)
class Narrative:
    quantities: dict[str, Quantity] = field(default_factory=dict)
    phrases: tuple[Phrase, ...] = ()
    sections: tuple[tuple[str, str], ...] = ()  # heading words → section id
    subsections: tuple[tuple[str, str, str], ...] = ()  # (section, words, sub-section)
    breakdowns: tuple[tuple[str, tuple[str, ...]], ...] = ()
    completion_parts: dict[str, tuple[str, str]] = field(default_factory=dict)
    default_share_of: dict[str, str] = field(default_factory=dict)
    budget_sums: dict[str, tuple[str, ...]] = field(default_factory=dict)
    same_count: tuple[tuple[str, str], ...] = ()
    zero_with: tuple[tuple[str, tuple[str, ...]], ...] = ()
    # Subjects named by 类/款/项 ('卫生健康支出（类）236.63万元') restate a row of this table
    # and column; a 类 may also restate the columns listed in ``items_classes`` (表4 by fund).
    items: tuple[str, str] | None = None
    items_classes: tuple[tuple[str, str], ...] = ()
    # Items named by a 项 under headings of its 类 and 款 (Jiangsu, ``claims/budget_items``):
    # only those are compared, each with the one row its names pick out.
    items_by_heading: bool = False
    # The phrases that can match in some sections with some unit (``phrases_for``), kept.
    _chosen: dict[tuple[tuple[str, ...], str], tuple[Phrase, ...]] = field(default_factory=dict, repr=False, compare=False)

    def phrases_for(self, sections: tuple[str, ...], unit: str = "") -> tuple[Phrase, ...]:
        """The phrases of those sections (or of any section) whose unit is ``unit``."""
        chosen = self._chosen.get((sections, unit))
        if chosen is None:
            chosen = self._chosen[(sections, unit)] = tuple(
                p for p in self.phrases if (not p.sections or any(s in p.sections for s in sections)) and p.unit == unit
            )
        return chosen

    def sections_of(self, section: str) -> tuple[str, ...]:
        """A sub-section matches the phrases of its section too."""
        for parent, _, child in self.subsections:
            if section == child:
                return (child, parent)
        return (section,)

    def name(self, quantity: str) -> str:
        q = self.quantities.get(quantity)
        return q.name if q else ""

    def section_of(self, heading: str, current: str) -> str:
        """The section a heading opens (its words in ``sections``; a sub-section's words
        under its section), else the section it is in goes on."""
        section = ""
        for words, name in self.sections:
            if words in heading:
                section = name
        for parent, words, child in self.subsections:
            if words in heading and (section == parent or (not section and current in (parent, child))):
                section = child
        return section or current

    def paragraphs(self, paragraphs: Sequence[P]) -> Iterator[tuple[str, int, P]]:
        """(section, index, paragraph) for each paragraph of a 情况说明 that is not a heading
        (``model.prose.is_heading``), the section being the one its headings open."""
        section = ""
        for heading, members in sections(paragraphs):
            if heading is not None:
                section = self.section_of(heading.text, section)
            for i, paragraph in members:
                yield section, i, paragraph


# Keys that a child profile adds to its parent's instead of replacing them.
CONCATENATED = ("phrases", "sections", "subsections", "breakdowns")
_FIELDS = (
    "quantities",
    "phrases",
    "sections",
    "subsections",
    "breakdowns",
    "completion_parts",
    "default_share_of",
    "budget_sums",
    "same_count",
    "zero_with",
    "items",
    "items_classes",
    "items_by_heading",
)
_COLUMN = re.compile(r"^(T\d+|B\d+)\.([a-z_]+)$")


def parse_ref(text: str) -> Ref | None:
    """'T1.amount[income_total|fiscal]' → a Ref by row roles; digits are subject codes."""
    match = _REF.match(text.strip())
    if not match:
        return None
    table, column, keys, side = match.groups()
    names = tuple(k.strip() for k in keys.split("|") if k.strip())
    if all(k.isdigit() for k in names):
        return Ref(table, column, codes=names, side=side or "")
    if any(k.isdigit() for k in names):
        return None
    return Ref(table, column, roles=names, side=side or "")


Fail = Callable[[tuple[Any, ...], str], Exception]


def _strs(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) for v in value)


def build_narrative(data: dict[str, Any], fail: Fail) -> Narrative:
    """The ``[narrative]`` table of a merged profile, validated; ``fail(field, message)``
    makes the error that names the file, line and field."""
    for key in data:
        if key not in _FIELDS:
            raise fail(("narrative", key), f"未知字段（可用：{'、'.join(_FIELDS)}）")

    def refs(field_: tuple[Any, ...], value: Any) -> tuple[Ref, ...]:
        if not _strs(value):
            raise fail(field_, '应为单元格引用数组，如 ["T1.amount[income_total]"]')
        out = []
        for text in value:
            ref = parse_ref(text)
            if ref is None:
                raise fail(field_, f"单元格引用“{text}”格式应为 表.栏目角色[行角色|科目编码]")
            out.append(ref)
        return tuple(out)

    quantities: dict[str, Quantity] = {}
    for qid, spec in data.get("quantities", {}).items():
        where = ("narrative", "quantities", qid)
        if not isinstance(spec, dict) or not isinstance(spec.get("name"), str):
            raise fail(where, "每个数量应有 name（中文名称）")
        unknown = set(spec) - {"name", "refs", "budget", "soft", "alternatives", "equivalent", "administrative"}
        if unknown:
            raise fail(
                where + (sorted(unknown)[0],), "未知字段（可用：name、refs、budget、soft、alternatives、equivalent、administrative）"
            )
        quantities[qid] = Quantity(
            id=qid,
            name=spec["name"],
            refs=refs(where + ("refs",), spec.get("refs", [])),
            budget=refs(where + ("budget",), spec.get("budget", [])),
            soft=bool(spec.get("soft", False)),
            alternatives=tuple(refs(where + ("alternatives",), alt) for alt in spec.get("alternatives", [])),
            equivalent=tuple(refs(where + ("equivalent",), alt) for alt in spec.get("equivalent", [])),
            administrative=bool(spec.get("administrative", False)),
        )

    def known(field_: tuple[Any, ...], qid: Any) -> str:
        if qid not in quantities:
            raise fail(field_, f"数量“{qid}”未在 narrative.quantities 中定义")
        return str(qid)

    phrases = []
    for i, spec in enumerate(data.get("phrases", [])):
        where = ("narrative", "phrases", i)
        if not isinstance(spec, dict) or not isinstance(spec.get("text"), str):
            raise fail(where, "每条短语应为 { text, quantity, sections, context, unit }")
        phrases.append(
            Phrase(
                text=spec["text"],
                quantity=known(where + ("quantity",), spec.get("quantity")),
                sections=tuple(spec.get("sections", ())),
                context=spec.get("context", ""),
                unit=spec.get("unit", ""),
            )
        )

    def pairs(name: str, arity: int) -> list[list[Any]]:
        value = data.get(name, [])
        if not isinstance(value, list) or not all(isinstance(v, list) and len(v) == arity for v in value):
            raise fail(("narrative", name), f"应为数组，每项 {arity} 个元素")
        return value

    sections = tuple((words, section) for words, section in pairs("sections", 2))
    subsections = tuple((parent, words, child) for parent, words, child in pairs("subsections", 3))
    breakdowns = tuple(
        (known(("narrative", "breakdowns"), total), tuple(known(("narrative", "breakdowns"), p) for p in parts))
        for total, parts in pairs("breakdowns", 2)
    )
    zero_with = tuple(
        (known(("narrative", "zero_with"), money), tuple(known(("narrative", "zero_with"), c) for c in counts))
        for money, counts in pairs("zero_with", 2)
    )
    same_count = tuple((known(("narrative", "same_count"), a), known(("narrative", "same_count"), b)) for a, b in pairs("same_count", 2))
    completion_parts = {
        known(("narrative", "completion_parts"), k): (
            known(("narrative", "completion_parts"), v[0]),
            known(("narrative", "completion_parts"), v[1]),
        )
        for k, v in data.get("completion_parts", {}).items()
    }
    default_share_of = {k: known(("narrative", "default_share_of"), v) for k, v in data.get("default_share_of", {}).items()}
    budget_sums = {
        known(("narrative", "budget_sums"), k): tuple(known(("narrative", "budget_sums"), p) for p in v)
        for k, v in data.get("budget_sums", {}).items()
    }

    def column(field_: tuple[Any, ...], value: Any) -> tuple[str, str]:
        match = _COLUMN.match(value) if isinstance(value, str) else None
        if match is None:
            raise fail(field_, f'应为“表.栏目角色”，如 "T5.total"，实为 {value!r}')
        return match.group(1), match.group(2)

    items = column(("narrative", "items"), data["items"]) if "items" in data else None
    items_classes = tuple(column(("narrative", "items_classes"), v) for v in data.get("items_classes", []))
    by_heading = data.get("items_by_heading", False)
    if not isinstance(by_heading, bool):
        raise fail(("narrative", "items_by_heading"), f"应为 true 或 false，实为 {by_heading!r}")
    return Narrative(
        quantities,
        tuple(phrases),
        sections,
        subsections,
        breakdowns,
        completion_parts,
        default_share_of,
        budget_sums,
        same_count,
        zero_with,
        items,
        items_classes,
        by_heading,
    )
