"""Hand-made gold for real budget (部门预算) PDFs, checked without juesuan.

Each ``tests/gold/real/yusuan/<pdf stem>.cells.csv`` was transcribed by reading the rendered pages
(pdftoppm) and the text layer (pdftotext -layout) of ``tests/fixtures/real/yusuan/<pdf stem>.pdf``.
Here they are checked against themselves (the budget identities of tests/budget_identities.py) and
against the PDFs' text layers extracted independently (pdftotext and pypdfium2): the multiset of
numbers printed on each table page is exactly the gold amounts of that page, the code parts of its
rows and the few other numbers each file declares below.  Nothing here imports juesuan.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tomllib
import unicodedata
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from decimal import Decimal
from pathlib import Path

import pypdfium2 as pdfium
import pytest
from budget_identities import load, verify

HERE = Path(__file__).resolve().parent
GOLD = HERE / "gold" / "real" / "yusuan"
PDFS = HERE / "fixtures" / "real" / "yusuan"
TABLES = {f"B{n}" for n in range(1, 14)}

# a printed number: thousands separators allowed, not glued to other digits, dots or commas
NUMBER = re.compile(r"(?<![\d.,])(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?(?![\d.,])")


@dataclass(frozen=True)
class Gold:
    """What a gold file covers and the numbers on its pages that are not amounts or codes."""

    pages: tuple[int, ...]  # every table page, empty tables included
    split_codes: bool  # codes printed over 类|款|项 columns (208 05 02) rather than whole (2080502)
    units: dict[str, str] = field(default_factory=dict)  # a table in 万元 among 元 tables
    other_numbers: dict[int, tuple[str, ...]] = field(default_factory=dict)  # page → printed non-amounts
    unchecked: frozenset[tuple[str, str]] = frozenset()  # (table, column) no identity reaches
    misprinted: dict[str, tuple[str, ...]] = field(default_factory=dict)  # gold row code → its printed parts
    administrative: bool = False  # a 行政单位: 机关运行经费 = basic 公用经费


PUTUO_WELFARE = "shanghai-putuo-welfare-home-2024-budget-unit"
CPPCC_2018 = "jiangsu-cppcc-office-2018-budget-tables"

PARTY_2017 = "jiangsu-party-office-2017-budget-tables"
NPC_2019 = "jiangsu-npc-office-2019-budget-tables"
PUTUO_FINANCE = "shanghai-putuo-finance-bureau-2025-budget"
PUTUO_WANLI_2023 = "shanghai-putuo-wanli-subdistrict-2023-budget"
PROCURATORATE_2017 = "jiangsu-procuratorate-2017-budget"

GOLDS: dict[str, Gold] = {
    PUTUO_WELFARE: Gold(
        pages=tuple(range(7, 16)),
        split_codes=True,
        units={"B9": "万元"},
        # titles 2024年…; the 三公 header 2024年“三公”经费预算数 / 2024年机关运行经费预算数; the numbered
        # income lines 1、一般公共预算资金 2、政府性基金 3、国有资本经营预算 of the summary table; the notes
        # 注:本单位2024年无…预算，故本表为空表 of the two empty tables
        other_numbers={
            **{p: ("2024",) for p in (8, 9, 10, 11, 14)},
            7: ("2024", "1", "2", "3"),
            12: ("2024", "2024"),
            13: ("2024", "2024"),
            15: ("2024", "2024"),
        },
        # 机关运行经费 0 is a single figure with no table to agree with in a 单位 report
        unchecked=frozenset({("B9", "2024年机关运行经费预算数")}),
        # 支出预算总表 and 一般公共预算 table print the 类 of 事业单位医疗 as 7 (7|11|02 for 210|11|02); the gold
        # keeps the code as printed, which leaves the row outside the 210 hierarchy
        misprinted={"71102": ("7", "11", "02")},
    ),
    CPPCC_2018: Gold(
        pages=tuple(range(1, 13)),
        split_codes=False,
        # 公开NN表 on every page; the 2018年 of the 政府采购 title and its items 台式计算机（20万以下）…
        other_numbers={**{p: (f"{p:02d}",) for p in range(1, 13)}, 12: ("12", "2018", "20", "20", "20")},
    ),
    PARTY_2017: Gold(
        pages=tuple(range(1, 15)),
        split_codes=False,
        # the 2017年 of the 政府采购 title and its items 台式计算机（20万以下）, 空调机（总预算20万以下）…
        other_numbers={12: ("2017", "20", "20", "20", "20", "20"), 13: ("20", "20")},
    ),
    NPC_2019: Gold(
        pages=tuple(range(1, 14)),
        split_codes=False,
        # the 2019年 of the 政府采购 title and its items 台式计算机（20万以下）, 便携式计算机（20万以下）
        other_numbers={12: ("2019", "20", "20")},
    ),
    PUTUO_FINANCE: Gold(
        pages=tuple(range(9, 22)),
        split_codes=True,
        units={"B9": "万元"},
        administrative=True,
        # 2025年… in the title of each table's first page (not on continuation pages); the notes
        # 注:本部门2025年无…故本表为空表 of the two empty tables
        other_numbers={**{p: ("2025",) for p in (9, 10, 12, 14, 15, 19, 21)}, 17: ("2025", "2025"), 18: ("2025", "2025")},
    ),
    PUTUO_WANLI_2023: Gold(
        pages=tuple(range(10, 29)),
        split_codes=True,
        units={"B9": "万元"},
        # 2023年… in the title of each table's first page; the notes of the two empty tables; the
        # 三公 headers 2023年“三公”经费预算数 / 2023年机关运行经费预算数
        other_numbers={**{p: ("2023",) for p in (10, 11, 15, 19, 20, 26)}, 24: ("2023", "2023"), 25: ("2023", "2023"), 28: ("2023",) * 3},
        # a 街道 部门 report consolidates its 事业单位: 机关运行经费 is not its 公用经费, no identity reaches it
        unchecked=frozenset({("B9", "2023年机关运行经费预算数")}),
    ),
    PROCURATORATE_2017: Gold(
        # text and tables in one file: twelve tables on pages 10–18, several to a page, then the 情况说明
        pages=tuple(range(10, 19)),
        split_codes=False,
        # the page number at each foot; the 政府采购 items 台式计算机（20 万以上）…; page 18 goes on with the
        # 情况说明: 2017 年度收入、支出预算总计 17996.68 万元，…增加 1463.8 万元，增长 8.85 %… 1．…（1）…2．…
        other_numbers={
            **{p: (str(p),) for p in range(10, 16)},
            16: ("16", "20", "20", "20"),
            17: ("17", "20", "20", "20", "20"),
            18: ("18", "2017", "2017", "17996.68", "17996.68", "1463.8", "8.85", "1", "1", "17981.68", "17981.68")
            + ("1454.35", "8.8", "2", "15", "9.45", "170.27"),
        },
    ),
}


def cells_of(stem: str) -> list[dict[str, str]]:
    return load(GOLD / f"{stem}.cells.csv")


# ---------------------------------------------------------------- format


def test_every_gold_file_is_declared():
    assert {p.name.removesuffix(".cells.csv") for p in GOLD.glob("*.cells.csv")} == set(GOLDS)
    for stem in GOLDS:
        assert (PDFS / f"{stem}.pdf").is_file(), stem


@pytest.mark.parametrize("stem", sorted(GOLDS))
def test_cells_well_formed(stem):
    assert (GOLD / f"{stem}.cells.csv").read_text(encoding="utf-8").splitlines()[0] == "table,row,name,column,amount,page"
    pages = set(GOLDS[stem].pages)
    for cell in cells_of(stem):
        assert cell["table"] in TABLES, cell
        assert re.fullmatch(r"\d+(\.\d+)?", cell["amount"]), cell  # as printed, no separators
        assert not re.search(r"\s", cell["name"] + cell["column"]), cell
        assert cell["row"] == "" or re.fullmatch(r"\d{3}(\d{2}){0,2}", cell["row"]), cell
        assert int(cell["page"]) in pages, cell


# ---------------------------------------------------------------- identities


@pytest.mark.parametrize("stem", sorted(GOLDS))
def test_gold_satisfies_budget_identities(stem):
    assert verify(cells_of(stem), GOLDS[stem].units, GOLDS[stem].administrative) == []


def bump(cell: dict[str, str], steps: int = 100) -> dict[str, str]:
    """The cell with ``steps`` units of its last printed place added (+1.00 at two decimals, +100 元)."""
    amount = Decimal(cell["amount"])
    exponent = amount.as_tuple().exponent
    assert isinstance(exponent, int)
    return {**cell, "amount": str(amount + Decimal(steps).scaleb(min(exponent, 0)))}


@pytest.mark.parametrize("stem", sorted(GOLDS))
def test_every_altered_cell_breaks_an_identity(stem):
    gold, cells = GOLDS[stem], cells_of(stem)
    count = 0
    for index, cell in enumerate(cells):
        altered = cells[:index] + [bump(cell)] + cells[index + 1 :]
        if (cell["table"], cell["column"]) in gold.unchecked:
            continue
        assert verify(altered, gold.units, gold.administrative), f"altering {cell} went unnoticed"
        count += 1
    assert count == len(cells) - sum((c["table"], c["column"]) in gold.unchecked for c in cells)


@pytest.mark.parametrize(
    "stem,table,row,column,expected",
    [
        (PUTUO_WELFARE, "B1", "收入总计", "本年收入/预算数", "B1 收入合计 = 支出合计"),
        (PUTUO_WELFARE, "B8", "30209", "一般公共预算基本支出/公用经费", "B8 302 = Σ"),
        (PUTUO_WELFARE, "B2", "2081005", "收入预算/事业收入", "B2 2081005 行内"),
        (PUTUO_WELFARE, "B7", "合计", "一般公共预算支出/合计", "B7 合计 = B4 一般公共预算"),
        (CPPCC_2018, "B6", "30231", "金额", "B6 302 = Σ"),
        (CPPCC_2018, "B5", "2010205", "金额", "B5 2010205 = B7"),
        (CPPCC_2018, "B1", "八、社会保障和就业支出", "支出/功能分类/金额", "B1 functional 小计"),
        (CPPCC_2018, "B9", "", "“三公”经费/公务接待费", "B9  行内 “三公”经费/小计"),
        (CPPCC_2018, "B2", "其他资金/其他收入", "金额", "B2 其他资金/小计"),
    ],
)
def test_one_altered_cell_breaks_the_named_identity(stem, table, row, column, expected):
    cells, hit = [], 0
    for cell in cells_of(stem):
        if (cell["table"], cell["row"] or cell["name"], cell["column"]) == (table, row, column):
            cell, hit = bump(cell), hit + 1
        cells.append(cell)
    assert hit == 1
    broken = verify(cells, GOLDS[stem].units, GOLDS[stem].administrative)
    assert any(line.startswith(expected) for line in broken), broken


def test_putuo_finance_running_costs_are_the_basic_public_costs_in_wan_yuan():
    # a 行政单位: 机关运行经费 229.43 万元 (三公 table) is the 公用经费 合计 2,294,335.00 元 of the 经济分类 table
    from budget_identities import agrees, interval, total

    cells = {(c["table"], c["row"] or c["name"], c["column"]): Decimal(c["amount"]) for c in cells_of(PUTUO_FINANCE)}
    running = cells[("B9", "", "机关运行经费预算数")]
    public = cells[("B8", "合计", "一般公共预算基本支出/公用经费")]
    assert agrees(total([running], 10000), interval(public))
    assert not agrees(total([running + Decimal("0.01")], 10000), interval(public))


def test_wan_yuan_table_is_scaled_against_yuan():
    # 6.4 万元 is 64 000 元 ± 500: a 元 figure of 64 000 agrees with it, 65 000 does not
    from budget_identities import agrees, interval, total

    assert agrees(total([Decimal("6.4")], 10000), interval(Decimal("64000")))
    assert not agrees(total([Decimal("6.4")], 10000), interval(Decimal("65000")))


# ---------------------------------------------------------------- completeness against the text layer


def expected_numbers(stem: str) -> dict[int, Counter]:
    gold = GOLDS[stem]
    expected: dict[int, Counter] = defaultdict(Counter)
    rows_seen: set[tuple[str, str, str, str]] = set()
    for cell in cells_of(stem):
        page = int(cell["page"])
        expected[page][cell["amount"]] += 1
        row = (cell["page"], cell["table"], cell["row"], cell["name"])
        if cell["row"] and row not in rows_seen:
            rows_seen.add(row)
            code = cell["row"]
            parts = [code[:3], code[3:5], code[5:7]] if gold.split_codes else [code]
            parts = list(gold.misprinted.get(code, parts))
            expected[page].update(p for p in parts if p)
    for page, numbers in gold.other_numbers.items():
        expected[page].update(numbers)
    return expected


def printed_numbers(text: str) -> Counter:
    return Counter(m.replace(",", "") for m in NUMBER.findall(text))


def pdftotext_page(pdf: Path, page: int) -> str:
    result = subprocess.run(
        ["pdftotext", "-layout", "-enc", "UTF-8", "-f", str(page), "-l", str(page), str(pdf), "-"],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


@pytest.mark.parametrize("extractor", ["pdftotext", "pypdfium2"])
@pytest.mark.parametrize("stem", sorted(GOLDS))
def test_every_printed_number_is_in_the_gold(stem, extractor):
    if extractor == "pdftotext" and shutil.which("pdftotext") is None:
        pytest.skip("pdftotext (poppler-utils) is not installed")
    pdf = PDFS / f"{stem}.pdf"
    expected = expected_numbers(stem)
    document = pdfium.PdfDocument(str(pdf))
    try:
        for page in GOLDS[stem].pages:
            if extractor == "pdftotext":
                text = pdftotext_page(pdf, page)
            else:
                text = document[page - 1].get_textpage().get_text_range()
            printed = printed_numbers(text)
            assert printed == expected[page], (page, printed - expected[page], expected[page] - printed)
    finally:
        document.close()


# ---------------------------------------------------------------- against the hand inventory of the tables

LABELS = {
    *("项目", "项目名称", "类", "款", "项", "功能分类科目名称", "功能科目名称", "科目名称", "经济分类科目名称"),
    *("部门经济分类科目名称", "功能科目代码", "功能科目编码", "科目编码", "采购品目大类", "专项名称", "经济科目"),
    *("采购物品名称", "采购组织形式", ""),
}


def _plain(text: str) -> str:
    return "".join(unicodedata.normalize("NFKC", text).split())


def inventory(pdf: str) -> list[dict]:
    tables = []
    for region in ("jiangsu", "shanghai"):
        with (HERE / "gold" / "real" / f"budget-tables-{region}.toml").open("rb") as handle:
            tables += [t for t in tomllib.load(handle)["table"] if t["file"] == pdf]
    return tables


@pytest.mark.parametrize("stem", sorted(GOLDS))
def test_gold_columns_are_value_columns_of_the_inventory(stem):
    # tests/gold/real/budget-tables-*.toml was written by hand separately (every table's pages and header
    # paths): each gold cell's column is a value column of a table printed on the cell's page
    tables = [t for t in inventory(f"{stem}.pdf") if not t.get("appendix")]  # not the 绩效目标 forms
    assert tables
    values_on: dict[int, set[str]] = defaultdict(set)
    for table in tables:
        values = [c for c in table["columns"] if c.rsplit("/", 1)[-1] not in LABELS]
        assert len(values) == table["value_columns"], (table["title"], values)
        for page in table["pages"]:
            values_on[page] |= {_plain(c) for c in values}
    for cell in cells_of(stem):
        assert _plain(cell["column"]) in values_on[int(cell["page"])], cell
    assert {int(p) for t in tables for p in t["pages"]} <= set(GOLDS[stem].pages)
