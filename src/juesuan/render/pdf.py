"""PDF: the HTML rendering printed by headless Chromium (``--print-to-pdf``).

Chromium embeds the fonts it uses (subset), so the CJK text is in the file; tables
are drawn as real ruled cells, which juesuan's PDF reader reads back. Needs the
``chromium`` binary (Debian: ``apt-get install chromium fonts-noto-cjk``); set
``JUESUAN_CHROMIUM`` to use another Chromium or Chrome.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import tempfile
from pathlib import Path

from ..errors import JuesuanError
from .document import Document
from .html import render_html

CANDIDATES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")


class RenderToolMissing(JuesuanError):
    """A system tool the format needs is not installed."""


def chromium() -> str | None:
    configured = os.environ.get("JUESUAN_CHROMIUM")
    if configured:
        return configured if shutil.which(configured) or Path(configured).exists() else None
    return next((found for name in CANDIDATES if (found := shutil.which(name))), None)


def chromium_command(*args: str) -> list[str]:
    exe = chromium()
    if exe is None:
        raise RenderToolMissing("生成 PDF 需要 Chromium（Debian/Ubuntu：apt-get install chromium fonts-noto-cjk；或设置 JUESUAN_CHROMIUM）")
    return [
        exe,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--no-first-run",
        "--disable-extensions",
        "--hide-scrollbars",
        "--mute-audio",
        *args,
    ]


class PdfJob:
    """A Chromium process printing a PDF; other formats can be written meanwhile."""

    def __init__(self, html: str, path: Path, timeout: float = 60) -> None:
        self.path = Path(path).resolve()
        self.timeout = timeout
        self.tmp = tempfile.TemporaryDirectory(prefix="juesuan-pdf-")
        source = Path(self.tmp.name) / "document.html"
        source.write_text(html, encoding="utf-8")
        command = chromium_command(
            f"--user-data-dir={self.tmp.name}/profile", "--no-pdf-header-footer", f"--print-to-pdf={self.path}", source.as_uri()
        )
        self.process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)

    def wait(self) -> Path:
        try:
            _, stderr = self.process.communicate(timeout=self.timeout)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.communicate()
            raise JuesuanError(f"Chromium 生成 PDF 超时（{self.timeout:.0f} 秒）") from None
        finally:
            self.tmp.cleanup()
        if self.process.returncode != 0 or not self.path.exists():
            tail = stderr.decode("utf-8", "replace").strip().splitlines()[-1:] or [""]
            raise JuesuanError(f"Chromium 生成 PDF 失败（退出码 {self.process.returncode}）：{tail[0]}")
        return self.path


def html_to_pdf(html: str, path: Path, timeout: float = 60) -> None:
    PdfJob(html, path, timeout).wait()


def start_pdf(document: Document, path) -> PdfJob:
    return PdfJob(render_html(document), Path(path))


def write_pdf(document: Document, path) -> None:
    html_to_pdf(render_html(document), Path(path))
