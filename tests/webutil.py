"""Helpers shared by the web tests: app factories and hostile worker entries.

The hostile functions run inside the sandboxed parsing worker (they are imported by
``python -m juesuan.web.worker webutil:NAME``, this directory being on its path).
"""

from __future__ import annotations

import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from conftest import JIANGMEN, LIANJIANG

from juesuan.render.pdf import chromium  # noqa: F401 — the browser tests find Chromium as the renderer does

# Headless Chromium for the browser tests (Debian's binary, driven by Playwright)
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def serving(app: Any) -> Iterator[str]:
    """``app`` served by uvicorn on a free 127.0.0.1 port in a thread, for a browser test;
    yields its origin and stops the server on exit."""
    import uvicorn

    port = free_port()
    server = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on"))
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline, "uvicorn did not start"
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


def broken_lianjiang() -> bytes:
    """The Lianjiang report with one total changed: 表1 R60 836.20 → 836.30."""
    text = LIANJIANG.read_text(encoding="utf-8")
    return text.replace("总计 30 836.20 总计 60 836.20", "总计 30 836.20 总计 60 836.30").encode("utf-8")


def corpus_files() -> list[tuple[str, bytes]]:
    return [(path.name, path.read_bytes()) for path in (LIANJIANG, JIANGMEN)]


def spin(data: bytes, name: str) -> dict[str, Any]:
    while True:  # burns CPU until RLIMIT_CPU stops it
        pass


def sleep(data: bytes, name: str) -> dict[str, Any]:
    time.sleep(3600)  # no CPU: only the wall-clock timeout stops it
    return {}


def hog(data: bytes, name: str) -> dict[str, Any]:
    chunks = []
    while True:  # grows until RLIMIT_AS refuses
        chunks.append(bytearray(64 * 1024 * 1024))


def garbage(data: bytes, name: str) -> dict[str, Any]:
    return {"ok": True, "hash": "x", "model": "not json", "findings": [{"bad": 1}]}
