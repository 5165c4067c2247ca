"""Completeness and catalog checks (JS6xx): what is missing, unread or unknown.

The subject catalog is complete only at the 类 level (catalog.COMPLETE_LEVELS); a
款/项 it does not list, or lists from an unverified source, is reported as info,
never as a warning, so a partial catalog cannot raise a false alarm.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from ..catalog import COMPLETE_LEVELS, Catalog, Subject, editions, load_catalog
from ..model import TABLE_NAMES, CellRef, Finding, Report, Row, Table, plain
from ..model.refs import row_label, table_label
from .budget_rules import BUDGET_RULES
from .context import Context
from .rules import Rule
from .table_rules import TABLE_RULES

# Rule families that compare cells; none runs on a table the reader did not fully read.
CELL_RULE_FAMILIES = frozenset({"identity", "row-sum", "hierarchy", "cross", "soft"})
# Document families the catalog has table identities for (决算 T1…T9, 预算 B1…B13).
RULED_FAMILIES = frozenset(family for rule in TABLE_RULES + BUDGET_RULES for family in rule.families)

NOTICE_RULES = {
    "table-unknown": "JS602",
    "header-unknown": "JS602",
    "table-unparsed": "JS602",
    "row-incomplete": "JS603",
    "row-overfull": "JS603",
    "row-unparsed": "JS603",
    "truncated": "JS600",
}


def _row_cells(table: Table, row: Row) -> tuple[CellRef, ...]:
    if row.cells:
        return tuple(CellRef(table.kind, row.key, c.column, row.name, c.source.page, c.source.line) for c in row.cells[:1])
    return (CellRef(table.kind, row.key, "", row.name, row.source.page, row.source.line),)


@dataclass(frozen=True)
class MissingTables(Rule):
    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        found = {table.kind for table in report.tables}
        for kind, name in TABLE_NAMES.items():
            if kind not in found:
                yield Finding(self.code, self.severity, f"报告中没有找到表{kind[1:]}（{name}）", source=None)


@dataclass(frozen=True)
class ReaderNotices(Rule):
    """What the reader could not read, for the checks it leaves incomplete."""

    notices: tuple[str, ...] = ()
    suffix: str = ""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for notice in report.unrecognized:
            if notice.code in self.notices:
                yield Finding(self.code, self.severity, notice.message + self.suffix, quote=notice.text, source=notice.source)


@dataclass(frozen=True)
class UncheckedTables(Rule):
    """A table the reader did not fully understand is named, with the identities that
    were therefore not checked (fail closed: they would blame the report for a misread)."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        from .table_rules import TABLE_RULES  # the rules of this family, declared after this module

        for table in report.tables:
            if not table.kind or table.complete:
                continue
            codes = [rule.code for rule in TABLE_RULES if rule.family in CELL_RULE_FAMILIES and table.kind in rule.tables]
            name = table.number or table.title
            yield Finding(
                self.code,
                self.severity,
                f"{name}未完整读入（{table.unread[0]}），涉及该表的勾稽关系未核对：{'、'.join(dict.fromkeys(codes)) or '无'}",
                quote=table.title,
                source=table.source,
            )


