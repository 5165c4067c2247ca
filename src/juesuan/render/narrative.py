"""The 情况说明 written from the figures, in the official sentence forms.

Every figure comes from a table cell or from ``Facts``; every change is computed
(``model.change``): amount, direction word, percent to one decimal, ``持平`` and
``--（基数为0，不可比）``. Where a reason is needed (a change that is not zero) and
none was given, or a figure is missing, the text carries a placeholder
(``【请说明主要变动原因】``) that ``juesuan check`` reports (JS821) until it is filled.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import ROUND_HALF_UP, Decimal

from ..model import Report
from ..model.change import change_phrase, completion_phrase, money, percent, relation_word, share_phrase
from ..model.numbers import NUMBER, amount
from ..profiles import profile_of
from .document import Block, Heading, Text
from .facts import BUDGET, Facts, budget_cell, current

REASON_PLACEHOLDER = "【请说明主要变动原因】"
PREVIOUS_PLACEHOLDER = "【请提供上年决算数】"
BUDGET_PLACEHOLDER = "【请提供年初预算数】"
COUNT_PLACEHOLDER = "【请填写】"


def breakdown(report: Report, total: str) -> tuple[tuple[str, str], ...]:
    """The parts of a quantity (``income.total`` → 一般公共预算财政拨款收入, …) with their names,
    in the order the report's profile lists them (``[narrative] breakdowns``)."""
    narrative = profile_of(report).narrative
    parts = dict(narrative.breakdowns).get(total, ())
    return tuple((quantity, narrative.name(quantity)) for quantity in parts)


_ZERO = Decimal("0")


@dataclass
class Writer:
    report: Report
    facts: Facts
    placeholders: list[str] = field(default_factory=list)

    def value(self, quantity: str) -> Decimal:
        found = current(self.report, quantity)
        return found if found is not None else _ZERO

    def budget(self, quantity: str) -> Decimal | None:
        if quantity in self.facts.budget:
            return self.facts.budget[quantity]
        return budget_cell(self.report, quantity)

    def mark(self, placeholder: str, what: str) -> str:
        self.placeholders.append(what)
        return placeholder

    def change(self, quantity: str, base: str = "上年决算数") -> tuple[str, bool]:
        """The change clause and whether it needs a reason."""
        now = self.value(quantity)
        if base == "上年决算数":
            before = self.facts.previous.get(quantity)
            if before is None:
                return "比上年决算数" + self.mark(PREVIOUS_PLACEHOLDER, f"{quantity} 上年决算数"), False
        else:
            before = self.budget(quantity)
            if before is None:
                return "比年初预算数" + self.mark(BUDGET_PLACEHOLDER, f"{quantity} 年初预算数"), False
        return change_phrase(now, before, base), now != before

    def reason(self, key: str, needed: bool) -> str:
        given = self.facts.reasons.get(key, "").strip().rstrip("。；")
        if given:
            return given
        if needed:
            return self.mark(REASON_PLACEHOLDER, f"{key} 变动原因")
        return ""

    def count(self, quantity: str, zero_with: str = "") -> str:
        if quantity in self.facts.counts:
            return str(self.facts.counts[quantity])
        if zero_with and self.value(zero_with) == 0:
            return "0"
        return self.mark(COUNT_PLACEHOLDER, quantity)


def _item(w: Writer, number: int, quantity: str, name: str) -> str:
    clause, needed = w.change(quantity)
    text = f"{number}.{name}{money(w.value(quantity))}，{clause}。"
    reason = w.reason(quantity, needed)
    return text + (f"主要变动情况：{reason}。" if reason else "")


def _joined(w: Writer, items, base: str) -> str:
    parts = []
    for quantity, name in items:
        clause, needed = w.change(quantity, base)
        part = f"{name}{money(w.value(quantity))}，{clause}"
        reason = w.reason(quantity + (BUDGET if base == "年初预算数" else ""), needed)
        if reason:
            part += f"；主要变动情况：{reason}"
        parts.append(part)
    return "；".join(parts) + "。"


