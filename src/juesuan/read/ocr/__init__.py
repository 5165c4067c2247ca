"""Scanned pages read by OCR into the same pages the text-layer reader makes.

``recognise`` replaces each image-only page of a PDF by the words and rulings
recognised on its image (``page.read_image``); the ruled-table, prose and profile
stages then read it as they read any page. ``annotate`` carries each recognised
cell's score into the model. Needs the optional extra ``juesuan[ocr]``
(RapidOCR's PP-OCR models on onnxruntime, OpenCV); without it scanned pages are
reported as unread, with the install hint.
"""

from __future__ import annotations

from dataclasses import replace

from ...model import Report, Source, Unrecognized
from ..items import page_ranges
from ..pdf.pages import PdfPage
from .confidence import UNCERTAIN_BELOW, annotate, counts
from .engine import INSTALL_HINT, OcrUnavailable, available
from .page import OcrPage
from .pool import Limits, progress, read_scanned

__all__ = [
    "INSTALL_HINT",
    "UNCERTAIN_BELOW",
    "Limits",
    "OcrPage",
    "OcrUnavailable",
    "annotate",
    "available",
    "counts",
    "ocr_notice",
    "progress",
    "recognise",
]


# A scan coarser than this loses the strokes that tell digits apart (a 60 dpi page
# renders a 10.5 pt digit 9 pixels high): such pages are reported unread, never guessed.
MIN_SOURCE_DPI = 120


def source_dpi(data: bytes, indices: list[int]) -> dict[int, float]:
    """The resolution of the largest image of each page (pixels per inch of the page)."""
    import pypdfium2 as pdfium
    import pypdfium2.raw as pdfium_c

    out: dict[int, float] = {}
    document = pdfium.PdfDocument(data)
    try:
        for index in indices:
            page = document[index - 1]
            best = 0.0
            for picture in page.get_objects(filter=[pdfium_c.FPDF_PAGEOBJ_IMAGE], max_depth=4):
                left, bottom, right, top = picture.get_bounds()
                width, height = picture.get_px_size()
                if right > left and top > bottom:
                    best = max(best, min(width / ((right - left) / 72.0), height / ((top - bottom) / 72.0)))
            out[index] = best
            page.close()
    finally:
        document.close()
    return out


def recognise(data: bytes, pages: list[PdfPage], limits: Limits | None = None) -> tuple[list[PdfPage], list[OcrPage]]:
    """The pages with every scanned one replaced by what OCR read on it, and the OCR
    pages (with their scores; those left unread carry ``error``)."""
    scanned = [page.index for page in pages if page.scanned]
    if not scanned:
        return pages, []
    coarse = {index: dpi for index, dpi in source_dpi(data, scanned).items() if dpi < MIN_SOURCE_DPI}
    read = {
        index: OcrPage(index, 0.0, 0.0, error=f"图像分辨率约 {dpi:.0f} dpi，低于文字识别所需的 {MIN_SOURCE_DPI} dpi")
        for index, dpi in coarse.items()
    }
    read |= {page.index: page for page in read_scanned(data, [i for i in scanned if i not in coarse], limits)}
    out = []
    for page in pages:
        found = read.get(page.index)
        if found is None or found.error:
            out.append(page)  # still an image: reported as unread
        else:
            out.append(found.pdf_page())
    return out, list(read.values())


def ocr_notice(report: Report, recognised: list[OcrPage]) -> Report:
    """The report with its recognised cells annotated and a notice saying which pages
    were read by OCR, how many amounts were, and how many of those are uncertain."""
    report = annotate(report, recognised)
    read = sorted(page.index for page in recognised if not page.error)
    if not read:
        return report
    cells, uncertain = counts(report)
    message = f"{page_ranges(read)}为扫描图像，已由文字识别（OCR）读取：识别金额 {cells} 个，其中 {uncertain} 个识别不确定"
    if uncertain:
        message += "（涉及这些数字的勾稽不符只作警告，请对照原件核实）"
    notice = Unrecognized(code="ocr-read", message=message, source=Source(page=read[0]))
    return replace(report, unrecognized=(*report.unrecognized, notice))
