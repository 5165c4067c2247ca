"""Comparisons over the store: one department across years, all departments of a year."""

from __future__ import annotations

from dataclasses import dataclass
from decimal import Decimal

from ..model.change import change_phrase
from .database import Store


@dataclass(frozen=True, slots=True)
class CellChange:
    table: str
    row: str
    name: str
    column: str
    previous: Decimal | None
    current: Decimal | None

    @property
    def sentence(self) -> str:
        if self.previous is None:
            return "上年未列示"
        if self.current is None:
            return "本年未列示"
        return change_phrase(self.current, self.previous)


def across_years(store: Store, entity: str, previous_year: int, year: int) -> list[CellChange]:
    """Every cell of ``entity``'s report for ``year`` against ``previous_year`` (by table, row, column)."""
    rows = store.con.execute(
        """
        WITH pick AS (
            SELECT year, max(id) AS id FROM reports WHERE entity = ? AND year IN (?, ?) GROUP BY year
        ),
        c AS (
            SELECT p.year, c.table_id, c.row_key, c.row_name, c.column_key, c.amount_text
            FROM cells c JOIN pick p ON p.id = c.report_id
        )
        SELECT coalesce(cur.table_id, prev.table_id), coalesce(cur.row_key, prev.row_key),
               coalesce(cur.row_name, prev.row_name), coalesce(cur.column_key, prev.column_key),
               prev.amount_text, cur.amount_text
        FROM (SELECT * FROM c WHERE year = ?) cur
        FULL OUTER JOIN (SELECT * FROM c WHERE year = ?) prev
          ON cur.table_id = prev.table_id AND cur.row_key = prev.row_key AND cur.row_name = prev.row_name
         AND cur.column_key = prev.column_key
        ORDER BY 1, 2, 4
        """,
        [entity, previous_year, year, year, previous_year],
    ).fetchall()
    return [CellChange(t, r, n, c, None if p is None else Decimal(p), None if v is None else Decimal(v)) for t, r, n, c, p, v in rows]


# Indicators for a year's overview, each from one cell chosen by role.
INDICATORS: tuple[tuple[str, str, str, str], ...] = (
    ("本年收入合计", "T1", "income_total", "amount"),
    ("本年支出合计", "T1", "expenditure_total", "amount"),
    ("基本支出", "T3", "total", "basic"),
    ("项目支出", "T3", "total", "project"),
    ("“三公”经费决算数", "T9", "total", "final_total"),
    ("“三公”经费预算数", "T9", "total", "budget_total"),
    ("公用经费合计", "T6", "public_total", "amount"),
)


@dataclass(frozen=True, slots=True)
class YearRow:
    report_id: str
    entity: str
    values: dict[str, Decimal | None]
    errors: int
    warnings: int

    def share(self, part: str, whole: str = "本年支出合计") -> Decimal | None:
        a, b = self.values.get(part), self.values.get(whole)
        if a is None or not b:
            return None
        return (a / b * 100).quantize(Decimal("0.1"))


def across_departments(store: Store, year: int) -> list[YearRow]:
    reports = store.con.execute("SELECT id, entity, errors, warnings FROM reports WHERE year = ? ORDER BY entity", [year]).fetchall()
    out = []
    for report_id, entity, errors, warnings in reports:
        values: dict[str, Decimal | None] = {}
        for label, table, role, column in INDICATORS:
            row = store.con.execute(
                "SELECT amount_text FROM cells WHERE report_id = ? AND table_id = ? AND row_role = ? AND column_role = ? LIMIT 1",
                [report_id, table, role, column],
            ).fetchone()
            values[label] = Decimal(row[0]) if row else None
        out.append(YearRow(report_id, entity, values, errors, warnings))
    return out
