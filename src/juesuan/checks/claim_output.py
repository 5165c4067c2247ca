"""The claims of a report with their links and verdicts, as JSON or CSV
(`juesuan claims`), so a reviewer sees what was and was not understood."""

from __future__ import annotations

import csv
import io
import json
from typing import Any

from ..model import SEVERITIES, Report, plain
from ..model.tidy import safe_row
from .context import Context
from .narrative import evaluate

CSV_HEADER = (
    "part",
    "paragraph",
    "page",
    "line",
    "kind",
    "quantity",
    "name",
    "subject",
    "amount",
    "unit",
    "base",
    "reference",
    "change",
    "direction",
    "trend",
    "percent",
    "flat",
    "base_zero",
    "share_of",
    "cells",
    "related",
    "verdict",
    "rules",
    "quote",
)


def _amount(value: Any) -> str | None:
    return None if value is None else plain(value)


def claim_records(report: Report, context: Context | None = None) -> list[dict[str, Any]]:
    """Every claim with its links and verdict (``context``: a check's, to share its analysis)."""
    result = evaluate(report, context)
    analysis = result.analysis
    concerns: dict[int, list[tuple[str, str, str]]] = {}
    for code, verdict in result.verdicts:
        for i in verdict.claims:
            concerns.setdefault(i, []).append((code, verdict.finding.severity, verdict.finding.message))
    records = []
    for i, claim in enumerate(analysis.claims):
        found = [c for c in concerns.get(i, []) if c[1] != "info"]
        if found:
            status = min((c[1] for c in found), key=SEVERITIES.index)
        else:
            status = "ok" if analysis.linked(i) else "unlinked"
        q = analysis.narrative.quantities.get(claim.quantity)
        records.append(
            {
                "id": i,
                "part": claim.part,
                "paragraph": claim.paragraph,
                "page": claim.source.page if claim.source else None,
                "line": claim.source.line if claim.source else None,
                "kind": claim.kind,
                "quantity": claim.quantity,
                "name": q.name if q else "",
                "subject": claim.subject,
                "amount": _amount(claim.amount),
                "unit": claim.unit,
                "base": claim.base,
                "reference": _amount(claim.reference),
                "change": _amount(claim.change),
                "direction": claim.direction,
                "trend": claim.trend,
                "percent": _amount(claim.percent),
                "flat": claim.flat,
                "base_zero": claim.base_zero,
                "share_of": claim.share_of,
                "cells": [
                    {"table": c.table, "row": c.row, "column": c.column, "name": c.name, "page": c.page, "line": c.line}
                    for c in analysis.cells.get(i, [])
                ],
                "related": sorted(analysis.related.get(i, ())),
                "verdict": status,
                "findings": [{"rule": code, "severity": severity, "message": message} for code, severity, message in found],
                "quote": claim.quote,
            }
        )
    return records


def to_json(report: Report) -> str:
    records = claim_records(report)
    counts = {v: sum(1 for r in records if r["verdict"] == v) for v in ("ok", *SEVERITIES, "unlinked")}
    document = {"file": report.metadata.source_name, "claims": records, "summary": counts}
    return json.dumps(document, ensure_ascii=False, indent=1) + "\n"


def to_csv(report: Report) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(CSV_HEADER)
    for r in claim_records(report):
        cells = ";".join(f"{c['table']}:{c['row']}:{c['column']}" for c in r["cells"])
        row = dict(
            r,
            cells=cells,
            related=";".join(map(str, r["related"])),
            rules=";".join(f["rule"] for f in r["findings"]),
            flat="1" if r["flat"] else "",
            base_zero="1" if r["base_zero"] else "",
        )
        writer.writerow(safe_row("" if row[k] is None else row[k] for k in CSV_HEADER))
    return buffer.getvalue()
