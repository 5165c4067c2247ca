"""CLI commands over the store: ingest, compare, export. Registered by juesuan.cli."""

from __future__ import annotations

import csv
import io
import sys
from collections.abc import Callable
from enum import Enum
from pathlib import Path
from typing import Annotated

import typer
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from ..errors import JuesuanError
from ..limits import active
from ..model.tidy import safe_row
from ..store.compare import INDICATORS, UnknownEntity, across_departments, across_years, find_entity, series
from ..store.database import Store
from ..store.export import export as export_store
from ..store.ingest import discover
from ..store.ingest import ingest as ingest_files
from ..store.series import add_alias

DbOption = Annotated[Path | None, typer.Option("--db", help="数据库文件（默认：$JUESUAN_DB 或 ~/.local/share/juesuan/juesuan.duckdb）")]


class Engine(str, Enum):
    local = "local"
    ray = "ray"


def ingest(
    paths: Annotated[list[Path], typer.Argument(help="文件或目录（目录递归读取）")],
    db: DbOption = None,
    workers: Annotated[int, typer.Option("--workers", "-w", min=1, help="并行进程数")] = 1,
    engine: Annotated[
        Engine, typer.Option("--engine", help="local：本机多进程；ray：Ray 集群（RAY_ADDRESS 或本地临时集群）")
    ] = Engine.local,
    parquet: Annotated[
        Path | None, typer.Option("--parquet", help="同时导出 Parquet（按年度分区）、CSV 和 datapackage.json 到此目录")
    ] = None,
) -> None:
    """Read, check and store many reports; a bad file is reported and skipped.

    Example: juesuan ingest examples/ --workers 2 --db corpus.duckdb
    """
    console = Console(stderr=True)
    files = discover(paths)
    with Store(db) as store:
        with Progress(TextColumn("入库"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(), console=console, transient=True) as bar:
            task = bar.add_task("ingest", total=len(files))
            summary = ingest_files(
                files, store, workers=workers, engine=engine.value, progress=lambda _: bar.advance(task), limits=active()
            )
        table = Table("结果", "数量", title=f"入库 {store.path}")
        table.add_row("新增报告", str(len(summary.added)))
        table.add_row("已存在（未重复入库）", str(len(summary.known)))
        table.add_row("无法读取（已跳过）", str(len(summary.failed)))
        console.print(table)
        for failure in summary.failed:
            console.print(f"[yellow]跳过[/]：{failure.message}", highlight=False)
        if parquet is not None:
            export_store(store, parquet)
            console.print(f"已导出到 {parquet}")


class CompareFormat(str, Enum):
    table = "table"
    csv = "csv"


def compare(
    entity: Annotated[str | None, typer.Option("--entity", help="部门或单位名称：比较其两个年度")] = None,
    years: Annotated[list[int] | None, typer.Option("--year", help="一个年度：比较该年所有部门；与 --entity 一起给两个年度")] = None,
    db: DbOption = None,
    format: Annotated[CompareFormat, typer.Option("--format", "-f")] = CompareFormat.table,
    output: Annotated[Path | None, typer.Option("--output", "-o")] = None,
) -> None:
    """Compare one department across years, or all departments of a year.

    --entity alone: the department's series, budgets and final accounts of every year side
    by side (a name in full, abbreviated or in part; the text and tables files of a year
    in one column).

    Examples: juesuan compare --year 2024;  juesuan compare --entity 江苏省人民检察院;
    juesuan compare --entity 廉江市医疗保障局 --year 2022 --year 2023
    """
    years = years or []
    with Store(db) as store:
        if entity and not years:
            try:
                found = series(store, find_entity(store, entity))
            except UnknownEntity as exc:
                raise JuesuanError(str(exc)) from exc
            header = ["项目（万元）", *[c.label for c in found.columns]]
            rows = [[label, *["" if v is None else str(v) for v in values]] for label, values in found.rows]
            rows.append(["文件", *["；".join(c.files) for c in found.columns]])
            rows.append(["错误/警告", *[f"{c.errors}/{c.warnings}" for c in found.columns]])
            title = f"{found.entity_key}（{'、'.join(found.names)}）：预算数额取自情况说明"
            _print_rows(header, rows, format, output, title)
            return
        if entity:
            if len(years) != 2:
                raise typer.BadParameter("与 --entity 一起给出两个 --year（上年、本年），或不给 --year 以列出该部门各年度")
            previous, current = sorted(years)
            header = ["表", "行", "名称", "栏目", f"{previous}年", f"{current}年", "变动"]
            rows = [
                [
                    c.table,
                    c.row,
                    c.name,
                    c.column,
                    "" if c.previous is None else str(c.previous),
                    "" if c.current is None else str(c.current),
                    c.sentence,
                ]
                for c in across_years(store, entity, previous, current)
            ]
        else:
            if len(years) != 1:
                raise typer.BadParameter("请给出一个 --year，或 --entity 与两个 --year")
            header = ["部门/单位", *[label for label, *_ in INDICATORS], "基本支出占比%", "项目支出占比%", "错误", "警告"]
            rows = [
                [
                    r.entity,
                    *["" if r.values[label] is None else str(r.values[label]) for label, *_ in INDICATORS],
                    str(r.share("基本支出") or ""),
                    str(r.share("项目支出") or ""),
                    str(r.errors),
                    str(r.warnings),
                ]
                for r in across_departments(store, years[0])
            ]
    _print_rows(header, rows, format, output)


def _print_rows(header: list[str], rows: list[list[str]], format: CompareFormat, output: Path | None, title: str = "") -> None:
    if format is CompareFormat.csv:
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\n")
        writer.writerow(header)
        writer.writerows(map(safe_row, rows))
        if output:
            output.write_text(buffer.getvalue(), encoding="utf-8")
        else:
            sys.stdout.write(buffer.getvalue())
        return
    table = Table(*header, title=title or None)
    for row in rows:
        table.add_row(*row)
    Console(file=output.open("w", encoding="utf-8") if output else None, width=max(100, 16 * len(header))).print(table)


def alias(
    name: Annotated[str, typer.Argument(help="部门的另一个名称（简称、更名前的名称）")],
    canonical: Annotated[str, typer.Argument(help="该部门的名称（全称、现名）")],
    db: DbOption = None,
) -> None:
    """Record that NAME is another name of the department CANONICAL (renamed, abbreviated)
    and relink every report's series.

    Example: juesuan alias 江门市社会保险基金管理局 江门市医疗保障局
    """
    with Store(db) as store:
        relinked = add_alias(store, name, canonical)
        print(f"已记录：{name} → {canonical}；重新关联 {len(relinked)} 份报告")


def export(
    directory: Annotated[Path, typer.Argument(help="导出目录")],
    db: DbOption = None,
) -> None:
    """Export the store as Parquet (partitioned by year), CSV and a Frictionless datapackage.json.

    Example: juesuan export out/open-data --db corpus.duckdb
    """
    with Store(db) as store:
        for path in export_store(store, directory):
            print(path)


def register(app: typer.Typer, guarded: Callable[[Callable[..., None]], Callable[..., None]]) -> None:
    for command in (ingest, compare, alias, export):
        app.command()(guarded(command))
