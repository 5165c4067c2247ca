"""Identity and period: the same department, year and amount unit throughout."""

from __future__ import annotations

import re
from bisect import bisect_left
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal

from ...model import TABLE_NAMES, Finding, Report, Source, Table
from ...model.numbers import NUMBER, AmountTooLong, amount
from ..context import Context
from ..rules import Rule
from .text import Passage, base_name, normalise_brackets, passages, quote_at, report_year, scope_passages

_NUMERAL = "一二三四五六七八九十"
_PART_ENTITY = (
    re.compile(rf"^第[{_NUMERAL}]+部分\s*[:：]?\s*(?P<name>.+?)(?:部门|单位)?概况$"),
    re.compile(rf"^第[{_NUMERAL}]+部分\s*[:：]?\s*(?P<name>.+?)20\d{{2}}\s*年度?(?:部门|单位)?决算"),
)
_ORG_SUFFIX = "局|委员会|委|办公室|办|院|厅|部|中心|政府|所|站|队|会|馆|社|处|署|校|园|团|室|司|行|台|公司"
# '<name>2024年度总收入…' opening a sentence: the template's slot for the reporting entity.
_TEMPLATE_AFTER_YEAR = (
    r"(?:总收入|总支出|财政拨款|“三公”|\"三公\"|三公|机关运行经费|政府采购|部门决算|单位决算|收入支出|无政府性基金|无国有资本经营|预算绩效)"
)
# '2024年，××局所属各预算单位…' and '××局部门（单位）共有车辆': the entity before 所属 / 部门（单位）
_NAME_BEFORE = re.compile(
    rf"(?:^|(?<=[。；，]))\s*(?:20\d{{2}}\s*年，)?(?P<name>[^\s，。；：、“”《》0-9]{{2,40}}?(?:{_ORG_SUFFIX}))(?P<mark>)(?:所属|部门（单位）)"
)
_CAPTION = re.compile(r"^(?P<name>.+?)\s*20\d{2}\s*年度?(?:部门|单位)?决算表$")
_NAME_SLOT = re.compile(
    rf"(?:^|(?<=[。；]))\s*(?P<name>[^\s，。；：、“”《》0-9]{{2,40}}?(?:{_ORG_SUFFIX}))"
    rf"(?P<mark>（本级）|\(本级\))?(?P<year>20\d{{2}})\s*年度(?={_TEMPLATE_AFTER_YEAR})"
)
_PRONOUN = re.compile(r"^(?:我|本|该|各|全|上级|下属)")


def _named(table: Table) -> str:
    """'表3（支出决算表）': the printed number and what the table is; the title when the
    report prints no numbers."""
    name = TABLE_NAMES.get(table.kind, table.title)
    return f"{table.number}（{name}）" if table.number else name


@dataclass(frozen=True)
class _Mention:
    name: str
    quote: str
    source: Source | None
    where: str
    table: bool = False


def _mentions(report: Report) -> list[_Mention]:
    found: list[_Mention] = []
    for part in report.parts:
        for pattern in _PART_ENTITY:
            match = pattern.match(part.heading)
            if match and match.group("name") not in ("部门", "单位", "本部门", "本单位"):
                found.append(_Mention(match.group("name"), part.heading, part.source, "部分标题"))
                break
    for table in report.tables:
        caption = _CAPTION.match(table.caption) if table.caption else None
        if caption:
            found.append(_Mention(caption.group("name"), table.caption, table.source, f"{_named(table)}上方的标题"))
        if table.entity:
            label = table.entity_label or "部门"
            where = f"{_named(table)}表头"
            found.append(_Mention(table.entity, f"{label}：{table.entity}", table.source, where, table=True))
    for passage in passages(report, ("narrative",)):
        text = passage.text
        slots = list(_NAME_SLOT.finditer(text)) if "年度" in text else []  # (the patterns' own words, to skip text quickly)
        before = list(_NAME_BEFORE.finditer(text)) if "所属" in text or "部门（单位）" in text else []
        for match in slots + before:
            name = match.group("name") + (match.group("mark") or "")
            if not _PRONOUN.match(name):
                quote = quote_at(passage.text, match.start("name"), match.end())
                found.append(_Mention(name, quote, passage.source_at(match.start("name")), "情况说明"))
    return found


def _canonical(mentions: list[_Mention]) -> str:
    """The name most mentions give (by base form), printed as the tables print it."""
    counts = Counter(base_name(m.name) for m in mentions)
    base = counts.most_common(1)[0][0]
    forms = Counter(normalise_brackets(m.name) for m in mentions if base_name(m.name) == base and m.table)
    return forms.most_common(1)[0][0] if forms else base


_DISTRICT = re.compile(r"^(?P<city>.{2,}?市)(?P<district>[^市]{1,4}?(?:区|县|旗))")