def write(report: Report, facts: Facts) -> tuple[tuple[Block, ...], tuple[str, ...]]:
    """The 情况说明 blocks, and what is left to fill in."""
    w = Writer(report, facts)
    meta = report.metadata
    entity, year = meta.entity, meta.year or ""
    who = "本部门" if meta.scope == "部门" else "本单位"
    blocks: list[Block] = []
    add = blocks.append

    add(Heading(f"一、{year}年度收入支出决算总体情况说明", 2))
    add(Heading("（一）年度收入总体情况", 3))
    add(
        Text(
            f"{entity}{year}年度总收入{money(w.value('income.grand_total'))}，其中本年收入{money(w.value('income.total'))}。具体情况如下："
        )
    )
    for i, (quantity, name) in enumerate(breakdown(report, "income.total"), start=1):
        add(Text(_item(w, i, quantity, name)))
    add(Heading("（二）年度支出总体情况", 3))
    add(
        Text(
            f"{entity}{year}年度总支出{money(w.value('expenditure.grand_total'))}，其中本年支出{money(w.value('expenditure.total'))}。具体情况如下："
        )
    )
    for i, (quantity, name) in enumerate(breakdown(report, "expenditure.total"), start=1):
        add(Text(_item(w, i, quantity, name)))

    add(Heading(f"二、{year}年度财政拨款收入支出总表说明", 2))
    add(Heading(f"（一）{year}年度财政拨款收入说明", 3))
    add(
        Text(
            f"{entity}{year}年度财政拨款收入合计{money(w.value('fiscal_income.total'))}。其中："
            + _joined(w, breakdown(report, "fiscal_income.total"), "上年决算数")
        )
    )
    add(Heading(f"（二）{year}年度财政拨款支出说明", 3))
    add(
        Text(
            f"{entity}{year}年度财政拨款支出合计{money(w.value('fiscal_expenditure.total'))}。其中："
            + _joined(w, breakdown(report, "fiscal_expenditure.total"), "年初预算数")
        )
    )

    blocks += _sangong(w, entity, year)
    blocks += _other(w, year, who)
    return tuple(blocks), tuple(w.placeholders)


def _completion(w: Writer, quantity: str, lead: str) -> str:
    budget = w.budget(quantity)
    if budget is None:
        return lead + w.mark(BUDGET_PLACEHOLDER, f"{quantity} 预算数")
    return completion_phrase(w.value(quantity), budget, lead)


def _sangong(w: Writer, entity: str, year) -> list[Block]:
    out: list[Block] = [
        Heading(f"三、{year}年度财政拨款“三公”经费支出决算情况说明", 2),
        Heading("（一）“三公”经费财政拨款支出决算总体情况说明", 3),
    ]
    total = w.value("sangong.total")
    head = (
        f"{entity}{year}年度“三公”经费财政拨款支出决算为{money(total)}，{_completion(w, 'sangong.total', '完成全年预算')}，"
        f"{w.change('sangong.total')[0]}。"
    )
    parts = []
    for quantity, name in (("sangong.abroad", "因公出国（境）费"), ("sangong.vehicle", "公务用车购置及运行维护费")):
        parts.append(f"{name}支出决算为{money(w.value(quantity))}，{_completion(w, quantity, '完成预算')}，{w.change(quantity)[0]}")
    sub = []
    for quantity, name in (("sangong.vehicle_purchase", "公务用车购置"), ("sangong.vehicle_operation", "公务用车运行维护费")):
        sub.append(f"{name}支出决算为{money(w.value(quantity))}，{_completion(w, quantity, '完成预算')}，{w.change(quantity)[0]}")
    reception = f"公务接待费支出决算为{money(w.value('sangong.reception'))}，{_completion(w, 'sangong.reception', '完成预算')}，{w.change('sangong.reception')[0]}"
    out.append(Text(head + "其中：" + "；".join(parts) + "；其中：" + "；".join(sub) + "；" + reception + "。"))
    budget = w.budget("sangong.total")
    if budget is not None:
        relation = relation_word(total, budget)
        reason = w.reason("sangong.total" + BUDGET, relation != "等于")
        if reason:
            out.append(Text(f"{year}年度“三公”经费支出决算{relation}预算数的主要情况：{reason}。"))
    before = w.facts.previous.get("sangong.total")
    if before is not None:
        relation = relation_word(total, before)
        reason = w.reason("sangong.total", relation != "等于")
        if reason:
            out.append(Text(f"{year}年度“三公”经费支出决算{relation}上年决算数的主要情况：{reason}。"))

    out.append(Heading("（二）“三公”经费财政拨款支出决算具体情况说明", 3))
    shares = []
    for quantity, name in breakdown(w.report, "sangong.total"):
        spent = "" if quantity == "sangong.abroad" else "支出"
        share = share_phrase(w.value(quantity), total)
        shares.append(f"{name}{spent}{money(w.value(quantity))}" + (f"，{share}" if share else ""))
    out.append(Text(f"{year}年度“三公”经费财政拨款支出决算中，" + "；".join(shares) + "。具体情况如下："))
    out.append(
        Text(
            f"1.因公出国（境）费支出{money(w.value('sangong.abroad'))}。全年使用财政拨款安排出国（境）团组"
            f"{w.count('sangong.abroad.groups', 'sangong.abroad')}个、累计{w.count('sangong.abroad.people', 'sangong.abroad')}人次。"
        )
    )
    out.append(
        Text(
            f"2.公务用车购置及运行维护费支出{money(w.value('sangong.vehicle'))}，其中：公务用车购置支出为"
            f"{money(w.value('sangong.vehicle_purchase'))}，公务用车购置数{w.count('sangong.vehicle_purchase.count', 'sangong.vehicle_purchase')}辆。"
            f"公务用车运行维护费支出{money(w.value('sangong.vehicle_operation'))}，公务用车保有量为{w.count('sangong.vehicles')}辆。"
        )
    )
    r = "sangong.reception"
    out.append(
        Text(
            f"3.公务接待费支出{money(w.value(r))}，共接待国外、境外来访团组{w.count(r + '.foreign_groups', r)}个，"
            f"来访外宾{w.count(r + '.foreign_people', r)}人次；发生国内接待{w.count(r + '.domestic_batches', r)}次，"
            f"接待人数共{w.count(r + '.domestic_people', r)}人。"
        )
    )
    return out


