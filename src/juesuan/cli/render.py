"""CLI commands: ``render`` (the disclosure document from data) and ``template``
(the input workbook). Registered by juesuan.cli with ``register(app, guarded)``."""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import replace
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer

from ..errors import JuesuanError
from ..model import Report
from ..render.document import Document
from ..render.facts import Facts, from_previous, from_report
from ..render.registry import default_registry

# The document formats are the registry's, named once there.
Format = Enum("Format", {name: name for name in default_registry().names()}, type=str)  # type: ignore[misc]


def load_report(path: Path) -> Report:
    """A report in the canonical JSON of ``juesuan read``, or any readable format."""
    from ..model.serialize import FORMAT, loads
    from ..read import read_path

    try:
        head = path.open("rb").read(256)
    except OSError:
        head = b""
    if head.lstrip(b"\xef\xbb\xbf \t\r\n").startswith(b"{") and FORMAT.encode() in head:
        return loads(path.read_text(encoding="utf-8-sig"))
    return read_path(path)


def gather(report: Report, previous: Path | None = None, budget: Path | None = None, text: Path | None = None) -> Facts:
    """Facts from the report itself, then last year's report, the budget and the texts."""
    from ..render.budget import load_budget
    from ..render.texts import load_texts

    facts = from_report(report)
    if previous is not None:
        facts = facts.merge(from_previous(load_report(previous)))
    if budget is not None:
        facts = facts.merge(load_budget(budget))
    if text is not None:
        facts = facts.merge(load_texts(text))
    return facts


def render(
    input: Annotated[Path, typer.Argument(help="本年数据：juesuan read 的 JSON、填好的输入工作簿（XLSX）或任何可读取的报告")],
    to: Annotated[Format, typer.Option("--to", "-t", help="输出格式")] = Format["html"],
    output: Annotated[Path | None, typer.Option("--output", "-o", help="输出文件（默认：输入文件名加格式后缀）")] = None,
    previous: Annotated[Path | None, typer.Option("--previous", "-p", help="上年决算报告（任何可读取的格式）")] = None,
    budget: Annotated[Path | None, typer.Option("--budget", "-b", help="年初预算数（TOML/JSON，见 docs/render.md）")] = None,
    text: Annotated[Path | None, typer.Option("--text", help="概况、变动原因等文字（TOML/JSON，见 docs/render.md）")] = None,
    year: Annotated[int | None, typer.Option("--year", help="决算年度（输入中没有年度时）")] = None,
    entity: Annotated[str | None, typer.Option("--entity", help="部门（单位）名称（覆盖输入中的名称）")] = None,
) -> None:
    """Render the full disclosure document (概况, nine tables, 情况说明, 名词解释).

    A budget (预算) report renders as a budget disclosure: its tables as published and
    a 情况说明 of its figures, with the changes against --previous (last year's budget).

    The 情况说明 is written from the figures: changes against last year (--previous, or
    what the input report states), against the year-start budget (--budget), and
    【…】 placeholders where a reason or a figure is still missing.

    Example: juesuan render report.json --previous 2023.pdf --budget budget.toml --to pdf -o 2024.pdf
    """
    from ..render.build import build_document

    report = load_report(input)
    metadata = report.metadata
    if year is not None:
        metadata = replace(metadata, year=year)
    if entity:
        metadata = replace(metadata, entity=entity)
    if metadata.year is None:
        raise JuesuanError(f"{input}：输入中没有决算年度，请用 --year 指定")
    report = replace(report, metadata=metadata)
    if report.profile is not None and report.profile.family == "yusuan":
        document = _budget_document(report, previous)
    else:
        document = build_document(report, gather(report, previous, budget, text))
    target = output or input.with_suffix("." + to.value)
    default_registry().get(to.value).write(document, target)
    for missing in dict.fromkeys(document.placeholders):
        sys.stderr.write(f"提示：尚需填写 {missing}\n")
    sys.stderr.write(f"已生成 {target}\n")


def _budget_document(report: Report, previous: Path | None) -> Document:
    """A budget disclosure: its tables as published, the 情况说明 from its figures, each
    change against last year's budget (--previous) in the official forms."""
    from ..checks.across_statements import figures
    from ..render.budget_report import build_budget_document

    last = figures(load_report(previous)) if previous is not None else None
    return build_budget_document(report, figures(report), last)


def template(
    year: Annotated[int, typer.Option("--year", help="决算年度（决定科目目录版本）")],
    output: Annotated[Path, typer.Option("--output", "-o", help="输出的 XLSX 工作簿")],
    entity: Annotated[str, typer.Option("--entity", help="部门（单位）名称")] = "【单位名称】",
    scope: Annotated[str, typer.Option("--scope", help="单位 或 部门")] = "单位",
) -> None:
    """Write the empty input workbook: the nine tables in the official layout, the
    catalog's subject names for the year, amounts 0.00, no formulas.

    Example: juesuan template --year 2024 --entity 江门市医疗保障局（本级） -o input.xlsx
    """
    from ..render.template import write_template

    if scope not in ("单位", "部门"):
        raise typer.BadParameter("--scope 只能是“单位”或“部门”")
    write_template(output, year, entity, scope=scope)
    sys.stderr.write(f"已生成 {output}\n")


def register(app: typer.Typer, guarded: Callable[[Callable[..., None]], Callable[..., None]]) -> None:
    for command in (render, template):
        app.command()(guarded(command))
