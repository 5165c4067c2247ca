"""The profile a report was read with, for the stages after the reader."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from ..errors import ProfileError
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


@lru_cache(maxsize=16)
def _with_file(source: str) -> ProfileSet:
    """The built-in profiles and a user's profile file; the other profiles of its folder
    too when it extends one of them."""
    profiles = builtin()
    pid = profiles.add_file(Path(source))
    try:
        profiles.get(pid)
    except ProfileError:
        profiles.add_dir(Path(source).parent)
    return profiles


def profile_of(report: Report, profiles: ProfileSet | None = None) -> Profile:
    """The report's profile: the one recorded on it (a user's is loaded again from its
    file), else the national template."""
    choice = report.profile
    if profiles is None and choice is not None and choice.source and Path(choice.source).is_file():
        profiles = _with_file(choice.source)
    profiles = profiles or shipped()
    wanted = choice.id if choice is not None else DEFAULT
    return profiles.get(wanted) if wanted in profiles.ids() else profiles.get(DEFAULT)
