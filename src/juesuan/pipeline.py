"""The one place that runs the stages in order: read (the profile chosen by content,
or forced) → claims → checks.

Every entry point calls ``read_and_check``: the command line with a path, batch ingest
(local processes and Ray) and the web's sandboxed worker with the bytes they read, so a
report gives the same findings wherever it is checked.
"""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from pathlib import Path

from .checks import check
from .checks.across import check_budget, check_previous
from .checks.context import Context
from .model import SEVERITIES, Claim, Finding, Report
from .profiles import Profile, ProfileSet
from .read import read_bytes, read_path, read_paths


@dataclass(frozen=True, slots=True)
class Checked:
    """A report read and checked."""

    report: Report
    findings: tuple[Finding, ...]
    context: Context | None = field(default=None, repr=False, compare=False)  # the checks' analysis of the report

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    @property
    def claims(self) -> tuple[Claim, ...]:
        """The figures the narrative states, from the analysis the checks made (read once)."""
        return (self.context or Context(self.report)).analysis.claims


def read_and_check(
    source: str | Path | bytes | tuple[str | Path, ...],
    name: str = "",
    profile: Profile | None = None,
    profiles: ProfileSet | None = None,
) -> Checked:
    """Read one report and check it: ``source`` is a path, or the file's bytes with
    ``name`` (the file name messages cite). ``profile`` forces a report profile;
    ``profiles`` is the set the reader chooses from by content (the built-in profiles
    by default); a tuple of two paths is one report published as two files (text and
    tables, ``read.combine``). The narrative's claims are read by the checks that need them."""
    if isinstance(source, tuple):
        report = read_paths(source, profile=profile, profiles=profiles)
    elif isinstance(source, bytes):
        report = read_bytes(source, name or "upload", profile=profile, profiles=profiles)
    else:
        report = read_path(source, profile=profile, profiles=profiles)
    context = Context(report)
    findings = check(report, context=context)
    if report.metadata.source_format != "text":
        findings = tuple(_page_only(f) for f in findings)
    return Checked(report=report, findings=findings, context=context)


def _page_only(finding: Finding) -> Finding:
    """PDF, workbook and HTML readers number lines of an internal layout, which mean
    nothing to a reader of the original: findings point at the page (and the model
    keeps each cell's box)."""
    cells = tuple(replace(cell, line=None) for cell in finding.cells)
    source = replace(finding.source, line=None) if finding.source is not None else None
    return replace(finding, cells=cells, source=source)


def check_across(
    checked: Checked,
    previous: Report | None = None,
    budget: Report | None = None,
    previous_name: str = "",
    budget_name: str = "",
) -> Checked:
    """The report's findings with those across documents added: every change against last
    year it states checked against ``previous`` (last year's report), and a 决算's
    年初预算数 against ``budget`` (that year's 预算). The command line (--previous,
    --budget) and the store (a department's series) both call this."""
    extra = across_findings(checked.report, previous, budget, previous_name, budget_name, checked.claims)
    if not extra:
        return checked
    findings = sorted((*checked.findings, *extra), key=lambda f: SEVERITIES.index(f.severity))
    return replace(checked, findings=tuple(findings))


def across_findings(
    report: Report,
    previous: Report | None = None,
    budget: Report | None = None,
    previous_name: str = "",
    budget_name: str = "",
    claims: tuple[Claim, ...] | None = None,
) -> tuple[Finding, ...]:
    """The findings across documents alone (``check_across`` adds them to a report's own;
    the store keeps them per pair of a department's series)."""
    extra: list[Finding] = []
    if claims is None and (
        budget is not None or (previous is not None and report.profile is not None and report.profile.family == "juesuan")
    ):
        claims = Context(report).analysis.claims  # a 决算's changes and 年初预算数 are its claims
    if previous is not None:
        extra.extend(check_previous(report, previous, previous_name, claims))
    if budget is not None:
        extra.extend(check_budget(report, budget, claims or (), budget_name))
    if report.metadata.source_format != "text":
        extra = [_page_only(f) for f in extra]
    return tuple(extra)
