"""A PDF page to its items: table grids from the ruling lines, lines of text elsewhere."""

from __future__ import annotations

from .. import tokens
from ..items import Grid, Item
from .pages import PdfPage
from .ruled import rects_to_cells, rules_to_regions, split_words, words_to_cells
from .words import words_to_lines

MAX_CELLS = 20_000  # cells per region; a dense table page holds about a thousand


def page_items(page: PdfPage) -> list[Item]:
    """Items top to bottom. A region of rulings that encloses fewer than two rows or two
    columns is a frame or an underline, not a table: its words stay text."""
    words = list(page.words)
    items: list[tuple[float, Item]] = []
    regions = rules_to_regions(page.hrules, page.vrules)
    if regions:
        words = split_words(words, [rule for region in regions for rule in region[1]])
    for hrules, vrules, box in regions:
        cells, xs, ys = rects_to_cells(hrules, vrules)
        if len(xs) < 3 or len(ys) < 2 or len(cells) > MAX_CELLS:
            continue
        grid_cells, rest = words_to_cells(words, cells, xs, ys)
        if not any(cell.text for cell in grid_cells) and len(ys) < 4:
            continue  # an empty box
        if len(ys) == 2 and not any(tokens.is_amount(cell.text.strip()) for cell in grid_cells):
            continue  # one ruled line of words: an underline or a box around a heading, not a table
        words = rest
        items.append((box[1], Grid(grid_cells, page.index, box, len(xs) - 1, len(ys) - 1, True, tuple(xs))))
    for line in words_to_lines(words, page.index):
        assert line.bbox is not None  # words_to_lines boxes every line
        items.append((line.bbox[1], line))
    items.sort(key=lambda pair: pair[0])
    return [item for _, item in items]
