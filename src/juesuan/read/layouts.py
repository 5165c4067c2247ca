"""Column layouts of the nine tables, and matching a printed header to one of them.

A layout lists the value columns as (printed path, role, side). The printed header of
extracted text is a jumble of wrapped labels; a layout fits when each of its labels
occurs in the header as often as the layout uses it, its top-level labels appear in
the layout's order, and its column count equals the printed 栏次 count. Of the
layouts that fit, the most specific (longest labels) wins. The roles are the names
the checks use, the same for every layout of a table.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass

from ..model import Column


@dataclass(frozen=True, slots=True)
class Layout:
    kind: str
    columns: tuple[Column, ...]
    grammar: str  # 'coded' | 'two_sided' | 'economic' | 'single'

    def side(self, side: str) -> tuple[Column, ...]:
        return tuple(column for column in self.columns if column.side == side)


def _columns(spec: str, side: str = "") -> tuple[Column, ...]:
    """'path:role; path:role' → columns."""
    out = []
    for item in spec.split(";"):
        path, role = item.strip().rsplit(":", 1)
        out.append(Column(key=path.strip(), role=role.strip(), side=side))
    return tuple(out)


def _sangong(order: tuple[str, str]) -> tuple[Column, ...]:
    prefix = {"预算数": "budget", "决算数": "final"}
    columns: list[Column] = []
    for parent in order:
        p = prefix[parent]
        columns += _columns(
            f"{parent}/合计:{p}_total; {parent}/因公出国（境）费:{p}_abroad;"
            f" {parent}/公务用车购置及运行维护费/小计:{p}_vehicle;"
            f" {parent}/公务用车购置及运行维护费/公务用车购置费:{p}_vehicle_purchase;"
            f" {parent}/公务用车购置及运行维护费/公务用车运行维护费:{p}_vehicle_operation;"
            f" {parent}/公务接待费:{p}_reception"
        )
    return tuple(columns)


_T4_INCOME = _columns("收入/金额:amount", "income")
_SPENDING = "基本支出:basic; 项目支出:project"

LAYOUTS: dict[str, tuple[Layout, ...]] = {
    "T1": (
        Layout("T1", _columns("收入/决算数:amount", "income") + _columns("支出/决算数:amount", "expenditure"), "two_sided"),
        Layout("T1", _columns("收入/金额:amount", "income") + _columns("支出/金额:amount", "expenditure"), "two_sided"),
    ),
    "T2": (
        Layout(
            "T2",
            _columns(
                "本年收入合计:total; 财政拨款收入:fiscal; 上级补助收入:superior; 事业收入:business;"
                " 经营收入:operating; 附属单位上缴收入:affiliated; 其他收入:other"
            ),
            "coded",
        ),
    ),
    "T3": (
        Layout(
            "T3",
            _columns(
                "本年支出合计:total; 基本支出:basic; 项目支出:project; 上缴上级支出:remit;"
                " 经营支出:operating; 对附属单位补助支出:subsidy"
            ),
            "coded",
        ),
    ),
    "T4": (
        Layout(
            "T4",
            _T4_INCOME
            + _columns(
                "支出/合计:total; 支出/一般公共预算财政拨款:general; 支出/政府性基金预算财政拨款:fund;"
                " 支出/国有资本经营预算财政拨款:capital",
                "expenditure",
            ),
            "two_sided",
        ),
        Layout(
            "T4",
            _T4_INCOME + _columns("支出/合计:total; 支出/一般公共预算财政拨款:general; 支出/政府性基金预算财政拨款:fund", "expenditure"),
            "two_sided",
        ),
    ),
    "T5": (
        Layout("T5", _columns(f"本年支出合计:total; {_SPENDING}"), "coded"),
        Layout("T5", _columns("本年支出/小计:total; 本年支出/基本支出:basic; 本年支出/项目支出:project"), "coded"),
        Layout("T5", _columns("本年支出/合计:total; 本年支出/基本支出:basic; 本年支出/项目支出:project"), "coded"),
        Layout("T5", _columns(f"合计:total; {_SPENDING}"), "coded"),
    ),
    "T6": (
        Layout("T6", _columns("人员经费/金额:amount", "personnel") + _columns("公用经费/金额:amount", "public"), "economic"),
        Layout("T6", _columns("人员经费/决算数:amount", "personnel") + _columns("公用经费/决算数:amount", "public"), "economic"),
    ),
    "T7": (
        Layout(
            "T7",
            _columns(
                "年初结转和结余:opening; 本年收入:income; 本年支出/小计:total; 本年支出/基本支出:basic;"
                " 本年支出/项目支出:project; 年末结转和结余:closing"
            ),
            "coded",
        ),
        Layout(
            "T7",
            _columns(
                "年初结转和结余:opening; 本年收入:income; 本年支出/合计:total; 本年支出/基本支出:basic;"
                " 本年支出/项目支出:project; 年末结转和结余:closing"
            ),
            "coded",
        ),
    ),
    "T8": (
        Layout("T8", _columns("本年支出/小计:total; 本年支出/基本支出:basic; 本年支出/项目支出:project"), "coded"),
        Layout("T8", _columns("本年支出/合计:total; 本年支出/基本支出:basic; 本年支出/项目支出:project"), "coded"),
        Layout("T8", _columns(f"本年支出合计:total; {_SPENDING}"), "coded"),
        Layout("T8", _columns(f"合计:total; {_SPENDING}"), "coded"),
    ),
    "T9": (
        Layout("T9", _sangong(("预算数", "决算数")), "single"),
        Layout("T9", _sangong(("决算数", "预算数")), "single"),
    ),
}

GRAMMARS: dict[str, str] = {kind: layouts[0].grammar for kind, layouts in LAYOUTS.items()}


def compact(text: str) -> str:
    """Header text with whitespace removed and brackets unified, for label search."""
    text = re.sub(r"\s+", "", text)
    return text.replace("(", "（").replace(")", "）")


def _required(layout: Layout) -> Counter[str]:
    """How many distinct header cells print each label."""
    cells: set[tuple[str, ...]] = set()
    for column in layout.columns:
        parts = tuple(column.key.split("/"))
        if column.side:
            parts = (column.side,) + parts  # both sides of 表1/表6 print their own labels
        cells.update(parts[: i + 1] for i in range(len(parts)))
    return Counter(cell[-1] for cell in cells if cell[-1] not in ("income", "expenditure", "personnel", "public"))


def _in_order(layout: Layout, header: str) -> bool:
    tops: list[str] = []
    for column in layout.columns:
        top = column.key.split("/")[0]
        if top not in tops:
            tops.append(top)
    positions = [header.find(top) for top in tops]
    return all(a < b for a, b in zip(positions, positions[1:]))


def _fits(layout: Layout, header: str, count: int | None) -> bool:
    if count is not None and count != len(layout.columns):
        return False
    required = _required(layout)
    if any(header.count(label) < needed for label, needed in required.items()):
        return False
    return _in_order(layout, header)


def _specificity(layout: Layout) -> int:
    return sum(len(label) * needed for label, needed in _required(layout).items())


def match_layout(kind: str, header_text: str, count: int | None) -> Layout | None:
    """The layout of ``kind`` the printed header fits, or None."""
    header = compact(header_text)
    fitting = [layout for layout in LAYOUTS.get(kind, ()) if _fits(layout, header, count)]
    if not fitting:
        return None
    return max(fitting, key=_specificity)


def generic_layout(kind: str, count: int, numbers: list[int] | None) -> Layout:
    """Columns named by their 栏次 when the header was not understood."""
    labels = [f"栏次{n}" for n in numbers] if numbers else [f"第{i}列" for i in range(1, count + 1)]
    columns = tuple(Column(key=label, role="", number=label.removeprefix("栏次")) for label in labels)
    return Layout(kind, columns, GRAMMARS.get(kind, "coded"))


def number_columns(layout: Layout, numbers: list[int] | None) -> Layout:
    """Attach the printed 栏次 to the layout's columns, in order."""
    if not numbers or len(numbers) != len(layout.columns):
        return layout
    columns = tuple(
        Column(key=c.key, role=c.role, number=str(n), side=c.side) for c, n in zip(layout.columns, numbers)
    )
    return Layout(layout.kind, columns, layout.grammar)
