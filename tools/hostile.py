"""Write the hostile-input regression fixtures (tests/fixtures/hostile/), one per failure class.

Each file is tiny and named after the problem it reproduces; every one of them once made
juesuan run without bound, crash with an internal error or stop a batch (issue 15).

    .venv/bin/python tools/hostile.py            # (re)write tests/fixtures/hostile/
"""

from __future__ import annotations

import sys
import zipfile
import zlib
from pathlib import Path

OUT = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "hostile"
_DATE = (2024, 1, 1, 0, 0, 0)
EXAMPLES = Path(__file__).resolve().parent.parent / "examples"

_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
    '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
    "{extra}</Types>"
)
_STYLES_TYPE = '<Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/>'
_STRINGS_TYPE = '<Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/>'
_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/>'
    "</Relationships>"
)
_WORKBOOK = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
    'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
    '<sheets><sheet name="Sheet1" sheetId="1" r:id="rId1"/></sheets></workbook>'
)
_WORKBOOK_RELS = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
    '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/>'
    "{extra}</Relationships>"
)
_STYLES_REL = (
    '<Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/>'
)
_STRINGS_REL = '<Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/>'
_STYLES = (
    '<?xml version="1.0" encoding="UTF-8"?>'
    '<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    '<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts>'
    '<fills count="1"><fill><patternFill patternType="none"/></fill></fills>'
    '<borders count="1"><border/></borders>'
    '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>'
    '<cellXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/></cellXfs>'
    "</styleSheet>"
)


def _sheet(body: str, dimension: str = "A1:B2", merges: str = "") -> str:
    merge_xml = f'<mergeCells count="1">{merges}</mergeCells>' if merges else ""
    return (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
        f'<dimension ref="{dimension}"/><sheetData>{body}</sheetData>{merge_xml}</worksheet>'
    )


_TITLE_ROW = '<row r="1"><c r="A1" t="inlineStr"><is><t>收入支出决算总表</t></is></c></row>'


def xlsx(sheet: str, strings: str | None = None, styles: bool = True, method: int = zipfile.ZIP_DEFLATED) -> bytes:
    """A minimal workbook written by hand, so that every part can be made hostile."""
    import io

    extra_types = (_STYLES_TYPE if styles else "") + (_STRINGS_TYPE if strings is not None else "")
    extra_rels = (_STYLES_REL if styles else "") + (_STRINGS_REL if strings is not None else "")
    parts = {
        "[Content_Types].xml": _CONTENT_TYPES.format(extra=extra_types),
        "_rels/.rels": _RELS,
        "xl/workbook.xml": _WORKBOOK,
        "xl/_rels/workbook.xml.rels": _WORKBOOK_RELS.format(extra=extra_rels),
        "xl/worksheets/sheet1.xml": sheet,
    }
    if styles:
        parts["xl/styles.xml"] = _STYLES
    if strings is not None:
        parts["xl/sharedStrings.xml"] = strings
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():  # a fixed date: the fixture is the same bytes every run
            archive.writestr(zipfile.ZipInfo(name, _DATE), text.encode("utf-8"), compress_type=zipfile.ZIP_DEFLATED)
    data = buffer.getvalue()
    if method != zipfile.ZIP_DEFLATED:  # a method zipfile cannot write: patch the headers' method field
        data = data.replace(b"PK\x03\x04\x14\x00\x00\x00\x08\x00", b"PK\x03\x04\x14\x00\x00\x00" + method.to_bytes(2, "little"))
        data = data.replace(
            b"PK\x01\x02\x14\x03\x14\x00\x00\x00\x08\x00", b"PK\x01\x02\x14\x03\x14\x00\x00\x00" + method.to_bytes(2, "little")
        )
    return data


def pdf(content: bytes, compress: bool = True, extra_objects: tuple[bytes, ...] = ()) -> bytes:
    """A one-page PDF (Helvetica) whose page draws ``content``; a valid xref table."""
    stream = zlib.compress(content, 9) if compress else content
    filters = b"/Filter /FlateDecode " if compress else b""
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 4 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< " + filters + b"/Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream",
        *extra_objects,
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    out += b"".join(f"{offset:010d} 00000 n \n".encode() for offset in offsets)
    out += f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n".encode()
    return bytes(out)


def _text(lines: list[tuple[float, float, float, str]]) -> bytes:
    """Text lines (size, x, y, text) as content-stream operators."""
    ops = [b"BT"]
    for size, x, y, text in lines:
        ops.append(f"/F1 {size:g} Tf 1 0 0 1 {x:g} {y:g} Tm ({text}) Tj".encode())
    ops.append(b"ET")
    return b"\n".join(ops)


