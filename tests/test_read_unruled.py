"""Tables printed without rulings: a grid from the alignment of words (read.pdf.unruled).

The strongest honest test is a real report with its rulings removed: the Putuo PDF
(hand-written gold, tests/gold/real) and the two generated PDFs (golden CSVs) are read
with ``pages._rules`` returning no segment at all, so that every table goes through
``lines_to_grid`` instead of the ruled reader, and the cells are compared with the gold.
A cell must be exactly right or absent (with a notice); none may contradict the gold.
The synthetic tests below build words by hand for each rule of the module docstring.
"""

from __future__ import annotations

import csv
from collections import Counter
from pathlib import Path

import pytest

import juesuan.read.document as document
import juesuan.read.pdf.pages as pdf_pages
import juesuan.read.pdf.unruled as unruled
from juesuan.model import Source
from juesuan.model.tidy import tidy_cells
from juesuan.profiles import shipped
from juesuan.read import read_path
from juesuan.read.draft import Draft, to_table
from juesuan.read.grid_table import read_grids
from juesuan.read.items import TextLine
from juesuan.read.pdf.pages import Word
from juesuan.read.pdf.unruled import lines_to_grid, lines_to_grids

HERE = Path(__file__).resolve().parent
PUTUO = "shanghai-putuo-planning-resources-bureau-2024-final"
PROFILE = shipped().get("juesuan")


# ------------------------------------------------------------------ real reports


def _unruled(path: Path, per_page: bool = False):
    """The report read as if its tables were printed without rulings. ``per_page`` reads
    a multi-page table as one grid per page (``lines_to_grids``), the wiring proposed for
    document._block_table, instead of the stacked grid of ``lines_to_grid``."""
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(pdf_pages, "_rules", lambda page, display, limit: ([], []))
        if per_page:
            original = document.read_grids

            def one(lines, profile):
                grids = lines_to_grids(lines, profile)
                if not grids:
                    return None
                grids[0].pages = grids  # type: ignore[attr-defined]
                return grids[0]

            def read(draft, grids, spec, profile, catalog):
                if len(grids) == 1 and hasattr(grids[0], "pages"):
                    grids = grids[0].pages
                return original(draft, grids, spec, profile, catalog)

            patch.setattr(unruled, "lines_to_grid", one)
            patch.setattr(document, "read_grids", read)
        return read_path(path)


def _gold(path: Path, page: bool) -> dict[tuple, str]:
    with path.open(encoding="utf-8", newline="") as handle:
        return {
            (r["table"], r["row"], r["name"], r["column"]) + ((r["page"],) if page else ()): r["amount"] for r in csv.DictReader(handle)
        }


def _compare(report, want: dict[tuple, str], page: bool = False) -> tuple[int, list, list, list]:
    sources = {(t.kind, row.key, row.name, c.column): c.source.page for t in report.tables for row in t.rows for c in row.cells}
    got = {
        (c.table, c.row, c.name, c.column) + ((str(sources[(c.table, c.row, c.name, c.column)]),) if page else ()): c.amount
        for c in tidy_cells(report)
    }
    exact = sum(1 for key, amount in want.items() if got.get(key) == amount)
    wrong = [(key, got[key], amount) for key, amount in want.items() if key in got and got[key] != amount]
    absent = [key for key in want if key not in got]
    extra = [key for key in got if key not in want]
    return exact, wrong, absent, extra


# gold cells, and how many the unruled reader gets exactly (a lower bound: never fewer)
REAL = {
    PUTUO: (HERE / "fixtures" / "real" / "juesuan" / f"{PUTUO}.pdf", HERE / "gold" / "real" / f"{PUTUO}.cells.csv", 308),
    "lianjiang-2023": (HERE / "fixtures" / "lianjiang-2023.pdf", HERE / "golden" / "lianjiang-medical-security-bureau-2023.csv", 655),
    "jiangmen-2024": (HERE / "fixtures" / "jiangmen-2024.pdf", HERE / "golden" / "jiangmen-medical-security-bureau-2024.csv", 849),
}


