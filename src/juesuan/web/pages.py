"""The Chinese pages: corpus, upload, report, comparisons, downloads."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Any

from fastapi import APIRouter, File, Form, Path, Query, Request, UploadFile
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response
from fastapi.templating import Jinja2Templates
from starlette.datastructures import UploadFile as StarletteUpload

from ..model import SEVERITIES
from ..profiles import profile_of
from ..render.audit import Audit, flags
from ..render.registry import Renderer
from ..store.compare import INDICATORS, UnknownEntity, across_departments, across_years, find_entity, series
from ..store.series import members
from .app import HERE, authorised
from .charts import bar_chart
from .errors import ApiError
from .narrative import claim_marks, paragraphs
from .uploads import ACCEPT_ATTRIBUTE
from .view import table_view

router = APIRouter(include_in_schema=False)
ID = Path(max_length=64)


def _page(request: Request, name: str, context: dict[str, Any], status: int = 200) -> HTMLResponse:
    service = request.app.state.service
    context.setdefault("token_required", bool(service.settings.token))
    return request.app.state.templates.TemplateResponse(request, name, context, status_code=status)


def _blank(value: str | None) -> str | None:
    return value.strip() if value and value.strip() else None


@router.get("/", response_class=HTMLResponse)
def corpus(
    request: Request,
    year: str | None = Query(None, max_length=8),
    entity: str | None = Query(None, max_length=200),
    severity: str | None = Query(None, max_length=10),
    rule: str | None = Query(None, max_length=20),
) -> HTMLResponse:
    service = request.app.state.service
    chosen_year = int(year) if year and year.strip().isdigit() else None
    chosen = {"year": chosen_year, "entity": _blank(entity), "severity": severity if severity in SEVERITIES else None, "rule": _blank(rule)}
    reports = service.reports(**chosen)
    totals = {s: sum(getattr(r, {"error": "errors", "warning": "warnings", "info": "infos"}[s]) for r in reports) for s in SEVERITIES}
    return _page(
        request,
        "corpus.html",
        {
            "reports": reports,
            "chosen": chosen,
            "choices": service.choices(),
            "totals": totals,
            "accept": ACCEPT_ATTRIBUTE,
            "max_mb": service.settings.max_upload_bytes // (1024 * 1024),
        },
    )


@router.post("/upload", response_class=HTMLResponse)
async def upload(request: Request, files: list[UploadFile] = File(default=[]), token: str | None = Form(None)) -> Response:
    service = request.app.state.service
    if not authorised(request, token):
        raise ApiError(401, "unauthorized", "需要有效的令牌（JUESUAN_TOKEN）才能上传")
    chosen = [f for f in files if isinstance(f, StarletteUpload) and (f.filename or f.size)]
    if not chosen:
        raise ApiError(400, "empty", "请选择至少一个报告文件")
    if len(chosen) > service.settings.max_files:
        raise ApiError(400, "too_many", f"一次最多上传 {service.settings.max_files} 个文件")
    results = []
    for upload_file in chosen:
        data = await upload_file.read(service.settings.max_upload_bytes + 1)
        try:
            accepted = await run_in_threadpool(service.submit, data, upload_file.filename)
            results.append({"name": accepted.report.source_file, "report": accepted.report, "created": accepted.created, "error": None})
        except ApiError as exc:
            results.append({"name": upload_file.filename or "", "report": None, "created": False, "error": exc.message})
    if len(results) == 1 and results[0]["report"] is not None:
        return RedirectResponse(f"/reports/{results[0]['report'].id}", status_code=303)
    status = 200 if any(r["report"] for r in results) else 422
    return _page(request, "uploaded.html", {"results": results}, status)


def _audit(request: Request, report_id: str) -> Audit:
    service = request.app.state.service
    stored = service.get(report_id)
    return Audit(service.model(report_id), service.findings(report_id), stored.source_file)


def report_context(audit: Audit, report_id: str = "") -> dict[str, Any]:
    """What the report page shows of an audit (the page, and its standalone copy)."""
    report, findings = audit.report, audit.findings
    cell_flags = flags(findings)
    claims = claim_marks(report)
    profile = profile_of(report)
    tables = [table_view(table, cell_flags, profile) for table in report.tables]
    narrative = paragraphs(report, "narrative", findings, claims)
    overview = paragraphs(report, "overview", findings, claims)
    return {
        "audit": audit,
        "meta": report.metadata,
        "report_id": report_id,
        "findings": findings,
        "tables": tables,
        "narrative": narrative,
        "overview": overview,
        "anchors": _anchors(narrative, overview),
        "claims_available": bool(claims),
        "claim_count": sum(1 for part, _, _ in claims if part == "narrative"),
    }


def audit_page(templates: Jinja2Templates) -> Renderer:
    """The report page as one self-contained file (styles and script inline): the web's
    audit renderer, registered beside the workbook and the Word file."""

    def write(audit: Audit, path: FilePath) -> None:
        context = report_context(audit)
        context["standalone"] = True
        context["inline_css"] = (HERE / "static" / "style.css").read_text(encoding="utf-8")
        context["inline_js"] = (HERE / "static" / "app.js").read_text(encoding="utf-8")
        path.write_text(templates.get_template("report.html").render(**context), encoding="utf-8")

    return Renderer("audit-html", ".html", write, "审核结果网页（独立 HTML，离线可看）", "text/html; charset=utf-8", "audit")


def _anchors(narrative: list[Any], overview: list[Any]) -> dict[int, str]:
    """Finding index → where its text is marked: the quote itself, else its paragraph."""
    found: dict[int, str] = {}
    for prefix, views in (("n", narrative), ("o", overview)):
        for view in views:
            for k in view.findings:
                found.setdefault(k, f"{prefix}p-{view.index}")
            for segment in view.segments:
                if segment.mark is not None and segment.mark.kind == "finding":
                    found[segment.mark.findings[0]] = segment.mark.id
    return found


@router.get("/reports/{report_id}", response_class=HTMLResponse)
def report_page(request: Request, report_id: str = ID) -> HTMLResponse:
    return _page(request, "report.html", report_context(_audit(request, report_id), report_id))


@router.get("/reports/{report_id}/audit.{suffix}")
def audit_download(request: Request, report_id: str = ID, suffix: str = Path(max_length=10)) -> Response:
    """The audit as a file, written by the registry's audit renderer of that suffix."""
    registry = request.app.state.registry
    renderer = next((registry.get(n) for n in registry.names("audit") if registry.get(n).suffix == f".{suffix}"), None)
    if renderer is None:
        raise ApiError(404, "not_found", f"没有 {suffix[:10]} 格式的审核结果")
    content = renderer.to_bytes(_audit(request, report_id))
    return Response(
        content,
        media_type=renderer.media_type,
        headers={"Content-Disposition": f'attachment; filename="{report_id}-audit{renderer.suffix}"'},
    )


