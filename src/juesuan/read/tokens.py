"""Tokens of a printed table line: amounts, subject codes, 行次 and 栏次."""

from __future__ import annotations

import re

from ..model.numbers import MAX_DIGITS, AmountTooLong, amount  # the one parser of printed amounts

_AMOUNT = re.compile(r"^[-−－]?(?:\d{1,3}(?:,\d{3})+|\d+)(?:\.\d+)?$")
_INTEGER = re.compile(r"^\d+$")
_FUNCTIONAL_CODE = re.compile(r"^\d{3}(?:\d{2}){0,2}$")
_COLUMN_LINE = re.compile(r"[\d栏行次 \t\u3000\u00a0]*")
_SPLIT = re.compile(r"[ \t\u3000\u00a0]+")
# A cell printed as a dash stands for an empty cell: it takes a column, holds no amount.
BLANKS = frozenset({"-", "—", "－", "--", "——", "/"})


def tokens(text: str) -> list[str]:
    return [token for token in _SPLIT.split(text.strip()) if token]


def is_amount(token: str) -> bool:
    return bool(_AMOUNT.match(token))


def is_integer(token: str) -> bool:
    return bool(_INTEGER.match(token))


def is_code(token: str) -> bool:
    """A 功能分类 (3/5/7 digits) or 经济分类 (3/5 digits) subject code."""
    return bool(_FUNCTIONAL_CODE.match(token))


def is_value(token: str) -> bool:
    """A token that fills a value column: an amount or a blank mark."""
    return is_amount(token) or token in BLANKS


def trailing_values(parts: list[str]) -> int:
    """How many tokens at the end of ``parts`` are values."""
    count = 0
    for token in reversed(parts):
        if not is_value(token):
            break
        count += 1
    return count


def column_numbers(text: str) -> list[int] | None:
    """The 栏次 of a column-number line ('栏次 1 栏次 2 3 4 5', '1 2 … 12'), else None.

    The numbers must run 1, 2, 3 … without gaps, so that a data row of integer
    amounts is not mistaken for one.
    """
    if not _COLUMN_LINE.fullmatch(text.strip()):
        return None  # a token that is neither a number nor 栏次/行次
    parts = tokens(text)
    numbers = [int(p) for p in parts if is_integer(p)]
    words = [p for p in parts if not is_integer(p)]
    if not numbers or any(word not in ("栏次", "行次") for word in words):
        return None
    if numbers != list(range(1, len(numbers) + 1)):
        return None
    if not words and len(numbers) < 2:
        return None
    return numbers


__all__ = [
    "BLANKS",
    "MAX_DIGITS",
    "AmountTooLong",
    "amount",
    "column_numbers",
    "is_amount",
    "is_code",
    "is_integer",
    "is_value",
    "tokens",
    "trailing_values",
]
