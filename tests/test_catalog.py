"""Tests for juesuan.catalog against the two real reports in examples/."""

from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

import juesuan.catalog as catalog_module
from juesuan.catalog import Catalog, Subject, editions, load_catalog, normalise_name

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
REPORTS = {
    2023: EXAMPLES / "lianjiang-medical-security-bureau-2023.txt",
    2024: EXAMPLES / "jiangmen-medical-security-bureau-2024.txt",
}

ECONOMIC_CLASSES = {"301", "302", "303", "307", "309", "310", "311", "312", "313", "399"}
FUNCTIONAL_CLASSES = {
    "201": "一般公共服务支出",
    "202": "外交支出",
    "203": "国防支出",
    "204": "公共安全支出",
    "205": "教育支出",
    "206": "科学技术支出",
    "207": "文化旅游体育与传媒支出",
    "208": "社会保障和就业支出",
    "209": "社会保险基金支出",
    "210": "卫生健康支出",
    "211": "节能环保支出",
    "212": "城乡社区支出",
    "213": "农林水支出",
    "214": "交通运输支出",
    "215": "资源勘探工业信息等支出",
    "216": "商业服务业等支出",
    "217": "金融支出",
    "219": "援助其他地区支出",
    "220": "自然资源海洋气象等支出",
    "221": "住房保障支出",
    "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出",
    "224": "灾害防治及应急管理支出",
    "227": "预备费",
    "229": "其他支出",
    "230": "转移性支出",
    "231": "债务还本支出",
    "232": "债务付息支出",
    "233": "债务发行费用支出",
    "234": "抗疫特别国债安排的支出",
}

_AMOUNT = r"-?[\d,]+\.\d{2}"
# 'code name amount', possibly twice on a line (表6 prints two columns side by side)
_PAIR_RE = re.compile(rf"(?<!\S)(\d{{7}}|\d{{5}}|\d{{3}}) (\S+?) (?={_AMOUNT}(?:\s|$))")
_CODE_ONLY_RE = re.compile(r"^(\d{7}|\d{5}|\d{3})$")
_STARTS_WITH_CODE_RE = re.compile(r"^(\d{7}|\d{5}|\d{3}) ")
_AMOUNT_LINE_RE = re.compile(rf"^{_AMOUNT}(?:\s|$)")


def corpus_subjects(path: Path) -> list[tuple[str, str, list[str]]]:
    """(code, printed name, name fragments as wrapped) for every subject row of a report.

    Two shapes occur in the text extracted from the PDF: 'code name amounts…' on one line, and a
    code alone on its line followed by the name wrapped over one or more lines, then the amounts.
    """
    lines = path.read_text(encoding="utf-8").splitlines()
    found: list[tuple[str, str, list[str]]] = []
    i = 0
    while i < len(lines):
        line = lines[i].strip()
        only = _CODE_ONLY_RE.match(line)
        if only:
            parts: list[str] = []
            j = i + 1
            while j < len(lines) and not _AMOUNT_LINE_RE.match(lines[j].strip()):
                if lines[j].strip():
                    parts.append(lines[j].strip())
                j += 1
            if parts and j < len(lines):
                found.append((only.group(1), "".join(parts), parts))
            i = j
            continue
        if _STARTS_WITH_CODE_RE.match(line):
            for match in _PAIR_RE.finditer(line):
                found.append((match.group(1), match.group(2), [match.group(2)]))
        i += 1
    return found


def kind_of(code: str) -> str:
    return "economic" if code[0] in "3" else "functional"


@pytest.fixture(scope="module", params=sorted(REPORTS))
def report(request) -> tuple[int, list[tuple[str, str, list[str]]]]:
    return request.param, corpus_subjects(REPORTS[request.param])


ALL_CORPUS = sorted(
    {(code, name) for path in REPORTS.values() for code, name, _ in corpus_subjects(path)}
)


# -- the corpus parser itself -----------------------------------------------------------


def test_corpus_parser_finds_the_tables():
    lianjiang = {c for c, _, _ in corpus_subjects(REPORTS[2023])}
    jiangmen = {c for c, _, _ in corpus_subjects(REPORTS[2024])}
    # functional rows of 表2/3/5 and the full 表6 economic list
    assert {"208", "20805", "2080505", "2101550", "30213", "39999"} <= lianjiang
    assert {"201", "2010302", "2296013", "2121399", "30240", "31099"} <= jiangmen
    assert len(lianjiang) > 90 and len(jiangmen) > 100
    # wrapped names are re-joined
    names = {c: n for c, n, _ in corpus_subjects(REPORTS[2024])}
    assert names["21213"] == "城市基础设施配套费安排的支出"
    assert names["2296013"] == "用于城乡医疗救助的彩票公益金支出"


# -- every corpus code is in the catalog, with the printed name ------------------------


