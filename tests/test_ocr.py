"""OCR of scanned pages: scans made from a real report by tools/make_scans.py, read
and compared with the hand gold of that report (tests/gold/real/…cells.csv)."""

from __future__ import annotations

import csv
from dataclasses import replace
from decimal import Decimal

import cv2
import numpy as np
import pytest
from conftest import ROOT

from juesuan.checks import check
from juesuan.errors import ScannedPdf
from juesuan.model import Cell, Report, Source
from juesuan.model.report import map_cells
from juesuan.model.serialize import dumps, loads
from juesuan.read import ocr, read_path
from juesuan.read.ocr import Limits, image, page
from juesuan.read.ocr.pool import limits as ocr_limits

SCANNED = ROOT / "tests" / "fixtures" / "scanned"
REAL = ROOT / "tests" / "fixtures" / "real" / "juesuan" / "shanghai-putuo-planning-resources-bureau-2024-final.pdf"
GOLD = ROOT / "tests" / "gold" / "real" / "shanghai-putuo-planning-resources-bureau-2024-final.cells.csv"


def gold(pages: set[int]) -> dict[tuple[str, str, str], Decimal]:
    with GOLD.open(encoding="utf-8") as handle:
        return {
            (r["table"], r["row"] or r["name"], r["column"]): Decimal(r["amount"])
            for r in csv.DictReader(handle)
            if int(r["page"]) in pages
        }


def cells(report: Report) -> dict[tuple[str, str, str], Cell]:
    return {(t.kind, row.key or row.name, c.column): c for t in report.tables for row in t.rows for c in row.cells}


@pytest.fixture(scope="module")
def page8() -> Report:
    return read_path(SCANNED / "putuo-p8-200dpi.pdf")


@pytest.fixture(scope="module")
def mixed() -> Report:
    return read_path(SCANNED / "putuo-p7-9-mixed.pdf")


def test_a_scanned_table_page_reads_the_gold_cells(page8):
    expected = gold({8})
    got = cells(page8)
    assert len(expected) == 24
    wrong = {key: got[key].text for key, amount in expected.items() if key in got and got[key].amount != amount}
    missing = [key for key in expected if key not in got]
    assert wrong == {} and missing == []
    assert all(got[key].origin == "ocr" and 0 < got[key].confidence <= 1 for key in expected)
    assert set(got) == set(expected)  # nothing read that the page does not print


def test_the_report_says_how_many_cells_ocr_read(page8):
    (notice,) = [n for n in page8.unrecognized if n.code == "ocr-read"]
    read = sum(1 for c in cells(page8).values() if c.origin == "ocr")
    doubtful = sum(1 for c in cells(page8).values() if c.uncertain)
    assert notice.message.startswith(f"第1页为扫描图像，已由文字识别（OCR）读取：识别金额 {read} 个，其中 {doubtful} 个识别不确定")
    assert not [n for n in page8.unrecognized if n.code == "pages-scanned"]


def test_a_mixed_pdf_reads_text_and_image_pages_into_one_model(mixed):
    """Pages 7–9 of the report, page 9 a skewed, noisy 150 dpi scan at JPEG quality 50:
    收入决算表 begins on text page 8 and continues on the scanned page."""
    expected = gold({7, 8, 9})
    got = cells(mixed)
    silently_wrong = [key for key, amount in expected.items() if key in got and got[key].amount != amount and not got[key].uncertain]
    assert silently_wrong == []
    right = sum(1 for key, amount in expected.items() if key in got and got[key].amount == amount)
    assert right >= len(expected) - 1
    origins = {c.source.page: c.origin for c in got.values()}
    assert origins[1] == "" and origins[2] == "" and origins[3] == "ocr"
    t2 = mixed.table("T2")
    assert {c.source.page for row in t2.rows for c in row.cells} == {2, 3}  # one table across the two kinds of page


def test_model_json_carries_ocr_fields_and_keeps_text_cells_as_they_were(page8):
    text = dumps(page8)
    assert loads(text) == page8 and dumps(loads(text)) == text
    assert '"origin": "ocr"' in text
    plain = dumps(read_path(REAL))
    assert '"origin"' not in plain and '"confidence"' not in plain and '"uncertain"' not in plain


def _bumped(report: Report, uncertain: bool) -> Report:
    """收入决算表 2080501's total raised by 0.05: an identity breaks on that one cell."""

    def change(table, row, cell):
        if table.kind == "T2" and row.key == "2080501" and cell.column == "本年收入合计":
            return replace(
                cell, amount=Decimal("54.58"), text="54.58", origin="ocr", confidence=0.62 if uncertain else 0.999, uncertain=uncertain
            )
        return cell

    return map_cells(report, change)


