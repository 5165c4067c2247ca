"""The audit of one report as files: what the checks found, for a reviewer.

XLSX: a findings sheet, then every table as published (the same sheet the rendered
workbook prints, ``xlsx.write_sheet``) with each flagged cell filled by its worst
severity and commented with its findings. DOCX: the report's identity, the counts and
the findings list. Both are renderers of the registry ('audit-xlsx', 'audit-docx');
``flags`` is also what the web page marks its cells with.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from ..checks.output import where
from ..model import SEVERITIES, SEVERITY_NAMES, CellRef, Finding, Report, plain
from ..model.tidy import text_only
from ..profiles import profile_of
from .tables import table_block

_FILLS = {"error": "F8B4B4", "warning": "FBE3A1", "info": "BEE3F8"}
# OCR cells: blue italic type (the fill is the findings'); an uncertain one also underlined
_OCR_COLOUR = "1F4E9A"
OCR_NOTES = {"ocr": "文字识别（OCR）读取", "uncertain": "文字识别（OCR）读取，识别不确定，请对照原件核实"}
_SHEET_UNSAFE = re.compile(r"[\[\]:*?/\\]")


@dataclass(frozen=True, slots=True)
class Audit:
    """A report with its findings, and the file it was read from."""

    report: Report
    findings: tuple[Finding, ...]
    source_file: str = ""

    def count(self, severity: str) -> int:
        return sum(1 for finding in self.findings if finding.severity == severity)

    @property
    def tables_found(self) -> int:
        """Tables recognised as one of the profile's."""
        return sum(1 for table in self.report.tables if table.kind)

    @property
    def cells(self) -> int:
        return sum(len(row.cells) for table in self.report.tables for row in table.rows)

    @property
    def ocr_cells(self) -> tuple[int, int]:
        """(cells read by OCR, of which uncertain)."""
        cells = [cell for table in self.report.tables for row in table.rows for cell in row.cells if cell.origin == "ocr"]
        return len(cells), sum(1 for cell in cells if cell.uncertain)

    def ocr_line(self) -> str:
        """What the reviewer must know of the OCR, or '' when nothing was recognised."""
        read, doubtful = self.ocr_cells
        if not read:
            return ""
        return f"其中 {read} 个单元格由文字识别（OCR）从扫描页读取（表中蓝色斜体），{doubtful} 个识别不确定（另加下划线），请对照原件核实。"

    @property
    def heading(self) -> str:
        meta = self.report.metadata
        return f"{meta.entity}{f'{meta.year}年度' if meta.year else ''}决算审核结果"


@dataclass
class Flag:
    """The findings at one cell."""

    severity: str = ""  # the worst of them
    findings: list[int] = field(default_factory=list)  # indices into the findings
    titles: list[str] = field(default_factory=list)


def cell_key(ref: CellRef) -> tuple[str, str, str, str]:
    """Which cell a reference names: rows without a key (合计) are told apart by name."""
    return (ref.table, ref.row, ref.column, "" if ref.row else ref.name)


def flags(findings: tuple[Finding, ...]) -> dict[tuple[str, str, str, str], Flag]:
    """Cell → the findings concerning it, worst severity kept."""
    out: dict[tuple[str, str, str, str], Flag] = {}
    for index, finding in enumerate(findings):
        for ref in finding.cells:
            flag = out.setdefault(cell_key(ref), Flag())
            if index not in flag.findings:
                flag.findings.append(index)
                flag.titles.append(f"{finding.rule} {finding.message}")
                flag.severity = min((s for s in (flag.severity, finding.severity) if s), key=SEVERITIES.index)
    return out


def _counts(audit: Audit) -> str:
    return f"错误 {audit.count('error')}，警告 {audit.count('warning')}，提示 {audit.count('info')}"


