"""PDF pages to positioned words and ruling lines (pypdfium2).

Only what the table and prose layers need is taken from each page: its size, the
words (characters joined along a line, split at spaces and wide gaps) with their
boxes, the horizontal and vertical ruling segments drawn as paths, and whether the
page is an image without a text layer (a scan). Coordinates are PDF points in the
page as displayed — ``/Rotate`` applied — with the origin at the top left, as
(x0, top, x1, bottom).
"""

from __future__ import annotations

import ctypes
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field

from ...errors import DamagedPdf
from ...limits import FLAGS, Limits, active, exceeded
from ..decode import check_digit_runs

try:  # imported lazily by the reader; the text reader works without it
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c
except ImportError:  # pragma: no cover - dependency declared in pyproject
    pdfium = None
    pdfium_c = None

BBox = tuple[float, float, float, float]
_RULE_THICKNESS = 3.0  # a path thinner than this is a ruling line
_MIN_RULE = 4.0


@dataclass(frozen=True, slots=True)
class Display:
    """PDF user space (origin bottom left) to the displayed page (origin top left)."""

    width: float  # unrotated media box
    height: float
    rotation: int = 0  # /Rotate, clockwise degrees
    left: float = 0.0  # media box origin
    bottom: float = 0.0

    def point(self, x: float, y: float) -> tuple[float, float]:
        x, y = x - self.left, y - self.bottom
        if self.rotation == 90:
            return y, x
        if self.rotation == 180:
            return self.width - x, y
        if self.rotation == 270:
            return self.height - y, self.width - x
        return x, self.height - y

    def box(self, left: float, bottom: float, right: float, top: float) -> BBox:
        (ax, ay), (bx, by) = self.point(left, bottom), self.point(right, top)
        return min(ax, bx), min(ay, by), max(ax, bx), max(ay, by)

    def boxer(self) -> Callable[[float, float, float, float], BBox]:
        """``box`` specialised to this page's rotation, for the loop over every character:
        one call instead of three and four builtins. Each does the arithmetic of ``point``
        in the same order, so its boxes are bit for bit those of ``box``; ``b if b < a
        else a`` is exactly ``min(a, b)``, ``b if b > a else a`` exactly ``max(a, b)``."""
        x_off, y_off, width, height = self.left, self.bottom, self.width, self.height

        def upright(left: float, bottom: float, right: float, top: float) -> BBox:
            ax, ay, bx, by = left - x_off, height - (bottom - y_off), right - x_off, height - (top - y_off)
            return (bx if bx < ax else ax, by if by < ay else ay, bx if bx > ax else ax, by if by > ay else ay)

        def quarter(left: float, bottom: float, right: float, top: float) -> BBox:
            ax, ay, bx, by = bottom - y_off, left - x_off, top - y_off, right - x_off
            return (bx if bx < ax else ax, by if by < ay else ay, bx if bx > ax else ax, by if by > ay else ay)

        def half(left: float, bottom: float, right: float, top: float) -> BBox:
            ax, ay, bx, by = width - (left - x_off), bottom - y_off, width - (right - x_off), top - y_off
            return (bx if bx < ax else ax, by if by < ay else ay, bx if bx > ax else ax, by if by > ay else ay)

        def three_quarters(left: float, bottom: float, right: float, top: float) -> BBox:
            ax, ay, bx, by = height - (bottom - y_off), width - (left - x_off), height - (top - y_off), width - (right - x_off)
            return (bx if bx < ax else ax, by if by < ay else ay, bx if bx > ax else ax, by if by > ay else ay)

        return {90: quarter, 180: half, 270: three_quarters}.get(self.rotation, upright)

    @property
    def size(self) -> tuple[float, float]:
        return (self.height, self.width) if self.rotation in (90, 270) else (self.width, self.height)


