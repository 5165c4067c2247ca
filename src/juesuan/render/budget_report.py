"""The budget disclosure (部门预算公开) from data, like a 决算: 概况, the tables as
published (``tables.table_block``), a 情况说明 written from the figures in the official
change forms of the Jiangsu reports, 名词解释.

The figures are keyed by the subjects the budget checks read (``checks/across_statements``):
'total', 'gpb_expenditure', 'basic', 'abroad', …; last year's figures (another budget)
give each change: '与上年相比增加3,959.28万元，增长22.02%', '与上年预算数一致', and
'与上年相比增加1,045.93万元' with no percent when last year's figure is 0. A figure
not given is not written; a change with no last-year figure is not invented.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from decimal import ROUND_HALF_UP, Decimal

from ..checks.across import FINAL_CLAIM_SUBJECTS, FINAL_T9_SUBJECTS
from ..checks.across_statements import report_year
from ..model import Claim, Report
from ..model.change import money
from ..profiles import profile_of
from .document import Block, Document, Heading, PageBreak, Section, Text
from .tables import table_block

# (section heading, [(subject, sentence lead)]) in the order of the Jiangsu template.
SECTIONS: tuple[tuple[str, tuple[tuple[str, str], ...]], ...] = (
    (
        "一、收支预算总体情况说明",
        (
            ("total", "{entity}{year}年度收入、支出预算总计"),
            ("fiscal_income", "财政拨款收入预算总计"),
            ("gpb_income", "一般公共预算收入预算"),
            ("fund_income", "政府性基金收入预算"),
            ("other_income", "其他资金收入预算总计"),
            ("basic", "基本支出预算数为"),
            ("project", "项目支出预算数为"),
            ("reserve", "单位预留机动经费预算数为"),
        ),
    ),
    (
        "二、财政拨款收支预算总体情况说明",
        (
            ("fiscal_total", "{entity}{year}年度财政拨款收、支总预算"),
            ("gpb_expenditure", "{entity}{year}年一般公共预算财政拨款支出预算"),
            ("fund_expenditure", "{entity}{year}年政府性基金支出预算支出"),
        ),
    ),
    (
        "三、一般公共预算“三公”经费、会议费、培训费支出预算情况说明",
        (
            ("sangong_total", "{entity}{year}年度一般公共预算拨款安排的“三公”经费预算支出"),
            ("abroad", "因公出国（境）费预算支出"),
            ("car_total", "公务用车购置及运行费预算支出"),
            ("car_purchase", "公务用车购置预算支出"),
            ("car_running", "公务用车运行维护费预算支出"),
            ("reception", "公务接待费预算支出"),
            ("meeting", "{entity}{year}年度一般公共预算拨款安排的会议费预算支出"),
            ("training", "{entity}{year}年度一般公共预算拨款安排的培训费预算支出"),
        ),
    ),
    (
        "四、一般公共预算机关运行经费支出预算情况说明",
        (("admin_running", "{year}年本部门一般公共预算机关运行经费预算支出"),),
    ),
)


def budget_percent(change: Decimal, base: Decimal) -> Decimal:
    """The percent of a budget change, to two decimals as the Jiangsu reports print it."""
    return (abs(change) / abs(base) * 100).quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def change_words(current: Decimal, previous: Decimal) -> str:
    """'与上年相比增加X万元，增长Y%'; '与上年预算数一致'; no percent on a base of 0."""
    difference = current - previous
    if difference == 0:
        return "与上年预算数一致"
    verb, trend = ("增加", "增长") if difference > 0 else ("减少", "下降")
    if previous == 0:
        return f"与上年相比{verb}{money(abs(difference))}"
    return f"与上年相比{verb}{money(abs(difference))}，{trend}{budget_percent(difference, previous)}%"


def sentence(lead: str, current: Decimal, previous: Decimal | None) -> str:
    text = f"{lead}{money(current)}"
    if previous is not None:
        text += "，" + change_words(current, previous)
    return text + "。"


def budget_paragraphs(
    figures: Mapping[str, Decimal], previous: Mapping[str, Decimal] | None = None, entity: str = "", year: int | str = ""
) -> list[Block]:
    """The 情况说明 of a budget from its figures and last year's."""
    previous = previous or {}
    blocks: list[Block] = []
    for heading, items in SECTIONS:
        written = [
            Text(sentence(lead.format(entity=entity, year=year), figures[key], previous.get(key))) for key, lead in items if key in figures
        ]
        if written:
            blocks.append(Heading(heading, 2))
            blocks.extend(written)
    return blocks


def build_budget_document(report: Report, figures: Mapping[str, Decimal], previous: Mapping[str, Decimal] | None = None) -> Document:
    """The whole budget disclosure: the report's 概况 and tables as published, the
    情况说明 written from ``figures`` against ``previous``, its 名词解释."""
    meta = report.metadata
    entity, number = meta.entity, report_year(report)
    year = number or ""
    overview: list[Block] = [Text(p.text) for p in report.overview] or [Text("【请填写部门职责与机构设置】")]
    profile = profile_of(report)
    tables: list[Block] = []
    for i, table in enumerate(t for t in report.tables if t.kind):
        if i:
            tables.append(PageBreak())
        tables.append(table_block(table, profile))
    narrative = budget_paragraphs(figures, previous, entity, year)
    glossary = tuple(Text(f"{g.term}：{g.definition}") for g in report.glossary)
    sections = (
        Section("overview", f"第一部分：{entity}概况", tuple(overview)),
        Section("tables", f"第二部分：{entity}{year}年度部门预算表", tuple(tables)),
        Section("narrative", f"第三部分：{entity}{year}年度部门预算情况说明", tuple(narrative)),
        Section("glossary", "第四部分：名词解释", glossary),
    )
    return Document(
        title=f"{entity}{year}年度部门预算",
        entity=entity,
        year=number,
        sections=sections,
        placeholders=() if report.overview else ("概况",),
    )


# A 决算's year-start budget figures by the budget subject they restate: the same table the
# --budget check reads them with (checks/across.py)
_FINAL_CLAIMS = FINAL_CLAIM_SUBJECTS
_FINAL_T9 = FINAL_T9_SUBJECTS


def figures_from_final(final: Report, claims: Sequence[Claim]) -> dict[str, Decimal]:
    """The budget a 决算 says was published: 表9's 预算数, and the 年初预算数 its narrative
    implies (this year's figure − the change it states). What a budget derived from a
    决算 prints (no real budget of the same department and year is in the corpus)."""
    out: dict[str, Decimal] = {}
    table = final.table("T9")
    if table is not None and table.rows:
        for column in table.columns:
            key = _FINAL_T9.get(column.role)
            cell = table.rows[0].cell(column.key)
            if key is not None and cell is not None:
                out[key] = cell.amount
    for claim in claims:
        key = _FINAL_CLAIMS.get(claim.quantity)
        if key is None or key in out:
            continue
        if claim.kind == "change" and claim.base == "年初预算数" and claim.amount is not None and claim.signed_change is not None:
            out[key] = claim.amount - claim.signed_change
    return out
