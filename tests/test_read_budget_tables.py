"""Every table of every real budget PDF of the corpus is found and its header tree read.

The expected inventory (tests/gold/real/budget-tables-*.toml) was written by hand from
the rendered pages, independently of the reader: each table's pages, printed number,
title, unit, every column's header path (label columns included), the number of value
columns and the labels of its first and last rows. Reading the cells into the budget
model is the budget issue's; here the table layer must already find and shape them.
"""

from __future__ import annotations

import tomllib
from collections import defaultdict
from pathlib import Path

import pytest

from juesuan.profiles import norm, shipped
from juesuan.read import read_path
from juesuan.read.text_table import no_activity

HERE = Path(__file__).resolve().parent
PDFS = HERE / "fixtures" / "real" / "yusuan"
GOLD = HERE / "gold" / "real"


def _inventory() -> dict[str, list[dict]]:
    out: dict[str, list[dict]] = defaultdict(list)
    for region in ("jiangsu", "shanghai"):
        with (GOLD / f"budget-tables-{region}.toml").open("rb") as handle:
            for table in tomllib.load(handle)["table"]:
                out[table["file"]].append(table)
    return out


INVENTORY = _inventory()
FILES = sorted(path.name for path in PDFS.glob("*.pdf"))


def test_inventory_covers_every_budget_pdf():
    assert len(FILES) == 28
    assert sum(len(tables) for tables in INVENTORY.values()) == 230
    assert set(INVENTORY) <= set(FILES)


def _problems(table, want: dict) -> list[str]:
    problems = []
    if norm(table.number) != norm(want["number"]):
        problems.append(f"number {table.number!r}")
    if table.unit != want["unit"]:
        problems.append(f"unit {table.unit!r}")
    if [norm(h) for h in table.header] != [norm(h) for h in want["columns"]]:
        problems.append(f"header {table.header}")
    if len(table.columns) != want["value_columns"]:
        problems.append(f"{len(table.columns)} value columns")
    side = table.rows[0].side if table.rows else ""
    # a multi-level row (收入预算总表: 一般公共预算资金/小计) is named by its path; the inventory gives its finest cell
    names = [norm(row.name).rsplit("/", 1)[-1] for row in table.rows if row.side == side and (row.name or row.cells)]
    if want.get("first_row") and (not names or names[0] != norm(want["first_row"])):
        problems.append(f"first row {names[:1]}")
    last = want.get("last_row")
    if last and no_activity(last, shipped().get("yusuan")):
        if not table.no_activity:
            problems.append("its 此表为空 note was not read")
    elif last and (not names or names[-1] != norm(last)):
        problems.append(f"last row {names[-1:]}")
    pages = sorted({table.source.page} | {r.source.page for r in table.rows} | {c.source.page for r in table.rows for c in r.cells})
    if pages not in (want["pages"], want["pages"][1:]):  # a number printed alone at the foot of the page before
        problems.append(f"pages {pages}")
    if table.unread:
        problems.append(f"unread {table.unread}")
    return problems


@pytest.mark.parametrize("name", FILES)
def test_every_table_found_with_its_header_tree(name):
    report = read_path(PDFS / name)
    assert report.profile.family == "yusuan"
    wanted = INVENTORY.get(name, [])
    found = list(report.tables)
    failures = []
    for want in wanted:
        match = [t for t in found if norm(t.title) == norm(want["title"]) and t.source.page in want["pages"][:2]]
        if not match:
            failures.append(f"not found: {want['pages']} {want['title']}")
            continue
        table = match[0]
        found.remove(table)
        if want.get("appendix"):  # a form, not a column table: found on its page is what is asked
            continue
        problems = _problems(table, want)
        if problems:
            failures.append(f"{want['pages']} {want['title']}: " + "; ".join(problems))
    failures += [f"extra: page {t.source.page} {t.title}" for t in found]
    assert not failures, failures
