"""A department's series page in headless Chromium: the Jiangsu procuratorate's three
budgets side by side, with charts and the findings across years."""

from __future__ import annotations

from pathlib import Path

import pytest
from playwright import sync_api
from webutil import FLAGS, chromium, serving

from juesuan.store import Store
from juesuan.store.ingest import ingest

YUSUAN = Path(__file__).parent / "fixtures" / "real" / "yusuan"

pytestmark = pytest.mark.skipif(
    chromium() is None, reason="没有 Chromium：以 root 运行 make test 会安装 Debian 的 chromium（apt-get install chromium）"
)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from juesuan.web.app import create_app

    db = tmp_path_factory.mktemp("series") / "series.duckdb"
    files = [YUSUAN / f"jiangsu-procuratorate-{year}-budget.pdf" for year in (2017, 2018, 2019)]
    files += [YUSUAN / "jiangsu-npc-office-2019-budget.pdf", YUSUAN / "jiangsu-npc-office-2019-budget-tables.pdf"]
    with Store(db) as store:
        ingest(files, store, workers=2)
    with serving(create_app(db, token="")) as origin:
        yield origin


def test_series_page(server):
    with sync_api.sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium(), args=FLAGS, headless=True)
        page = browser.new_context(locale="zh-CN").new_page()
        page.goto(server + "/compare")
        page.click("a[href='/series/']")
        page.click("text=江苏省人民检察院")
        assert page.locator("h1").inner_text() == "江苏省人民检察院 · 历年预算与决算"
        headers = page.locator("#series thead th").all_inner_texts()
        assert headers == ["项目", "2017年预算", "2018年预算", "2019年预算"]
        total = page.locator("#series tbody tr", has_text="收支预算总计").locator("td").all_inner_texts()
        assert total == ["收支预算总计", "17,996.68", "21,955.35", "24,169.74"]
        charts = page.locator("#series-charts svg")
        assert charts.count() >= 3
        assert "2018年预算" in charts.first.inner_html()
        across_2018 = page.locator("#across-2018-yusuan-部门").inner_text()
        assert across_2018.count("JS901") == 4 and "因公出国（境）费预算支出 100 万元，与上年预算数相等" in across_2018
        assert "JS901" not in page.locator("#across-2017-yusuan-部门").inner_text()
        page.click("#across-2018-yusuan-部门 a >> nth=0")  # to the report page the finding is in
        assert "/reports/" in page.url
        page.goto(server + "/series?entity=人大")  # the text file and the tables file of 2019 in one column
        files = page.locator("#series tbody tr", has_text="文件").locator("td").nth(1).inner_text()
        assert "jiangsu-npc-office-2019-budget.pdf" in files and "jiangsu-npc-office-2019-budget-tables.pdf" in files
        browser.close()
