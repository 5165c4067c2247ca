"""The JSON API under /api (OpenAPI: /api/openapi.json). Findings are written in the
model's own JSON (``model.serialize.to_data``), as the store gives them back; every
endpoint documents examples of its request and its responses (``examples.py``)."""

from __future__ import annotations

import csv
import io
from enum import Enum
from typing import Any

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel, ConfigDict

from ..model.serialize import to_data
from ..model.tidy import HEADER, safe_row
from ..store.database import StoredReport
from . import examples
from .errors import ERROR_SCHEMA, ApiError

ID = Path(
    description="报告编号（内容哈希的前16位十六进制）",
    max_length=64,
    openapi_examples={"江门2024": {"summary": "上传时返回的编号", "value": examples.REPORT_ID}},
)

_INVALID = examples.error("invalid", "请求参数无效：year：应为整数")
_BAD_ID = examples.error("invalid", "请求参数无效：report_id：格式无效")


def _errors(*statuses: int, **bodies: dict[str, Any]) -> dict[int | str, dict[str, Any]]:
    """Error responses in the one shape, each with an example (``bodies`` by 'e422' etc. overrides it)."""
    return {
        s: {
            "description": "错误",
            "content": {"application/json": {"schema": ERROR_SCHEMA, "example": bodies.get(f"e{s}", examples.ERRORS[s])}},
        }
        for s in statuses
    }


def _example(value: Any, media: str = "application/json") -> dict[str, Any]:
    return {"content": {media: {"example": value}}}


router = APIRouter(prefix="/api", tags=["api"])


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Counts(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [{"error": 2, "warning": 3, "info": 8}]})

    error: int
    warning: int
    info: int


class ReportSummary(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.SUMMARY]})

    id: str
    entity: str
    scope: str
    year: int | None
    unit: str
    format: str
    source_file: str
    tables_found: int
    cells: int
    findings: Counts
    links: dict[str, str]


class Uploaded(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.UPLOADED]})

    id: str
    created: bool
    report: ReportSummary


class ReportList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.REPORT_LIST]})

    count: int
    reports: list[ReportSummary]


