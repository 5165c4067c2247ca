"""Row roles from the profile's row vocabulary: the same logic for a table read and a
table rendered from data.

A row is a subject row (it has a code), a 其中 row (restating part of the row above,
never summed), or takes the role its printed name has on its side of the table; the
rows printed after a balance row (年初财政拨款结转和结余) are its split by fund; the other
rows of the 类 side of 表1/表4 are 功能分类 类 named through the catalog.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Protocol

from .schema import TableSpec, norm

_ORDINAL = re.compile(r"^(?:[（(][一二三四五六七八九十]+[)）]|[一二三四五六七八九十]+[、.．]|\d+[、.．])")


def bare(name: str) -> str:
    """A row name without its ordinal ('八、'), in normal form, for the vocabulary."""
    return _ORDINAL.sub("", norm(name))


class _Subject(Protocol):  # what the roles need of juesuan.catalog.Subject
    @property
    def code(self) -> str: ...


class ClassCatalog(Protocol):  # what the roles need of juesuan.catalog.Catalog
    def functional_class_by_name(self, name: str) -> _Subject | None: ...


@dataclass
class RowRoles:
    """Row roles of one table, read in printed order, with the state of the by-fund splits."""

    spec: TableSpec | None
    totals: tuple[str, ...]
    of_which: tuple[str, ...]
    catalog: ClassCatalog | None
    split: dict[str, dict[str, str]] = field(default_factory=dict)  # side → active split rows

    def role(self, side: str, name: str, code: str = "") -> tuple[str, str]:
        """(role, code) of a row printed on ``side`` as ``name`` (with ``code`` if any)."""
        name = bare(name)
        spec = self.spec
        if code:
            return "", code
        if name.startswith(self.of_which):
            return "of_which", ""
        if spec is None:
            return ("total", "") if name in self.totals else ("", "")
        if spec.shape == "single":
            return "total", ""
        active = self.split.get(side, {})
        role = active.get(name) or spec.row_role(side, name)
        if not role and not side and name in self.totals:
            role = "total"
        for split in spec.splits:
            if split.side == side:
                if role == split.after:
                    self.split[side] = split.rows
                elif role and role not in split.rows.values():
                    self.split.pop(side, None)
        if not role and spec.classes == side and name and self.catalog is not None:
            subject = self.catalog.functional_class_by_name(name)
            if subject is not None:
                return "class", subject.code
        return role, ""
