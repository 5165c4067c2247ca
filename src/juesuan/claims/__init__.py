"""Claims: the figures the 情况说明 states, read as typed records and linked to the
table cells and the other claims they restate (docs/narrative.md)."""

from .extract import extract

__all__ = ["extract"]
