"""The input workbook finance staff fill in: the nine tables in the official layout,
with the subject catalog's names for the year, every amount 0.00 and no formulas.

The workbook is what ``juesuan render`` writes as XLSX, made from a skeleton report,
so ``juesuan.read.read_path`` reads it back like any published workbook: a filled-in
template is an input of ``juesuan render`` as it is. Subject rows of 表2/3/5/7/8 are
added by inserting a row under 合计 with the code in the first column and the name in
the second.
"""

from __future__ import annotations

from decimal import Decimal
from pathlib import Path

from ..catalog import load_catalog
from ..model import TABLE_KINDS, TABLE_NAMES, Cell, Metadata, Report, Row, Source, Table
from ..profiles import layout_columns, shipped
from .build import _tables  # noqa: F401 — same table order as the document
from .document import Document, Section
from .tables import table_block

ZERO = Decimal("0.00")
# 表1/表4 expenditure rows: one per 功能分类 类, in the template's order (行次 31–56 / 33–58).
CLASSES = ("201", "202", "203", "204", "205", "206", "207", "208", "210", "211", "212", "213", "214", "215", "216",
           "217", "219", "220", "221", "222", "223", "224", "229", "231", "232", "234")
ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
T1_INCOME = ("一般公共预算财政拨款收入", "政府性基金预算财政拨款收入", "国有资本经营预算财政拨款收入", "上级补助收入",
             "事业收入", "经营收入", "附属单位上缴收入", "其他收入")
T4_INCOME = ("一般公共预算财政拨款", "政府性基金预算财政拨款", "国有资本经营预算财政拨款")
ENTITY_PLACEHOLDER = "【单位名称】"


def ordinal(n: int) -> str:
    if n <= 10:
        return ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else ORDINALS[tens - 1]) + "十" + (ORDINALS[ones - 1] if ones else "")


def _cells(columns, side: str = "") -> tuple[Cell, ...]:
    return tuple(Cell(c.key, ZERO, "0.00", Source()) for c in columns if not side or c.side == side)


def _numbered(kind: str):
    from ..model import Column

    spec = shipped().get("juesuan").table(kind)
    assert spec is not None
    return tuple(Column(key=c.key, role=c.role, number=str(i), side=c.side) for i, c in enumerate(layout_columns(spec), start=1))


def _row(key: str, name: str, cells=(), side: str = "", code: str = "", role: str = "") -> Row:
    return Row(key=key, name=name, cells=tuple(cells), source=Source(), code=code, role=role, side=side)


def _class_names(year: int) -> list[tuple[str, str]]:
    catalog = load_catalog(year)
    out = []
    for code in CLASSES:
        subject = catalog.functional(code)
        out.append((code, subject.name if subject else code))
    return out


def _t1(year: int) -> tuple:
    columns = _numbered("T1")
    income, expenditure = _cells(columns, "income"), _cells(columns, "expenditure")
    rows = [_row(str(i), f"{ordinal(i)}、{name}", income, "income") for i, name in enumerate(T1_INCOME, start=1)]
    rows += [_row(str(i), "", (), "income") for i in range(9, 27)]
    rows += [_row("27", "本年收入合计", income, "income", role="income_total"),
             _row("28", "使用非财政拨款结余（含专用结余）", income, "income"),
             _row("29", "年初结转和结余", income, "income"), _row("30", "总计", income, "income", role="income_grand_total")]
    rows += [_row(str(31 + i), f"{ordinal(i + 1)}、{name}", expenditure, "expenditure", code=code)
             for i, (code, name) in enumerate(_class_names(year))]
    rows += [_row("57", "本年支出合计", expenditure, "expenditure", role="expenditure_total"),
             _row("58", "结余分配", expenditure, "expenditure"), _row("59", "年末结转和结余", expenditure, "expenditure"),
             _row("60", "总计", expenditure, "expenditure", role="expenditure_grand_total")]
    return columns, _ordered(rows)


