"""Findings as JSON (for programs) and as grouped, coloured text (for people)."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from ..model import SEVERITIES, Finding
from ..model.serialize import to_data


def finding_data(finding: Finding, file: str = "") -> dict[str, Any]:
    """A finding as JSON data: the model's own form (``model.serialize``), the same the
    store keeps and the API returns, with the file it concerns when several were checked."""
    data: dict[str, Any] = to_data(finding)
    if file:
        data["file"] = file
    return data


def summary(findings: Sequence[Finding]) -> dict[str, int]:
    return {severity: sum(1 for f in findings if f.severity == severity) for severity in SEVERITIES}


def to_json(results: Sequence[tuple[str, Sequence[Finding]]], unreadable: Sequence[tuple[str, str]] = ()) -> str:
    """``{"findings": [...], "summary": {...}}``; with several files each finding names its file."""
    several = len(results) + len(unreadable) > 1
    findings = [finding_data(f, name if several else "") for name, found in results for f in found]
    document: dict[str, Any] = {
        "findings": findings,
        "summary": summary([f for _, found in results for f in found]),
    }
    if several or unreadable:
        document["files"] = [{"file": name, "summary": summary(found)} for name, found in results]
        document["unreadable"] = [{"file": name, "message": message} for name, message in unreadable]
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def where(finding: Finding) -> str:
    """The quoted text's place first (a narrative finding is about its sentence), then
    the cells'."""
    places = []
    if finding.source is not None:
        places.append(_place(finding.source.page, finding.source.line))
    for cell in finding.cells[:6]:
        place = _place(cell.page, cell.line)
        # a sentence of another document (checks/across.py): say which document
        places.append(f"{cell.column}{place}" if cell.table == "other" else place)
    places = [p for p in places if p]
    unique = list(dict.fromkeys(places))
    more = "等" if len(finding.cells) > 6 else ""
    return "、".join(unique) + more


def _place(page: int | None, line: int | None) -> str:
    return (f"第{page}页" if page else "") + (f"第{line}行" if line else "")
