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


# The same indicators of a budget, as its narrative states them (its tables' roles are
# not declared yet): the subjects of checks/across_statements.py.
BUDGET_INDICATORS: dict[str, str] = {
    "本年收入合计": "total",
    "本年支出合计": "total",
    "基本支出": "basic",
    "项目支出": "project",
    "“三公”经费预算数": "sangong_total",
}


def across_departments(store: Store, year: int) -> list[YearRow]:
    """Every report of a year (by the year the reader or the series found), its indicators."""
    from ..checks.across_statements import figures

    reports = store.con.execute(
        "SELECT r.id, coalesce(m.entity_name, r.entity), r.errors, r.warnings, coalesce(m.family, 'juesuan'), coalesce(m.scope, r.scope)"
        " FROM reports r LEFT JOIN series_members m ON m.report_id = r.id"
        " WHERE coalesce(r.year, m.year) = ? ORDER BY 2, 5",
        [year],
    ).fetchall()
    out = []
    scopes = {row[0]: (row[4], row[5]) for row in reports}
    for report_id, entity, errors, warnings, family, _scope in reports:
        values: dict[str, Decimal | None] = {}
        if family == "yusuan":
            model = store.model(report_id)
            stated = figures(model) if model is not None else {}
            values = {label: stated.get(BUDGET_INDICATORS[label]) if label in BUDGET_INDICATORS else None for label, *_ in INDICATORS}
            out.append(YearRow(report_id, entity, values, errors, warnings))
            continue
        for label, table, role, column in INDICATORS:
            row = store.con.execute(
                "SELECT amount_text FROM cells WHERE report_id = ? AND table_id = ? AND row_role = ? AND column_role = ? LIMIT 1",
                [report_id, table, role, column],
            ).fetchone()
            values[label] = Decimal(row[0]) if row else None
        out.append(YearRow(report_id, entity, values, errors, warnings))
    return _one_per_entity(out, scopes)


def _one_per_entity(rows: list[YearRow], kinds: dict[str, tuple[str, str]]) -> list[YearRow]:
    """A report published as a text file and a tables file is one row: the file without
    any figure is left out when another of the same department, document and scope has
    some. Two reports with figures (a report and its correction) both stay."""
    filled = {(row.entity, *kinds[row.report_id]) for row in rows if _filled(row)}
    return [row for row in rows if _filled(row) or (row.entity, *kinds[row.report_id]) not in filled]


def _filled(row: YearRow) -> int:
    return sum(1 for value in row.values.values() if value is not None)


# -- a department's series: budgets and final accounts side by side ------------------

# (label, the budget narrative's subject, the 决算 cell by table, row role, column role)
SERIES_ROWS: tuple[tuple[str, str | None, tuple[str, str, str] | None], ...] = (
    ("收支预算总计", "total", None),
    ("本年收入合计", None, ("T1", "income_total", "amount")),
    ("本年支出合计", None, ("T1", "expenditure_total", "amount")),
    ("财政拨款收支总计", "fiscal_total", None),
    ("一般公共预算财政拨款支出", "gpb_expenditure", None),
    ("基本支出", "basic", ("T3", "total", "basic")),
    ("项目支出", "project", ("T3", "total", "project")),
    ("单位预留机动经费", "reserve", None),
    ("“三公”经费", "sangong_total", ("T9", "total", "final_total")),
    ("“三公”经费预算数（决算表9）", None, ("T9", "total", "budget_total")),
    ("因公出国（境）费", "abroad", ("T9", "total", "final_abroad")),
    ("公务用车购置及运行费", "car_total", ("T9", "total", "final_vehicle")),
    ("公务接待费", "reception", ("T9", "total", "final_reception")),
    ("会议费", "meeting", None),
    ("培训费", "training", None),
    ("机关运行经费", "admin_running", ("T6", "public_total", "amount")),
)


