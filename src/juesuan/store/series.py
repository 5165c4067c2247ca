"""A department's reports across years and documents, linked in the store.

Every stored report is a member of a series (``series_members``: entity key, scope,
family, year, from ``entities.identity``). Linking a report checks it against its
neighbours with the same functions as ``juesuan check --previous/--budget``
(``pipeline.across_findings``): a budget against last year's budget, the next year's
budget against it, a 决算 against that year's budget. Those findings are kept per
pair (``series_findings``) and recomputed whenever a member arrives, so each report's
findings (``Store.findings``) include the cross-year ones whatever the order of ingest.

A year may hold two members of one family: a report published as a text PDF and a
tables PDF. The one with the narrative is the one checked and compared with.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from dataclasses import dataclass

from ..errors import JuesuanError
from ..model import Finding, Report
from ..model.serialize import to_data
from ..read.document import combine
from .database import Store
from .entities import identity


@dataclass(frozen=True, slots=True)
class Member:
    report_id: str
    entity_key: str
    entity_name: str
    family: str
    scope: str
    year: int | None
    evidence: str
    source_file: str
    narrative: int  # paragraphs of 情况说明 (0: a tables-only file)
    tables: int

    @property
    def document(self) -> str:
        return "预算" if self.family == "yusuan" else "决算"


_COLUMNS = "report_id, entity_key, entity_name, family, scope, year, evidence, source_file, narrative, tables"


def aliases(store: Store) -> dict[str, str]:
    return dict(store.con.execute("SELECT alias, canonical FROM entity_aliases").fetchall())


def add_alias(store: Store, alias: str, canonical: str) -> list[str]:
    """Record that ``alias`` names the department ``canonical`` (a renamed department,
    an abbreviation) and relink every report; returns the reports relinked."""
    store.con.execute("INSERT OR REPLACE INTO entity_aliases VALUES (?, ?)", [alias.strip(), canonical.strip()])
    ids = [row[0] for row in store.con.execute("SELECT id FROM reports").fetchall()]
    link(store, ids)
    return ids


def _member(store: Store, report_id: str, report: Report, names: dict[str, str]) -> Member:
    stored = store.get(report_id)
    source = stored.source_file if stored is not None else ""
    who = identity(report, source, names)
    return Member(
        report_id,
        who.key,
        who.name,
        who.family,
        who.scope,
        who.year,
        who.evidence,
        source,
        len(report.narrative),
        sum(1 for t in report.tables if t.kind),
    )


def members(store: Store, entity_key: str | None = None) -> list[Member]:
    sql = f"SELECT {_COLUMNS} FROM series_members"
    params: list[str] = []
    if entity_key is not None:
        sql += " WHERE entity_key = ?"
        params.append(entity_key)
    sql += " ORDER BY entity_key, scope, year NULLS LAST, family, narrative DESC"
    return [Member(*row) for row in store.con.execute(sql, params).fetchall()]


def link(store: Store, report_ids: Iterable[str]) -> None:
    """Add the reports to their series and recheck every pair they take part in."""
    names = aliases(store)
    touched: set[str] = set()
    for report_id in report_ids:
        report = store.model(report_id)
        if report is None:
            continue
        member = _member(store, report_id, report, names)
        store.con.execute("DELETE FROM series_members WHERE report_id = ?", [report_id])
        store.con.execute(
            f"INSERT INTO series_members ({_COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                member.report_id,
                member.entity_key,
                member.entity_name,
                member.family,
                member.scope,
                member.year,
                member.evidence,
                member.source_file,
                member.narrative,
                member.tables,
            ],
        )
        touched.add(member.entity_key)
    for key in touched:
        if key:
            _recheck(store, members(store, key))


def year_report(store: Store, found: list[Member]) -> Report | None:
    """The report of one year and document: a text file and a tables file of it joined
    into one (``read.document.combine``), else the file with the narrative."""
    main = _main(found)
    if main is None:
        return None
    report = store.model(main.report_id)
    tables = [m for m in found if m is not main and m.tables and not m.narrative]
    if report is not None and tables and not main.tables:
        other = store.model(tables[0].report_id)
        try:
            return combine(report, other) if other is not None else report
        except JuesuanError:
            return report  # not one report after all: the narrative's file alone
    return report


def _main(found: list[Member]) -> Member | None:
    """The member of a year and family to check and compare with: the one with the narrative."""
    return max(found, key=lambda m: (m.narrative, m.tables)) if found else None


def _recheck(store: Store, series: list[Member]) -> None:
    from ..pipeline import across_findings  # the one code path of juesuan check --previous/--budget

    by_year: dict[tuple[str, str, int], list[Member]] = {}
    for m in series:
        if m.year is not None:
            by_year.setdefault((m.scope, m.family, m.year), []).append(m)
    models: dict[tuple[str, str, int], Report | None] = {}

    def model(m: Member) -> Report | None:
        key = (m.scope, m.family, m.year or 0)
        if key not in models:
            models[key] = year_report(store, by_year.get(key, [m]))
        return models[key]

    for m in series:
        store.con.execute("DELETE FROM series_findings WHERE report_id = ?", [m.report_id])
        if m.year is None or not m.narrative:
            _recount(store, m.report_id)
            continue
        previous = _main(by_year.get((m.scope, m.family, m.year - 1), []))
        budget = _main(by_year.get((m.scope, "yusuan", m.year), [])) if m.family == "juesuan" else None
        current = model(m) if m is _main(by_year[(m.scope, m.family, m.year)]) else store.model(m.report_id)
        if current is None:
            continue
        found = across_findings(
            current,
            model(previous) if previous is not None else None,
            model(budget) if budget is not None else None,
            _name(previous),
            _name(budget),
        )
        _store(store, m.report_id, previous, budget, found)
        _recount(store, m.report_id)


def _name(member: Member | None) -> str:
    return member.source_file.rsplit("/", 1)[-1] if member is not None else ""


def _store(store: Store, report_id: str, previous: Member | None, budget: Member | None, found: Iterable[Finding]) -> None:
    rows = []
    for seq, finding in enumerate(found):
        other = previous if finding.rule < "JS910" else budget
        rows.append((report_id, other.report_id if other is not None else "", seq, json.dumps(to_data(finding), ensure_ascii=False)))
    if rows:
        store.con.executemany("INSERT INTO series_findings VALUES (?, ?, ?, ?)", rows)


def _recount(store: Store, report_id: str) -> None:
    """The report's counts of errors, warnings and infos: its own findings and the series'."""
    for severity, column in (("error", "errors"), ("warning", "warnings"), ("info", "infos")):
        store.con.execute(
            f"UPDATE reports SET {column} = (SELECT count(*) FROM findings WHERE report_id = ? AND severity = ?)"
            " + (SELECT count(*) FROM series_findings WHERE report_id = ? AND json_extract_string(finding_json, '$.severity') = ?)"
            " WHERE id = ?",
            [report_id, severity, report_id, severity, report_id],
        )
