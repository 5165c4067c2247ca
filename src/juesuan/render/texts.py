"""The ``--text`` file: what only people can write — the 概况, the reasons behind the
changes, counts, 政府采购 amounts, and the 国有资产占用 and 绩效评价 sections.

TOML or JSON. Reasons are keyed by the quantity of the sentence they follow
(``docs/render.md`` lists the keys); ``@budget`` marks the reason of a change against
the year-start budget::

    overview = ["一、单位主要职责", "……的主要职责是：……"]
    assets = ["截至2024年12月31日，本单位共有车辆1辆……"]
    performance = ["……"]

    [reasons]
    "income.general_fiscal" = "一是信息化项目支出减少，二是基本支出较上年减少"
    "fiscal_expenditure.general@budget" = "厉行节约，日常办公经费支出减少"
    "sangong.total" = "……"            # 三公 决算 vs 上年
    "sangong.total@budget" = "……"     # 三公 决算 vs 预算
    "running_cost" = "……"

    [counts]
    "sangong.vehicles" = 1

    [procurement]
    total = "345.68"
    goods = "0.68"
    works = "0"
    services = "345.00"
    sme = "171.18"
    small = "21.23"
    sme_goods = "0.68"
    sme_works = "0"
    sme_services = "170.50"
"""

from __future__ import annotations

from pathlib import Path

from ..errors import ModelFormatError
from .budget import amount, read_mapping
from .facts import PROCUREMENT, Facts

_TEXTS = ("overview", "assets", "performance")


def _paragraphs(value, where: str) -> tuple[str, ...]:
    if isinstance(value, str):
        return tuple(p.strip() for p in value.split("\n\n") if p.strip())
    if isinstance(value, list) and all(isinstance(v, str) for v in value):
        return tuple(v.strip() for v in value if v.strip())
    raise ModelFormatError(f"{where} 应为文字或文字列表")


def text_facts(data: dict, name: str = "text") -> Facts:
    values: dict = {}
    for key, value in data.items():
        if key in _TEXTS:
            values[key] = _paragraphs(value, f"{name}: {key}")
        elif key == "reasons" and isinstance(value, dict):
            values["reasons"] = {str(k): str(v).strip().rstrip("。；") for k, v in value.items()}
        elif key == "counts" and isinstance(value, dict):
            values["counts"] = {str(k): int(v) for k, v in value.items()}
        elif key == "procurement" and isinstance(value, dict):
            unknown = set(value) - set(PROCUREMENT)
            if unknown:
                raise ModelFormatError(f"{name}: procurement 中未知项目 {sorted(unknown)}（可用：{'、'.join(PROCUREMENT)}）")
            values["procurement"] = {k: amount(v, f"{name}: procurement.{k}") for k, v in value.items()}
        elif key == "glossary" and isinstance(value, dict):
            values["glossary"] = tuple((str(k), str(v)) for k, v in value.items())
        else:
            raise ModelFormatError(f"{name}: 未知项目 {key!r}")
    return Facts(**values)


def load_texts(path: str | Path) -> Facts:
    return text_facts(read_mapping(path), Path(path).name)
