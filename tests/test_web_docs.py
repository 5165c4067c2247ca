"""The API's description: the OpenAPI document lists every /api route, and the Swagger UI at
/docs loads only what the app itself serves, so it works with no internet."""

from __future__ import annotations

import re

import pytest
from fastapi.routing import APIRoute
from fastapi.testclient import TestClient
from webutil import FLAGS, chromium, serving

from juesuan.web import api
from juesuan.web.app import create_app

_URL = re.compile(r"""(?:src|href)\s*=\s*["']([^"']+)["']|url\s*:\s*["']([^"']+)["']""")


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    return create_app(tmp_path_factory.mktemp("docs") / "docs.duckdb", token="")


@pytest.fixture(scope="module")
def client(app):
    with TestClient(app) as test_client:
        yield test_client


def _api_operations() -> set[tuple[str, str]]:
    """(method, path) of every route the /api router declares (its catch-all 404 excepted)."""
    return {
        (method.lower(), route.path)
        for route in api.router.routes
        if isinstance(route, APIRoute) and route.include_in_schema
        for method in route.methods - {"HEAD", "OPTIONS"}
    }


def test_openapi_lists_every_api_route(app, client):
    response = client.get(app.openapi_url)
    assert response.status_code == 200
    document = response.json()
    assert document["openapi"].startswith("3.")
    listed = {(method, path) for path, operations in document["paths"].items() for method in operations}
    operations = _api_operations()
    assert {path for _, path in operations} >= {"/api/reports", "/api/reports/{report_id}"}
    assert listed == operations
    for path, methods in document["paths"].items():
        assert path.startswith("/api/")
        for operation in methods.values():
            assert operation.get("summary"), path  # every operation says what it does, in Chinese


def test_docs_load_only_local_urls_and_each_answers(client):
    response = client.get("/docs")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
    page = response.text
    assert "SwaggerUIBundle" in page
    urls = [a or b for a, b in _URL.findall(page)]
    assert urls, page
    for url in urls:
        assert url.startswith("/") and not url.startswith("//"), url  # no CDN, no other host
        loaded = client.get(url)
        assert loaded.status_code == 200, url
        assert loaded.content, url
    kinds = {client.get(url).headers["content-type"].split(";")[0] for url in urls}
    assert {"text/javascript", "text/css", "application/json"} <= kinds


def test_docs_assets_are_only_the_files_the_page_loads(client):
    assert client.get("/docs/assets/redoc.standalone.js").status_code == 404
    assert client.get("/docs/assets/..%2F__init__.py").status_code == 404
    assert client.get("/docs/assets/").status_code == 404


@pytest.mark.skipif(
    chromium() is None, reason="没有 Chromium：以 root 运行 make test 会安装 Debian 的 chromium（apt-get install chromium）"
)
def test_swagger_ui_renders_every_operation_offline(app):
    """In a browser that may reach nothing but the app: Swagger UI draws one block per API
    operation (a Swagger UI that cannot read the app's OpenAPI version draws none)."""
    from playwright import sync_api

    outside: list[str] = []

    def only_the_app(route):
        if route.request.url.startswith(origin + "/"):
            route.continue_()
        else:
            outside.append(route.request.url)
            route.abort()

    with serving(app) as origin:
        with sync_api.sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium(), args=FLAGS, headless=True)
            try:
                page = browser.new_page()
                page.route("**/*", only_the_app)
                page.goto(origin + "/docs")
                page.wait_for_selector(".opblock", timeout=20_000)
                shown = {
                    (
                        re.search(r"\bopblock-(get|post|put|patch|delete)\b", block.get_attribute("class")).group(1),
                        block.locator(".opblock-summary-path").get_attribute("data-path"),
                    )
                    for block in page.locator(".opblock").all()
                }
            finally:
                browser.close()
    assert outside == []
    assert shown == _api_operations()
