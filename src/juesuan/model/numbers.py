"""Printed numbers: one pattern and one parser for an amount as a report prints it.

A table cell, a narrative figure and a value typed into a budget file are read the same
way: thousands separators dropped, the minus signs of CJK fonts read as '-', and the
printed decimals kept in the exponent (``Decimal("836.20")`` is not ``Decimal("836.2")``).
"""

from __future__ import annotations

from decimal import Decimal

# An amount as printed: '1,956.92', '836.20', '0', '12'; no sign (a table cell's sign is
# read by the reader's token pattern). The same as (?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?,
# written to open with its first digit: a pattern that starts with it scans text quickly.
NUMBER = r"\d(?:\d{0,2}(?:,\d{3})+|\d*)(?:\.\d+)?"

MAX_DIGITS = 24  # a budget of 10¹⁸ 元 is far beyond any government's; longer is not an amount


class AmountTooLong(ValueError):
    """A printed number with more digits than any amount has."""


def amount(text: str) -> Decimal:
    """The amount a printed number stands for; the exponent keeps the printed decimals.

    Raises ``AmountTooLong`` for a number longer than any amount, and
    ``decimal.InvalidOperation`` for text that is not a number."""
    cleaned = text.replace(",", "")
    if "−" in cleaned or "－" in cleaned:
        cleaned = cleaned.replace("−", "-").replace("－", "-")
    if len(cleaned) > MAX_DIGITS + 2:
        raise AmountTooLong(text)
    return Decimal(cleaned)


__all__ = ["NUMBER", "MAX_DIGITS", "AmountTooLong", "amount"]
