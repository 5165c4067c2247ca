"""One pipeline: the command line, the store and the web API give the same findings for
the same report — rule, severity, message, amounts, quote, cells and places — whether it
is a PDF, a workbook or text.

Each entry point is used as a user would: ``juesuan check --format json``, ``ingest``
then the stored findings (worker processes), an upload to the API (its sandboxed
parsing child) then ``GET /findings``.
"""

from __future__ import annotations

import dataclasses
import json
from pathlib import Path
from typing import Any

import pytest
from conftest import EXAMPLES, ROOT
from fastapi.testclient import TestClient
from typer.testing import CliRunner
from webutil import broken_lianjiang

from juesuan.cli import app
from juesuan.model.serialize import to_data
from juesuan.pipeline import read_and_check
from juesuan.store import Store
from juesuan.store.ingest import ingest
from juesuan.web.app import create_app

FILES = {
    "pdf": ROOT / "tests" / "fixtures" / "real" / "juesuan" / "shanghai-putuo-planning-resources-bureau-2024-final.pdf",
    "xlsx": ROOT / "tests" / "fixtures" / "jiangmen-2024.xlsx",
    "text": EXAMPLES / "jiangmen-medical-security-bureau-2024.txt",
}
KINDS = [*FILES, "broken"]  # broken: a text report with a wrong total (findings at cells, with no quote)


def said(finding: Any) -> dict[str, Any]:
    """What a finding says, as every entry point can write it: the fields of the CLI's
    JSON (the box of a quote is not among them)."""
    data = to_data(finding) if dataclasses.is_dataclass(finding) else dict(finding)
    source = data.get("source")
    return {
        "rule": data["rule"],
        "severity": data["severity"],
        "message": data["message"],
        "amounts": [data[k] for k in ("expected", "actual", "difference", "tolerance")],
        "quote": data["quote"],
        "cells": [{k: c.get(k) for k in ("table", "row", "column", "name", "page", "line")} for c in data["cells"]],
        "source": None if source is None else {"page": source.get("page"), "line": source.get("line")},
    }


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    broken = tmp_path_factory.mktemp("broken") / "broken-lianjiang.txt"
    broken.write_bytes(broken_lianjiang())
    return {**FILES, "broken": broken}


@pytest.fixture(scope="module")
def entry_points(reports, tmp_path_factory) -> dict[str, dict[str, list[Any]]]:
    """kind → entry point → the findings it gives."""
    work = tmp_path_factory.mktemp("entry-points")
    found: dict[str, dict[str, list[Any]]] = {kind: {} for kind in reports}
    runner = CliRunner()
    for kind, path in reports.items():
        result = runner.invoke(app, ["check", str(path), "--format", "json"])
        assert result.exit_code in (0, 1), result.output
        found[kind]["cli"] = json.loads(result.stdout)["findings"]
    with Store(work / "store.duckdb") as store:
        summary = ingest(list(reports.values()), store, workers=2)  # worker processes, as a batch runs
        assert not summary.failed, summary.failed
        ids = {Path(file).resolve(): report_id for report_id, file in summary.added}
        for kind, path in reports.items():
            found[kind]["store"] = list(store.findings(ids[path.resolve()]))
    with TestClient(create_app(work / "web.duckdb", token="")) as client:
        for kind, path in reports.items():
            upload = client.post("/api/reports", files={"file": (path.name, path.read_bytes())})
            assert upload.status_code == 201, upload.text
            found[kind]["api"] = client.get(f"/api/reports/{upload.json()['id']}/findings").json()["findings"]
    return found


@pytest.mark.parametrize("kind", KINDS)
def test_cli_store_and_api_say_the_same(entry_points, kind):
    found = entry_points[kind]
    cli = [said(f) for f in found["cli"]]
    assert cli, "a report with findings, or the comparison proves nothing"
    assert [said(f) for f in found["store"]] == cli
    assert [said(f) for f in found["api"]] == cli


@pytest.mark.parametrize("kind", KINDS)
def test_the_store_and_the_api_give_back_the_checked_findings_whole(reports, entry_points, kind):
    checked = read_and_check(reports[kind])
    assert tuple(entry_points[kind]["store"]) == checked.findings  # model objects, box of the quote and all
    assert entry_points[kind]["api"] == [to_data(f) for f in checked.findings]  # the model's own JSON


def test_places_are_pages_outside_text():
    """A PDF's or workbook's internal layout lines are never shown as places."""
    for kind in ("pdf", "xlsx"):
        for finding in read_and_check(FILES[kind].read_bytes(), FILES[kind].name).findings:
            assert all(cell.line is None for cell in finding.cells)
            assert finding.source is None or finding.source.line is None
    text = read_and_check(FILES["text"]).findings
    assert any(cell.line for f in text for cell in f.cells) and any(f.source and f.source.line for f in text)
