"""One scanned page to what the text-layer reader takes: positioned words and rulings.

The page image is rendered, turned straight, its rulings found and erased, and its
text recognised. A recognised box that runs across a vertical ruling is cut there
and each piece read again: the amount of one cell and the name of the next are two
words. The words then go through the same ruled-table and prose stages as the words
of a text layer; each keeps its recognition score in ``OcrPage.marks``.
"""

from __future__ import annotations

import re
import time
from dataclasses import dataclass, field

from ..pdf.pages import PdfPage, Word
from . import engine

BBox = tuple[float, float, float, float]

# "446. 11", "1, 956.92": recognition puts spaces inside a printed amount
_SPACED_NUMBER = re.compile(r"^-?[\d,.]+(?: [\d,.]+)+$")


@dataclass(frozen=True, slots=True)
class Mark:
    """A recognised word: where (points), what, and how sure the engine was (0–1)."""

    bbox: BBox
    text: str
    score: float


@dataclass
class OcrPage:
    index: int  # 1-based
    width: float  # points, as displayed
    height: float
    words: list[Word] = field(default_factory=list)
    hrules: list[BBox] = field(default_factory=list)
    vrules: list[BBox] = field(default_factory=list)
    marks: list[Mark] = field(default_factory=list)
    skew: float = 0.0  # degrees turned back
    seconds: float = 0.0
    error: str = ""  # why the page was not read (Chinese), '' when it was

    def pdf_page(self) -> PdfPage:
        """The page as the text-layer reader's page (no image count: it now has words)."""
        return PdfPage(self.index, self.width, self.height, list(self.words), list(self.hrules), list(self.vrules), 0 if self.words else 1)


def tidy_text(text: str) -> str:
    """Recognised text as printed: full-width digits and separators folded, spaces
    inside a number dropped, and the ASCII punctuation recognition gives in Chinese
    text made the full-width marks a text layer has ('(一)' → '（一）', '规划,' → '规划，'),
    except inside a number (1,956.92)."""
    text = text.strip().translate(_FOLD)
    if _SPACED_NUMBER.match(text):
        return text.replace(" ", "")
    if not _CJK.search(text):
        return text
    return _ASCII_MARK.sub(lambda m: _FULL_WIDTH[m.group()], text)


_FOLD = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)} | {"．": ".", "－": "-"} | {"，": ",", "：": ":"})
_CJK = re.compile(r"[\u4e00-\u9fff]")
_FULL_WIDTH = {",": "，", ";": "；", ":": "：", "(": "（", ")": "）", "!": "！", "?": "？"}
# a mark not between two digits (where ',' groups thousands and ':' is a ratio)
_ASCII_MARK = re.compile(r"(?<!\d)[,;:()!?]|[,;:()!?](?!\d)")


def _word(text: str, bbox: BBox) -> Word:
    """A Word with its characters' right edges spread evenly over the box (recognition
    does not place characters; the cut at a ruling is made on the image instead)."""
    step = (bbox[2] - bbox[0]) / max(len(text), 1)
    return Word(text, bbox, False, tuple(bbox[0] + step * (i + 1) for i in range(len(text))))


def _crossing(box: engine.Box, vrules: list[BBox], per_pt: float) -> list[float]:
    """x (pixels) of the vertical rulings that run through a box, well inside it."""
    margin = 2.0 * per_pt
    mid = (box.top + box.bottom) / 2 / per_pt
    return sorted(
        rule[0] * per_pt for rule in vrules if box.x0 + margin < rule[0] * per_pt < box.x1 - margin and rule[1] - 1 <= mid <= rule[3] + 1
    )


def _between(left: engine.Box, right: engine.Box, vrules: list[BBox], per_pt: float) -> bool:
    """A vertical ruling runs between two boxes of a line (they are in different cells)."""
    mid = (left.top + left.bottom) / 2 / per_pt
    return any(left.x1 - 2 <= rule[0] * per_pt <= right.x0 + 2 and rule[1] - 1 <= mid <= rule[3] + 1 for rule in vrules)


def _merged(boxes: list[engine.Box], vrules: list[BBox], per_pt: float) -> list[tuple[engine.Box, int]]:
    """Boxes of one line that overlap or nearly touch, with no ruling between, as one box
    and how many it joins: detection splits an amount at its decimal point, and the two
    halves, read apart, repeat a digit ('2339.' and '9.58')."""
    out: list[list[engine.Box]] = []
    for box in sorted(boxes, key=lambda b: (b.x0, b.top)):
        height = box.bottom - box.top
        for group in out:
            last = group[-1]
            overlap = min(last.bottom, box.bottom) - max(last.top, box.top)
            if (
                overlap > 0.6 * min(height, last.bottom - last.top)
                and box.x0 - last.x1 < 0.4 * height
                and not _between(last, box, vrules, per_pt)
            ):
                group.append(box)
                break
        else:
            out.append([box])
    joined = []
    for group in out:
        if len(group) == 1:
            joined.append((group[0], 1))
            continue
        x0, top = min(b.x0 for b in group), min(b.top for b in group)
        x1, bottom = max(b.x1 for b in group), max(b.bottom for b in group)
        joined.append((engine.Box(x0, top, x1, bottom, "", 0.0), len(group)))
    return joined