@pytest.fixture(scope="module", params=list(REAL))
def real(request):
    pdf, gold, floor = REAL[request.param]
    return request.param, _unruled(pdf), _gold(gold, page=False), floor


def test_rulings_removed_every_cell_right_or_absent_with_a_notice(real):
    stem, report, want, floor = real
    exact, wrong, absent, extra = _compare(report, want)
    assert not wrong, wrong[:5]  # no cell contradicts the gold
    assert not extra, extra[:5]  # and none is made up (a column or a row the gold does not have)
    assert exact >= floor, (stem, exact, len(want), absent[:5])
    if absent:  # what is not read is said
        assert report.unrecognized


def test_rulings_removed_same_rows_and_tables_as_ruled(real):
    stem, report, _, _ = real
    kinds = sorted(t.kind for t in report.tables)
    if stem == PUTUO:
        # 表7/表8 print only a header and an empty 合计 row (本表无数据): no line carries an
        # amount, so there is no body to align and the reader returns no table (fail closed)
        assert kinds == ["T1", "T2", "T3", "T4", "T5", "T6", "T9"]
        with (HERE / "gold" / "real" / f"{PUTUO}.rows.csv").open(encoding="utf-8") as handle:
            want = Counter((r["table"], r["side"], r["row"], r["name"]) for r in csv.DictReader(handle) if r["table"] not in ("T7", "T8"))
        got = Counter((t.kind, row.side, row.key, row.name) for t in report.tables for row in t.rows)
        assert got == want  # every printed row, blank ones included, with its full name
    else:
        assert kinds == [f"T{i}" for i in range(1, 10)]
    for table in report.tables:
        assert table.complete, (table.kind, table.unread)


def test_one_grid_per_page_keeps_each_cell_on_its_page():
    """With the per-page grids the continuation pages keep their page number: every gold
    cell of the Putuo report, page included."""
    pdf, gold, floor = REAL[PUTUO]
    report = _unruled(pdf, per_page=True)
    exact, wrong, absent, extra = _compare(report, _gold(gold, page=True), page=True)
    assert (exact, wrong, absent, extra) == (floor, [], [], [])


def test_the_ruled_path_is_unchanged():
    """A ruled report never reaches the unruled reader's output: same cells as before."""
    pdf, gold, floor = REAL[PUTUO]
    exact, wrong, absent, extra = _compare(read_path(pdf), _gold(gold, page=True), page=True)
    assert (exact, wrong, absent, extra) == (floor, [], [], [])


# ------------------------------------------------------------------------ synthetic

H = 10.0  # text height; CJK characters are H wide, digits and marks H/2


def _width(ch: str) -> float:
    return H if ord(ch) > 0x2000 else H / 2


def word(text: str, top: float, *, left: float | None = None, right: float | None = None, centre: float | None = None) -> Word:
    width = sum(_width(ch) for ch in text)
    x0 = left if left is not None else right - width if right is not None else centre - width / 2  # type: ignore[operator]
    edges, x = [], x0
    for ch in text:
        x += _width(ch)
        edges.append(x)
    return Word(text, (x0, top, x0 + width, top + H), False, tuple(edges))


def line(*words: Word, page: int = 1) -> TextLine:
    words = tuple(sorted(words, key=lambda w: w.bbox[0]))
    box = (min(w.bbox[0] for w in words), min(w.bbox[1] for w in words), max(w.bbox[2] for w in words), max(w.bbox[3] for w in words))
    return TextLine(text=" ".join(w.text for w in words), page=page, bbox=box, height=H, words=words)


def texts(grid) -> dict[tuple[int, int], str]:
    return {(c.r0, c.c0): c.text for c in grid.cells}


def spans(grid) -> dict[str, tuple[int, int]]:
    return {c.text: (c.c0, c.c1) for c in grid.cells if c.text}


