"""Every amount printed on a table page of the 28 real budget PDFs is read as a cell.

The table pages come from the hand-written inventory (tests/gold/real/budget-tables-*.toml); the
printed amounts from pdftotext. An amount is a number with decimals or thousands separators (the
元 integers under 1,000 cannot be told from codes and years this way; the gold files of
test_gold_budget.py cover those). On three pages the 情况说明 begins below the last table: there
the cells must be among the printed numbers, and the rest are the narrative's.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
from collections import Counter, defaultdict
from pathlib import Path

import pytest

from juesuan.read import read_path

HERE = Path(__file__).resolve().parent
PDFS = HERE / "fixtures" / "real" / "yusuan"
AMOUNT = re.compile(r"(?<![\d.,])(?:(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+|\d{1,3}(?:,\d{3})+)(?![\d.,])")
# pages where the 情况说明 starts under the tables (checked on the rendered page)
NARRATIVE_BELOW = {
    ("jiangsu-npc-office-2017-budget.pdf", 23),
    ("jiangsu-procuratorate-2017-budget.pdf", 18),
    ("jiangsu-procuratorate-2018-budget.pdf", 23),
}


def table_pages() -> dict[str, list[int]]:
    pages: dict[str, set[int]] = defaultdict(set)
    for region in ("jiangsu", "shanghai"):
        with (HERE / "gold" / "real" / f"budget-tables-{region}.toml").open("rb") as handle:
            for table in tomllib.load(handle)["table"]:
                if not table.get("appendix"):
                    pages[table["file"]].update(table["pages"])
    return {name: sorted(p) for name, p in pages.items()}


@pytest.mark.parametrize("name", sorted(table_pages()))
def test_every_printed_amount_of_a_table_page_is_read(name):
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    read: dict[int, Counter[str]] = defaultdict(Counter)
    for table in read_path(PDFS / name).tables:
        if table.kind:  # the family's tables, not the appendix forms
            for row in table.rows:
                for cell in row.cells:
                    read[cell.source.page or 0][cell.text.replace(",", "")] += 1
    for page in table_pages()[name]:
        text = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(PDFS / name), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        printed = Counter(m.replace(",", "") for m in AMOUNT.findall(text))
        cells = Counter({k: v for k, v in read[page].items() if "." in k or len(k) > 3})
        assert not cells - printed, (page, cells - printed)  # nothing read that is not printed
        if (name, page) not in NARRATIVE_BELOW:
            assert not printed - cells, (page, printed - cells)
