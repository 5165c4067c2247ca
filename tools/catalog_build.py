"""Build the subject catalog data files (src/juesuan/catalog/data/) for 2017–2026.

Usage: .venv/bin/python tools/catalog_harvest.py ../shared/corpus > harvest.tsv
       .venv/bin/python tools/catalog_build.py harvest.tsv

Each edition's entries, each with its source in a third column:

* 类: the complete list of the edition's expenditure 类, written here from the published editions
  (source ``known``; where a report of that year prints the 类 in a coded table with the same name,
  that report is named instead). The names changed in 2019 (医疗卫生与计划生育支出 → 卫生健康支出,
  文化体育与传媒支出 → 文化旅游体育与传媒支出, 国土海洋气象等支出 → 自然资源海洋气象等支出, new 224
  灾害防治及应急管理支出), the economic 类 in the 2018 reform of 部门预算支出经济分类.
* 款/项 printed in a report of that year (source: the report(s)); when reports of one year print a code
  with different names, the name most of them print (the others then get a warning from the checks).
  A report known to renumber its subjects (its own codes are not the catalog's) is left out.
* the entries of the previous data files (2023/2024: the two Guangdong reports and a curated list).
* 款/项 not printed that year but printed with the same name by the nearest earlier and later
  editions: most likely unchanged, so listed as not machine-verified (a name differing from them is
  only an info), source ``known: as YYYY and YYYY``.
"""

from __future__ import annotations

import sys
from collections import Counter, defaultdict
from pathlib import Path

from juesuan.catalog import normalise_name, parse_tsv

DATA = Path(__file__).resolve().parent.parent / "src" / "juesuan" / "catalog" / "data"
YEARS = tuple(range(2017, 2027))

# reports whose codes are their own numbering, not the catalog's (see tests/gold/real/budget-tables-shanghai.toml)
RENUMBERED = {("shanghai-putuo-welfare-home-2024-budget-unit", "economic")}

_FUNCTIONAL_2017 = {
    "201": "一般公共服务支出", "202": "外交支出", "203": "国防支出", "204": "公共安全支出", "205": "教育支出",
    "206": "科学技术支出", "207": "文化体育与传媒支出", "208": "社会保障和就业支出", "209": "社会保险基金支出",
    "210": "医疗卫生与计划生育支出", "211": "节能环保支出", "212": "城乡社区支出", "213": "农林水支出",
    "214": "交通运输支出", "215": "资源勘探信息等支出", "216": "商业服务业等支出", "217": "金融支出",
    "219": "援助其他地区支出", "220": "国土海洋气象等支出", "221": "住房保障支出", "222": "粮油物资储备支出",
    "223": "国有资本经营预算支出", "227": "预备费", "229": "其他支出", "230": "转移性支出", "231": "债务还本支出",
    "232": "债务付息支出", "233": "债务发行费用支出",
}  # fmt: skip
_FUNCTIONAL_2019 = {
    **_FUNCTIONAL_2017,
    "207": "文化旅游体育与传媒支出",
    "210": "卫生健康支出",
    "220": "自然资源海洋气象等支出",
    "224": "灾害防治及应急管理支出",
}
_FUNCTIONAL_2020 = {**_FUNCTIONAL_2019, "215": "资源勘探工业信息等支出", "234": "抗疫特别国债安排的支出"}
_ECONOMIC_2017 = {
    "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "304": "对企事业单位的补贴",
    "305": "转移性支出", "306": "赠与", "307": "债务利息支出", "308": "债务还本支出", "309": "基本建设支出",
    "310": "其他资本性支出", "311": "贷款转贷及产权参股", "399": "其他支出",
}  # fmt: skip
_ECONOMIC_2018 = {
    "301": "工资福利支出", "302": "商品和服务支出", "303": "对个人和家庭的补助", "307": "债务利息及费用支出",
    "309": "资本性支出（基本建设）", "310": "资本性支出", "311": "对企业补助（基本建设）", "312": "对企业补助",
    "313": "对社会保障基金补助", "399": "其他支出",
}  # fmt: skip
# 类 names whose year of change is not established by a printed report here: not machine-verified
_UNSURE = {("functional", "215", year) for year in (2020, 2021, 2022)}