@router.get("/compare", response_class=HTMLResponse)
def compare_index(request: Request) -> HTMLResponse:
    return _page(request, "compare.html", {"choices": request.app.state.service.choices()})


@router.get("/compare/year", response_class=HTMLResponse)
def compare_year(request: Request, year: int = Query(..., ge=1900, le=2200)) -> HTMLResponse:
    rows = request.app.state.service.run(across_departments, year)
    if not rows:
        raise ApiError(404, "not_found", f"没有 {year} 年度的报告")
    charts = [
        bar_chart(f"{year}年度 {label}", [(row.entity, row.values[label]) for row in rows])
        for label in ("本年支出合计", "基本支出", "项目支出", "“三公”经费决算数")
    ]
    return _page(
        request, "compare_year.html", {"year": year, "rows": rows, "labels": [label for label, *_ in INDICATORS], "charts": charts}
    )


@router.get("/compare/entity", response_class=HTMLResponse)
def compare_entity(
    request: Request,
    entity: str = Query(..., min_length=1, max_length=200),
    previous: int | None = Query(None, ge=1900, le=2200),
    current: int | None = Query(None, ge=1900, le=2200),
) -> HTMLResponse:
    service = request.app.state.service
    years = sorted(r.year for r in service.reports() if r.entity == entity and r.year is not None)
    years = list(dict.fromkeys(years))
    if not years:
        raise ApiError(404, "not_found", f"没有“{entity}”的报告")
    by_year = {}
    for year in years:
        for row in service.run(across_departments, year):
            if row.entity == entity:
                by_year[year] = row
    charts = [
        bar_chart(f"{entity} {label}", [(f"{year}年", by_year[year].values[label] if year in by_year else None) for year in years])
        for label in ("本年收入合计", "本年支出合计", "基本支出", "项目支出", "“三公”经费决算数")
    ]
    changes: list[Any] = []
    pair: tuple[int, int] | None = None
    if len(years) >= 2:
        pair = (previous or years[-2], current or years[-1])
        changes = [c for c in service.run(across_years, entity, pair[0], pair[1]) if c.previous != c.current]
    return _page(
        request,
        "compare_entity.html",
        {
            "entity": entity,
            "years": years,
            "by_year": by_year,
            "labels": [label for label, *_ in INDICATORS],
            "charts": charts,
            "changes": changes[:500],
            "more": max(0, len(changes) - 500),
            "pair": pair,
        },
    )


# Rows of the series page drawn as charts, one bar per year and document.
SERIES_CHARTS = ("收支预算总计", "本年支出合计", "基本支出", "项目支出", "“三公”经费", "机关运行经费")


def _series_findings(store: Any, report_ids: tuple[str, ...]) -> list[Any]:
    return [
        (report_id, f) for report_id in report_ids for f in store.findings(report_id) if f.rule.startswith("JS9") and f.severity != "info"
    ]


@router.get("/series", response_class=HTMLResponse)
def series_page(request: Request, entity: str = Query(..., min_length=1, max_length=200)) -> HTMLResponse:
    """A department's budgets and final accounts of every year side by side, with charts
    and the findings across years and documents."""
    service = request.app.state.service
    try:
        key = service.run(find_entity, entity)
    except UnknownEntity as exc:
        raise ApiError(404, "not_found", str(exc)) from exc
    found = service.run(series, key)
    values = dict(found.rows)
    charts = [
        bar_chart(f"{key} {label}", [(column.label, value) for column, value in zip(found.columns, values[label])])
        for label in SERIES_CHARTS
        if label in values
    ]
    across = [(column, service.run(_series_findings, column.report_ids)) for column in found.columns]
    return _page(request, "series.html", {"series": found, "charts": charts, "across": across})


@router.get("/series/", response_class=HTMLResponse)
def series_index(request: Request) -> HTMLResponse:
    """Every department with reports of more than one year or document."""
    linked: dict[str, list[Any]] = {}
    for member in request.app.state.service.run(members):
        if member.entity_key:
            linked.setdefault(member.entity_key, []).append(member)
    rows = [
        (key, sorted({m.year for m in group if m.year is not None}), sorted({m.document for m in group}))
        for key, group in sorted(linked.items())
    ]
    return _page(request, "series_index.html", {"rows": rows})
