"""Words to visual lines, by the vertical overlap of their boxes."""

from __future__ import annotations

from ..items import TextLine

def words_to_lines(words, page: int) -> list[TextLine]:
    """Words (text, bbox) to visual lines, top to bottom; words of a line joined by a space
    where a space or a wide gap separates them."""
    ordered = sorted(words, key=lambda w: (w.bbox[1] + w.bbox[3]) / 2)
    groups: list[list] = []
    for word in ordered:
        mid = (word.bbox[1] + word.bbox[3]) / 2
        if groups:
            last = groups[-1]
            top = min(w.bbox[1] for w in last)
            bottom = max(w.bbox[3] for w in last)
            if top <= mid <= bottom:
                last.append(word)
                continue
        groups.append([word])
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


