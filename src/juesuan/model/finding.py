"""Findings: what a check says about a report.

Every finding carries a stable rule code, a severity, a specific Chinese message and
the exact cells (or the quoted text) it concerns.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from .report import Source

SEVERITIES: tuple[str, ...] = ("error", "warning", "info")
SEVERITY_NAMES: dict[str, str] = {"error": "错误", "warning": "警告", "info": "提示"}


@dataclass(frozen=True, slots=True)
class CellRef:
    """A table cell a finding concerns; ``table``/``row`` as in the tidy CSV."""

    table: str
    row: str
    column: str
    name: str = ""
    page: int | None = None
    line: int | None = None


@dataclass(frozen=True, slots=True)
class Finding:
    rule: str  # stable code, e.g. 'JS101'
    severity: str  # one of SEVERITIES
    message: str  # Chinese, with the numbers
    cells: tuple[CellRef, ...] = ()
    expected: Decimal | None = None
    actual: Decimal | None = None
    difference: Decimal | None = None
    tolerance: Decimal | None = None  # the rounding allowance that applied
    quote: str = ""  # the sentence or text concerned, as printed
    source: Source | None = None  # where the quoted text is
