"""The one place that runs the stages in order: read → check."""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path

from .checks import check
from .model import Finding, Report
from .profiles import Profile, ProfileSet
from .read import read_path


@dataclass(frozen=True, slots=True)
class Checked:
    path: Path
    report: Report
    findings: tuple[Finding, ...]

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


def read_and_check(path: str | Path, profile: Profile | None = None, profiles: ProfileSet | None = None) -> Checked:
    """Read one report and check it. ``profile`` forces a report profile; ``profiles``
    is the set the reader chooses from by content (the built-in profiles by default)."""
    path = Path(path)
    report = read_path(path, profile=profile, profiles=profiles)
    findings = check(report)
    if report.metadata.source_format != "text":
        findings = tuple(_page_only(f) for f in findings)
    return Checked(path=path, report=report, findings=findings)


def _page_only(finding: Finding) -> Finding:
    """PDF, workbook and HTML readers number lines of an internal layout, which mean
    nothing to a reader of the original: findings point at the page (and the model
    keeps each cell's box)."""
    cells = tuple(replace(cell, line=None) for cell in finding.cells)
    source = replace(finding.source, line=None) if finding.source is not None else None
    return replace(finding, cells=cells, source=source)