def fixtures() -> dict[str, bytes]:
    """Every hostile fixture by file name."""
    files: dict[str, bytes] = {}
    # HTML: declared spans far beyond the cells that exist
    files["html-colspan-999999999.html"] = b"<table><tr><td colspan=999999999>1</td><td>2</td></tr></table>"
    files["html-rowspan-colspan-1e5.html"] = b"<table><tr><td rowspan=100000 colspan=100000>1</td></tr><tr><td>2</td></tr></table>"
    many = b"<tr>" + b"<td colspan=1000>1</td>" * 20 + b"</tr>"
    files["html-spans-many-rows.html"] = b"<table>" + many * 200 + b"</table>"
    # XLSX: a declared range, a cell at the last address, a merge over the whole sheet
    files["xlsx-cell-at-XFD1048576.xlsx"] = xlsx(
        _sheet(_TITLE_ROW + '<row r="1048576"><c r="XFD1048576"><v>1</v></c></row>', dimension="A1:XFD1048576")
    )
    files["xlsx-merge-A2-XFD1048576.xlsx"] = xlsx(
        _sheet(_TITLE_ROW + '<row r="2"><c r="A2"><v>1</v></c></row>', dimension="A1:XFD1048576", merges='<mergeCell ref="A2:XFD1048576"/>')
    )
    files["xlsx-style-index-out-of-range.xlsx"] = xlsx(_sheet(_TITLE_ROW + '<row r="2"><c r="A2" s="999"><v>1</v></c></row>'))
    files["xlsx-unsupported-compression.xlsx"] = xlsx(_sheet(_TITLE_ROW), method=9)  # deflate64
    files["xlsx-zip-version-11.5.xlsx"] = _zip_version(xlsx(_sheet(_TITLE_ROW)), 115)  # found by bench/fuzz.py
    # 100 MB of shared strings compressed to 100 KB
    strings_head = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
    files["xlsx-shared-strings-bomb.xlsx"] = _bomb_xlsx(strings_head)
    # PDF: zero-height text, 40,000 ruling lines, a stream that inflates to 1 GB
    files["pdf-zero-height-text.pdf"] = pdf(
        _text([(0, 72, 700, "2023 Budget"), (12, 72, 680, "Total 100.00"), (0, 72, 660, "0.00 1.00"), (12, 72, 640, "Income 50.00")])
    )
    rules = [
        f"{72 + (i % 400) * 1.1:.1f} {100 + (i // 400) * 6:.1f} m {72 + (i % 400) * 1.1 + 5:.1f} {100 + (i // 400) * 6:.1f} l"
        for i in range(20000)
    ]
    rules += [
        f"{72 + (i % 400) * 1.1:.1f} {100 + (i // 400) * 6:.1f} m {72 + (i % 400) * 1.1:.1f} {105 + (i // 400) * 6:.1f} l"
        for i in range(20000)
    ]
    files["pdf-40000-ruling-lines.pdf"] = pdf(("0.5 w\n" + "\n".join(rules) + "\nS\n").encode() + _text([(12, 72, 780, "Table 1")]))
    files["pdf-stream-bomb-1GB.pdf"] = _bomb_pdf()
    files["pdf-stream-bomb-bad-checksum.pdf"] = _bomb_pdf(bad_checksum=True)  # found by bench/fuzz.py
    # Text: amounts longer than any amount, and beyond the store's DECIMAL(20,4)
    files["text-amount-5000-digits.txt"] = _text_report("9" * 5000)  # refused: no amount or code is that long
    files["text-amount-400-digits.txt"] = _text_report("9" * 400)  # read, the cell left out with a notice
    files["text-amount-17-integer-digits.txt"] = _text_report("12345678901234567.89")
    # found by bench/fuzz.py: a 5000-digit 行次 (int() refuses more than 4300 digits)
    files["text-line-number-5000-digits.txt"] = _text_report("100.00").replace(b" 32 100.00", f" {'9' * 5000} 100.00".encode())
    # XLS: a damaged workbook on which xlrd writes its diagnostics (to stdout, unless captured)
    files["xls-damaged-diagnostics.xls"] = _damaged_xls()
    files["xls-number-3e226.xls"] = _huge_number_xls()  # found by bench/fuzz.py
    files["xls-record-memory-bomb.xls"] = _memory_bomb_xls()  # found by bench/fuzz.py
    # Formula injection: a department name that is a formula
    real = (EXAMPLES / "lianjiang-medical-security-bureau-2023.txt").read_text(encoding="utf-8")
    files["text-formula-department.txt"] = real.replace("廉江市医疗保障局", "=HYPERLINK(1)廉江市医疗保障局").encode("utf-8")
    return files


