"""The embedded store: idempotent, atomic ingest; exports; comparisons."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from decimal import Decimal
from pathlib import Path

from conftest import GOLDEN, JIANGMEN, LIANJIANG

from juesuan.model import Finding
from juesuan.store import Store
from juesuan.store.compare import across_departments, across_years
from juesuan.store.export import export
from juesuan.store.ingest import ingest


def derived_reports(directory: Path, count: int) -> list[Path]:
    """Distinct reports (another department name each) derived from the corpus."""
    directory.mkdir(parents=True, exist_ok=True)
    sources = [(LIANJIANG, "廉江市医疗保障局"), (JIANGMEN, "江门市医疗保障局")]
    paths = []
    for i in range(count):
        source, name = sources[i % 2]
        path = directory / f"report-{i:03d}.txt"
        path.write_text(source.read_text(encoding="utf-8").replace(name, f"{name[:2]}{i:03d}{name[2:]}"), encoding="utf-8")
        paths.append(path)
    return paths


def test_ingest_is_idempotent_and_stores_every_cell(tmp_path):
    with Store(tmp_path / "db.duckdb") as store:
        first = ingest([LIANJIANG, JIANGMEN], store)
        again = ingest([LIANJIANG, tmp_path.parent / "missing.txt"], store)
        assert len(first.added) == 2 and not first.failed
        assert again.added == [] and len(again.known) == 1 and len(again.failed) == 1
        assert store.count("reports") == 2
        for report_id, file in first.added:
            stored = list(store.cells(report_id))
            golden = (GOLDEN / f"{Path(file).stem}.csv").read_text(encoding="utf-8").splitlines()[1:]
            assert [",".join(row) for row in stored] == golden
            model = store.model(report_id)
            assert model is not None and model.metadata.source_name == Path(file).name
        (meta,) = store.reports(year=2024)
        assert (meta.entity, meta.scope, meta.tables_found, meta.cells) == ("江门市医疗保障局（本级）", "单位", 9, 849)
        assert meta.errors == 2  # the narrative's published errors (JS707, JS710)
        assert store.reports(entity="廉江")[0].year == 2023


def test_findings_are_stored_with_their_cells(tmp_path):
    broken = tmp_path / "broken.txt"
    broken.write_text(
        LIANJIANG.read_text(encoding="utf-8").replace("总计 30 836.20 总计 60 836.20", "总计 30 836.20 总计 60 836.30"), encoding="utf-8"
    )
    with Store(tmp_path / "db.duckdb") as store:
        ((report_id, _),) = ingest([broken], store).added
        findings = store.findings(report_id)
        assert findings and isinstance(findings[0], Finding) and findings[0].severity == "error"
        assert findings[0].cells[0].table == "T1" and findings[0].difference is not None
        assert store.reports(severity="error")[0].id == report_id
        assert store.reports(rule=findings[0].rule)[0].id == report_id


def test_parallel_workers_and_bad_files(tmp_path):
    files = derived_reports(tmp_path / "in", 6)
    (tmp_path / "in" / "notes.txt").write_text("不是报告\n", encoding="utf-8")
    (tmp_path / "in" / "binary.pdf").write_bytes(b"%PDF-1.4 truncated")
    with Store(tmp_path / "db.duckdb") as store:
        summary = ingest([tmp_path / "in"], store, workers=2)
        assert len(summary.added) == len(files) and len(summary.failed) == 2
        assert store.count("reports") == 6


def test_ray_engine(tmp_path):
    import ray  # noqa: F401  (a test dependency: missing is a failure, not a skip)

    with Store(tmp_path / "db.duckdb") as store:
        summary = ingest([LIANJIANG, JIANGMEN], store, workers=2, engine="ray")
        assert len(summary.added) == 2 and store.count("cells") == 655 + 849


def test_a_killed_ingest_leaves_only_whole_reports(tmp_path):
    files = derived_reports(tmp_path / "in", 120)
    db = tmp_path / "db.duckdb"
    process = subprocess.Popen(
        [sys.executable, "-m", "juesuan", "ingest", str(tmp_path / "in"), "--db", str(db)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    wal = Path(str(db) + ".wal")
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline and not (wal.exists() and wal.stat().st_size > 60_000):
        time.sleep(0.02)
    os.kill(process.pid, signal.SIGKILL)
    process.wait()
    with Store(db) as store:
        stored = store.reports()
        assert 0 < len(stored) < len(files), "the kill must land mid-way"
        for report in stored:
            model = store.model(report.id)
            cells = sum(len(row.cells) for table in model.tables for row in table.rows)
            assert report.cells == cells == len(list(store.cells(report.id)))
        # and the batch resumes where it stopped
        summary = ingest([tmp_path / "in"], store, workers=2)
        assert store.count("reports") == len(files) and len(summary.known) == len(stored)


def test_export_parquet_csv_and_datapackage(tmp_path):
    import duckdb

    with Store(tmp_path / "db.duckdb") as store:
        ingest([LIANJIANG, JIANGMEN], store)
        export(store, tmp_path / "out")
    assert sorted(p.name for p in (tmp_path / "out" / "parquet" / "cells").iterdir()) == ["year=2023", "year=2024"]
    counts = duckdb.sql(
        f"SELECT year, count(*) FROM read_parquet('{tmp_path}/out/parquet/cells/*/*.parquet', hive_partitioning=true) GROUP BY year ORDER BY year"
    ).fetchall()
    assert counts == [(2023, 655), (2024, 849)]
    package = json.loads((tmp_path / "out" / "datapackage.json").read_text(encoding="utf-8"))
    assert [r["name"] for r in package["resources"]] == ["reports", "cells", "findings"]
    header = (tmp_path / "out" / "cells.csv").read_text(encoding="utf-8").splitlines()[0].split(",")
    assert header == [f["name"] for f in package["resources"][1]["schema"]["fields"]]


def test_compare_across_years_uses_the_narrative_forms(tmp_path):
    text = LIANJIANG.read_text(encoding="utf-8")
    previous = tmp_path / "2022.txt"
    previous.write_text(
        text.replace("2023", "2022")
        .replace("八、其他收入 8 0.02", "八、其他收入 8 0.00")
        .replace("一、一般公共预算财政拨款收入 1 814.59", "一、一般公共预算财政拨款收入 1 27,438.83"),
        encoding="utf-8",
    )
    with Store(tmp_path / "db.duckdb") as store:
        ingest([previous, LIANJIANG], store)
        changes = {(c.table, c.row, c.column): c for c in across_years(store, "廉江市医疗保障局", 2022, 2023)}
        assert changes[("T1", "1", "收入/决算数")].sentence == "比上年决算数减少26,624.24万元，下降97.0%"
        assert changes[("T1", "8", "收入/决算数")].sentence == "比上年决算数增加0.02万元，增长--（基数为0，不可比）"
        assert changes[("T1", "5", "收入/决算数")].sentence == "与上年决算数持平"
        (row,) = across_departments(store, 2023)
        assert row.values["“三公”经费决算数"] == Decimal("4.45") and row.share("项目支出") == Decimal("17.1")


def test_a_store_of_the_first_schema_gives_its_findings_as_model_objects(tmp_path):
    """Findings stored before the model's own JSON was kept are migrated, not lost."""
    import duckdb

    from juesuan.model import CellRef, Source
    from juesuan.store.schema import MIGRATIONS

    path = tmp_path / "v1.duckdb"
    con = duckdb.connect(str(path))
    con.execute("CREATE TABLE schema_version (version INTEGER NOT NULL, applied_at TIMESTAMP NOT NULL DEFAULT current_timestamp)")
    for statement in MIGRATIONS[0][1].split(";"):
        if statement.strip():
            con.execute(statement)
    con.execute("INSERT INTO schema_version (version) VALUES (1)")
    cells = '[{"table": "T1", "row": "60", "column": "支出/决算数", "name": "总计", "page": 6, "line": 262}]'
    con.execute(
        "INSERT INTO findings VALUES ('r1', 0, 'JS104', 'error', '总计不符', '836.20', '836.30', '0.10', '0.010', '', 6, 262, ?)", [cells]
    )
    con.close()
    with Store(path) as store:
        (finding,) = store.findings("r1")
    assert finding.rule == "JS104" and finding.difference == Decimal("0.10") and finding.expected == Decimal("836.20")
    assert finding.cells == (CellRef("T1", "60", "支出/决算数", "总计", 6, 262),)
    assert finding.source == Source(6, 262)  # the place it was stored with
