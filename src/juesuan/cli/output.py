"""Findings printed for a terminal: grouped by severity, coloured, with a summary."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Console

from ..checks.output import summary, where
from ..model import SEVERITIES, SEVERITY_NAMES, Finding

_COLOURS = {"error": "bold red", "warning": "yellow", "info": "cyan"}


def print_text(console: Console, name: str, findings: Sequence[Finding]) -> None:
    console.print(f"[bold]{name}[/]")
    for severity in SEVERITIES:
        group = [f for f in findings if f.severity == severity]
        if not group:
            continue
        console.print(f"  [{_COLOURS[severity]}]{SEVERITY_NAMES[severity]}（{len(group)}）[/]")
        for finding in group:
            console.print(f"    [{_COLOURS[severity]}]{finding.rule}[/] {finding.message}", highlight=False)
            place = where(finding)
            if place:
                console.print(f"      [dim]位置：{place}[/]", highlight=False)
            if finding.quote:
                console.print(f"      [dim]原文：{finding.quote}[/]", highlight=False)
    counts = summary(findings)
    console.print(
        f"  合计：错误 {counts['error']}，警告 {counts['warning']}，提示 {counts['info']}",
        highlight=False,
    )
