"""Department and year of the real 预算 PDFs, read from what each prints (never the file name).

Written from the documents (pdftotext of their first pages): the Jiangsu text files name the
department on the cover ('江苏省政协办公厅 2017 年度部门预算', '江苏省委办公厅2018年度部门预算
公开') or, the CPPCC office's 2019 file having no cover, as the subject of its narrative
('江苏省政协办公厅 2019 年度收入、支出预算总计…'); the tables-only files print the department
in every table's 部门：line and the year in the title '2017年政府采购预算表' (the party office's
2018 file also on its cover '江苏省2018年度'); the Putuo reports' table titles open with the year
('2023年部门财务收支预算总表') and their covers print '上海市普陀区2023年区级部门预算'.
"""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest

from juesuan.checks import check
from juesuan.read import read_bytes, read_path, read_paths
from juesuan.store.entities import identity

YUSUAN = Path(__file__).resolve().parent / "fixtures" / "real" / "yusuan"
CPPCC, NPC, PARTY, PROCURATORATE = "江苏省政协办公厅", "江苏省人大常委会办公厅", "江苏省委办公厅", "江苏省人民检察院"
WANLI = "上海市普陀区人民政府万里街道办事处"

# file → (department, 部门/单位, year), as printed
PRINTED: dict[str, tuple[str, str, int]] = {
    "jiangsu-cppcc-office-2017-budget-tables.pdf": (CPPCC, "部门", 2017),
    "jiangsu-cppcc-office-2017-budget.pdf": (CPPCC, "部门", 2017),
    "jiangsu-cppcc-office-2018-budget-tables.pdf": (CPPCC, "部门", 2018),
    "jiangsu-cppcc-office-2018-budget.pdf": (CPPCC, "部门", 2018),
    "jiangsu-cppcc-office-2019-budget-tables.pdf": (CPPCC, "部门", 2019),
    "jiangsu-cppcc-office-2019-budget.pdf": (CPPCC, "部门", 2019),
    "jiangsu-npc-office-2017-budget.pdf": (NPC, "部门", 2017),
    "jiangsu-npc-office-2018-budget.pdf": (NPC, "部门", 2018),
    "jiangsu-npc-office-2019-budget-tables.pdf": (NPC, "部门", 2019),
    "jiangsu-npc-office-2019-budget.pdf": (NPC, "部门", 2019),
    "jiangsu-party-office-2017-budget-tables.pdf": ("中国共产党江苏省委员会办公厅", "部门", 2017),
    "jiangsu-party-office-2017-budget.pdf": (PARTY, "部门", 2017),
    "jiangsu-party-office-2018-budget-tables.pdf": ("中共江苏省委办公厅", "部门", 2018),
    "jiangsu-party-office-2018-budget-text.pdf": (PARTY, "部门", 2018),
    "jiangsu-party-office-2019-budget-tables.pdf": ("中共江苏省委办公厅", "部门", 2019),
    "jiangsu-party-office-2019-budget-text.pdf": (PARTY, "部门", 2019),
    "jiangsu-procuratorate-2017-budget.pdf": (PROCURATORATE, "部门", 2017),
    "jiangsu-procuratorate-2018-budget.pdf": (PROCURATORATE, "部门", 2018),
    "jiangsu-procuratorate-2019-budget.pdf": (PROCURATORATE, "部门", 2019),
    "shanghai-putuo-commerce-commission-2025-budget-unit.pdf": ("上海市普陀区商务委员会", "单位", 2025),
    "shanghai-putuo-commerce-commission-2025-budget.pdf": ("上海市普陀区商务委员会", "部门", 2025),
    "shanghai-putuo-finance-bureau-2025-budget.pdf": ("上海市普陀区财政局", "部门", 2025),
    "shanghai-putuo-government-office-2025-budget-unit.pdf": ("上海市普陀区人民政府办公室", "单位", 2025),
    "shanghai-putuo-government-office-2025-budget.pdf": ("上海市普陀区人民政府办公室", "部门", 2025),
    "shanghai-putuo-wanli-subdistrict-2023-budget.pdf": (WANLI, "部门", 2023),
    "shanghai-putuo-wanli-subdistrict-2024-budget.pdf": (WANLI, "部门", 2024),
    "shanghai-putuo-wanli-subdistrict-2025-budget.pdf": (WANLI, "部门", 2025),
    "shanghai-putuo-welfare-home-2024-budget-unit.pdf": ("上海市普陀区社会福利院", "单位", 2024),
}


