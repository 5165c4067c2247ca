"""A table's page header: its unit and the department it belongs to."""

from __future__ import annotations

import re

from ..profiles import Profile
from .draft import Heading

_SPACE = re.compile(r"\s+")
_ENTITY = re.compile(r"(金额单位|编制部门|编制单位|填报单位|预算单位|部门名称|单位名称|部门|单位)\s*[:：]\s*")


def parse_heading(text: str, profile: Profile) -> Heading | None:
    """The unit/entity of a page-header line ('单位：万元部门：…'), or None."""
    if "：" not in text and ":" not in text:
        return None  # every marker ends with a colon
    compact = _SPACE.sub("", text)
    if not _ENTITY.search(compact) or len(compact) > 80:
        return None
    markers = list(_ENTITY.finditer(compact))
    if markers[0].start() != 0 and not compact[: markers[0].start()].endswith(tuple(profile.units)):
        if markers[0].start() > 30:
            return None
    unit = entity = label = ""
    for i, marker in enumerate(markers):
        end = markers[i + 1].start() if i + 1 < len(markers) else len(compact)
        value = compact[marker.end() : end]
        if value in profile.units:
            unit = value
        elif value and not entity:
            entity = value
            label = marker.group(1).removeprefix("编制").removeprefix("填报").removeprefix("预算").removesuffix("名称")
    if not unit and not entity:
        return None
    return Heading(unit=unit, entity=entity, entity_label=label)
