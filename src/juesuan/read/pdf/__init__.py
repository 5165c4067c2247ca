"""PDF reports with a text layer: pages to items by geometry, then the shared assembler."""

from __future__ import annotations

from ...errors import NotAReport, ScannedPdf
from ...model import Page, Report, Source, Unrecognized
from ..document import Choice, assemble
from ..items import Item, TextLine, page_ranges
from ..lines import page_number
from .items import page_items
from .pages import PdfPage, characters, read_pages

__all__ = ["read_pdf", "read_pages", "characters", "page_ranges"]


def _furniture(line: TextLine, page: PdfPage) -> str | None:
    """The printed page number if the line is a page-number footer or header."""
    label = page_number(line.text)
    if label is not None:
        return label
    text = line.text.strip()
    if text.isdigit() and len(text) <= 4 and line.bbox is not None:
        middle = (line.bbox[1] + line.bbox[3]) / 2
        if middle > 0.88 * page.height or middle < 0.08 * page.height:
            return text
    return None


def read_pdf(data: bytes, name: str, choice: Choice | None = None) -> Report:
    """A PDF to a Report: pages with a text layer read from it, image-only pages by OCR
    (``read.ocr``, when installed); pages left unread are reported, not guessed."""
    pages = read_pages(data, name)
    recognised: list = []
    reason = "请提供带文字层的 PDF 或 XLS/HTML 版本"
    if any(page.scanned for page in pages):
        from .. import ocr

        if ocr.available():
            pages, recognised = ocr.recognise(data, pages)
        else:
            reason = f"未安装文字识别组件：{ocr.INSTALL_HINT}"
    scanned = [page.index for page in pages if page.scanned]
    reason = "；".join(dict.fromkeys(page.error for page in recognised if page.error)) or reason
    if not any(page.words for page in pages):
        if scanned:
            raise ScannedPdf(f"{name}：全部 {len(pages)} 页均为扫描图像，没有文字层，未识别文字（{reason}）")
        raise NotAReport(f"{name}：PDF 共 {len(pages)} 页，没有任何文字")
    items: list[Item] = []
    model_pages: list[Page] = []
    for page in pages:
        label = ""
        for item in page_items(page):
            if isinstance(item, TextLine):
                found = _furniture(item, page)
                if found is not None:
                    label = found
                    continue
            items.append(item)
        model_pages.append(Page(index=page.index, first_line=0, label=label))
    notices: tuple[Unrecognized, ...] = ()
    if scanned:
        notices = (
            Unrecognized(
                code="pages-scanned", message=f"{page_ranges(scanned)}为扫描图像，未识别文字（{reason}）", source=Source(page=scanned[0])
            ),
        )
    report = assemble(items, model_pages, name, "pdf", "", choice, {page.index: page.width for page in pages}, notices)
    if recognised:
        from ..ocr import ocr_notice

        report = ocr_notice(report, recognised)
    return report
