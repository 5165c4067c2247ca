"""Legacy XLS workbooks (xlrd) to the same grids as XLSX: a sheet per page."""

from __future__ import annotations

from ..errors import DamagedWorkbook, UnsupportedFormat
from ..model import Report
from .document import Choice
from .xlsx import cell_text, read_sheets, sheet_grid


def read_xls(data: bytes, name: str, choice: Choice | None = None) -> Report:
    import xlrd

    try:
        book = xlrd.open_workbook(file_contents=data, formatting_info=True)
    except xlrd.XLRDError as exc:
        if "Workbook" in str(exc) or "not supported" in str(exc).lower():
            raise UnsupportedFormat(f"{name}：是 OLE 复合文档，但不是 XLS 工作簿（可能是 DOC），无法读取") from exc
        raise DamagedWorkbook(f"{name}：XLS 工作簿已损坏，无法打开（{exc}）") from exc
    except Exception as exc:
        raise DamagedWorkbook(f"{name}：XLS 工作簿已损坏，无法打开（{type(exc).__name__}）") from exc
    sheets = []
    for index in range(book.nsheets):
        sheet = book.sheet_by_index(index)
        cells: dict[tuple[int, int], str] = {}
        for r in range(sheet.nrows):
            for c in range(sheet.ncols):
                cell = sheet.cell(r, c)
                if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK):
                    continue
                number_format = None
                if cell.ctype == xlrd.XL_CELL_NUMBER:
                    xf = book.xf_list[cell.xf_index]
                    number_format = book.format_map[xf.format_key].format_str
                    text = cell_text(cell.value, number_format)
                else:
                    text = cell_text(cell.value)
                cells[(r, c)] = text
        merged = [(r0, r1 - 1, c0, c1 - 1) for r0, r1, c0, c1 in sheet.merged_cells]
        sheets.append(sheet_grid(cells, merged, index + 1))
    return read_sheets(sheets, name, "xls", choice)
