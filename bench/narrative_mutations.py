"""Mutation harness for the narrative checks.

Alters each amount (…万元), percent (…%) and direction word (增加/减少/增长/下降) of the
情况说明 of each corpus report in turn — one unit in the last printed place, and a
large change — re-reads and re-checks the altered text, and reports per claim kind:

* detected: a new JS7xx finding quotes the altered statement;
* allowed: the alteration stays within what printed precision allows, by an oracle
  that recomputes the statement's own relations with exact fractions (independent
  of model.interval); these are listed by name;
* corrects: the statement had a finding before and the alteration makes it consistent
  (the published figure was the wrong one, e.g. 49.3% → 49.4%);
* unlinked: the figure is linked to no table cell and no other claim (coverage info);
* missed: none of the above — recall below 100%.

Usage: python bench/narrative_mutations.py
"""

from __future__ import annotations

import re
import sys
from collections import Counter
from dataclasses import dataclass
from decimal import Decimal
from fractions import Fraction
from pathlib import Path

from juesuan.checks.narrative import evaluate
from juesuan.model import Claim, Report
from juesuan.read import read_path, read_text

ROOT = Path(__file__).resolve().parent.parent
_TOKEN = re.compile(r"(?<![\d.,])(?P<num>(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?)(?=万元|%)|(?P<word>增加|减少|增长|下降)")
_SWAP = {"增加": "减少", "减少": "增加", "增长": "下降", "下降": "增长"}


@dataclass(frozen=True)
class Outcome:
    line: int
    original: str
    altered: str
    size: str  # 'ulp' | 'large' | 'word'
    kind: str  # the claim kind of the altered figure
    verdict: str  # 'detected' | 'allowed' | 'corrects' | 'unlinked' | 'missed' | 'not-a-claim'
    quote: str
    reason: str = ""


def _ulp(text: str) -> Decimal:
    digits = text.split(".")[1] if "." in text else ""
    return Decimal(1).scaleb(-len(digits))


def _alterations(text: str) -> list[tuple[str, str]]:
    value = Decimal(text.replace(",", ""))
    ulp = _ulp(text)
    places = Decimal(1).scaleb(-len(text.split(".")[1])) if "." in text else Decimal(1)
    ulp_new = value + ulp if not str(value).endswith("9") else value - ulp
    large = (value * Decimal("1.5") + ulp * 10).quantize(places)
    return [("ulp", format(ulp_new, "f")), ("large", format(large, "f"))]


def _half(value: Fraction, text: str) -> tuple[Fraction, Fraction]:
    """What rounds to a printed value: [v − h, v + h); a printed zero amount is exact."""
    if value == 0:
        return value, value
    h = Fraction(1, 2) * Fraction(_ulp(text))
    return value - h, value + h


def _meet(a: tuple[Fraction, Fraction], b: tuple[Fraction, Fraction]) -> bool:
    if a[0] == a[1] or b[0] == b[1]:
        return a[0] <= b[1] and b[0] <= a[1]
    return a[0] < b[1] and b[0] < a[1]


def _printed(value: Decimal) -> tuple[Fraction, Fraction]:
    return _half(Fraction(value), format(value, "f"))


def _ratio_allows(num: tuple[Fraction, Fraction], den: tuple[Fraction, Fraction], percent: Decimal) -> bool:
    if den[1] <= 0:
        return False
    low = max(num[0], Fraction(0)) / den[1] * 100
    high = Fraction(10**12) if den[0] <= 0 else num[1] / den[0] * 100
    p = _printed(percent)
    return _meet((low, high), (max(p[0], Fraction(0)), p[1]))


def _cells_value(report: Report, cells) -> tuple[Fraction, Fraction] | None:
    low = high = Fraction(0)
    for ref in cells:
        table = report.table(ref.table)
        row = next((r for r in table.rows if r.key == ref.row and r.name == ref.name), None) if table else None
        cell = row.cell(ref.column) if row else None
        if cell is None:
            return None
        a, b = _printed(cell.amount)
        low, high = low + a, high + b
    return low, high


def _breakdown_allows(report: Report, claim: Claim, new: Decimal) -> bool | None:
    """None when the quantity takes part in no breakdown of stated amounts."""
    from juesuan.profiles import profile_of

    BREAKDOWNS = profile_of(report).narrative.breakdowns

    claims = evaluate(report).analysis.claims

    def first(q: str) -> Decimal | None:
        return next((c.amount for c in claims if c.quantity == q and c.kind in ("amount", "count") and c.amount is not None), None)

    verdict = None
    for total, parts in BREAKDOWNS:
        if claim.quantity != total and claim.quantity not in parts or len(parts) == 1:
            continue
        values = {q: first(q) for q in (total, *parts)}
        if any(v is None for v in values.values()):
            continue
        values[claim.quantity] = new
        low = high = Fraction(0)
        for q in parts:
            a, b = _printed(values[q])
            low, high = low + a, high + b
        verdict = _meet(_printed(values[total]), (low, high)) and verdict is not False
    return verdict


