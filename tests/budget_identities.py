"""An independent statement of the budget (部门预算) identities over a hand-made gold cells CSV.

Stdlib only and sharing no code with juesuan (nor with tests/real_identities.py, which states the
决算 identities): the gold files under tests/gold/real/yusuan/ are checked against themselves here.

Input: the rows of a ``*.cells.csv`` file (``table,row,name,column,amount,page``) in file order; the
table ids are the budget family's canonical ids B1…B13.  A row is its subject code where it has one,
otherwise its printed name.  On the two summary tables (B1 收支预算总表, B4 财政拨款收支预算总表) a
cell's side is told by the first label of its column path (``收入``/``本年收入``/``财政拨款收入`` =
income), and the Jiangsu expenditure side is split again into 功能分类 and 支出用途.

A blank cell is not listed and counts as an exact 0.  A printed value with d decimals is the interval
±0.5·10⁻ᵈ around it (a 元 integer ±0.5 元); a sum sums the intervals; an identity holds when the
intervals of both sides intersect.  A table printed in 万元 is compared with one in 元 by scaling the 万元
interval by 10 000.

The identities:

* row sums: in every table a column whose last label is 合计/小计/总计 equals the sum of its sibling
  columns (a sibling group without its own 小计 is summed through its leaves; ``其中`` columns are parts
  of something already counted and are left out);
* hierarchy: in every coded table 合计 = Σ类, 类 = Σ款, 款 = Σ项, in every column;
* summary tables: on each side an ordinal line (一、…) = Σ its numbered sub-lines (1.…, 1、…), the
  subtotal (当年收入小计, 本年支出合计 …) = Σ ordinal lines, the total (收入合计, 支出总计 …) = subtotal +
  the carry-over lines printed between them, and income total = expenditure total; the two Jiangsu
  expenditure views (功能分类, 支出用途) sum to the same subtotal;
* across tables: 收入预算总表 total = B1 income total, 支出预算总表 total = B1 expenditure total,
  B4 income total = B1's 财政拨款 line, B7 合计 = B4's 一般公共预算 income line, B7's basic column =
  B8 合计, B4's 基本支出 line = B6 合计, per code B5 = B7 + B10 + B11, and the B1/B4 functional lines
  = the 类 rows of B3/B7 where both print the same 类 name;
* 政府采购 (B13): 合计 = Σ一、二、…; under each, the groups add up to the line and each group is the
  sum of the item rows that follow it (split greedily, as the table prints no levels);
* of a 行政单位 (``administrative``): the 机关运行经费 of the 三公 table = B8's 公用经费 合计, 万元 against 元.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

Interval = tuple[Decimal, Decimal]
Terms = list[Decimal | None]
ZERO = Decimal(0)

ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")
SUB_LINE = re.compile(r"^\d+[.、．]")
TOTAL_LABELS = ("合计", "小计", "总计")
SUBTOTALS = ("当年收入小计", "当年支出小计", "本年收入合计", "本年支出合计", "本年收入小计", "本年支出小计")
GRAND_TOTALS = ("收入合计", "支出合计", "收入总计", "支出总计")
INCOME_HEADS = ("收入", "本年收入", "财政拨款收入")
SUMMARY = ("B1", "B4")


def load(path: Path) -> list[dict[str, str]]:
    """The gold cells, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def interval(value: Decimal, scale: int = 1) -> Interval:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite amount: {value}")
    half = Decimal(5).scaleb(exponent - 1)  # 0.005 for 2 decimals, 0.5 for an integer
    return (value - half) * scale, (value + half) * scale


def total(terms: Terms, scale: int = 1) -> Interval:
    low = high = ZERO
    for value in terms:
        if value is not None:
            a, b = interval(value, scale)
            low, high = low + a, high + b
    return low, high


def agrees(left: Interval, right: Interval) -> bool:
    return left[0] <= right[1] and right[0] <= left[1]


def side_of(table: str, column: str) -> str:
    if table not in SUMMARY:
        return ""
    head = column.split("/", 1)[0]
    if head in INCOME_HEADS:
        return "income"
    return "functional" if "/功能分类" in column else "purpose" if "/支出用途" in column else "expenditure"


