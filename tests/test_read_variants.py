"""Derived variants of the corpus reports read to the same cells and text."""

from __future__ import annotations

import pytest
from derive import crlf, gb18030, move_page_breaks, reorder_tables, utf8_bom

from juesuan.model import Report
from juesuan.read import read_bytes


def content(report: Report) -> dict:
    """What a report says, without where it was printed."""
    tables = {
        table.kind: [(row.key, row.name, row.role, row.code, tuple((c.column, c.text) for c in row.cells)) for row in table.rows]
        for table in report.tables
    }
    meta = report.metadata
    return {
        "tables": tables,
        "columns": {t.kind: [c.key for c in t.columns] for t in report.tables},
        "notes": {t.kind: (t.notes, t.no_activity, t.unit, t.entity) for t in report.tables},
        "narrative": [p.text for p in report.narrative],
        "overview": [p.text for p in report.overview],
        "glossary": [(g.term, g.definition) for g in report.glossary],
        "meta": (meta.entity, meta.scope, meta.year, meta.unit, meta.consolidated_units, meta.consolidated_count),
        "unrecognized": [u.code for u in report.unrecognized],
    }


@pytest.fixture
def original(corpus_path):
    text = corpus_path.read_text(encoding="utf-8")
    return text, read_bytes(text.encode("utf-8"), corpus_path.name)


@pytest.mark.parametrize("encode,encoding", [(crlf, "utf-8"), (gb18030, "gb18030"), (utf8_bom, "utf-8-sig")])
def test_line_ends_and_encodings(original, encode, encoding):
    text, report = original
    variant = read_bytes(encode(text), "variant.txt")
    assert variant.metadata.encoding == encoding
    assert content(variant) == content(report)
    # CRLF keeps the line numbering
    assert variant.table("T1").source.line == report.table("T1").source.line


def test_tables_in_another_order_and_numbering(original):
    text, report = original
    order = [8, 3, 0, 5, 1, 7, 2, 6, 4]  # 三公 first, printed as 表1
    variant = read_bytes(reorder_tables(text, order).encode("utf-8"), "reordered.txt")
    assert [t.kind for t in variant.tables] == [f"T{i + 1}" for i in order]
    assert variant.table("T9").number == "表1"
    assert variant.table("T1").number == "表3"
    assert content(variant) == content(report)


@pytest.mark.parametrize("every,offset", [(17, 0), (23, 5), (41, 11)])
def test_page_breaks_moved(original, every, offset):
    text, report = original
    moved = move_page_breaks(text, every, offset)
    assert moved != text
    variant = read_bytes(moved.encode("utf-8"), "moved.txt")
    assert content(variant) == content(report)
    assert [p.first_line for p in variant.pages] != [p.first_line for p in report.pages]
