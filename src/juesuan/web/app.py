"""The web app: ``create_app(db_path, ...)`` builds it over one store.

Pages (Chinese, server-rendered) live at ``/``; the JSON API at ``/api`` with its
OpenAPI document at ``/api/openapi.json``. Every API error has one shape
(``errors.body``); pages show errors as a page.
"""

from __future__ import annotations

import hmac
import os
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from fastapi.staticfiles import StaticFiles
from fastapi.templating import Jinja2Templates
from starlette.exceptions import HTTPException as StarletteHTTPException

from .. import __version__
from .errors import STATUS_CODES, STATUS_MESSAGES, ApiError, body
from .limits import BodyLimit, Guard
from .service import Service, Settings
from .worker import Limits

HERE = Path(__file__).resolve().parent


def create_app(
    db_path: str | Path,
    token: str | None = None,
    max_upload_bytes: int = 20 * 1024 * 1024,
    limits: Limits | None = None,
    worker_entry: str = "juesuan.sandbox:parse",
) -> FastAPI:
    """The app over the store at ``db_path``; ``token`` defaults to $JUESUAN_TOKEN."""
    settings = Settings(
        db_path=Path(db_path),
        token=token if token is not None else (os.environ.get("JUESUAN_TOKEN") or None),
        max_upload_bytes=max_upload_bytes,
        max_request_bytes=max_upload_bytes * 5 + 64 * 1024,
        limits=limits or Limits(),
        worker_entry=worker_entry,
    )
    service = Service(settings)

    @asynccontextmanager
    async def lifespan(_: FastAPI) -> AsyncIterator[None]:
        yield
        service.close()

    app = FastAPI(
        title="juesuan 决算 API",
        version=__version__,
        description='部门决算公开报告的上传、校验结果与数据接口。错误统一为 {"error": {"code", "message"}}。',
        openapi_url="/api/openapi.json",
        docs_url=None,
        redoc_url=None,
        lifespan=lifespan,
    )
    app.state.service = service
    app.state.templates = templates()
    app.add_middleware(BodyLimit, limit=settings.max_request_bytes)
    app.add_middleware(
        Guard, authorised=lambda headers: token_in_headers(settings.token, headers), max_pending=settings.max_pending_uploads
    )
    app.mount("/static", StaticFiles(directory=HERE / "static"), name="static")

    from ..render.registry import default_registry
    from . import api, docs, pages

    app.state.registry = default_registry().add(pages.audit_page(app.state.templates))  # every download is a renderer
    app.include_router(api.router)
    app.include_router(pages.router)
    app.include_router(docs.router)  # /docs: Swagger UI from packaged assets (docs_url=None above)
    _handlers(app)
    return app


def templates() -> Jinja2Templates:
    from .narrative import VERDICT_NAMES
    from .view import money, ref_id, severity_name, where

    found = Jinja2Templates(directory=str(HERE / "templates"))
    found.env.globals.update(cell_ref=ref_id, money=money, severity_name=severity_name, where=where, verdict_names=VERDICT_NAMES)
    return found


def authorised(request: Request, supplied: str | None = None) -> bool:
    """True when no token is configured, or the request carries it
    (``Authorization: Bearer …``, ``X-Juesuan-Token``, or the form field ``token``)."""
    expected = request.app.state.service.settings.token
    if not expected:
        return True
    header = request.headers.get("authorization", "")
    candidates = [supplied, request.headers.get("x-juesuan-token"), header[7:] if header.lower().startswith("bearer ") else None]
    return any(c is not None and hmac.compare_digest(c.encode("utf-8"), expected.encode("utf-8")) for c in candidates)


def token_in_headers(expected: str | None, headers: dict[bytes, bytes]) -> bool:
    """The raw ASGI headers carry the token (or none is configured): checked before the body is read."""
    if not expected:
        return True
    header = headers.get(b"authorization", b"").decode("latin-1")
    candidates = [
        headers.get(b"x-juesuan-token", b"").decode("latin-1") or None,
        header[7:] if header.lower().startswith("bearer ") else None,
    ]
    return any(c is not None and hmac.compare_digest(c.encode("utf-8"), expected.encode("utf-8")) for c in candidates)


def require_token(request: Request, supplied: str | None = None) -> None:
    if not authorised(request, supplied):
        raise ApiError(401, "unauthorized", "需要有效的令牌：请在 Authorization: Bearer 或 X-Juesuan-Token 中提供 JUESUAN_TOKEN")


def _is_api(request: Request) -> bool:
    return request.url.path == "/api" or request.url.path.startswith("/api/")


def _page_error(request: Request, status: int, message: str) -> HTMLResponse:
    return request.app.state.templates.TemplateResponse(request, "error.html", {"status": status, "message": message}, status_code=status)


def _handlers(app: FastAPI) -> None:
    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse | HTMLResponse:
        if isinstance(exc, ApiError):
            code, message = exc.code, exc.message
        else:
            code = STATUS_CODES.get(exc.status_code, "error")
            message = STATUS_MESSAGES.get(exc.status_code, str(exc.detail))
        headers = getattr(exc, "headers", None)
        if _is_api(request):
            return JSONResponse(body(code, message), status_code=exc.status_code, headers=headers)
        return _page_error(request, exc.status_code, message)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse | HTMLResponse:
        problems = []
        for error in exc.errors():
            where = ".".join(str(p) for p in error.get("loc", ()) if p not in ("body", "query", "path"))
            problems.append(f"{where or '请求'}：{_reason(error)}")
        message = "请求参数无效：" + "；".join(problems)
        if _is_api(request):
            return JSONResponse(body("invalid", message), status_code=422)
        return _page_error(request, 422, message)

    @app.exception_handler(Exception)
    async def crashed(request: Request, exc: Exception) -> JSONResponse | HTMLResponse:
        message = f"服务器内部错误（{type(exc).__name__}），请报告此问题"
        if _is_api(request):
            return JSONResponse(body("internal", message), status_code=500)
        return _page_error(request, 500, message)


def _reason(error: dict) -> str:
    kind = str(error.get("type", ""))
    if kind == "missing":
        return "缺少此项"
    if kind.startswith("int"):
        return "应为整数"
    if kind in ("enum", "literal_error"):
        return "取值无效"
    return "格式无效"
