"""Hand-made gold for two real Shanghai 2024 决算 PDFs, checked without juesuan.

The gold files under tests/gold/real/ were transcribed by reading the rendered pages; these tests
check them against themselves (the DOMAIN.md §3 identities, via tests/real_identities.py) and
against the PDFs' text layers extracted independently (pdftotext, pypdfium2).  Nothing here imports
juesuan.
"""

from __future__ import annotations

import csv
import re
import shutil
import subprocess
from collections import Counter, defaultdict
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from real_identities import load, verify

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "real"
PDFS = HERE / "fixtures" / "real" / "juesuan"
PUTUO = "shanghai-putuo-planning-resources-bureau-2024-final"
TEMPLATE = "shanghai-final-accounts-template-2024"
TABLES = {"T1", "T2", "T3", "T4", "T5", "T6", "T7", "T8", "T9"}

# a decimal amount, thousands separators allowed; not glued to other digits, dots or commas
DECIMAL = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)\.\d+(?![\d.,])")
# an integer token: a subject code, or the year in the title of the first table page
INTEGER = re.compile(r"(?<![\d.,])\d+(?![\d.,])")


def read_csv(path: Path) -> list[dict[str, str]]:
    with path.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


@pytest.fixture(scope="module")
def cells() -> list[dict[str, str]]:
    return load(GOLD / f"{PUTUO}.cells.csv")


@pytest.fixture(scope="module")
def rows() -> list[dict[str, str]]:
    return read_csv(GOLD / f"{PUTUO}.rows.csv")


# ---------------------------------------------------------------- format


def test_headers_exact():
    first = lambda path: path.read_text(encoding="utf-8").splitlines()[0]  # noqa: E731
    assert first(GOLD / f"{PUTUO}.cells.csv") == "table,row,name,column,amount,page"
    for stem in (PUTUO, TEMPLATE):
        assert first(GOLD / f"{stem}.rows.csv") == "table,side,row,name,page"
        assert first(GOLD / f"{stem}.columns.csv") == "table,column,page"


def test_cells_well_formed(cells):
    seen = set()
    for cell in cells:
        assert cell["table"] in TABLES
        assert re.fullmatch(r"\d+\.\d+", cell["amount"]), cell  # as printed, no separators
        assert not re.search(r"\s", cell["name"] + cell["column"]), cell
        assert cell["row"] == "" or re.fullmatch(r"\d{3}(\d{2}){0,2}", cell["row"]), cell
        key = (cell["table"], cell["row"], cell["name"], cell["column"])
        # T4 prints 一、一般公共预算财政拨款 twice (本年 income and the 年初 split): only one has an amount here
        assert key not in seen, cell
        seen.add(key)


# ---------------------------------------------------------------- identities


def test_putuo_gold_satisfies_identities(cells):
    # All hard identities hold.  Three hold only at the boundary (the intervals touch), because T1/T4
    # print the 类 figures one cent off T3/T5:
    #   T1 九、卫生健康支出 236.63 vs T3 210 卫生健康支出 236.64
    #   T1 十一、城乡社区支出 3845.25 vs T3 212 城乡社区支出 3845.24  (both T1 and T3 still total 9759.38)
    #   T4 九、卫生健康支出 236.63 (一般公共预算) vs T5 210 卫生健康支出 236.64
    # With inclusive interval boundaries (236.635 is in both) these are rounding, not errors.
    assert verify(cells) == []


def test_boundary_cases_are_one_cent(cells):
    value = {(c["table"], c["row"] or c["name"], c["column"]): Decimal(c["amount"]) for c in cells}
    assert value[("T1", "九、卫生健康支出", "支出/决算数")] - value[("T3", "210", "本年支出合计")] == Decimal("-0.01")
    assert value[("T1", "十一、城乡社区支出", "支出/决算数")] - value[("T3", "212", "本年支出合计")] == Decimal("0.01")
    assert value[("T4", "九、卫生健康支出", "支出/一般公共预算财政拨款")] - value[("T5", "210", "合计")] == Decimal("-0.01")


def mutate(cells, table, key, column, change):
    out, hit = [], 0
    for cell in cells:
        cell = dict(cell)
        if (cell["table"], cell["row"] or cell["name"], cell["column"]) == (table, key, column):
            cell["amount"] = str(change(Decimal(cell["amount"])))
            hit += 1
        out.append(cell)
    assert hit == 1, (table, key, column)
    return out


