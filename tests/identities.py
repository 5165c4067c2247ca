"""An independent statement of the DOMAIN.md §3 hard identities over tidy CSV rows.

Used to verify the golden files: a golden file copied from wrong reader output
fails here. Written against the 2023–2024 template (行次 as printed in the corpus),
deliberately sharing no code with juesuan's own checks.
"""

from __future__ import annotations

import csv
from collections import defaultdict
from decimal import Decimal
from pathlib import Path

Interval = tuple[Decimal, Decimal]


def load(path: Path) -> dict[tuple[str, str, str, str], Decimal]:
    """(table, row, name, column) → amount."""
    with path.open(encoding="utf-8", newline="") as handle:
        return {(r["table"], r["row"], r["name"], r["column"]): Decimal(r["amount"]) for r in csv.DictReader(handle)}


def interval(value: Decimal) -> Interval:
    exponent = value.as_tuple().exponent
    half = Decimal(5).scaleb(exponent - 1) if isinstance(exponent, int) and exponent < 0 else Decimal("0.5")
    return value - half, value + half


def total(values: list[Decimal], signs: list[int] | None = None) -> Interval:
    low = high = Decimal(0)
    for value, sign in zip(values, signs or [1] * len(values)):
        a, b = interval(value)
        if sign > 0:
            low, high = low + a, high + b
        else:
            low, high = low - b, high - a
    return low, high


def agrees(left: Interval, right: Interval) -> bool:
    return left[0] <= right[1] and right[0] <= left[1]


class Cells:
    def __init__(self, data: dict[tuple[str, str, str, str], Decimal]) -> None:
        self.data = data
        self.by_row: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
        self.names: dict[tuple[str, str], str] = {}
        for (table, row, name, column), value in data.items():
            key = (table, row or name)
            self.by_row[key][column] = value
            self.names[key] = name

    def get(self, table: str, row: str, column: str) -> Decimal:
        return self.by_row[(table, row)].get(column, Decimal("0.00"))

    def rows(self, table: str) -> list[str]:
        return [row for (t, row) in self.by_row if t == table]


