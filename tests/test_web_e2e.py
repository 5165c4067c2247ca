"""End to end: the web app in headless Chromium (Debian's, driven by Playwright).

Upload both corpus reports through the page, open a report page, see a finding
highlighted at its cell, open comparison pages. Playwright is a test dependency (missing is
a failure); skipped, with the reason, only when the Chromium binary is missing (``make test``
installs Debian's).
"""

from __future__ import annotations

import pytest
from conftest import JIANGMEN, LIANJIANG
from playwright import sync_api
from webutil import FLAGS, broken_lianjiang, chromium, serving

pytestmark = pytest.mark.skipif(
    chromium() is None, reason="没有 Chromium：以 root 运行 make test 会安装 Debian 的 chromium（apt-get install chromium）"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from juesuan.web.app import create_app

    with serving(create_app(tmp_path_factory.mktemp("e2e") / "e2e.duckdb", token="")) as origin:
        yield origin


@pytest.fixture(scope="module")
def page(server):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=FLAGS, headless=True)
        context = browser.new_context(locale="zh-CN")
        yield context.new_page()
        context.close()
        browser.close()


def test_upload_both_reports_then_see_findings_and_compare(server, page, tmp_path):
    page.goto(server + "/")
    assert page.locator("h1").inner_text() == "报告库"
    page.set_input_files("input[name=files]", [str(LIANJIANG), str(JIANGMEN)])
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(server + "/upload")
    results = page.locator("#upload-results tbody tr")
    assert results.count() == 2
    assert "江门市医疗保障局（本级）" in page.locator("#upload-results").inner_text()

    # The corpus page lists both, with their finding counts; the year filter works.
    page.goto(server + "/")
    assert page.locator("#reports tbody tr").count() == 2
    page.select_option("select[name=year]", "2023")
    page.click("form.filters button[type=submit]")
    assert page.locator("#reports tbody tr").count() == 1
    assert "廉江" in page.locator("#reports tbody").inner_text()

    # A report page: nine tables as published, the narrative with its claims marked.
    page.goto(server + "/")
    page.click("text=江门市医疗保障局（本级）")
    page.wait_for_url(server + "/reports/*")
    assert page.locator("table.grid").count() == 9
    assert page.locator("#narrative a.claim").count() > 0
    downloads = page.locator(".downloads a").all_inner_texts()
    assert {"Excel（XLSX）", "Word（DOCX）", "网页（HTML）"} <= set(downloads)

    # A report with an error: its finding is listed and its cell is highlighted.
    broken = tmp_path / "broken-lianjiang.txt"
    broken.write_bytes(broken_lianjiang())
    page.goto(server + "/")
    page.set_input_files("input[name=files]", [str(broken)])
    page.click("#upload-form button[type=submit]")
    page.wait_for_url(server + "/reports/*")
    finding = page.locator("li.finding.sev-error", has_text="JS104").first
    assert "836.30" in finding.inner_text()
    cell = page.locator("td.flag-error", has_text="836.30")
    assert cell.count() >= 1 and cell.first.is_visible()
    background = cell.first.evaluate("el => getComputedStyle(el).backgroundColor")
    assert background not in ("rgba(0, 0, 0, 0)", "rgb(255, 255, 255)")
    finding.click()
    assert "lit" in (cell.first.get_attribute("class") or "")
    page.screenshot(path=str(tmp_path / "report.png"), full_page=False)

    # Comparison pages with their charts.
    page.click("text=同年度比较")
    page.wait_for_url(server + "/compare/year?year=2023")
    assert page.locator("svg.chart").count() >= 1
    assert page.locator("#compare-year tbody tr").count() == 2
    page.goto(server + "/compare")
    page.select_option("select[name=entity]", "江门市医疗保障局（本级）")
    page.click("form[action='/compare/entity'] button")
    assert page.locator("svg.chart rect").count() >= 1
    assert "江门市医疗保障局（本级） · 历年比较" in page.locator("h1").inner_text()
