"""Bytes to text: detect the encoding of a published text (UTF-8, UTF-8 with BOM,
UTF-16 with BOM, GB18030) and refuse binary data with a clear message."""

from __future__ import annotations

import codecs
import re

from ..errors import NotAReport, UndecodableText

# a run of digits longer than this is no amount, code or number of a report (amounts stop
# at 24 digits): refused before any int() meets it (Python refuses past 4300 digits)
MAX_DIGIT_RUN = 1000
_DIGIT_RUN = re.compile(rf"\d{{{MAX_DIGIT_RUN + 1},}}")

_CONTROLS = re.compile(r"[\x00-\x08\x0e-\x1f]")  # below 32, but not \t \n \v \f \r
_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode(data: bytes, name: str) -> tuple[str, str]:
    """Return (text, encoding). Raises UndecodableText for binary or unknown data."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                text = data.decode(encoding)
            except UnicodeDecodeError as exc:
                raise UndecodableText(f"{name}：有 {encoding} 字节序标记，但第 {exc.start} 字节起无法解码") from exc
            check_digit_runs(text, name)
            return text, encoding
    if b"\x00" in data[:4096]:
        raise UndecodableText(f"{name}：是二进制文件，不是文本（含空字节）")
    try:
        text, encoding = data.decode("utf-8"), "utf-8"
    except UnicodeDecodeError as utf8_error:
        try:
            text, encoding = data.decode("gb18030"), "gb18030"
        except UnicodeDecodeError:
            raise UndecodableText(f"{name}：既不是 UTF-8 也不是 GB18030 文本（第 {utf8_error.start} 字节起无法解码）") from utf8_error
    if _looks_binary(text):
        raise UndecodableText(f"{name}：是二进制文件，不是文本（控制字符过多）")
    check_digit_runs(text, name)
    return text, encoding


def check_digit_runs(text: str, name: str, where: str = "") -> None:
    """Refuse text holding a run of more than MAX_DIGIT_RUN digits, naming where it is."""
    found = _DIGIT_RUN.search(text)
    if found is None:
        return
    if not where:
        where = f"第 {text.count(chr(10), 0, found.start()) + 1} 行"
    length = len(found.group(0))
    raise NotAReport(f"{name}：{where}有一串 {length} 位的数字，超出任何金额或编号的长度（至多 {MAX_DIGIT_RUN} 位），无法读取")


def _looks_binary(text: str) -> bool:
    sample = text[:8192]
    controls = len(_CONTROLS.findall(sample))
    return controls > max(8, len(sample) // 100)
