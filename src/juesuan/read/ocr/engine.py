"""The recognition engine: RapidOCR's PP-OCRv4 Chinese models on onnxruntime.

The models ship inside the ``rapidocr_onnxruntime`` wheel: nothing is downloaded at
run time. The engine is made once per process (loading takes a few seconds).
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from ...errors import ReadError


class OcrUnavailable(ReadError):
    """A scanned page needs the optional OCR extra, which is not installed."""


INSTALL_HINT = "pip install 'juesuan[ocr]'"

_ENGINES: dict[int, Any] = {}


def available() -> bool:
    try:
        import cv2  # noqa: F401
        import rapidocr_onnxruntime  # noqa: F401
    except ImportError:
        return False
    return True


def engine(threads: int = 0) -> Any:
    """The process's engine; ``threads`` caps onnxruntime's threads (0: its default)."""
    found = _ENGINES.get(threads)
    if found is None:
        try:
            from rapidocr_onnxruntime import RapidOCR
        except ImportError as exc:
            raise OcrUnavailable(f"扫描页需要文字识别组件：{INSTALL_HINT}") from exc
        _room_for_the_models()
        options: dict[str, Any] = {"print_verbose": False, "max_side_len": 4000}
        if threads:
            options |= {"intra_op_num_threads": threads, "inter_op_num_threads": 1}
        found = _ENGINES[threads] = RapidOCR(**options)
    return found


@dataclass(frozen=True, slots=True)
class Box:
    """One recognised run of text: its box in image pixels, text and score (0–1)."""

    x0: float
    top: float
    x1: float
    bottom: float
    text: str
    score: float


def detect_and_read(image: Any, threads: int = 0) -> list[Box]:
    """Text boxes of an image (grey or colour), read."""
    result, _ = engine(threads)(image, use_cls=False)
    out = []
    for quad, text, score in result or ():
        xs = [float(p[0]) for p in quad]
        ys = [float(p[1]) for p in quad]
        out.append(Box(min(xs), min(ys), max(xs), max(ys), str(text), float(score)))
    return out


def read_crop(image: Any, threads: int = 0) -> tuple[str, float]:
    """The text of an image holding one line (no detection), and its score."""
    result, _ = engine(threads)(image, use_det=False, use_cls=False)
    if not result:
        return "", 0.0
    text, score = result[0][0], result[0][1]
    return str(text), float(score)


def _room_for_the_models() -> None:
    """In a sandbox child the address space is capped for parsing (soft limit); onnxruntime
    reserves much more than it touches, so the engine takes the room set aside for it
    (``Limits.ocr_memory_bytes``, at most the hard limit). Unbounded, this changes nothing."""
    import resource

    from ...limits import active

    soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    room = active().ocr_memory_bytes if hard == resource.RLIM_INFINITY else min(hard, active().ocr_memory_bytes)
    if soft != resource.RLIM_INFINITY and room > soft:
        resource.setrlimit(resource.RLIMIT_AS, (room, hard))
