"""Rounding done exactly (DOMAIN.md §4).

A value printed with d decimals stands for every number that rounds to it: the
interval ±0.5·10⁻ᵈ around it. A relation between printed values holds when the
intervals of its two sides meet. Nothing here is a tuned tolerance: the allowance
follows from the precision each value was printed with.
"""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal
from functools import lru_cache

from .report import decimals

ZERO = Decimal(0)


@dataclass(frozen=True, slots=True)
class Interval:
    low: Decimal
    high: Decimal

    @classmethod
    def printed(cls, value: Decimal) -> Interval:
        # Decimal('0.00') == Decimal('0') and they hash alike: key on the exponent too
        return _printed(value, value.as_tuple().exponent)

    @classmethod
    def exact(cls, value: Decimal = ZERO) -> Interval:
        return cls(value, value)

    def __add__(self, other: Interval) -> Interval:
        return Interval(self.low + other.low, self.high + other.high)

    def __neg__(self) -> Interval:
        return Interval(-self.high, -self.low)

    def __sub__(self, other: Interval) -> Interval:
        return self + (-other)

    @property
    def radius(self) -> Decimal:
        return (self.high - self.low) / 2

    def meets(self, other: Interval) -> bool:
        return self.low <= other.high and other.low <= self.high

    def at_most(self, other: Interval) -> bool:
        """Could this side be ≤ the other, given rounding?"""
        return self.low <= other.high

    def gap(self, other: Interval) -> Decimal:
        """How far apart the intervals are (0 when they meet)."""
        return max(ZERO, self.low - other.high, other.low - self.high)


@lru_cache(maxsize=4096)
def _printed(value: Decimal, exponent: object) -> Interval:
    half = Decimal(5).scaleb(-decimals(value) - 1)
    return Interval(value - half, value + half)


def total(intervals: list[Interval]) -> Interval:
    result = Interval.exact()
    for interval in intervals:
        result = result + interval
    return result
