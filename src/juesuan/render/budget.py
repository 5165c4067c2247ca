"""The ``--budget`` file: the year-start budget (年初预算数) per fund and the 三公 budget.

TOML or JSON (decided by content), amounts in the tables' unit (万元), as numbers or
strings; a value keeps the decimals it is written with::

    # budget-2024.toml
    general = "2047.00"   # 一般公共预算财政拨款 年初预算数
    fund = "16.00"        # 政府性基金预算财政拨款
    capital = "0"         # 国有资本经营预算财政拨款

    [sangong]             # “三公”经费预算数, when 表9 has none
    total = "1.05"
    abroad = "0"
    vehicle = "1.05"
    vehicle_purchase = "0"
    vehicle_operation = "1.05"
    reception = "0"
"""

from __future__ import annotations

import json
import tomllib
from decimal import Decimal, InvalidOperation
from pathlib import Path

from ..errors import InputMissing, ModelFormatError
from ..model import numbers
from .facts import Facts

FUNDS = {"general": "fiscal_expenditure.general", "fund": "fiscal_expenditure.fund", "capital": "fiscal_expenditure.capital"}
SANGONG = ("total", "abroad", "vehicle", "vehicle_purchase", "vehicle_operation", "reception")


def parse_mapping(text: str, name: str) -> dict:
    """TOML or JSON to a dict; decimals stay Decimal."""
    stripped = text.lstrip("\ufeff \t\r\n")
    try:
        if stripped.startswith("{"):
            return json.loads(stripped, parse_float=Decimal)
        return tomllib.loads(stripped, parse_float=Decimal)
    except (json.JSONDecodeError, tomllib.TOMLDecodeError) as exc:
        raise ModelFormatError(f"{name}：不是有效的 TOML 或 JSON（{exc}）") from exc


def read_mapping(path: str | Path) -> dict:
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise InputMissing(f"{path}：文件不存在") from exc
    return parse_mapping(text, path.name)


def amount(value, where: str) -> Decimal:
    if isinstance(value, bool) or not isinstance(value, (str, int, Decimal)):
        raise ModelFormatError(f"{where} 应为金额（数字或字符串），而不是 {value!r}")
    try:
        return numbers.amount(str(value))
    except (InvalidOperation, numbers.AmountTooLong) as exc:
        raise ModelFormatError(f"{where} 不是金额：{value!r}") from exc


def budget_facts(data: dict, name: str = "budget") -> Facts:
    budget: dict[str, Decimal] = {}
    for key, value in data.items():
        if key in FUNDS:
            budget[FUNDS[key]] = amount(value, f"{name}: {key}")
        elif key == "sangong" and isinstance(value, dict):
            for part, v in value.items():
                if part not in SANGONG:
                    raise ModelFormatError(f"{name}: sangong.{part} 不是“三公”经费项目（可用：{'、'.join(SANGONG)}）")
                budget[f"sangong.{part}"] = amount(v, f"{name}: sangong.{part}")
        else:
            raise ModelFormatError(f"{name}: 未知项目 {key!r}（可用：general、fund、capital、[sangong]）")
    return Facts(budget=budget)


def load_budget(path: str | Path) -> Facts:
    return budget_facts(read_mapping(path), Path(path).name)
