"""The one place that runs the stages in order: read → check."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .checks import check
from .model import Finding, Report
from .read import read_path


@dataclass(frozen=True, slots=True)
class Checked:
    path: Path
    report: Report
    findings: tuple[Finding, ...]

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)


def read_and_check(path: str | Path) -> Checked:
    path = Path(path)
    report = read_path(path)
    return Checked(path=path, report=report, findings=check(report))
