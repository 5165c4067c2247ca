"""Who a report is about, and which year: the identity that links a department's reports.

A department prints its own name in several ways across years and documents: in full
('中国共产党江苏省委员会办公厅'), abbreviated ('中共江苏省委办公厅', '省委办公厅'), with a
scope note ('江门市医疗保障局（本级）'), with half-width brackets. ``entity_key`` reduces
a name to one key; names that no rule reduces alike (a department renamed, an
abbreviation such as 省检察院) are aliases: ``ALIASES`` below, and any the user adds to
the store (``juesuan alias``).

The reader takes name and year from what the document prints (table headers, cover, titles,
the narrative's subject: ``read.metadata``). A report where it found none is named from its
narrative ('江苏省政协办公厅2018年度收入、支出预算总计…') and its year taken from its text; only
a document that prints no year at all takes it from the file name. ``Identity.evidence`` says
which, so a link made on weak evidence is visible.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import PurePath

from ..model import Report
from ..model.prose import normalise

# Abbreviations and former names, each mapped to the name the department prints in full.
ALIASES: dict[str, str] = {
    "省检察院": "江苏省人民检察院",
    "江苏省检察院": "江苏省人民检察院",
    "省委办公厅": "江苏省委办公厅",
    "省政协办公厅": "江苏省政协办公厅",
    "政协江苏省委员会办公厅": "江苏省政协办公厅",
    "中国人民政治协商会议江苏省委员会办公厅": "江苏省政协办公厅",
    "江苏省人民代表大会常务委员会办公厅": "江苏省人大常委会办公厅",
    "省人大常委会办公厅": "江苏省人大常委会办公厅",
}

# Region of a profile (its id names it), prefixed to a name that begins with 省/市 alone.
_REGIONS = {"jiangsu": "江苏", "shanghai": "上海", "guangdong": "广东"}
_GENERIC = frozenset({"", "部门", "单位", "本部门", "本单位"})
_SCOPE_NOTE = re.compile(r"[（(]\s*(?:本级|机关本级|汇总|部门|单位)\s*[）)]$|本级$")
_NAMED_LEAD = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\d+[.、．])?(?P<name>[\u4e00-\u9fff（）]{3,40}?)(?:部门)?(?P<year>20\d{2})年度?"
    r"(?:收入、支出预算|收支预算|部门预算|单位预算|部门决算|单位决算|财政拨款|收入预算|支出预算|，)"
)
_YEAR = re.compile(r"(20\d{2})\s*年")
_FILE_YEAR = re.compile(r"(?<!\d)(20\d{2})(?!\d)")


@dataclass(frozen=True, slots=True)
class Identity:
    key: str  # the entity key shared by every report of the department
    name: str  # the name as printed (the best the report gives)
    scope: str  # '部门' | '单位'
    family: str  # 'juesuan' | 'yusuan'
    year: int | None
    evidence: str  # where name and year came from, in Chinese


def _clean(name: str) -> str:
    text = normalise(name).replace(" ", "").replace("\u3000", "")
    return text.replace("(", "（").replace(")", "）")


def region_of(report: Report) -> str:
    profile = report.profile.id if report.profile is not None else ""
    for word, region in _REGIONS.items():
        if word in profile:
            return region
    return ""


def entity_key(name: str, region: str = "", aliases: dict[str, str] | None = None) -> str:
    """The key of a department's name: scope notes, brackets, spacing, party and region
    prefixes and known aliases reduced away."""
    table = {**ALIASES, **(aliases or {})}
    text = _clean(name)
    text = _SCOPE_NOTE.sub("", text)
    text = table.get(text, text)
    text = text.replace("中国共产党", "中共").replace("委员会办公厅", "委办公厅")
    text = text.removeprefix("中共")
    if region and text.startswith(("省", "市")):
        text = region + text
    return table.get(text, text)


def _named_in_text(report: Report) -> tuple[str, int | None]:
    for paragraph in (*report.narrative[:6], *report.overview[:8]):
        match = _NAMED_LEAD.match(normalise(paragraph.text).strip())
        if match is not None:
            return match.group("name").strip("，、"), int(match.group("year"))
    return "", None


def _table_name(report: Report) -> str:
    names = [t.entity for t in report.tables if t.entity]
    return max(set(names), key=lambda n: (names.count(n), len(n))) if names else ""


def _year(report: Report, text_year: int | None, source_file: str) -> tuple[int | None, str]:
    """The report's year and, when the reader did not give it, where it was found."""
    if report.metadata.year is not None:
        return report.metadata.year, ""
    if text_year is not None:
        return text_year, "年度取自情况说明"
    for paragraph in (*report.overview[:6], *report.narrative[:6]):
        found = _YEAR.search(paragraph.text)
        if found:
            return int(found.group(1)), "年度取自正文"
    years = set(_FILE_YEAR.findall(PurePath(source_file).name)) if source_file else set()
    if len(years) == 1:
        return int(years.pop()), "报告中没有印年度，年度取自文件名"
    return None, ""


def identity(report: Report, source_file: str = "", aliases: dict[str, str] | None = None) -> Identity:
    """The department, scope, family and year of a report, for linking its series."""
    meta = report.metadata
    evidence: list[str] = []
    named, text_year = _named_in_text(report)
    name = meta.entity if meta.entity not in _GENERIC else ""
    if not name:
        name = _table_name(report) or named
        if name:
            evidence.append("名称取自" + ("表头" if name != named else "情况说明"))
    year, said = _year(report, text_year, source_file)
    if said:
        evidence.append(said)
    family = report.profile.family if report.profile is not None else "juesuan"
    scope = "单位" if meta.scope == "单位" or _SCOPE_NOTE.search(_clean(name)) else "部门"
    return Identity(
        key=entity_key(name, region_of(report), aliases) if name else "",
        name=name,
        scope=scope,
        family=family,
        year=year,
        evidence="；".join(evidence),
    )
