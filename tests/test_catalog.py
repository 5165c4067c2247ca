"""juesuan.catalog: the loader, the lookups, and the structure every shipped edition must have.

The catalog's 款 and 项 were copied from the corpus reports, so checking corpus codes against it
proves nothing. What is tested here is what a defect of the package would break: the loader
refusing a malformed file, edition choice by year, lookups and name comparison on a small
catalog written here, the 款 → 类 / 项 → 款 structure and sibling names of every shipped
edition, and that every 类 a built-in profile prints exists in every edition.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from juesuan.catalog import (
    COMPLETE_LEVELS,
    KINDS,
    Catalog,
    Subject,
    _pick,
    editions,
    load_catalog,
    normalise_name,
    parse_tsv,
)
from juesuan.profiles import builtin

# A small catalog, independent of the shipped data (names in the official full-width form).
FUNCTIONAL = """\
# a functional catalog for the tests
# --- 类
201\t一般公共服务支出
208\t社会保障和就业支出
210\t卫生健康支出
# --- 款/项
20103\t政府办公厅（室）及相关机构事务
2010301\t行政运行
2010350\t事业运行
20805\t行政事业单位养老支出
2080505\t机关事业单位基本养老保险缴费支出
2080506\t机关事业单位职业年金缴费支出
21015\t医疗保障管理事务
2101501\t行政运行
# --- 款/项 curated (not machine-verified)
2101550\t事业运行
"""
ECONOMIC = """\
301\t工资福利支出
302\t商品和服务支出
30101\t基本工资
30213\t维修（护）费
30212\t因公出国（境）费用
"""


@pytest.fixture(scope="module")
def small() -> Catalog:
    return Catalog(2099, parse_tsv("functional", FUNCTIONAL, "f.tsv"), parse_tsv("economic", ECONOMIC, "e.tsv"))


# -- the loader refuses a malformed file ---------------------------------------------------


@pytest.mark.parametrize(
    "kind,text,message",
    [
        ("functional", "201 一般公共服务支出\n", "f.tsv:1: expected code<TAB>name"),  # a space, not a tab
        ("functional", "201\t\n", "f.tsv:1: expected code<TAB>name"),
        ("functional", "201\t一般公共服务支出\n2010\t四位\n", "f.tsv:2: bad functional code '2010'"),
        ("functional", "20A\t字母\n", "f.tsv:1: bad functional code '20A'"),
        ("economic", "301\t工资福利支出\n30101\t基本工资\n3010101\t七位\n", "f.tsv:3: bad economic code '3010101'"),
        ("functional", "201\t一般公共服务支出\n201\t又一次\n", "f.tsv:2: duplicate code 201"),
        ("functional", "201\t一般公共服务支出\n2080505\t缴费支出\n", "f.tsv:2: 2080505 缴费支出: its parent 20805 is not in the file"),
        ("functional", "201\t一般公共服务支出\n20805\t养老支出\n", "f.tsv:2: 20805 养老支出: its parent 208 is not in the file"),
        ("economic", "30101\t基本工资\n", "f.tsv:1: 30101 基本工资: its parent 301 is not in the file"),
        (
            "functional",
            "201\t一般公共服务支出\n20103\t事务\n2010301\t行政运行\n2010302\t行政 运行\n",
            "f.tsv:4: 2010302 has the name of 2010301 under the same parent",
        ),
    ],
)
def test_a_malformed_file_is_refused_with_its_line(kind, text, message):
    with pytest.raises(ValueError) as error:
        parse_tsv(kind, text, "f.tsv")
    assert str(error.value).startswith(message), str(error.value)


def test_the_same_name_under_different_parents_is_allowed():
    subjects = parse_tsv("functional", FUNCTIONAL)
    assert subjects["2010301"].name == subjects["2101501"].name == "行政运行"


def test_comments_blank_lines_and_unverified_sections():
    subjects = parse_tsv("functional", FUNCTIONAL)
    assert len(subjects) == 12
    assert subjects["2080505"] == Subject("2080505", "机关事业单位基本养老保险缴费支出", 3, "functional")
    assert [s.level for s in map(subjects.get, ("208", "20805", "2080505"))] == [1, 2, 3]
    assert subjects["2101501"].verified and not subjects["2101550"].verified
    assert parse_tsv("economic", ECONOMIC)["30213"].level == 2
    with pytest.raises(ValueError):
        parse_tsv("budget", ECONOMIC)


# -- editions by year -------------------------------------------------------------------------


@pytest.mark.parametrize("year,edition", [(2010, 2019), (2019, 2019), (2020, 2019), (2021, 2021), (2023, 2021), (2024, 2024), (2031, 2024)])
def test_the_newest_edition_not_after_the_year_else_the_oldest(year, edition):
    assert _pick((2019, 2021, 2024), year) == edition


def test_no_edition_at_all_is_an_error():
    with pytest.raises(LookupError):
        _pick((), 2024)


def test_load_catalog_by_year():
    shipped = editions()
    assert shipped and list(shipped) == sorted(shipped)
    for year in shipped:
        catalog = load_catalog(year)
        assert catalog.edition == year and isinstance(catalog, Catalog)
        assert catalog.economic_edition == year  # both kinds ship for every edition
    assert load_catalog(shipped[0] - 1).edition == shipped[0]
    assert load_catalog(shipped[-1] + 5).edition == shipped[-1]
    assert load_catalog(str(shipped[0])).edition == shipped[0]  # a year read from text
    assert load_catalog(shipped[-1]) is load_catalog(shipped[-1])  # cached


# -- structure of every shipped edition ------------------------------------------------------


@pytest.mark.parametrize("year", editions())
def test_every_kuan_has_its_lei_and_every_xiang_its_kuan(year):
    catalog = load_catalog(year)
    for subject in catalog:
        if subject.level == 1:
            assert subject.parent_code is None
            continue
        parent = catalog.lookup(subject.parent_code, subject.kind)
        assert parent is not None, f"{subject.code} {subject.name}: no parent {subject.parent_code}"
        assert parent.level == subject.level - 1
        assert subject in catalog.children(parent.code, subject.kind)


@pytest.mark.parametrize("year", editions())
def test_names_are_unique_under_each_parent(year):
    catalog = load_catalog(year)
    for kind in KINDS:
        seen: dict[tuple[str | None, str], str] = {}
        for subject in catalog.subjects(kind):
            key = (subject.parent_code, normalise_name(subject.name))
            assert key not in seen, f"{subject.code} and {seen[key]} are both named {subject.name}"
            seen[key] = subject.code


@pytest.mark.parametrize("year", editions())
def test_names_as_officially_printed(year):
    """Full-width parentheses and no whitespace, as in 《政府收支分类科目》."""
    for subject in load_catalog(year):
        assert subject.name and "(" not in subject.name and ")" not in subject.name, subject
        assert subject.name == "".join(subject.name.split()), subject


@pytest.mark.parametrize("year", editions())
def test_every_class_a_profile_prints_is_in_the_edition(year):
    """表1/表4 print one row per 功能分类 类 and 表6 one block per 经济分类 类, named from the catalog;
    the 类 level is the one the catalog claims complete (COMPLETE_LEVELS). Each profile is held to the
    editions of the years it covers (a 2023 template's 类 list says nothing of 2017)."""
    assert COMPLETE_LEVELS == {"functional": frozenset({1}), "economic": frozenset({1})}
    catalog = load_catalog(year)
    printed: set[tuple[str, str]] = set()
    for profile in builtin().all():
        # a profile without years is the generic 决算 template of 2023 on (profiles/data/juesuan.toml)
        first, last = profile.years or (2023, 9999)
        if profile.abstract or not first <= year <= last:
            continue  # an abstract base is held through the profiles built on it
        for spec in profile.tables.values():
            if spec.printed is None:
                continue
            printed |= {("functional", code) for code in spec.printed.classes}
            printed |= {("economic", code) for codes in spec.printed.economic.values() for code in codes}
            printed |= {("economic", code) for code in spec.personnel_classes}
    for kind, code in sorted(printed):
        subject = catalog.lookup(code, kind)
        assert subject is not None and subject.level == 1, (year, kind, code)
    for subject in catalog.subjects("functional"):
        if subject.level == 1:
            assert catalog.functional_class_by_name(subject.name) is subject


# -- lookups and names, on the small catalog -------------------------------------------------


def test_subject(small):
    s = small.functional("2080505")
    assert (s.code, s.level, s.kind, s.parent_code) == ("2080505", 3, "functional", "20805")
    assert small.functional("20805").parent_code == "208" and small.functional("208").parent_code is None
    assert small.economic("30213").parent_code == "302"
    with pytest.raises(AttributeError):
        s.name = "x"  # frozen


def test_lookup(small):
    assert small.lookup("2101550").name == "事业运行"
    assert small.lookup(" 2101550 ").code == "2101550"
    assert small.lookup("２１０１５５０").code == "2101550"  # full-width digits
    assert small.lookup("30213", kind="economic").name == "维修（护）费"
    assert small.functional("30213") is None  # an economic code is not a functional one
    assert small.economic("2101550") is None
    assert small.functional("2101599") is None
    with pytest.raises(ValueError):
        small.lookup("201", kind="budget")


def test_names_match(small):
    assert small.names_match("30213", "维修(护)费", kind="economic")
    assert small.names_match("30213", "维修（护）费", kind="economic")
    assert small.names_match("30213", " 维修 ( 护 ) 费 ", kind="economic")
    assert small.names_match("30213", "维修〔护〕费", kind="economic")
    assert not small.names_match("30213", "维修费", kind="economic")
    assert not small.names_match("30213", "维修(护)费")  # functional: no such code
    assert small.names_match("20103", "政府办公厅(室)及相关机构事务")
    assert small.names_match("20103", "政府办公厅（室）及相关\n机构事务")
    assert not small.names_match("20103", "政府办公厅（室）及相关机构事务支出")
    assert not small.names_match("9999999", "行政运行")


def test_completes(small):
    """A name wrapped over lines: each fragment so far must begin the official name."""
    assert small.completes("2080505", "机关事业单位基本养老")
    assert small.completes("2080505", "机关事业单位基本养老保险缴费支出")
    assert not small.completes("2080505", "机关事业单位基本养老保险缴费支出之外")
    assert not small.completes("2080505", "基本养老")
    assert not small.completes("2080505", "")
    assert not small.completes("9999999", "其他")
    assert small.completes("30212", "因公出国(境)", kind="economic")
    assert not small.completes("30212", "因公出国(境)", kind="functional")


def test_normalise_name():
    assert normalise_name("维修（护）费") == normalise_name("维修(护)费") == "维修(护)费"
    assert normalise_name("因公出国　（境）费用") == "因公出国(境)费用"
    assert normalise_name("ＡＢＣ１２３") == "ABC123"
    assert normalise_name(" 一般\t行政管理事务\n") == "一般行政管理事务"
    assert normalise_name("【类】[款]") == "(类)(款)"


@pytest.mark.parametrize(
    "printed",
    [
        "社会保障和就业支出",
        "八、社会保障和就业支出",
        "（八）社会保障和就业支出",
        "8.社会保障和就业支出",
        "8、社会保障和就业支出",
        "社会保障和就业支出（类）",
        "社会保障 和就业支出",
    ],
)
def test_a_class_by_its_printed_name(small, printed):
    assert small.functional_class_by_name(printed).code == "208"


@pytest.mark.parametrize("printed", ["行政运行", "行政事业单位养老支出", "工资福利支出", "", "二十、"])
def test_only_functional_classes_are_found_by_name(small, printed):
    assert small.functional_class_by_name(printed) is None


def test_children_subjects_and_membership(small):
    assert [s.code for s in small.children("20805")] == ["2080505", "2080506"]
    assert [s.code for s in small.children("208")] == ["20805"]
    assert small.children("30213", "economic") == ()
    assert small.children("999") == ()
    assert [s.code for s in small.subjects("economic")] == ["301", "30101", "302", "30212", "30213"]  # sorted
    assert len(small) == len(list(small)) == 17
    assert small.functional("208") in small
    assert Subject("208", "别的名字", 1, "functional") not in small
    assert "208" not in small
    with pytest.raises(ValueError):
        small.children("201", kind="budget")


# -- sources of every shipped entry ----------------------------------------------------------


@pytest.mark.parametrize("year", editions())
def test_every_entry_names_its_source(year):
    """Each entry says where it comes from: real reports of the tests (or the corpus) that print it
    with that name, or ``known`` (written from the published edition)."""
    here = Path(__file__).resolve().parent
    reports = {p.stem for p in (here / "fixtures" / "real").rglob("*.pdf")} | {p.stem for p in (here.parent / "examples").glob("*.txt")}
    for subject in load_catalog(year):
        assert subject.source, subject
        if not subject.source.startswith("known"):
            named = [s.strip() for s in subject.source.split(",")]
            assert set(named) <= reports, (subject, set(named) - reports)


def test_source_column_is_read():
    subjects = parse_tsv("functional", "201\t一般公共服务支出\tknown\n20101\t人大事务\ta-report, b-report\n", "f.tsv")
    assert (subjects["201"].source, subjects["20101"].source) == ("known", "a-report, b-report")
    assert parse_tsv("functional", "201\t一般公共服务支出\n").get("201").source == ""