@dataclass(frozen=True)
class EmptyTableNote(Rule):
    """A table whose note says it is empty (本表本年度无发生额, 本表为空表, …) has no amounts;
    with ``zero_needs_note``, an all-zero table also says so (the 决算 template asks it)."""

    zero_needs_note: bool = True

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for table in report.tables:
            if not table.kind or not table.rows:
                continue
            amounts = [cell.amount for row in table.rows for cell in row.cells]
            if not amounts and not table.no_activity:
                continue  # nothing printed at all (a blank template): not a table of zeros
            empty = all(amount == 0 for amount in amounts)
            label = (
                f"{table_label(table)}（{TABLE_NAMES[table.kind]}）" if table.number and table.kind in TABLE_NAMES else table_label(table)
            )
            if empty and not table.no_activity and self.zero_needs_note:
                yield Finding(
                    self.code, self.severity, f"{label} 全部为零，但没有注明“本表本年度无发生额”", quote=table.title, source=table.source
                )
            elif not empty and table.no_activity:
                nonzero = next(row for row in table.rows if any(c.amount != 0 for c in row.cells))
                cell = next(c for c in nonzero.cells if c.amount != 0)
                note = next((n for n in table.notes if _says_empty(n)), "")
                said = f"表注称“{_clause(note)}”" if note else "注明“本表本年度无发生额”"
                where = f"{row_label(nonzero)} " if row_label(nonzero) else ""
                yield Finding(
                    self.code,
                    self.severity,
                    f"{label} {said}，但{where}「{cell.column.replace('/', ' ')}」栏为 {plain(cell.amount)}，表中有数",
                    quote=note,
                    cells=(CellRef(table.kind, nonzero.key, cell.column, nonzero.name, cell.source.page, cell.source.line),),
                    source=table.source,
                )


_EMPTY_WORDS = ("无发生额", "空表", "无数据", "此表为空", "无该项目", "无相关收支")


def _says_empty(note: str) -> bool:
    return any(word in note for word in _EMPTY_WORDS)


def _clause(note: str) -> str:
    """The clause of a note that says the table is empty ('故本表为空表')."""
    for clause in re.split(r"[，。；,;]", note):
        if _says_empty(clause):
            return clause.strip()
    return note.strip()


_CODED = {"T2": "functional", "T3": "functional", "T5": "functional", "T7": "functional", "T8": "functional", "T6": "economic"}
# the coded tables of the budget family (profiles/data/yusuan.toml): checked against the same catalogs
_BUDGET_CODED = {
    "B2": "functional", "B3": "functional", "B5": "functional", "B7": "functional", "B10": "functional", "B11": "functional",
    "B6": "economic", "B8": "economic", "B12": "economic",
}  # fmt: skip
_CATALOG_TABLES = ("T2", "T3", "T5", "T6", "T7", "T8", *_BUDGET_CODED)


_TITLE_YEAR = re.compile(r"^(20\d{2})\s*年")  # a budget table's own title: 2025年部门收入预算总表


def _year(report: Report) -> int | None:
    """The report's year, else the one its budget tables' titles agree on (Putuo prints no 年度)."""
    if report.metadata.year:
        return report.metadata.year
    years = {m.group(1) for t in report.tables if t.kind.startswith("B") and (m := _TITLE_YEAR.match(t.title))}
    return int(years.pop()) if len(years) == 1 else None


def _catalog(report: Report) -> Catalog:
    return load_catalog(_year(report) or 0)


def _subjects(report: Report) -> list[tuple[Table, Row, str, Subject | None]]:
    """Each coded row with its catalog entry (None when the catalog does not list it). A report whose
    year was not read is checked against no edition: the names of 2017 and 2024 differ (fail closed)."""
    if not _year(report):
        return []
    catalog = _catalog(report)
    return [(table, row, kind, catalog.lookup(row.code, kind)) for table, row, kind in _coded_rows(report)]


def _coded_rows(report: Report) -> Iterator[tuple[Table, Row, str]]:
    for table in report.tables:
        kind = _CODED.get(table.kind) or _BUDGET_CODED.get(table.kind)
        if kind is None:
            continue
        for row in table.rows:
            if row.code:
                yield table, row, kind


