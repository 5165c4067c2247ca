"""An independent statement of the DOMAIN.md §3 hard identities over a hand-made gold cells CSV
of the Shanghai 2024 决算 layout (no 表N numbers, no 行次, no 栏次).

Deliberately stdlib only and sharing no code with juesuan (nor with tests/identities.py, which
states the same identities for the 行次-numbered Guangdong layout).

Input: the rows of a ``*.cells.csv`` file (``table,row,name,column,amount,page``) in file order.
Rows are identified by their subject code where they have one, otherwise by their printed name
(合计, 人员经费合计, every T1/T4 line).  T1/T4 lines are told apart by side through the column
path prefix (``收入/…`` = income, ``支出/…`` = expenditure).  T1/T4 类 rows are matched to T3/T5/T7/T8
类 rows by their name without the ordinal (``十一、城乡社区支出`` ↔ 212 ``城乡社区支出``).

A blank cell is not listed in the gold and counts as an exact 0.  A printed value with d decimals is
the interval ±0.5·10⁻ᵈ around it; a sum sums the intervals; an identity holds when the intervals of
both sides intersect, boundaries included.

T4 prints the income labels 一、一般公共预算财政拨款 / 二、… / 三、… twice: first as 本年 income
(the first three printed lines, shared with 一、二、三 of the expenditure side), then again as the split
of 年初财政拨款结转和结余.  A T4 income cell with one of those names belongs to the split once any T4
cell of a later printed line (any row other than those of the first three lines) has been seen
before it in file order, or when the same (name, column) was already seen.
"""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from collections.abc import Iterable, Mapping
from decimal import Decimal
from pathlib import Path

Interval = tuple[Decimal, Decimal]
ZERO = Decimal(0)

ORDINAL = re.compile(r"^[一二三四五六七八九十]+、")

T1_INCOME = [
    "一、一般公共预算财政拨款收入",
    "二、政府性基金预算财政拨款收入",
    "三、国有资本经营预算财政拨款收入",
    "四、上级补助收入",
    "五、事业收入",
    "六、经营收入",
    "七、附属单位上缴收入",
    "八、其他收入",
]
T1_INCOME_TOTAL, T1_EXP_TOTAL = "本年收入合计", "本年支出合计"
T2_PARTS = ["财政拨款收入", "上级补助收入", "事业收入", "经营收入", "附属单位上缴收入", "其他收入"]
T3_PARTS = ["基本支出", "项目支出", "上缴上级支出", "经营支出", "对附属单位补助支出"]

T4_FUND_INCOME = ["一、一般公共预算财政拨款", "二、政府性基金预算财政拨款", "三、国有资本经营预算财政拨款"]
T4_FIRST_LINES_EXP = ["一、一般公共服务支出", "二、外交支出", "三、国防支出"]
T4_OPENING, T4_CLOSING = "年初财政拨款结转和结余", "年末财政拨款结转和结余"
T4_FUNDS = ["支出/一般公共预算财政拨款", "支出/政府性基金预算财政拨款", "支出/国有资本经营预算财政拨款"]
T4_TOTAL_COLUMN = "支出/合计"

T78_TOTAL, T78_BASIC, T78_PROJECT = "本年支出/合计", "本年支出/基本支出", "本年支出/项目支出"
T78_OPENING, T78_INCOME, T78_CLOSING = "年初结转和结余", "本年收入", "年末结转和结余"

T6_PERSONNEL, T6_PUBLIC = "人员经费/决算数", "公用经费/决算数"


def load(path: Path) -> list[dict[str, str]]:
    """The gold cells, in file order."""
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def interval(value: Decimal) -> Interval:
    exponent = value.as_tuple().exponent
    if not isinstance(exponent, int):
        raise ValueError(f"not a finite amount: {value}")
    half = Decimal(5).scaleb(exponent - 1)  # 0.005 for 2 decimals, 0.5 for an integer
    return value - half, value + half


def total(terms: list[tuple[int, Decimal | None]]) -> Interval:
    """Σ sign·value over intervals; None is a blank cell (exact 0)."""
    low = high = ZERO
    for sign, value in terms:
        if value is None:
            continue
        a, b = interval(value)
        if sign > 0:
            low, high = low + a, high + b
        else:
            low, high = low - b, high - a
    return low, high


def agrees(left: Interval, right: Interval) -> bool:
    return left[0] <= right[1] and right[0] <= left[1]


def side_of(column: str) -> str:
    return "income" if column.startswith("收入/") else "expenditure"