def test_report_codes_in_their_edition(report):
    year, rows = report
    catalog = load_catalog(year)
    assert catalog.edition == year
    missing = []
    mismatched = []
    for code, name, parts in rows:
        kind = kind_of(code)
        subject = catalog.lookup(code, kind)
        if subject is None:
            missing.append(code)
            continue
        if not catalog.names_match(code, name, kind):
            mismatched.append((code, name, subject.name))
        # every fragment of a wrapped name extends to the official name
        joined = ""
        for part in parts:
            joined += part
            assert catalog.completes(code, joined, kind), (code, joined)
    assert not missing, f"{year}: codes missing from the catalog: {missing}"
    assert not mismatched, f"{year}: printed names differ from the catalog: {mismatched}"


@pytest.mark.parametrize("year", sorted(REPORTS))
@pytest.mark.parametrize("code,name", ALL_CORPUS)
def test_every_corpus_code_in_both_editions(year, code, name):
    catalog = load_catalog(year)
    kind = kind_of(code)
    subject = catalog.lookup(code, kind)
    assert subject is not None, f"{code} {name} missing from the {year} edition"
    assert catalog.names_match(code, name, kind), (code, name, subject.name)
    assert subject.kind == kind
    assert subject.level == {3: 1, 5: 2, 7: 3}[len(code)]


# -- structure of the shipped data -------------------------------------------------------


def test_editions():
    assert editions() == (2023, 2024)


@pytest.mark.parametrize("year", [2023, 2024])
def test_every_parent_exists(year):
    catalog = load_catalog(year)
    for subject in catalog:
        if subject.level == 1:
            assert subject.parent_code is None
            continue
        parent = catalog.lookup(subject.parent_code, subject.kind)
        assert parent is not None, f"{subject.code} {subject.name}: no parent {subject.parent_code}"
        assert parent.level == subject.level - 1
        assert subject in catalog.children(parent.code, subject.kind)


@pytest.mark.parametrize("year", [2023, 2024])
def test_all_classes_present(year):
    catalog = load_catalog(year)
    functional_classes = {s.code: s.name for s in catalog.subjects("functional") if s.level == 1}
    assert functional_classes == FUNCTIONAL_CLASSES
    economic_classes = {s.code for s in catalog.subjects("economic") if s.level == 1}
    assert economic_classes == ECONOMIC_CLASSES
    assert catalog.economic("309").name == "资本性支出（基本建设）"
    # only 3/5/7-digit functional and 3/5-digit economic codes
    for subject in catalog:
        allowed = {3, 5, 7} if subject.kind == "functional" else {3, 5}
        assert len(subject.code) in allowed and subject.code.isdigit()
    assert len(catalog) == len(list(catalog))
    assert len(catalog) > 300


@pytest.mark.parametrize("year", [2023, 2024])
def test_economic_kuan_of_table6_complete(year):
    """表6 prints the whole 款 list of 301/302/303/310/399; all of it is in the catalog, nothing more."""
    catalog = load_catalog(year)
    printed = {
        code
        for path in REPORTS.values()
        for code, _, _ in corpus_subjects(path)
        if len(code) == 5 and code[:3] in {"301", "302", "303", "310", "399"}
    }
    shipped = {
        s.code
        for s in catalog.subjects("economic")
        if s.level == 2 and s.code[:3] in {"301", "302", "303", "310", "399"}
    }
    assert printed == shipped
    assert [s.code for s in catalog.children("307", "economic")][:2] == ["30701", "30702"]


def test_official_names_use_fullwidth_parentheses():
    for year in editions():
        for subject in load_catalog(year):
            assert "(" not in subject.name and ")" not in subject.name, subject


# -- API ---------------------------------------------------------------------------------


def test_subject_basics():
    catalog = load_catalog(2024)
    s = catalog.functional("2080505")
    assert s == Subject("2080505", "机关事业单位基本养老保险缴费支出", 3, "functional")
    assert s.parent_code == "20805"
    assert catalog.functional("20805").parent_code == "208"
    assert catalog.functional("208").parent_code is None
    assert catalog.economic("30213").parent_code == "302"
    assert catalog.economic("30213").level == 2
    with pytest.raises(AttributeError):
        s.name = "x"  # frozen
    assert not hasattr(s, "__dict__")  # slots


def test_lookup():
    catalog = load_catalog(2023)
    assert catalog.lookup("2101550").name == "事业运行"
    assert catalog.lookup("30239", kind="economic").name == "其他交通费用"
    assert catalog.lookup(" 2101550 ").code == "2101550"
    assert catalog.lookup("９９９") is None
    assert catalog.functional("9999999") is None
    assert catalog.economic("2101550") is None  # a functional code is not an economic one
    assert catalog.functional("30101") is None
    with pytest.raises(ValueError):
        catalog.lookup("201", kind="budget")


