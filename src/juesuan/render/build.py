"""The whole disclosure document from a report's tables and the facts: 概况, the nine
tables, the 情况说明 written from the figures, the 名词解释."""

from __future__ import annotations

from decimal import Decimal

from ..model import TABLE_KINDS, Report
from ..model.prose import is_heading
from . import charts
from .document import Block, Chart, Document, Heading, PageBreak, Section, TableBlock, Text
from .facts import Facts, current
from .glossary import GLOSSARY
from .narrative import breakdown, write
from .tables import empty_table, table_block

OVERVIEW_PLACEHOLDERS = (
    "一、主要职责",
    "【请填写主要职责】",
    "二、机构设置",
    "【请填写机构设置】",
    "三、部门决算单位构成",
    "【请填写决算单位构成】",
)


def _tables(report: Report) -> list[TableBlock]:
    meta = report.metadata
    label = "部门" if meta.scope == "部门" else "单位"
    out = []
    for kind in TABLE_KINDS:
        table = report.table(kind) or empty_table(kind, meta.entity, meta.unit or "万元", label)
        out.append(table_block(table))
    return out


def _overview(facts: Facts) -> tuple[list[Block], list[str]]:
    paragraphs = facts.overview or OVERVIEW_PLACEHOLDERS
    blocks: list[Block] = []
    for text in paragraphs:
        blocks.append(
            Heading(text, 2) if is_heading(text) and not text.endswith("。") else Text(text)
        )  # 概况: a numbered duty ends with 。
    return blocks, ([] if facts.overview else ["概况"])


def _charts(report: Report, facts: Facts) -> list[Chart]:
    def value(q: str) -> Decimal:
        return current(report, q) or Decimal(0)

    income, expenditure = breakdown(report, "income.total"), breakdown(report, "expenditure.total")
    found = [
        charts.composition("收入构成", [(name, value(q)) for q, name in income]),
        charts.composition("支出构成", [(name, value(q)) for q, name in expenditure]),
    ]
    items = [(name, value(q), facts.previous[q]) for q, name in income + expenditure if q in facts.previous]
    if items:
        found.append(charts.changes("收入、支出与上年决算数比较（增减额）", items))
    return [c for c in found if c is not None]


def build_document(report: Report, facts: Facts | None = None, with_charts: bool = True) -> Document:
    facts = facts or Facts()
    meta = report.metadata
    entity, year = meta.entity, meta.year or ""
    overview, missing = _overview(facts)
    written, placeholders = write(report, facts)
    narrative = list(written)
    if with_charts:
        chart_blocks = _charts(report, facts)
        # after the expenditure paragraphs of 一、(before 二、)
        at = next((i for i, b in enumerate(narrative) if isinstance(b, Heading) and b.text.startswith("二、")), len(narrative))
        narrative[at:at] = chart_blocks
    tables: list[Block] = []
    for i, block in enumerate(_tables(report)):
        if i:
            tables.append(PageBreak())
        tables.append(block)
    glossary = facts.glossary or GLOSSARY
    sections = (
        Section("overview", f"第一部分：{entity}概况", tuple(overview)),
        Section("tables", f"第二部分：{entity}{year}年度部门决算表", tuple(tables)),
        Section("narrative", f"第三部分：{entity}{year}年度部门决算情况说明", tuple(narrative)),
        Section("glossary", "第四部分：名词解释", tuple(Text(f"{term}：{definition}") for term, definition in glossary)),
    )
    return Document(
        title=f"{entity}{year}年度部门决算",
        entity=entity,
        year=meta.year,
        sections=sections,
        placeholders=tuple(missing) + placeholders,
    )