class Gold:
    """(table, key) → {column: amount}; key = code, else name (T1/T4: side:name)."""

    def __init__(self, cells: Iterable[Mapping[str, object]]) -> None:
        self.values: dict[tuple[str, str], dict[str, Decimal]] = defaultdict(dict)
        self.names: dict[tuple[str, str], str] = {}
        self.order: dict[str, list[str]] = defaultdict(list)
        t4_late = False
        t4_seen: set[tuple[str, str]] = set()
        first_lines = {f"income:{n}" for n in T4_FUND_INCOME} | {f"expenditure:{n}" for n in T4_FIRST_LINES_EXP}
        for cell in cells:
            table, row, name, column = (str(cell[k] or "") for k in ("table", "row", "name", "column"))
            amount = Decimal(str(cell["amount"]))
            if table in ("T1", "T4"):
                key = f"{side_of(column)}:{name}"
                if table == "T4":
                    if key not in first_lines:
                        t4_late = True
                    elif name in T4_FUND_INCOME and (t4_late or (key, column) in t4_seen):
                        key = f"opening:{name}"
                    t4_seen.add((key, column))
            else:
                key = row or name
            if column in self.values[(table, key)]:
                raise ValueError(f"duplicate gold cell {table} {key} {column}")
            self.values[(table, key)][column] = amount
            self.names[(table, key)] = name
            if key not in self.order[table]:
                self.order[table].append(key)

    def get(self, table: str, key: str, column: str) -> Decimal | None:
        return self.values.get((table, key), {}).get(column)

    def keys(self, table: str) -> list[str]:
        return list(self.order.get(table, []))

    def columns(self, table: str) -> list[str]:
        seen: list[str] = []
        for key in self.keys(table):
            for column in self.values[(table, key)]:
                if column not in seen:
                    seen.append(column)
        return seen

    def classes(self, table: str, column: str) -> dict[str, Decimal | None]:
        """类 rows by name without ordinal: T1/T4 expenditure lines, or the 3-digit rows of coded tables."""
        out: dict[str, Decimal | None] = {}
        for key in self.keys(table):
            if table in ("T1", "T4"):
                if key.startswith("expenditure:") and ORDINAL.match(key.split(":", 1)[1]):
                    out[ORDINAL.sub("", key.split(":", 1)[1])] = self.get(table, key, column)
            elif key.isdigit() and len(key) == 3:
                out[self.names[(table, key)]] = self.get(table, key, column)
        return out


def _show(value: Decimal | None) -> str:
    return "blank" if value is None else str(value)