class Gold:
    """(table, side, key) → {column: amount}, with the file order of rows and columns."""

    def __init__(self, cells: Iterable[Mapping[str, object]]) -> None:
        self.values: dict[tuple[str, str, str], dict[str, Decimal]] = defaultdict(dict)
        self.names: dict[tuple[str, str, str], str] = {}
        self.order: dict[tuple[str, str], list[str]] = defaultdict(list)
        self.column_order: dict[str, list[str]] = defaultdict(list)
        self.units: dict[str, int] = {}
        for cell in cells:
            table, row, name, column = (str(cell[k] or "") for k in ("table", "row", "name", "column"))
            amount = Decimal(str(cell["amount"]))
            side = side_of(table, column)
            key = row or name
            slot = self.values[(table, side, key)]
            if column in slot:
                # the same label printed twice in one table (政府采购 items of different groups):
                # a distinct row, numbered by its occurrence
                key = f"{key}#{sum(k.startswith(key + '#') for k in self.order[(table, side)]) + 2}"
                slot = self.values[(table, side, key)]
            slot[column] = amount
            self.names[(table, side, key)] = name
            if key not in self.order[(table, side)]:
                self.order[(table, side)].append(key)
            if column not in self.column_order[table]:
                self.column_order[table].append(column)

    def tables(self) -> list[str]:
        return list(self.column_order)

    def get(self, table: str, key: str, column: str, side: str = "") -> Decimal | None:
        return self.values.get((table, side, key), {}).get(column)

    def keys(self, table: str, side: str = "") -> list[str]:
        return list(self.order.get((table, side), []))

    def row(self, table: str, key: str, side: str = "") -> dict[str, Decimal]:
        return self.values.get((table, side, key), {})

    def columns(self, table: str, side: str | None = None) -> list[str]:
        columns = self.column_order.get(table, [])
        return [c for c in columns if side is None or side_of(table, c) == side]


def _label(column: str) -> str:
    return column.rsplit("/", 1)[-1]


def _parent(column: str) -> str:
    return column.rsplit("/", 1)[0] if "/" in column else ""


def _column_parts(columns: list[str], whole: str) -> list[str] | None:
    """The columns whose sum a 合计/小计/总计 column states, or None when it has no siblings."""
    prefix = _parent(whole)

    def under(group: str) -> list[str]:
        start = group + "/" if group else ""
        children: list[str] = []
        for column in columns:
            if column.startswith(start) and column != whole:
                child = column[len(start) :].split("/", 1)[0]
                if child not in children and not child.startswith("其中"):
                    children.append(child)
        parts: list[str] = []
        for child in children:
            path = start + child
            if path in columns:
                parts.append(path)
            elif any(f"{path}/{t}" in columns for t in TOTAL_LABELS):
                parts.append(next(f"{path}/{t}" for t in TOTAL_LABELS if f"{path}/{t}" in columns))
            else:
                parts.extend(under(path))
        return parts

    parts = under(prefix)
    return parts or None


def _is_total_name(name: str) -> bool:
    return name in ("合计", "总计")


def _summary_total(g: Gold, table: str, side: str, names: tuple[str, ...]) -> Decimal | None:
    """The amount of a total line on a side: its value in the side's first column, or its only cell
    on the expenditure side (the Jiangsu 当年支出小计 is printed once, under 支出用途)."""
    sides = [side] if side == "income" else [side, "functional", "purpose", "expenditure"]
    for key in g.keys(table, side):
        if key in names:
            first = g.columns(table, side)
            value = g.get(table, key, first[0], side) if first else None
            if value is not None:
                return value
    for other in sides:
        for key in g.keys(table, other):
            if key in names:
                row = g.row(table, key, other)
                if len(row) == 1 or other != side:
                    return next(iter(row.values()))
    return None