@dataclass(frozen=True, slots=True)
class Word:
    text: str
    bbox: BBox
    space_before: bool = False  # a space character was printed before the word
    edges: tuple[float, ...] = ()  # right edge of each character, to split at a ruling

    def split(self, x: float) -> tuple[Word, Word] | None:
        """The word cut at ``x`` (a cell border it runs across), or None."""
        cut = next((i for i, edge in enumerate(self.edges) if edge > x), None)
        if cut is None or cut == 0:
            return None
        x0, top, x1, bottom = self.bbox
        left = Word(self.text[:cut], (x0, top, self.edges[cut - 1], bottom), self.space_before, self.edges[:cut])
        right = Word(self.text[cut:], (max(x, self.edges[cut - 1]), top, x1, bottom), False, self.edges[cut:])
        return left, right


@dataclass
class PdfPage:
    index: int  # 1-based
    width: float
    height: float
    words: list[Word] = field(default_factory=list)
    hrules: list[BBox] = field(default_factory=list)  # (x0, y, x1, y)
    vrules: list[BBox] = field(default_factory=list)  # (x, y0, x, y1)
    images: int = 0
    rotation: int = 0

    @property
    def scanned(self) -> bool:
        return not self.words and self.images > 0


def _open(data: bytes, name: str):
    if pdfium is None:  # pragma: no cover
        raise DamagedPdf(f"{name}：读取 PDF 需要 pypdfium2（pip install pypdfium2）")
    tail = data[-2048:]
    if b"%%EOF" not in tail and b"%%EOF" not in data[-65536:]:
        raise DamagedPdf(f"{name}：PDF 文件不完整（共 {len(data)} 字节，缺少文件结尾 %%EOF），可能下载或复制时被截断")
    try:
        document = pdfium.PdfDocument(data)
    except pdfium.PdfiumError as exc:
        # pdfium's error code can be stale; the bytes say what is wrong
        if re.search(rb"/Count\s+0\b", data) and not re.search(rb"/Count\s+[1-9]", data):
            raise DamagedPdf(f"{name}：PDF 没有任何页面") from exc
        if b"/Encrypt" in data:
            raise DamagedPdf(f"{name}：PDF 已加密，需要密码才能打开；请提供未加密的文件") from exc
        raise DamagedPdf(f"{name}：PDF 文件已损坏，无法打开（{exc}）") from exc
    if len(document) == 0:
        raise DamagedPdf(f"{name}：PDF 没有任何页面")
    return document


_BLANK_CODES = frozenset(map(ord, " \r\n\t\u3000\u00a0\ufffe\x02")) | {0}  # never part of a word
_SPACE_CODES = frozenset(map(ord, " \u3000\u00a0"))  # a printed space ends a word
_BREAK_CODES = frozenset(map(ord, "\r\n"))


def _words(textpage, display: Display, clipped: dict[int, BBox | None] | None = None) -> list[Word]:
    """Characters joined into words along a line, split at spaces and wide gaps.

    A character of a text object in ``clipped`` wholly outside what that object's clip
    leaves visible is not printed (Word and WPS leave text that overflows a frame in the
    page, clipped away, and print it again on the next page) and is not read.

    This loop runs once per character of the document, so it is written for speed:
    pdfium's functions bound to locals, blanks recognised by their code before any
    string is made, the display transform specialised to the page (``Display.boxer``),
    and ``min``/``max`` of two written out as conditionals (which they equal exactly).
    """
    raw = textpage.raw
    get_unicode = pdfium_c.FPDFText_GetUnicode
    get_box = pdfium_c.FPDFText_GetLooseCharBox
    is_generated = pdfium_c.FPDFText_IsGenerated
    to_display = display.boxer()
    rect = pdfium_c.FS_RECTF()
    words: list[Word] = []
    text: list[str] = []
    edges: list[float] = []
    x0 = top = x1 = bottom = 0.0
    space = False
    pending_space = False
    size = 0.0
    text_object = pdfium_c.FPDFText_GetTextObject
    for i in range(pdfium_c.FPDFText_CountChars(raw)):
        code = get_unicode(raw, i)
        if clipped and code not in _BLANK_CODES:
            key = ctypes.cast(text_object(raw, i), ctypes.c_void_p).value or 0
            if key in clipped:
                get_box(raw, i, rect)
                if not _touches((rect.left, rect.bottom, rect.right, rect.top), clipped[key]):
                    code = 0x0A  # hidden: ends the word it would have joined
        if code in _BLANK_CODES:
            if code in _SPACE_CODES and not is_generated(raw, i):
                if text:
                    words.append(Word("".join(text), (x0, top, x1, bottom), space, tuple(edges)))
                    text, edges = [], []
                pending_space = True
            elif code in _BREAK_CODES and text:
                words.append(Word("".join(text), (x0, top, x1, bottom), space, tuple(edges)))
                text, edges = [], []
            continue
        ch = chr(code)
        get_box(raw, i, rect)
        c_x0, c_top, c_x1, c_bottom = to_display(rect.left, rect.bottom, rect.right, rect.top)
        h = c_bottom - c_top
        if h <= 0 or c_x1 < c_x0:
            continue  # a glyph drawn with no height carries no position to place it by
        if text:
            same_line = c_top < bottom - 0.5 * h and c_bottom > top + 0.5 * h
            gap = c_x0 - x1
            if same_line and -0.5 * size < gap < 0.8 * (h if h > size else size):
                text.append(ch)
                edges.append(c_x1)
                if c_x1 > x1:
                    x1 = c_x1
                if c_top < top:
                    top = c_top
                if c_bottom > bottom:
                    bottom = c_bottom
                continue
            words.append(Word("".join(text), (x0, top, x1, bottom), space, tuple(edges)))
        text = [ch]
        edges = [c_x1]
        x0, top, x1, bottom, size = c_x0, c_top, c_x1, c_bottom, h
        space, pending_space = pending_space, False
    if text:
        words.append(Word("".join(text), (x0, top, x1, bottom), space, tuple(edges)))
    return words


