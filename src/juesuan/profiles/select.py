"""The profile a report was read with, for the stages after the reader."""

from __future__ import annotations

from functools import lru_cache

from ..model import Report
from .load import ProfileSet, builtin
from .schema import Profile

DEFAULT = "juesuan"


@lru_cache(maxsize=1)
def _shipped() -> ProfileSet:
    return builtin()


def shipped() -> ProfileSet:
    """The built-in profiles, loaded once per process (they never change while it runs)."""
    return _shipped()


def profile_of(report: Report, profiles: ProfileSet | None = None) -> Profile:
    """The report's profile: the one recorded on it when known, else the national template."""
    profiles = profiles or shipped()
    wanted = report.profile.id if report.profile is not None else DEFAULT
    return profiles.get(wanted) if wanted in profiles.ids() else profiles.get(DEFAULT)
