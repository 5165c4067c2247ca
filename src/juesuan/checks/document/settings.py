"""Settings of the document checks, with named defaults."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

DEFAULT_REASON_THRESHOLD = Decimal("10")  # percent


@dataclass(frozen=True)
class DocumentSettings:
    # A change the narrative reports above this many percent must give its reason.
    reason_threshold: Decimal = DEFAULT_REASON_THRESHOLD


DEFAULT_SETTINGS = DocumentSettings()