@pytest.mark.parametrize(
    "table,key,column",
    [
        ("T3", "2120101", "基本支出"),
        ("T5", "2200199", "项目支出"),
        ("T1", "年初结转和结余", "收入/决算数"),
        ("T4", "本年收入合计", "收入/决算数"),
        ("T9", "", "财政拨款“三公”经费/公务接待费/决算数"),
        ("T6", "人员经费合计", "人员经费/决算数"),
    ],
)
def test_plus_five_cents_is_caught(cells, table, key, column):
    broken = verify(mutate(cells, table, key, column, lambda v: v + Decimal("0.05")))
    assert broken, "a +0.05 change went unnoticed"


def test_times_ten_is_caught(cells):
    broken = verify(mutate(cells, "T6", "30201", "公用经费/决算数", lambda v: v * 10))
    assert any(line.startswith("T6 302 = Σ款") for line in broken), broken


def test_every_cell_plus_one_is_caught(cells):
    # every printed amount takes part in at least one identity
    for cell in cells:
        key = cell["row"] or cell["name"]
        assert verify(mutate(cells, cell["table"], key, cell["column"], lambda v: v + 1)), cell


def test_deleting_a_nonzero_cell_is_caught(cells):
    # a blank counts as 0, so dropping a printed amount must break something; amounts under 1.00 are
    # left out: dropping 0.08 (30204 手续费) from the 28-term sum of 302 is within its rounding slack
    for index, cell in enumerate(cells):
        if Decimal(cell["amount"]) >= 1:
            assert verify(cells[:index] + cells[index + 1 :]), cell


# ---------------------------------------------------------------- completeness against the text layer


def table_pages(rows) -> list[int]:
    return sorted({int(r["page"]) for r in rows})


def expected_by_page(cells, rows):
    amounts: dict[int, Counter] = defaultdict(Counter)
    codes: dict[int, Counter] = defaultdict(Counter)
    for cell in cells:
        amounts[int(cell["page"])][cell["amount"]] += 1
    for row in rows:
        if row["row"]:
            codes[int(row["page"])][row["row"]] += 1
    # the only other integer printed on a table page: the year in the title above 收入支出决算总表
    codes[table_pages(rows)[0]]["2024"] += 1
    return amounts, codes


def numbers(text: str) -> tuple[Counter, Counter]:
    decimals = Counter(m.replace(",", "") for m in DECIMAL.findall(text))
    integers = Counter(INTEGER.findall(DECIMAL.sub(" ", text)))
    return decimals, integers