def _share_allows(report: Report, share: Claim, numerator: Decimal, percent: Decimal, cells) -> bool | None:
    claims = evaluate(report).analysis.claims
    base = next((c.amount for c in claims if c.quantity == share.share_of and c.kind == "amount" and c.amount is not None), None)
    den = _printed(base) if base is not None else _cells_value(report, cells) if cells else None
    if den is None:
        return None
    return _ratio_allows(_printed(numerator), den, percent)


def _oracle(statement: list[tuple[int, Claim]], kind: str, role: str, new: Decimal, report: Report) -> tuple[bool, str]:
    """Whether the altered value of ``role`` ('amount' | 'change' | 'percent' | 'reference')
    is still consistent with everything the statement is linked to: its own other
    figures, its table cells, the breakdown it is part of, the base of its share
    (exact fractions, half-open rounding). Each relation is recomputed here, apart
    from model.interval."""
    analysis = evaluate(report).analysis
    reasons: list[str] = []
    ok = True

    def note(fits: bool | None, what: str) -> None:
        nonlocal ok
        if fits is not None:
            ok = ok and fits
            reasons.append(f"{what}{'相容' if fits else '不相容'}")

    for index, claim in statement:
        cells = tuple(analysis.cells.get(index, ()))
        if claim.kind == "amount" and role == "amount":
            if cells:
                table = _cells_value(report, cells)
                note(None if table is None else _meet(_printed(new), table), "与表内数")
            note(_breakdown_allows(report, claim, new), "与分项合计")
        elif (
            claim.kind == "change"
            and claim.percent is not None
            and claim.amount is not None
            and claim.change is not None
            and (kind == "change" or role == "amount")
        ):
            c = new if role == "amount" else claim.amount
            x = new if role == "change" else claim.change
            p = new if role == "percent" else claim.percent
            cur, chg = _printed(c), _printed(x)
            up = (claim.direction or claim.trend) in ("增加", "增长")
            prev = (cur[0] - chg[1], cur[1] - chg[0]) if up else (cur[0] + chg[0], cur[1] + chg[1])
            note(_ratio_allows(chg, prev, p), f"{x}/({c}{'−' if up else '+'}{x}) 与 {p}%")
        elif claim.kind == "completion" and claim.percent is not None and (kind == "completion" or role == "amount"):
            e = _printed(new if role == "amount" else claim.amount) if claim.amount is not None else _cells_value(report, cells[:1])
            b = (
                _printed(new if role == "reference" else claim.reference)
                if claim.reference is not None
                else _cells_value(report, cells[1:])
            )
            if e is not None and b is not None:
                note(_ratio_allows(e, b, new if role == "percent" else claim.percent), "完成率")
        elif claim.kind == "share" and claim.percent is not None and claim.amount is not None and (kind == "share" or role == "amount"):
            numerator = new if role == "amount" else claim.amount
            note(_share_allows(report, claim, numerator, new if role == "percent" else claim.percent, cells), "占比")
    if not reasons:
        return False, "该陈述无可容纳此改动的关系"
    return ok, "、".join(reasons) + "（按印刷精度）"


def _claims_at(report: Report, line: int, column: int, raw_line: str) -> tuple[list[tuple[int, Claim]], int] | None:
    """The claims whose statement covers a character of the input, and its offset."""
    for p_index, paragraph in enumerate(report.narrative):
        for span in paragraph.spans:
            if span.line != line:
                continue
            lead = len(raw_line) - len(raw_line.lstrip())
            offset = span.offset + column - lead
            claims = [
                (i, c)
                for i, c in enumerate(evaluate(report).analysis.claims)
                if c.part == "narrative" and c.paragraph == p_index and c.start <= offset < c.end
            ]
            return claims, offset
    return None


def _role(claim: Claim, offset: int, report: Report, token: str) -> str:
    text = report.narrative[claim.paragraph].text
    before = text[max(claim.start, offset - 12) : offset]
    if token in _SWAP:
        return "word"
    if text[offset + len(token) : offset + len(token) + 1] == "%":
        return "percent"
    if re.search(r"(增加|减少|增长|下降)$", before):
        return "change"
    if re.search(r"预算$", before) and claim.kind == "completion":
        return "reference"
    return "amount"


def _percent_kind(claim: Claim, offset: int, report: Report, kinds: set[str]) -> str:
    before = report.narrative[claim.paragraph].text[claim.start : offset]
    last = max(
        (before.rfind(w), k)
        for w, k in (("增长", "change"), ("下降", "change"), ("完成", "completion"), ("执行率", "completion"), ("占", "share"))
    )
    return last[1] if last[0] >= 0 and last[1] in kinds else "figure"


def _linked(report: Report, indices: list[int]) -> bool:
    analysis = evaluate(report).analysis
    return any(analysis.linked(i) for i in indices)


def _key(finding) -> tuple[str, str, str]:
    return finding.rule, finding.message, finding.quote