def _orphan_ink(box: engine.Box, ink, boxes: list[engine.Box], vrules: list[BBox], per_pt: float) -> engine.Box | None:
    """The box widened to ink just left or right of it on its line that no box holds, or
    None. Detection leaves out a lone horizontal stroke that begins a line (the 一 of
    '一、…收入') and, in a blurred scan, the last digits of an amount ('488.' of 488.68):
    read alone, the rest would be another number."""
    height = box.bottom - box.top
    top, bottom = int(box.top + 0.15 * height), int(box.bottom - 0.15 * height)
    if bottom <= top:
        return None
    x0, x1 = box.x0, box.x1
    reach = int(1.5 * height)
    left = max(int(box.x0) - reach, 0)
    if left < int(box.x0) - 2:
        columns = ink[top:bottom, left : int(box.x0) - 2].any(axis=0).nonzero()[0]
        if len(columns) and _free(left + int(columns[0]), box.x0, box, boxes, vrules, per_pt):
            x0 = max(left + int(columns[0]) - 3, 0)
    right = min(int(box.x1) + reach, ink.shape[1])
    if right > int(box.x1) + 2:
        columns = ink[top:bottom, int(box.x1) + 2 : right].any(axis=0).nonzero()[0]
        if len(columns) and _free(box.x1, int(box.x1) + 2 + int(columns[-1]), box, boxes, vrules, per_pt):
            x1 = min(int(box.x1) + 2 + int(columns[-1]) + 3, ink.shape[1] - 1)
    if (x0, x1) == (box.x0, box.x1):
        return None
    return engine.Box(x0, box.top, x1, box.bottom, box.text, box.score)


def _free(start: float, end: float, box: engine.Box, boxes: list[engine.Box], vrules: list[BBox], per_pt: float) -> bool:
    """No ruling and no other box of the line lies between ``start`` and ``end``."""
    mid = (box.top + box.bottom) / 2 / per_pt
    if any(start - 2 <= rule[0] * per_pt <= end + 2 and rule[1] - 1 <= mid <= rule[3] + 1 for rule in vrules):
        return False
    return not any(
        other is not box and other.x1 > start and other.x0 < end and min(other.bottom, box.bottom) > max(other.top, box.top)
        for other in boxes
    )


def read_image(grey, index: int, width: float, height: float, dpi: float, threads: int = 0) -> OcrPage:
    """A page image (grey, ``dpi`` pixels per inch of a ``width``×``height`` pt page) read."""
    import cv2  # the OCR extra: imported when a page is read, so that the reader loads without it

    from . import image

    started = time.perf_counter()
    angle = image.skew_angle(grey)
    grey = image.deskew(grey, angle)
    ink = image.binary(grey)
    hrules, vrules, mask = image.rulings(ink, dpi)
    clean = grey.copy()
    clean[mask > 0] = 255  # borders erased: recognised as text they would be '1' or '|'
    per_pt = dpi / 72.0
    words: list[Word] = []
    marks: list[Mark] = []
    clean_ink = ink.copy()
    clean_ink[mask > 0] = 0
    found = engine.detect_and_read(clean, threads)
    for box, parts in _merged(found, vrules, per_pt):
        widened = _orphan_ink(box, clean_ink, found, vrules, per_pt)
        if widened is not None:
            box, parts = widened, parts + 1  # read again, whole
        cuts = _crossing(box, vrules, per_pt)
        pieces: list[tuple[float, float, str, float]] = []
        if cuts or parts > 1:
            edges = [box.x0, *cuts, box.x1]
            top, bottom = int(max(box.top - 2, 0)), int(box.bottom + 2)
            for left, right in zip(edges, edges[1:]):
                if right - left < 4:
                    continue
                crop = clean[top:bottom, int(left) : int(right) + 1]
                text, score = engine.read_crop(cv2.cvtColor(crop, cv2.COLOR_GRAY2BGR), threads)
                if text.strip():
                    pieces.append((left, right, text, score))
        else:
            pieces.append((box.x0, box.x1, box.text, box.score))
        for left, right, raw, score in pieces:
            text = tidy_text(raw)
            if not text:
                continue
            bbox = (left / per_pt, box.top / per_pt, right / per_pt, box.bottom / per_pt)
            words.append(_word(text, bbox))
            marks.append(Mark(bbox, text, score))
    return OcrPage(index, width, height, words, hrules, vrules, marks, angle, time.perf_counter() - started)
