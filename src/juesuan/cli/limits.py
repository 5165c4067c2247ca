"""The limit flags, on the root command: ``juesuan --max-cells 2000000 ingest DIR``.

One flag per field of ``juesuan.limits.Limits`` (docs/limits.md); they apply to every
command: readers in this process obey them, and ``ingest`` and ``serve`` hand them to the
sandbox that reads each file.
"""

from __future__ import annotations

from typing import Annotated

import typer

from ..limits import Limits, use
from .app import app

_D = Limits()


@app.callback()
def limits(
    max_file_bytes: Annotated[
        int | None, typer.Option("--max-file-bytes", min=1, help=f"单个文件的字节数上限（默认 {_D.max_file_bytes}）")
    ] = None,
    max_pages: Annotated[int | None, typer.Option("--max-pages", min=1, help=f"PDF 页数、工作表数上限（默认 {_D.max_pages}）")] = None,
    max_cells: Annotated[
        int | None, typer.Option("--max-cells", min=1, help=f"一个工作表或 HTML 表格的单元格数上限（默认 {_D.max_cells}）")
    ] = None,
    max_span: Annotated[int | None, typer.Option("--max-span", min=1, help=f"HTML 单元格跨列数上限（默认 {_D.max_span}）")] = None,
    max_merges: Annotated[
        int | None, typer.Option("--max-merges", min=1, help=f"一个工作表的合并单元格数上限（默认 {_D.max_merges}）")
    ] = None,
    max_ruling_segments: Annotated[
        int | None, typer.Option("--max-ruling-segments", min=1, help=f"PDF 一页的表格线段数上限（默认 {_D.max_ruling_segments}）")
    ] = None,
    max_unpacked_bytes: Annotated[
        int | None,
        typer.Option("--max-unpacked-bytes", min=1, help=f"XLSX 部件、PDF 数据流解压后的字节数上限（默认 {_D.max_unpacked_bytes}）"),
    ] = None,
    cpu_seconds: Annotated[
        int | None, typer.Option("--cpu-seconds", min=1, help=f"读取一个文件的 CPU 秒数上限（默认 {_D.cpu_seconds}）")
    ] = None,
    memory_bytes: Annotated[
        int | None, typer.Option("--memory-bytes", min=1, help=f"读取一个文件的内存上限（默认 {_D.memory_bytes}）")
    ] = None,
    wall_seconds: Annotated[
        float | None, typer.Option("--wall-seconds", min=0.1, help=f"读取一个文件的时间上限（默认 {_D.wall_seconds:g} 秒）")
    ] = None,
    concurrent: Annotated[int | None, typer.Option("--concurrent", min=1, help=f"网页同时解析的文件数（默认 {_D.concurrent}）")] = None,
    ocr_dpi: Annotated[int | None, typer.Option("--ocr-dpi", min=150, max=300, help=f"扫描页文字识别的分辨率（默认 {_D.ocr_dpi}）")] = None,
    ocr_max_pages: Annotated[
        int | None, typer.Option("--ocr-max-pages", min=0, help=f"一个文件中文字识别的页数上限（默认 {_D.ocr_max_pages}）")
    ] = None,
    ocr_page_seconds: Annotated[
        float | None, typer.Option("--ocr-page-seconds", min=0.1, help=f"文字识别一页的时间上限（默认 {_D.ocr_page_seconds:g} 秒）")
    ] = None,
    ocr_memory_bytes: Annotated[
        int | None, typer.Option("--ocr-memory-bytes", min=1, help=f"文字识别时读取一个文件的地址空间上限（默认 {_D.ocr_memory_bytes}）")
    ] = None,
) -> None:
    """juesuan — 部门决算公开报告的读取、校验与比较。"""
    use(
        _D.raised(
            max_file_bytes=max_file_bytes,
            max_pages=max_pages,
            max_cells=max_cells,
            max_span=max_span,
            max_merges=max_merges,
            max_ruling_segments=max_ruling_segments,
            max_unpacked_bytes=max_unpacked_bytes,
            cpu_seconds=cpu_seconds,
            memory_bytes=memory_bytes,
            wall_seconds=wall_seconds,
            concurrent=concurrent,
            ocr_dpi=ocr_dpi,
            ocr_max_pages=ocr_max_pages,
            ocr_page_seconds=ocr_page_seconds,
            ocr_memory_bytes=ocr_memory_bytes,
        )
    )
