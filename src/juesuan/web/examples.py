"""Examples for the API's OpenAPI document: what the bundled reports (examples/) give,
and the Shanghai Putuo 2024 PDF for a finding placed by page and box.
Findings are in the model's own JSON (serialize.to_data); tests/test_web_api.py reads
them back as Findings, so they cannot drift from the model."""

from __future__ import annotations

from typing import Any

REPORT_ID = "2431a6615712a49b"  # the first 16 hex digits of the file's SHA-256

SUMMARY: dict[str, Any] = {
    "id": REPORT_ID,
    "entity": "江门市医疗保障局（本级）",
    "scope": "单位",
    "year": 2024,
    "unit": "万元",
    "format": "text",
    "source_file": "jiangmen-medical-security-bureau-2024.txt",
    "tables_found": 9,
    "cells": 849,
    "findings": {"error": 2, "warning": 3, "info": 8},
    "links": {
        "self": f"/api/reports/{REPORT_ID}",
        "findings": f"/api/reports/{REPORT_ID}/findings",
        "cells": f"/api/reports/{REPORT_ID}/cells.csv",
        "page": f"/reports/{REPORT_ID}",
    },
}

UPLOADED: dict[str, Any] = {"id": REPORT_ID, "created": True, "report": SUMMARY}

REPORT_LIST: dict[str, Any] = {"count": 1, "reports": [SUMMARY]}

# From the Lianjiang 2023 report with 表1 总计 changed to 836.30 (tests/webutil.py).
TABLE_FINDING: dict[str, Any] = {
    "rule": "JS104",
    "severity": "error",
    "message": "表1 第60行 总计 836.30，与表1 第57行 本年支出合计 + 表1 第58行 结余分配 + 表1 第59行 年末结转和结余之和 836.20 相差 0.10（尾数容差 ±0.020）",
    "cells": [
        {"table": "T1", "row": "60", "column": "支出/决算数", "name": "总计", "page": 3, "line": 121},
        {"table": "T1", "row": "57", "column": "支出/决算数", "name": "本年支出合计", "page": 3, "line": 115},
        {"table": "T1", "row": "58", "column": "支出/决算数", "name": "结余分配", "page": 3, "line": 117},
        {"table": "T1", "row": "59", "column": "支出/决算数", "name": "年末结转和结余", "page": 3, "line": 119},
    ],
    "expected": "836.20",
    "actual": "836.30",
    "difference": "0.10",
    "tolerance": "0.020",
    "quote": "",
    "source": None,
}

# From the Jiangmen 2024 report as published.
TEXT_FINDING: dict[str, Any] = {
    "rule": "JS710",
    "severity": "error",
    "message": "情况说明称项目执行数 1094.94万元、预算数 1119.82万元，完成预算的102.27%；按两数计算应为 97.78%（102.27% 是预算数除以执行数，分子分母颠倒）",
    "cells": [],
    "expected": "97.78",
    "actual": "102.27",
    "difference": "4.49",
    "tolerance": None,
    "quote": "项目全年预算数为1119.82万元，执行数为1094.94万元，完成预算的102.27%",
    "source": {"page": 25, "line": 1103, "bbox": None},
}

# From tests/fixtures/real/juesuan/shanghai-putuo-planning-resources-bureau-2024-final.pdf.
PDF_FINDING: dict[str, Any] = {
    "rule": "JS801",
    "severity": "error",
    "message": "收入支出决算总表上方的标题写的是“上海市规划和自然资源局”，报告其他部分为“上海市普陀区规划和自然资源局”",
    "cells": [],
    "expected": None,
    "actual": None,
    "difference": None,
    "tolerance": None,
    "quote": "上海市规划和自然资源局2024年度部门决算表",
    "source": {"page": 7, "line": None, "bbox": [255.65, 105.79, 339.78, 116.35]},
}

FINDINGS: tuple[dict[str, Any], ...] = (TABLE_FINDING, TEXT_FINDING, PDF_FINDING)

FINDING_LIST: dict[str, Any] = {"report": REPORT_ID, "summary": {"error": 1, "warning": 0, "info": 0}, "findings": [TEXT_FINDING]}

MODEL_EXCERPT: dict[str, Any] = {
    "format": "juesuan-report",
    "version": 1,
    "report": {
        "metadata": {
            "entity": "江门市医疗保障局（本级）",
            "scope": "单位",
            "year": 2024,
            "unit": "万元",
            "source_name": "jiangmen-medical-security-bureau-2024.txt",
            "source_format": "text",
            "…": "…",
        },
        "tables": [{"kind": "T1", "number": "表1", "title": "收入支出决算总表", "…": "…"}],
        "…": "…",
    },
}

CELLS_CSV = (
    "table,row,name,column,amount\nT1,1,一、一般公共预算财政拨款收入,收入/决算数,1956.92\nT1,31,一、一般公共服务支出,支出/决算数,2.39\n"
)


def error(code: str, message: str) -> dict[str, Any]:
    return {"error": {"code": code, "message": message}}


ERRORS: dict[int, dict[str, Any]] = {
    400: error("empty", "report.txt：文件为空"),
    401: error("unauthorized", "需要有效的令牌：请在 Authorization: Bearer 或 X-Juesuan-Token 中提供 JUESUAN_TOKEN"),
    404: error("not_found", f"没有编号为 {REPORT_ID} 的报告"),
    413: error("too_large", "report.pdf：文件过大（25165824 字节，上限 20971520 字节）"),
    415: error("unsupported_type", "program.exe：不支持的文件类型（支持 .txt、.html、.htm、.pdf、.xlsx、.xls）"),
    422: error("unreadable", "notes.txt：未识别为部门决算报告（共 2 行文字，没有找到任何表格标题或“第…部分”标题）"),
}
