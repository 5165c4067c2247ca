"""Legacy XLS workbooks (xlrd) to the same grids as XLSX: a sheet per page."""

from __future__ import annotations

import io

from ..errors import DamagedWorkbook, UnsupportedFormat
from ..limits import active, exceeded
from ..model import Report, Source, Unrecognized
from .document import Choice
from .xlsx import cell_text, read_sheets, sheet_grid


def read_xls(data: bytes, name: str, choice: Choice | None = None) -> Report:
    import xlrd

    log = io.StringIO()  # xlrd writes its warnings to stdout unless given a log: they become a notice
    exhausted = False
    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True, logfile=log, verbosity=0)
    except MemoryError:  # a damaged record can make xlrd allocate without bound (xls-record-memory-bomb.xls)
        exhausted = True  # raised below, outside this block: no traceback keeps xlrd's allocations alive
    except xlrd.XLRDError as exc:
        if "Workbook" in str(exc) or "not supported" in str(exc).lower():
            raise UnsupportedFormat(f"{name}：是 OLE 复合文档，但不是 XLS 工作簿（可能是 DOC），无法读取") from exc
        raise DamagedWorkbook(f"{name}：XLS 工作簿已损坏，无法打开（{exc}）") from exc
    except Exception as exc:
        raise DamagedWorkbook(f"{name}：XLS 工作簿已损坏，无法打开（{type(exc).__name__}）") from exc
    if exhausted:
        raise DamagedWorkbook(f"{name}：XLS 工作簿已损坏：读取它所需的内存超出上限（MemoryError），无法打开")
    limits = active()
    if book.nsheets > limits.max_pages:
        raise exceeded(name, "工作表数", "max_pages", book.nsheets)
    sheets = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        if sheet.nrows * sheet.ncols > limits.max_cells:
            raise exceeded(name, f"第{index + 1}个工作表的单元格数", "max_cells", sheet.nrows * sheet.ncols)
        if len(sheet.merged_cells) > limits.max_merges:
            raise exceeded(name, f"第{index + 1}个工作表的合并单元格数", "max_merges", len(sheet.merged_cells))
        cells: dict[tuple[int, int], str] = {}
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                number_format = None
                if cell.ctype == xlrd.XL_CELL_NUMBER:
                    try:
                        xf = book.xf_list[cell.xf_index]
                        number_format = book.format_map[xf.format_key].format_str
                    except (IndexError, KeyError) as exc:
                        raise DamagedWorkbook(
                            f"{name}：XLS 工作簿已损坏：第{index + 1}个工作表 R{r + 1}C{c + 1} 的样式不存在，无法确定其数字格式"
                        ) from exc
                    text = cell_text(cell.value, number_format)
                else:
                    text = cell_text(cell.value)
                cells[(r, c)] = text
        merged = [(r0, r1 - 1, c0, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        sheets.append(sheet_grid(cells, merged, index + 1))
    warned = [line.strip() for line in log.getvalue().splitlines() if line.strip()]
    notices: tuple[Unrecognized, ...] = ()
    if warned:
        text = "；".join(warned[:3])[:300]
        notices = (
            Unrecognized(
                code="workbook-damaged", message=f"XLS 工作簿有损坏之处（xlrd：{text}），已尽量读取", source=Source(page=1), text=text
            ),
        )
    return read_sheets(sheets, name, "xls", choice, notices)