def _t4(year: int) -> tuple:
    columns = _numbered("T4")
    income, expenditure = _cells(columns, "income"), _cells(columns, "expenditure")
    rows = [_row(str(i), f"{ordinal(i)}、{name}", income, "income") for i, name in enumerate(T4_INCOME, start=1)]
    rows += [_row(str(i), "", (), "income") for i in range(4, 27)]
    rows += [_row("27", "本年收入合计", income, "income", role="income_total"),
             _row("28", "年初财政拨款结转和结余", income, "income", role="opening_balance")]
    rows += [_row(str(29 + i), name, income, "income", role=f"opening_{r}") for i, (name, r) in enumerate(zip(T4_INCOME, ("general", "fund", "capital")))]
    rows += [_row("32", "总计", income, "income", role="income_grand_total")]
    rows += [_row(str(33 + i), f"{ordinal(i + 1)}、{name}", expenditure, "expenditure", code=code)
             for i, (code, name) in enumerate(_class_names(year))]
    rows += [_row("59", "本年支出合计", expenditure, "expenditure", role="expenditure_total"),
             _row("60", "年末财政拨款结转和结余", expenditure, "expenditure", role="closing_balance")]
    rows += [_row(str(i), "", (), "expenditure") for i in (61, 62, 63)]
    rows += [_row("64", "总计", expenditure, "expenditure", role="expenditure_grand_total")]
    return columns, _ordered(rows)


def _ordered(rows: list[Row]) -> tuple[Row, ...]:
    """Both sides on one printed line: the i-th row of each side share a source line."""
    income = [r for r in rows if r.side in ("income", "personnel")]
    other = [r for r in rows if r.side not in ("income", "personnel")]
    out = []
    for i in range(max(len(income), len(other))):
        for side in (income, other):
            if i < len(side):
                out.append(Row(**{**{f: getattr(side[i], f) for f in Row.__slots__}, "source": Source(line=i + 1)}))
    return tuple(out)


def _t6(year: int) -> tuple:
    columns = _numbered("T6")
    catalog = load_catalog(year)
    personnel, public = [], []
    for subject in catalog.subjects("economic"):
        if subject.code[:3] not in ("301", "302", "303", "307", "310", "399"):
            continue
        side = "personnel" if subject.code[:3] in ("301", "303") else "public"
        row = _row(subject.code, subject.name, _cells(columns, side), side, code=subject.code)
        (personnel if side == "personnel" else public).append(row)
    personnel.sort(key=lambda r: (r.code[:3], len(r.code), r.code))
    public.sort(key=lambda r: (r.code[:3], len(r.code), r.code))
    personnel.append(_row("", "人员经费合计", _cells(columns, "personnel"), "personnel", role="personnel_total"))
    public.append(_row("", "公用经费合计", _cells(columns, "public"), "public", role="public_total"))
    return columns, _ordered(personnel + public)


def skeleton(year: int, entity: str = ENTITY_PLACEHOLDER, unit: str = "万元", scope: str = "单位") -> Report:
    """An all-zero report of the nine tables for ``year``."""
    tables = []
    for kind in TABLE_KINDS:
        if kind == "T1":
            columns, rows = _t1(year)
        elif kind == "T4":
            columns, rows = _t4(year)
        elif kind == "T6":
            columns, rows = _t6(year)
        else:
            columns = _numbered(kind)
            name = "" if kind == "T9" else "合计"
            rows = (_row("", name, _cells(columns), role="total"),)
        tables.append(Table(kind=kind, number=f"表{kind[1:]}", title=TABLE_NAMES[kind], columns=columns, rows=rows,
                            source=Source(), end_line=0, unit=unit, entity=entity, entity_label=scope, notes=()))
    metadata = Metadata(entity=entity, scope=scope, year=year, unit=unit, source_format="template")
    return Report(metadata=metadata, parts=(), overview=(), tables=tuple(tables), narrative=(), glossary=(), pages=(), unrecognized=())


def write_template(path: str | Path, year: int, entity: str = ENTITY_PLACEHOLDER, unit: str = "万元", scope: str = "单位") -> None:
    from .xlsx import write_xlsx

    report = skeleton(year, entity, unit, scope)
    blocks = tuple(table_block(t) for t in report.tables)
    document = Document(title=f"{entity}{year}年度部门决算表（填报）", entity=entity, year=year,
                        sections=(Section("tables", "决算表", blocks),))
    write_xlsx(document, Path(path))
