"""Rendering: the disclosure document (概况, nine tables, 情况说明, 名词解释) from data.

``build_document(report, facts)`` makes a format-neutral ``Document``; a renderer of
the registry (``default_registry()``) writes it as HTML, DOCX, PDF, XLSX or Markdown.
"""

from __future__ import annotations

from .build import build_document
from .facts import Facts
from .registry import Registry, default_registry, render_report

__all__ = ["Facts", "Registry", "build_document", "default_registry", "render_report"]
