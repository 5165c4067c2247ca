"""XLSX workbooks (openpyxl) to items: each sheet a page of lines and one table grid.

Departments export the tables as a workbook with a sheet per table: the title and
heading in the first rows, a header of merged cells, the 栏次 row, the body and the
notes. Each sheet is one page; its cells, merged ranges included, form one grid, and
numbers are written as the sheet prints them (number format applied), so a cell's
text and decimals are the printed ones.
"""

from __future__ import annotations

import io
import re
import warnings
import zipfile
from bisect import bisect_left, bisect_right
from dataclasses import replace
from decimal import ROUND_HALF_UP, Context, Decimal, InvalidOperation

from ..errors import DamagedWorkbook, JuesuanError, NotAReport, UnsupportedFormat
from ..limits import active, exceeded
from ..model import Page, Report, Unrecognized
from .decode import check_digit_runs
from .document import Choice, assemble
from .items import Grid, GridCell, Item

_DECIMALS = re.compile(r"0\.(0+)")


def format_number(value: float | int, number_format: str | None) -> str:
    """A numeric cell as printed under its number format ('#,##0.00', '0.00', 'General')."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    try:
        exact = Decimal(repr(value)) if isinstance(value, float) else Decimal(value)
    except InvalidOperation:
        return str(value)
    section = (number_format or "General").split(";")[0]
    if section.lower() in ("general", "@", "") or "0" not in section:
        if exact == exact.to_integral_value():
            return str(int(exact))
        return format(exact.normalize(), "f")
    percent = "%" in section
    if percent:
        exact *= 100
    match = _DECIMALS.search(section)
    places = len(match.group(1)) if match else 0
    if not exact.is_finite():
        return str(value)
    # precision for every digit the rounded number has (a float reaches 10³⁰⁸; the
    # default context's 28 digits would refuse it): the amount parser then judges its length
    digits = max(0, exact.adjusted()) + places + 2
    rounded = exact.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP, context=Context(prec=max(28, digits)))
    text = f"{rounded:,.{places}f}" if "," in section else f"{rounded:.{places}f}"
    return text + ("%" if percent else "")


def cell_text(value, number_format: str | None = None) -> str:
    if value is None:
        return ""
    if isinstance(value, (int, float)):
        return format_number(value, number_format)
    text = str(value).replace("\r", "").replace("\n", "")
    return text.strip(" \t\u00a0")


def sheet_grid(cells: dict[tuple[int, int], str], merged: list[tuple[int, int, int, int]], page: int) -> Grid:
    """Cell texts by (row, col) (0-based) and merged ranges (r0, r1, c0, c1, inclusive) to
    a grid of the rows and columns that print something: work follows what is printed,
    not the range a sheet declares (a merge over A2:XFD1048576 is a few cells here)."""
    filled = {key: text for key, text in cells.items() if text}
    rows = sorted({r for r, _ in filled})
    cols = sorted({c for _, c in filled})
    for r0, r1, c0, c1 in merged:  # a merged header spans columns that may print nothing
        if (r0, c0) in filled:
            rows.extend(r for r in (r0, r1) if r not in rows)
            cols.extend(c for c in (c0, c1) if c not in cols)
    rows, cols = sorted(set(rows)), sorted(set(cols))
    row_at = {r: i for i, r in enumerate(rows)}
    col_at = {c: i for i, c in enumerate(cols)}

    def span(values: list[int], at: dict[int, int], a: int, b: int) -> tuple[int, int] | None:
        i, j = bisect_left(values, a), bisect_right(values, b)
        return (at[values[i]], at[values[j - 1]]) if i < j else None

    taken: set[tuple[int, int]] = set()
    out: list[GridCell] = []
    for r0, r1, c0, c1 in merged:
        rs, cs = span(rows, row_at, r0, r1), span(cols, col_at, c0, c1)
        if rs is None or cs is None:
            continue
        out.append(GridCell(rs[0], rs[1], cs[0], cs[1], filled.get((r0, c0), "")))
        taken.update((r, c) for r in range(rs[0], rs[1] + 1) for c in range(cs[0], cs[1] + 1))
    for (r, c), text in filled.items():
        if (row_at[r], col_at[c]) not in taken:
            out.append(GridCell(row_at[r], row_at[r], col_at[c], col_at[c], text))
            taken.add((row_at[r], col_at[c]))
    out += [GridCell(r, r, c, c, "") for r in range(len(rows)) for c in range(len(cols)) if (r, c) not in taken]
    out.sort(key=lambda cell: (cell.r0, cell.c0))
    return Grid(out, page, None, len(cols), len(rows))


def read_sheets(
    sheets: list[Grid], name: str, source_format: str, choice: Choice | None = None, notices: tuple[Unrecognized, ...] = ()
) -> Report:
    sheets = [sheet for sheet in sheets if any(cell.text for cell in sheet.cells)]
    for sheet in sheets:
        check_digit_runs("\n".join(cell.text for cell in sheet.cells), name, f"第{sheet.page}个工作表")
    if not sheets:
        raise NotAReport(f"{name}：工作簿中没有任何内容")
    items: list[Item] = list(sheets)
    pages = [Page(index=sheet.page, first_line=0) for sheet in sheets]
    report = assemble(items, pages, name, source_format, "", choice, notices=notices)
    if not report.parts:  # a workbook of tables only: it has no narrative to miss
        report = replace(report, unrecognized=tuple(u for u in report.unrecognized if u.code != "truncated"))
    return report


def is_xlsx(data: bytes) -> bool:
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as archive:
            return "xl/workbook.xml" in archive.namelist()
    except (zipfile.BadZipFile, NotImplementedError, ValueError, OSError, EOFError):
        return False


_METHODS = {zipfile.ZIP_STORED: "", zipfile.ZIP_DEFLATED: "", zipfile.ZIP_BZIP2: "", zipfile.ZIP_LZMA: ""}


def check_archive(data: bytes, name: str) -> None:
    """Refuse, before anything is inflated, an archive whose parts use a compression method
    Python cannot read or would unpack to more than ``max_unpacked_bytes`` (a zip bomb).
    zipfile stops a part at its declared size, so the declared sizes bound the work."""
    limits = active()
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        infos = archive.infolist()
        if len(infos) > limits.max_cells:
            raise exceeded(name, "压缩包中的文件数", "max_cells", len(infos))
        for info in infos:
            if info.compress_type not in _METHODS:
                raise DamagedWorkbook(
                    f"{name}：XLSX 中的 {info.filename[:80]} 使用了不支持的压缩方法（编号 {info.compress_type}），无法读取"
                )
            if info.file_size > limits.max_unpacked_bytes:
                raise exceeded(name, f"XLSX 中的 {info.filename[:80]} 解压后的大小", "max_unpacked_bytes", info.file_size)
        if sum(info.file_size for info in infos) > 4 * limits.max_unpacked_bytes:
            raise exceeded(name, "XLSX 解压后的总大小", "max_unpacked_bytes")


def _number_format(workbook, style_id: int, name: str, where: str) -> str:
    from openpyxl.styles.numbers import BUILTIN_FORMATS, BUILTIN_FORMATS_MAX_SIZE

    try:
        style = workbook._cell_styles[style_id]
        number_format_id = style.numFmtId
        if number_format_id < BUILTIN_FORMATS_MAX_SIZE:
            return str(BUILTIN_FORMATS.get(number_format_id, "General"))
        return str(workbook._number_formats[number_format_id - BUILTIN_FORMATS_MAX_SIZE])
    except (IndexError, TypeError) as exc:
        raise DamagedWorkbook(f"{name}：XLSX 工作簿已损坏：单元格 {where} 的样式编号 {style_id} 不存在，无法确定其数字格式") from exc


def _sheet_cells(workbook, ws, name: str, page: int) -> tuple[dict[tuple[int, int], str], list[tuple[int, int, int, int]]]:
    """The cells a sheet's XML holds, and its merged ranges, read as they stream by: the
    declared dimension and the ranges' areas are never iterated (openpyxl's own row
    iteration pads every row to the declared width and expands every merge cell by cell)."""
    from openpyxl.utils.cell import range_boundaries
    from openpyxl.worksheet._reader import WorkSheetParser

    limits = active()
    cells: dict[tuple[int, int], str] = {}
    count = 0
    with ws._get_source() as source:
        parser = WorkSheetParser(
            source,
            ws._shared_strings,
            data_only=True,
            epoch=workbook.epoch,
            date_formats=workbook._date_formats,
            timedelta_formats=workbook._timedelta_formats,
        )
        for _, row in parser.parse():
            for cell in row:
                count += 1
                if count > limits.max_cells:
                    raise exceeded(name, f"第{page}个工作表的单元格数", "max_cells")
                value = cell["value"]
                if value is None:
                    continue
                r, c = cell["row"], cell["column"]
                number_format = None
                if isinstance(value, (int, float)):
                    number_format = _number_format(workbook, cell["style_id"] or 0, name, f"R{r}C{c}")
                cells[(r - 1, c - 1)] = cell_text(value, number_format)
        merged: list[tuple[int, int, int, int]] = []
        ranges = parser.merged_cells.mergeCell if parser.merged_cells is not None else []
        if len(ranges) > limits.max_merges:
            raise exceeded(name, f"第{page}个工作表的合并单元格数", "max_merges", len(ranges))
        for merge in ranges:
            try:
                c0, r0, c1, r1 = range_boundaries(merge.ref)
            except (TypeError, ValueError):
                continue  # a range without both corners merges nothing printable
            if None not in (c0, r0, c1, r1):
                merged.append((r0 - 1, r1 - 1, c0 - 1, c1 - 1))
    return cells, merged


def read_xlsx(data: bytes, name: str, choice: Choice | None = None) -> Report:
    if not is_xlsx(data):
        try:
            zipfile.ZipFile(io.BytesIO(data)).close()
        except zipfile.BadZipFile as exc:
            raise DamagedWorkbook(f"{name}：ZIP/XLSX 文件已损坏，无法打开") from exc
        except NotImplementedError as exc:  # e.g. a "version needed to extract" beyond zipfile's
            raise DamagedWorkbook(f"{name}：ZIP/XLSX 文件使用了不支持的压缩格式（{exc}），无法读取") from exc
        except (ValueError, OSError, EOFError) as exc:
            raise DamagedWorkbook(f"{name}：ZIP/XLSX 文件已损坏，无法打开（{type(exc).__name__}）") from exc
        raise UnsupportedFormat(f"{name}：是 ZIP 压缩文件，但不是 XLSX 工作簿（可能是 DOCX 或其他压缩包），无法读取")
    check_archive(data, name)
    from openpyxl import load_workbook

    with warnings.catch_warnings():  # openpyxl warns on stderr about styles it repairs
        warnings.simplefilter("ignore")
        try:
            workbook = load_workbook(io.BytesIO(data), data_only=True, read_only=True)
        except Exception as exc:  # openpyxl raises many kinds on a broken file
            raise DamagedWorkbook(f"{name}：XLSX 工作簿已损坏，无法打开（{type(exc).__name__}）") from exc
        try:
            if len(workbook.worksheets) > active().max_pages:
                raise exceeded(name, "工作表数", "max_pages", len(workbook.worksheets))
            sheets = []
            for index, ws in enumerate(workbook.worksheets, start=1):
                if not hasattr(ws, "_get_source"):
                    continue  # a chartsheet prints no cells
                try:
                    cells, merged = _sheet_cells(workbook, ws, name, index)
                except (JuesuanError, MemoryError):
                    raise
                except Exception as exc:  # damaged sheet XML: openpyxl raises many kinds
                    raise DamagedWorkbook(f"{name}：XLSX 第{index}个工作表已损坏，无法读取（{type(exc).__name__}）") from exc
                sheets.append(sheet_grid(cells, merged, index))
        finally:
            workbook.close()
    return read_sheets(sheets, name, "xlsx", choice)