Matrix = tuple[float, float, float, float, float, float]
IDENTITY: Matrix = (1.0, 0.0, 0.0, 1.0, 0.0, 0.0)


def _compose(inner: Matrix, outer: Matrix) -> Matrix:
    """``inner`` then ``outer`` (PDF row-vector convention)."""
    a, b, c, d, e, f = inner
    A, B, C, D, E, F = outer
    return (a * A + b * C, a * B + b * D, c * A + d * C, c * B + d * D, e * A + f * C + E, e * B + f * D + F)


def _apply(m: Matrix, x: float, y: float) -> tuple[float, float]:
    return m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]


def _object_matrix(obj) -> Matrix:
    matrix = pdfium_c.FS_MATRIX()
    if not pdfium_c.FPDFPageObj_GetMatrix(obj, matrix):
        raise pdfium.PdfiumError("Failed to get matrix of pageobject.")
    return (matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f)


def _page_objects(page, max_depth: int = 4):
    """The raw path and text objects of a page and of the form XObjects in it,
    ``max_depth`` levels deep, in content order, as (kind, object, matrix of the forms
    around it): a form's contents are positioned in the form's space, and a page placed
    into another, rotated, draws through it. This is ``page.get_objects(...)`` without a
    Python wrapper for every object: a table page holds thousands of text objects, and
    wrapping each one cost more than reading the rulings."""
    count, get = pdfium_c.FPDFPage_CountObjects, pdfium_c.FPDFPage_GetObject
    get_type = pdfium_c.FPDFPageObj_GetType
    path, text, form = pdfium_c.FPDF_PAGEOBJ_PATH, pdfium_c.FPDF_PAGEOBJ_TEXT, pdfium_c.FPDF_PAGEOBJ_FORM

    def walk(parent, count, get, level: int, outer: Matrix):
        n = count(parent)
        if n < 0:
            raise pdfium.PdfiumError("Failed to get number of pageobjects.")
        for i in range(n):
            obj = get(parent, i)
            if not obj:
                raise pdfium.PdfiumError("Failed to get pageobject.")
            kind = get_type(obj)
            if kind == pdfium_c.FPDF_PAGEOBJ_UNKNOWN:
                raise pdfium.PdfiumError("Failed to determine pageobject type, did you pass in a valid FPDF_PAGEOBJECT handle?")
            if kind == path or kind == text:
                yield kind, obj, outer
            elif kind == form and level < max_depth - 1:
                inner = _compose(_object_matrix(obj), outer)
                yield from walk(obj, pdfium_c.FPDFFormObj_CountObjects, pdfium_c.FPDFFormObj_GetObject, level + 1, inner)

    return walk(page.raw, count, get, 0, IDENTITY)