def pdftotext_pages(pdf: Path, pages: list[int]) -> dict[int, str]:
    out = {}
    for page in pages:
        result = subprocess.run(
            ["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        )
        out[page] = result.stdout
    return out


def pdfium_pages(pdf: Path, pages: list[int]) -> dict[int, str]:
    document = pdfium.PdfDocument(str(pdf))
    try:
        return {page: document[page - 1].get_textpage().get_text_range() for page in pages}
    finally:
        document.close()


def test_table_pages_are_7_to_19(rows):
    assert table_pages(rows) == list(range(7, 20))


@pytest.mark.parametrize("extractor", ["pdftotext", "pypdfium2"])
def test_every_printed_number_is_in_the_gold(cells, rows, extractor):
    # Decimal numbers: the multiset printed on each table page equals the gold amounts of that page.
    # Integers: every amount in these tables has two decimals, so the integers on a table page are
    # exactly the subject codes of the rows printed there (+ the year 2024 of the title on page 7).
    if extractor == "pdftotext" and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = PDFS / f"{PUTUO}.pdf"
    pages = table_pages(rows)
    texts = pdftotext_pages(pdf, pages) if extractor == "pdftotext" else pdfium_pages(pdf, pages)
    amounts, codes = expected_by_page(cells, rows)
    for page in pages:
        decimals, integers = numbers(texts[page])
        assert decimals == amounts[page], (page, decimals - amounts[page], amounts[page] - decimals)
        assert integers == codes[page], (page, integers - codes[page], codes[page] - integers)


def test_gold_pages_of_cells_match_rows(cells, rows):
    pages = defaultdict(set)
    for row in rows:
        pages[(row["table"], row["row"], row["name"])].add(row["page"])
    for cell in cells:
        assert cell["page"] in pages[(cell["table"], cell["row"], cell["name"])], cell


# ---------------------------------------------------------------- rows and columns gold


def test_every_cell_row_is_in_rows(cells, rows):
    names = defaultdict(set)
    for row in rows:
        names[row["table"]].add(row["name"])
        names[(row["table"], "coded")].add((row["row"], row["name"]))
    for cell in cells:
        assert cell["name"] in names[cell["table"]], cell
        assert (cell["row"], cell["name"]) in names[(cell["table"], "coded")], cell


def test_cell_sides_match_rows(cells, rows):
    sides = defaultdict(set)
    for row in rows:
        sides[(row["table"], row["row"], row["name"])].add(row["side"])
    for cell in cells:
        if cell["table"] in ("T1", "T4"):
            side = "income" if cell["column"].startswith("收入/") else "expenditure"
        elif cell["table"] == "T6":
            side = "personnel" if cell["column"].startswith("人员经费/") else "public"
        else:
            side = ""
        assert side in sides[(cell["table"], cell["row"], cell["name"])], cell


@pytest.mark.parametrize("stem", [PUTUO, TEMPLATE])
def test_rows_gold_well_formed(stem):
    rows = read_csv(GOLD / f"{stem}.rows.csv")
    assert {r["table"] for r in rows} == TABLES
    for row in rows:
        assert row["side"] in (
            {"income", "expenditure"} if row["table"] in ("T1", "T4") else {"personnel", "public"} if row["table"] == "T6" else {""}
        ), row
        assert "…" not in row["name"] and not re.search(r"\s", row["name"]), row
        if row["table"] in ("T1", "T4"):
            assert row["row"] == "", row
    # the nine tables each have their 合计 / 总计 rows (T9: its single unlabelled row)
    for table in ("T2", "T3", "T5", "T7", "T8"):
        assert any(r["table"] == table and r["name"] == "合计" for r in rows)
    t9 = [r for r in rows if r["table"] == "T9"]
    assert len(t9) == 1 and t9[0]["row"] == "" and t9[0]["name"] == "", t9
    t1 = [r for r in rows if r["table"] == "T1"]
    assert sum(r["side"] == "income" for r in t1) == 12 and sum(r["side"] == "expenditure" for r in t1) == 28
    t4 = [r for r in rows if r["table"] == "T4"]
    assert sum(r["side"] == "income" for r in t4) == 9 and sum(r["side"] == "expenditure" for r in t4) == 27


def test_template_and_report_share_t1_t4_t6_rows():
    def rows_of(stem, tables):
        return [(r["table"], r["side"], r["row"], r["name"]) for r in read_csv(GOLD / f"{stem}.rows.csv") if r["table"] in tables]

    assert rows_of(PUTUO, {"T1", "T4", "T6", "T7", "T8", "T9"}) == rows_of(TEMPLATE, {"T1", "T4", "T6", "T7", "T8", "T9"})


def test_columns_gold(cells):
    columns = defaultdict(list)
    for row in read_csv(GOLD / f"{PUTUO}.columns.csv"):
        columns[row["table"]].append(row["column"])
    assert set(columns) == TABLES
    for cell in cells:
        assert cell["column"] in columns[cell["table"]], cell
    # within a row, cells go left to right
    order = defaultdict(list)
    for cell in cells:
        order[(cell["table"], cell["row"], cell["name"], cell["column"][:2] if cell["table"] in ("T1", "T4") else "")].append(
            cell["column"]
        )
    for (table, *_), printed in order.items():
        positions = [columns[table].index(c) for c in printed]
        assert positions == sorted(positions), printed
    template = [(r["table"], r["column"]) for r in read_csv(GOLD / f"{TEMPLATE}.columns.csv")]
    assert template == [(r["table"], r["column"]) for r in read_csv(GOLD / f"{PUTUO}.columns.csv")]


def test_template_has_no_amounts():
    if shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = PDFS / f"{TEMPLATE}.pdf"
    pages = sorted({int(r["page"]) for r in read_csv(GOLD / f"{TEMPLATE}.rows.csv")})
    assert pages == list(range(5, 15))
    for page, text in pdftotext_pages(pdf, pages).items():
        decimals, _ = numbers(text)
        assert not decimals, (page, decimals)
