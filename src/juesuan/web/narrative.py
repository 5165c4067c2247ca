"""The narrative (情况说明) with its checked claims and text findings marked.

Claims come from ``juesuan.claims`` (each with its span, verdict and linked cells).
``claim_marks`` is the one hook: if claims cannot be had, the page still marks the
text findings by their line and quote.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from ..model import SEVERITIES, CellRef, Finding, Paragraph, Report
from .view import cell_id

VERDICT_NAMES = {"ok": "与表一致", "error": "错误", "warning": "警告", "info": "提示", "unlinked": "未关联到表"}


@dataclass(frozen=True)
class Mark:
    start: int
    end: int
    kind: str  # 'claim' | 'finding'
    verdict: str  # ok | error | warning | info | unlinked
    title: str
    cells: tuple[str, ...] = ()  # DOM ids of the linked cells
    findings: tuple[int, ...] = ()  # indices into the findings list
    id: str = ""


@dataclass
class Segment:
    text: str
    mark: Mark | None = None


@dataclass
class ParagraphView:
    index: int
    segments: list[Segment]
    page: int | None
    line: int | None  # None where the format keeps no lines (PDF, workbooks, HTML)
    flag: str = ""  # worst severity of the findings on its lines
    findings: list[int] = field(default_factory=list)


def claim_marks(report: Report) -> list[tuple[str, int, Mark]]:
    """(part, paragraph, mark) for every claim; [] if claims are unavailable."""
    try:
        from ..checks.claim_output import claim_records
        from ..checks.narrative import evaluate

        records = claim_records(report)
        claims = evaluate(report).analysis.claims
    except Exception:  # noqa: BLE001 — the page must render without claims
        return []
    out = []
    for record in records:
        claim = claims[record["id"]]
        if claim.end <= claim.start:
            continue
        subject = record["name"] or record["subject"] or "数字"
        lines = [f"{subject}：{VERDICT_NAMES.get(record['verdict'], record['verdict'])}"]
        lines += [f"{f['rule']} {f['message']}" for f in record["findings"]]
        if record["cells"]:
            lines.append("对应单元格：" + "、".join(f"{c['table']} {c['name'] or c['row']} {c['column']}" for c in record["cells"][:4]))
        mark = Mark(
            claim.start,
            claim.end,
            "claim",
            record["verdict"],
            "\n".join(lines),
            tuple(dict.fromkeys(cell_id(CellRef(**c)) for c in record["cells"])),
            (),
            f"claim-{record['id']}",
        )
        out.append((claim.part, claim.paragraph, mark))
    return out


def _about(finding: Finding, paragraph: Paragraph) -> bool:
    """Whether a text finding (one without cells) is about the paragraph: its line is one
    of the paragraph's; where lines are not kept (PDF, workbooks, HTML), its quote is in
    the paragraph, on one of its pages."""
    source = finding.source
    if finding.cells or source is None:
        return False
    if source.line is not None:
        return source.line in {span.line for span in paragraph.spans}
    pages = {span.page for span in paragraph.spans}
    return bool(finding.quote) and source.page in pages and finding.quote in paragraph.text


def worst(severities: Sequence[str]) -> str:
    return min(severities, key=SEVERITIES.index) if severities else ""


def paragraphs(report: Report, part: str, findings: Sequence[Finding], claims: list[tuple[str, int, Mark]]) -> list[ParagraphView]:
    source = report.overview if part == "overview" else report.narrative
    views = []
    for index, paragraph in enumerate(source):
        marks = sorted((m for p, i, m in claims if p == part and i == index), key=lambda m: (m.start, -m.end))
        on_lines = [k for k, f in enumerate(findings) if _about(f, paragraph)]
        for k in on_lines:
            f = findings[k]
            at = paragraph.text.find(f.quote) if f.quote else -1
            if at >= 0:
                marks.append(Mark(at, at + len(f.quote), "finding", f.severity, f"{f.rule} {f.message}", (), (k,), f"q-{k}"))
        views.append(
            ParagraphView(
                index=index,
                segments=_segments(paragraph.text, marks),
                page=paragraph.spans[0].page if paragraph.spans else None,
                line=paragraph.spans[0].line if paragraph.spans else None,
                flag=worst([findings[k].severity for k in on_lines]),
                findings=on_lines,
            )
        )
    return views


def _segments(text: str, marks: list[Mark]) -> list[Segment]:
    """Text cut at the marks; a mark overlapping one already placed is dropped
    (claims come first, so a finding's quote never hides a claim)."""
    placed: list[Mark] = []
    for mark in sorted(marks, key=lambda m: (m.kind != "claim", m.start, -m.end)):
        if 0 <= mark.start < mark.end <= len(text) and all(mark.end <= p.start or mark.start >= p.end for p in placed):
            placed.append(mark)
    placed.sort(key=lambda m: m.start)
    out, at = [], 0
    for mark in placed:
        if mark.start > at:
            out.append(Segment(text[at : mark.start]))
        out.append(Segment(text[mark.start : mark.end], mark))
        at = mark.end
    if at < len(text):
        out.append(Segment(text[at:]))
    return out
