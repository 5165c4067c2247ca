"""Report metadata from what the document says about itself."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Metadata, Paragraph, Part, Table

_YEAR = re.compile(r"(20\d{2})\s*年度")
# '2017年政府采购预算表', '2025年部门财务收支预算总表': a title that opens with the report's year
_LEADING_YEAR = re.compile(r"^(20\d{2})\s*年(?!\d|\s*\d{1,2}\s*月)")
# '江苏省政协办公厅2017年度部门预算', '上海市普陀区2025年区级部门预算': a cover's title line
_COVER_YEAR = re.compile(r"(?<!\d)(20\d{2})\s*年度?(?=[^\d月]{0,8}(?:预算|决算)|$)")
_PART_ENTITY = re.compile(r"^第[一二三四五六七八九十]+部分\s*[:：]?\s*(.+?)(?:部门|单位)?概况$")
# '第二部分 江苏省政协办公厅2017年度部门预算表': the department before the year of a part's title
_PART_TITLE_ENTITY = re.compile(r"^第[一二三四五六七八九十]+部分\s*[:：]?\s*(.+?)\s*20\d{2}\s*年度?(?:部门|单位)?(?:预算|决算)")
_COVER_ENTITY = re.compile(r"^(.+?)\s*20\d{2}\s*年度?(?:部门|单位)?(?:预算|决算)")
# '预算主管部门：上海市普陀区商务委员会', '编制部门：…', '部 门:中共江苏省委办公厅'
_LABELLED_ENTITY = re.compile(r"^(?:预算主管部门|主管部门|编制部门|编制单位|部\s*门|单\s*位)\s*[:：]\s*(\S.*)$")
# '江苏省政协办公厅2019年度收入、支出预算总计…': the narrative's subject before the year
_NARRATIVE_ENTITY = re.compile(
    r"^(?:[一二三四五六七八九十]+、|\d+[.、．])?([\u4e00-\u9fff（）]{3,40}?)\s*20\d{2}\s*年度?"
    r"(?:收入、支出预算|收支预算|部门预算|单位预算|部门决算|单位决算|财政拨款|收入预算|支出预算|一般公共预算)"
)
# A region alone ('江苏省', '上海市普陀区'): the publisher's place on a cover, not a department
_REGION = re.compile(r"^(?:[\u4e00-\u9fff]{1,8}?(?:省|自治区|市|自治州|州|盟|区|县|旗))+$")
_GENERIC = frozenset({"", "部门", "单位", "本部门", "本单位"})
_COUNT = re.compile(r"单位共\s*(\d+)\s*个")
_UNITS_LIST = re.compile(r"(?:下属单位(?:是|为|包括|有)?|包括)\s*[:：]\s*(.+?)(?:。|$)")


def _most_common(values: list[str]) -> str:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else ""


def _squeezed(text: str) -> str:
    return re.sub(r"\s+", "", text)


def _department(name: str) -> str:
    """``name`` when it names a department, '' for a region or a generic word."""
    name = name.strip(" ，,、：:")
    return "" if name in _GENERIC or _REGION.match(name) else name


def _cover_entity(cover: tuple[str, ...]) -> str:
    for line in cover:
        match = _LABELLED_ENTITY.match(line.strip())
        if match and (name := _department(_squeezed(match.group(1)))):
            return name
    match = _COVER_ENTITY.match(_squeezed("".join(cover)))
    return _department(match.group(1)) if match else ""


def entity_of(
    parts: tuple[Part, ...], tables: tuple[Table, ...], cover: tuple[str, ...] = (), narrative: tuple[Paragraph, ...] = ()
) -> tuple[str, str]:
    """(entity, label) from the table headers, else from what the document prints as its
    own title: the cover ('江苏省政协办公厅2017年度部门预算', '预算主管部门：…'), the parts'
    titles, the 概况 heading, the narrative's subject ('江苏省政协办公厅2019年度收入、支出…')."""
    entity = _most_common([t.entity for t in tables])
    label = _most_common([t.entity_label for t in tables if t.entity == entity])
    if entity:
        return entity, label
    if name := _cover_entity(cover):
        return name, ""
    for pattern in (_PART_TITLE_ENTITY, _PART_ENTITY):
        for part in parts:
            match = pattern.match(_squeezed(part.heading))
            if match and (name := _department(match.group(1))):
                return name, ""
    named = [m.group(1) for p in narrative for m in [_NARRATIVE_ENTITY.match(_squeezed(p.text))] if m]
    name = _department(_most_common(named))
    return (name, "") if named.count(name) >= 2 else ("", "")


def year_of(
    parts: tuple[Part, ...], tables: tuple[Table, ...], narrative: tuple[Paragraph, ...], cover: tuple[str, ...] = ()
) -> int | None:
    """The year the report prints as its own: '20XX年度' in the parts' and tables' titles,
    else the cover's title line, else a table title or part title that opens with the year
    ('2017年政府采购预算表', '2024年单位预算编制说明'), else '20XX年度' early in the narrative."""
    headings = [part.heading for part in parts] + [table.title for table in tables]
    years = [m.group(1) for text in headings for m in _YEAR.finditer(text)]
    if not years:
        years = [m.group(1) for m in _COVER_YEAR.finditer(_squeezed("".join(cover)))]
    if not years:
        years = [m.group(1) for text in headings for m in [_LEADING_YEAR.match(_squeezed(text))] if m]
    if not years:
        years = [m.group(1) for p in narrative[:5] for m in _YEAR.finditer(p.text)]
    found = _most_common(years)
    return int(found) if found else None


def consolidation(overview: tuple[Paragraph, ...]) -> tuple[tuple[str, ...], int | None]:
    """Units named in 决算单位构成 and the count stated there."""
    start = next((i for i, p in enumerate(overview) if "决算单位构成" in p.text), None)
    if start is None:
        return (), None
    text = "".join(p.text for p in overview[start + 1 : start + 4])
    count_match = _COUNT.search(text)
    count = int(count_match.group(1)) if count_match else None
    units: list[str] = []
    for match in _UNITS_LIST.finditer(text):
        for name in re.split(r"[、，,；;]|和(?=[^和]{4,}$)", match.group(1)):
            name = name.strip()
            if name and name != "本级" and not re.search(r"\d+\s*个", name) and name not in units:
                units.append(name)
    return tuple(units), count


def metadata(
    parts: tuple[Part, ...],
    tables: tuple[Table, ...],
    overview: tuple[Paragraph, ...],
    narrative: tuple[Paragraph, ...],
    source_name: str,
    source_format: str,
    encoding: str,
    cover: tuple[str, ...] = (),
) -> Metadata:
    entity, label = entity_of(parts, tables, cover, narrative)
    scope = "单位" if "本级" in entity or label == "单位" else "部门"
    units, count = consolidation(overview)
    return Metadata(
        entity=entity,
        scope=scope,
        year=year_of(parts, tables, narrative, cover),
        unit=_most_common([t.unit for t in tables]),
        consolidated_units=units,
        consolidated_count=count,
        source_name=source_name,
        source_format=source_format,
        encoding=encoding,
    )