def _zip_version(data: bytes, version: int) -> bytes:
    """The first central-directory entry made to need a newer zip version to extract."""
    at = data.index(b"PK\x01\x02") + 6
    return data[:at] + version.to_bytes(2, "little") + data[at + 2 :]


def _bomb_xlsx(head: str) -> bytes:
    """A shared-strings part of 100 MB that deflates to ~100 KB (a zip bomb, one level)."""
    import io

    item = "<si><t>" + "A" * 1000 + "</t></si>"
    buffer = io.BytesIO()
    base = xlsx(_sheet(_TITLE_ROW), strings="")
    with zipfile.ZipFile(io.BytesIO(base)) as source, zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for info in source.infolist():
            if info.filename == "xl/sharedStrings.xml":
                continue
            archive.writestr(info, source.read(info.filename))
        info = zipfile.ZipInfo("xl/sharedStrings.xml", _DATE)
        info.compress_type = zipfile.ZIP_DEFLATED
        info._compresslevel = 9  # type: ignore[attr-defined]
        with archive.open(info, "w") as part:
            part.write(head.encode())
            block = (item * 1000).encode()
            for _ in range(100):  # 100 × 1 MB
                part.write(block)
            part.write(b"</sst>")
    return buffer.getvalue()


def _bomb_pdf(bad_checksum: bool = False) -> bytes:
    """A content stream that inflates to 1 GB of spaces: deflated twice, a few KB. With a
    bad checksum zlib refuses the stream, but pdfium inflates it all the same."""
    compressor = zlib.compressobj(9)
    chunk = b" " * (1 << 20)
    stream = zlib.compress(b"".join(compressor.compress(chunk) for _ in range(1024)) + compressor.flush(), 9)
    if bad_checksum:
        stream = stream[:-4] + bytes(b ^ 0xFF for b in stream[-4:])
    body = b"<< /Filter [/FlateDecode /FlateDecode] /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream + b"\nendstream"
    # the page's contents: an array of the real stream and the bomb (object 6)
    return pdf(_text([(12, 72, 700, "Total 1.00")]), extra_objects=(body,)).replace(b"/Contents 5 0 R", b"/Contents [5 0 R 6 0 R]")


def _text_report(value: str, department: str = "示例单位") -> bytes:
    lines = [
        f"{department}2023年度部门决算",
        "",
        "表1",
        "收入支出决算总表",
        "单位：万元",
        "收入 支出",
        "项目 行次 金额 项目 行次 金额",
        f"一般公共预算财政拨款收入 1 {value} 一般公共服务支出 32 {value}",
        f"本年收入合计 30 {value} 本年支出合计 60 {value}",
    ]
    return ("\n".join(lines) + "\n").encode("utf-8")


def _damaged_xls() -> bytes:
    """The real XLS fixture with 100 bytes of garbage appended: xlrd still opens it, and
    writes a warning that the size is not a whole number of sectors."""
    real = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "jiangmen-2024.xls"
    return real.read_bytes() + b"\x00" * 100


def _memory_bomb_xls() -> bytes:
    """The real XLS with 14 bytes of a BIFF record in sector 74 overwritten (what the fuzzer
    wrote there): xlrd then allocates without bound (3 GB before it gives up)."""
    real = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "lianjiang-2023.xls"
    data = bytearray(real.read_bytes())
    data[38547:38561] = b'r="XFD1048576"'
    return bytes(data)


def _huge_number_xls() -> bytes:
    """The real XLS with the RK record of 第4个工作表 R10C2 overwritten (bytes 23471–23476,
    the ones the fuzzer changed): the cell holds 3.87×10²²⁶ and a number format with
    decimals, which the default 28-digit decimal context could not round."""
    real = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "lianjiang-2023.xls"
    data = bytearray(real.read_bytes())
    data[23471:23477] = b"endobj"
    return bytes(data)


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    for name, data in fixtures().items():
        (OUT / name).write_bytes(data)
        print(f"{name}: {len(data)} bytes", file=sys.stderr)


if __name__ == "__main__":
    main()