# a 表3-like table: a name column, three right-aligned value columns under 本年支出
def _expenditure(top: float = 95.0, page: int = 1, header: bool = True) -> list[TextLine]:
    out = []
    if header:
        out += [
            line(word("本年支出", top, centre=302.5), page=page),
            line(
                word("科目名称", top + 20, centre=122),
                word("合计", top + 20, centre=232.5),
                word("基本支出", top + 20, centre=300),
                word("项目支出", top + 20, centre=370),
                page=page,
            ),
        ]
    out += [
        line(
            word("合计", top + 45, left=50),
            word("1,234.50", top + 45, right=260),
            word("1,000.00", top + 45, right=330),
            word("234.50", top + 45, right=400),
            page=page,
        ),
        line(
            word("一、工资福利支出", top + 65, left=50), word("12.00", top + 65, right=260), word("12.00", top + 65, right=330), page=page
        ),
        line(
            word("二、商品和服务支出", top + 85, left=50), word("5.00", top + 85, right=260), word("5.00", top + 85, right=400), page=page
        ),
    ]
    return out


def test_right_aligned_amounts_spanning_header_and_blank_cells():
    grid = lines_to_grid(_expenditure(), PROFILE)
    assert grid is not None and not grid.ruled
    assert (grid.ncols, grid.nrows) == (4, 5)
    assert len(grid.xs) == 5 and list(grid.xs) == sorted(grid.xs)
    assert spans(grid)["本年支出"] == (1, 3)  # over 合计 | 基本支出 | 项目支出, not over the names
    cells = texts(grid)
    assert [cells[(1, c)] for c in range(4)] == ["科目名称", "合计", "基本支出", "项目支出"]
    assert [cells[(2, c)] for c in range(4)] == ["合计", "1,234.50", "1,000.00", "234.50"]
    assert [cells[(3, c)] for c in range(4)] == ["一、工资福利支出", "12.00", "12.00", ""]  # blank stays blank
    assert [cells[(4, c)] for c in range(4)] == ["二、商品和服务支出", "5.00", "", "5.00"]
    amount = next(c for c in grid.cells if c.text == "234.50")
    assert amount.bbox == (400 - 6 * H / 2, 140.0, 400.0, 150.0)  # the union of its words
    # read by the table layer like a ruled grid: the header tree and the blank cells
    spec = PROFILE.table("T3")
    draft = Draft("T3", "", "支出决算表", Source(page=1), "表3")
    read_grids(draft, [grid], spec, PROFILE, None)
    table = to_table(draft, spec, PROFILE.totals, PROFILE.of_which, None)
    assert [c.key for c in table.columns] == ["本年支出/合计", "本年支出/基本支出", "本年支出/项目支出"]
    assert [(r.name, [(c.column, c.text) for c in r.cells]) for r in table.rows][1:] == [
        ("一、工资福利支出", [("本年支出/合计", "12.00"), ("本年支出/基本支出", "12.00")]),
        ("二、商品和服务支出", [("本年支出/合计", "5.00"), ("本年支出/项目支出", "5.00")]),
    ]


def test_a_name_wrapped_onto_a_line_without_figures_joins_its_row():
    lines = [
        line(word("科目编码", 95, centre=43), word("科目名称", 95, centre=135), word("金额", 95, centre=232.5)),
        line(word("208", 120, left=20), word("社会保障和就业支出", 120, left=70), word("91.42", 120, right=260)),
        line(word("2080505", 140, left=20), word("机关事业单位基本养老保险", 140, left=70), word("58.47", 140, right=260)),
        line(word("缴费支出", 153, left=70)),  # the end of the name above: it reached the column's edge
        line(word("2080506", 170, left=20), word("机关事业单位职业年金缴费", 170, left=70), word("29.23", 170, right=260)),
        line(word("支出", 183, left=70)),
        line(word("2080599", 200, left=20), word("其他养老支出", 200, left=70), word("0.88", 200, right=260)),
    ]
    grid = lines_to_grid(lines, PROFILE)
    assert grid is not None and grid.nrows == 5  # a header row and four body rows, not six
    rows = [[c.text for c in row] for row in grid.rows()][1:]
    assert rows == [
        ["208", "社会保障和就业支出", "91.42"],
        ["2080505", "机关事业单位基本养老保险\n缴费支出", "58.47"],
        ["2080506", "机关事业单位职业年金缴费\n支出", "29.23"],
        ["2080599", "其他养老支出", "0.88"],
    ]
    wrapped = next(c for c in grid.cells if c.text.startswith("机关事业单位基本"))
    assert wrapped.lines == 2 and wrapped.bbox == (70.0, 140.0, 190.0, 163.0)


