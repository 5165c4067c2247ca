"""Fuzzing (issue 15): mutated corpus texts and byte-level mutations of the PDF, XLSX, XLS
and HTML fixtures (the real ones included) are read and checked with a clear outcome: a
report, or one ``JuesuanError`` line — never another exception, never unbounded work.

A few hundred cases here (``make test``); bench/fuzz.py runs tens of thousands.
"""

from __future__ import annotations

import time

from fuzzing import mutate, seeds
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from juesuan.errors import JuesuanError
from juesuan.limits import Limits, applied
from juesuan.pipeline import read_and_check

# the limits a fuzzed file meets: the defaults, with time bounded by the reader limits alone
LIMITS = Limits()
SLOW = 20.0  # seconds: a case taking longer is unbounded work, not a slow machine
SEEDS = {kind: seeds(kind) for kind in ("text", "html", "xlsx", "xls", "pdf")}
FUZZ = settings(deadline=None, derandomize=True, database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])


def _outcome(data: bytes, name: str) -> None:
    started = time.monotonic()
    with applied(LIMITS):
        try:
            read_and_check(data, name)
        except JuesuanError as exc:
            message = str(exc)
            assert message and "\n" not in message.strip() and "内部错误" not in message, message
    assert time.monotonic() - started < SLOW, name


def _case(kind: str):
    return st.tuples(st.sampled_from(SEEDS[kind]), st.randoms(use_true_random=False))


@FUZZ
@given(_case("text"))
def test_mutated_corpus_texts(case):
    (name, data), rng = case
    _outcome(mutate("text", data, rng), name)


@FUZZ
@given(st.sampled_from(SEEDS["text"]), st.data())
def test_corpus_texts_with_arbitrary_text_inserted(seed, data):
    name, raw = seed
    lines = raw.decode("utf-8").split("\n")
    at = data.draw(st.integers(0, len(lines) - 1))
    lines[at] += data.draw(st.text(max_size=60))
    _outcome("\n".join(lines).encode("utf-8", "surrogatepass"), name)


@settings(FUZZ, max_examples=60)
@given(_case("html"))
def test_mutated_html(case):
    (name, data), rng = case
    _outcome(mutate("html", data, rng), name)


@settings(FUZZ, max_examples=60)
@given(_case("xlsx"))
def test_mutated_xlsx(case):
    (name, data), rng = case
    _outcome(mutate("xlsx", data, rng), name)


@settings(FUZZ, max_examples=60)
@given(_case("xls"))
def test_mutated_xls(case):
    (name, data), rng = case
    _outcome(mutate("xls", data, rng), name)


@settings(FUZZ, max_examples=25)
@given(_case("pdf"))
def test_mutated_pdf(case):
    (name, data), rng = case
    _outcome(mutate("pdf", data, rng), name)
