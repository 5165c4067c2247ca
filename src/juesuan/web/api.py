"""The JSON API under /api (OpenAPI: /api/openapi.json)."""

from __future__ import annotations

import csv
import io
from enum import Enum
from typing import Any

from fastapi import APIRouter, File, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response
from pydantic import BaseModel

from ..model.tidy import HEADER
from ..store.database import StoredReport
from .errors import ERROR_SCHEMA, ApiError

ID = Path(description="报告编号（内容哈希的前16位十六进制）", max_length=64)


def _errors(*statuses: int) -> dict[int | str, dict[str, Any]]:
    return {s: {"description": "错误", "content": {"application/json": {"schema": ERROR_SCHEMA}}} for s in statuses}


router = APIRouter(prefix="/api", tags=["api"])


class Severity(str, Enum):
    error = "error"
    warning = "warning"
    info = "info"


class Counts(BaseModel):
    error: int
    warning: int
    info: int


class ReportSummary(BaseModel):
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
    id: str
    created: bool
    report: ReportSummary


class ReportList(BaseModel):
    count: int
    reports: list[ReportSummary]


class CellRefOut(BaseModel):
    table: str
    row: str
    column: str
    name: str = ""
    page: int | None = None
    line: int | None = None


class SourceOut(BaseModel):
    page: int | None = None
    line: int | None = None


class FindingOut(BaseModel):
    rule: str
    severity: str
    message: str
    cells: list[CellRefOut]
    expected: str | None
    actual: str | None
    difference: str | None
    tolerance: str | None
    quote: str
    source: SourceOut


class FindingList(BaseModel):
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
    responses={200: {"description": "已存在（同一文件只入库一次）", "model": Uploaded}, **_errors(400, 401, 413, 415, 422)},
)
async def upload(request: Request, file: UploadFile = File(..., description="报告文件：.txt .pdf .xlsx .xls .html")) -> JSONResponse:
    from .app import require_token

    require_token(request)
    service = request.app.state.service
    data = await file.read(service.settings.max_upload_bytes + 1)
    accepted = await run_in_threadpool(service.submit, data, file.filename)
    document = {"id": accepted.report.id, "created": accepted.created, "report": summary(accepted.report)}
    return JSONResponse(document, status_code=201 if accepted.created else 200, headers={"Location": f"/api/reports/{accepted.report.id}"})


@router.get("/reports", response_model=ReportList, summary="报告列表，可按年度、部门、级别、规则筛选", responses=_errors(422))
def list_reports(
    request: Request,
    year: int | None = Query(None, description="年度"),
    entity: str | None = Query(None, max_length=200, description="部门或单位名称（包含即可）"),
    severity: Severity | None = Query(None, description="有该级别问题的报告"),
    rule: str | None = Query(None, max_length=20, description="有该规则问题的报告，如 JS103"),
) -> dict[str, Any]:
    reports = request.app.state.service.reports(year=year, entity=entity, severity=severity.value if severity else None, rule=rule)
    return {"count": len(reports), "reports": [summary(r) for r in reports]}


@router.get(
    "/reports/{report_id}",
    summary="报告的完整模型（规范 JSON，见 juesuan read）",
    responses={200: {"content": {"application/json": {"schema": {"type": "object"}}}}, **_errors(404)},
)
def get_report(request: Request, report_id: str = ID) -> Response:
    return Response(request.app.state.service.model_json(report_id), media_type="application/json")


@router.get("/reports/{report_id}/findings", response_model=FindingList, summary="报告的校验结果", responses=_errors(404))
def get_findings(request: Request, report_id: str = ID) -> dict[str, Any]:
    found = request.app.state.service.findings(report_id)
    counts = {s: sum(1 for f in found if f["severity"] == s) for s in ("error", "warning", "info")}
    return {"report": report_id, "summary": counts, "findings": found}


@router.get(
    "/reports/{report_id}/cells.csv",
    summary="报告的全部单元格（整洁 CSV：table,row,name,column,amount）",
    responses={200: {"content": {"text/csv": {"schema": {"type": "string"}}}}, **_errors(404)},
)
def get_cells(request: Request, report_id: str = ID) -> Response:
    rows = request.app.state.service.cells(report_id)
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    writer.writerows(rows)
    return Response(
        buffer.getvalue(),
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{report_id}-cells.csv"'},
    )


@router.api_route("/{rest:path}", methods=["GET", "POST", "PUT", "PATCH", "DELETE"], include_in_schema=False)
def unknown(rest: str) -> None:
    raise ApiError(404, "not_found", "没有这个接口（见 /api/openapi.json）")