def verify(data: dict[tuple[str, str, str, str], Decimal]) -> list[str]:
    """Every broken identity, as a readable line; empty when all hold."""
    c = Cells(data)
    broken: list[str] = []

    def check(label: str, left: list[Decimal], right: list[Decimal], right_signs: list[int] | None = None) -> None:
        if not agrees(total(left), total(right, right_signs)):
            broken.append(f"{label}: {sum(left)} vs {right}")

    t1 = lambda r: c.get("T1", str(r), "收入/决算数" if r <= 30 else "支出/决算数")  # noqa: E731
    check("T1 R27", [t1(27)], [t1(r) for r in range(1, 9)])
    check("T1 R30", [t1(30)], [t1(27), t1(28), t1(29)])
    check("T1 R57", [t1(57)], [t1(r) for r in range(31, 57)])
    check("T1 R60", [t1(60)], [t1(57), t1(58), t1(59)])
    check("T1 R30=R60", [t1(30)], [t1(60)])

    row_sums = {
        "T2": ("本年收入合计", ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]),
        "T3": ("本年支出合计", ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]),
        "T5": ("本年支出合计", ["基本支出", "项目支出"]),
        "T8": ("本年支出/小计", ["本年支出/基本支出", "本年支出/项目支出"]),
        "T7": ("本年支出/小计", ["本年支出/基本支出", "本年支出/项目支出"]),
    }
    for table, (whole, parts) in row_sums.items():
        for row in c.rows(table):
            check(f"{table} {row} 行内", [c.get(table, row, whole)], [c.get(table, row, p) for p in parts])
    for row in c.rows("T7"):
        g = lambda col, row=row: c.get("T7", row, col)  # noqa: E731
        check(f"T7 {row} 年末", [g("年末结转和结余")], [g("年初结转和结余"), g("本年收入"), g("本年支出/小计")], [1, 1, -1])

    for table in ("T2", "T3", "T5", "T7", "T8"):
        rows = c.rows(table)
        columns = {col for row in rows for col in c.by_row[(table, row)]}
        coded = [r for r in rows if r.isdigit()]
        for column in columns:
            check(f"{table} 合计 {column}", [c.get(table, "合计", column)], [c.get(table, r, column) for r in coded if len(r) == 3])
            for parent in coded:
                children = [r for r in coded if len(r) == len(parent) + 2 and r.startswith(parent)]
                if children:
                    check(f"{table} {parent} {column}", [c.get(table, parent, column)], [c.get(table, r, column) for r in children])

    # 表2/表3 against 表1
    check("T2 合计=T1 R27", [c.get("T2", "合计", "本年收入合计")], [t1(27)])
    check("T2 财政拨款=T1 R1..3", [c.get("T2", "合计", "财政拨款收入")], [t1(1), t1(2), t1(3)])
    for column, r in zip(["上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"], range(4, 9)):
        check(f"T2 {column}=T1 R{r}", [c.get("T2", "合计", column)], [t1(r)])
    check("T3 合计=T1 R57", [c.get("T3", "合计", "本年支出合计")], [t1(57)])
    class_rows = {c.names[("T1", str(r))].split("、", 1)[-1]: r for r in range(31, 57)}
    for row in c.rows("T3"):
        if len(row) == 3:
            check(f"T3 {row}=T1", [c.get("T3", row, "本年支出合计")], [t1(class_rows[c.names[("T3", row)]])])

    # 表4
    t4 = lambda r, col="收入/金额": c.get("T4", str(r), col)  # noqa: E731
    funds = ["支出/一般公共预算财政拨款", "支出/政府性基金预算财政拨款", "支出/国有资本经营预算财政拨款"]
    check("T4 R27", [t4(27)], [t4(1), t4(2), t4(3)])
    check("T4 R28", [t4(28)], [t4(29), t4(30), t4(31)])
    check("T4 R32", [t4(32)], [t4(27), t4(28)])
    check("T4 R32=R64", [t4(32)], [t4(64, "支出/合计")])
    for r in list(range(33, 61)) + [64]:
        check(f"T4 R{r} 合计", [t4(r, "支出/合计")], [t4(r, f) for f in funds])
    for column in ["支出/合计"] + funds:
        check(f"T4 R59 {column}", [t4(59, column)], [t4(r, column) for r in range(33, 59)])
    for r in (1, 2, 3):
        check(f"T4 R{r}=T1 R{r}", [t4(r)], [t1(r)])
    for fund, (income, opening) in zip(funds, [(1, 29), (2, 30), (3, 31)]):
        check(f"T4 {fund} 年初+收入=支出+年末", [t4(opening), t4(income)], [t4(59, fund), t4(60, fund)])
    t4_class = {c.names[("T4", str(r))].split("、", 1)[-1]: r for r in range(33, 59)}
    for row in c.rows("T5"):
        if len(row) == 3:
            check(f"T5 {row}=T4 一般公共预算", [c.get("T5", row, "本年支出合计")], [t4(t4_class[c.names[("T5", row)]], funds[0])])
    for row in c.rows("T7"):
        if len(row) == 3:
            check(f"T7 {row}=T4 政府性基金", [c.get("T7", row, "本年支出/小计")], [t4(t4_class[c.names[("T7", row)]], funds[1])])
    check("T7 年初=T4 R30", [c.get("T7", "合计", "年初结转和结余")], [t4(30)])
    check("T7 本年收入=T4 R2", [c.get("T7", "合计", "本年收入")], [t4(2)])
    check("T7 年末=T4 R60", [c.get("T7", "合计", "年末结转和结余")], [t4(60, funds[1])])
    check("T8 合计=T4 R59", [c.get("T8", "合计", "本年支出/小计")], [t4(59, funds[2])])

    # 表5 ↔ 表6, 表6 roll-ups
    personnel, public = "人员经费/金额", "公用经费/金额"
    t6 = lambda row, col: c.get("T6", row, col)  # noqa: E731
    check("T5 基本=T6 合计", [c.get("T5", "合计", "基本支出")], [t6("人员经费合计", personnel), t6("公用经费合计", public)])
    check("T6 人员经费合计", [t6("人员经费合计", personnel)], [t6("301", personnel), t6("303", personnel)])
    check("T6 公用经费合计", [t6("公用经费合计", public)], [t6(k, public) for k in ("302", "307", "310", "399")])
    for row in c.rows("T6"):
        if len(row) == 3:
            column = personnel if row in ("301", "303") else public
            kids = [r for r in c.rows("T6") if len(r) == 5 and r.startswith(row)]
            check(f"T6 {row}", [t6(row, column)], [t6(r, column) for r in kids])

    # 表9
    for side in ("预算数", "决算数"):
        g = lambda col, side=side: c.get("T9", "", f"{side}/{col}")  # noqa: E731
        car = "公务用车购置及运行维护费"
        check(f"T9 {side} 合计", [g("合计")], [g("因公出国（境）费"), g(f"{car}/小计"), g("公务接待费")])
        check(f"T9 {side} 小计", [g(f"{car}/小计")], [g(f"{car}/公务用车购置费"), g(f"{car}/公务用车运行维护费")])
    return broken