def classes(kind: str, year: int) -> dict[str, str]:
    if kind == "economic":
        return _ECONOMIC_2017 if year < 2018 else _ECONOMIC_2018
    return _FUNCTIONAL_2017 if year < 2019 else _FUNCTIONAL_2019 if year == 2019 else _FUNCTIONAL_2020


def printed(harvest: Path) -> dict[tuple[str, int], dict[str, tuple[str, list[str]]]]:
    """(kind, year) → code → (name most reports print, the reports printing it)."""
    names: dict[tuple[str, int, str], Counter[str]] = defaultdict(Counter)
    shown: dict[tuple[str, int, str, str], str] = {}
    sources: dict[tuple[str, int, str, str], list[str]] = defaultdict(list)
    for line in harvest.read_text(encoding="utf-8").splitlines():
        year, kind, code, name, source = line.split("\t")
        if (source, kind) in RENUMBERED:
            continue
        if len(code) not in ((3, 5, 7) if kind == "functional" else (3, 5)):
            print(f"note: {source}: {kind} code {code} {name} is not a code (as printed), left out", file=sys.stderr)
            continue
        key = (kind, int(year), code)
        name = name.replace("(", "（").replace(")", "）")  # the official form; reports print both
        norm = normalise_name(name)
        names[key][norm] += 1
        shown.setdefault((*key, norm), name)
        sources[(*key, norm)].append(source)
    out: dict[tuple[str, int], dict[str, tuple[str, list[str]]]] = defaultdict(dict)
    for (kind, year, code), counts in names.items():
        (norm, _), *rest = counts.most_common()
        if rest and rest[0][1] == counts[norm]:
            print(f"note: {year} {kind} {code}: {dict(counts)} — a tie, first taken", file=sys.stderr)
        out[(kind, year)][code] = (shown[(kind, year, code, norm)], sorted(set(sources[(kind, year, code, norm)])))
    return out


EARLIER = "known: juesuan's earlier catalog, from the Guangdong corpus reports"
CURATED = "known: juesuan's earlier curated list"


def previous(kind: str, year: int) -> dict[str, tuple[str, bool]]:
    """The entries of juesuan's catalog before this tool (2023 and 2024: the two Guangdong reports and a
    curated list), which this tool keeps: code → (name, verified). A file this tool wrote keeps them
    under their sources; an older file (no sources) is all of them."""
    path = DATA / f"{kind}-{year}.tsv"
    if not path.is_file():
        return {}
    subjects = parse_tsv(kind, path.read_text(encoding="utf-8"), path.name)
    generated = any(s.source for s in subjects.values())
    return {c: (s.name, s.verified) for c, s in subjects.items() if not generated or s.source in (EARLIER, CURATED)}


HEADERS = {
    "functional": "支出功能分类科目 (functional classification of expenditure)",
    "economic": "部门预算支出经济分类科目 (economic classification of departmental budget expenditure)",
}


def build(harvest: Path) -> None:
    seen = printed(harvest)
    old = {(kind, year): previous(kind, year) for kind in HEADERS for year in YEARS}
    verified: dict[tuple[str, int], dict[str, tuple[str, str]]] = {}
    for kind in HEADERS:
        for year in YEARS:
            entries: dict[str, tuple[str, str]] = {}
            for code, (name, sources) in sorted(seen.get((kind, year), {}).items()):
                if len(code) > 3:
                    entries[code] = (name, ", ".join(sources))
            for code, (name, ok) in old[(kind, year)].items():
                if len(code) > 3 and ok and code not in entries:
                    entries[code] = (name, EARLIER)
            verified[(kind, year)] = entries
    for kind in HEADERS:
        for year in YEARS:
            write(kind, year, seen.get((kind, year), {}), verified, old[(kind, year)])


