"""XLSX and XLS workbooks (a sheet per table, merged headers) read cell for cell like the text."""

from __future__ import annotations

import io
import zipfile

import pytest
from formats import FIXTURES, REPORTS, golden

from juesuan.errors import DamagedWorkbook, UnsupportedFormat
from juesuan.model.tidy import to_csv
from juesuan.read import read_bytes, read_path
from juesuan.read.xlsx import format_number


@pytest.mark.parametrize("suffix", ["xlsx", "xls"])
@pytest.mark.parametrize("stem", list(REPORTS))
def test_workbook_gives_the_text_readers_cells(stem, suffix):
    report = read_path(FIXTURES / f"{stem}.{suffix}")
    assert report.metadata.source_format == suffix
    assert to_csv(report) == golden(stem)
    assert report.unrecognized == ()
    text = read_path(REPORTS[stem])
    for table in report.tables:
        other = text.table(table.kind)
        assert (table.notes, table.no_activity, table.unit, table.entity) == (other.notes, other.no_activity, other.unit, other.entity)


def test_format_by_content_not_name():
    data = (FIXTURES / "jiangmen-2024.xlsx").read_bytes()
    assert to_csv(read_bytes(data, "report.pdf")) == golden("jiangmen-2024")


def test_printed_number_formats():
    assert format_number(1956.92, "#,##0.00") == "1,956.92"
    assert format_number(0, "0.00") == "0.00"
    assert format_number(2.005, "0.00") == "2.01"
    assert format_number(12.5, "General") == "12.5"
    assert format_number(9, "General") == "9"


def test_other_zip_and_damaged_workbooks():
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        archive.writestr("word/document.xml", "<w/>")
    with pytest.raises(UnsupportedFormat, match="不是 XLSX"):
        read_bytes(buffer.getvalue(), "a.docx")
    with pytest.raises(DamagedWorkbook):
        read_bytes(b"PK\x03\x04" + b"\x00" * 64, "broken.xlsx")
    with pytest.raises((DamagedWorkbook, UnsupportedFormat)):
        read_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "broken.xls")
