"""A one-line summary of a claim, the form the corpus expectations are written in."""

from __future__ import annotations

from juesuan.model import Claim, plain


def _n(value) -> str:
    return plain(value) if value is not None else "?"


def brief(claim: Claim) -> str:
    q = claim.quantity or "?"
    if claim.kind == "change":
        if claim.flat:
            return f"change {q} {claim.base} 持平"
        tail = f"{claim.trend}{_n(claim.percent)}%" if claim.percent is not None else f"{claim.trend}--"
        return f"change {q} {claim.base} {claim.direction}{_n(claim.change)} {tail}"
    if claim.kind == "completion":
        pct = f"{_n(claim.percent)}%" if claim.percent is not None else "--"
        ref = f"{_n(claim.reference)}" if claim.reference is not None else "-"
        return f"completion {q} {_n(claim.amount) if claim.amount is not None else '-'}/{ref} {pct}"
    if claim.kind == "share":
        return f"share {q} {_n(claim.amount) if claim.amount is not None else '-'} of {claim.share_of or '?'} {_n(claim.percent)}%"
    return f"{claim.kind} {q} {_n(claim.amount)}{claim.unit}"
