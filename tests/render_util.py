"""Shared by the render tests: corpus reports, their documents, and derived reports."""

from __future__ import annotations

import shutil
from dataclasses import replace
from decimal import Decimal
from functools import cache

import pytest
from conftest import JIANGMEN, LIANJIANG

from juesuan.model import Report, map_cells
from juesuan.read import read_path
from juesuan.render import build_document
from juesuan.render.facts import from_report
from juesuan.render.pdf import chromium

CORPUS = {"jiangmen-2024": JIANGMEN, "lianjiang-2023": LIANJIANG}

needs_chromium = pytest.mark.skipif(
    chromium() is None, reason="needs chromium (apt-get install chromium fonts-noto-cjk; make test installs it)"
)
needs_pdftoppm = pytest.mark.skipif(
    shutil.which("pdftoppm") is None, reason="needs pdftoppm (apt-get install poppler-utils; make test installs it)"
)


@cache
def corpus(stem: str) -> Report:
    return read_path(CORPUS[stem])


@cache
def document(stem: str):
    report = corpus(stem)
    return build_document(report, from_report(report))


def with_cells(report: Report, values: dict[tuple[str, str, str], str]) -> Report:
    """A copy of the report with cells set: (table, row key or role, column key) → amount."""

    def set_value(table, row, cell):
        for (kind, key, column), amount in values.items():
            if kind == table.kind and key in (row.key, row.role) and column == cell.column:
                cell = replace(cell, amount=Decimal(amount), text=f"{Decimal(amount):,}")
        return cell

    return map_cells(report, set_value)
