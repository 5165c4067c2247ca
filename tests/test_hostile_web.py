"""The web app under hostile use (issue 15): the token is checked before a body is read,
uploads beyond the queue are refused with Retry-After, reads never wait on writes, the
department filter is literal, every response carries the security headers, and no input
gets a 5xx."""

from __future__ import annotations

import asyncio
import threading
import time

from conftest import JIANGMEN, LIANJIANG, ROOT
from fastapi.testclient import TestClient

from juesuan.store.database import Store
from juesuan.store.ingest import ingest
from juesuan.web.app import create_app
from juesuan.web.limits import Guard

HOSTILE = ROOT / "tests" / "fixtures" / "hostile"


def _call(app, method: str, path: str, headers: list[tuple[bytes, bytes]]) -> tuple[int, dict[bytes, bytes], bool]:
    """An ASGI request whose body must not be read: (status, headers, whether it was read)."""
    read = False
    started: dict = {}

    async def receive() -> dict:
        nonlocal read
        read = True
        return {"type": "http.request", "body": b"x" * 1024, "more_body": False}

    async def send(message: dict) -> None:
        if message["type"] == "http.response.start":
            started.update(message)

    scope = {"type": "http", "method": method, "path": path, "headers": headers, "query_string": b"", "scheme": "http", "server": ("t", 80)}
    asyncio.run(app(scope, receive, send))
    return started["status"], dict(started["headers"]), read


def test_an_upload_without_the_token_is_refused_before_its_body_is_read(tmp_path):
    app = create_app(tmp_path / "s.duckdb", token="secret")
    status, headers, read = _call(app, "POST", "/api/reports", [(b"content-type", b"multipart/form-data; boundary=x")])
    assert status == 401 and not read
    assert headers[b"content-type"] == b"application/json"


def test_uploads_beyond_the_queue_get_503_and_retry_after():
    async def inner(scope, receive, send):  # answers without reading the body
        await send({"type": "http.response.start", "status": 200, "headers": []})
        await send({"type": "http.response.body", "body": b"{}"})

    guard = Guard(inner, authorised=lambda headers: True, max_pending=2)
    guard.pending = 2  # two uploads in flight
    status, headers, read = _call(guard, "POST", "/api/reports", [])
    assert status == 503 and headers[b"retry-after"] == b"5" and not read
    status, headers, _ = _call(guard, "GET", "/api/reports", [])  # reads are never queued
    assert status == 200 and b"content-security-policy" in headers
    guard.pending = 1
    status, _, _ = _call(guard, "POST", "/api/reports", [])
    assert status == 200 and guard.pending == 1  # counted while in flight, released after


def test_reads_answer_while_a_write_holds_the_store(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([LIANJIANG], store)
    app = create_app(tmp_path / "s.duckdb", token="")
    with TestClient(app) as client:
        service = app.state.service
        held, release = threading.Event(), threading.Event()

        def writer() -> None:
            with service._write:  # as an upload's insert does
                held.set()
                release.wait(10)

        thread = threading.Thread(target=writer)
        thread.start()
        held.wait(5)
        started = time.monotonic()
        response = client.get("/api/reports")
        elapsed = time.monotonic() - started
        release.set()
        thread.join()
        assert response.status_code == 200 and response.json()["count"] == 1
        assert elapsed < 5


def test_the_department_filter_is_literal(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        ingest([LIANJIANG, JIANGMEN], store)
        assert len(store.reports(entity="医疗保障局")) == 2
        assert store.reports(entity="%") == []
        assert store.reports(entity="_") == []
        assert len(store.reports(entity="廉江")) == 1


def test_security_headers_on_pages_api_and_docs(tmp_path):
    app = create_app(tmp_path / "s.duckdb", token="")
    with TestClient(app) as client:
        for path in ("/", "/api/reports", "/docs", "/api/nothing"):
            response = client.get(path)
            assert response.headers["x-frame-options"] == "DENY", path
            assert response.headers["x-content-type-options"] == "nosniff", path
            policy = response.headers["content-security-policy"]
            assert "frame-ancestors 'none'" in policy and "object-src 'none'" in policy, path
            assert ("'unsafe-inline'" in policy.split("script-src", 1)[1].split(";")[0]) == (path == "/docs"), path


def test_no_hostile_upload_gets_a_5xx(tmp_path):
    app = create_app(tmp_path / "s.duckdb", token="")
    with TestClient(app) as client:
        for path in sorted(HOSTILE.iterdir()):
            response = client.post("/api/reports", files={"file": (path.name, path.read_bytes())})
            assert response.status_code < 500, (path.name, response.text[:300])
            if response.status_code >= 400:
                message = response.json()["error"]["message"]
                assert len(message) < 600 and "内部错误" not in message, (path.name, message)
        response = client.post("/api/reports", files={"file": ("big.txt", (HOSTILE / "text-amount-17-integer-digits.txt").read_bytes())})
        assert response.status_code in (200, 201, 422)