@dataclass(frozen=True, slots=True)
class SeriesColumn:
    year: int
    family: str  # 'yusuan' | 'juesuan'
    scope: str
    report_ids: tuple[str, ...]  # every file of the year (a text PDF and a tables PDF)
    files: tuple[str, ...]
    errors: int
    warnings: int

    @property
    def label(self) -> str:
        kind = "预算" if self.family == "yusuan" else "决算"
        return f"{self.year}年{kind}" + ("（单位）" if self.scope == "单位" else "")


@dataclass(frozen=True, slots=True)
class Series:
    entity_key: str
    names: tuple[str, ...]  # every name the department printed
    columns: tuple[SeriesColumn, ...]
    rows: tuple[tuple[str, tuple[Decimal | None, ...]], ...]  # label, a value per column


class UnknownEntity(ValueError):
    """No department, or more than one, matches the name given."""


def find_entity(store: Store, name: str) -> str:
    """The entity key of a department named (in full, abbreviated, or in part)."""
    from .entities import entity_key
    from .series import aliases

    key = entity_key(name, aliases=aliases(store))
    rows = store.con.execute(
        "SELECT DISTINCT entity_key FROM series_members WHERE entity_key = ? OR entity_key LIKE ? OR entity_name LIKE ? ORDER BY 1",
        [key, f"%{name}%", f"%{name}%"],
    ).fetchall()
    keys = [row[0] for row in rows]
    if key in keys:
        return key
    if len(keys) == 1:
        return keys[0]
    if not keys:
        raise UnknownEntity(f"数据库中没有名为「{name}」的部门或单位")
    raise UnknownEntity(f"「{name}」对应多个部门：{'、'.join(keys)}；请给出全称")


def series(store: Store, entity_key: str) -> Series:
    """The department's budgets and final accounts by year, with their key figures."""
    from ..checks.across_statements import figures
    from ..checks.across_tables import table_figures
    from .series import members, year_report

    found = members(store, entity_key)
    groups: dict[tuple[int, str, str], list] = {}
    for m in found:
        if m.year is not None:
            groups.setdefault((m.year, m.family, m.scope), []).append(m)
    columns: list[SeriesColumn] = []
    values: list[dict[str, Decimal | None]] = []
    for (year, family, scope), group in sorted(groups.items(), key=lambda item: (item[0][0], item[0][2], item[0][1] != "yusuan")):
        ids = tuple(m.report_id for m in group)
        counts = [store.get(i) for i in ids]
        columns.append(
            SeriesColumn(
                year,
                family,
                scope,
                ids,
                tuple(m.source_file.rsplit("/", 1)[-1] for m in group),
                sum(c.errors for c in counts if c is not None),
                sum(c.warnings for c in counts if c is not None),
            )
        )
        column: dict[str, Decimal | None] = {}
        stated: dict[str, Decimal] = {}
        if family == "yusuan" and (model := year_report(store, group)) is not None:
            stated = figures(model)
            printed: dict[str, set[Decimal]] = {}
            for figure in table_figures(model):
                printed.setdefault(figure.key, set()).add(figure.amount)
            for key, amounts in printed.items():
                if len(amounts) == 1:
                    stated.setdefault(key, amounts.pop())  # what the narrative does not state, as the tables print it
        for label, subject, cell in SERIES_ROWS:
            if family == "yusuan" and subject is not None:
                column[label] = stated.get(subject)
            elif family == "juesuan" and cell is not None:
                column[label] = _cell_value(store, ids, cell)
        values.append(column)
    rows = tuple(
        (label, tuple(column.get(label) for column in values))
        for label, *_ in SERIES_ROWS
        if any(column.get(label) is not None for column in values)
    )
    names = tuple(dict.fromkeys(m.entity_name for m in found if m.entity_name))
    return Series(entity_key, names, tuple(columns), rows)


def _cell_value(store: Store, report_ids: tuple[str, ...], cell: tuple[str, str, str]) -> Decimal | None:
    table, role, column = cell
    for report_id in report_ids:
        row = store.con.execute(
            "SELECT amount_text FROM cells WHERE report_id = ? AND table_id = ? AND row_role = ? AND column_role = ? LIMIT 1",
            [report_id, table, role, column],
        ).fetchone()
        if row:
            return Decimal(row[0])
    return None
