"""The mutation harness: every change to a table cell that the printed precision lets
an identity see is caught by an error naming that cell."""

from __future__ import annotations

from decimal import Decimal

import pytest

from juesuan.checks import RULES
from juesuan.checks.mutation import changes, missed, mutate, stats, uncovered, undetectable
from juesuan.read import read_path


@pytest.fixture(scope="module", params=["lianjiang", "jiangmen"])
def outcomes(request):
    from conftest import JIANGMEN, LIANJIANG

    return mutate(read_path({"lianjiang": LIANJIANG, "jiangmen": JIANGMEN}[request.param]), RULES)


def test_every_detectable_change_is_caught(outcomes):
    assert missed(outcomes) == []
    assert all(s.recall == 1.0 for s in stats(outcomes))


def test_every_cell_is_covered_by_a_hard_identity(outcomes):
    assert uncovered(outcomes) == []


def test_undetectable_changes_are_small_changes_inside_long_sums(outcomes):
    hidden = undetectable(outcomes)
    assert hidden, "long sums leave some room in principle"
    for outcome in hidden:
        assert abs(outcome.mutated - outcome.target.amount) <= Decimal("0.14"), outcome
    # and ±1 or ×1.1 on any sizeable cell is never hidden
    assert not [o for o in hidden if o.kind in ("+1", "-1")]


def test_changes_keep_the_printed_precision():
    assert changes(Decimal("670.88")) == [
        ("+0.05", Decimal("670.93")),
        ("-0.05", Decimal("670.83")),
        ("+1", Decimal("671.88")),
        ("-1", Decimal("669.88")),
        ("×1.1", Decimal("737.97")),
        ("swap", Decimal("678.08")),
    ]
    assert [kind for kind, _ in changes(Decimal("0.00"))] == ["+0.05", "-0.05", "+1", "-1"]
