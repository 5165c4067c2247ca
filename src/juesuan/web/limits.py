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
