"""The error hierarchy for failures the user must be told about.

Every message is user-facing Chinese and says what was not understood and where;
the CLI prints it on one line and exits with code 2.
"""


class JuesuanError(Exception):
    """Base class of all juesuan errors."""


class ReadError(JuesuanError):
    """An input could not be read as a report."""


class InputMissing(ReadError):
    """The file does not exist or cannot be opened."""


class UnsupportedFormat(ReadError):
    """The file is of a format juesuan does not read (yet)."""


class UndecodableText(ReadError):
    """The bytes are not text in any supported encoding."""


class NotAReport(ReadError):
    """The text was read but holds no recognisable 决算 report."""


class ModelFormatError(JuesuanError):
    """A serialised model (JSON) does not have the expected shape."""


class DamagedPdf(ReadError):
    """A PDF that cannot be opened: truncated, encrypted, without pages, or not a PDF."""


class ScannedPdf(ReadError):
    """A PDF whose pages are all images: there is no text to read."""


class DamagedWorkbook(ReadError):
    """An XLSX/XLS workbook or HTML page that cannot be opened."""


class ProfileError(JuesuanError):
    """A report profile file is malformed: the message names the file, the line and the field."""


class LimitExceeded(ReadError):
    """A file asks for more work than the limits allow (juesuan.limits): cells, spans, bytes, time."""