def _abbreviates(short: str, full: str) -> bool:
    """'市医保局' abbreviates '江门市医疗保障局': its characters occur in order. A name that
    keeps the city and drops the district ('上海市规划和自然资源局' for '上海市普陀区规划和
    自然资源局') is another, higher-level department, not an abbreviation."""
    district = _DISTRICT.match(full)
    if district and short.startswith(district.group("city")) and district.group("district") not in short:
        return False
    rest = iter(full)
    return len(short) < len(full) and all(char in rest for char in short)


@dataclass(frozen=True)
class EntityName(Rule):
    """Every heading, table header and narrative slot names the same department or unit."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        mentions = context.cached(_mentions, _mentions)
        if not mentions:
            return
        canonical = _canonical(mentions)
        known = {base_name(canonical)} | {base_name(unit) for unit in report.metadata.consolidated_units}
        for mention in mentions:
            name = base_name(mention.name)
            if name not in known and not _abbreviates(name, base_name(canonical)):
                yield Finding(
                    self.code,
                    self.severity,
                    f"{mention.where}写的是“{mention.name}”，报告其他部分为“{canonical}”",
                    quote=mention.quote,
                    source=mention.source,
                )


@dataclass(frozen=True)
class EntityScope(Rule):
    """Tables agree on 部门/单位 and on the 本级 form; a 部门 report does not switch to 本级."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        mentions = context.cached(_mentions, _mentions)
        tables = [m for m in mentions if m.table]
        if not tables:
            return
        canonical = _canonical(mentions)
        scoped = "（本级）" in canonical
        for mention in mentions:
            name = normalise_brackets(mention.name)
            if base_name(name) != base_name(canonical) or name == canonical:
                continue
            if mention.table or "（本级）" in name and not scoped:
                yield Finding(
                    self.code,
                    self.severity,
                    f"{mention.where}写的是“{mention.name}”，决算表为“{canonical}”：决算范围（部门汇总 / 本级）不一致",
                    quote=mention.quote,
                    source=mention.source,
                )
        labels = Counter(t.entity_label for t in report.tables if t.entity_label)
        if len(labels) > 1:
            usual = labels.most_common(1)[0][0]
            for table in report.tables:
                if table.entity_label and table.entity_label != usual:
                    yield Finding(
                        self.code,
                        self.severity,
                        f"{_named(table)}表头标为“{table.entity_label}”，其他表为“{usual}”",
                        quote=f"{table.entity_label}：{table.entity}",
                        source=table.source,
                    )


_ANY_YEAR = re.compile(r"(?<![\d\-—–~～至])(20\d{2})\s*(年度|年)(?![\d\-—–~～至])")
_COMPARISON_BEFORE = re.compile(r"(?:与|比|较|同比|相比|对比|上年|去年|上一年|以前|历年)[^，。；]{0,3}$")
_COMPARISON_AFTER = re.compile(r"^(?:至|到|[^，。；]{0,8}(?:相比|比较|同期|以来|至今))")
_OWN_SLOT = re.compile(
    rf"(?:^|(?<=[。；：]))\s*(?:[^\s，。；：、“”《》0-9]{{2,40}}?(?:{_ORG_SUFFIX})(?:（本级）|\(本级\))?)?"
    rf"(?P<y>20\d{{2}})\s*年度(?=本部门|本单位|{_TEMPLATE_AFTER_YEAR})"
)
# the date of a stock (staff, assets): the year's end in a 决算; in a 预算, drafted before its
# year begins, a date of the year before ('截止2022年12月31日' in a 2023 budget)
_STOCK_DATE = re.compile(r"截[至止]\s*(?P<y>20\d{2})\s*年\s*12\s*月\s*31\s*日")
_SLOTS = (
    _OWN_SLOT,
    _STOCK_DATE,
    re.compile(r"(?P<y>20\d{2})\s*年度(?:部门|单位)决算"),
    re.compile(r"对\s*(?P<y>20\d{2})\s*年度(?=[^，。；]{0,40}绩效)"),
)
# a 预算 may name a past year's 决算 or its performance review: only these slots are its own
_BUDGET_SLOTS = (_OWN_SLOT, _STOCK_DATE)


def _slots(text: str, budget: bool = False) -> dict[int, re.Match[str]]:
    """The years of the template's fixed slots in a text, by position."""
    return {m.start("y"): m for pattern in (_BUDGET_SLOTS if budget else _SLOTS) for m in pattern.finditer(text)}


def _quoted(text: str, position: int) -> bool:
    before = text[:position]
    return before.count("《") > before.count("》") or before.count("“") > before.count("”")


def _comparison(text: str, start: int, end: int) -> bool:
    return bool(_COMPARISON_BEFORE.search(text[:start]) or _COMPARISON_AFTER.match(text[end:]))


