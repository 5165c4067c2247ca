"""PDF pages to positioned words and ruling lines (pypdfium2).

Only what the layout stage needs is taken from each page: its size, the words
(characters joined along a line, split at spaces and wide gaps) with their boxes,
the horizontal and vertical ruling segments drawn as paths, and whether the page is
an image without a text layer (a scan). Coordinates are PDF points with the origin
at the top left of the page, as (x0, top, x1, bottom).
"""

from __future__ import annotations

import ctypes
import re
from dataclasses import dataclass, field

from ..errors import DamagedPdf

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


def _words(textpage, height: float) -> list[Word]:
    raw = textpage.raw
    count = pdfium_c.FPDFText_CountChars(raw)
    rect = pdfium_c.FS_RECTF()
    words: list[Word] = []
    text: list[str] = []
    edges: list[float] = []
    x0 = top = x1 = bottom = 0.0
    space = False
    pending_space = False
    size = 0.0

    def close() -> None:
        nonlocal text, space, edges
        if text:
            words.append(Word("".join(text), (x0, top, x1, bottom), space, tuple(edges)))
        text = []
        edges = []

    for i in range(count):
        code = pdfium_c.FPDFText_GetUnicode(raw, i)
        ch = chr(code) if code else ""
        if not ch or ch in " \r\n\t\u3000\u00a0\ufffe\x02":
            if ch in (" ", "\u3000", "\u00a0") and not pdfium_c.FPDFText_IsGenerated(raw, i):
                close()
                pending_space = True
            elif ch in ("\r", "\n"):
                close()
            continue
        pdfium_c.FPDFText_GetLooseCharBox(raw, i, rect)
        c_x0, c_x1 = rect.left, rect.right
        c_top, c_bottom = height - rect.top, height - rect.bottom
        h = c_bottom - c_top
        if text:
            same_line = c_top < bottom - 0.5 * h and c_bottom > top + 0.5 * h
            gap = c_x0 - x1
            if same_line and -0.5 * size < gap < 0.8 * max(size, h):
                text.append(ch)
                edges.append(c_x1)
                x1 = max(x1, c_x1)
                top, bottom = min(top, c_top), max(bottom, c_bottom)
                continue
            close()
        text = [ch]
        edges = [c_x1]
        x0, top, x1, bottom, size = c_x0, c_top, c_x1, c_bottom, h
        space, pending_space = pending_space, False
    close()
    return words


def _rules(page, height: float) -> tuple[list[BBox], list[BBox]]:
    hrules: list[BBox] = []
    vrules: list[BBox] = []
    for obj in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_PATH], max_depth=4):
        left, bottom, right, top = obj.get_bounds()
        w, h = right - left, top - bottom
        if h <= _RULE_THICKNESS and w >= _MIN_RULE:
            y = height - (top + bottom) / 2
            hrules.append((left, y, right, y))
        elif w <= _RULE_THICKNESS and h >= _MIN_RULE:
            x = (left + right) / 2
            vrules.append((x, height - top, x, height - bottom))
        elif w >= _MIN_RULE and h >= _MIN_RULE:
            _path_rules(obj, height, hrules, vrules)
    return hrules, vrules


def _path_rules(obj, height: float, hrules: list[BBox], vrules: list[BBox]) -> None:
    """Axis-aligned straight pieces of a larger path (rectangles, polylines)."""
    raw = obj.raw
    matrix = obj.get_matrix()
    x = ctypes.c_float()
    y = ctypes.c_float()
    points: list[tuple[float, float]] = []
    start: tuple[float, float] | None = None

    def add(p: tuple[float, float], q: tuple[float, float]) -> None:
        if abs(p[1] - q[1]) < 0.5 and abs(p[0] - q[0]) >= _MIN_RULE:
            yy = height - p[1]
            hrules.append((min(p[0], q[0]), yy, max(p[0], q[0]), yy))
        elif abs(p[0] - q[0]) < 0.5 and abs(p[1] - q[1]) >= _MIN_RULE:
            vrules.append((p[0], height - max(p[1], q[1]), p[0], height - min(p[1], q[1])))

    for i in range(pdfium_c.FPDFPath_CountSegments(raw)):
        segment = pdfium_c.FPDFPath_GetPathSegment(raw, i)
        pdfium_c.FPDFPathSegment_GetPoint(segment, x, y)
        point = (matrix.a * x.value + matrix.c * y.value + matrix.e, matrix.b * x.value + matrix.d * y.value + matrix.f)
        kind = pdfium_c.FPDFPathSegment_GetType(segment)
        if kind == pdfium_c.FPDF_SEGMENT_MOVETO:
            start = point
        elif kind == pdfium_c.FPDF_SEGMENT_LINETO and points:
            add(points[-1], point)
        points.append(point)
        if pdfium_c.FPDFPathSegment_GetClose(segment) and start is not None:
            add(point, start)


def read_pages(data: bytes, name: str) -> list[PdfPage]:
    document = _open(data, name)
    pages: list[PdfPage] = []
    try:
        for index in range(len(document)):
            try:
                page = document[index]
            except pdfium.PdfiumError as exc:
                raise DamagedPdf(f"{name}：第{index + 1}页已损坏，无法读取") from exc
            width, height = page.get_size()
            textpage = page.get_textpage()
            words = _words(textpage, height)
            hrules, vrules = _rules(page, height)
            images = 0
            if not words:
                images = sum(1 for _ in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4))
            pages.append(PdfPage(index + 1, width, height, words, hrules, vrules, images))
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


def read_pdf(data: bytes, name: str):
    """A PDF with a text layer to a Report; scanned pages are reported, not guessed."""
    from ..errors import NotAReport, ScannedPdf
    from ..model import Source, Unrecognized
    from . import grid
    from .text import read_text

    pages = read_pages(data, name)
    scanned = [page.index for page in pages if page.scanned]
    if not any(page.words for page in pages):
        if scanned:
            raise ScannedPdf(
                f"{name}：全部 {len(pages)} 页均为扫描图像，没有文字层，未识别文字（本版本不做文字识别，请提供带文字层的 PDF 或 XLS/HTML 版本）"
            )
        raise NotAReport(f"{name}：PDF 共 {len(pages)} 页，没有任何文字")
    layout = grid.render([grid.page_items(page) for page in pages], {page.index: page.width for page in pages})
    report = read_text(layout.text, name, encoding="", source_format="pdf")
    notices = ()
    if scanned:
        notices = (
            Unrecognized(
                code="pages-scanned",
                message=f"{grid.page_ranges(scanned)}为扫描图像，未识别文字",
                source=Source(page=scanned[0]),
            ),
        )
    return grid.attach_positions(report, layout, notices)
