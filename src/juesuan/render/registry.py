"""Renderers by format name: every file juesuan writes for a reader (the command line's
``render``, the web's downloads) is written by one of them. A registry is built and
passed around, never mutated at module level: ``default_registry()`` returns a new one
with the five document formats and the two audit formats; the web adds its page.

A renderer renders one product: ``document`` (the disclosure, a ``Document``) or
``audit`` (a report with its findings, an ``audit.Audit``).
"""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ..model import Report
from .document import Document
from .facts import Facts

Write = Callable[[Any, Path], None]  # (the product, the file to write)


@dataclass(frozen=True)
class Renderer:
    name: str  # 'html'
    suffix: str  # '.html'
    write: Write
    description: str = ""
    media_type: str = "application/octet-stream"
    product: str = "document"  # 'document' | 'audit'

    def to_bytes(self, subject: Any) -> bytes:
        """The file's content, for a download (written to a private temporary file:
        some writers, the PDF's browser among them, need a path)."""
        with tempfile.TemporaryDirectory(prefix="juesuan-") as directory:
            target = Path(directory) / f"out{self.suffix}"
            self.write(subject, target)
            return target.read_bytes()


@dataclass
class Registry:
    renderers: dict[str, Renderer] = field(default_factory=dict)

    def add(self, renderer: Renderer) -> Registry:
        self.renderers[renderer.name] = renderer
        return self

    def get(self, name: str) -> Renderer:
        try:
            return self.renderers[name]
        except KeyError:
            from ..errors import JuesuanError

            raise JuesuanError(f"不支持的输出格式 {name!r}（可用：{'、'.join(self.renderers)}）") from None

    def names(self, product: str = "document") -> tuple[str, ...]:
        return tuple(name for name, renderer in self.renderers.items() if renderer.product == product)


def _html(document: Document, path: Path) -> None:
    from .html import write_html

    write_html(document, path)


def _markdown(document: Document, path: Path) -> None:
    from .markdown import write_markdown

    write_markdown(document, path)


def _xlsx(document: Document, path: Path) -> None:
    from .xlsx import write_xlsx

    write_xlsx(document, path)


def _docx(document: Document, path: Path) -> None:
    from .docx import write_docx

    write_docx(document, path)


def _pdf(document: Document, path: Path) -> None:
    from .pdf import write_pdf

    write_pdf(document, path)


def _audit_xlsx(audit: Any, path: Path) -> None:
    from .audit import write_audit_xlsx

    write_audit_xlsx(audit, path)


def _audit_docx(audit: Any, path: Path) -> None:
    from .audit import write_audit_docx

    write_audit_docx(audit, path)


XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


def default_registry() -> Registry:
    registry = Registry()
    registry.add(Renderer("html", ".html", _html, "一个自包含的 HTML 文件（含打印样式）", "text/html; charset=utf-8"))
    registry.add(Renderer("docx", ".docx", _docx, "Word 文档（标题、表格）", DOCX))
    registry.add(Renderer("pdf", ".pdf", _pdf, "PDF（嵌入中文字体；需要 chromium）", "application/pdf"))
    registry.add(Renderer("xlsx", ".xlsx", _xlsx, "Excel 工作簿（每表一个工作表）", XLSX))
    registry.add(Renderer("md", ".md", _markdown, "Markdown", "text/markdown; charset=utf-8"))
    registry.add(Renderer("audit-xlsx", ".xlsx", _audit_xlsx, "审核结果 Excel：问题清单与标出问题单元格的各表", XLSX, "audit"))
    registry.add(Renderer("audit-docx", ".docx", _audit_docx, "审核结果 Word：问题清单", DOCX, "audit"))
    return registry


def render_report(report: Report, facts: Facts | None, fmt: str, path: Path, registry: Registry | None = None) -> Document:
    """Build the document and write it in ``fmt``; returns the document."""
    from .build import build_document

    document = build_document(report, facts)
    (registry or default_registry()).get(fmt).write(document, Path(path))
    return document


def write_all(
    document: Document, directory: Path, stem: str, formats: tuple[str, ...] | None = None, registry: Registry | None = None
) -> dict[str, Path]:
    """Every format at once; the PDF is printed by Chromium while the others are written."""
    registry = registry or default_registry()
    formats = formats or registry.names()
    paths = {fmt: Path(directory) / f"{stem}{registry.get(fmt).suffix}" for fmt in formats}
    job = None
    if "pdf" in formats:
        from .pdf import start_pdf

        job = start_pdf(document, paths["pdf"])
    for fmt in formats:
        if fmt != "pdf":
            registry.get(fmt).write(document, paths[fmt])
    if job is not None:
        job.wait()
    return paths
