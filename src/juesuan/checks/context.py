"""What the rules of one check of one report share, each part computed once.

``check(report)`` makes one ``Context`` and hands it to every rule: the cells a ref
resolves to, the claims of the narrative linked to the tables (``claims.link``), the
passages of the text, the catalog — whatever several rules read is computed on first
use and kept for the others. Nothing outlives the check: a context is the report's,
not a module's.
"""

from __future__ import annotations

from collections.abc import Callable
from decimal import Decimal
from functools import cached_property
from typing import TYPE_CHECKING, Any, TypeVar

from ..claims.link import Analysis, analyse
from ..model import Cell, Report, Row, Table
from ..model.interval import Interval
from ..model.refs import Ref, Resolved, column_key, resolve
from .misread import CellKey, any_doubt, uncertain_cells

if TYPE_CHECKING:
    from ..catalog import Catalog

T = TypeVar("T")

_HALVES: dict[object, Decimal] = {}


def half_digit(amount: Decimal) -> Decimal:
    """Half the last printed digit of an amount: the radius of its rounding interval."""
    exponent = amount.as_tuple().exponent
    try:
        return _HALVES[exponent]
    except KeyError:
        half = _HALVES[exponent] = Interval.printed(amount).radius
        return half


class Context:
    def __init__(self, report: Report, analysis: Analysis | None = None) -> None:
        self.report = report
        if analysis is not None:  # the claims already linked (by ``juesuan claims``, a benchmark)
            self.__dict__["analysis"] = analysis
        self._resolved: dict[Ref, Resolved | None] = {}
        self._cache: dict[Any, Any] = {}
        self._keys: dict[tuple[int, str, str], str | None] = {}
        self._values: dict[tuple[int, str], dict[int, tuple[Decimal, Decimal]]] = {}

    def resolve(self, ref: Ref) -> Resolved | None:
        """``model.refs.resolve`` of the report, once per ref."""
        try:
            return self._resolved[ref]
        except KeyError:
            found = self._resolved[ref] = resolve(self.report, ref)
            return found

    def column_key(self, table: Table, role: str, side: str) -> str | None:
        """``model.refs.column_key``, once per table, role and side."""
        key = (id(table), role, side)  # the report holds its tables for as long as the context lives
        try:
            return self._keys[key]
        except KeyError:
            found = self._keys[key] = column_key(table, role, side)
            return found

    def values(self, table: Table, role: str) -> dict[int, tuple[Decimal, Decimal]]:
        """(amount, half its last printed digit) of each row's cell in the column ``role``
        names (by the row's side), keyed by ``id(row)``; rows with no cell there are absent."""
        key = (id(table), role)
        found = self._values.get(key)
        if found is not None:
            return found
        found = self._values[key] = {}
        columns: dict[str, str | None] = {}  # the column of each side
        for row in table.rows:
            side = row.side
            column = columns[side] if side in columns else columns.setdefault(side, self.column_key(table, role, side))
            if not column:
                continue
            for cell in row.cells:
                if cell.column == column:
                    found[id(row)] = (cell.amount, half_digit(cell.amount))
                    break
        return found

    def candidates(self, table: Table, ref: Ref) -> list[Row] | tuple[Row, ...]:
        """The rows of a table a ref can match, in table order: those of its row roles or
        subject codes (``ref.matches`` decides), else all."""
        if not ref.roles and not ref.codes:
            return table.rows
        key = ("candidates", id(table), ref.roles, ref.codes)
        if key not in self._cache:
            self._cache[key] = [
                row for row in table.rows if (not ref.roles or row.role in ref.roles) and (not ref.codes or row.code in ref.codes)
            ]
        return self._cache[key]

    def by_code(self, table: Table) -> dict[str, list[Row]]:
        """The rows of a table by subject code."""

        def index(_: Report) -> dict[str, list[Row]]:
            rows: dict[str, list[Row]] = {}
            for row in table.rows:
                rows.setdefault(row.code, []).append(row)
            return rows

        return self.cached(("by_code", id(table)), index)

    def cached(self, key: Any, compute: Callable[[Report], T]) -> T:
        """``compute(report)``, once per key (what a rule module shares among its rules)."""
        try:
            return self._cache[key]
        except KeyError:
            value = self._cache[key] = compute(self.report)
            return value

    @cached_property
    def analysis(self) -> Analysis:
        """The claims of the narrative, linked to the cells and claims they restate."""
        return analyse(self.report)

    @cached_property
    def ocr(self) -> bool:
        """Some figure of the report was recognised by OCR with doubt."""
        return any_doubt(self.report, self.doubtful)

    @cached_property
    def doubtful(self) -> dict[CellKey, Cell]:
        """The cells OCR read with doubt, by what a CellRef names."""
        return uncertain_cells(self.report)

    @cached_property
    def catalog(self) -> Catalog:
        from ..catalog import load_catalog

        return load_catalog(self.report.metadata.year or 0)


__all__ = ["Context"]
