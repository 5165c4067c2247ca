"""The embedded store: reports, their cells and findings in DuckDB.

Ingest is idempotent (a report is identified by the hash of its bytes: the same file
twice is one report) and atomic per report (one transaction: a crash leaves no half
report). Only the process that owns the Store writes; workers send it their results.
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from decimal import Decimal
from pathlib import Path
from typing import TYPE_CHECKING, Any

import duckdb

from ..errors import JuesuanError
from ..model import Finding, Report, plain
from ..model.serialize import dumps, from_data, loads, to_data
from .schema import migrate

if TYPE_CHECKING:  # a type only: importing the store loads no reader or checks
    from ..pipeline import Checked


class StoreError(JuesuanError):
    """The database cannot be opened or written."""


class Unstorable(StoreError):
    """A report holds a value the store's columns cannot hold exactly: it is refused whole."""


# cells.amount is DECIMAL(20, 4): 16 digits before the point, 4 after; beyond, DuckDB
# would refuse the insert or round, so such a report is refused with a message instead
AMOUNT_INTEGER_DIGITS = 16
AMOUNT_DECIMALS = 4


def default_path() -> Path:
    """$JUESUAN_DB, else the user's data directory (XDG)."""
    if os.environ.get("JUESUAN_DB"):
        return Path(os.environ["JUESUAN_DB"])
    base = Path(os.environ.get("XDG_DATA_HOME") or Path.home() / ".local" / "share")
    return base / "juesuan" / "juesuan.duckdb"


def content_hash(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


@dataclass(frozen=True, slots=True)
class Payload:
    """What a worker hands the writer for one report: plain data, cheap to pickle."""

    content_hash: str
    source_file: str
    model_json: str
    findings: tuple[Finding, ...]


@dataclass(frozen=True, slots=True)
class StoredReport:
    id: str
    source_file: str
    format: str
    entity: str
    scope: str
    year: int | None
    unit: str
    tables_found: int
    cells: int
    errors: int
    warnings: int
    infos: int


_REPORT_COLUMNS = "id, source_file, format, entity, scope, year, unit, tables_found, cells, errors, warnings, infos"


def _cell_rows(report_id: str, report: Report) -> list[tuple[Any, ...]]:
    rows = []
    for table in report.tables:
        roles = {column.key: column.role for column in table.columns}
        for row in table.rows:
            for cell in row.cells:
                rows.append(
                    (
                        report_id,
                        table.kind or table.number,
                        row.key,
                        row.name,
                        row.code,
                        row.role,
                        cell.column,
                        roles.get(cell.column, ""),
                        cell.amount,
                        plain(cell.amount),
                        cell.decimals,
                        cell.source.page,
                        cell.source.line,
                    )
                )
    return rows


def _finding_rows(report_id: str, findings: Sequence[Finding]) -> list[tuple[Any, ...]]:
    rows = []
    for seq, f in enumerate(findings):
        cells = [{"table": c.table, "row": c.row, "column": c.column, "name": c.name, "page": c.page, "line": c.line} for c in f.cells]
        page = f.source.page if f.source else (f.cells[0].page if f.cells else None)
        line = f.source.line if f.source else (f.cells[0].line if f.cells else None)
        rows.append(
            (
                report_id,
                seq,
                f.rule,
                f.severity,
                f.message,
                _text(f.expected),
                _text(f.actual),
                _text(f.difference),
                _text(f.tolerance),
                f.quote,
                page,
                line,
                json.dumps(cells, ensure_ascii=False),
                json.dumps(to_data(f), ensure_ascii=False),
            )
        )
    return rows


class Store:
    def __init__(self, path: Path | str | None = None, read_only: bool = False) -> None:
        self.path = Path(path) if path is not None else default_path()
        try:
            if not read_only:
                self.path.parent.mkdir(parents=True, exist_ok=True)
            self.con = duckdb.connect(str(self.path), read_only=read_only)
            if not read_only:
                migrate(self.con)
        except (duckdb.Error, OSError) as exc:
            raise StoreError(f"无法打开数据库 {self.path}：{exc}") from exc

    def close(self) -> None:
        self.con.close()

    def view(self) -> Store:
        """The same database on a connection of its own (a DuckDB cursor), for another
        thread: its reads see committed reports and never wait on this one's writes."""
        other = object.__new__(Store)
        other.path = self.path
        other.con = self.con.cursor()
        return other

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- writing -------------------------------------------------------------------------
    def has(self, digest: str) -> str | None:
        row = self.con.execute("SELECT id FROM reports WHERE content_hash = ?", [digest]).fetchone()
        return row[0] if row else None

    def add(self, payload: Payload) -> tuple[str, bool]:
        """Store one report atomically; (id, False) if it was already there."""
        existing = self.has(payload.content_hash)
        if existing is not None:
            return existing, False
        report = loads(payload.model_json)
        problem = unstorable(report)
        if problem is not None:
            raise Unstorable(f"{payload.source_file}：{problem}，该报告未入库")
        report_id = payload.content_hash[:16]
        meta = report.metadata
        counts = {s: sum(1 for f in payload.findings if f.severity == s) for s in ("error", "warning", "info")}
        cells = _cell_rows(report_id, report)
        self.con.execute("BEGIN TRANSACTION")
        try:
            self.con.execute(
                "INSERT INTO reports (id, content_hash, source_file, format, entity, scope, year, unit, tables_found, cells,"
                " errors, warnings, infos, model_json) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [
                    report_id,
                    payload.content_hash,
                    payload.source_file,
                    meta.source_format,
                    meta.entity,
                    meta.scope,
                    meta.year,
                    meta.unit,
                    sum(1 for t in report.tables if t.kind),
                    len(cells),
                    counts["error"],
                    counts["warning"],
                    counts["info"],
                    payload.model_json,
                ],
            )
            _insert(self.con, "cells", cells)
            _insert(self.con, "findings", _finding_rows(report_id, payload.findings))
            self.con.execute("COMMIT")
        except Exception as exc:
            self.con.execute("ROLLBACK")
            if isinstance(exc, duckdb.Error):  # one report refused, in one line: the batch goes on
                raise StoreError(
                    f"{payload.source_file}：写入数据库失败（{type(exc).__name__}: {str(exc).splitlines()[0][:200]}），该报告未入库"
                ) from exc
            raise
        return report_id, True

    # -- reading -------------------------------------------------------------------------
    def reports(
        self, year: int | None = None, entity: str | None = None, severity: str | None = None, rule: str | None = None
    ) -> list[StoredReport]:
        where: list[str] = []
        params: list[int | str] = []
        if year is not None:
            where.append("year = ?")
            params.append(year)
        if entity:
            where.append("entity LIKE ? ESCAPE '\\'")
            params.append(f"%{like_literal(entity)}%")
        if severity in ("error", "warning", "info"):
            where.append({"error": "errors > 0", "warning": "warnings > 0", "info": "infos > 0"}[severity])
        if rule:
            where.append("id IN (SELECT report_id FROM findings WHERE rule = ?)")
            params.append(rule)
        sql = f"SELECT {_REPORT_COLUMNS} FROM reports"
        if where:
            sql += " WHERE " + " AND ".join(where)
        sql += " ORDER BY year DESC NULLS LAST, entity"
        return [StoredReport(*row) for row in self.con.execute(sql, params).fetchall()]

    def get(self, report_id: str) -> StoredReport | None:
        row = self.con.execute(f"SELECT {_REPORT_COLUMNS} FROM reports WHERE id = ?", [report_id]).fetchone()
        return StoredReport(*row) if row else None

    def model(self, report_id: str) -> Report | None:
        row = self.con.execute("SELECT model_json FROM reports WHERE id = ?", [report_id]).fetchone()
        return loads(row[0]) if row else None

    def findings(self, report_id: str) -> tuple[Finding, ...]:
        """The report's findings as they were checked, in their order; then those across
        years and documents its series gives (store/series.py)."""
        cursor = self.con.execute(
            "SELECT seq, finding_json FROM (SELECT 0 AS part, seq, finding_json FROM findings WHERE report_id = ?"
            " UNION ALL SELECT 1, seq, finding_json FROM series_findings WHERE report_id = ?) ORDER BY part, seq",
            [report_id, report_id],
        )
        return tuple(from_data(Finding, json.loads(text), f"findings[{seq}]") for seq, text in cursor.fetchall())

    def cells(self, report_id: str) -> Iterator[tuple[str, str, str, str, str]]:
        """Tidy cells (table, row, name, column, amount as printed) in stored order."""
        cursor = self.con.execute(
            "SELECT table_id, row_key, row_name, column_key, amount_text FROM cells WHERE report_id = ? ORDER BY rowid",
            [report_id],
        )
        yield from cursor.fetchall()

    def count(self, table: str) -> int:
        assert table in ("reports", "cells", "findings")
        row = self.con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return int(row[0]) if row else 0


