"""The audit result of one report as files: XLSX, DOCX (HTML is a template).

XLSX: a findings sheet, then one sheet per table as published with every flagged
cell filled by its worst severity and commented with its findings.
DOCX: the report's identity, the counts and the findings list.
"""

from __future__ import annotations

import io
import re
from decimal import Decimal
from typing import Any

from ..model import SEVERITY_NAMES, Report
from ..store.database import StoredReport
from .view import flags, table_view, where

_FILLS = {"error": "F8B4B4", "warning": "FBE3A1", "info": "BEE3F8"}
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


def _heading(stored: StoredReport) -> str:
    year = f"{stored.year}年度" if stored.year else ""
    return f"{stored.entity}{year}决算审核结果"


def _number(text: str) -> Decimal | str:
    try:
        return Decimal(text.replace(",", ""))
    except ArithmeticError:
        return text


def to_xlsx(report: Report, stored: StoredReport, findings: list[dict[str, Any]]) -> bytes:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Alignment, Font, PatternFill

    book = Workbook()
    sheet = book.active
    sheet.title = "问题清单"
    sheet.append([_heading(stored)])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"错误 {stored.errors}，警告 {stored.warnings}，提示 {stored.infos}；来源：{stored.source_file}"])
    header = ["序号", "规则", "级别", "说明", "位置", "原文", "应为", "实为", "差额", "尾数容差"]
    sheet.append(header)
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for i, f in enumerate(findings, start=1):
        sheet.append([i, f["rule"], SEVERITY_NAMES.get(f["severity"], f["severity"]), f["message"], where(f), f["quote"],
                      f["expected"], f["actual"], f["difference"], f["tolerance"]])
        fill = _FILLS.get(f["severity"])
        if fill:
            sheet.cell(row=sheet.max_row, column=3).fill = PatternFill("solid", fgColor=fill)
    for column, width in zip("ABCDEFGHIJ", (6, 8, 6, 70, 22, 40, 10, 10, 10, 10)):
        sheet.column_dimensions[column].width = width
    cell_flags = flags(findings)
    used: set[str] = {"问题清单"}
    for table in report.tables:
        view = table_view(table, cell_flags)
        name = _SHEET_UNSAFE.sub("", f"{table.number or table.kind} {table.title}")[:31] or table.kind
        while name in used:
            name = name[:29] + f"_{len(used)}"
        used.add(name)
        ws = book.create_sheet(name)
        ws.append([f"{table.number} {table.title}"])
        ws["A1"].font = Font(bold=True)
        ws.append([f"{table.entity_label or '单位'}：{table.entity}", f"单位：{table.unit}"])
        head: list[str] = []
        for block in view.blocks:
            prefix = f"{block.label}：" if block.label else ""
            head += [f"{prefix}项目", "编码/行次", *block.columns]
        ws.append(head)
        for cell in ws[3]:
            cell.font = Font(bold=True)
            cell.alignment = Alignment(wrap_text=True)
        for line in view.lines:
            values: list[Any] = []
            marks: list[tuple[int, Any]] = []
            for side in line:
                values += [side.name, side.key]
                for cell in side.cells:
                    if cell is not None and cell.flag is not None:
                        marks.append((len(values) + 1, cell.flag))
                    values.append(None if cell is None else _number(cell.text))
            ws.append(values)
            for column, flag in marks:
                target = ws.cell(row=ws.max_row, column=column)
                target.fill = PatternFill("solid", fgColor=_FILLS.get(flag.severity, "FFFFFF"))
                target.comment = Comment("\n".join(flag.titles)[:2000], "juesuan")
            for column in range(1, len(values) + 1):
                target = ws.cell(row=ws.max_row, column=column)
                if isinstance(target.value, Decimal):
                    places = -target.value.as_tuple().exponent if target.value.as_tuple().exponent < 0 else 0
                    target.number_format = "#,##0" + ("." + "0" * places if places else "")
        for note in table.notes:
            ws.append([note])
        ws.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def to_docx(report: Report, stored: StoredReport, findings: list[dict[str, Any]]) -> bytes:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    document.add_heading(_heading(stored), level=1)
    meta = report.metadata
    document.add_paragraph(f"部门/单位：{meta.entity}（{meta.scope}）；年度：{meta.year or '未知'}；金额单位：{meta.unit}")
    document.add_paragraph(f"来源文件：{stored.source_file}；识别决算表 {stored.tables_found} 张，单元格 {stored.cells} 个。")
    document.add_paragraph(f"审核结果：错误 {stored.errors} 条，警告 {stored.warnings} 条，提示 {stored.infos} 条。")
    if not findings:
        document.add_paragraph("未发现问题。")
    else:
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("序号", "规则", "级别", "说明", "位置")):
            cell.text = text
        for i, f in enumerate(findings, start=1):
            row = table.add_row().cells
            message = f["message"] + (f"\n原文：{f['quote']}" if f["quote"] else "")
            for cell, text in zip(row, (str(i), f["rule"], SEVERITY_NAMES.get(f["severity"], f["severity"]), message, where(f))):
                cell.text = text
    document.add_paragraph("本结果由 juesuan 自动生成，按印刷精度处理尾数误差；请结合原报告复核。")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()