@dataclass(frozen=True)
class UnknownCodes(Rule):
    """Codes not in that year's catalog, at the levels where the catalog is complete
    (``complete=True``) or below them (``complete=False``, info)."""

    complete: bool = True

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        catalog = _catalog(report)
        for table, row, kind, subject in context.cached(_subjects, _subjects):
            edition = f"{catalog.edition}年" if kind == "functional" else f"{catalog.economic_edition}年"
            level = _LEVELS[kind].get(len(row.code))
            if level is None:  # printed with a digit missing or extra ('301 2' for 30102)
                if self.complete:
                    digits = "3、5 或 7" if kind == "functional" else "3 或 5"
                    message = (
                        f"{table_label(table)} {row_label(row)}：{row.code} 不是{edition}{_KIND_NAMES[kind]}的科目编码（应为 {digits} 位）"
                    )
                    yield Finding(self.code, self.severity, message, cells=_row_cells(table, row))
                continue
            if subject is None and level > 1 and catalog.lookup(row.code[:3], kind) is None:
                # the 类 list is complete: a 款/项 under no 类 of the edition is no code of it ('7 11 02' for 210 11 02)
                if self.complete:
                    message = (
                        f"{table_label(table)} {row_label(row)}：{row.code} 的类级编码 {row.code[:3]} 不是{edition}{_KIND_NAMES[kind]}的类"
                    )
                    yield Finding(self.code, self.severity, message, cells=_row_cells(table, row))
                continue
            if (level in COMPLETE_LEVELS[kind]) != self.complete or subject is not None:
                continue
            if self.complete:
                message = f"{table_label(table)} {row_label(row)}：{row.code} 不是{edition}{_KIND_NAMES[kind]}的科目编码"
            else:
                message = (
                    f"{table_label(table)} {row_label(row)}：juesuan 的{edition}{_KIND_NAMES[kind]}目录未收录 {row.code}，无法核对名称"
                )
            yield Finding(self.code, self.severity, message, cells=_row_cells(table, row))


_KIND_NAMES = {"functional": "支出功能分类", "economic": "部门预算支出经济分类"}
_LEVELS = {"functional": {3: 1, 5: 2, 7: 3}, "economic": {3: 1, 5: 2}}


@dataclass(frozen=True)
class NameMismatch(Rule):
    """The printed name differs from the catalog's name for the code. ``verified``
    selects catalog entries checked against an official text (warning) or not (info)."""

    verified: bool = True

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        catalog = _catalog(report)
        for table, row, kind, subject in context.cached(_subjects, _subjects):
            if subject is None or subject.verified != self.verified or catalog.names_match(row.code, row.name, kind):
                continue
            yield Finding(
                self.code,
                self.severity,
                f"{table_label(table)} {row.code} 名称印为“{row.name}”，{catalog.edition}年科目名称为“{subject.name}”",
                cells=_row_cells(table, row),
            )


_ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")


@dataclass(frozen=True)
class ClassNameOfAnotherEdition(Rule):
    """A 类 line of a budget summary table (收支预算总表, 财政拨款收支预算总表) printed with the name the
    类 has in other editions, not in the report's year (2024年 三、医疗卫生与计划生育支出, renamed
    卫生健康支出 in 2019). ``with_amounts`` selects lines that print figures (warning) or only the label
    of the template (info). A name that is no 类 of any edition is not judged."""

    with_amounts: bool = True

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        if not _year(report):
            return
        catalog = _catalog(report)
        for table in report.tables:
            if table.kind not in ("B1", "B4"):
                continue
            for row in table.rows:
                # any side: only a name that is a 类 of some edition is judged, and no income line is one
                if not _ORDINAL.match(row.name) or bool(row.cells) != self.with_amounts:
                    continue
                if catalog.functional_class_by_name(row.name) is not None:
                    continue
                other = [(year, s) for year in editions() if (s := load_catalog(year).functional_class_by_name(row.name)) is not None]
                if not other:
                    continue
                years = sorted(year for year, _ in other)
                code = other[-1][1].code
                current = catalog.functional(code)
                now = f"，{catalog.edition}年该类（{code}）名为“{current.name}”" if current is not None else ""
                span = f"{years[0]}年" if len(years) == 1 else f"{years[0]}—{years[-1]}年"
                yield Finding(
                    self.code,
                    self.severity,
                    f"{table_label(table)} {row_label(row)}：“{_ORDINAL.sub('', row.name)}”是{span}科目的类名称{now}",
                    cells=_row_cells(table, row),
                )


