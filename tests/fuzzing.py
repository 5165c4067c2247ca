"""Mutations of real inputs, for the fuzzing test (tests/test_hostile_fuzz.py) and the long
runs of bench/fuzz.py: corpus texts edited the way a broken export or an attacker would
(numbers made huge, lines dropped or repeated, controls and odd Unicode inserted), and
the PDF, XLSX, XLS and HTML fixtures mutated byte by byte (an XLSX inside its parts, so
that the archive still opens and the XML reaches the reader).

The oracle is the same everywhere: reading and checking a mutated input either succeeds
or raises ``JuesuanError`` (one clear line); any other exception is an internal error.
"""

from __future__ import annotations

import io
import random
import re
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
EXAMPLES = ROOT / "examples"

FORMATS = ("text", "html", "xlsx", "xls", "pdf")
_INTERESTING = [
    b"0",
    b"-1",
    b"999999999999",
    b"9" * 40,
    b"4294967296",
    b"\x00",
    b"\xff\xff\xff\xff",
    b"NaN",
    b"1e308",
    b"%%EOF",
    b"obj",
    b"endobj",
    b"stream",
    b"<<",
    b">>",
    b"R",
    b"colspan=99999",
    b"rowspan=99999",
    b'ref="A1:XFD1048576"',
    b'r="XFD1048576"',
    b's="9999"',
    b"<td>",
    b"</table>",
    b"&#0;",
    b"&#x10FFFF;",
]
_TEXT_INSERTS = ["9" * 30, "=SUM(A1)", "\u202e", "\x00", "\ufeff", "－", "−0.00", "（", "表1", "合计", "单位：万元", "\t", "\r", "１２３"]
_NUMBER = re.compile(r"\d[\d,]*\.\d+|\d+")


def seeds(kind: str) -> list[tuple[str, bytes]]:
    """The real inputs of a format (the committed fixtures, real and hostile)."""
    if kind == "text":
        paths = sorted(EXAMPLES.glob("*.txt"))
    else:
        suffix = {"html": ".html", "xlsx": ".xlsx", "xls": ".xls", "pdf": ".pdf"}[kind]
        paths = sorted(FIXTURES.glob(f"*{suffix}")) + sorted((FIXTURES / "hostile").glob(f"*{suffix}"))
        if kind == "pdf":  # the real reports of the corpus copies too, small ones first
            paths += sorted((FIXTURES / "real").rglob("*.pdf"), key=lambda p: p.stat().st_size)[:4]
    return [(path.name, path.read_bytes()) for path in paths]


def mutate_bytes(data: bytes, rng: random.Random, rounds: int | None = None) -> bytes:
    """A few byte-level edits: flips, overwrites, inserts, deletions, duplications, cuts."""
    out = bytearray(data)
    for _ in range(rounds or rng.randint(1, 8)):
        if not out:
            out += rng.choice(_INTERESTING)
            continue
        at = rng.randrange(len(out))
        kind = rng.randrange(7)
        if kind == 0:
            out[at] ^= 1 << rng.randrange(8)
        elif kind == 1:
            out[at] = rng.randrange(256)
        elif kind == 2:
            out[at:at] = rng.choice(_INTERESTING)
        elif kind == 3:
            del out[at : at + rng.randint(1, 64)]
        elif kind == 4:
            size = rng.randint(1, 256)
            out[at:at] = out[at : at + size] * rng.randint(1, 8)
        elif kind == 5:
            value = rng.choice(_INTERESTING)
            out[at : at + len(value)] = value
        elif rng.random() < 0.2:  # cut the file short
            del out[rng.randrange(len(out) // 2, len(out)) :]
    return bytes(out)


def mutate_zip(data: bytes, rng: random.Random) -> bytes:
    """An XLSX with one of its parts mutated (and, now and then, the archive itself)."""
    try:
        with zipfile.ZipFile(io.BytesIO(data)) as source:
            parts = [(info, source.read(info.filename)) for info in source.infolist()]
    except (zipfile.BadZipFile, OSError, EOFError, NotImplementedError, ValueError):
        return mutate_bytes(data, rng)
    if not parts:
        return mutate_bytes(data, rng)
    target = rng.randrange(len(parts))
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for index, (info, body) in enumerate(parts):
            if index == target:
                body = mutate_bytes(body, rng)
            archive.writestr(info.filename, body)
    out = buffer.getvalue()
    return mutate_bytes(out, rng, 1) if rng.random() < 0.1 else out


def mutate_text(text: str, rng: random.Random) -> str:
    """A corpus text edited line by line and number by number."""
    lines = text.split("\n")
    for _ in range(rng.randint(1, 6)):
        if not lines:
            break
        at = rng.randrange(len(lines))
        kind = rng.randrange(6)
        if kind == 0:
            del lines[at]
        elif kind == 1:
            lines[at:at] = [lines[at]] * rng.randint(1, 5)
        elif kind == 2:
            spot = rng.randrange(len(lines[at]) + 1)
            lines[at] = lines[at][:spot] + rng.choice(_TEXT_INSERTS) + lines[at][spot:]
        elif kind == 3:
            replacement = rng.choice(["9" * rng.choice([17, 25, 400, 5000]), "0", "-1.00", "1,2,3.4.5", "99999999999999999.9999"])
            lines[at] = _NUMBER.sub(lambda m, new=replacement: new if rng.random() < 0.5 else m.group(0), lines[at], count=3)
        elif kind == 4:
            other = rng.randrange(len(lines))
            lines[at], lines[other] = lines[other], lines[at]
        else:
            lines[at] = lines[at][: rng.randrange(len(lines[at]) + 1)]
    return "\n".join(lines)


def mutate(kind: str, data: bytes, rng: random.Random) -> bytes:
    if kind == "text":
        return mutate_text(data.decode("utf-8"), rng).encode("utf-8", "surrogatepass")
    if kind == "xlsx":
        return mutate_zip(data, rng)
    return mutate_bytes(data, rng)
