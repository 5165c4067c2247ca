"""HTML: one self-contained file (inline CSS, charts as SVG data images), with a print
stylesheet (A4; tables on landscape pages, header rows repeated on each page)."""

from __future__ import annotations

import base64
from html import escape

from .document import Chart, Document, GridCell, Heading, PageBreak, TableBlock, Text, grid

CSS = """
@page { size: A4; margin: 20mm 18mm 18mm 18mm; }
@page landscape { size: A4 landscape; margin: 14mm 12mm; }
html { -webkit-print-color-adjust: exact; print-color-adjust: exact; }
body { font-family: "Noto Sans CJK SC", "Source Han Sans SC", "Microsoft YaHei", sans-serif; font-size: 12pt;
       line-height: 1.7; color: #000; max-width: 60em; margin: 2em auto; padding: 0 1em; }
h1 { font-size: 16pt; text-align: center; margin: 1.2em 0 0.8em; break-before: page; }
h1:first-of-type { break-before: auto; }
h2 { font-size: 13pt; margin: 0.8em 0 0.3em; }
h3 { font-size: 12pt; margin: 0.6em 0 0.2em; }
p { margin: 0.15em 0; text-indent: 2em; text-align: justify; }
p.placeholder, span.placeholder { background: #fff3bf; }
section.table-page { page: landscape; break-before: page; }
section.table-page:first-of-type { break-before: auto; }
.table-number { text-indent: 0; margin: 0; }
.table-title { text-align: center; font-size: 15pt; margin: 0.2em 0 0.4em; }
.table-heading { display: flex; justify-content: space-between; text-indent: 0; font-size: 10pt; }
table.ruled { border-collapse: collapse; width: 100%; font-size: 9.5pt; line-height: 1.35; font-family: "Noto Sans CJK SC", sans-serif; }
table.ruled th, table.ruled td { border: 0.75pt solid #000; padding: 2pt 4pt; vertical-align: middle; }
table.ruled th { font-weight: bold; text-align: center; background: #f2f2f2; }
table.ruled td.num { text-align: right; white-space: nowrap; font-variant-numeric: tabular-nums; }
table.ruled td.key { text-align: center; white-space: nowrap; }
table.ruled td.total { font-weight: bold; }
table.ruled thead { display: table-header-group; }
table.ruled tr { break-inside: avoid; }
p.note { text-indent: 0; font-size: 9.5pt; }
figure.chart { margin: 0.8em auto; text-align: center; break-inside: avoid; }
figure.chart img { max-width: 100%; height: auto; }
@media print { body { max-width: none; margin: 0; padding: 0; } p.placeholder, span.placeholder { background: none; } }
"""


def _placeholders(text: str) -> str:
    out = escape(text)
    return out.replace("【", '<span class="placeholder">【').replace("】", "】</span>")


def _cell(tag: str, cell: GridCell, classes: list[str]) -> str:
    attrs = ""
    if cell.rowspan > 1:
        attrs += f' rowspan="{cell.rowspan}"'
    if cell.colspan > 1:
        attrs += f' colspan="{cell.colspan}"'
    if cell.level:
        attrs += f' style="padding-left:{0.3 + 1.2 * cell.level:.1f}em"'
    if cell.bold and tag == "td":
        classes = classes + ["total"]
    if classes:
        attrs += f' class="{" ".join(classes)}"'
    return f"<{tag}{attrs}>{escape(cell.text)}</{tag}>"


def table_html(block: TableBlock) -> str:
    out = [
        '<section class="table-page">\n',
        f'<p class="table-number">{escape(block.number)}</p>\n',
        f'<h2 class="table-title">{escape(block.title)}</h2>\n',
    ]
    if block.heading_left or block.heading_right:
        out.append(
            f'<p class="table-heading"><span>{escape(block.heading_left)}</span>\u3000<span>{escape(block.heading_right)}</span></p>\n'
        )
    total = sum(block.widths)
    out.append('<table class="ruled">\n<colgroup>')
    out += [f'<col style="width:{100 * w / total:.1f}%">' for w in block.widths]
    out.append("</colgroup>\n<thead>\n")
    for cells in grid(block.header, block.header_rows, block.ncols):
        out.append("<tr>" + "".join("<th></th>" if cell is None else _cell("th", cell, []) for cell in cells) + "</tr>\n")
    out.append("</thead>\n<tbody>\n")
    for line in block.body:
        out.append("<tr>")
        for cell in grid(line, 1, block.ncols)[0]:
            if cell is None:
                out.append("<td></td>")
                continue
            kind = ["num"] if cell.numeric and "." in cell.text else ["key"] if cell.numeric or cell.text.isdigit() else []
            out.append(_cell("td", cell, kind))
        out.append("</tr>\n")
    out.append("</tbody>\n</table>\n")
    out += [f'<p class="note">{escape(note)}</p>\n' for note in block.notes]
    out.append("</section>\n")
    return "".join(out)


def chart_html(chart: Chart) -> str:
    data = base64.b64encode(chart.svg.encode("utf-8")).decode("ascii")
    return f'<figure class="chart"><img src="data:image/svg+xml;base64,{data}" alt="{escape(chart.title)}"></figure>\n'


def render_html(document: Document, charts: bool = True) -> str:
    body: list[str] = []
    for section in document.sections:
        body.append(f"<h1>{escape(section.heading)}</h1>\n")
        for block in section.blocks:
            if isinstance(block, Heading):
                body.append(f"<h{block.level}>{escape(block.text)}</h{block.level}>\n")
            elif isinstance(block, Text):
                cls = ' class="placeholder"' if block.text.startswith("【") else ""
                style = "" if block.indent else ' style="text-indent:0"'
                body.append(f"<p{cls}{style}>{_placeholders(block.text)}</p>\n")
            elif isinstance(block, TableBlock):
                body.append(table_html(block))
            elif isinstance(block, Chart) and charts:
                body.append(chart_html(block))
            elif isinstance(block, PageBreak):
                continue  # each table is on its own page (section.table-page)
    title = escape(document.title)
    return (
        f'<!DOCTYPE html>\n<html lang="zh-CN">\n<head>\n<meta charset="utf-8">\n<title>{title}</title>\n'
        f'<meta name="generator" content="juesuan render">\n<style>{CSS}</style>\n</head>\n<body>\n{"".join(body)}</body>\n</html>\n'
    )


def write_html(document: Document, path) -> None:
    path.write_text(render_html(document), encoding="utf-8")
