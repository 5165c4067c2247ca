"""Documents derived from the corpus reports, built by code (no binary fixtures).

Each derivation changes how a report is printed, not what it says, so the reader
must give the same cells: other line ends and encodings, tables in another order
and numbering, page breaks in other places (with the table header repeated on
each continuation page, as published PDFs do).
"""

from __future__ import annotations

import re

_TABLE_NUMBER = re.compile(r"^表\d+$")
_UNIT_LINE = re.compile(r"^\s*单位：")
_PART = re.compile(r"^\s*第[一二三四五六七八九十]+部分")
_PAGE_NUMBER = re.compile(r"^\s*-\s*\d+\s*-\s*$")
_AMOUNT = re.compile(r"\d\.\d\d(?!\d)")
_COLUMN_NUMBERS = re.compile(r"^(栏次 )?1( 栏次)? 2( |$)")


def crlf(text: str) -> bytes:
    return text.replace("\n", "\r\n").encode("utf-8")


def gb18030(text: str) -> bytes:
    return text.encode("gb18030")


def utf8_bom(text: str) -> bytes:
    return b"\xef\xbb\xbf" + text.encode("utf-8")


def _blocks(lines: list[str]) -> tuple[int, list[tuple[int, int]], int]:
    """(first line of the tables, [(start, end)] per table, end of the tables)."""
    numbers = [i for i, line in enumerate(lines) if _TABLE_NUMBER.match(line.strip())]
    starts = []
    for i in numbers:
        j = i - 1
        while j >= 0 and not _UNIT_LINE.match(lines[j]):
            j -= 1
        starts.append(j)
    end = next(i for i, line in enumerate(lines) if i > numbers[-1] and _PART.match(line))
    return starts[0], list(zip(starts, starts[1:] + [end])), end


def reorder_tables(text: str, order: list[int]) -> str:
    """Print the tables in ``order`` (0-based positions) and renumber them 表1…表n."""
    lines = text.split("\n")
    first, blocks, end = _blocks(lines)
    part_lines: list[str] = []
    chunks = []
    for start, stop in blocks:
        chunk = []
        for line in lines[start:stop]:
            (part_lines if _PART.match(line) else chunk).append(line)
        chunks.append(chunk)
    out = lines[:first] + part_lines
    for new_number, index in enumerate(order, start=1):
        out += [f"表{new_number}" if _TABLE_NUMBER.match(line.strip()) else line for line in chunks[index]]
    return "\n".join(out + lines[end:])


def _headers(lines: list[str]) -> dict[int, list[str]]:
    """Line index → the header lines of the table that line belongs to."""
    owner: dict[int, list[str]] = {}
    i = 0
    while i < len(lines):
        if _TABLE_NUMBER.match(lines[i].strip()):
            title = i + 2  # '表N', blank, title
            header: list[str] = []
            j = title + 1
            while j < len(lines):
                stripped = lines[j].strip()
                if stripped and (_AMOUNT.search(stripped) or re.match(r"^\d{3,7}$", stripped)):
                    break
                if stripped:
                    header.append(stripped)
                if _COLUMN_NUMBERS.match(stripped):
                    j += 1
                    break
                j += 1
            k = j
            while k < len(lines) and not lines[k].strip().startswith("注") and not _UNIT_LINE.match(lines[k]):
                owner[k] = header
                k += 1
            i = k
        else:
            i += 1
    return owner


def move_page_breaks(text: str, every: int, offset: int = 0) -> str:
    """Remove the page breaks and put new ones every ``every`` content lines.

    A break inside a table falls only between two rows, and the table header is
    printed again at the top of the new page.
    """
    lines = [line[1:] if line.startswith(" ") else line for line in text.split("\n") if not _PAGE_NUMBER.match(line)]
    owner = _headers(lines)
    out: list[str] = []
    page = 1
    count = offset
    previous = ""
    for i, line in enumerate(lines):
        stripped = line.strip()
        if stripped:
            count += 1
        in_table = i in owner
        between_rows = bool(_AMOUNT.search(stripped)) and bool(_AMOUNT.search(previous))
        if stripped and count >= every and (not in_table or between_rows):
            count = 0
            page += 1
            out += [f"- {page - 1} -", "", ""]
            if in_table:
                header = owner[i]
                out += [" " + header[0], ""] + [h for h_line in header[1:] for h in (h_line, "")]
                out.append(line)
            else:
                out.append(" " + line)
        else:
            out.append(line)
        if stripped:
            previous = stripped
    return "\n".join(out)