def verify(cells: Iterable[Mapping[str, object]], units: Mapping[str, str] | None = None, administrative: bool = False) -> list[str]:
    """Every broken identity, as a readable line; empty when all hold.  ``units`` names the unit of
    a table printed in 万元 when the others are in 元 (e.g. {"B9": "万元"} for Putuo).
    ``administrative``: the report is a 行政单位's, whose 机关运行经费 is its basic 公用经费 (a 事业单位
    prints 机关运行经费 0 or nothing)."""
    g = Gold(cells)
    units = dict(units or {})
    broken: list[str] = []

    def scale(table: str) -> int:
        return 10000 if units.get(table) == "万元" else 1  # a 万元 table among 元 ones

    def check(label: str, left: Terms, right: Terms, left_scale: int = 1, right_scale: int = 1) -> None:
        if not agrees(total(left, left_scale), total(right, right_scale)):
            lsum = sum((v or ZERO for v in left), ZERO)
            rsum = sum((v or ZERO for v in right), ZERO)
            broken.append(f"{label}: {lsum} ≠ {rsum}")

    # ---- row sums
    for table in g.tables():
        sides = ["income", "expenditure", "functional", "purpose"] if table in SUMMARY else [""]
        for side in sides:
            columns = g.columns(table, side if table in SUMMARY else None)
            for whole in columns:
                if _label(whole) not in TOTAL_LABELS:
                    continue
                parts = _column_parts(columns, whole)
                if parts is None:
                    continue
                for key in g.keys(table, side):
                    check(
                        f"{table} {key} 行内 {whole} = Σ{'+'.join(parts)}",
                        [g.get(table, key, whole, side)],
                        [g.get(table, key, p, side) for p in parts],
                    )

    # ---- hierarchy of coded tables
    for table in g.tables():
        if table in SUMMARY:
            continue
        coded = [k for k in g.keys(table) if k.isdigit()]
        totals = [k for k in g.keys(table) if _is_total_name(k)]
        for column in g.columns(table):
            classes = [k for k in coded if len(k) == 3]
            if classes:
                for key in totals:
                    check(f"{table} {key} = Σ类 [{column}]", [g.get(table, key, column)], [g.get(table, k, column) for k in classes])
            for parent in coded:
                children = [k for k in coded if len(k) == len(parent) + 2 and k.startswith(parent)]
                if children:
                    check(
                        f"{table} {parent} = Σ{'/'.join(children)} [{column}]",
                        [g.get(table, parent, column)],
                        [g.get(table, k, column) for k in children],
                    )

    # ---- tables whose rows are named, not coded: 合计 = Σ一、二、…; a row group X/小计 = Σ X/…, and
    # the table's 收入总计 = Σ its groups' 小计 (the Jiangsu 收入预算总表 names rows by group/item)
    for table in g.tables():
        if table in SUMMARY:
            continue
        keys = g.keys(table)
        for column in g.columns(table):
            ordinals = [k for k in keys if ORDINAL.match(k)]
            groups = [k for k in keys if k.endswith("/小计")]
            for key in keys:
                if key in ("合计", "总计", "收入总计", "支出总计"):
                    if ordinals:
                        check(
                            f"{table} {key} = Σ一、二、… [{column}]",
                            [g.get(table, key, column)],
                            [g.get(table, k, column) for k in ordinals],
                        )
                    if groups:
                        check(f"{table} {key} = Σ小计 [{column}]", [g.get(table, key, column)], [g.get(table, k, column) for k in groups])
            for group in groups:
                prefix = group.removesuffix("小计")
                items = [k for k in keys if k.startswith(prefix) and k != group and not k[len(prefix) :].startswith("其中")]
                check(
                    f"{table} {group} = Σ{'/'.join(items)} [{column}]",
                    [g.get(table, group, column)],
                    [g.get(table, k, column) for k in items],
                )

    # ---- 政府采购 (B13): under each 一、… line, groups (专项名称/经济科目) each followed by their items;
    # the table prints no level, so the rows are split greedily: a group takes the following rows until
    # they add up to it. The line = Σ its groups, and every group must be closed by its items.
    if "B13" in g.tables():
        keys = g.keys("B13")
        column = g.columns("B13")[0]
        starts = [i for i, k in enumerate(keys) if ORDINAL.match(k)]
        for n, start in enumerate(starts):
            section = keys[start + 1 : starts[n + 1] if n + 1 < len(starts) else len(keys)]
            groups: list[Decimal | None] = []
            index = 0
            while index < len(section):
                group = g.get("B13", section[index], column)
                groups.append(group)
                items: Terms = []
                index += 1
                while index < len(section) and not agrees(total(items), total([group])):
                    items.append(g.get("B13", section[index], column))
                    index += 1
                check(f"B13 {section[index - len(items) - 1]} = Σ其后各品目 [{column}]", [group], items)
            check(f"B13 {keys[start]} = Σ专项 [{column}]", [g.get("B13", keys[start], column)], groups)

    # ---- summary tables: each side adds up, and the sides agree
    for table in SUMMARY:
        if table not in g.tables():
            continue
        grand: dict[str, Decimal | None] = {}
        for side in ("income", "expenditure", "functional", "purpose"):
            keys = g.keys(table, side)
            if not keys:
                continue
            columns = g.columns(table, side)
            ordinals = [k for k in keys if ORDINAL.match(k)]
            for column in columns:
                for index, key in enumerate(keys):  # 一、… = Σ its 1.… lines
                    if not ORDINAL.match(key):
                        continue
                    subs = []
                    for later in keys[index + 1 :]:
                        if not SUB_LINE.match(later):
                            break
                        subs.append(later)
                    if subs:
                        check(
                            f"{table} {key} = Σ{'/'.join(subs)} [{column}]",
                            [g.get(table, key, column, side)],
                            [g.get(table, s, column, side) for s in subs],
                        )
            first = columns[0]
            ordinal_sum = [g.get(table, k, first, side) for k in ordinals]
            subtotal = _summary_total(g, table, side, SUBTOTALS)
            whole = _summary_total(g, table, side, GRAND_TOTALS)
            carried = [
                g.get(table, k, first, side)
                for k in keys
                if not ORDINAL.match(k) and not SUB_LINE.match(k) and k not in SUBTOTALS + GRAND_TOTALS
            ]
            if subtotal is not None:
                check(f"{table} {side} 小计 = Σ一、二、…", [subtotal], ordinal_sum)
                check(f"{table} {side} 合计 = 小计 + 结转", [whole], [subtotal, *carried])
            else:
                check(f"{table} {side} 总计 = Σ一、二、…", [whole], ordinal_sum)
            for column in columns[1:]:  # further columns of a side (Putuo 人员经费, 公用经费 …)
                totals = [k for k in keys if k in SUBTOTALS + GRAND_TOTALS and column in g.row(table, k, side)]
                for key in totals:
                    check(
                        f"{table} {side} {key} = Σ一、二、… [{column}]",
                        [g.get(table, key, column, side)],
                        [g.get(table, k, column, side) for k in ordinals],
                    )
            grand[side] = whole
        expenditure = [s for s in ("expenditure", "functional", "purpose") if s in grand]
        for side in expenditure:
            check(f"{table} 收入合计 = 支出合计 ({side})", [grand.get("income")], [grand[side]])

    # ---- across tables
    def table_total(table: str) -> Decimal | None:
        """A table's 合计/总计 row (or its single unlabelled row) in its first column."""
        if table not in g.tables():
            return None
        first = g.columns(table)[0]
        for key in g.keys(table):
            if key in ("合计", "总计", "收入总计", "支出总计", ""):
                return g.get(table, key, first)
        return None

    def line(table: str, side: str, pattern: str) -> Decimal | None:
        for key in g.keys(table, side):
            if re.fullmatch(pattern, key):
                columns = g.columns(table, side)
                return g.get(table, key, columns[0], side)
        return None

    def pair(label: str, left: tuple[str, Decimal | None], right: tuple[str, Decimal | None]) -> None:
        if left[1] is not None or right[1] is not None:
            check(label, [left[1]], [right[1]], scale(left[0]), scale(right[0]))

    if "B1" in g.tables():
        b1_income = _summary_total(g, "B1", "income", GRAND_TOTALS)
        b1_expenditure = next(
            (v for s in ("expenditure", "purpose", "functional") if (v := _summary_total(g, "B1", s, GRAND_TOTALS)) is not None), None
        )
        if "B2" in g.tables():
            pair("B2 合计 = B1 收入合计", ("B2", table_total("B2")), ("B1", b1_income))
        if "B3" in g.tables():
            pair("B3 合计 = B1 支出合计", ("B3", table_total("B3")), ("B1", b1_expenditure))
        if "B4" in g.tables():
            pair(
                "B4 收入合计 = B1 财政拨款",
                ("B4", _summary_total(g, "B4", "income", GRAND_TOTALS)),
                ("B1", line("B1", "income", r"一、财政拨款.*")),
            )
    if "B4" in g.tables():
        b4_general = line("B4", "income", r"一、一般公共预算.*")
        if "B7" in g.tables():
            pair("B7 合计 = B4 一般公共预算", ("B7", table_total("B7")), ("B4", b4_general))
        if "B6" in g.tables():
            pair("B6 合计 = B4 基本支出", ("B6", table_total("B6")), ("B4", line("B4", "purpose", r"一、基本支出")))
        if "B5" in g.tables():
            pair("B5 合计 = B4 支出合计", ("B5", table_total("B5")), ("B4", _summary_total(g, "B4", "purpose", GRAND_TOTALS)))
    if "B7" in g.tables() and "B8" in g.tables():
        basic = next((c for c in g.columns("B7") if _label(c) == "基本支出"), None)
        if basic is not None:
            pair(
                "B8 合计 = B7 基本支出",
                ("B8", table_total("B8")),
                ("B7", next((g.get("B7", k, basic) for k in g.keys("B7") if _is_total_name(k)), None)),
            )
    if "B5" in g.tables():  # per code, 财政拨款 = 一般公共预算 + 政府性基金 + 国有资本经营
        funds = [t for t in ("B7", "B10", "B11") if t in g.tables()]
        codes = dict.fromkeys(k for t in ("B5", *funds) for k in g.keys(t) if k.isdigit() or _is_total_name(k))
        first = {t: g.columns(t)[0] for t in ("B5", *funds)}
        for code in codes:
            check(f"B5 {code} = {'+'.join(funds)}", [g.get("B5", code, first["B5"])], [g.get(t, code, first[t]) for t in funds])
    if administrative and "B9" in g.tables() and "B8" in g.tables():  # 机关运行经费 (万元) = B8 公用经费 合计 (元)
        running = next((c for c in g.columns("B9") if "机关运行经费" in _label(c)), None)
        public = next((c for c in g.columns("B8") if _label(c) == "公用经费"), None)
        if running is not None and public is not None:
            pair(
                "B9 机关运行经费 = B8 公用经费合计",
                ("B9", g.get("B9", "", running)),
                ("B8", next((g.get("B8", k, public) for k in g.keys("B8") if _is_total_name(k)), None)),
            )
    for summary, side, coded in (("B1", "expenditure", "B3"), ("B1", "functional", "B3"), ("B4", "expenditure", "B7")):
        if summary not in g.tables() or coded not in g.tables() or not g.keys(summary, side):
            continue
        summary_column = g.columns(summary, side)[0]
        coded_column = g.columns(coded)[0]
        if summary == "B4":  # the 一般公共预算 column of B4
            summary_column = next((c for c in g.columns("B4", side) if _label(c).startswith("一般公共预算")), summary_column)
        lines = {ORDINAL.sub("", k): g.get(summary, k, summary_column, side) for k in g.keys(summary, side) if ORDINAL.match(k)}
        classes = {g.names[(coded, "", k)]: g.get(coded, k, coded_column) for k in g.keys(coded) if k.isdigit() and len(k) == 3}
        for name in lines.keys() & classes.keys():
            check(f"{summary} {name} = {coded} 类", [lines[name]], [classes[name]])
    return broken


if __name__ == "__main__":  # pragma: no cover
    import sys

    for message in verify(load(Path(sys.argv[1]))) or ["all identities hold"]:
        print(message)