def run(path: Path) -> list[Outcome]:
    raw = path.read_text(encoding="utf-8")
    lines = raw.split("\n")
    report = read_path(path)
    baseline = {_key(v.finding) for _, v in evaluate(report).verdicts}
    first = report.narrative[0].spans[0].line
    last = report.narrative[-1].spans[-1].line
    outcomes: list[Outcome] = []
    for number in range(first, last + 1):
        raw_line = lines[number - 1]
        for m in _TOKEN.finditer(raw_line):
            token = m.group(0)
            located = _claims_at(report, number, m.start(), raw_line)
            claims = located[0] if located else []
            offset = located[1] if located else 0
            changes = [("word", _SWAP[token])] if token in _SWAP else _alterations(token)
            for size, new in changes:
                altered_line = raw_line[: m.start()] + new + raw_line[m.end() :]
                text = "\n".join(lines[: number - 1] + [altered_line] + lines[number:])
                outcomes.append(_judge(report, claims, offset, token, new, size, number, text, path.name, baseline))
    return outcomes


def _judge(
    report: Report,
    claims: list[tuple[int, Claim]],
    offset: int,
    token: str,
    new: str,
    size: str,
    line: int,
    text: str,
    name: str,
    baseline: set,
) -> Outcome:
    if not claims:
        return Outcome(line, token, new, size, "", "not-a-claim", "", "不在任何陈述中（如原因说明中的用词）")
    role = _role(claims[0][1], offset, report, token)
    kinds = {c.kind for _, c in claims}
    kind = {
        "percent": _percent_kind(claims[0][1], offset, report, kinds),
        "change": "change",
        "reference": "completion",
        "word": "change",
    }.get(role, claims[0][1].kind)
    quote = claims[0][1].quote
    altered = read_text(text, name)
    result = evaluate(altered)
    new_findings = [v.finding for _, v in result.verdicts if _key(v.finding) not in baseline and v.finding.rule != "JS790"]
    altered_claims = [
        c for c in result.analysis.claims if c.part == "narrative" and c.paragraph == claims[0][1].paragraph and c.start <= offset < c.end
    ]
    altered_quote = altered_claims[0].quote if altered_claims else ""
    if altered_quote and any(altered_quote in f.quote for f in new_findings):
        return Outcome(line, token, new, size, kind, "detected", altered_quote)
    if not _linked(report, [i for i, _ in claims]):
        return Outcome(line, token, new, size, kind, "unlinked", quote, "未与表格或其他陈述关联")
    if role == "word":
        change = next((c for _, c in claims if c.kind == "change"), None)
        if change is not None and change.change == 0:
            return Outcome(line, token, new, size, kind, "allowed", quote, "增减额为0，方向用词无从核对")
        return Outcome(line, token, new, size, kind, "missed", quote)
    if any(
        _key(v.finding) in baseline and v.claims and any(i in v.claims for i, _ in claims) for _, v in evaluate(report).verdicts
    ) and not any(altered_quote and altered_quote in f.quote for _, v in result.verdicts for f in [v.finding]):
        return Outcome(line, token, new, size, kind, "corrects", altered_quote, "改动后原有的不一致消失（原文有误）")
    ok, reason = _oracle(claims, kind, role, Decimal(new), report)
    return Outcome(line, token, new, size, kind, "allowed" if ok else "missed", altered_quote or quote, reason)


def summary(outcomes: list[Outcome]) -> dict[str, Counter]:
    table: dict[str, Counter] = {}
    for o in outcomes:
        table.setdefault(o.kind or "-", Counter())[o.verdict] += 1
    return table


def recall(outcomes: list[Outcome]) -> tuple[int, int]:
    detected = sum(1 for o in outcomes if o.verdict == "detected")
    missed = sum(1 for o in outcomes if o.verdict == "missed")
    return detected, detected + missed


def main() -> None:
    for path in sorted((ROOT / "examples").glob("*.txt")):
        outcomes = run(path)
        detected, total = recall(outcomes)
        print(
            f"{path.name}: {len(outcomes)} alterations; recall {detected}/{total}"
            f" = {100 * detected / total if total else 100:.1f}% of alterations beyond printed precision on linked claims"
        )
        print(
            f"  {'kind':12} {'detected':>9} {'recall':>7} {'allowed':>8} {'corrects':>9} {'missed':>7} {'unlinked':>9} {'not-a-claim':>12}"
        )
        for kind, counts in sorted(summary(outcomes).items()):
            beyond = counts["detected"] + counts["missed"]
            rate = f"{100 * counts['detected'] / beyond:.0f}%" if beyond else "-"
            print(
                f"  {kind:12} {counts['detected']:>9} {rate:>7} {counts['allowed']:>8} {counts['corrects']:>9} {counts['missed']:>7} {counts['unlinked']:>9} {counts['not-a-claim']:>12}"
            )
        for o in outcomes:
            if o.verdict in ("allowed", "missed", "corrects"):
                print(f"  {o.verdict:8} 第{o.line}行 {o.original} → {o.altered}（{o.size}）：{o.reason}｜{o.quote[:60]}")
        print()


if __name__ == "__main__":
    sys.exit(main())