def _split_objects(page) -> tuple[list, dict[int, BBox | None]]:
    """The page's path objects (with their form matrices) for the rulings, and the text
    objects that reach beyond their clipping path, by address, with the box (PDF user
    space) their printed part lies in; None if nothing of them is printed.

    Every text object's clip is read, so this runs once per object of the page: pdfium's
    functions bound to locals and the intersection of the clip boxes taken as the points
    come (PDF clips intersect; a path's box is never smaller than the path, so nothing
    visible is taken for clipped)."""
    paths: list = []
    clipped: dict[int, BBox | None] = {}
    text = pdfium_c.FPDF_PAGEOBJ_TEXT
    get_clip, count_paths = pdfium_c.FPDFPageObj_GetClipPath, pdfium_c.FPDFClipPath_CountPaths
    count_segments, get_segment = pdfium_c.FPDFClipPath_CountPathSegments, pdfium_c.FPDFClipPath_GetPathSegment
    get_point, get_bounds = pdfium_c.FPDFPathSegment_GetPoint, pdfium_c.FPDFPageObj_GetBounds
    values = [ctypes.c_float() for _ in range(4)]  # filled by pdfium; one set per call, for threads
    l_ref, b_ref, r_ref, t_ref = (ctypes.byref(v) for v in values)
    inf = float("inf")
    for kind, obj, outer in _page_objects(page):
        if kind != text:
            paths.append((obj, outer))
            continue
        clip = get_clip(obj)
        if not clip:
            continue
        left = bottom = -inf
        right = top = inf
        for p in range(max(count_paths(clip), 0)):
            x0 = y0 = inf
            x1 = y1 = -inf
            for s in range(max(count_segments(clip, p), 0)):
                segment = get_segment(clip, p, s)
                if segment and get_point(segment, l_ref, b_ref):
                    x, y = values[0].value, values[1].value
                    x0, x1 = (x if x < x0 else x0), (x if x > x1 else x1)
                    y0, y1 = (y if y < y0 else y0), (y if y > y1 else y1)
            if x0 <= x1:
                if outer is not IDENTITY:
                    x0, y0, x1, y1 = _through(outer, x0, y0, x1, y1)
                left, bottom = (x0 if x0 > left else left), (y0 if y0 > bottom else bottom)
                right, top = (x1 if x1 < right else right), (y1 if y1 < top else top)
        if left == -inf and right == inf:
            continue  # no clip box read: nothing known to be hidden
        visible = (left, bottom, right, top) if left < right and bottom < top else None
        if visible is not None:
            if not get_bounds(obj, l_ref, b_ref, r_ref, t_ref):
                raise pdfium.PdfiumError("Failed to locate pageobject.")
            if _within(_through(outer, values[0].value, values[1].value, values[2].value, values[3].value), visible):
                continue
        clipped[ctypes.cast(obj, ctypes.c_void_p).value or 0] = visible
    return paths, clipped


def _through(outer: Matrix, left: float, bottom: float, right: float, top: float) -> BBox:
    """A box (left, bottom, right, top) in a form's space, in page space."""
    if outer is IDENTITY:
        return left, bottom, right, top
    xs, ys = zip(*(_apply(outer, x, y) for x, y in ((left, bottom), (right, top), (left, top), (right, bottom))))
    return min(xs), min(ys), max(xs), max(ys)


def _within(box: BBox, clip: BBox, slack: float = 1.0) -> bool:
    return clip[0] - slack <= box[0] and box[2] <= clip[2] + slack and clip[1] - slack <= box[1] and box[3] <= clip[3] + slack


def _touches(box: BBox, clip: BBox | None) -> bool:
    """Some of ``box`` is inside ``clip``: a glyph cut by a cell border is still printed
    in part and read; only one wholly clipped away is not."""
    return clip is not None and box[0] < clip[2] and clip[0] < box[2] and box[1] < clip[3] and clip[1] < box[3]