@dataclass(frozen=True)
class YearMentions(Rule):
    """A year other than the report's. ``fixed``: in headings and the template's fixed
    slots (an error); otherwise any other ``YYYY年度`` in the prose (a warning). In a 预算
    the date of a stock is at the end of the year before the budget's."""

    fixed: bool = True

    def findings(self, context: Context) -> Iterator[Finding]:
        year = context.cached(report_year, report_year)
        if year is None:
            return
        budget = context.report.profile is not None and context.report.profile.family == "yusuan"
        kind = "预算" if budget else "决算"
        for passage in scope_passages(context, ("headings", "overview", "narrative")):
            for start, end, found, stock in self._years(context, passage, budget):
                expected = year - 1 if budget and stock else year
                if found == expected or _quoted(passage.text, start) or _comparison(passage.text, start, end):
                    continue
                what = "标题" if passage.scope == "headings" else passage.where
                if budget and stock:
                    message = f"{what}中写的是截至{found}年12月31日，本报告为{year}年度预算，应为编制预算的上一年（{year - 1}年）年末"
                else:
                    message = f"{what}中写的是{found}年，本报告为{year}年度{kind}" + (
                        "" if self.fixed else "；如不是与往年比较或引用，请改正"
                    )
                yield Finding(
                    self.code,
                    self.severity,
                    message,
                    quote=passage.text if passage.scope == "headings" else quote_at(passage.text, start, end),
                    source=passage.source_at(start),
                )

    def _years(self, context: Context, passage: Passage, budget: bool) -> Iterator[tuple[int, int, int, bool]]:
        text = passage.text
        if "20" not in text:
            return  # no year printed
        if passage.scope == "headings":
            if self.fixed:
                for match in _ANY_YEAR.finditer(text):
                    yield match.start(1), match.end(), int(match.group(1)), False
            return
        slots = context.cached(("slots", id(passage), budget), lambda _: _slots(text, budget))  # the same for both rules
        if self.fixed:
            for start, match in sorted(slots.items()):
                yield start, match.end(), int(match.group("y")), match.re is _STOCK_DATE
            return
        for match in _ANY_YEAR.finditer(text):
            if match.group(2) == "年度" and match.start(1) not in slots:
                yield match.start(1), match.end(), int(match.group(1)), False


_UNIT_FACTORS = {"元": Decimal(1), "万元": Decimal(10_000), "亿元": Decimal(100_000_000)}
_AMOUNT = rf"(?P<num>{NUMBER})(?P<unit>亿元|万元|元)"
# Narrative amounts that restate a table figure (DOMAIN.md §5).
_RESTATED = (
    re.compile(_AMOUNT + r"(?=[，,]?\s*(?:比上年|比年初|与上年|与年初|较上年|完成(?:全年)?预算|其中))"),
    re.compile(r"(?:总收入|总支出|本年收入|本年支出|收入合计|支出合计|支出决算为)" + _AMOUNT),
)


def _near(value: Decimal, allowance: Decimal, cells: list[Decimal]) -> bool:
    """Some table cell within ``allowance`` (+ the cells' own 0.005) of ``value`` (``cells`` sorted)."""
    reach = allowance + Decimal("0.005")
    at = bisect_left(cells, value - reach)
    return at < len(cells) and cells[at] <= value + reach


def _table_unit(report: Report) -> str:
    units = Counter(t.unit for t in report.tables if t.unit)
    return units.most_common(1)[0][0] if units else ""


@dataclass(frozen=True)
class TableUnits(Rule):
    """All tables are printed in one amount unit."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        unit = _table_unit(report)
        for table in report.tables:
            if table.unit and table.unit != unit:
                yield Finding(
                    self.code,
                    self.severity,
                    f"{_named(table)}金额单位为“{table.unit}”，其他表为“{unit}”",
                    quote=f"单位：{table.unit}",
                    source=table.source,
                )


@dataclass(frozen=True)
class NarrativeUnit(Rule):
    """A narrative amount that restates a table figure is in the tables' unit or
    correctly converted; the same digits under another unit are a misprinted unit."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        unit = _table_unit(report)
        if not unit:
            return
        cells: list[Decimal] = []  # the tables' amounts, sorted, when first needed
        for passage in scope_passages(context, ("narrative",)):
            if "元" not in passage.text:
                continue  # no amount
            matches = {m.start("num"): m for pattern in _RESTATED for m in pattern.finditer(passage.text)}
            for _, match in sorted(matches.items()):
                printed = match.group("unit")
                if printed == unit:
                    continue
                try:
                    number = amount(match.group("num"))
                except AmountTooLong:
                    continue  # longer than any amount: not a figure
                exponent = number.as_tuple().exponent
                assert isinstance(exponent, int)  # digits (NUMBER) are a finite number
                half = Decimal(5).scaleb(exponent - 1)  # half the last printed digit
                scale = _UNIT_FACTORS[printed] / _UNIT_FACTORS[unit]
                if not cells:
                    cells = sorted(
                        cell.amount for t in report.tables if t.unit == unit for row in t.rows for cell in row.cells if cell.amount
                    )
                if _near(number * scale, half * scale, cells):
                    continue  # correctly converted
                if number and _near(number, half, cells):
                    yield Finding(
                        self.code,
                        self.severity,
                        f"情况说明中的“{match.group(0)}”与决算表中的数一致，但决算表单位为“{unit}”，此处印为“{printed}”",
                        quote=quote_at(passage.text, match.start(), match.end()),
                        source=passage.source_at(match.start()),
                    )
