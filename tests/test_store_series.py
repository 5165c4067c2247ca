"""The store links a department's reports across years and documents (store/series.py)."""

from __future__ import annotations

import shutil
from pathlib import Path

from juesuan.pipeline import across_findings
from juesuan.read import read_path
from juesuan.store import Store
from juesuan.store.entities import entity_key
from juesuan.store.ingest import ingest
from juesuan.store.series import add_alias, members

YUSUAN = Path(__file__).parent / "fixtures" / "real" / "yusuan"


def _copy(tmp: Path, names: list[str]) -> list[Path]:
    out = []
    for name in names:
        shutil.copy(YUSUAN / name, tmp / name)
        out.append(tmp / name)
    return out


def test_names_reduce_to_one_key() -> None:
    assert entity_key("中国共产党江苏省委员会办公厅") == entity_key("中共江苏省委办公厅") == "江苏省委办公厅"
    assert entity_key("省委办公厅", "江苏") == "江苏省委办公厅"
    assert entity_key("江门市医疗保障局(本级)") == entity_key("江门市医疗保障局（本级）") == "江门市医疗保障局"
    assert entity_key("省检察院") == "江苏省人民检察院"
    assert entity_key("某某局", aliases={"某某局": "新某某局"}) == "新某某局"


def test_ingest_links_the_series_in_any_order(tmp_path: Path) -> None:
    files = _copy(
        tmp_path,
        [
            "jiangsu-procuratorate-2019-budget.pdf",
            "jiangsu-procuratorate-2017-budget.pdf",
            "jiangsu-party-office-2018-budget-text.pdf",
            "jiangsu-party-office-2018-budget-tables.pdf",
        ],
    )
    with Store(tmp_path / "db.duckdb") as store:
        ingest(files[:1] + files[2:], store)  # 2019 first, then (below) 2018 and 2017
        ingest(files[1:2], store)
        ingest([_copy(tmp_path, ["jiangsu-procuratorate-2018-budget.pdf"])[0]], store)
        series = members(store, "江苏省人民检察院")
        assert [(m.year, m.family) for m in series] == [(2017, "yusuan"), (2018, "yusuan"), (2019, "yusuan")]
        party = members(store, "江苏省委办公厅")
        assert sorted((m.year, m.narrative > 0, m.tables > 0) for m in party) == [(2018, False, True), (2018, True, False)]
        by_year = {m.year: m.report_id for m in series}
        stored = store.findings(by_year[2018])
        # the same findings as `juesuan check 2018.pdf --previous 2017.pdf` adds
        expected = across_findings(
            read_path(YUSUAN / "jiangsu-procuratorate-2018-budget.pdf"),
            read_path(YUSUAN / "jiangsu-procuratorate-2017-budget.pdf"),
            previous_name="jiangsu-procuratorate-2017-budget.pdf",
        )
        across = [f for f in stored if f.rule.startswith("JS9")]
        assert across == list(expected)
        assert [f.rule for f in across if f.severity == "error"].count("JS901") == 4
        assert [f.rule for f in store.findings(by_year[2019]) if f.rule.startswith("JS9") and f.severity == "error"] == ["JS902"] * 3
        assert not [f for f in store.findings(by_year[2017]) if f.rule.startswith("JS9")]  # no 2016 report
        report = store.get(by_year[2018])
        assert report is not None and report.errors == sum(1 for f in stored if f.severity == "error")


def test_alias_links_a_renamed_department(tmp_path: Path) -> None:
    files = _copy(tmp_path, ["jiangsu-npc-office-2018-budget.pdf", "jiangsu-npc-office-2019-budget.pdf"])
    renamed = tmp_path / "renamed-2019.pdf"
    files[1].rename(renamed)
    with Store(tmp_path / "db.duckdb") as store:
        ingest([files[0], renamed], store)
        assert len(members(store, "江苏省人大常委会办公厅")) == 2
        add_alias(store, "江苏省人大常委会办公厅", "江苏省人大办公厅")
        assert [m.year for m in members(store, "江苏省人大办公厅")] == [2018, 2019]
        assert members(store, "江苏省人大常委会办公厅") == []


def test_compare_shows_the_series_side_by_side(tmp_path: Path) -> None:
    import csv
    import io

    from typer.testing import CliRunner

    from juesuan.cli import app

    files = [YUSUAN / f"jiangsu-cppcc-office-{year}-budget{suffix}.pdf" for year in (2017, 2018, 2019) for suffix in ("", "-tables")]
    db = tmp_path / "db.duckdb"
    with Store(db) as store:
        ingest(files, store, workers=2)
    result = CliRunner().invoke(app, ["compare", "--entity", "政协", "--db", str(db), "--format", "csv"])
    assert result.exit_code == 0, result.output
    rows = {row[0]: row[1:] for row in csv.reader(io.StringIO(result.stdout))}
    assert rows["项目（万元）"] == ["2017年预算", "2018年预算", "2019年预算"]
    # as each year's narrative states them (read off the PDFs: 收入、支出预算总计, 基本支出预算数, 培训费)
    assert rows["收支预算总计"] == ["9146.79", "10150.48", "13377.11"]
    assert rows["基本支出"] == ["5916.27", "5678.17", "6522.75"]
    assert rows["培训费"] == ["81.60", "97.60", "281.77"]
    assert all("tables" in cell for cell in rows["文件"])  # the tables PDF of each year in its column
    year = CliRunner().invoke(app, ["compare", "--year", "2018", "--db", str(db), "--format", "csv"])
    lines = list(csv.reader(io.StringIO(year.stdout)))
    assert len(lines) == 2  # the text and the tables file of 2018: one row
    assert ["江苏省政协办公厅", "10150.48", "10150.48", "5678.17", "3314.68"] == lines[1][:5]


def test_a_report_in_two_files_is_checked_whole(tmp_path: Path) -> None:
    """Each year of the CPPCC office is a text PDF and a tables PDF: the store joins them
    (read.document.combine), as `juesuan check TEXT+TABLES --previous TEXT+TABLES` does."""
    from juesuan.read import read_paths

    names = [f"jiangsu-cppcc-office-{y}-budget{s}.pdf" for y in (2017, 2018) for s in ("", "-tables")]
    with Store(tmp_path / "db.duckdb") as store:
        ingest(_copy(tmp_path, names), store, workers=2)
        text_2018 = next(m for m in members(store, "江苏省政协办公厅") if m.year == 2018 and m.narrative)
        stored = [f for f in store.findings(text_2018.report_id) if f.rule.startswith("JS9")]
    expected = across_findings(
        read_paths([YUSUAN / names[2], YUSUAN / names[3]]),
        read_paths([YUSUAN / names[0], YUSUAN / names[1]]),
        previous_name=names[0],
    )
    assert stored == list(expected) and [f.rule for f in stored if f.severity != "info"] == ["JS904"]
    # last year's tables answer what its narrative does not state: fewer unchecked changes
    narrative_only = across_findings(read_path(YUSUAN / names[2]), read_path(YUSUAN / names[0]), previous_name=names[0])
    assert sum(f.rule == "JS903" for f in stored) < sum(f.rule == "JS903" for f in narrative_only)