def _rules(paths: list, display: Display, limit: int) -> tuple[list[BBox], list[BBox]]:
    hrules: list[BBox] = []
    vrules: list[BBox] = []
    get_bounds = pdfium_c.FPDFPageObj_GetBounds
    bounds = [ctypes.c_float() for _ in range(4)]  # left, bottom, right, top; filled by pdfium
    refs = [ctypes.byref(value) for value in bounds]
    to_display = display.boxer()
    for obj, outer in paths:
        if not get_bounds(obj, *refs):
            raise pdfium.PdfiumError("Failed to locate pageobject.")
        # bounds in the form's space: its corners through the form
        x0, top, x1, bottom = to_display(*_through(outer, bounds[0].value, bounds[1].value, bounds[2].value, bounds[3].value))
        w, h = x1 - x0, bottom - top
        if h <= _RULE_THICKNESS and w >= _MIN_RULE:
            y = (top + bottom) / 2
            hrules.append((x0, y, x1, y))
        elif w <= _RULE_THICKNESS and h >= _MIN_RULE:
            x = (x0 + x1) / 2
            vrules.append((x, top, x, bottom))
        elif w >= _MIN_RULE and h >= _MIN_RULE:
            _path_rules(obj, display, hrules, vrules, outer)
        if len(hrules) + len(vrules) > limit:
            raise TooManyRules(len(hrules) + len(vrules))
    return hrules, vrules


class TooManyRules(Exception):
    """A page draws more ruling segments than any table needs."""