def verify(cells: Iterable[Mapping[str, object]]) -> list[str]:
    """Every broken identity, as a readable line; empty when all hold."""
    g = Gold(cells)
    broken: list[str] = []

    def check(label: str, left: list[tuple[int, Decimal | None]], right: list[tuple[int, Decimal | None]]) -> None:
        if not agrees(total(left), total(right)):

            def text(terms: list[tuple[int, Decimal | None]]) -> str:
                parts = [("+ " if s > 0 else "- ") + _show(v) for s, v in terms]
                return " ".join(parts).removeprefix("+ ") or "0"

            lsum = sum((s * (v or ZERO) for s, v in left), ZERO)
            rsum = sum((s * (v or ZERO) for s, v in right), ZERO)
            broken.append(f"{label}: {text(left)} (= {lsum}) vs {text(right)} (= {rsum})")

    def plus(*values: Decimal | None) -> list[tuple[int, Decimal | None]]:
        return [(1, v) for v in values]

    # ---- 表1 收入支出决算总表
    t1i = lambda name: g.get("T1", f"income:{name}", "收入/决算数")  # noqa: E731
    t1e = lambda name: g.get("T1", f"expenditure:{name}", "支出/决算数")  # noqa: E731
    non_fiscal = next((k.split(":", 1)[1] for k in g.keys("T1") if k.startswith("income:使用非财政拨款结余")), "使用非财政拨款结余")
    t1_classes = g.classes("T1", "支出/决算数")
    check("T1 本年收入合计 = Σ收入一..八", plus(t1i(T1_INCOME_TOTAL)), plus(*[t1i(n) for n in T1_INCOME]))
    check(
        "T1 收入总计 = 本年收入合计 + 使用非财政拨款结余 + 年初结转和结余",
        plus(t1i("总计")),
        plus(t1i(T1_INCOME_TOTAL), t1i(non_fiscal), t1i("年初结转和结余")),
    )
    check("T1 本年支出合计 = Σ支出类", plus(t1e(T1_EXP_TOTAL)), plus(*t1_classes.values()))
    check(
        "T1 支出总计 = 本年支出合计 + 结余分配 + 年末结转和结余",
        plus(t1e("总计")),
        plus(t1e(T1_EXP_TOTAL), t1e("结余分配"), t1e("年末结转和结余")),
    )
    check("T1 收入总计 = 支出总计", plus(t1i("总计")), plus(t1e("总计")))

    # ---- row-wise sums of 表2/3/5/7/8
    row_sums = {
        "T2": ("本年收入合计", T2_PARTS),
        "T3": ("本年支出合计", T3_PARTS),
        "T5": ("合计", ["基本支出", "项目支出"]),
        "T7": (T78_TOTAL, [T78_BASIC, T78_PROJECT]),
        "T8": (T78_TOTAL, [T78_BASIC, T78_PROJECT]),
    }
    for table, (whole, parts) in row_sums.items():
        for key in g.keys(table):
            check(
                f"{table} {key} 行内 {whole} = Σ{'+'.join(parts)}",
                plus(g.get(table, key, whole)),
                plus(*[g.get(table, key, p) for p in parts]),
            )
    for table in ("T7", "T8"):
        for key in g.keys(table):
            check(
                f"{table} {key} 年末 = 年初 + 本年收入 - 本年支出",
                plus(g.get(table, key, T78_CLOSING)),
                [(1, g.get(table, key, T78_OPENING)), (1, g.get(table, key, T78_INCOME)), (-1, g.get(table, key, T78_TOTAL))],
            )

    # ---- hierarchy 合计 = Σ类, 类 = Σ款, 款 = Σ项 (every column of the table)
    for table in ("T2", "T3", "T5", "T7", "T8"):
        coded = [k for k in g.keys(table) if k.isdigit()]
        for column in g.columns(table):
            check(
                f"{table} 合计 = Σ类 [{column}]",
                plus(g.get(table, "合计", column)),
                plus(*[g.get(table, k, column) for k in coded if len(k) == 3]),
            )
            for parent in coded:
                children = [k for k in coded if len(k) == len(parent) + 2 and k.startswith(parent)]
                if children:
                    check(
                        f"{table} {parent} = Σ{'/'.join(children)} [{column}]",
                        plus(g.get(table, parent, column)),
                        plus(*[g.get(table, k, column) for k in children]),
                    )

    # ---- 表2/表3 against 表1
    check("T2 合计 本年收入合计 = T1 本年收入合计", plus(g.get("T2", "合计", "本年收入合计")), plus(t1i(T1_INCOME_TOTAL)))
    check("T2 合计 财政拨款收入 = T1 收入一+二+三", plus(g.get("T2", "合计", "财政拨款收入")), plus(*[t1i(n) for n in T1_INCOME[:3]]))
    for column, name in zip(T2_PARTS[1:], T1_INCOME[3:]):
        check(f"T2 合计 {column} = T1 {name}", plus(g.get("T2", "合计", column)), plus(t1i(name)))
    check("T3 合计 本年支出合计 = T1 本年支出合计", plus(g.get("T3", "合计", "本年支出合计")), plus(t1e(T1_EXP_TOTAL)))
    t3_classes = g.classes("T3", "本年支出合计")
    for name in dict.fromkeys([*t3_classes, *t1_classes]):
        check(f"T3 类 {name} = T1 支出类", plus(t3_classes.get(name)), plus(t1_classes.get(name)))

    # ---- 表4 财政拨款收入支出决算总表
    t4i = lambda name: g.get("T4", f"income:{name}", "收入/决算数")  # noqa: E731
    t4o = lambda name: g.get("T4", f"opening:{name}", "收入/决算数")  # noqa: E731
    t4e = lambda name, column: g.get("T4", f"expenditure:{name}", column)  # noqa: E731
    check("T4 本年收入合计 = 一+二+三", plus(t4i(T1_INCOME_TOTAL)), plus(*[t4i(n) for n in T4_FUND_INCOME]))
    check(f"T4 {T4_OPENING} = 一+二+三", plus(t4i(T4_OPENING)), plus(*[t4o(n) for n in T4_FUND_INCOME]))
    check(f"T4 收入总计 = 本年收入合计 + {T4_OPENING}", plus(t4i("总计")), plus(t4i(T1_INCOME_TOTAL), t4i(T4_OPENING)))
    check("T4 收入总计 = 支出总计 合计", plus(t4i("总计")), plus(t4e("总计", T4_TOTAL_COLUMN)))
    for key in g.keys("T4"):
        if key.startswith("expenditure:"):
            name = key.split(":", 1)[1]
            check(f"T4 {name} 合计 = Σ三类财政拨款", plus(t4e(name, T4_TOTAL_COLUMN)), plus(*[t4e(name, f) for f in T4_FUNDS]))
    for column in [T4_TOTAL_COLUMN, *T4_FUNDS]:
        check(f"T4 本年支出合计 = Σ类 [{column}]", plus(t4e(T1_EXP_TOTAL, column)), plus(*g.classes("T4", column).values()))
        check(
            f"T4 支出总计 = 本年支出合计 + {T4_CLOSING} [{column}]",
            plus(t4e("总计", column)),
            plus(t4e(T1_EXP_TOTAL, column), t4e(T4_CLOSING, column)),
        )
    for fund, income in zip(T4_FUNDS, T4_FUND_INCOME):
        check(
            f"T4 {income}: 年初 + 收入 = 支出 + 年末", plus(t4o(income), t4i(income)), plus(t4e(T1_EXP_TOTAL, fund), t4e(T4_CLOSING, fund))
        )
    for t4name, t1name in zip(T4_FUND_INCOME, T1_INCOME[:3]):
        check(f"T4 {t4name} = T1 {t1name}", plus(t4i(t4name)), plus(t1i(t1name)))

    # ---- 表4 fund columns against 表5 / 表7 / 表8
    for table, fund, column in (("T5", T4_FUNDS[0], "合计"), ("T7", T4_FUNDS[1], T78_TOTAL), ("T8", T4_FUNDS[2], T78_TOTAL)):
        mine, theirs = g.classes(table, column), g.classes("T4", fund)
        for name in dict.fromkeys([*mine, *theirs]):
            check(f"{table} 类 {name} = T4 {fund}", plus(mine.get(name)), plus(theirs.get(name)))
        check(f"{table} 合计 {column} = T4 本年支出合计 {fund}", plus(g.get(table, "合计", column)), plus(t4e(T1_EXP_TOTAL, fund)))
    for table, income, fund in (("T7", T4_FUND_INCOME[1], T4_FUNDS[1]), ("T8", T4_FUND_INCOME[2], T4_FUNDS[2])):
        check(f"{table} 合计 年初 = T4 年初 {income}", plus(g.get(table, "合计", T78_OPENING)), plus(t4o(income)))
        check(f"{table} 合计 本年收入 = T4 {income}", plus(g.get(table, "合计", T78_INCOME)), plus(t4i(income)))
        check(f"{table} 合计 年末 = T4 {T4_CLOSING} {fund}", plus(g.get(table, "合计", T78_CLOSING)), plus(t4e(T4_CLOSING, fund)))

    # ---- 表5 ↔ 表6, 表6 roll-ups
    personnel_total = g.get("T6", "人员经费合计", T6_PERSONNEL)
    public_total = g.get("T6", "公用经费合计", T6_PUBLIC)
    check("T5 合计 基本支出 = T6 人员经费合计 + 公用经费合计", plus(g.get("T5", "合计", "基本支出")), plus(personnel_total, public_total))
    t6_codes = [k for k in g.keys("T6") if k.isdigit()]
    for side, column, whole in (("人员经费", T6_PERSONNEL, personnel_total), ("公用经费", T6_PUBLIC, public_total)):
        classes = [k for k in t6_codes if len(k) == 3 and column in g.values[("T6", k)]]
        check(f"T6 {side}合计 = Σ{'+'.join(classes)}", plus(whole), plus(*[g.get("T6", k, column) for k in classes]))
    for parent in [k for k in t6_codes if len(k) == 3]:
        column = next(iter(g.values[("T6", parent)]))
        kids = [k for k in t6_codes if len(k) == 5 and k.startswith(parent)]
        check(f"T6 {parent} = Σ款", plus(g.get("T6", parent, column)), plus(*[g.get("T6", k, column) for k in kids]))
    for key in t6_codes:  # a subject sits on its own side: 301/303 人员经费, the rest 公用经费
        expected = T6_PERSONNEL if key[:3] in ("301", "303") else T6_PUBLIC
        for column in g.values[("T6", key)]:
            if column != expected:
                broken.append(f"T6 {key}: printed under {column}, expected {expected}")

    # ---- 表9 “三公”经费
    t9_columns = g.columns("T9")

    def t9(kind: str, *path: str) -> Decimal | None:
        suffix = "/".join([*path, kind])
        hits = [c for c in t9_columns if c == suffix or c.endswith("/" + suffix)]
        return g.get("T9", "", hits[0]) if hits else None

    car = "公务用车购置及运行维护费"
    for kind in ("预算数", "决算数"):
        check(
            f"T9 {kind} 合计 = 因公出国（境）费 + 公务用车小计 + 公务接待费",
            plus(t9(kind, "合计")),
            plus(t9(kind, "因公出国（境）费"), t9(kind, car, "小计"), t9(kind, "公务接待费")),
        )
        check(
            f"T9 {kind} 公务用车小计 = 购置费 + 运行维护费",
            plus(t9(kind, car, "小计")),
            plus(t9(kind, car, "公务用车购置费"), t9(kind, car, "公务用车运行维护费")),
        )
    return broken


if __name__ == "__main__":  # pragma: no cover
    import sys

    for line in verify(load(Path(sys.argv[1]))) or ["all identities hold"]:
        print(line)