def test_every_budget_pdf_is_listed():
    assert sorted(PRINTED) == sorted(p.name for p in YUSUAN.glob("*.pdf"))


@pytest.mark.parametrize("name", sorted(PRINTED))
def test_department_and_year_as_printed_whatever_the_file_is_called(name):
    data = (YUSUAN / name).read_bytes()
    for called in (name, "report.pdf", "budget-2099.pdf"):
        meta = read_bytes(data, called).metadata
        assert (meta.entity, meta.scope, meta.year) == PRINTED[name], called


def test_a_report_in_two_files_takes_the_name_its_tables_print():
    report = read_paths([YUSUAN / "jiangsu-party-office-2018-budget-text.pdf", YUSUAN / "jiangsu-party-office-2018-budget-tables.pdf"])
    assert (report.metadata.entity, report.metadata.year) == ("中共江苏省委办公厅", 2018)


def test_the_store_takes_the_printed_year_and_says_when_only_the_file_name_gives_one():
    tables = read_path(YUSUAN / "jiangsu-cppcc-office-2017-budget-tables.pdf")
    who = identity(tables, "jiangsu-cppcc-office-2099-budget-tables.pdf")
    assert (who.name, who.year, who.evidence) == (CPPCC, 2017, "")
    # a document that prints no year at all: the file name, and the evidence says so
    blank = replace(tables, metadata=replace(tables.metadata, year=None), narrative=(), overview=())
    who = identity(blank, "cppcc-2017-budget-tables.pdf")
    assert (who.year, who.evidence) == (2017, "报告中没有印年度，年度取自文件名")
    assert identity(blank, "cppcc-budget-tables.pdf").year is None


def _edit(report, old, new):
    i = next(i for i, p in enumerate(report.narrative) if old in p.text)
    changed = replace(report.narrative[i], text=report.narrative[i].text.replace(old, new))
    return replace(report, narrative=report.narrative[:i] + (changed,) + report.narrative[i + 1 :])


def _years(report):
    return [(f.rule, f.message) for f in check(report) if f.rule in ("JS803", "JS804")]


@pytest.mark.parametrize(
    ("name", "printed"),
    [
        ("shanghai-putuo-wanli-subdistrict-2023-budget.pdf", "截止2022年12月31日"),
        ("shanghai-putuo-welfare-home-2024-budget-unit.pdf", "截至2023年12月31日"),
    ],
)
def test_a_budget_dates_its_stocks_at_the_end_of_the_year_before(name, printed):
    report = read_path(YUSUAN / name)
    year = report.metadata.year
    assert _years(report) == []  # the year before the budget's: right
    for wrong in (year, year - 2):
        altered = _edit(report, printed, printed.replace(str(year - 1), str(wrong)))
        assert _years(altered) == [
            (
                "JS803",
                f"情况说明中写的是截至{wrong}年12月31日，本报告为{year}年度预算，应为编制预算的上一年（{year - 1}年）年末",
            )
        ]


def test_another_year_in_a_budget_title_says_budget():
    report = read_path(YUSUAN / "shanghai-putuo-wanli-subdistrict-2024-budget.pdf")
    part = next(p for p in report.parts if p.heading == "2024年部门预算编制说明")
    altered = replace(report, parts=tuple(replace(p, heading="2023年部门预算编制说明") if p is part else p for p in report.parts))
    assert ("JS803", "标题中写的是2023年，本报告为2024年度预算") in _years(altered)


def test_another_year_in_a_budget_narrative_is_a_warning_that_says_budget():
    report = read_path(YUSUAN / "shanghai-putuo-wanli-subdistrict-2023-budget.pdf")
    altered = _edit(report, "截止2022年12月31日", "按2021年度标准，截止2022年12月31日")
    assert _years(altered) == [("JS804", "情况说明中写的是2021年，本报告为2023年度预算；如不是与往年比较或引用，请改正")]
