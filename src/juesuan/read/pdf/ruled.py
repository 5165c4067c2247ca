"""Ruled tables: ruling segments to table regions and cells, words placed into cells.

pdfplumber's stages, by name: segments that touch form a region
(``rules_to_regions``); the column and row boundaries of a region and the borders
actually drawn give its cells, merged where a border is missing (``rects_to_cells``);
words go into the cell holding their centre (``words_to_cells``), after being cut
where a vertical ruling runs through them (``split_words``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Iterable
from math import isfinite
from typing import TYPE_CHECKING

from ..items import BBox, GridCell
from .words import words_to_lines

if TYPE_CHECKING:
    from .pages import Word


def _cluster(values: list[float], tolerance: float) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= tolerance:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


def _links(boxes: list[BBox]) -> list[tuple[int, int]]:
    """Pairs of indices of overlapping boxes (touching edges count) that connect every
    box to every box it overlaps, directly or through others: enough for the regions.

    A sweep along x compares each box with every box that starts within its x-range:
    quadratic on a page of cell borders drawn one cell at a time, crossed by long
    rules. So boxes first merge where that cannot change what touches what: boxes with
    the same top and bottom whose x-ranges overlap in a chain cover exactly the box of
    their union (and boxes with the same x-range whose y-ranges chain, likewise), and
    each is linked to the first of its chain. The sweep then runs over the merged boxes,
    each standing for the first box of its chain. Boxes that are not finite or not
    ordered keep the plain sweep.
    """
    links: list[tuple[int, int]] = []
    if not all(
        isfinite(x0) and isfinite(top) and isfinite(x1) and isfinite(bottom) and x0 <= x1 and top <= bottom for x0, top, x1, bottom in boxes
    ):  # NaN, infinite or inverted boxes: no merging
        _sweep(boxes, list(range(len(boxes))), links)
        return links
    rows = _merge(boxes, list(range(len(boxes))), 0, links)
    merged = _merge([box for box, _ in rows], [first for _, first in rows], 1, links)
    _sweep([box for box, _ in merged], [first for _, first in merged], links)
    return links


def _merge(boxes: list[BBox], ids: list[int], along: int, links: list[tuple[int, int]]) -> list[tuple[BBox, int]]:
    """Boxes of the same extent across ``along`` (0: x, 1: y) whose ranges along it chain,
    merged: adds the link of each to the first of its chain to ``links``, returns the
    merged boxes with the id of that first box."""
    lo, hi = along, along + 2
    same: dict[tuple[float, float], list[int]] = {}
    for n, box in enumerate(boxes):
        same.setdefault((box[1 - along], box[3 - along]), []).append(n)
    out: list[tuple[BBox, int]] = []
    for members in same.values():
        members.sort(key=lambda n: boxes[n][lo])
        start = members[0]
        first, merged = ids[start], list(boxes[start])
        for n in members[1:]:
            box = boxes[n]
            if box[lo] <= merged[hi]:
                links.append((first, ids[n]))
                if box[hi] > merged[hi]:
                    merged[hi] = box[hi]
            else:
                out.append((_bbox(merged), first))
                first, merged = ids[n], list(box)
        out.append((_bbox(merged), first))
    return out


def _bbox(values: list[float]) -> BBox:
    return values[0], values[1], values[2], values[3]


def _sweep(boxes: list[BBox], ids: list[int], links: list[tuple[int, int]]) -> None:
    """Overlapping pairs of boxes, by a sweep along x, added to ``links`` as pairs of ids."""
    order = sorted(range(len(boxes)), key=lambda i: boxes[i][0])
    # the coordinates in sweep order, as flat lists: the inner loop only indexes them
    x0s, tops, x1s, bottoms = ([boxes[i][k] for i in order] for k in range(4))
    count = len(order)
    for n in range(count):
        x1, top, bottom = x1s[n], tops[n], bottoms[n]
        for m in range(n + 1, count):
            if x0s[m] > x1:
                break
            if tops[m] <= bottom and top <= bottoms[m]:
                links.append((ids[order[n]], ids[order[m]]))


def rules_to_regions(hrules: list[BBox], vrules: list[BBox], tolerance: float = 3.0) -> list[tuple[list[BBox], list[BBox], BBox]]:
    """Ruling segments grouped into table regions (segments that touch), with their box."""
    rules = [("h", r) for r in hrules] + [("v", r) for r in vrules]
    parent = list(range(len(rules)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    boxes = [(r[0] - tolerance, r[1] - tolerance, r[2] + tolerance, r[3] + tolerance) for _, r in rules]
    for i, j in _links(boxes):
        if parent[i] != parent[j]:  # else the same component already (most links are)
            root_i, root_j = find(i), find(j)
            if root_i != root_j:
                parent[root_i] = root_j
    groups: dict[int, list[int]] = {}
    for i in range(len(rules)):
        groups.setdefault(i if parent[i] == i else find(i), []).append(i)
    regions = []
    for members in groups.values():
        h = [rules[i][1] for i in members if rules[i][0] == "h"]
        v = [rules[i][1] for i in members if rules[i][0] == "v"]
        if len(h) < 2 or len(v) < 2:
            continue
        box = (min(r[0] for r in h + v), min(r[1] for r in h + v), max(r[2] for r in h + v), max(r[3] for r in h + v))
        regions.append((h, v, box))
    return sorted(regions, key=lambda region: region[2][1])


def _covered(intervals: list[tuple[float, float]], point: float) -> bool:
    return any(a - 1.0 <= point <= b + 1.0 for a, b in intervals)


def _covered_at(intervals: list[tuple[float, float]], points: list[float]) -> list[bool]:
    """``_covered(intervals, p)`` for each of ``points``. A border line holds about one
    segment per row, and each segment was tested at every row: for ascending points,
    the points a segment covers are found by bisecting instead."""
    if any(p != p for p in points) or points != sorted(points):  # NaN, or not ascending: test each point
        return [_covered(intervals, point) for point in points]
    flags = [False] * len(points)
    for a, b in intervals:
        low, high = a - 1.0, b + 1.0
        if low <= high:  # else no point can lie within (an inverted or NaN segment)
            for k in range(bisect_left(points, low), bisect_right(points, high)):
                flags[k] = True
    return flags


def _nearest(values: list[float], x: float) -> int:
    i = bisect_left(values, x)
    if i == len(values) or (i > 0 and x - values[i - 1] < values[i] - x):
        return i - 1
    return i


def rects_to_cells(
    hrules: list[BBox], vrules: list[BBox], tolerance: float = 6.0
) -> tuple[list[tuple[int, int, int, int, BBox]], list[float], list[float]]:
    """Ruling segments to the cells they enclose: (r0, r1, c0, c1, bbox) with merged
    cells where a border is missing, and the column and row boundaries."""
    xs = _cluster([r[0] for r in vrules], tolerance)
    ys = _cluster([r[1] for r in hrules], tolerance)
    vcover: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(xs))}
    hcover: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(ys))}
    for rule in vrules:
        vcover[_nearest(xs, rule[0])].append((rule[1], rule[3]))
    for rule in hrules:
        hcover[_nearest(ys, rule[1])].append((rule[0], rule[2]))
    nrows, ncols = len(ys) - 1, len(xs) - 1
    parent = list(range(nrows * ncols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    mid_ys = [(ys[r] + ys[r + 1]) / 2 for r in range(nrows)]
    mid_xs = [(xs[c] + xs[c + 1]) / 2 for c in range(ncols)]
    # whether the border right of column c (below row r) is drawn at each row (column)
    right = [_covered_at(vcover[c + 1], mid_ys) for c in range(ncols - 1)]
    below = [_covered_at(hcover[r + 1], mid_xs) for r in range(nrows - 1)]
    for r in range(nrows):
        for c in range(ncols):
            if c + 1 < ncols and not right[c][r]:
                parent[find(r * ncols + c)] = find(r * ncols + c + 1)
            if r + 1 < nrows and not below[r][c]:
                parent[find(r * ncols + c)] = find((r + 1) * ncols + c)
    groups: dict[int, list[int]] = {}
    for i in range(nrows * ncols):
        groups.setdefault(i if parent[i] == i else find(i), []).append(i)
    cells = []
    for members in groups.values():
        if len(members) == 1:  # a cell with all four borders, as most are
            r0, c0 = divmod(members[0], ncols)
            r1, c1 = r0, c0
        else:
            rows = [i // ncols for i in members]
            cols = [i % ncols for i in members]
            r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        cells.append((r0, r1, c0, c1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda cell: (cell[0], cell[2]))
    return cells, xs, ys


def words_to_cells(
    words: Iterable[Word], cells: list[tuple[int, int, int, int, BBox]], xs: list[float], ys: list[float]
) -> tuple[list[GridCell], list[Word]]:
    """Words placed into the cells by their centre (found by bisecting the boundaries).
    A cell's visual lines are kept apart by newlines, so that a wrapped name can be
    joined and two amounts stacked in one cell are not. Returns the cells and the words
    outside the region."""
    ncols = len(xs) - 1
    owner: dict[int, int] = {}
    for index, (r0, r1, c0, c1, _) in enumerate(cells):
        for r in range(r0, r1 + 1):
            for c in range(c0, c1 + 1):
                owner[r * ncols + c] = index
    inside: dict[int, list[Word]] = {}
    outside: list[Word] = []
    for word in words:
        cx = (word.bbox[0] + word.bbox[2]) / 2
        cy = (word.bbox[1] + word.bbox[3]) / 2
        c = bisect_right(xs, cx) - 1
        r = bisect_right(ys, cy) - 1
        held_by = owner.get(r * ncols + c) if 0 <= c < ncols and 0 <= r < len(ys) - 1 else None
        if held_by is None:
            outside.append(word)
        else:
            inside.setdefault(held_by, []).append(word)
    out = []
    for index, (r0, r1, c0, c1, box) in enumerate(cells):
        found = inside.get(index, [])
        if not found:
            out.append(GridCell(r0, r1, c0, c1, "", box, 0))
            continue
        if len(found) == 1:  # most cells hold one word (an amount, a code): one line, as words_to_lines has it
            word = found[0]
            out.append(GridCell(r0, r1, c0, c1, word.text, word.bbox, 1))
            continue
        lines = words_to_lines(found, 0)
        text = "\n".join(line.text for line in lines)
        bbox = (min(w.bbox[0] for w in found), min(w.bbox[1] for w in found), max(w.bbox[2] for w in found), max(w.bbox[3] for w in found))
        out.append(GridCell(r0, r1, c0, c1, text, bbox, len(lines)))
    return out, outside


def split_words(words: Iterable[Word], vrules: list[BBox]) -> list[Word]:
    """Words cut where a vertical ruling runs through them: the text of two adjacent
    cells can touch (a right-aligned amount before a left-aligned name)."""
    rules = sorted(vrules)
    xs = [rule[0] for rule in rules]
    out: list[Word] = []
    for word in words:
        pending = [word]
        while pending:
            current = pending.pop()
            x0, top, x1, bottom = current.bbox
            mid = (top + bottom) / 2
            for i in range(bisect_right(xs, x0 + 1), bisect_left(xs, x1 - 1)):
                rule = rules[i]
                if rule[1] <= mid <= rule[3]:
                    parts = current.split(rule[0])
                    if parts is not None:
                        pending.extend(parts)
                        break
            else:
                out.append(current)
    return out
