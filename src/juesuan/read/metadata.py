"""Report metadata from what the document says about itself."""

from __future__ import annotations

import re
from collections import Counter

from ..model import Metadata, Paragraph, Part, Table

_YEAR = re.compile(r"(20\d{2})\s*年度")
_PART_ENTITY = re.compile(r"^第[一二三四五六七八九十]+部分\s*[:：]?\s*(.+?)(?:部门|单位)?概况$")
_COUNT = re.compile(r"单位共\s*(\d+)\s*个")
_UNITS_LIST = re.compile(r"(?:下属单位(?:是|为|包括|有)?|包括)\s*[:：]\s*(.+?)(?:。|$)")


def _most_common(values: list[str]) -> str:
    values = [v for v in values if v]
    return Counter(values).most_common(1)[0][0] if values else ""


def entity_of(parts: tuple[Part, ...], tables: tuple[Table, ...]) -> tuple[str, str]:
    """(entity, label) from the table headers, else from the 概况 heading."""
    entity = _most_common([t.entity for t in tables])
    label = _most_common([t.entity_label for t in tables if t.entity == entity])
    if entity:
        return entity, label
    for part in parts:
        match = _PART_ENTITY.match(part.heading)
        if match:
            return match.group(1), ""
    return "", ""


def year_of(parts: tuple[Part, ...], tables: tuple[Table, ...], narrative: tuple[Paragraph, ...]) -> int | None:
    headings = [part.heading for part in parts] + [table.title for table in tables]
    years = [m.group(1) for text in headings for m in _YEAR.finditer(text)]
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
) -> Metadata:
    entity, label = entity_of(parts, tables)
    scope = "单位" if "本级" in entity or label == "单位" else "部门"
    units, count = consolidation(overview)
    return Metadata(
        entity=entity,
        scope=scope,
        year=year_of(parts, tables, narrative),
        unit=_most_common([t.unit for t in tables]),
        consolidated_units=units,
        consolidated_count=count,
        source_name=source_name,
        source_format=source_format,
        encoding=encoding,
    )