def write_audit_xlsx(audit: Audit, path: Path) -> None:
    from openpyxl import Workbook
    from openpyxl.comments import Comment
    from openpyxl.styles import Font, PatternFill

    from .xlsx import write_sheet

    book = Workbook()
    sheet = book.active
    sheet.title = "问题清单"
    sheet.append([audit.heading])
    sheet["A1"].font = Font(bold=True, size=14)
    sheet.append([f"{_counts(audit)}；来源：{audit.source_file}{'；' + audit.ocr_line() if audit.ocr_line() else ''}"])
    sheet.append(["序号", "规则", "级别", "说明", "位置", "原文", "应为", "实为", "差额", "尾数容差"])
    for cell in sheet[3]:
        cell.font = Font(bold=True)
    for i, f in enumerate(audit.findings, start=1):
        sheet.append(
            [
                i,
                f.rule,
                SEVERITY_NAMES.get(f.severity, f.severity),
                f.message,
                where(f),
                f.quote,
                *(None if v is None else plain(v) for v in (f.expected, f.actual, f.difference, f.tolerance)),
            ]
        )
        if f.severity in _FILLS:
            sheet.cell(row=sheet.max_row, column=3).fill = PatternFill("solid", fgColor=_FILLS[f.severity])
    for column, width in zip("ABCDEFGHIJ", (6, 8, 6, 70, 22, 40, 10, 10, 10, 10)):
        sheet.column_dimensions[column].width = width
    marks = flags(audit.findings)
    profile = profile_of(audit.report)
    used: set[str] = {"问题清单"}
    for table in audit.report.tables:
        block = table_block(table, profile)
        name = _SHEET_UNSAFE.sub("", f"{block.number or table.kind} {block.title}")[:31] or table.kind or "表"
        while name in used:
            name = name[:29] + f"_{len(used)}"
        used.add(name)
        ws = book.create_sheet(name)
        first = write_sheet(ws, block)
        for i, cells in enumerate(block.body):
            for cell in cells:
                flag = marks.get(cell_key(cell.ref)) if cell.ref is not None else None
                target = ws.cell(row=first + i, column=cell.col + 1)
                notes = [OCR_NOTES[cell.ocr]] if cell.ocr else []
                if cell.ocr:
                    target.font = Font(
                        bold=cell.bold, italic=True, color=_OCR_COLOUR, underline="single" if cell.ocr == "uncertain" else None
                    )
                if flag is not None:
                    target.fill = PatternFill("solid", fgColor=_FILLS.get(flag.severity, "FFFFFF"))
                    notes += flag.titles
                if notes:
                    target.comment = Comment("\n".join(notes)[:2000], "juesuan")
    text_only(book).save(path)


def write_audit_docx(audit: Audit, path: Path) -> None:
    from docx import Document
    from docx.oxml.ns import qn
    from docx.shared import Pt

    document = Document()
    normal = document.styles["Normal"]
    normal.font.name = "SimSun"
    normal.font.size = Pt(10.5)
    normal.element.rPr.rFonts.set(qn("w:eastAsia"), "宋体")
    document.add_heading(audit.heading, level=1)
    meta = audit.report.metadata
    document.add_paragraph(f"部门/单位：{meta.entity}（{meta.scope}）；年度：{meta.year or '未知'}；金额单位：{meta.unit}")
    document.add_paragraph(
        f"来源文件：{audit.source_file}；识别决算表 {audit.tables_found} 张，单元格 {audit.cells} 个。{audit.ocr_line()}"
    )
    document.add_paragraph(f"审核结果：{_counts(audit).replace('，', ' 条，')} 条。")
    if not audit.findings:
        document.add_paragraph("未发现问题。")
    else:
        table = document.add_table(rows=1, cols=5)
        table.style = "Table Grid"
        for cell, text in zip(table.rows[0].cells, ("序号", "规则", "级别", "说明", "位置")):
            cell.text = text
        for i, f in enumerate(audit.findings, start=1):
            row = table.add_row().cells
            message = f.message + (f"\n原文：{f.quote}" if f.quote else "")
            for cell, text in zip(row, (str(i), f.rule, SEVERITY_NAMES.get(f.severity, f.severity), message, where(f))):
                cell.text = text
    document.add_paragraph("本结果由 juesuan 自动生成，按印刷精度处理尾数误差；请结合原报告复核。")
    document.save(str(path))
