"""The mutation harness: how completely the hard identities guard a report's cells.

Every numeric cell is changed in turn (±0.05, ±1, ×1.1, two adjacent digits swapped)
and the checks are run again; a change is caught when an error-level finding names
that cell. A change is undetectable in principle when, for every identity that
contains the cell, the changed sum still lies within the rounding allowance the
printed precision gives (a small change inside a long sum's interval). Those are
derived, not assumed: each cell is first moved by a huge amount, which makes every
identity containing it fire and reveals its original difference, its sign and its
tolerance.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, replace
from decimal import Decimal

from ..model import Finding, Report, Row, Table, decimals
from .context import Context
from .rules import Rule

HUGE = Decimal(1_000_000)
TABLE_FAMILIES = frozenset({"identity", "row-sum", "hierarchy", "cross"})
KINDS = ("+0.05", "-0.05", "+1", "-1", "×1.1", "swap")


@dataclass(frozen=True, slots=True)
class Target:
    table: str
    row: str
    column: str
    name: str
    amount: Decimal
    place: tuple[int, int, int]  # table, row, cell index in the report


@dataclass(frozen=True, slots=True)
class Outcome:
    target: Target
    kind: str
    mutated: Decimal
    caught_by: tuple[str, ...]  # error rules naming the cell
    covered: bool  # some hard identity contains the cell
    possible: bool  # the printed precision lets some identity see this change

    @property
    def caught(self) -> bool:
        return bool(self.caught_by)


def targets(report: Report) -> Iterator[Target]:
    for t, table in enumerate(report.tables):
        if not table.kind:
            continue
        for r, row in enumerate(table.rows):
            for c, cell in enumerate(row.cells):
                yield Target(table.kind, row.key, cell.column, row.name, cell.amount, (t, r, c))


def _swap(amount: Decimal) -> Decimal | None:
    """Swap the last two adjacent, different digits of the printed number."""
    text = format(amount, "f")
    positions = [i for i, ch in enumerate(text) if ch.isdigit()]
    for a, b in reversed(list(zip(positions, positions[1:]))):
        if text[a] != text[b]:
            chars = list(text)
            chars[a], chars[b] = chars[b], chars[a]
            return Decimal("".join(chars))
    return None


def changes(amount: Decimal) -> list[tuple[str, Decimal]]:
    quantum = Decimal(1).scaleb(-decimals(amount))
    options = {
        "+0.05": amount + Decimal("0.05"),
        "-0.05": amount - Decimal("0.05"),
        "+1": amount + 1,
        "-1": amount - 1,
        "×1.1": (amount * Decimal("1.1")).quantize(quantum),
        "swap": _swap(amount),
    }
    return [
        (kind, value.quantize(quantum) if decimals(amount) else value)
        for kind, value in options.items()
        if value is not None and value != amount
    ]


def with_amount(report: Report, target: Target, amount: Decimal) -> Report:
    t, r, c = target.place
    table: Table = report.tables[t]
    row: Row = table.rows[r]
    cell = row.cells[c]
    text = format(amount, "f")
    cells = row.cells[:c] + (replace(cell, amount=amount, text=text),) + row.cells[c + 1 :]
    rows = table.rows[:r] + (replace(row, cells=cells),) + table.rows[r + 1 :]
    tables = report.tables[:t] + (replace(table, rows=rows),) + report.tables[t + 1 :]
    return replace(report, tables=tables)


def _naming(findings: Iterable[Finding], target: Target) -> list[Finding]:
    return [
        f
        for f in findings
        if f.severity == "error" and any((c.table, c.row, c.column) == (target.table, target.row, target.column) for c in f.cells)
    ]


def _run(report: Report, rules: Sequence[Rule]) -> list[Finding]:
    out: list[Finding] = []
    context = Context(report)
    for rule in rules:
        out.extend(rule.evaluate(report, context))
    return out


def mutate(report: Report, rules: Sequence[Rule]) -> list[Outcome]:
    by_table: dict[str, list[Rule]] = defaultdict(list)
    for rule in rules:
        if rule.severity != "error" or rule.family not in TABLE_FAMILIES:
            continue  # the harness measures the table identities
        for table in rule.tables:
            by_table[table].append(rule)
    one_sided = {rule.code for rule in rules if getattr(rule, "op", "=") == "<="}
    outcomes: list[Outcome] = []
    for target in targets(report):
        scoped = by_table[target.table]
        # each identity containing the cell: (one-sided, original difference, coefficient of
        # the cell, tolerance). A ``≤`` relation fires one way only: the cell is moved both ways.
        identities: list[tuple[bool, Decimal, int, Decimal]] = []
        for direction in (1, -1) if any(rule.code in one_sided for rule in scoped) else (1,):
            for finding in _naming(_run(with_amount(report, target, target.amount + direction * HUGE), scoped), target):
                assert finding.difference is not None and finding.tolerance is not None
                if direction < 0 and finding.rule not in one_sided:
                    continue  # an equality is seen from the upward move
                sign = 1 if finding.difference > 0 else -1
                identities.append((finding.rule in one_sided, finding.difference - sign * HUGE, sign * direction, finding.tolerance))
        for kind, value in changes(target.amount):
            delta = value - target.amount
            possible = any((d0 + sign * delta > tol) if bounded else abs(d0 + sign * delta) > tol for bounded, d0, sign, tol in identities)
            caught = _naming(_run(with_amount(report, target, value), scoped), target)
            outcomes.append(Outcome(target, kind, value, tuple(sorted({f.rule for f in caught})), bool(identities), possible))
    return outcomes


@dataclass(frozen=True, slots=True)
class TableStats:
    table: str
    changes: int
    covered: int
    possible: int
    caught: int

    @property
    def recall(self) -> float:
        """Share of the changes the precision allows to detect that were caught."""
        return self.caught_possible / self.possible if self.possible else 1.0

    caught_possible: int = 0


def stats(outcomes: Sequence[Outcome]) -> list[TableStats]:
    tables: dict[str, list[Outcome]] = defaultdict(list)
    for outcome in outcomes:
        tables[outcome.target.table].append(outcome)
    return [
        TableStats(
            table=table,
            changes=len(group),
            covered=sum(o.covered for o in group),
            possible=sum(o.possible for o in group),
            caught=sum(o.caught for o in group),
            caught_possible=sum(o.caught and o.possible for o in group),
        )
        for table, group in sorted(tables.items())
    ]


def missed(outcomes: Sequence[Outcome]) -> list[Outcome]:
    """Changes the precision lets an identity see, that no error named: must be none."""
    return [o for o in outcomes if o.possible and not o.caught]


def undetectable(outcomes: Sequence[Outcome]) -> list[Outcome]:
    return [o for o in outcomes if o.covered and not o.possible]


def uncovered(outcomes: Sequence[Outcome]) -> list[Target]:
    seen: dict[tuple[str, str, str], Target] = {}
    for o in outcomes:
        if not o.covered:
            seen.setdefault((o.target.table, o.target.row, o.target.column), o.target)
    return list(seen.values())