def like_literal(text: str) -> str:
    """``text`` matched literally inside a LIKE pattern (ESCAPE '\\'): % and _ are not wildcards."""
    return text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")


def unstorable(report: Report) -> str | None:
    """Why the report's amounts cannot be stored exactly (the first such cell), or None."""
    for table in report.tables:
        for row in table.rows:
            for cell in row.cells:
                sign, digits, exponent = cell.amount.as_tuple()
                if not isinstance(exponent, int):
                    return f"表{table.number} {row.name}「{cell.column}」的金额不是有限数"
                integer_digits = len(digits) + exponent
                if integer_digits > AMOUNT_INTEGER_DIGITS or -exponent > AMOUNT_DECIMALS:
                    return (
                        f"表{table.number} {row.name[:40]}「{cell.column}」的金额 {plain(cell.amount)[:40]} 超出数据库可存储的范围"
                        f"（整数部分最多 {AMOUNT_INTEGER_DIGITS} 位、小数最多 {AMOUNT_DECIMALS} 位）"
                    )
    return None


def _insert(con: duckdb.DuckDBPyConnection, table: str, rows: list[tuple[Any, ...]]) -> None:
    """All rows in one statement, passed column-wise as lists and unnested: some
    fifteen times faster than executemany or multi-row VALUES in DuckDB."""
    if not rows:
        return
    types = [row[1] for row in con.execute(f"DESCRIBE {table}").fetchall()]
    columns = [[_param(value) for value in column] for column in zip(*rows)]
    select = ", ".join(f"unnest(?)::{kind}" for kind in types)
    con.execute(f"INSERT INTO {table} SELECT {select}", columns)


def _param(value: Any) -> Any:
    return str(value) if isinstance(value, Decimal) else value


def _text(value: Decimal | None) -> str | None:
    return None if value is None else plain(value)


def payload_for(source_file: str | Path, data: bytes, checked: Checked) -> Payload:
    """What the writer stores of a report read from ``data`` and checked."""
    return Payload(content_hash(data), str(source_file), dumps(checked.report), checked.findings)
