"""The HTTP API: every endpoint, the common error shape, bad uploads, the token."""

from __future__ import annotations

import csv
import io
import json

import pytest
from conftest import GOLDEN, JIANGMEN, LIANJIANG
from fastapi.testclient import TestClient
from webutil import broken_lianjiang

from juesuan.model.serialize import loads
from juesuan.web.app import create_app

LIMIT = 1024 * 1024


@pytest.fixture
def client(tmp_path):
    with TestClient(create_app(tmp_path / "web.duckdb", token="", max_upload_bytes=LIMIT)) as test_client:
        yield test_client


@pytest.fixture
def loaded(client):
    ids = {}
    for path in (LIANJIANG, JIANGMEN):
        response = client.post("/api/reports", files={"file": (path.name, path.read_bytes(), "text/plain")})
        assert response.status_code == 201, response.text
        ids[path.stem] = response.json()["id"]
    return client, ids


def assert_error(response, status: int, code: str) -> dict:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    document = response.json()
    assert set(document) == {"error"} and {"code", "message"} <= set(document["error"])
    assert document["error"]["code"] == code
    assert any("\u4e00" <= ch <= "\u9fff" for ch in document["error"]["message"])  # Chinese, for people
    return document["error"]


def test_upload_returns_id_and_summary_and_is_idempotent(client):
    response = client.post("/api/reports", files={"file": (JIANGMEN.name, JIANGMEN.read_bytes())})
    assert response.status_code == 201
    body = response.json()
    report = body["report"]
    assert body["created"] is True and body["id"] == report["id"] and response.headers["location"] == f"/api/reports/{body['id']}"
    assert (report["entity"], report["year"], report["tables_found"], report["cells"]) == ("江门市医疗保障局（本级）", 2024, 9, 849)
    assert set(report["findings"]) == {"error", "warning", "info"}
    again = client.post("/api/reports", files={"file": ("other-name.txt", JIANGMEN.read_bytes())})
    assert again.status_code == 200 and again.json()["created"] is False and again.json()["id"] == body["id"]


def test_list_and_filters(loaded):
    client, ids = loaded
    listing = client.get("/api/reports").json()
    assert listing["count"] == 2 and {r["id"] for r in listing["reports"]} == set(ids.values())
    assert [r["year"] for r in client.get("/api/reports", params={"year": 2023}).json()["reports"]] == [2023]
    assert client.get("/api/reports", params={"entity": "江门"}).json()["reports"][0]["id"] == ids[JIANGMEN.stem]
    broken = client.post("/api/reports", files={"file": ("broken.txt", broken_lianjiang())}).json()
    errors = client.get("/api/reports", params={"severity": "error"}).json()["reports"]
    assert broken["id"] in {r["id"] for r in errors}
    assert [r["id"] for r in client.get("/api/reports", params={"rule": "JS104"}).json()["reports"]] == [broken["id"]]
    assert client.get("/api/reports", params={"rule": "NOPE"}).json()["count"] == 0
    assert_error(client.get("/api/reports", params={"year": "abc"}), 422, "invalid")
    assert_error(client.get("/api/reports", params={"severity": "fatal"}), 422, "invalid")


def test_model_findings_and_cells(loaded):
    client, ids = loaded
    report_id = ids[LIANJIANG.stem]
    model = client.get(f"/api/reports/{report_id}")
    assert model.status_code == 200 and model.headers["content-type"] == "application/json"
    assert loads(model.text).metadata.year == 2023
    findings = client.get(f"/api/reports/{report_id}/findings").json()
    assert findings["report"] == report_id
    assert sum(findings["summary"].values()) == len(findings["findings"])
    cells = client.get(f"/api/reports/{report_id}/cells.csv")
    assert cells.headers["content-type"].startswith("text/csv")
    assert cells.text == (GOLDEN / f"{LIANJIANG.stem}.csv").read_text(encoding="utf-8")
    assert next(csv.reader(io.StringIO(cells.text))) == ["table", "row", "name", "column", "amount"]


def test_findings_carry_their_cells(client):
    report_id = client.post("/api/reports", files={"file": ("broken.txt", broken_lianjiang())}).json()["id"]
    found = client.get(f"/api/reports/{report_id}/findings").json()["findings"]
    js104 = next(f for f in found if f["rule"] == "JS104")
    assert js104["severity"] == "error" and js104["difference"] == "0.10"
    assert {"table": "T1", "row": "60", "column": "支出/决算数"}.items() <= js104["cells"][0].items()


@pytest.mark.parametrize(
    "name, data, status, code",
    [
        ("empty.txt", b"", 400, "empty"),
        ("huge.txt", b"x" * (LIMIT + 1), 413, "too_large"),
        ("picture.png", b"\x89PNG\r\n\x1a\n" + b"\0" * 100, 415, "unsupported_type"),
        ("program.exe", b"MZ\x90\x00", 415, "unsupported_type"),
        ("report.pdf", "一段文字，不是 PDF".encode(), 415, "unsupported_type"),
        ("notes.txt", "会议纪要\n今天天气很好。\n".encode(), 422, "unreadable"),
        ("binary.txt", bytes(range(256)) * 40, 422, "unreadable"),
        ("broken.pdf", b"%PDF-1.4\n truncated", 422, "unreadable"),
    ],
)
def test_bad_uploads(client, name, data, status, code):
    error = assert_error(client.post("/api/reports", files={"file": (name, data)}), status, code)
    assert error["message"]
    assert client.get("/api/reports").json()["count"] == 0


