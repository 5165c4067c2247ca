"""HTML publications: <table> pages and text-block pages read like the text."""

from __future__ import annotations

import html

import pytest
from formats import FIXTURES, REPORTS, golden
from test_read_variants import content

from juesuan.model.tidy import to_csv
from juesuan.read import read_bytes, read_path


@pytest.mark.parametrize("stem", list(REPORTS))
def test_html_tables_give_the_text_readers_cells(stem):
    report = read_path(FIXTURES / f"{stem}.html")
    assert report.metadata.source_format == "html"
    assert to_csv(report) == golden(stem)
    assert content(report) == content(read_path(REPORTS[stem]))


@pytest.mark.parametrize("stem", list(REPORTS))
def test_html_text_blocks_like_the_corpus(stem):
    text = REPORTS[stem].read_text(encoding="utf-8")
    lines = "".join(f"{html.escape(line)}<br>\n" for line in text.splitlines())
    page = f"<!DOCTYPE html><html><head><meta charset='utf-8'><script>var x = '<p>';</script></head><body><div>{lines}</div></body></html>"
    report = read_bytes(page.encode("utf-8"), "page.html")
    assert to_csv(report) == golden(stem)