def _other(w: Writer, year, who: str) -> list[Block]:
    out: list[Block] = [Heading("四、其他重要事项的情况说明", 2), Heading("（一）机关运行经费支出情况", 3)]
    clause, needed = w.change("running_cost")
    text = f"{year}年度{who}机关运行经费支出{money(w.value('running_cost'))}，{clause}。"
    reason = w.reason("running_cost", needed)
    out.append(Text(text + (f"主要增减变动情况是：{reason}。" if reason else "")))

    out.append(Heading("（二）政府采购支出情况说明", 3))
    out.append(Text(_procurement(w, year, who)))

    out.append(Heading("（三）国有资产占用情况说明", 3))
    if w.facts.assets:
        out += [Text(p) for p in w.facts.assets]
    elif "vehicles" in w.facts.counts:
        out.append(Text(f"截至{year}年12月31日，{who}共有车辆{w.facts.counts['vehicles']}辆。"))
    else:
        out.append(Text(w.mark("【请填写国有资产占用情况】", "国有资产占用")))

    out.append(Heading(f"（四）{year}年度绩效评价情况的说明", 3))
    if w.facts.performance:
        out += [Text(recompute_completion(p), indent=not p.startswith("\u3000")) for p in w.facts.performance]
    else:
        out.append(Text(w.mark("【请填写绩效评价情况】", "绩效评价")))
    return out


def _procurement(w: Writer, year, who: str) -> str:
    p = w.facts.procurement
    if "total" not in p:
        return w.mark("【请填写政府采购支出情况】", "政府采购")
    text = f"{year}年度{who}政府采购支出总额{money(p['total'])}"
    categories = [("goods", "货物"), ("works", "工程"), ("services", "服务")]
    if all(k in p for k, _ in categories):
        text += "，其中：" + "、".join(f"政府采购{name}支出{money(p[k])}" for k, name in categories)
    text += "。"
    if "sme" in p:
        text += f"授予中小企业合同金额{money(p['sme'])}"
        share = share_phrase(p["sme"], p["total"], "政府采购支出总额")
        text += f"，{share}" if share else ""
        if "small" in p:
            text += f"，其中：授予小微企业合同金额{money(p['small'])}"
            share = share_phrase(p["small"], p["sme"], "授予中小企业合同金额")
            text += f"，{share}" if share else ""
        shares = [
            f"{name}采购授予中小企业合同金额{share_phrase(p['sme_' + k], p[k], name + '支出金额')}"
            for k, name in categories
            if "sme_" + k in p and k in p and p[k] != 0
        ]
        text += ("；" + "，".join(shares) if shares else "") + "。"
    return text


_PERFORMANCE = re.compile(rf"(全年预算数为?)(?P<b>{NUMBER})(万元，执行数为?)(?P<e>{NUMBER})(万元，完成预算的)(?P<p>{NUMBER})%")


def recompute_completion(text: str) -> str:
    """'全年预算数…万元，执行数…万元，完成预算的…%' with the rate computed from the two
    amounts (at the printed number of decimals)."""

    def fix(m: re.Match) -> str:
        budget = amount(m.group("b"))
        executed = amount(m.group("e"))
        if budget == 0:
            return m.group(0)
        places = len(m.group("p").split(".")[1]) if "." in m.group("p") else 0
        rate = (executed / budget * 100).quantize(Decimal(1).scaleb(-places), ROUND_HALF_UP)
        return f"{m.group(1)}{m.group('b')}{m.group(3)}{m.group('e')}{m.group(5)}{rate}%"

    return _PERFORMANCE.sub(fix, text)


__all__ = ["write", "REASON_PLACEHOLDER", "recompute_completion", "percent"]