def test_an_identity_broken_by_an_uncertain_cell_is_a_warning_naming_it():
    report = read_path(REAL)
    certain = [f for f in check(_bumped(report, False)) if f.rule in ("JS202", "JS302")]
    assert certain and all(f.severity == "error" for f in certain)
    doubtful = [f for f in check(_bumped(report, True)) if f.rule in ("JS202", "JS302")]
    assert len(doubtful) == len(certain)
    for finding in doubtful:
        assert finding.severity == "warning"
        assert "可能是识别误读：T2 2080501「本年收入合计」的“54.58”为文字识别（OCR）结果" in finding.message
    # the other errors of the report are untouched
    others = lambda fs: sorted((f.rule, f.severity, f.message) for f in fs if f.rule not in ("JS202", "JS302"))  # noqa: E731
    assert others(check(_bumped(report, True))) == others(check(report))


def test_a_sentence_with_a_doubtful_figure_is_a_warning():
    report = read_path(REAL)
    errors = [f for f in check(report) if f.rule == "JS710" and f.severity == "error"]
    assert errors and errors[0].quote
    figure = "95.45"
    narrative = tuple(replace(p, origin="ocr", uncertain=(figure,)) if errors[0].quote in p.text else p for p in report.narrative)
    (softened,) = [f for f in check(replace(report, narrative=narrative)) if f.rule == "JS710"]
    assert softened.severity == "warning" and "“95.45”为文字识别（OCR）结果" in softened.message


def test_without_the_ocr_extra_a_scanned_pdf_says_how_to_install_it(monkeypatch):
    monkeypatch.setattr(ocr, "available", lambda: False)
    with pytest.raises(ScannedPdf, match=r"未安装文字识别组件：pip install 'juesuan\[ocr\]'"):
        read_path(SCANNED / "putuo-p8-200dpi.pdf")


def test_pages_beyond_the_limit_are_reported_unread():
    with ocr_limits(Limits(max_pages=0)), pytest.raises(ScannedPdf, match="超过文字识别页数上限（0 页）"):
        read_path(SCANNED / "putuo-p8-200dpi.pdf")
    with pytest.raises(ValueError):
        Limits(dpi=600)


def test_recognised_amounts_are_joined_and_folded():
    assert page.tidy_text("446. 11") == "446.11"
    assert page.tidy_text("１，９５６．９２") == "1,956.92"
    assert page.tidy_text("一般 公共") == "一般 公共"  # words of text keep their space


def _grid_image(angle: float = 0.0) -> np.ndarray:
    """A 200 dpi image of a 3×4 ruled grid, turned by ``angle`` degrees."""
    grey = np.full((800, 1200), 255, np.uint8)
    for y in (100, 250, 400, 550):
        cv2.line(grey, (100, y), (1100, y), 0, 3)
    for x in (100, 500, 800, 1100):
        cv2.line(grey, (x, 100), (x, 550), 0, 3)
    if angle:
        matrix = cv2.getRotationMatrix2D((600, 400), angle, 1.0)
        grey = cv2.warpAffine(grey, matrix, (1200, 800), borderValue=255)
    return grey


def test_rulings_of_a_drawn_grid():
    hrules, vrules, mask = image.rulings(image.binary(_grid_image()), 200)
    assert len(hrules) == 4 and len(vrules) == 4
    assert sorted(round(r[1] * 200 / 72) for r in hrules) == [100, 250, 400, 550]
    assert sorted(round(r[0] * 200 / 72) for r in vrules) == [100, 500, 800, 1100]


def test_a_skewed_scan_is_turned_straight():
    turned = _grid_image(0.5)
    angle = image.skew_angle(turned)
    assert abs(angle - 0.5) < 0.1
    hrules, vrules, _ = image.rulings(image.binary(image.deskew(turned, angle)), 200)
    assert len(hrules) == 4 and len(vrules) == 4


def test_cells_of_text_pages_have_no_ocr_marks():
    report = read_path(REAL)
    assert all(c.origin == "" and c.confidence is None and not c.uncertain for c in cells(report).values())
    assert Cell("x", Decimal("1"), "1", Source()).origin == ""


def test_recognised_chinese_punctuation_is_the_text_layers():
    assert page.tidy_text("(一)基本支出") == "（一）基本支出"
    assert page.tidy_text("增长13.95%,主要是") == "增长13.95%，主要是"
    assert page.tidy_text("单位:万元") == "单位：万元"
    assert page.tidy_text("合计1,956.92") == "合计1,956.92"


