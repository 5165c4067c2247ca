"""Ruled tables: ruling segments to table regions and cells, words placed into cells.

pdfplumber's stages, by name: segments that touch form a region
(``rules_to_regions``); the column and row boundaries of a region and the borders
actually drawn give its cells, merged where a border is missing (``rects_to_cells``);
words go into the cell holding their centre (``words_to_cells``), after being cut
where a vertical ruling runs through them (``split_words``).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right

from ..items import BBox, GridCell
from .words import words_to_lines

def _cluster(values: list[float], tolerance: float) -> list[float]:
    out: list[list[float]] = []
    for value in sorted(values):
        if out and value - out[-1][-1] <= tolerance:
            out[-1].append(value)
        else:
            out.append([value])
    return [sum(group) / len(group) for group in out]


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
    order = sorted(range(len(rules)), key=lambda i: boxes[i][0])
    for n, i in enumerate(order):
        for j in order[n + 1 :]:
            if boxes[j][0] > boxes[i][2]:
                break
            if boxes[j][1] <= boxes[i][3] and boxes[i][1] <= boxes[j][3]:
                parent[find(i)] = find(j)
    groups: dict[int, list[int]] = {}
    for i in range(len(rules)):
        groups.setdefault(find(i), []).append(i)
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


def _nearest(values: list[float], x: float) -> int:
    i = bisect_left(values, x)
    if i == len(values) or (i > 0 and x - values[i - 1] < values[i] - x):
        return i - 1
    return i


def rects_to_cells(hrules: list[BBox], vrules: list[BBox], tolerance: float = 6.0) -> tuple[list[tuple[int, int, int, int, BBox]], list[float], list[float]]:
    """Ruling segments to the cells they enclose: (r0, r1, c0, c1, bbox) with merged
    cells where a border is missing, and the column and row boundaries."""
    xs = _cluster([r[0] for r in vrules], tolerance)
    ys = _cluster([r[1] for r in hrules], tolerance)
    vcover: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(xs))}
    hcover: dict[int, list[tuple[float, float]]] = {i: [] for i in range(len(ys))}
    for r in vrules:
        vcover[_nearest(xs, r[0])].append((r[1], r[3]))
    for r in hrules:
        hcover[_nearest(ys, r[1])].append((r[0], r[2]))
    nrows, ncols = len(ys) - 1, len(xs) - 1
    parent = list(range(nrows * ncols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(nrows):
        mid_y = (ys[r] + ys[r + 1]) / 2
        for c in range(ncols):
            mid_x = (xs[c] + xs[c + 1]) / 2
            if c + 1 < ncols and not _covered(vcover[c + 1], mid_y):
                parent[find(r * ncols + c)] = find(r * ncols + c + 1)
            if r + 1 < nrows and not _covered(hcover[r + 1], mid_x):
                parent[find(r * ncols + c)] = find((r + 1) * ncols + c)
    groups: dict[int, list[int]] = {}
    for i in range(nrows * ncols):
        groups.setdefault(find(i), []).append(i)
    cells = []
    for members in groups.values():
        rows = [i // ncols for i in members]
        cols = [i % ncols for i in members]
        r0, r1, c0, c1 = min(rows), max(rows), min(cols), max(cols)
        cells.append((r0, r1, c0, c1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda cell: (cell[0], cell[2]))
    return cells, xs, ys


def words_to_cells(
    words, cells: list[tuple[int, int, int, int, BBox]], xs: list[float], ys: list[float]
) -> tuple[list[GridCell], list]:
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
    inside: dict[int, list] = {}
    outside = []
    for word in words:
        cx = (word.bbox[0] + word.bbox[2]) / 2
        cy = (word.bbox[1] + word.bbox[3]) / 2
        c = bisect_right(xs, cx) - 1
        r = bisect_right(ys, cy) - 1
        index = owner.get(r * ncols + c) if 0 <= c < ncols and 0 <= r < len(ys) - 1 else None
        if index is None:
            outside.append(word)
        else:
            inside.setdefault(index, []).append(word)
    out = []
    for index, (r0, r1, c0, c1, box) in enumerate(cells):
        found = inside.get(index, [])
        if not found:
            out.append(GridCell(r0, r1, c0, c1, "", box, 0))
            continue
        lines = words_to_lines(found, 0)
        text = "\n".join(line.text for line in lines)
        bbox = (min(w.bbox[0] for w in found), min(w.bbox[1] for w in found), max(w.bbox[2] for w in found), max(w.bbox[3] for w in found))
        out.append(GridCell(r0, r1, c0, c1, text, bbox, len(lines)))
    return out, outside


def split_words(words, vrules: list[BBox]) -> list:
    """Words cut where a vertical ruling runs through them: the text of two adjacent
    cells can touch (a right-aligned amount before a left-aligned name)."""
    rules = sorted(vrules)
    xs = [rule[0] for rule in rules]
    out = []
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