def _carried(kind: str, year: int, verified: dict[tuple[str, int], dict[str, tuple[str, str]]]) -> dict[str, tuple[str, str]]:
    """款/项 printed alike in the nearest earlier and later editions that print any (both earlier at the end)."""
    have = [y for y in YEARS if verified[(kind, y)] and y != year]
    earlier = [y for y in have if y < year]
    later = [y for y in have if y > year]
    pair = (earlier[-1], later[0]) if earlier and later else tuple(earlier[-2:]) if len(earlier) >= 2 else ()
    if len(pair) != 2:
        return {}
    a, b = verified[(kind, pair[0])], verified[(kind, pair[1])]
    return {
        code: (name, f"known: as {pair[0]} and {pair[1]}")
        for code, (name, _) in a.items()
        if code in b and normalise_name(b[code][0]) == normalise_name(name)
    }


def write(kind: str, year: int, seen: dict[str, tuple[str, list[str]]], verified, old: dict[str, tuple[str, bool]]) -> None:
    entries = verified[(kind, year)]
    lines = [
        f"# {HEADERS[kind]}, {year} edition of 《{year}年政府收支分类科目》 (Ministry of Finance of the PRC).",
        "# Format: code<TAB>name<TAB>source; 类 = 3 digits, 款 = 5" + (", 项 = 7" if kind == "functional" else "") + ".",
        "# source: the corpus report(s) of that year printing the code with this name, or `known` (written from the",
        "# published edition). Built by tools/catalog_build.py from tools/catalog_harvest.py over ../shared/corpus.",
        "# COMPLETENESS: 类 complete. 款/项 partial: those printed in the reports, the earlier curated list, and",
        "# (not machine-verified) those printed alike the nearest editions before and after. A code missing here",
        "# is not evidence of a wrong code.",
        "# --- 类 (complete)",
    ]
    unsure: list[str] = []
    for code, name in classes(kind, year).items():
        sources = seen.get(code, ("", []))[1] if normalise_name(seen.get(code, ("", []))[0]) == normalise_name(name) else []
        line = f"{code}\t{name}\t{', '.join(sources) or 'known'}"
        (unsure if (kind, code, year) in _UNSURE else lines).append(line)
    lines.append("# --- 款/项 printed in the corpus reports of the year, or in juesuan's earlier catalog")
    tree = {**dict(classes(kind, year)), **{c: n for c, (n, _) in entries.items()}}
    kept = {code for code in entries if _rooted(code, tree)}
    lines += [f"{code}\t{entries[code][0]}\t{entries[code][1]}" for code in sorted(kept)]
    lines.append("# --- 款/项 not machine-verified: curated, or printed alike the nearest editions before and after")
    extra = {code: (name, CURATED) for code, (name, ok) in old.items() if len(code) > 3 and not ok}
    extra.update({c: v for c, v in _carried(kind, year, verified).items() if c not in extra})
    extra = {c: v for c, v in extra.items() if c not in kept}
    names_under = {(c[:-2], normalise_name(entries[c][0])) for c in kept}
    for code in sorted(extra):  # a curated or carried name a printed sibling already has is left out
        key = (code[:-2], normalise_name(extra[code][0]))
        if key in names_under:
            del extra[code]
        else:
            names_under.add(key)
    while True:  # and so is what would be an orphan
        tree = {**dict(classes(kind, year)), **{c: "" for c in kept}, **{c: "" for c in extra}}
        orphans = [c for c in extra if not _rooted(c, tree)]
        if not orphans:
            break
        for code in orphans:
            del extra[code]
    unsure += [f"{code}\t{extra[code][0]}\t{extra[code][1]}" for code in sorted(extra)]
    lines += unsure
    (DATA / f"{kind}-{year}.tsv").write_text("\n".join(lines) + "\n", encoding="utf-8")


def _rooted(code: str, tree: dict[str, str]) -> bool:
    """Every level above ``code`` is listed (the loader refuses an orphan)."""
    return all(code[:n] in tree for n in range(3, len(code), 2))


if __name__ == "__main__":
    build(Path(sys.argv[1]))