class CellRefOut(BaseModel):
    """A cell a finding concerns (model.CellRef); ``line`` only for text reports."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.TABLE_FINDING["cells"][0]]})

    table: str
    row: str
    column: str
    name: str = ""
    page: int | None = None
    line: int | None = None


class SourceOut(BaseModel):
    """Where the quoted text is (model.Source): page, the text's line (text reports only),
    the box on the page in PDF points (x0, top, x1, bottom) when known."""

    model_config = ConfigDict(json_schema_extra={"examples": [examples.PDF_FINDING["source"], examples.TEXT_FINDING["source"]]})

    page: int | None = None
    line: int | None = None
    bbox: tuple[float, float, float, float] | None = None


class FindingOut(BaseModel):
    """A finding as the model serialises it (model.Finding): amounts as exact decimal text."""

    model_config = ConfigDict(json_schema_extra={"examples": list(examples.FINDINGS)})

    rule: str
    severity: str
    message: str
    cells: list[CellRefOut]
    expected: str | None
    actual: str | None
    difference: str | None
    tolerance: str | None
    quote: str
    source: SourceOut | None


class FindingList(BaseModel):
    model_config = ConfigDict(json_schema_extra={"examples": [examples.FINDING_LIST]})

    report: str
    summary: Counts
    findings: list[FindingOut]


def summary(report: StoredReport) -> dict[str, Any]:
    base = f"/api/reports/{report.id}"
    return {
        "id": report.id,
        "entity": report.entity,
        "scope": report.scope,
        "year": report.year,
        "unit": report.unit,
        "format": report.format,
        "source_file": report.source_file,
        "tables_found": report.tables_found,
        "cells": report.cells,
        "findings": {"error": report.errors, "warning": report.warnings, "info": report.infos},
        "links": {"self": base, "findings": f"{base}/findings", "cells": f"{base}/cells.csv", "page": f"/reports/{report.id}"},
    }


@router.post(
    "/reports",
    response_model=Uploaded,
    status_code=201,
    summary="上传一份报告（multipart 字段 file），读取、校验并入库",
    responses={
        201: {"description": "已入库", **_example(examples.UPLOADED)},
        200: {"description": "已存在（同一文件只入库一次）", "model": Uploaded, **_example({**examples.UPLOADED, "created": False})},
        **_errors(400, 401, 413, 415, 422),
    },
    openapi_extra={
        "requestBody": {
            "content": {
                "multipart/form-data": {
                    "examples": {
                        "文本报告": {
                            "summary": "curl -F file=@examples/jiangmen-medical-security-bureau-2024.txt",
                            "value": {"file": "jiangmen-medical-security-bureau-2024.txt（文件内容）"},
                        },
                        "PDF 报告": {"summary": "curl -F file=@report.pdf（带文字层的 PDF）", "value": {"file": "report.pdf（文件内容）"}},
                    }
                }
            }
        }
    },
)
async def upload(request: Request, file: UploadFile = File(..., description="报告文件：.txt .pdf .xlsx .xls .html")) -> JSONResponse:
    from .app import require_token

    require_token(request)
    service = request.app.state.service
    data = await file.read(service.settings.max_upload_bytes + 1)
    accepted = await run_in_threadpool(service.submit, data, file.filename)
    document = {"id": accepted.report.id, "created": accepted.created, "report": summary(accepted.report)}
    return JSONResponse(document, status_code=201 if accepted.created else 200, headers={"Location": f"/api/reports/{accepted.report.id}"})


@router.get(
    "/reports",
    response_model=ReportList,
    summary="报告列表，可按年度、部门、级别、规则筛选",
    responses={200: {"description": "符合条件的报告", **_example(examples.REPORT_LIST)}, **_errors(422, e422=_INVALID)},
)
def list_reports(
    request: Request,
    year: int | None = Query(None, description="年度", openapi_examples={"2024年度": {"value": 2024}}),
    entity: str | None = Query(
        None, max_length=200, description="部门或单位名称（包含即可）", openapi_examples={"名称的一部分": {"value": "江门"}}
    ),
    severity: Severity | None = Query(None, description="有该级别问题的报告", openapi_examples={"有错误": {"value": "error"}}),
    rule: str | None = Query(
        None, max_length=20, description="有该规则问题的报告，如 JS103", openapi_examples={"总计不符": {"value": "JS104"}}
    ),
) -> dict[str, Any]:
    reports = request.app.state.service.reports(year=year, entity=entity, severity=severity.value if severity else None, rule=rule)
    return {"count": len(reports), "reports": [summary(r) for r in reports]}


@router.get(
    "/reports/{report_id}",
    summary="报告的完整模型（规范 JSON，见 juesuan read）",
    responses={
        200: {
            "description": "规范 JSON（节选）",
            "content": {"application/json": {"schema": {"type": "object"}, "example": examples.MODEL_EXCERPT}},
        },
        **_errors(404, 422, e422=_BAD_ID),
    },
)
def get_report(request: Request, report_id: str = ID) -> Response:
    return Response(request.app.state.service.model_json(report_id), media_type="application/json")


@router.get(
    "/reports/{report_id}/findings",
    response_model=FindingList,
    summary="报告的校验结果",
    responses={
        200: {"description": "每条问题：规则、级别、说明、涉及的单元格、原文及其位置", **_example(examples.FINDING_LIST)},
        **_errors(404, 422, e422=_BAD_ID),
    },
)
def get_findings(request: Request, report_id: str = ID) -> dict[str, Any]:
    found = request.app.state.service.findings(report_id)
    counts = {s: sum(1 for f in found if f.severity == s) for s in ("error", "warning", "info")}
    return {"report": report_id, "summary": counts, "findings": [to_data(f) for f in found]}


@router.get(
    "/reports/{report_id}/cells.csv",
    response_class=Response,  # CSV, not the default JSON, in the schema
    summary="报告的全部单元格（整洁 CSV：table,row,name,column,amount）",
    responses={
        200: {"description": "整洁 CSV（节选）", "content": {"text/csv": {"schema": {"type": "string"}, "example": examples.CELLS_CSV}}},
        **_errors(404, 422, e422=_BAD_ID),
    },
)
def get_cells(request: Request, report_id: str = ID) -> Response:
    rows = request.app.state.service.cells(report_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(map(safe_row, rows))
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{report_id}-cells.csv"'},
    )


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
def unknown(rest: str) -> None:
    raise ApiError(404, "not_found", "没有这个接口（见 /api/openapi.json）")
