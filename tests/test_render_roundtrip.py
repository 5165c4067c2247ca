"""Each corpus report rendered in every format reads back to the same cells, and the
rendered document passes `check` without an error."""

from __future__ import annotations

import pytest
from render_util import CORPUS, corpus, document, needs_chromium

from juesuan.checks import check
from juesuan.model.tidy import to_csv
from juesuan.read import read_path
from juesuan.render import default_registry
from juesuan.render.document import TableBlock

STEMS = list(CORPUS)


def _render(stem: str, fmt: str, tmp_path):
    path = tmp_path / f"{stem}.{fmt}"
    default_registry().get(fmt).write(document(stem), path)
    return path


def _errors(report) -> list[str]:
    return [f"{f.rule} {f.message}" for f in check(report) if f.severity == "error"]


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("fmt", ["html", "xlsx", pytest.param("pdf", marks=needs_chromium)])
def test_rendered_reads_back_to_the_same_cells(stem, fmt, tmp_path):
    back = read_path(_render(stem, fmt, tmp_path))
    assert to_csv(back) == to_csv(corpus(stem))
    assert back.unrecognized == (), back.unrecognized


@pytest.mark.parametrize("stem", STEMS)
@pytest.mark.parametrize("fmt", ["html", pytest.param("pdf", marks=needs_chromium)])
def test_rendered_document_has_no_error(stem, fmt, tmp_path):
    back = read_path(_render(stem, fmt, tmp_path))
    assert [p.kind for p in back.parts] == ["overview", "tables", "narrative", "glossary"]
    assert _errors(back) == []
    assert len(back.glossary) == len(corpus(stem).glossary)


@pytest.mark.parametrize("stem", STEMS)
def test_corpus_render_needs_nothing_filled_in(stem):
    assert document(stem).placeholders == ()


@pytest.mark.parametrize("stem", STEMS)
def test_docx_has_the_nine_tables_cell_for_cell(stem, tmp_path):
    import docx

    word = docx.Document(str(_render(stem, "docx", tmp_path)))
    blocks = [b for b in document(stem).tables()]
    assert len(word.tables) == 9
    for table, block in zip(word.tables, blocks):
        texts = [[c.text for c in row.cells] for row in table.rows]
        for i, cells in enumerate(block.body):
            for cell in cells:
                assert texts[block.header_rows + i][cell.col] == cell.text
    headings = [p.text for p in word.paragraphs if p.style.name.startswith("Heading 1")]
    assert [h[:4] for h in headings] == ["第一部分", "第二部分", "第三部分", "第四部分"]


@pytest.mark.parametrize("stem", STEMS)
def test_markdown_has_every_table_and_the_narrative(stem, tmp_path):
    text = _render(stem, "md", tmp_path).read_text(encoding="utf-8")
    for block in document(stem).tables():
        assert f"**{block.number}　{block.title}**" in text
    assert "## 第三部分" in text and "与上年决算数持平" in text
    assert "| 栏次 |" in text


def test_tables_are_published_in_the_official_layout():
    blocks = {b.kind: b for b in document("jiangmen-2024").tables()}
    t1 = blocks["T1"]
    assert t1.heading_left == "单位：江门市医疗保障局（本级）" and t1.heading_right == "单位：万元"
    assert [c.text for c in t1.header if c.row == 2] == ["栏次", "1", "栏次", "2"]
    assert [c.text for c in t1.body[0]] == ["一、一般公共预算财政拨款收入", "1", "1,956.92", "一、一般公共服务支出", "31", "2.39"]
    t2 = blocks["T2"]
    names = {c.text: c.level for row in t2.body for c in row if c.col == 1}
    assert names["一般公共服务支出"] == 0 and names["政府办公厅（室）及相关机构事务"] == 1 and names["一般行政管理事务"] == 2
    assert "本表本年度无发生额。" in blocks["T8"].notes
    assert all(isinstance(b, TableBlock) for b in blocks.values())