def test_request_bodies_over_the_cap_are_refused_before_parsing(client):
    assert_error(
        client.post("/api/reports", content=b"x" * (LIMIT * 6), headers={"content-type": "multipart/form-data; boundary=x"}),
        413,
        "too_large",
    )

    def chunks():  # no Content-Length: counted while it streams
        for _ in range(7):
            yield b"y" * LIMIT

    assert_error(
        client.post("/api/reports", content=chunks(), headers={"content-type": "multipart/form-data; boundary=x"}), 413, "too_large"
    )


def test_missing_file_field(client):
    assert_error(client.post("/api/reports", data={"other": "1"}), 422, "invalid")


def test_every_endpoint_uses_the_error_shape(client):
    for method, url in [
        ("GET", "/api/reports/0123456789abcdef"),
        ("GET", "/api/reports/0123456789abcdef/findings"),
        ("GET", "/api/reports/0123456789abcdef/cells.csv"),
        ("GET", "/api/reports/..%2F..%2Fetc%2Fpasswd"),
        ("GET", "/api/reports/" + "a" * 100),
        ("GET", "/api/nowhere"),
        ("DELETE", "/api/reports"),
    ]:
        response = client.request(method, url)
        assert response.status_code in (404, 405, 422), (url, response.status_code)
        assert set(response.json()) == {"error"}, url


def test_openapi_document_describes_every_endpoint(client):
    document = client.get("/api/openapi.json").json()
    paths = document["paths"]
    assert set(paths) == {
        "/api/reports",
        "/api/reports/{report_id}",
        "/api/reports/{report_id}/findings",
        "/api/reports/{report_id}/cells.csv",
    }
    assert {"get", "post"} <= set(paths["/api/reports"])
    assert "multipart/form-data" in paths["/api/reports"]["post"]["requestBody"]["content"]
    for operations in paths.values():
        for operation in operations.values():
            for status, response in operation["responses"].items():
                if status.startswith(("4", "5")) and status != "422":
                    assert response["content"]["application/json"]["schema"]["required"] == ["error"]


def test_token_guards_writes_only(tmp_path):
    with TestClient(create_app(tmp_path / "t.duckdb", token="s3cret")) as client:
        upload = {"file": (JIANGMEN.name, JIANGMEN.read_bytes())}
        assert_error(client.post("/api/reports", files=upload), 401, "unauthorized")
        assert_error(client.post("/api/reports", files=upload, headers={"Authorization": "Bearer wrong"}), 401, "unauthorized")
        assert client.post("/api/reports", files=upload, headers={"Authorization": "Bearer s3cret"}).status_code == 201
        assert client.post("/api/reports", files=upload, headers={"X-Juesuan-Token": "s3cret"}).status_code == 200
        assert client.get("/api/reports").status_code == 200  # reading needs no token
        page = client.post("/upload", files={"files": (JIANGMEN.name, JIANGMEN.read_bytes())}, follow_redirects=False)
        assert page.status_code == 401 and "令牌" in page.text
        page = client.post(
            "/upload", files={"files": (JIANGMEN.name, JIANGMEN.read_bytes())}, data={"token": "s3cret"}, follow_redirects=False
        )
        assert page.status_code == 303


def test_token_from_environment(tmp_path, monkeypatch):
    monkeypatch.setenv("JUESUAN_TOKEN", "from-env")
    with TestClient(create_app(tmp_path / "e.duckdb")) as client:
        assert_error(client.post("/api/reports", files={"file": ("a.txt", b"x")}), 401, "unauthorized")


def test_pages_and_downloads(loaded):
    client, ids = loaded
    report_id = ids[JIANGMEN.stem]
    home = client.get("/")
    assert home.status_code == 200 and "报告库" in home.text and "江门市医疗保障局（本级）" in home.text
    assert "江门" not in client.get("/", params={"year": "2023"}).text.split("<tbody>")[1]
    page = client.get(f"/reports/{report_id}")
    assert page.status_code == 200 and "问题清单" in page.text and "收入支出决算总表" in page.text and "情况说明" in page.text
    assert page.text.count('<table class="grid"') == 9
    for path, kind, magic in [
        ("audit.xlsx", "spreadsheetml", b"PK"),
        ("audit.docx", "wordprocessingml", b"PK"),
        ("audit.html", "text/html", b"<!doctype html>"),
    ]:
        response = client.get(f"/reports/{report_id}/{path}")
        assert response.status_code == 200 and kind in response.headers["content-type"] and response.content.startswith(magic)
        assert "attachment" in response.headers["content-disposition"]
    assert client.get("/compare").status_code == 200
    assert "<svg" in client.get("/compare/year", params={"year": 2024}).text
    assert "<svg" in client.get("/compare/entity", params={"entity": "江门市医疗保障局（本级）"}).text
    assert client.get("/compare/year", params={"year": 1999}).status_code == 404
    missing = client.get("/reports/0123456789abcdef")
    assert missing.status_code == 404 and missing.headers["content-type"].startswith("text/html") and "出错了" in missing.text