def _path_rules(obj, display: Display, hrules: list[BBox], vrules: list[BBox], outer: Matrix = IDENTITY) -> None:
    """Axis-aligned straight pieces of a larger path (rectangles, polylines)."""
    a, b, c, d, e, f = _compose(_object_matrix(obj), outer)
    x = ctypes.c_float()
    y = ctypes.c_float()
    points: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None

    def add(p: tuple[float, float], q: tuple[float, float]) -> None:
        (px, py), (qx, qy) = display.point(*p), display.point(*q)
        if abs(py - qy) < 0.5 and abs(px - qx) >= _MIN_RULE:
            hrules.append((min(px, qx), py, max(px, qx), py))
        elif abs(px - qx) < 0.5 and abs(py - qy) >= _MIN_RULE:
            vrules.append((px, min(py, qy), px, max(py, qy)))

    for i in range(pdfium_c.FPDFPath_CountSegments(obj)):
        segment = pdfium_c.FPDFPath_GetPathSegment(obj, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (a * x.value + c * y.value + e, b * x.value + d * y.value + f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and points:
            add(points[-1], point)
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            add(point, start)


MAX_RULES = Limits().max_ruling_segments  # per page; a real table page draws a few thousand
_STREAM = re.compile(rb"stream\r?\n")
_FLATE = re.compile(rb"/FlateDecode|/Fl\b")
_DEFLATE_RATIO = 1100  # deflate inflates at most ~1032-fold: a short stream cannot be a bomb


def check_streams(data: bytes, name: str, limit: int | None = None) -> None:
    """Refuse a PDF with a stream that inflates past ``max_unpacked_bytes`` before pdfium
    inflates it in memory (a 2 KB file can hold a gigabyte). Streams are inflated here in
    bounded steps and thrown away; only those that could be that large are tried: a
    stream deflated once must be longer than limit/1100 bytes, one deflated twice or more
    is always tried."""
    import zlib

    limit = limit if limit is not None else active().max_unpacked_bytes
    for match in _STREAM.finditer(data):
        begin = match.end()
        head = data[max(0, match.start() - 400) : match.start()]
        dictionary = head[head.rfind(b"<<") :] if b"<<" in head else head
        layers = len(_FLATE.findall(dictionary))
        if not layers:
            continue
        end = data.find(b"endstream", begin)
        end = len(data) if end < 0 else end
        if layers == 1 and (end - begin) * _DEFLATE_RATIO <= limit:
            continue
        if _inflated_size(data[begin:end], min(layers, 4), limit, zlib) > limit:
            raise exceeded(name, "PDF 中一个数据流解压后的大小", "max_unpacked_bytes")


def _inflated_size(stream: bytes, layers: int, limit: int, zlib) -> int:
    """Bytes the stream inflates to through ``layers`` deflate layers, counted up to just
    past ``limit``: lazy stages a megabyte at a time, nothing kept, every stage bounded."""
    step = 1 << 20

    def inflate(chunks: Iterator[bytes]) -> Iterator[bytes]:
        # raw deflate after the two header bytes, as lenient as pdfium: a damaged header
        # or checksum does not stop it (zlib would refuse and keep nothing)
        stage = zlib.decompressobj(-15)
        produced = 0
        skip = 2
        for chunk in chunks:
            if skip:
                chunk, skip = chunk[skip:], max(0, skip - len(chunk))
            while chunk and not stage.eof:
                try:
                    out = stage.decompress(chunk, step)
                except zlib.error:
                    return  # damaged from here: pdfium keeps what came before, and so does the count
                produced += len(out)
                if produced > limit:
                    raise _TooLarge
                yield out
                chunk = stage.unconsumed_tail

    chunks: Iterator[bytes] = iter([stream])
    for _ in range(layers):
        chunks = inflate(chunks)
    total = 0
    try:
        for out in chunks:
            total += len(out)
            if total > limit:
                break
    except _TooLarge:
        return limit + 1
    return total


class _TooLarge(Exception):
    """A stage inflated past the limit."""


def _on_page(box: BBox, width: float, height: float) -> bool:
    cx, cy = (box[0] + box[2]) / 2, (box[1] + box[3]) / 2
    return -1 <= cx <= width + 1 and -1 <= cy <= height + 1


def _display(page) -> Display:
    left, bottom, right, top = page.get_mediabox()
    rotation = page.get_rotation() % 360
    return Display(right - left, top - bottom, rotation if rotation in (90, 180, 270) else 0, left, bottom)


def read_pages(data: bytes, name: str, max_rules: int | None = None) -> list[PdfPage]:
    limits = active()
    max_rules = max_rules if max_rules is not None else limits.max_ruling_segments
    check_streams(data, name)
    document = _open(data, name)
    pages: list[PdfPage] = []
    try:
        if len(document) > limits.max_pages:
            raise exceeded(name, "PDF 页数", "max_pages", len(document))
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise DamagedPdf(f"{name}：第{index + 1}页已损坏，无法读取") from exc
            display = _display(page)
            width, height = display.size
            textpage = page.get_textpage()
            paths, clipped = _split_objects(page)
            words = [w for w in _words(textpage, display, clipped) if _on_page(w.bbox, width, height)]
            check_digit_runs(" ".join(w.text for w in words), name, f"第{index + 1}页")
            try:
                hrules, vrules = _rules(paths, display, max_rules)
                # what lies beyond the page is not printed (WPS leaves clipped rows of
                # the next table there); a rule is kept only as far as it is on the page
                hrules = [r for r in hrules if _on_page(r, width, height)]
                vrules = [r for r in vrules if _on_page(r, width, height)]
            except TooManyRules as exc:
                raise DamagedPdf(
                    f"{name}：第{index + 1}页的表格线超过 {max_rules} 条，超出读取上限（可能不是正常的报告页面）；如确需读取，可用 {FLAGS['max_ruling_segments']} 提高上限"
                ) from exc
            images = 0
            if not words:
                images = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))
            pages.append(PdfPage(index + 1, width, height, words, hrules, vrules, images, display.rotation))
            textpage.close()
            page.close()
    finally:
        document.close()
    return pages


def characters(data: bytes) -> int:
    """The floor of PDF reading: every character of every page with its box, nothing else."""
    document = pdfium.PdfDocument(data)
    rect = pdfium_c.FS_RECTF()
    total = 0
    for index in range(len(document)):
        page = document[index]
        textpage = page.get_textpage()
        raw = textpage.raw
        for i in range(pdfium_c.FPDFText_CountChars(raw)):
            pdfium_c.FPDFText_GetUnicode(raw, i)
            pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect)
            total += 1
        textpage.close()
        page.close()
    document.close()
    return total
