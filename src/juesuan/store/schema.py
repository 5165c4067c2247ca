"""The store's schema, as versioned migrations applied in order."""

from __future__ import annotations

import duckdb

# (version, statements). Never edit a released migration: add the next one.
MIGRATIONS: tuple[tuple[int, str], ...] = (
    (
        1,
        """
        CREATE TABLE reports (
            id VARCHAR PRIMARY KEY,            -- first 16 hex digits of the content hash
            content_hash VARCHAR NOT NULL UNIQUE,
            source_file VARCHAR NOT NULL,
            format VARCHAR NOT NULL,
            entity VARCHAR NOT NULL,
            scope VARCHAR NOT NULL,
            year INTEGER,
            unit VARCHAR NOT NULL,
            tables_found INTEGER NOT NULL,
            cells INTEGER NOT NULL,
            errors INTEGER NOT NULL,
            warnings INTEGER NOT NULL,
            infos INTEGER NOT NULL,
            ingested_at TIMESTAMP NOT NULL DEFAULT current_timestamp,
            model_json VARCHAR NOT NULL         -- the canonical JSON of the Report
        );
        CREATE TABLE cells (
            report_id VARCHAR NOT NULL,
            table_id VARCHAR NOT NULL,          -- T1…T9, as in the tidy CSV
            row_key VARCHAR NOT NULL,
            row_name VARCHAR NOT NULL,
            row_code VARCHAR NOT NULL,
            row_role VARCHAR NOT NULL,
            column_key VARCHAR NOT NULL,
            column_role VARCHAR NOT NULL,
            amount DECIMAL(20, 4) NOT NULL,      -- exact
            amount_text VARCHAR NOT NULL,        -- as printed
            decimals TINYINT NOT NULL,
            page INTEGER,
            line INTEGER
        );
        CREATE TABLE findings (
            report_id VARCHAR NOT NULL,
            seq INTEGER NOT NULL,
            rule VARCHAR NOT NULL,
            severity VARCHAR NOT NULL,
            message VARCHAR NOT NULL,
            expected VARCHAR,                  -- decimals as computed, exact text
            actual VARCHAR,
            difference VARCHAR,
            tolerance VARCHAR,
            quote VARCHAR NOT NULL,
            page INTEGER,
            line INTEGER,
            cells_json VARCHAR NOT NULL
        );
        CREATE INDEX cells_report ON cells (report_id);
        CREATE INDEX findings_report ON findings (report_id);
        """,
    ),
    (
        2,
        # Each finding whole, in the model's own JSON (serialize.to_data), so the store gives
        # back the Finding that was checked. Rows stored before keep the place they were
        # stored with (page and line, or those of their first cell).
        """
        ALTER TABLE findings ADD COLUMN finding_json VARCHAR;
        UPDATE findings SET finding_json = json_object(
            'rule', rule, 'severity', severity, 'message', message, 'cells', json(cells_json),
            'expected', expected, 'actual', actual, 'difference', difference, 'tolerance', tolerance, 'quote', quote,
            'source', CASE WHEN page IS NULL AND line IS NULL THEN NULL ELSE json_object('page', page, 'line', line, 'bbox', NULL) END
        )::VARCHAR;
        """,
    ),
    (
        3,
        # A department's series (store/series.py): each report's entity, scope, family and
        # year; the findings across years and documents, per report; aliases of names.
        """
        CREATE TABLE series_members (
            report_id VARCHAR PRIMARY KEY, entity_key VARCHAR NOT NULL, entity_name VARCHAR NOT NULL,
            family VARCHAR NOT NULL, scope VARCHAR NOT NULL, year INTEGER, evidence VARCHAR NOT NULL,
            source_file VARCHAR NOT NULL, narrative INTEGER NOT NULL, tables INTEGER NOT NULL
        );
        CREATE TABLE series_findings (
            report_id VARCHAR NOT NULL, other_id VARCHAR NOT NULL, seq INTEGER NOT NULL, finding_json VARCHAR NOT NULL
        );
        CREATE TABLE entity_aliases (alias VARCHAR PRIMARY KEY, canonical VARCHAR NOT NULL);
        CREATE INDEX series_key ON series_members (entity_key);
        CREATE INDEX series_findings_report ON series_findings (report_id);
        """,
    ),
)

LATEST = MIGRATIONS[-1][0]


def current_version(con: duckdb.DuckDBPyConnection) -> int:
    con.execute(
        "CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)"
    )
    row = con.execute("SELECT max(version) FROM schema_version").fetchone()
    return int(row[0]) if row and row[0] is not None else 0


def migrate(con: duckdb.DuckDBPyConnection) -> int:
    """Apply every migration newer than the database; returns the version reached."""
    version = current_version(con)
    for number, statements in MIGRATIONS:
        if number <= version:
            continue
        con.execute("BEGIN TRANSACTION")
        try:
            for statement in statements.split(";"):
                if statement.strip():
                    con.execute(statement)
            con.execute("INSERT INTO schema_version (version) VALUES (?)", [number])
            con.execute("COMMIT")
        except Exception:
            con.execute("ROLLBACK")
            raise
        version = number
    return version
