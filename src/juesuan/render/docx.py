"""DOCX (python-docx): Word headings, body paragraphs with a first-line indent, and
real Word tables (merged header cells, ruled, header rows repeated on each page) on
landscape sections."""

from __future__ import annotations

from docx import Document as WordDocument
from docx.enum.section import WD_ORIENT, WD_SECTION
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt

from .document import Chart, Document, Heading, TableBlock, Text

BODY_FONT = "宋体"


def _font(run, size: float | None = None, bold: bool = False) -> None:
    run.font.name = BODY_FONT
    run._element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    if size:
        run.font.size = Pt(size)
    run.bold = bold or None


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    flag = OxmlElement("w:tblHeader")
    flag.set(qn("w:val"), "true")
    properties.append(flag)


def _orient(word, landscape: bool) -> None:
    section = word.add_section(WD_SECTION.NEW_PAGE)
    width, height = section.page_width, section.page_height
    if landscape != (width > height):
        section.page_width, section.page_height = height, width
    section.orientation = WD_ORIENT.LANDSCAPE if landscape else WD_ORIENT.PORTRAIT
    margin = Cm(1.5) if landscape else Cm(2.2)
    section.left_margin = section.right_margin = margin


def _set(cell, text: str, *, bold: bool = False, align=WD_ALIGN_PARAGRAPH.LEFT, indent: int = 0, size: float = 8.5) -> None:
    paragraph = cell.paragraphs[0]
    paragraph.alignment = align
    if indent:
        paragraph.paragraph_format.left_indent = Pt(9 * indent)
    _font(paragraph.add_run(text), size, bold)


def add_table(word, block: TableBlock) -> None:
    _font(word.add_paragraph().add_run(block.number), 10)
    title = word.add_paragraph()
    title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _font(title.add_run(block.title), 15, True)
    if block.heading_left or block.heading_right:
        heading = word.add_paragraph()
        _font(heading.add_run("\u3000".join(filter(None, (block.heading_left, block.heading_right)))), 9)
    table = word.add_table(rows=block.header_rows + len(block.body), cols=block.ncols)
    table.style = "Table Grid"
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    grid = table._cells  # computed once: table.cell() recomputes it on every call
    n = block.ncols
    merges = []
    for cell in block.header:
        _set(grid[cell.row * n + cell.col], cell.text, bold=True, align=WD_ALIGN_PARAGRAPH.CENTER)
        if cell.rowspan > 1 or cell.colspan > 1:
            merges.append((cell.row * n + cell.col, (cell.row + cell.rowspan - 1) * n + cell.col + cell.colspan - 1))
    rows = table.rows
    for r in range(block.header_rows):
        _repeat_header(rows[r])
    for i, cells in enumerate(block.body):
        r = block.header_rows + i
        for cell in cells:
            align = (
                WD_ALIGN_PARAGRAPH.RIGHT
                if cell.numeric and "." in cell.text
                else WD_ALIGN_PARAGRAPH.CENTER
                if cell.numeric or cell.text.isdigit()
                else WD_ALIGN_PARAGRAPH.LEFT
            )
            _set(grid[r * n + cell.col], cell.text, bold=cell.bold, align=align, indent=cell.level)
            if cell.colspan > 1:
                merges.append((r * n + cell.col, r * n + cell.col + cell.colspan - 1))
    for a, b in merges:
        grid[a].merge(grid[b])
    for note in block.notes:
        _font(word.add_paragraph().add_run(note), 9)


def build_docx(document: Document):
    word = WordDocument()
    word.core_properties.title = document.title
    word.core_properties.author = "juesuan render"
    style = word.styles["Normal"]
    style.font.name = BODY_FONT
    style.element.get_or_add_rPr().get_or_add_rFonts().set(qn("w:eastAsia"), BODY_FONT)
    style.font.size = Pt(12)
    first = True
    for section in document.sections:
        landscape = section.kind == "tables"
        if not first:
            _orient(word, landscape)
        first = False
        heading = word.add_heading(level=1)
        heading.alignment = WD_ALIGN_PARAGRAPH.CENTER
        _font(heading.add_run(section.heading), 16, True)
        tables_done = 0
        for block in section.blocks:
            if isinstance(block, Heading):
                _font(word.add_heading(level=block.level).add_run(block.text), 13 if block.level == 2 else 12, True)
            elif isinstance(block, Text):
                paragraph = word.add_paragraph()
                if block.indent:
                    paragraph.paragraph_format.first_line_indent = Pt(24)
                _font(paragraph.add_run(block.text))
            elif isinstance(block, TableBlock):
                if tables_done:
                    word.add_page_break()
                add_table(word, block)
                tables_done += 1
            elif isinstance(block, Chart):
                caption = word.add_paragraph()
                _font(caption.add_run(block.title), 11, True)
                for label, value in block.items:
                    _font(word.add_paragraph(style="List Bullet").add_run(f"{label}：{value}"), 10)
    return word


def write_docx(document: Document, path) -> None:
    build_docx(document).save(str(path))
