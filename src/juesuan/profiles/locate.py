"""The line of a TOML file on which a field is written, for error messages.

tomllib gives values without positions; this scanner follows ``[table]`` and
``[[array]]`` headers and ``key =`` lines (bare, quoted or dotted keys, inline tables)
closely enough to point a user at the field they got wrong.
"""

from __future__ import annotations

import re

_HEADER = re.compile(r"^\s*\[\[?\s*([^\]]+?)\s*\]\]?\s*(?:#.*)?$")
_KEY = re.compile(r'^\s*((?:"[^"]*"|\'[^\']*\'|[A-Za-z0-9_\-]+)(?:\s*\.\s*(?:"[^"]*"|\'[^\']*\'|[A-Za-z0-9_\-]+))*)\s*=')


def _split(dotted: str) -> list[str]:
    parts = re.findall(r'"([^"]*)"|\'([^\']*)\'|([^.\s]+)', dotted)
    return [a or b or c for a, b, c in parts]


def line_of(text: str, path: tuple[str | int, ...]) -> int | None:
    """1-based line where the field at ``path`` (keys; integers index arrays) is set."""
    keys = [str(p) for p in path if not isinstance(p, int)]
    best: tuple[int, int] | None = None  # (matched keys, line)
    table: list[str] = []
    for number, line in enumerate(text.splitlines(), start=1):
        header = _HEADER.match(line)
        if header and not line.lstrip().startswith("#"):
            table = _split(header.group(1))
            candidate = table
        else:
            key = _KEY.match(line)
            if not key:
                continue
            candidate = table + _split(key.group(1))
            # an inline table on this line: { a = 1, b = 2 }
            for inner in re.findall(r'[{,]\s*("[^"]*"|[A-Za-z0-9_\-]+)\s*=', line):
                inner_path = candidate + [inner.strip('"')]
                if inner_path == keys[: len(inner_path)] and (best is None or len(inner_path) > best[0]):
                    best = (len(inner_path), number)
        matched = 0
        for a, b in zip(candidate, keys):
            if a != b:
                break
            matched += 1
        if matched == len(candidate) and (best is None or matched > best[0]):
            best = (matched, number)
    return best[1] if best else None