def test_xlsx_marks_flagged_cells(client):
    from openpyxl import load_workbook

    report_id = client.post("/api/reports", files={"file": ("broken.txt", broken_lianjiang())}).json()["id"]
    book = load_workbook(io.BytesIO(client.get(f"/reports/{report_id}/audit.xlsx").content))
    assert book.sheetnames[0] == "问题清单" and len(book.sheetnames) == 10
    findings = book["问题清单"]
    assert any(row[1] == "JS104" for row in findings.iter_rows(values_only=True))
    table1 = book[book.sheetnames[1]]
    flagged = [c for row in table1.iter_rows() for c in row if c.comment is not None]
    assert any(str(c.value) == "836.30" or c.value == json.loads("836.30") for c in flagged)


def test_page_upload_of_several_files(client):
    files = [("files", (p.name, p.read_bytes())) for p in (LIANJIANG, JIANGMEN)] + [("files", ("notes.txt", "不是报告".encode()))]
    response = client.post("/upload", files=files)
    assert response.status_code == 200 and response.text.count('href="/reports/') == 2 and "未识别为部门决算报告" in response.text
    single = client.post("/upload", files={"files": ("broken.txt", broken_lianjiang())}, follow_redirects=False)
    assert single.status_code == 303 and single.headers["location"].startswith("/reports/")


def test_serve_command_registers_on_the_cli():
    import typer
    from typer.testing import CliRunner

    from juesuan.cli.app import guarded
    from juesuan.cli.web import register

    app = typer.Typer()
    register(app, guarded)

    @app.command()
    def other() -> None:  # a second command, so 'serve' is a subcommand as in juesuan
        pass

    result = CliRunner().invoke(app, ["serve", "--help"])
    assert result.exit_code == 0 and "--db" in result.output and "--host" in result.output and "--port" in result.output


@pytest.mark.parametrize("fixture", ["jiangmen-2024.pdf", "lianjiang-2023.xlsx", "lianjiang-2023.xls", "jiangmen-2024.html"])
def test_other_formats_upload(client, fixture):
    from conftest import ROOT

    path = ROOT / "tests" / "fixtures" / fixture
    response = client.post("/api/reports", files={"file": (path.name, path.read_bytes())})
    assert response.status_code == 201, response.text
    assert response.json()["report"]["tables_found"] == 9


def test_report_page_links_text_findings_to_their_place(loaded):
    client, ids = loaded
    page = client.get(f"/reports/{ids[LIANJIANG.stem]}").text
    findings = client.get(f"/api/reports/{ids[LIANJIANG.stem]}/findings").json()["findings"]
    text_findings = [i for i, f in enumerate(findings) if not f["cells"] and f["source"] and f["source"]["line"]]
    assert text_findings
    for i in text_findings:
        item = page.split(f'<li id="f{i}"', 1)[1].split("</li>", 1)[0]
        if 'href="#' in item:
            anchor = item.split('href="#', 1)[1].split('"', 1)[0]
            assert f'id="{anchor}"' in page


def test_every_endpoint_documents_examples(client):
    """Request parameters, bodies and every response of every endpoint carry an example
    (the offline Swagger UI shows them), and the example findings are Findings."""
    from juesuan.model import Finding
    from juesuan.model.serialize import from_data
    from juesuan.web import examples

    document = client.get("/api/openapi.json").json()
    for path, operations in document["paths"].items():
        for method, operation in operations.items():
            where = f"{method.upper()} {path}"
            for parameter in operation.get("parameters", []):
                assert parameter.get("examples"), (where, parameter["name"])
            if "requestBody" in operation:
                assert all(content.get("examples") for content in operation["requestBody"]["content"].values()), where
            for status, response in operation["responses"].items():
                assert all("example" in content or "examples" in content for content in response["content"].values()), (where, status)
    schemas = document["components"]["schemas"]
    assert schemas["FindingOut"]["examples"] and schemas["ReportSummary"]["examples"]
    for data in examples.FINDINGS:
        from_data(Finding, data, "example")
    assert examples.FINDING_LIST["findings"][0] == examples.TEXT_FINDING
    # and they are what the reports give
    from juesuan.model.serialize import to_data
    from juesuan.pipeline import read_and_check
    from juesuan.store.database import content_hash

    assert examples.TEXT_FINDING in [to_data(f) for f in read_and_check(JIANGMEN).findings]
    assert examples.TABLE_FINDING in [to_data(f) for f in read_and_check(broken_lianjiang(), "broken.txt").findings]
    assert examples.REPORT_ID == content_hash(JIANGMEN.read_bytes())[:16]
