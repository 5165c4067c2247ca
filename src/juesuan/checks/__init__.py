"""Checks: every 勾稽关系 of a report, as findings.

``check(report)`` runs the rule catalog and returns findings ordered by severity and
position. A rule that fails with an exception becomes a finding (JS000) and the
run goes on: diagnostics are values, not crashes.
"""

from __future__ import annotations

from collections.abc import Iterable

from ..model import SEVERITIES, Finding, Report
from .across import ACROSS_RULES
from .budget_narrative import BUDGET_NARRATIVE_RULES
from .budget_rules import BUDGET_RULES
from .completeness import CELL_RULE_FAMILIES, COMPLETENESS
from .context import Context
from .document import DOCUMENT_RULES
from .misread import soften
from .narrative import NARRATIVE_RULES
from .performance_targets import PERFORMANCE_RULES
from .rules import Rule
from .table_rules import TABLE_RULES

RULES: tuple[Rule, ...] = (
    TABLE_RULES + BUDGET_RULES + COMPLETENESS + NARRATIVE_RULES + BUDGET_NARRATIVE_RULES + PERFORMANCE_RULES + DOCUMENT_RULES
)


def _position(finding: Finding) -> tuple[int, int]:
    if finding.cells:
        first = finding.cells[0]
        return (first.page or 0, first.line or 0)
    if finding.source is not None:
        return (finding.source.page or 0, finding.source.line or 0)
    return (0, 0)


# Rules that report something absent: on scanned pages it is unread, not absent.
PRESENCE_RULES = frozenset({"JS600", "JS601", "JS811", "JS812", "JS816"})


def check(report: Report, rules: Iterable[Rule] = RULES, context: Context | None = None) -> tuple[Finding, ...]:
    """The findings of the rules on a report. ``context``: what the rules share (made here
    when not given; pass one to share it with ``checks.narrative.evaluate``)."""
    findings: list[Finding] = []
    context = context or Context(report)  # what the rules share, computed once for this report
    scanned = any(notice.code == "pages-scanned" for notice in report.unrecognized)
    incomplete = {table.kind for table in report.tables if table.kind and not table.complete}
    family = report.profile.family if report.profile is not None else "juesuan"
    for rule in rules:
        if family not in rule.families:
            continue  # a rule of another document family
        if scanned and rule.code in PRESENCE_RULES:
            continue  # no findings invented from text that was never read
        if incomplete and rule.family in CELL_RULE_FAMILIES and incomplete.intersection(rule.tables):
            continue  # fail closed: an identity over cells not read would blame the report (JS612 says so)
        try:
            findings.extend(rule.evaluate(report, context))
        except Exception as exc:  # noqa: BLE001 — one broken rule must not stop the others
            findings.append(Finding("JS000", "warning", f"校验规则 {rule.code} 执行出错，未能完成：{type(exc).__name__}: {exc}"))
    if context.ocr:  # the one place where a misread figure stops being the report's error
        findings = [soften(finding, report, context.doubtful) for finding in findings]
    return tuple(sorted(findings, key=lambda f: (SEVERITIES.index(f.severity), _position(f), f.rule)))


def catalog(rules: Iterable[Rule] = RULES + ACROSS_RULES) -> tuple[Rule, ...]:
    """The rule catalog, one entry per code, in code order (the rules across documents,
    JS9xx, included: ``pipeline.check_across`` runs them)."""
    seen: dict[str, Rule] = {}
    for rule in rules:
        seen.setdefault(rule.code, rule)
    return tuple(sorted(seen.values(), key=lambda r: r.code))


__all__ = ["RULES", "Context", "Rule", "check", "catalog"]