def test_a_label_centred_in_a_tall_row_goes_with_its_values():
    """Values on the middle line of a label, or top-aligned with the label centred below."""
    lines = [
        line(word("科目编码", 95, centre=43), word("科目名称", 95, centre=135), word("金额", 95, centre=232.5)),
        line(word("社会保障和就", 115, left=70)),
        line(word("208", 122, left=20), word("754.75", 122, right=260)),
        line(word("业支出", 129, left=70)),
        line(word("行政事业单位", 143, left=70)),
        line(word("20805", 150, left=20), word("754.75", 150, right=260)),
        line(word("养老支出", 157, left=70)),
        line(word("2080501", 175, left=20), word("54.53", 175, right=260)),  # top-aligned figures
        line(word("离退休", 186, left=70)),  # the label centred below them
    ]
    grid = lines_to_grid(lines, PROFILE)
    assert grid is not None
    rows = [[c.text for c in row] for row in grid.rows()][1:]
    assert rows == [
        ["208", "社会保障和就\n业支出", "754.75"],
        ["20805", "行政事业单位\n养老支出", "754.75"],
        ["2080501", "离退休", "54.53"],
    ]


def test_a_row_printed_without_figures_is_a_row_of_its_own():
    lines = [
        line(word("项目", 95, centre=110), word("决算数", 95, centre=232.5)),
        line(word("一、一般公共预算财政拨款收入", 115, left=20), word("9746.50", 115, right=260)),
        line(word("二、政府性基金预算财政拨款收入", 131, left=20)),  # blank: zero in Shanghai reports
        line(word("三、上级补助收入", 147, left=20)),
        line(word("本年收入合计", 163, left=20), word("9746.50", 163, right=260)),
    ]
    grid = lines_to_grid(lines, PROFILE)
    assert grid is not None
    rows = [[c.text for c in row] for row in grid.rows()][1:]
    assert rows == [
        ["一、一般公共预算财政拨款收入", "9746.50"],
        ["二、政府性基金预算财政拨款收入", ""],
        ["三、上级补助收入", ""],
        ["本年收入合计", "9746.50"],
    ]


def test_a_stacked_header_and_a_wrapped_header_label():
    """表9: a parent over parents (财政拨款“三公”经费 / 公务用车… / 小计 / 预算数), labels
    wrapped inside one cell (因公出国 / （境）费), one body row."""
    xs = [100 + 50 * i for i in range(9)]  # eight value columns, 50 wide
    centre = [(xs[i] + xs[i + 1]) / 2 for i in range(8)]
    lines = [
        line(word("财政拨款“三公”经费", 90, centre=300)),
        line(word("公务用车购置及运行维护费", 110, centre=400)),
        line(
            word("合计", 130, centre=centre[0] + 25),
            word("因公出国", 126, centre=centre[2] + 25),
            word("小计", 130, centre=centre[4] + 25),
            word("购置费", 130, centre=centre[6] + 25),
        ),
        line(word("（境）费", 138, centre=centre[2] + 25)),
        line(*(word("预算数" if i % 2 == 0 else "决算数", 155, centre=centre[i]) for i in range(8))),
        line(*(word(f"{i}.00", 175, right=xs[i + 1] - 2) for i in range(8))),
    ]
    grid = lines_to_grid(lines, PROFILE)
    assert grid is not None and grid.ncols == 8
    found = spans(grid)
    assert found["财政拨款“三公”经费"] == (0, 7)
    assert found["公务用车购置及运行维护费"] == (4, 7)
    assert found["因公出国\n（境）费"] == (2, 3)  # one cell, the two lines joined
    assert (found["合计"], found["小计"], found["购置费"]) == ((0, 1), (4, 5), (6, 7))
    assert [c.text for c in grid.rows()[-1]] == [f"{i}.00" for i in range(8)]


