"""Choose the profile of a report by its content.

Every concrete profile scores the weight of each piece of its evidence found in the
report's text (a plain text anywhere, or a pattern matched line by line). The highest
score wins; on a tie the less specialised profile (fewer ancestors) wins, since
nothing specific to the other was found. The choice and the evidence for it are kept
in the model (``Report.profile``) and printed by ``juesuan read``.
"""

from __future__ import annotations

from pathlib import Path

from ..model import ProfileChoice
from .load import DATA, ProfileSet
from .schema import Profile, norm


def _user_file(profile: Profile) -> str:
    """The profile's file when it is a user's, so later stages can load it again."""
    return "" if Path(profile.source).parent.resolve() == DATA.resolve() else str(Path(profile.source).resolve())


def _depth(profiles: ProfileSet, profile: Profile) -> int:
    depth, current = 0, profile
    while current.extends:
        depth += 1
        current = profiles.get(current.extends)
    return depth


def score(profile: Profile, lines: list[str]) -> tuple[int, tuple[str, ...]]:
    text = "\n".join(lines)
    flat = norm(text)
    total = 0
    found: list[str] = []
    for evidence in profile.evidence:
        hit = evidence.text in flat if evidence.text else evidence.pattern is not None and evidence.pattern.search(text) is not None
        if hit:
            total += evidence.weight
            found.append(evidence.what)
    return total, tuple(found)


def choose(profiles: ProfileSet, lines: list[str], family: str | None = None) -> tuple[Profile, ProfileChoice]:
    """The best profile for a report whose text lines are ``lines``."""
    candidates = profiles.all(family)
    ranked = []
    for profile in candidates:
        points, found = score(profile, lines)
        ranked.append((points, -_depth(profiles, profile), profile.id, profile, found))
    ranked.sort(key=lambda item: (-item[0], -item[1], item[2]))
    points, _, _, best, found = ranked[0]
    runner_up = next((item for item in ranked[1:] if item[3].family == best.family), None)
    rival = f"{runner_up[3].id}（{runner_up[0]}分）" if runner_up else ""
    return best, ProfileChoice(
        id=best.id, name=best.name, family=best.family, score=points, evidence=found, runner_up=rival, source=_user_file(best)
    )


def forced(profile: Profile) -> ProfileChoice:
    return ProfileChoice(
        id=profile.id, name=profile.name, family=profile.family, score=0, evidence=(), forced=True, source=_user_file(profile)
    )
