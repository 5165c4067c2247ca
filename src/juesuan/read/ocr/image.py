"""Page images: rendering, deskew and the ruling lines drawn on them (OpenCV).

Coordinates leave this module in PDF points of the displayed page, origin top left,
as the text-layer reader has them, so that the ruled-table stages take the rulings
of an image exactly as they take those of a drawn table.
"""

from __future__ import annotations

import math

import cv2
import numpy as np

BBox = tuple[float, float, float, float]

MAX_SKEW = 3.0  # degrees; a larger tilt is a page placed sideways, not a slightly skewed scan
_H_MIN_PT = 20.0  # a horizontal ruling is at least this long: longer than any stroke of a character
_V_MIN_PT = 14.0  # a vertical one: taller than a character of table text (10.5 pt)
_MAX_THICK_PT = 3.5  # thicker is a filled area or a bold glyph, not a line


def render(pdf_page, dpi: int, max_side: int) -> np.ndarray:
    """The page as a grey image at ``dpi``, scaled down so that no side exceeds ``max_side``."""
    width, height = pdf_page.get_size()
    scale = min(dpi / 72.0, max_side / max(width, height))
    bitmap = pdf_page.render(scale=scale, grayscale=True)
    array = bitmap.to_numpy()
    if array.ndim == 3:
        array = array[:, :, 0]
    return np.ascontiguousarray(array)


def binary(grey: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0: Otsu's threshold, which JPEG noise and grey scans keep stable."""
    _, out = cv2.threshold(grey, 0, 255, cv2.THRESH_BINARY_INV | cv2.THRESH_OTSU)
    return out


def skew_angle(grey: np.ndarray) -> float:
    """The tilt of the page in degrees (positive: counter-clockwise), from its long
    straight lines (table rulings, underlines); 0.0 when there are none to measure by."""
    # at half size: the angle is the same and the transform four times cheaper
    ink = binary(cv2.resize(grey, (grey.shape[1] // 2, grey.shape[0] // 2), interpolation=cv2.INTER_AREA))
    width = ink.shape[1]
    lines = cv2.HoughLinesP(ink, 1, math.pi / 1800, threshold=100, minLineLength=width // 4, maxLineGap=4)
    if lines is None:
        return 0.0
    angles = []
    for x0, y0, x1, y1 in np.asarray(lines).reshape(-1, 4):
        if x1 == x0:
            continue
        angle = math.degrees(math.atan2(y0 - y1, x1 - x0))
        if abs(angle) <= MAX_SKEW:
            angles.append(angle)
    if len(angles) < 2:
        return 0.0
    return float(np.median(angles))


def deskew(grey: np.ndarray, angle: float) -> np.ndarray:
    """The image turned back by ``angle`` degrees about its centre, white where it uncovers."""
    if abs(angle) < 0.05:
        return grey
    h, w = grey.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), -angle, 1.0)
    return cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)


def _segments(mask: np.ndarray, horizontal: bool, scale: float) -> list[BBox]:
    """Connected line pixels as segments in points, (x0, y, x1, y) or (x, y0, x, y1)."""
    count, _, stats, _ = cv2.connectedComponentsWithStats(mask, connectivity=8)
    out: list[BBox] = []
    thick = _MAX_THICK_PT / scale
    for x, y, w, h, _ in stats[1:count]:
        if horizontal and h <= thick:
            mid = (y + h / 2) * scale
            out.append((x * scale, mid, (x + w) * scale, mid))
        elif not horizontal and w <= thick:
            mid = (x + w / 2) * scale
            out.append((mid, y * scale, mid, (y + h) * scale))
    return out


def rulings(ink: np.ndarray, dpi: float) -> tuple[list[BBox], list[BBox], np.ndarray]:
    """Horizontal and vertical rulings of a binarised page (in points), and the mask of
    their pixels (to erase them before recognition: a border read as '1' or '|' would
    change an amount)."""
    per_pt = dpi / 72.0
    h_len = max(3, round(_H_MIN_PT * per_pt))
    v_len = max(3, round(_V_MIN_PT * per_pt))
    # close one-pixel breaks that JPEG and noise leave in a thin line, then keep runs
    # at least a kernel long
    closed = cv2.morphologyEx(ink, cv2.MORPH_CLOSE, cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    horizontal = cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (h_len, 1)))
    vertical = cv2.morphologyEx(closed, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, v_len)))
    scale = 1.0 / per_pt
    hrules = _segments(horizontal, True, scale)
    vrules = _segments(vertical, False, scale)
    mask = cv2.dilate(cv2.bitwise_or(horizontal, vertical), cv2.getStructuringElement(cv2.MORPH_RECT, (3, 3)))
    return hrules, vrules, mask