@dataclass(frozen=True)
class OrphanSubjects(Rule):
    """A 款 or 项 printed without its parent 类 or 款 in the same table."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for table in report.tables:
            if table.kind not in _CODED:
                continue
            codes = {row.code for row in table.rows if row.code}
            for row in table.rows:
                if len(row.code) > 3 and row.code[:-2] not in codes:
                    yield Finding(
                        self.code,
                        self.severity,
                        f"{table_label(table)} {row_label(row)} 的上级科目 {row.code[:-2]} 没有列出，层级汇总无法核对",
                        cells=_row_cells(table, row),
                    )


@dataclass(frozen=True)
class UnknownClassRows(Rule):
    """表1/表4 expenditure rows whose name is neither a 类 of the year nor a total row."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        for kind in ("T1", "T4"):
            table = report.table(kind)
            if table is None:
                continue
            for row in table.rows:
                if row.side == "expenditure" and not row.role and row.name and row.cells:
                    yield Finding(
                        self.code,
                        self.severity,
                        f"{table_label(table)} {row_label(row)}：不是本年度支出功能分类的类名称，也不是合计行，计入各类支出之和",
                        cells=_row_cells(table, row),
                    )


@dataclass(frozen=True)
class FamilyWithoutRules(Rule):
    """A document family the rule catalog has no table identities for yet: say so once,
    instead of checking its tables against another family's identities."""

    def findings(self, context: Context) -> Iterator[Finding]:
        report = context.report
        if report.profile is not None and report.profile.family in self.families and report.profile.family not in RULED_FAMILIES:
            yield Finding(
                self.code,
                self.severity,
                f"{report.profile.name}：本版本尚未配置该类报告的表格勾稽关系，只检查了文字、完整性和读入情况",
                source=None,
            )