def test_names_match_parentheses():
    catalog = load_catalog(2023)
    assert catalog.economic("30213").name == "维修（护）费"
    assert catalog.names_match("30213", "维修(护)费", kind="economic")
    assert catalog.names_match("30213", "维修（护）费", kind="economic")
    assert catalog.names_match("30213", " 维修 ( 护 ) 费 ", kind="economic")
    assert not catalog.names_match("30213", "维修费", kind="economic")
    assert catalog.names_match("20103", "政府办公厅(室)及相关机构事务")
    assert catalog.names_match("20103", "政府办公厅（室）及相关\n机构事务")
    assert not catalog.names_match("20103", "政府办公厅（室）及相关机构事务支出")
    assert not catalog.names_match("9999999", "行政运行")
    # the same code names a different thing in the other catalog
    assert not catalog.names_match("30213", "维修(护)费")  # functional lookup: no such code


def test_normalise_name():
    assert normalise_name("维修（护）费") == normalise_name("维修(护)费") == "维修(护)费"
    assert normalise_name("因公出国　（境）费用") == "因公出国(境)费用"
    assert normalise_name("ＡＢＣ１２３") == "ABC123"
    assert normalise_name(" 一般\t行政管理事务\n") == "一般行政管理事务"


def test_functional_class_by_name():
    catalog = load_catalog(2024)
    assert catalog.functional_class_by_name("八、社会保障和就业支出").code == "208"
    assert catalog.functional_class_by_name("社会保障和就业支出").code == "208"
    assert catalog.functional_class_by_name("一、一般公共服务支出").code == "201"
    assert catalog.functional_class_by_name("一般公共服务支出").code == "201"
    assert catalog.functional_class_by_name("二十六、抗疫特别国债安排的支出").code == "234"
    assert catalog.functional_class_by_name("二十一、国有资本经营预算支出").code == "223"
    assert catalog.functional_class_by_name("（九）卫生健康支出").code == "210"
    assert catalog.functional_class_by_name("卫生健康支出（类）").code == "210"
    assert catalog.functional_class_by_name("十九、住房保障 支出").code == "221"
    assert catalog.functional_class_by_name("行政运行") is None  # a 项, not a 类
    assert catalog.functional_class_by_name("工资福利支出") is None  # economic
    assert catalog.functional_class_by_name("") is None


def test_functional_class_by_name_covers_table1_rows():
    """Every expenditure row of 表1 in both reports names a 类 of its edition."""
    row = re.compile(r"([一二三四五六七八九十]+、[^\s\d]+支出) (\d{2}) " + _AMOUNT)
    for year, path in REPORTS.items():
        catalog = load_catalog(year)
        names = row.findall(path.read_text(encoding="utf-8"))
        assert len(names) >= 26
        for name, _ in names:
            assert catalog.functional_class_by_name(name) is not None, (year, name)


def test_completes():
    catalog = load_catalog(2024)
    assert catalog.completes("2121399", "其他城市基础设施配套费安排")
    assert catalog.completes("2121399", "其他城市基础设施配套费安排的支出")
    assert not catalog.completes("2121399", "其他城市基础设施配套费安排的支出之外")
    assert not catalog.completes("2121399", "城市基础设施配套费安排")
    assert not catalog.completes("2121399", "其他城乡社区支出")
    assert not catalog.completes("2121399", "")
    assert not catalog.completes("9999999", "其他")
    assert catalog.completes("30212", "因公出国(境)", kind="economic")
    assert catalog.completes("39908", "对民间非营利组织和群众", kind="economic")


def test_children():
    catalog = load_catalog(2023)
    codes = [s.code for s in catalog.children("21015")]
    assert codes == sorted(codes)
    assert {"2101501", "2101502", "2101505", "2101506", "2101550", "2101599"} <= set(codes)
    assert [s.code for s in catalog.children("30213", "economic")] == []
    economic_302 = [s.code for s in catalog.children("302", "economic")]
    assert economic_302[0] == "30201" and economic_302[-1] == "30299"
    assert catalog.children("999") == ()


def test_edition_selection():
    assert load_catalog(2023).edition == 2023
    assert load_catalog(2024).edition == 2024
    assert load_catalog(2022).edition == 2023  # older than every edition: the oldest
    assert load_catalog(1999).edition == 2023
    assert load_catalog(2025).edition == 2024  # newest edition <= year
    assert load_catalog(2030).edition == 2024
    assert load_catalog(2024) is load_catalog(2024)  # cached
    assert isinstance(load_catalog(2024), Catalog)


def test_loading_is_fast():
    load_catalog.cache_clear()
    catalog_module._load_edition.cache_clear()
    start = time.perf_counter()
    for year in (2023, 2024):
        load_catalog(year)
    first = time.perf_counter() - start
    start = time.perf_counter()
    for _ in range(1000):
        load_catalog(2024)
    cached = time.perf_counter() - start
    assert first < 1.0
    assert cached < 0.05
