"""Shared by the format tests: the fixtures and what the text reader says."""

from __future__ import annotations

from pathlib import Path

from conftest import GOLDEN, JIANGMEN, LIANJIANG

FIXTURES = Path(__file__).resolve().parent / "fixtures"
REPORTS = {"lianjiang-2023": LIANJIANG, "jiangmen-2024": JIANGMEN}


def golden(stem: str) -> str:
    return (GOLDEN / f"{REPORTS[stem].stem}.csv").read_text(encoding="utf-8")
