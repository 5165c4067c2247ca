"""Markdown: headings, paragraphs, tables as pipe tables (merged header cells repeated
per column, the 栏次 row kept), notes, and the chart data as lists."""

from __future__ import annotations

from .document import Chart, Document, Heading, TableBlock, Text

_INDENT = "\u3000"


def _escape(text: str) -> str:
    return text.replace("|", "\\|")


def table_markdown(block: TableBlock) -> str:
    out = [f"**{block.number}　{block.title}**", ""]
    heading = "　".join(filter(None, (block.heading_left, block.heading_right)))
    if heading:
        out += [heading, ""]
    labels = []
    for c in range(block.ncols):
        parts = []
        for cell in block.header:
            if cell.col <= c < cell.col + cell.colspan and not cell.text.isdigit() and cell.text != "栏次":
                parts.append(cell.text)
        labels.append("/".join(dict.fromkeys(parts)))
    numbers = [
        next((cell.text for cell in block.header if cell.col == c and (cell.text.isdigit() or cell.text == "栏次")), "")
        for c in range(block.ncols)
    ]
    out.append("| " + " | ".join(_escape(label) for label in labels) + " |")
    out.append(
        "|"
        + "|".join(
            "---:" if any(c.col == i and c.numeric and "." in c.text for r in block.body for c in r) else "---" for i in range(block.ncols)
        )
        + "|"
    )
    if any(numbers):
        out.append("| " + " | ".join(numbers) + " |")
    for cells in block.body:
        line = ["" for _ in range(block.ncols)]
        for cell in cells:
            line[cell.col] = _INDENT * (2 * cell.level) + (f"**{cell.text}**" if cell.bold and cell.text else cell.text)
        out.append("| " + " | ".join(_escape(text) for text in line) + " |")
    out.append("")
    out += [f"{note}  " for note in block.notes]
    return "\n".join(out) + "\n"


def render_markdown(document: Document) -> str:
    out = [f"# {document.title}", ""]
    for section in document.sections:
        out += [f"## {section.heading}", ""]
        for block in section.blocks:
            if isinstance(block, Heading):
                out += [f"{'#' * (block.level + 1)} {block.text}", ""]
            elif isinstance(block, Text):
                out += [(_INDENT * 2 if block.indent else "") + block.text, ""]
            elif isinstance(block, TableBlock):
                out += [table_markdown(block)]
            elif isinstance(block, Chart):
                out += [f"*{block.title}*", ""] + [f"- {label}：{value}" for label, value in block.items] + [""]
    return "\n".join(out).rstrip() + "\n"


def write_markdown(document: Document, path) -> None:
    path.write_text(render_markdown(document), encoding="utf-8")
