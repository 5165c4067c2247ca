"""Linking claims to what they restate: table cells (through the phrase table) and
the other claims of the same quantity, statement, breakdown or share.

Values are intervals from printed precision (model.interval). A zero printed in the
narrative ('0万元') is exactly zero: the template writes 0 for "none", and reading it
as ±0.5万元 would let a share of nothing pass as a share of half a 万元.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from decimal import Decimal

from ..model.interval import Interval
from ..model.refs import Ref, describe, resolve
from ..model import CellRef, Claim, Report
from ..profiles import profile_of
from ..profiles.narrative import Narrative, Quantity
from .extract import extract


def stated(value: Decimal) -> Interval:
    return Interval.exact(Decimal(0)) if value == 0 else Interval.printed(value)


@dataclass(frozen=True, slots=True)
class TableValue:
    interval: Interval
    value: Decimal
    cells: tuple[CellRef, ...]
    label: str  # '表1 第1行 一般公共预算财政拨款收入'
    places: int


def table_value(report: Report, refs: tuple[Ref, ...]) -> TableValue | None:
    """The sum of the cells; None when a table is absent or no cell is printed."""
    interval, value, cells, labels, places = Interval.exact(), Decimal(0), [], [], 0
    for ref in refs:
        resolved = resolve(report, ref)
        if resolved is None or not resolved.cells or not resolved.table.complete:
            return None  # a table not fully read checks nothing (fail closed)
        interval = interval + resolved.interval
        value += resolved.value
        cells.extend(resolved.cells)
        labels.append(describe(resolved))
        places = max(places, max((c.decimals for row in resolved.rows for c in row.cells), default=0))
    return TableValue(interval, value, tuple(cells), " + ".join(labels), places)


@dataclass
class Analysis:
    """The claims of a report with what each is linked to."""

    report: Report
    claims: tuple[Claim, ...]
    narrative: Narrative
    cells: dict[int, list[CellRef]] = field(default_factory=lambda: defaultdict(list))
    related: dict[int, set[int]] = field(default_factory=lambda: defaultdict(set))
    checked: set[int] = field(default_factory=set)  # claims checked against their own figures (a rate of two stated amounts)

    def __post_init__(self) -> None:
        self._by_quantity: dict[tuple[str, str], list[int]] = defaultdict(list)
        for i, claim in enumerate(self.claims):
            if claim.quantity:
                self._by_quantity[(claim.kind, claim.quantity)].append(i)

    def of(self, kind: str, quantity: str) -> list[int]:
        return self._by_quantity.get((kind, quantity), [])

    def first(self, kind: str, quantity: str) -> int | None:
        found = self.of(kind, quantity)
        return found[0] if found else None

    def statement(self, i: int) -> int | None:
        """The amount claim of the statement claim ``i`` belongs to (same span)."""
        claim = self.claims[i]
        for j in self.of("amount", claim.quantity):
            other = self.claims[j]
            if (other.part, other.paragraph, other.start) == (claim.part, claim.paragraph, claim.start):
                return j
        return None

    def same_statement(self, i: int) -> list[int]:
        """The amount claims printed in the same statement as claim ``i``."""
        claim = self.claims[i]
        return [j for j, other in enumerate(self.claims) if j != i and other.kind == "amount"
                and (other.part, other.paragraph, other.start) == (claim.part, claim.paragraph, claim.start)]

    def link_cells(self, i: int, cells: tuple[CellRef, ...]) -> None:
        for cell in cells:
            if cell not in self.cells[i]:
                self.cells[i].append(cell)

    def relate(self, *indices: int | None) -> None:
        found = [i for i in indices if i is not None]
        for i in found:
            self.related[i].update(j for j in found if j != i)

    def linked(self, i: int) -> bool:
        return bool(self.cells.get(i)) or bool(self.related.get(i)) or i in self.checked


    def quantity(self, claim: Claim) -> Quantity | None:
        return self.narrative.quantities.get(claim.quantity)


def analyse(report: Report, narrative: Narrative | None = None) -> Analysis:
    narrative = narrative or profile_of(report).narrative
    return Analysis(report, extract(report, narrative), narrative)