COMPLETENESS: tuple[Rule, ...] = (
    MissingTables(
        "JS601", "error", "九张决算表齐全", "表1…表9 各出现一次（按标题和表头识别）", tuple(TABLE_NAMES), "completeness", "所有模板"
    ),
    ReaderNotices(
        "JS600",
        "error",
        "报告完整，没有在表格中途截断",
        "文本在情况说明或名词解释之后结束",
        tuple(TABLE_NAMES),
        "completeness",
        "所有模板",
        notices=("truncated",),
        families=("juesuan", "yusuan"),
    ),
    ReaderNotices(
        "JS602",
        "warning",
        "表格未能识别",
        "每张表的标题和表头可识别",
        tuple(TABLE_NAMES),
        "completeness",
        "所有模板",
        notices=(
            "table-unknown",
            "header-unknown",
            "header-ambiguous",
            "header-missing",
            "table-unparsed",
            "table-duplicate",
            "table-untitled",
            "continuation-unmatched",
            "continuation-header",
        ),
        suffix="；该表的勾稽关系未能全部核对",
        families=("juesuan", "yusuan"),
    ),
    ReaderNotices(
        "JS615",
        "info",
        "附表已读入，未核对",
        "绩效目标表等附表按通用格式读入，不在勾稽关系之内",
        (),
        "completeness",
        "所有模板",
        notices=("table-form",),
        families=("juesuan", "yusuan"),
    ),
    ReaderNotices(
        "JS611",
        "warning",
        "扫描页未识别",
        "每页有文字层（扫描图像页不能核对）",
        tuple(TABLE_NAMES),
        "completeness",
        "所有模板",
        notices=("pages-scanned",),
        suffix="；这些页上的表格和文字未核对，也不据此报告缺失",
        families=("juesuan", "yusuan"),
    ),
    ReaderNotices(
        "JS618",
        "info",
        "扫描页由文字识别（OCR）读取",
        "扫描页的金额经文字识别读入，识别不确定的数字所涉及的勾稽不符只作警告（可能是误读）",
        tuple(TABLE_NAMES),
        "completeness",
        "所有模板",
        notices=("ocr-read",),
        families=("juesuan", "yusuan"),
    ),
    ReaderNotices(
        "JS603",
        "warning",
        "表行未能读入",
        "每一行的数值个数与栏数一致",
        tuple(TABLE_NAMES),
        "completeness",
        "所有模板",
        notices=("row-incomplete", "row-overfull", "row-unparsed", "cell-unparsed", "cell-merged", "cell-stacked"),
        suffix="；涉及该行的勾稽关系未能核对",
        families=("juesuan", "yusuan"),
    ),
    UncheckedTables(
        "JS612",
        "info",
        "未完整读入的表不做勾稽校验",
        "表中有未能读入的内容 ⇒ 涉及该表的勾稽关系不判错，列出未核对的规则",
        tuple(TABLE_NAMES),
        "completeness",
        "所有模板",
        families=("juesuan", "yusuan"),
    ),
    EmptyTableNote(
        "JS604", "warning", "无发生额的表注明“本表本年度无发生额”", "全零 ⇔ 注明无发生额", tuple(TABLE_NAMES), "completeness", "所有模板"
    ),
    EmptyTableNote(
        "JS614",
        "warning",
        "注明为空表的表中没有数",
        "表注称“本表为空表”等 ⇒ 表中金额全为零或空白",
        (),
        "completeness",
        "所有模板",
        zero_needs_note=False,
        families=("yusuan",),
    ),
    UnknownCodes(
        "JS605",
        "warning",
        "科目编码属于当年科目目录",
        "类级编码 ∈ 当年《政府收支分类科目》",
        _CATALOG_TABLES,
        "catalog",
        "2017—2026年度科目",
        complete=True,
        families=("juesuan", "yusuan"),
    ),
    UnknownCodes(
        "JS606",
        "info",
        "科目编码未收录于 juesuan 目录",
        "款/项级编码 ∈ juesuan 目录（目录不全，仅作提示）",
        _CATALOG_TABLES,
        "catalog",
        "2017—2026年度科目",
        complete=False,
        families=("juesuan", "yusuan"),
    ),
    NameMismatch(
        "JS607",
        "warning",
        "科目名称与编码一致",
        "科目名称 = 当年目录中该编码的名称",
        _CATALOG_TABLES,
        "catalog",
        "2017—2026年度科目",
        verified=True,
        families=("juesuan", "yusuan"),
    ),
    NameMismatch(
        "JS608",
        "info",
        "科目名称与目录（未核验条目）不一致",
        "科目名称 = juesuan 目录中未经官方文本核验的名称",
        _CATALOG_TABLES,
        "catalog",
        "2017—2026年度科目",
        verified=False,
        families=("juesuan", "yusuan"),
    ),
    ClassNameOfAnotherEdition(
        "JS620",
        "warning",
        "预算总表各类支出用当年的类名称",
        "收支预算总表、财政拨款收支预算总表中有数的类名称 = 当年支出功能分类的类名称",
        ("B1", "B4"),
        "catalog",
        "2017—2026年度科目",
        with_amounts=True,
        families=("yusuan",),
    ),
    ClassNameOfAnotherEdition(
        "JS621",
        "info",
        "预算总表模板行用了其他年度的类名称",
        "收支预算总表、财政拨款收支预算总表中无数的类名称 = 当年支出功能分类的类名称",
        ("B1", "B4"),
        "catalog",
        "2017—2026年度科目",
        with_amounts=False,
        families=("yusuan",),
    ),
    OrphanSubjects(
        "JS609",
        "warning",
        "款、项的上级科目已列出",
        "每个款/项的上级类/款出现在同一表中",
        ("T2", "T3", "T5", "T6", "T7", "T8"),
        "completeness",
        "所有模板",
    ),
    UnknownClassRows(
        "JS610",
        "warning",
        "表1、表4 支出各行是当年的类",
        "支出栏各行名称 ∈ 当年支出功能分类的类",
        ("T1", "T4"),
        "catalog",
        "2023—2024年度科目",
    ),
    FamilyWithoutRules(
        "JS613",
        "info",
        "尚未配置勾稽校验的报告类别",
        "部门预算：表格勾稽关系待预算规则集",
        (),
        "completeness",
        "部门预算",
        families=("yusuan",),
    ),
)
