"""The format-neutral content every reader produces: lines of text and table grids.

A PDF page, a worksheet, an HTML page and a text page all become a sequence of
``TextLine`` (a title, a heading, a line of prose or a note) and ``Grid`` (a table
region as cells with row and column spans). Segmentation, the table layer and the
prose builder work on these alone, whatever the format.
"""

from __future__ import annotations

from dataclasses import dataclass, field

BBox = tuple[float, float, float, float]  # x0, top, x1, bottom in PDF points


@dataclass(frozen=True, slots=True)
class TextLine:
    text: str
    page: int
    line: int | None = None  # 1-based line of a text input; None for PDF/XLSX/HTML
    bbox: BBox | None = None
    height: float = 0.0
    paragraph: bool = False  # already a whole paragraph (HTML block): never joined with the next
    indented: bool = False  # a text line that began with an indentation
    words: tuple = ()  # the positioned words of a PDF line (read.pdf.pages.Word), for unruled tables


@dataclass(frozen=True, slots=True)
class GridCell:
    r0: int
    r1: int
    c0: int
    c1: int
    text: str
    bbox: BBox | None = None
    lines: int = 1  # visual lines of text inside the cell


@dataclass
class Grid:
    cells: list[GridCell]
    page: int
    bbox: BBox | None = None
    ncols: int = 0
    nrows: int = 0
    ruled: bool = True  # built from ruling lines (False: from the alignment of words)
    xs: tuple[float, ...] = field(default=())  # column boundaries, when known

    def __post_init__(self) -> None:
        if self.cells:
            self.ncols = max(self.ncols, max(cell.c1 for cell in self.cells) + 1)
            self.nrows = max(self.nrows, max(cell.r1 for cell in self.cells) + 1)

    def rows(self) -> list[list[GridCell]]:
        """Cells by the row they start in, left to right."""
        out: list[list[GridCell]] = [[] for _ in range(self.nrows)]
        for cell in self.cells:
            out[cell.r0].append(cell)
        return [sorted(row, key=lambda c: c.c0) for row in out]

    def matrix(self) -> list[list[GridCell | None]]:
        """Each grid position → the cell covering it (spanning cells repeated)."""
        out: list[list[GridCell | None]] = [[None] * self.ncols for _ in range(self.nrows)]
        for cell in self.cells:
            for r in range(cell.r0, cell.r1 + 1):
                for c in range(cell.c0, cell.c1 + 1):
                    out[r][c] = cell
        return out


Item = TextLine | Grid


def page_ranges(pages: list[int]) -> str:
    """[3,4,5,9] → '第3—5页、第9页'."""
    runs: list[list[int]] = []
    for page in sorted(pages):
        if runs and page == runs[-1][-1] + 1:
            runs[-1].append(page)
        else:
            runs.append([page])
    return "、".join(f"第{r[0]}—{r[-1]}页" if len(r) > 1 else f"第{r[0]}页" for r in runs)