def test_an_amount_printed_against_the_next_cells_text_is_cut():
    """'814.59一、一般公共服务支出': a right-aligned amount touching a left-aligned name."""
    fused = Word(
        "814.59一、一般公共服务支出",
        (220.0, 115.0, 358.0, 125.0),
        False,
        tuple([220 + 6 * (i + 1) for i in range(6)] + [258 + 10 * (i + 1) for i in range(10)]),
    )
    lines = [
        line(word("项目", 95, centre=110), word("决算数", 95, centre=232.5), word("项目", 95, centre=310), word("决算数", 95, centre=420)),
        TextLine(
            text="一、一般公共预算财政拨款收入 814.59一、一般公共服务支出 0.00",
            page=1,
            bbox=(20.0, 115.0, 440.0, 125.0),
            height=H,
            words=(word("一、一般公共预算财政拨款收入", 115, left=20), fused, word("0.00", 115, right=440)),
        ),
        line(
            word("二、上级补助收入", 131, left=20),
            word("0.00", 131, right=256),
            word("二、外交支出", 131, left=258),
            word("0.00", 131, right=440),
        ),
    ]
    grid = lines_to_grid(lines, PROFILE)
    assert grid is not None and grid.ncols == 4
    assert [c.text for c in grid.rows()[1]] == ["一、一般公共预算财政拨款收入", "814.59", "一、一般公共服务支出", "0.00"]


def test_a_continuation_page_keeps_the_columns_of_the_first():
    lines = _expenditure(page=1) + _expenditure(top=40, page=2, header=False)
    grids = lines_to_grids(lines, PROFILE)
    assert [(g.page, g.ncols) for g in grids] == [(1, 4), (2, 4)]
    assert grids[1].xs == grids[0].xs and grids[1].nrows == 3  # body rows only: mapped by position
    stacked = lines_to_grid(lines, PROFILE)
    assert stacked is not None and stacked.nrows == 5 + 3 and stacked.page == 1


def test_not_a_table_gives_none():
    prose = [
        line(word("本年度收入合计836.2万元，其中一般公共预算财政拨款收入814.59万元，比上年增加", 100 + 15 * i, left=20)) for i in range(3)
    ]
    assert lines_to_grid(prose, PROFILE) is None  # sentences: no word is an amount
    paragraph = [line(word("一、部门主要职责", 100, left=20)), line(word("负责本部门的工作", 115, left=20))]
    assert lines_to_grid(paragraph, PROFILE) is None
    one_column = [line(word("12.00", 100 + 15 * i, right=100)) for i in range(3)]
    assert lines_to_grid(one_column, PROFILE) is None  # fewer than two columns
    one_row = [line(word("合计", 100, left=20), word("5.00", 100, right=200))]
    assert lines_to_grid(one_row, PROFILE) is None  # one row and no header over its values
    assert lines_to_grid([], PROFILE) is None


def test_a_note_ends_the_table_and_page_headers_are_skipped():
    lines = (
        [line(word("单位：万元", 80, left=300))]
        + _expenditure()
        + [
            line(word("注：本表反映部门本年度各项支出情况。", 200, left=20)),
            line(word("合计", 215, left=50), word("9.00", 215, right=260), word("9.00", 215, right=330)),
        ]
    )
    grid = lines_to_grid(lines, PROFILE)
    assert grid is not None and grid.nrows == 5  # nothing after the note, no row for the page header
    assert "单位：万元" not in {c.text for c in grid.cells}


def test_work_is_bounded_on_a_long_table():
    """Thousands of rows: sorted and bisected, never every word against every word."""
    import time

    body = []
    for i in range(3000):
        top = 140 + 15 * i
        body.append(line(word(f"科目{i}", top, left=50), word(f"{i}.25", top, right=260), word(f"{i}.50", top, right=330)))
    lines = [line(word("科目名称", 95, centre=122), word("合计", 95, centre=232.5), word("基本支出", 95, centre=300))] + body
    start = time.perf_counter()
    grid = lines_to_grid(lines, PROFILE)
    assert grid is not None and grid.nrows == 3001
    assert time.perf_counter() - start < 10
