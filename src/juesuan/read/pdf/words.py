"""Words to visual lines, by the vertical overlap of their boxes."""

from __future__ import annotations

from ..items import TextLine


def words_to_lines(words, page: int) -> list[TextLine]:
    """Words (text, bbox) to visual lines, top to bottom; words of a line joined by a space
    where a space or a wide gap separates them."""
    ordered = sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2)
    groups: list[list] = []
    top = bottom = 0.0  # extent of the last group so far (min of tops, max of bottoms)
    for word in ordered:
        _, w_top, _, w_bottom = word.bbox
        if groups and top <= (w_top + w_bottom) / 2 <= bottom:
            groups[-1].append(word)
            # the extent is kept up as words join instead of recomputed over the whole
            # group for every word (quadratic on a long line); the comparisons are those
            # min() and max() make, so the extent is exactly what they gave
            if w_top < top:
                top = w_top
            if w_bottom > bottom:
                bottom = w_bottom
            continue
        groups.append([word])
        top, bottom = w_top, w_bottom
    lines = []
    for group in groups:
        group.sort(key=lambda w: w.bbox[0])
        text = ""
        for i, word in enumerate(group):
            if i and (word.space_before or word.bbox[0] - group[i - 1].bbox[2] > 0.8 * (word.bbox[3] - word.bbox[1])):
                text += " "
            text += word.text
        bbox = (min(w.bbox[0] for w in group), min(w.bbox[1] for w in group), max(w.bbox[2] for w in group), max(w.bbox[3] for w in group))
        height = sorted(w.bbox[3] - w.bbox[1] for w in group)[len(group) // 2]
        lines.append(TextLine(text=text, page=page, bbox=bbox, height=height, words=tuple(group)))
    return lines
