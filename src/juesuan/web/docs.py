"""The API's Swagger UI at ``/docs``, served from packaged assets: it works with no internet.

FastAPI's own ``/docs`` loads Swagger UI from a CDN, so the app is created with
``docs_url=None`` and this router serves the page instead. The Swagger UI files (5.x, which
renders the OpenAPI 3.1 document FastAPI writes) come from the ``fastapi-offline`` package;
only the files the page loads are served, by name, from ``/docs/assets/``.
"""

from __future__ import annotations

from pathlib import Path

import fastapi_offline
from fastapi import APIRouter, HTTPException, Request
from fastapi.openapi.docs import get_swagger_ui_html
from fastapi.responses import FileResponse, HTMLResponse

ASSETS = Path(fastapi_offline.__file__).resolve().parent / "static"
ASSET_URL = "/docs/assets"
# name → media type: the files the page loads, nothing else of the package's folder
FILES = {
    "swagger-ui-bundle.js": "text/javascript; charset=utf-8",
    "swagger-ui.css": "text/css; charset=utf-8",
    "favicon.png": "image/png",
}

router = APIRouter(include_in_schema=False)


@router.get("/docs", response_class=HTMLResponse)
def swagger_ui(request: Request) -> HTMLResponse:
    root = request.scope.get("root_path", "")
    app = request.app
    return get_swagger_ui_html(
        openapi_url=f"{root}{app.openapi_url}",
        title=f"{app.title} – 接口文档",
        swagger_js_url=f"{root}{ASSET_URL}/swagger-ui-bundle.js",
        swagger_css_url=f"{root}{ASSET_URL}/swagger-ui.css",
        swagger_favicon_url=f"{root}{ASSET_URL}/favicon.png",
        swagger_ui_parameters=app.swagger_ui_parameters,
    )


@router.get("/docs/assets/{name}")
def asset(name: str) -> FileResponse:
    if name not in FILES:
        raise HTTPException(404)
    return FileResponse(ASSETS / name, media_type=FILES[name], headers={"Cache-Control": "public, max-age=86400"})
