"""XLSX: a sheet per table in the official layout (openpyxl). Amounts are numbers with
the number format that prints them as published ('#,##0.00'), so a reader gets the
printed text back; merged header cells, ruled cells, landscape A4, header rows
repeated on each printed page."""

from __future__ import annotations

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.properties import PageSetupProperties

from ..model.numbers import amount
from ..model.tidy import text_only
from .document import Document, TableBlock

THIN = Side(style="thin", color="000000")
RULED = Border(left=THIN, right=THIN, top=THIN, bottom=THIN)
FONT = "宋体"


def number_format(text: str) -> str:
    places = len(text.split(".")[1]) if "." in text else 0
    base = "#,##0" if "," in text else "0"
    return base + ("." + "0" * places if places else "")


def _put(
    ws,
    row: int,
    col: int,
    text: str,
    numeric: bool = False,
    *,
    ruled: bool = True,
    bold: bool = False,
    align: str = "center",
    rowspan: int = 1,
    colspan: int = 1,
    size: int = 10,
    indent: int = 0,
) -> None:
    cell = ws.cell(row=row, column=col)
    if numeric:
        value = amount(text)  # written as the Decimal it is (openpyxl keeps its digits), never a float
        cell.value = int(value) if "." not in text else value
        cell.number_format = number_format(text)
    else:
        cell.value = text
    cell.font = Font(name=FONT, size=size, bold=bold)
    cell.alignment = Alignment(horizontal=align, vertical="center", wrap_text=True, indent=indent)
    if rowspan > 1 or colspan > 1:
        ws.merge_cells(start_row=row, start_column=col, end_row=row + rowspan - 1, end_column=col + colspan - 1)
    if ruled:
        for r in range(row, row + rowspan):
            for c in range(col, col + colspan):
                ws.cell(row=r, column=c).border = RULED


def _units(text: str) -> float:
    return sum(1.0 if ord(ch) < 0x2E80 else 1.9 for ch in text)


def _height(cells, widths: list[float]) -> float:
    needed = 1
    for cell in cells:
        width = sum(widths[cell.col : cell.col + cell.colspan])
        lines = max(1, -(-int(_units(cell.text) + 1.5) // max(1, int(width - 1))))
        needed = max(needed, -(-lines // cell.rowspan))
    return 14 * needed + 2


def write_sheet(ws, block: TableBlock) -> int:
    """The table on the sheet; returns the sheet row of its first body line (the audit
    workbook marks cells from there)."""
    n = block.ncols
    widths = [w * 1.25 for w in block.widths]
    for i, width in enumerate(widths, start=1):
        ws.column_dimensions[get_column_letter(i)].width = width
    _put(ws, 1, 1, block.number, ruled=False, align="left", colspan=2)
    _put(ws, 2, 1, block.title, ruled=False, bold=True, colspan=n, size=16)
    ws.row_dimensions[2].height = 30
    half = max(1, n - 2)
    if block.heading_left:
        _put(ws, 3, 1, block.heading_left, ruled=False, align="left", colspan=half)
    if block.heading_right:
        _put(ws, 3, half + 1, block.heading_right, ruled=False, align="right", colspan=n - half)
    top = 4
    for cell in block.header:
        _put(ws, top + cell.row, cell.col + 1, cell.text, bold=True, rowspan=cell.rowspan, colspan=cell.colspan)
    for r in range(top, top + block.header_rows):
        for c in range(1, n + 1):
            ws.cell(row=r, column=c).border = RULED
        ws.row_dimensions[r].height = _height([c for c in block.header if c.row == r - top], widths)
    ws.print_title_rows = f"{top}:{top + block.header_rows - 1}"
    row = first = top + block.header_rows
    for cells in block.body:
        for c in range(1, n + 1):
            ws.cell(row=row, column=c).border = RULED
        for cell in cells:
            label_number = cell.numeric and "." not in cell.text
            align = "center" if label_number or (not cell.numeric and cell.text.isdigit()) else "right" if cell.numeric else "left"
            _put(ws, row, cell.col + 1, cell.text, cell.numeric, bold=cell.bold, colspan=cell.colspan, align=align, indent=2 * cell.level)
        ws.row_dimensions[row].height = _height(cells, widths)
        row += 1
    for note in block.notes:
        _put(ws, row, 1, note, ruled=False, align="left", colspan=n)
        ws.row_dimensions[row].height = 15 * (1 + int(_units(note) / (sum(widths) or 1)))
        row += 1
    ws.page_setup.orientation = "landscape"
    ws.page_setup.paperSize = ws.PAPERSIZE_A4
    ws.page_setup.fitToWidth = 1
    ws.page_setup.fitToHeight = 0
    ws.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    ws.print_options.horizontalCentered = True
    ws.oddFooter.center.text = "- &P -"
    return first


def workbook(document: Document) -> Workbook:
    wb = Workbook()
    wb.remove(wb.active)
    for block in document.tables():
        write_sheet(wb.create_sheet(block.number or block.kind), block)
    wb.properties.title = document.title
    wb.properties.creator = "juesuan render"
    return wb


def write_xlsx(document: Document, path) -> None:
    text_only(workbook(document)).save(path)
