"""Scanned copies of text-layer PDFs, for measuring and testing OCR.

Each chosen page is rendered to a grey image at ``--dpi``, optionally turned by
``--skew`` degrees, given light Gaussian noise and blur, encoded as JPEG at
``--quality`` and put back as the only content of a page of the same size: an
image-only PDF, as a scanner makes. Pages not chosen (``--pages``) are copied with
their text layer, which makes a mixed PDF. The noise has a fixed seed: the same
arguments make the same page images (the PDF's file identifier differs).

    python tools/make_scans.py REPORT.pdf OUT.pdf --dpi 200 --quality 75 [--skew 0.5] [--noise 4] [--pages 7-9]
    python tools/make_scans.py REPORT.pdf OUTDIR --variants     # the standard set (docs/ocr.md)

The committed samples (tests/fixtures/scanned/) are made by:

    python tools/make_scans.py tests/fixtures/real/juesuan/shanghai-putuo-planning-resources-bureau-2024-final.pdf \
        tests/fixtures/scanned/putuo-p8-200dpi.pdf --dpi 200 --quality 75 --pages 8 --keep 8
    python tools/make_scans.py tests/fixtures/real/juesuan/shanghai-putuo-planning-resources-bureau-2024-final.pdf \
        tests/fixtures/scanned/putuo-p7-9-mixed.pdf --dpi 150 --quality 50 --skew 0.5 --noise 4 --pages 9 --keep 7-9
"""

from __future__ import annotations

import argparse
import sys
from dataclasses import dataclass
from pathlib import Path

import cv2
import numpy as np
import pypdfium2 as pdfium

SEED = 14


@dataclass(frozen=True)
class Variant:
    name: str
    dpi: int = 200
    quality: int = 75
    skew: float = 0.0
    noise: float = 0.0  # standard deviation of the grey noise, 0–255
    blur: bool = False


VARIANTS = (
    Variant("300dpi-q75", 300),
    Variant("200dpi-q75", 200),
    Variant("150dpi-q75", 150),
    Variant("200dpi-q50", 200, 50),
    Variant("200dpi-skew0.5", 200, skew=0.5),
    Variant("200dpi-noise", 200, noise=6.0, blur=True),
)


def page_set(spec: str, count: int) -> set[int]:
    """'7-9,12' → {7, 8, 9, 12}; '' → every page (1-based)."""
    if not spec:
        return set(range(1, count + 1))
    out: set[int] = set()
    for part in spec.split(","):
        first, _, last = part.partition("-")
        out.update(range(int(first), int(last or first) + 1))
    return {p for p in out if 1 <= p <= count}


def scan_image(page, variant: Variant, rng: np.random.Generator) -> bytes:
    """A page as a JPEG scan."""
    grey = page.render(scale=variant.dpi / 72.0, grayscale=True).to_numpy()
    if grey.ndim == 3:
        grey = grey[:, :, 0]
    grey = np.ascontiguousarray(grey)
    if variant.skew:
        h, w = grey.shape
        matrix = cv2.getRotationMatrix2D((w / 2, h / 2), variant.skew, 1.0)
        grey = cv2.warpAffine(grey, matrix, (w, h), flags=cv2.INTER_LINEAR, borderValue=255)
    if variant.blur:
        grey = cv2.GaussianBlur(grey, (3, 3), 0.6)
    if variant.noise:
        noisy = grey.astype(np.float32) + rng.normal(0.0, variant.noise, grey.shape).astype(np.float32)
        grey = np.clip(noisy, 0, 255).astype(np.uint8)
    ok, encoded = cv2.imencode(".jpg", grey, [cv2.IMWRITE_JPEG_QUALITY, variant.quality])
    if not ok:
        raise RuntimeError("JPEG encoding failed")
    return encoded.tobytes()


def make_scan(source: bytes, variant: Variant, pages: str = "", keep: str = "") -> bytes:
    """The PDF with the chosen pages replaced by scans of themselves; only the pages
    ``keep`` names are kept (all by default)."""
    rng = np.random.default_rng(SEED)
    original = pdfium.PdfDocument(source)
    out = pdfium.PdfDocument.new()
    chosen = page_set(pages, len(original))
    kept = page_set(keep, len(original))
    for index in range(len(original)):
        if index + 1 not in kept:
            continue
        if index + 1 not in chosen:
            out.import_pages(original, [index])
            continue
        page = original[index]
        width, height = page.get_size()
        jpeg = scan_image(page, variant, rng)
        new = out.new_page(width, height)
        picture = pdfium.PdfImage.new(out)
        picture.load_jpeg(_Buffer(jpeg), inline=True)
        picture.set_matrix(pdfium.PdfMatrix().scale(width, height))
        new.insert_obj(picture)
        new.gen_content()
        page.close()
    buffer = _Sink()
    out.save(buffer)
    return buffer.getvalue()


class _Buffer:
    """pypdfium2's load_jpeg takes a file-like object it may read after the call."""

    def __init__(self, data: bytes) -> None:
        import io

        self._io = io.BytesIO(data)

    def __getattr__(self, name):
        return getattr(self._io, name)


class _Sink:
    def __init__(self) -> None:
        import io

        self._io = io.BytesIO()

    def write(self, data: bytes) -> int:
        return self._io.write(data)

    def getvalue(self) -> bytes:
        return self._io.getvalue()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("source", type=Path)
    parser.add_argument("output", type=Path)
    parser.add_argument("--dpi", type=int, default=200)
    parser.add_argument("--quality", type=int, default=75)
    parser.add_argument("--skew", type=float, default=0.0)
    parser.add_argument("--noise", type=float, default=0.0)
    parser.add_argument("--blur", action="store_true")
    parser.add_argument("--pages", default="", help="pages to scan, e.g. 7-9,12 (default: all); the others keep their text layer")
    parser.add_argument("--keep", default="", help="pages to keep in the output, e.g. 7-9 (default: all)")
    parser.add_argument("--variants", action="store_true", help="write the standard set of variants into OUTPUT (a folder)")
    args = parser.parse_args(argv)
    source = args.source.read_bytes()
    if args.variants:
        args.output.mkdir(parents=True, exist_ok=True)
        for variant in VARIANTS:
            target = args.output / f"{args.source.stem}.{variant.name}.pdf"
            target.write_bytes(make_scan(source, variant, args.pages, args.keep))
            print(f"{target} ({target.stat().st_size // 1024} KiB)")
        return 0
    variant = Variant("custom", args.dpi, args.quality, args.skew, args.noise, args.blur)
    args.output.write_bytes(make_scan(source, variant, args.pages, args.keep))
    print(f"{args.output} ({args.output.stat().st_size // 1024} KiB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
