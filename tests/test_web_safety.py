"""Safety of the web app: a hostile file cannot take the server down, and no request
reaches the file system."""

from __future__ import annotations

import time

import pytest
from conftest import JIANGMEN, ROOT
from fastapi.testclient import TestClient

from juesuan.store.database import Payload
from juesuan.store.ingest import Failure
from juesuan.web.app import create_app
from juesuan.web.uploads import label
from juesuan.web.worker import Limits, Sandbox

TIGHT = Limits(cpu_seconds=1, memory_bytes=512 * 1024 * 1024, wall_seconds=3.0)


def test_the_real_parser_runs_in_the_sandbox():
    result = Sandbox().run(JIANGMEN.read_bytes(), JIANGMEN.name)
    assert isinstance(result, Payload) and result.source_file == JIANGMEN.name


def test_cpu_limit_stops_a_spinning_parser():
    started = time.monotonic()
    result = Sandbox(Limits(cpu_seconds=1, wall_seconds=30), "webutil:spin").run(b"x", "spin.txt")
    assert isinstance(result, Failure) and "CPU" in result.message
    assert time.monotonic() - started < 15


def test_wall_clock_timeout_stops_a_sleeping_parser():
    started = time.monotonic()
    result = Sandbox(Limits(wall_seconds=1.5), "webutil:sleep").run(b"x", "sleep.txt")
    assert isinstance(result, Failure) and "超时" in result.message
    assert time.monotonic() - started < 10


def test_memory_limit_stops_a_growing_parser():
    result = Sandbox(TIGHT, "webutil:hog").run(b"x", "hog.txt")
    assert isinstance(result, Failure) and "内存" in result.message


def test_a_garbled_answer_is_a_failure_not_a_crash():
    result = Sandbox(TIGHT, "webutil:garbage").run(b"x", "g.txt")
    assert isinstance(result, Failure) and "无法识别" in result.message


def test_server_survives_hostile_uploads(tmp_path):
    app = create_app(tmp_path / "s.duckdb", token="", limits=TIGHT, worker_entry="webutil:hog")
    with TestClient(app) as client:
        response = client.post("/api/reports", files={"file": ("bomb.txt", b"anything")})
        assert response.status_code == 422 and response.json()["error"]["code"] == "unreadable"
        assert client.get("/api/reports").json()["count"] == 0  # still serving
    app = create_app(tmp_path / "s.duckdb", token="", limits=Limits(cpu_seconds=1, wall_seconds=20), worker_entry="webutil:spin")
    with TestClient(app) as client:
        response = client.post("/api/reports", files={"file": ("loop.txt", b"anything")})
        assert response.status_code == 422 and "CPU" in response.json()["error"]["message"]


@pytest.mark.parametrize(
    "url",
    [
        "/static/../pyproject.toml",
        "/static/%2e%2e/%2e%2e/pyproject.toml",
        "/static/..%2f..%2f..%2fpyproject.toml",
        "/static//etc/passwd",
        "/reports/..%2F..%2Fetc%2Fpasswd",
        "/reports/../../etc/passwd",
        "/api/reports/..%2F..%2Fetc%2Fpasswd/cells.csv",
        "/api/reports/%2e%2e/findings",
        "/reports/0123456789abcdef/audit.xlsx/../../../pyproject.toml",
    ],
)
def test_no_path_from_a_request_reaches_the_file_system(tmp_path, url):
    with TestClient(create_app(tmp_path / "p.duckdb", token="")) as client:
        response = client.get(url)
        assert response.status_code in (404, 422), url
        assert "[project]" not in response.text and "root:" not in response.text


def test_upload_names_are_labels_only(tmp_path):
    target = tmp_path / "evil.txt"
    with TestClient(create_app(tmp_path / "n.duckdb", token="")) as client:
        name = f"../../../../{tmp_path.relative_to('/')}/evil.txt"
        response = client.post("/api/reports", files={"file": (name, JIANGMEN.read_bytes())})
        assert response.status_code == 201
        assert response.json()["report"]["source_file"] == "evil.txt"
    assert not target.exists()
    assert label("..\\..\\windows\\system32\\x.txt") == "x.txt"
    assert label("a\x00b<script>.txt") == "a_b_script_.txt"
    assert label("../..") == "upload.txt"


def test_static_files_are_served(tmp_path):
    with TestClient(create_app(tmp_path / "st.duckdb", token="")) as client:
        assert client.get("/static/style.css").status_code == 200
        assert (ROOT / "src" / "juesuan" / "web" / "static" / "app.js").exists()


def test_serve_binds_to_localhost_by_default():
    import inspect

    from juesuan.cli.web import _local, serve

    assert inspect.signature(serve).parameters["host"].default == "127.0.0.1"
    assert _local("127.0.0.1") and _local("::1") and _local("localhost") and not _local("0.0.0.0")