def test_the_audit_workbook_and_page_show_ocr_cells(page8, tmp_path):
    from openpyxl import load_workbook

    from juesuan.render.audit import Audit, write_audit_docx, write_audit_xlsx
    from juesuan.web import pages
    from juesuan.web.app import templates

    doubtful = _doubt(page8)
    audit = Audit(doubtful, check(doubtful), "putuo-p8-200dpi.pdf")
    write_audit_xlsx(audit, tmp_path / "audit.xlsx")
    book = load_workbook(tmp_path / "audit.xlsx")
    unsure = sum(1 for c in cells(doubtful).values() if c.uncertain)
    assert unsure >= 1
    assert f"其中 24 个单元格由文字识别（OCR）从扫描页读取（表中蓝色斜体），{unsure} 个识别不确定" in book["问题清单"]["A2"].value
    sheet = next(ws for ws in book.worksheets if ws.title.startswith("表2"))
    italic = [c for row in sheet.iter_rows() for c in row if c.font.i]
    assert len(italic) == 24 and all(c.comment is not None and "文字识别（OCR）读取" in c.comment.text for c in italic)
    doubted = [str(c.value) for c in italic if c.font.u == "single" and "识别不确定" in c.comment.text]
    assert len(doubted) == unsure and "54.53" in doubted
    write_audit_docx(audit, tmp_path / "audit.docx")
    page = tmp_path / "audit.html"
    pages.audit_page(templates()).write(audit, page)
    html = page.read_text(encoding="utf-8")
    import re

    assert len(re.findall(r"<td [^>]*\bocr-ocr\b", html)) == 24 - unsure and len(re.findall(r"<td [^>]*\bocr-uncertain\b", html)) == unsure
    assert "ocr-uncertain" in html and "识别不确定，请对照原件核实" in html


def _doubt(report: Report) -> Report:
    """The report with 2080501's 本年收入合计 marked uncertain (as a low score would)."""

    def change(table, row, cell):
        if table.kind == "T2" and row.key == "2080501" and cell.column == "本年收入合计":
            return replace(cell, uncertain=True)
        return cell

    return map_cells(report, change)


def test_pages_over_the_time_limit_are_reported_unread_and_the_pool_stopped():
    import sys
    import time

    sys.path.insert(0, str(ROOT / "tools"))
    from make_scans import Variant, make_scan

    two = make_scan(REAL.read_bytes(), Variant("t", 150), "8-9", "8-9")
    started = time.monotonic()
    with ocr_limits(Limits(seconds=0.01, load_seconds=0.0, workers=2)), pytest.raises(ScannedPdf, match="超过每页 0.01 秒的上限"):
        from juesuan.read import read_bytes

        read_bytes(two, "two.pdf")
    assert time.monotonic() - started < 30  # the stuck workers were stopped, not waited for


def test_checking_the_scanned_copy_raises_no_error_the_text_copy_does_not(mixed):
    import sys

    sys.path.insert(0, str(ROOT / "tools"))
    from make_scans import Variant, make_scan

    from juesuan.read import read_bytes

    text_copy = read_bytes(make_scan(REAL.read_bytes(), Variant("none"), "0", "7-9"), "text.pdf")  # pages 7–9, no page scanned
    assert not any(c.origin for c in cells(text_copy).values())
    errors = lambda report: {(f.rule, f.message) for f in check(report) if f.severity == "error"}  # noqa: E731
    assert errors(mixed) <= errors(text_copy)


def test_juesuan_read_of_a_scanned_pdf_gives_ocr_cells_and_says_so():
    import json
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "juesuan", "read", str(SCANNED / "putuo-p8-200dpi.pdf"), "--format", "json"],
        capture_output=True,
        text=True,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr
    assert "已由文字识别（OCR）读取：识别金额 24 个" in done.stderr
    model = json.loads(done.stdout)["report"]
    amounts = [c for t in model["tables"] for r in t["rows"] for c in r["cells"]]
    assert len(amounts) == 24 and all(c["origin"] == "ocr" and 0 < c["confidence"] <= 1 for c in amounts)


def test_ingest_reads_a_scan_inside_the_sandbox(tmp_path, page8):
    # the sandbox caps the address space for parsing; onnxruntime reserves far more, and
    # gets the room set aside for OCR (Limits.ocr_memory_bytes) rather than failing
    from juesuan.store import Store
    from juesuan.store.ingest import ingest

    with Store(tmp_path / "s.duckdb") as store:
        summary = ingest([SCANNED / "putuo-p8-200dpi.pdf"], store)
        assert summary.failed == [] and len(summary.added) == 1
        ((report_id, _),) = summary.added
        stored = store.model(report_id)
    assert cells(stored) == cells(page8)
