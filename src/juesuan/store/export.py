"""Exports for analysts and open-data portals: Parquet partitioned by year, CSV,
and a Frictionless Data Package descriptor (datapackage.json)."""

from __future__ import annotations

import json
from pathlib import Path

from .database import Store

_QUERIES = {
    "reports": "SELECT id, content_hash, source_file, format, entity, scope, year, unit, tables_found, cells, errors, warnings, infos,"
    " ingested_at FROM reports",
    "cells": "SELECT r.year, r.entity, c.* FROM cells c JOIN reports r ON r.id = c.report_id",
    # finding_json is the store's copy of the model's own form: the columns say it for analysts
    "findings": "SELECT r.year, r.entity, f.* EXCLUDE (finding_json) FROM findings f JOIN reports r ON r.id = f.report_id",
}

_FIELDS = {
    "reports": [
        ("id", "string", "报告编号（内容哈希前16位）"),
        ("content_hash", "string", "原文件 SHA-256"),
        ("source_file", "string", "原文件"),
        ("format", "string", "原文件格式"),
        ("entity", "string", "部门或单位名称"),
        ("scope", "string", "部门（汇总）或单位（本级）"),
        ("year", "integer", "决算年度"),
        ("unit", "string", "金额单位"),
        ("tables_found", "integer", "识别出的标准决算表张数"),
        ("cells", "integer", "单元格数"),
        ("errors", "integer", "错误数"),
        ("warnings", "integer", "警告数"),
        ("infos", "integer", "提示数"),
        ("ingested_at", "datetime", "入库时间"),
    ],
    "cells": [
        ("year", "integer", "决算年度"),
        ("entity", "string", "部门或单位名称"),
        ("report_id", "string", "报告编号"),
        ("table_id", "string", "表：T1…T9"),
        ("row_key", "string", "科目编码或行次"),
        ("row_name", "string", "行名称"),
        ("row_code", "string", "科目编码"),
        ("row_role", "string", "行的含义（合计等）"),
        ("column_key", "string", "栏目（含上级表头，以 / 连接）"),
        ("column_role", "string", "栏目含义"),
        ("amount", "number", "金额"),
        ("amount_text", "string", "金额（按印刷）"),
        ("decimals", "integer", "印刷的小数位数"),
        ("page", "integer", "页"),
        ("line", "integer", "行"),
    ],
    "findings": [
        ("year", "integer", "决算年度"),
        ("entity", "string", "部门或单位名称"),
        ("report_id", "string", "报告编号"),
        ("seq", "integer", "序号"),
        ("rule", "string", "规则编号"),
        ("severity", "string", "级别：error / warning / info"),
        ("message", "string", "说明"),
        ("expected", "string", "应为"),
        ("actual", "string", "实际"),
        ("difference", "string", "差额"),
        ("tolerance", "string", "尾数容差"),
        ("quote", "string", "原文"),
        ("page", "integer", "页"),
        ("line", "integer", "行"),
        ("cells_json", "string", "涉及的单元格（JSON）"),
    ],
}


def _literal(path: Path) -> str:
    return "'" + str(path).replace("'", "''") + "'"


# the SQL form of model.tidy.safe_text: text a spreadsheet would run as a formula gets an apostrophe
_FORMULA = r"regexp_matches({c}, '^[-=+@\t\r]') AND NOT regexp_matches({c}, '^[+-]?[0-9][0-9,]*([.][0-9]+)?%?$')"
_APOSTROPHE = "''''"  # the SQL literal of one apostrophe


def _csv_safe(store: Store, query: str) -> str:
    """``query`` with every text column passed through the formula guard."""
    columns = store.con.execute(f"DESCRIBE ({query})").fetchall()
    parts = []
    for column, kind, *_ in columns:
        quoted = '"' + str(column).replace('"', '""') + '"'
        if kind == "VARCHAR":
            parts.append(f"CASE WHEN {_FORMULA.format(c=quoted)} THEN {_APOSTROPHE} || {quoted} ELSE {quoted} END AS {quoted}")
        else:
            parts.append(quoted)
    return f"SELECT {', '.join(parts)} FROM ({query})"


def export(store: Store, directory: Path, formats: tuple[str, ...] = ("parquet", "csv")) -> list[Path]:
    """Write every table in each format under ``directory``; Parquet is partitioned by year."""
    directory.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for name, query in _QUERIES.items():
        if "parquet" in formats:
            (directory / "parquet").mkdir(exist_ok=True)
            if name == "reports":
                target = directory / "parquet" / "reports.parquet"
                options = "FORMAT PARQUET"
            else:  # year=2023/…, year=2024/… directories, readable as one dataset
                target = directory / "parquet" / name
                options = "FORMAT PARQUET, PARTITION_BY (year), OVERWRITE_OR_IGNORE true"
            store.con.execute(f"COPY ({query}) TO {_literal(target)} ({options})")
            written.append(target)
        if "csv" in formats:
            target = directory / f"{name}.csv"
            store.con.execute(f"COPY ({_csv_safe(store, query)}) TO {_literal(target)} (FORMAT CSV, HEADER true)")
            written.append(target)
    descriptor = directory / "datapackage.json"
    descriptor.write_text(json.dumps(datapackage(), ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    written.append(descriptor)
    return written


def datapackage() -> dict:
    """A Frictionless Data Package describing the CSV resources."""
    return {
        "profile": "tabular-data-package",
        "name": "juesuan-final-accounts",
        "title": "部门决算公开数据（juesuan 导出）",
        "licenses": [{"name": "other-pd", "title": "政府公开信息"}],
        "resources": [
            {
                "name": name,
                "path": f"{name}.csv",
                "profile": "tabular-data-resource",
                "format": "csv",
                "encoding": "utf-8",
                "schema": {
                    "fields": [{"name": n, "type": t, "description": d} for n, t, d in fields],
                    **({"primaryKey": ["id"]} if name == "reports" else {}),
                    **(
                        {"foreignKeys": [{"fields": ["report_id"], "reference": {"resource": "reports", "fields": ["id"]}}]}
                        if name != "reports"
                        else {}
                    ),
                },
            }
            for name, fields in _FIELDS.items()
        ],
    }
