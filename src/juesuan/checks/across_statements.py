"""What a report's narrative states about a subject and its change against last year,
read for the checks across years and documents (``checks/across.py``).

A statement is one printed amount with the label before it ('一般公共预算收入预算
21,940.96万元'), the subject that label names (a key shared by every year's report:
'total', 'class:公共安全', 'item:检察/行政运行', 'abroad', …) and, when the narrative
says so, its change against last year ('与上年相比增加3,959.28万元，增长22%',
'与上年预算数一致', '本年数小于上年预算数40.05万元'). A label the vocabulary below
does not know gives no key: such a statement is never compared (fail closed).
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from decimal import Decimal, InvalidOperation

from ..catalog import load_catalog
from ..model import Paragraph, Report, Source
from ..model.numbers import NUMBER, AmountTooLong, amount
from ..model.prose import normalise

_AMOUNT = re.compile(rf"(?P<value>{NUMBER})\s*万元")
_BOUNDARY = re.compile(r"[。；：，]")
_MARKER = re.compile(r"^\s*(?:(?:[（]?[一二三四五六七八九十\d]+[）.、]|此外|其中)\s*)+")
_YEAR_LEAD = re.compile(r"^.*?20\d{2}年度?")

# What a change is measured against: last year ('与上年相比', '比上年预算', '与上年数',
# '与上年度', '较上年'), or a year named ('比2016年').
_BASE = r"(?:与上年(?:度|数|预算数?)?(?:相比)?|比上年(?:度|预算数?)?(?:相比)?|较上年(?:度|预算数?)?|[比较]\s*(?P<year>20\d{2})\s*年度?(?:预算数?)?)"
_ALT = r"(?:（(?:增加|减少|增长|下降|降低)）)?"
_CHANGE = re.compile(
    _BASE + r"[，]?\s*(?:[^，。；\d%]{0,16}?)(?P<direction>增加|减少)了?" + _ALT + rf"\s*(?P<change>{NUMBER})\s*万元"
    r"(?:（[^）]{0,40}）)?"
    r"(?:[，]\s*(?P<trend>增长|下降|减少|增加|降幅|增幅|降低)" + _ALT + rf"\s*为?\s*(?P<percent>{NUMBER})\s*%)?"
)
_COMPARED = re.compile(rf"本年数(?P<direction>小于|大于)上年预算数\s*(?P<change>{NUMBER})\s*万元")
_FLAT = re.compile(
    r"(?:与上年(?:度|数|预算数?)?(?:相比)?|本年数与上年预算数|与上年相|[比与](?P<year>20\d{2})年度?(?:预算数?)?(?:相比)?)"
    r"(?P<word>一致|持平|相等|相同|保持一致|无变化|未发生变化)|本年数等于上年预算数"
)

# Subjects by the words of their label, the most specific first. Keys of one group
# (``ALIASES``) name the same figure (a budget's income total is its expenditure total).
_VOCABULARY: tuple[tuple[str, re.Pattern[str]], ...] = tuple(
    (key, re.compile(pattern))
    for key, pattern in (
        ("fiscal_total", r"财政拨款收、?支总?预算|财政拨款收支总预算"),
        ("fiscal_income", r"财政拨款收入预算总计|^财政拨款收入$"),
        ("fiscal_expenditure", r"^财政拨款预算支出$|^财政拨款支出预算$"),
        ("gpb_expenditure", r"一般公共预算(?:财政)?拨款支出预算$"),
        ("gpb_basic", r"一般公共预算财政拨款基本支出预算$"),
        ("fiscal_basic", r"^财政拨款基本支出预算$"),
        ("admin_running", r"机关运行经费"),
        ("gpb_income", r"^一般公共预算收入(?:预算)?$"),
        ("fund_income", r"^政府性基金收入预算$"),
        ("fund_expenditure", r"政府性基金支出预算(?:支出)?$|^政府性基金(?:预算)?拨款支出预算$"),
        ("capital_expenditure", r"^国有资本经营预算(?:拨款)?支出预算$"),
        ("special_income", r"^财政专户管理资金收入预算总计$"),
        ("other_income", r"^其他资金收入预算总计$"),
        ("carryover", r"^上年结转资金预算数?为?$"),
        ("total", r"收入、支出预算总计|收支预算总计"),
        ("income_total", r"^收入预算(?:总计)?$"),
        ("expenditure_total", r"^支出预算(?:总计)?$"),
        ("basic", r"^基本支出预算数为?$"),
        ("project", r"^项目支出预算数为?$"),
        ("reserve", r"预留机动经费预算数?为?$"),
        ("abroad", r"^因公出国（境）费用?(?:预算)?(?:支出)?$"),
        ("car_total", r"^公务用车购置及运行(?:维护)?费(?:预算)?(?:支出)?$"),
        ("car_purchase", r"^公务用车购置(?:费|预算支出数?|预算支出)$"),
        ("car_running", r"^公务用车运行(?:维护)?费(?:预算支出)?$"),
        ("reception", r"^公务接待费(?:预算)?(?:支出)?$"),
        ("sangong_total", r"“三公”经费(?:财政拨款)?(?:预算数?)?(?:支出)?(?:合计|总额)?$"),
        ("meeting", r"会议费预算支出$"),
        ("training", r"培训费预算支出$"),
    )
)
ALIASES: dict[str, frozenset[str]] = {
    key: group
    for group in (
        frozenset({"total", "income_total", "expenditure_total"}),
        frozenset({"fiscal_total", "fiscal_income", "fiscal_expenditure"}),
    )
    for key in group
}

SUBJECT_NAMES: dict[str, str] = {
    "total": "收支预算总计",
    "income_total": "收入预算总计",
    "expenditure_total": "支出预算总计",
    "fiscal_total": "财政拨款收支总预算",
    "fiscal_income": "财政拨款收入预算总计",
    "fiscal_expenditure": "财政拨款预算支出",
    "gpb_income": "一般公共预算收入预算",
    "gpb_expenditure": "一般公共预算财政拨款支出预算",
    "gpb_basic": "一般公共预算财政拨款基本支出预算",
    "fiscal_basic": "财政拨款基本支出预算",
    "fund_income": "政府性基金收入预算",
    "fund_expenditure": "政府性基金支出预算",
    "capital_expenditure": "国有资本经营预算支出预算",
    "special_income": "财政专户管理资金收入预算",
    "other_income": "其他资金收入预算",
    "carryover": "上年结转资金",
    "basic": "基本支出预算",
    "project": "项目支出预算",
    "reserve": "单位预留机动经费预算",
    "admin_running": "一般公共预算机关运行经费",
    "abroad": "因公出国（境）费",
    "car_total": "公务用车购置及运行费",
    "car_purchase": "公务用车购置费",
    "car_running": "公务用车运行维护费",
    "reception": "公务接待费",
    "sangong_total": "“三公”经费",
    "meeting": "会议费",
    "training": "培训费",
}

_CLASS = re.compile(r"^(?P<name>[^（）]{2,20}?)(?:（类）)?支出$|^(?P<alt>[^（）]{2,20}?)支出（类）$")
_ITEM = re.compile(r"^(?:(?P<kuan>(?:[^（）]|（室）){2,30})（[款类]）)?(?P<name>[^（）]{2,30}?)(?:（项）(?:支出)?|支出（项）)(?:支出)?$")
_KUAN_HEADING = re.compile(r"(?P<kuan>[^（）\d.、]{2,20})[（(]款[)）]")


@dataclass(frozen=True, slots=True)
class Change:
    """A change against last year as printed: ``change`` signed (0 for 持平), ``percent`` as printed."""

    change: Decimal
    percent: Decimal | None
    year: int | None  # the year named ('比2016年'), None for '上年'
    text: str


@dataclass(frozen=True, slots=True)
class Statement:
    key: str | None  # the subject (None: a label the vocabulary does not know)
    label: str  # the label as printed, cleaned of list markers and the entity/year lead
    amount: Decimal
    quote: str  # the sentence, as printed
    source: Source
    change: Change | None = None

    @property
    def subject(self) -> str:
        if self.key is None:
            return self.label
        if self.key.startswith(("class:", "item:")):
            return self.key.split(":", 1)[1].replace("/", "（款）") + ("（类）" if self.key.startswith("class:") else "（项）")
        return SUBJECT_NAMES.get(self.key, self.label)


def _label(text: str, end: int) -> str:
    start = 0
    for match in _BOUNDARY.finditer(text, 0, end):
        start = match.end()
    label = text[start:end].strip()
    label = _YEAR_LEAD.sub("", label)
    label = _MARKER.sub("", label)
    return re.sub(r"\s+", "", label).rstrip("为是：")


def _class_key(label: str, year: int | None) -> str | None:
    match = _CLASS.match(label)
    if match is None:
        return None
    name = match.group("name") or match.group("alt")
    catalog = load_catalog(year or 2018)
    for candidate in (name, name + "支出"):
        subject = catalog.functional_class_by_name(candidate)
        if subject is not None:
            return "class:" + subject.name.removesuffix("支出")
    return None


def subject_key(label: str, year: int | None = None, kuan: str = "") -> str | None:
    """The subject a label names, or None when the vocabulary does not know it."""
    for key, pattern in _VOCABULARY:
        if pattern.search(label):
            return key
    item = _ITEM.match(label)
    if item is not None:
        # '住房改革支出（款）' and '住房改革（款）', '…离退休支出（项）' and '…离退休（项）' alike
        parent = (item.group("kuan") or kuan).removesuffix("支出")
        name = item.group("name").removesuffix("支出")
        return f"item:{parent}/{name}" if parent else f"item:{name}"
    return _class_key(label, year)


def _sentence(text: str, at: int) -> str:
    start = max(text.rfind("。", 0, at), text.rfind("；", 0, at)) + 1
    ends = [i for i in (text.find("。", at), text.find("；", at)) if i >= 0]
    return text[start : (min(ends) + 1 if ends else len(text))].strip()


def _number(text: str) -> Decimal | None:
    try:
        return amount(text)
    except (AmountTooLong, InvalidOperation):
        return None


def _changes(text: str) -> list[tuple[int, int, Change]]:
    """Every change against last year printed in the text: (start, end, change)."""
    found: list[tuple[int, int, Change]] = []
    for match in _CHANGE.finditer(text):
        value = _number(match.group("change"))
        if value is None:
            continue
        percent = _number(match.group("percent")) if match.group("percent") else None
        sign = -1 if match.group("direction") == "减少" else 1
        year = int(match.group("year")) if match.group("year") else None
        found.append((match.start(), match.end(), Change(sign * value, percent, year, match.group())))
    for match in _COMPARED.finditer(text):
        value = _number(match.group("change"))
        if value is not None:
            sign = -1 if match.group("direction") == "小于" else 1
            found.append((match.start(), match.end(), Change(sign * value, None, None, match.group())))
    taken = [(start, end) for start, end, _ in found]
    for match in _FLAT.finditer(text):
        if any(start <= match.start() < end for start, end in taken):
            continue
        year = int(match.group("year")) if match.group("year") else None
        found.append((match.start(), match.end(), Change(Decimal(0), None, year, match.group())))
    return sorted(found, key=lambda f: f[0])


def _paragraph_statements(paragraph: Paragraph, year: int | None, kuan: str) -> Iterator[Statement]:
    text = normalise(paragraph.text)
    changes = _changes(text)
    spans = [(start, end) for start, end, _ in changes]
    amounts = [m for m in _AMOUNT.finditer(text) if not any(s <= m.start() < e for s, e in spans)]
    attached: dict[int, Change] = {}
    for start, _end, change in changes:
        before = [i for i, m in enumerate(amounts) if m.end() <= start]
        if not before:
            continue
        index = before[-1]
        # a change belongs to the amount right before it, never across another change
        if any(amounts[index].end() <= s < start for s, _, _ in changes if s != start):
            continue
        attached.setdefault(index, change)
    for i, match in enumerate(amounts):
        value = _number(match.group("value"))
        if value is None:
            continue
        label = _label(text, match.start())
        yield Statement(
            key=subject_key(label, year, kuan),
            label=label,
            amount=value,
            quote=_sentence(paragraph.text, match.start()),
            source=paragraph.source_at(match.start()),
            change=attached.get(i),
        )


_LEAD_YEAR = re.compile(r"^\D{0,40}?(20\d{2})年度?")


def report_year(report: Report) -> int | None:
    """The year a report is for: the reader's, else the year its narrative opens with
    ('2025年，上海市普陀区…收入预算…', '江苏省政协办公厅2018年度收入、支出预算总计…')."""
    if report.metadata.year is not None:
        return report.metadata.year
    for paragraph in report.narrative[:6]:
        match = _LEAD_YEAR.match(normalise(paragraph.text).strip())
        if match is not None and "万元" in paragraph.text:
            return int(match.group(1))
    return None


def statements(report: Report) -> tuple[Statement, ...]:
    """Every amount the narrative states, with its subject and its change against last year."""
    out: list[Statement] = []
    kuan = ""
    for paragraph in report.narrative:
        text = normalise(paragraph.text)
        heading = _KUAN_HEADING.match(text)
        if heading is not None and "（项）" not in text:
            kuan = heading.group("kuan").strip()
        elif "（类）" in text and not _AMOUNT.search(text):
            kuan = ""  # a new 类 heading: the 款 of the previous one no longer applies
        out.extend(_paragraph_statements(paragraph, report_year(report), kuan))
    return tuple(out)


def figures(report: Report) -> dict[str, Decimal]:
    """Each subject's amount as the narrative states it, where every statement of it agrees."""
    found: dict[str, set[Decimal]] = {}
    for statement in statements(report):
        if statement.key is not None:
            found.setdefault(statement.key, set()).add(statement.amount)
    out = {key: next(iter(values)) for key, values in found.items() if len(values) == 1}
    for group in {frozenset(g) for g in ALIASES.values()}:
        values = {out[k] for k in group if k in out}
        if len(values) == 1:
            value = values.pop()
            for key in group:
                out.setdefault(key, value)
    return out
