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
from . import engine, image

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
    inside a number dropped."""
    text = text.strip().translate(_FOLD)
    if _SPACED_NUMBER.match(text):
        text = text.replace(" ", "")
    return text


_FOLD = str.maketrans({chr(0xFF10 + d): str(d) for d in range(10)} | {"，": ",", "．": ".", "－": "-"})


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
        rule[0] * per_pt
        for rule in vrules
        if box.x0 + margin < rule[0] * per_pt < box.x1 - margin and rule[1] - 1 <= mid <= rule[3] + 1
    )


def read_image(grey, index: int, width: float, height: float, dpi: float, threads: int = 0) -> OcrPage:
    """A page image (grey, ``dpi`` pixels per inch of a ``width``×``height`` pt page) read."""
    import cv2

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
    for box in engine.detect_and_read(clean, threads):
        cuts = _crossing(box, vrules, per_pt)
        pieces: list[tuple[float, float, str, float]] = []
        if cuts:
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
