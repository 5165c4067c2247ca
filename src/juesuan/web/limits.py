"""A hard cap on request bodies, enforced while they stream in (before any parsing).

A declared Content-Length over the cap is refused at once; a body that grows past it
(chunked, or lying about its length) is cut off and refused, so an upload can never
fill memory or disk.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from .errors import ApiError

Scope = dict[str, Any]
Receive = Callable[[], Any]
Send = Callable[[dict[str, Any]], Any]


class BodyTooLarge(ApiError):
    """Raised from inside the body stream: an HTTPException, so FastAPI's body parsing
    lets it through and the app's handler answers with the common error shape."""

    def __init__(self, limit: int) -> None:
        super().__init__(413, "too_large", f"上传内容过大（上限 {limit} 字节）")


class BodyLimit:
    def __init__(self, app: Any, limit: int) -> None:
        self.app = app
        self.limit = limit

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        headers = dict(scope.get("headers") or [])
        declared = headers.get(b"content-length")
        if declared is not None:
            try:
                too_big = int(declared) > self.limit
            except ValueError:
                too_big = False
            if too_big:
                await self._refuse(scope, send)
                return
        seen = 0
        started = False

        async def counting_receive() -> dict[str, Any]:
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.limit:
                    raise BodyTooLarge(self.limit)
            return message

        async def tracking_send(message: dict[str, Any]) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except BodyTooLarge:
            if not started:
                await self._refuse(scope, send)

    async def _refuse(self, scope: Scope, send: Send) -> None:
        message = f"上传内容过大（上限 {self.limit} 字节）"
        if scope.get("path", "").startswith("/api"):
            body = json.dumps({"error": {"code": "too_large", "message": message}}, ensure_ascii=False).encode("utf-8")
            kind = b"application/json"
        else:
            body = f'<!doctype html><meta charset=utf-8><title>上传内容过大</title><p>{message}</p><p><a href="/">返回</a></p>'.encode()
            kind = b"text/html; charset=utf-8"
        await send(
            {
                "type": "http.response.start",
                "status": 413,
                "headers": [(b"content-type", kind), (b"content-length", str(len(body)).encode()), (b"connection", b"close")],
            }
        )
        await send({"type": "http.response.body", "body": body})


_CSP = (
    "default-src 'self'; img-src 'self' data:; style-src 'self' 'unsafe-inline'; script-src 'self'; "
    "object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'"
)
_CSP_DOCS = _CSP.replace("script-src 'self'", "script-src 'self' 'unsafe-inline'")  # Swagger UI starts from an inline script
_HEADERS = [(b"x-content-type-options", b"nosniff"), (b"x-frame-options", b"DENY"), (b"referrer-policy", b"same-origin")]
_WRITES = frozenset({"POST", "PUT", "PATCH", "DELETE"})
UPLOAD_PATHS = frozenset({"/api/reports", "/upload"})


class Guard:
    """Before any body is read: an API write without the token is refused (401), and an
    upload beyond ``max_pending`` in flight is refused (503 with Retry-After), so queued
    slow uploads cannot take the server's threads or its disk. Every response gets the
    security headers (Content-Security-Policy, X-Frame-Options, X-Content-Type-Options).

    ``authorised(headers)`` says whether the request's headers carry the token (always
    True when none is configured). A page upload may carry the token in its form: it is
    let through to the route, which checks it (its body is capped by ``BodyLimit``)."""

    def __init__(self, app: Any, authorised: Callable[[dict[bytes, bytes]], bool], max_pending: int, retry_after: int = 5) -> None:
        self.app = app
        self.authorised = authorised
        self.max_pending = max_pending
        self.retry_after = retry_after
        self.pending = 0  # uploads in flight; the event loop is one thread

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        path = scope.get("path", "")
        csp = (_CSP_DOCS if path == "/docs" or path.startswith("/docs/") else _CSP).encode()

        async def with_headers(message: dict[str, Any]) -> None:
            if message["type"] == "http.response.start":
                present = {name.lower() for name, _ in message.get("headers", [])}
                extra = [(name, value) for name, value in [(b"content-security-policy", csp), *_HEADERS] if name not in present]
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        write = scope.get("method", "GET") in _WRITES
        headers = dict(scope.get("headers") or [])
        if write and path.startswith("/api") and not self.authorised(headers):
            message = "需要有效的令牌：请在 Authorization: Bearer 或 X-Juesuan-Token 中提供 JUESUAN_TOKEN"
            await _answer(with_headers, 401, "unauthorized", message, path)
            return
        upload = write and path in UPLOAD_PATHS
        if upload and self.pending >= self.max_pending:
            message = f"服务器正忙：已有 {self.pending} 个上传在处理或排队，请 {self.retry_after} 秒后重试"
            await _answer(with_headers, 503, "busy", message, path, [(b"retry-after", str(self.retry_after).encode())])
            return
        if upload:
            self.pending += 1
        try:
            await self.app(scope, receive, with_headers)
        finally:
            if upload:
                self.pending -= 1


async def _answer(send: Send, status: int, code: str, message: str, path: str, headers: list[tuple[bytes, bytes]] | None = None) -> None:
    if path.startswith("/api"):
        body = json.dumps({"error": {"code": code, "message": message}}, ensure_ascii=False).encode("utf-8")
        kind = b"application/json"
    else:
        body = f'<!doctype html><meta charset=utf-8><title>{status}</title><p>{message}</p><p><a href="/">返回</a></p>'.encode()
        kind = b"text/html; charset=utf-8"
    start_headers = [(b"content-type", kind), (b"content-length", str(len(body)).encode()), (b"connection", b"close"), *(headers or [])]
    await send({"type": "http.response.start", "status": status, "headers": start_headers})
    await send({"type": "http.response.body", "body": body})
