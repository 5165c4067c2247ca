"""The input workbook finance staff fill in: the nine tables in the official layout,
with the subject catalog's names for the year, every amount 0.00 and no formulas.

The workbook is what ``juesuan render`` writes as XLSX, made from a skeleton report,
so ``juesuan.read.read_path`` reads it back like any published workbook: a filled-in
template is an input of ``juesuan render`` as it is. Subject rows of 表2/3/5/7/8 are
added by inserting a row under 合计 with the code in the first column and the name in
the second.
"""

from __future__ import annotations

from dataclasses import replace
from decimal import Decimal
from pathlib import Path

from ..catalog import load_catalog
from ..model import TABLE_NAMES, Cell, Column, Metadata, Report, Row, Source, Table
from ..profiles import Profile, TableSpec, layout_columns, shipped
from ..profiles.rows import RowRoles
from ..profiles.schema import BLANK, CLASSES, SUBJECTS
from .build import _tables  # noqa: F401 — same table order as the document
from .document import Document, Section
from .tables import table_block

ZERO = Decimal("0.00")
ORDINALS = ("一", "二", "三", "四", "五", "六", "七", "八", "九", "十")
ENTITY_PLACEHOLDER = "【单位名称】"


def ordinal(n: int) -> str:
    if n <= 10:
        return ORDINALS[n - 1]
    tens, ones = divmod(n, 10)
    return ("" if tens == 1 else ORDINALS[tens - 1]) + "十" + (ORDINALS[ones - 1] if ones else "")


def _numbered(spec: TableSpec) -> tuple[Column, ...]:
    """The first layout's columns with their 栏次 1, 2, …"""
    return tuple(Column(key=c.key, role=c.role, number=str(i), side=c.side) for i, c in enumerate(layout_columns(spec), start=1))


def _zeros(columns: tuple[Column, ...], side: str) -> tuple[Cell, ...]:
    return tuple(Cell(c.key, ZERO, "0.00", Source()) for c in columns if not side or c.side == side)


def _entries(spec: TableSpec, side: str, year: int) -> list[tuple[str, str]]:
    """A side's printed rows as (code, name); blank lines as ('', BLANK)."""
    printed = spec.printed
    assert printed is not None
    catalog = load_catalog(year)
    out: list[tuple[str, str]] = []
    for entry in printed.rows[side]:
        if entry == CLASSES:
            for i, code in enumerate(printed.classes, start=1):
                subject = catalog.functional(code)
                out.append(("", f"{ordinal(i)}、{subject.name if subject else code}"))
        elif entry == SUBJECTS:
            classes = printed.economic.get(side, ())
            subjects = [s for s in catalog.subjects("economic") if s.code[:3] in classes]
            out += [(s.code, s.name) for s in sorted(subjects, key=lambda s: (s.code[:3], len(s.code), s.code))]
        else:
            out.append(("", entry))
    return out


def _table_rows(spec: TableSpec, columns: tuple[Column, ...], year: int, profile: Profile) -> tuple[Row, ...]:
    """Every printed row of the template with zero cells; both sides of a line share its
    source line, and 行次 run down the first side and on."""
    assert spec.printed is not None
    roles = RowRoles(spec, profile.totals, profile.of_which, load_catalog(year))
    sides: dict[str, list[Row]] = {}
    number = 0
    for side in spec.printed.rows:
        for code, name in _entries(spec, side, year):
            number += 1
            key = code or (str(number) if spec.printed.row_numbers else "")
            if name == BLANK:
                sides.setdefault(side, []).append(Row(key=key, name="", cells=(), source=Source(), side=side))
                continue
            role, found = roles.role(side, name, code)
            sides.setdefault(side, []).append(
                Row(key=key, name=name, cells=_zeros(columns, side), source=Source(), code=found, role=role, side=side)
            )
    out: list[Row] = []
    for line in range(max(len(rows) for rows in sides.values())):
        for rows in sides.values():
            if line < len(rows):
                out.append(replace(rows[line], source=Source(line=line + 1)))
    return tuple(out)


def skeleton(
    year: int, entity: str = ENTITY_PLACEHOLDER, unit: str = "万元", scope: str = "单位", profile: Profile | None = None
) -> Report:
    """An all-zero report of the profile's tables for ``year``, as its template prints them."""
    profile = profile or shipped().get("juesuan")
    tables = []
    for kind, spec in profile.tables.items():
        if spec.printed is None:
            continue
        columns = _numbered(spec)
        tables.append(
            Table(
                kind=kind,
                number=f"表{kind[1:]}",
                title=TABLE_NAMES.get(kind, spec.name),
                columns=columns,
                rows=_table_rows(spec, columns, year, profile),
                source=Source(),
                end_line=0,
                unit=unit,
                entity=entity,
                entity_label=scope,
                notes=(),
            )
        )
    metadata = Metadata(entity=entity, scope=scope, year=year, unit=unit, source_format="template")
    return Report(metadata=metadata, parts=(), overview=(), tables=tuple(tables), narrative=(), glossary=(), pages=(), unrecognized=())


def write_template(path: str | Path, year: int, entity: str = ENTITY_PLACEHOLDER, unit: str = "万元", scope: str = "单位") -> None:
    from .xlsx import write_xlsx

    report = skeleton(year, entity, unit, scope)
    blocks = tuple(table_block(t) for t in report.tables)
    document = Document(
        title=f"{entity}{year}年度部门决算表（填报）", entity=entity, year=year, sections=(Section("tables", "决算表", blocks),)
    )
    write_xlsx(document, Path(path))
