"""Subject catalogs of 《政府收支分类科目》: 支出功能分类 and 部门预算支出经济分类.

Each edition (year, 2017–2026) ships as two TSV files under ``data/``: ``functional-YYYY.tsv`` and
``economic-YYYY.tsv`` (``code<TAB>name<TAB>source``, ``#`` comment lines; the source is the real
report that prints the code with that name, or ``known``). See the file headers for what each
file covers; a code that is absent from a catalog is not proof that the code is wrong.

    >>> cat = load_catalog(2024)
    >>> cat.functional('2080505').name
    '机关事业单位基本养老保险缴费支出'
    >>> cat.names_match('30213', '维修(护)费', kind='economic')
    True
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections.abc import Iterator
from dataclasses import dataclass
from importlib import resources

__all__ = [
    "Subject",
    "Catalog",
    "load_catalog",
    "editions",
    "normalise_name",
    "parse_tsv",
    "KINDS",
    "COMPLETE_LEVELS",
]

KINDS = ("functional", "economic")
# Levels whose list is complete in every shipped edition: a code missing at these
# levels is unknown to the catalog; below them, absence proves nothing.
COMPLETE_LEVELS: dict[str, frozenset[int]] = {"functional": frozenset({1}), "economic": frozenset({1})}

# code length -> level, per kind
_LEVELS = {
    "functional": {3: 1, 5: 2, 7: 3},
    "economic": {3: 1, 5: 2},
}

_FILE_RE = re.compile(r"^(functional|economic)-(\d{4})\.tsv$")
_WS_RE = re.compile(r"\s+")
# ordinal prefixes as printed before 类 names in 表1/表4: '八、', '二十一、', '(八)', '8.', '8、'
_ORDINAL_RE = re.compile(r"^(?:\([一二三四五六七八九十百零〇\d]+\)|[一二三四五六七八九十百零〇\d]+[、.,:])")
_CLASS_SUFFIX_RE = re.compile(r"\(类\)$")
# bracket look-alikes that NFKC leaves alone (or maps to [ ]): treat them as parentheses
_BRACKETS = str.maketrans({"〔": "(", "〕": ")", "[": "(", "]": ")", "【": "(", "】": ")"})


@dataclass(frozen=True, slots=True)
class Subject:
    """One subject (科目) of a catalog."""

    code: str  # '2080505'
    name: str  # official name
    level: int  # 1 类, 2 款, 3 项
    kind: str  # 'functional' | 'economic'
    # False for entries the data file marks as not verified against an official text
    # (a '# --- … not machine-verified' section); checks only report such a name as info.
    verified: bool = True
    source: str = ""  # the report(s) printing it, or 'known' (written from the published edition)

    @property
    def parent_code(self) -> str | None:
        """The code one level up ('20805' for '2080505'), None for a 类."""
        if self.level == 1:
            return None
        return self.code[:-2]


def normalise_name(name: str) -> str:
    """Comparable form of a subject name.

    NFKC folds full-width forms to half-width (（）-> (), full-width digits/letters -> ASCII);
    other bracket look-alikes are mapped to ( ); all whitespace (including U+3000) is removed.
    """
    text = unicodedata.normalize("NFKC", name)
    text = text.translate(_BRACKETS)
    return _WS_RE.sub("", text)


def _normalise_code(code: str) -> str:
    return _WS_RE.sub("", unicodedata.normalize("NFKC", str(code)))


def _check_kind(kind: str) -> None:
    if kind not in KINDS:
        raise ValueError(f"kind must be one of {KINDS}, not {kind!r}")


def _data_files() -> dict[str, dict[int, str]]:
    """{kind: {year: filename}} for the TSV files shipped in data/."""
    found: dict[str, dict[int, str]] = {k: {} for k in KINDS}
    for entry in resources.files(__package__).joinpath("data").iterdir():
        match = _FILE_RE.match(entry.name)
        if match:
            found[match.group(1)][int(match.group(2))] = entry.name
    return found


@functools.lru_cache(maxsize=1)
def _index() -> dict[str, dict[int, str]]:
    return _data_files()


def editions() -> tuple[int, ...]:
    """Years for which a functional catalog is shipped, sorted."""
    return tuple(sorted(_index()["functional"]))


def _pick(years: tuple[int, ...], year: int) -> int:
    """The newest edition <= year, else the oldest one."""
    if not years:
        raise LookupError("no catalog data shipped")
    older = [y for y in years if y <= year]
    return max(older) if older else min(years)


def _parse(kind: str, filename: str) -> dict[str, Subject]:
    text = resources.files(__package__).joinpath("data", filename).read_text(encoding="utf-8")
    return parse_tsv(kind, text, filename)


def parse_tsv(kind: str, text: str, source: str = "<catalog>") -> dict[str, Subject]:
    """The subjects of one catalog file (``code<TAB>name[<TAB>source]`` lines, ``#`` comments).

    A ``# --- … not machine-verified`` heading marks the entries after it (up to the next
    ``# ---`` heading) as not verified. A malformed file is refused with ``source:line``: a
    line without a name, a code that is not a code of ``kind``, a code given twice, a 款 or
    项 whose parent is not in the file, two subjects of one parent with the same name.
    """
    _check_kind(kind)
    levels = _LEVELS[kind]
    subjects: dict[str, Subject] = {}
    lines: dict[str, int] = {}
    verified = True
    for lineno, raw in enumerate(text.splitlines(), 1):
        line = raw.strip()
        if line.startswith("# ---"):
            verified = "not machine-verified" not in line
        if not line or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[1].strip():
            raise ValueError(f"{source}:{lineno}: expected code<TAB>name, got {raw!r}")
        code, name = parts[0].strip(), parts[1].strip()
        source_of = parts[2].strip() if len(parts) > 2 else ""
        if not code.isdigit() or len(code) not in levels:
            raise ValueError(f"{source}:{lineno}: bad {kind} code {code!r}")
        if code in subjects:
            raise ValueError(f"{source}:{lineno}: duplicate code {code}")
        subjects[code] = Subject(code=code, name=name, level=levels[len(code)], kind=kind, verified=verified, source=source_of)
        lines[code] = lineno
    names: dict[tuple[str | None, str], str] = {}
    for code, subject in subjects.items():
        parent = subject.parent_code
        if parent is not None and parent not in subjects:
            raise ValueError(f"{source}:{lines[code]}: {code} {subject.name}: its parent {parent} is not in the file")
        key = (parent, normalise_name(subject.name))
        if key in names:
            raise ValueError(f"{source}:{lines[code]}: {code} has the name of {names[key]} under the same parent: {subject.name}")
        names[key] = code
    return subjects


class Catalog:
    """The functional and economic catalogs of one edition."""

    __slots__ = ("edition", "economic_edition", "_subjects", "_children", "_classes_by_name")

    def __init__(
        self,
        edition: int,
        functional: dict[str, Subject],
        economic: dict[str, Subject],
        economic_edition: int | None = None,
    ) -> None:
        self.edition = edition
        self.economic_edition = edition if economic_edition is None else economic_edition
        self._subjects: dict[str, dict[str, Subject]] = {
            "functional": dict(sorted(functional.items())),
            "economic": dict(sorted(economic.items())),
        }
        children: dict[str, dict[str, list[Subject]]] = {k: {} for k in KINDS}
        for kind, subjects in self._subjects.items():
            for subject in subjects.values():
                parent = subject.parent_code
                if parent is not None:
                    children[kind].setdefault(parent, []).append(subject)
        self._children = {kind: {code: tuple(subs) for code, subs in by_parent.items()} for kind, by_parent in children.items()}
        self._classes_by_name = {normalise_name(s.name): s for s in self._subjects["functional"].values() if s.level == 1}

    def __repr__(self) -> str:
        return f"<Catalog edition={self.edition} subjects={len(self)}>"

    # -- lookup -------------------------------------------------------------------------
    def lookup(self, code: str, kind: str = "functional") -> Subject | None:
        _check_kind(kind)
        return self._subjects[kind].get(_normalise_code(code))

    def functional(self, code: str) -> Subject | None:
        return self.lookup(code, "functional")

    def economic(self, code: str) -> Subject | None:
        return self.lookup(code, "economic")

    def functional_class_by_name(self, name: str) -> Subject | None:
        """A 类 of the functional catalog by its name.

        Tolerates an ordinal prefix ('八、', '(八)', '8.'), a trailing '（类）', and differences
        in parentheses and whitespace.
        """
        text = normalise_name(name)
        candidates = [text]
        stripped = _ORDINAL_RE.sub("", text, count=1)
        if stripped != text:
            candidates.append(stripped)
        for cand in list(candidates):
            unsuffixed = _CLASS_SUFFIX_RE.sub("", cand)
            if unsuffixed != cand:
                candidates.append(unsuffixed)
        for cand in candidates:
            subject = self._classes_by_name.get(cand)
            if subject is not None:
                return subject
        return None

    # -- name comparison ----------------------------------------------------------------
    def names_match(self, code: str, printed: str, kind: str = "functional") -> bool:
        """True if ``printed`` is the official name of ``code`` (after normalise_name)."""
        subject = self.lookup(code, kind)
        if subject is None:
            return False
        return normalise_name(printed) == normalise_name(subject.name)

    def completes(self, code: str, partial: str, kind: str = "functional") -> bool:
        """True if the official name of ``code`` starts with ``partial`` (both normalised).

        Used to join names that wrap over lines. An empty fragment, or an unknown code, gives False.
        """
        subject = self.lookup(code, kind)
        if subject is None:
            return False
        fragment = normalise_name(partial)
        return bool(fragment) and normalise_name(subject.name).startswith(fragment)

    # -- structure ----------------------------------------------------------------------
    def children(self, code: str, kind: str = "functional") -> tuple[Subject, ...]:
        _check_kind(kind)
        return self._children[kind].get(_normalise_code(code), ())

    def subjects(self, kind: str = "functional") -> tuple[Subject, ...]:
        _check_kind(kind)
        return tuple(self._subjects[kind].values())

    def __iter__(self) -> Iterator[Subject]:
        for kind in KINDS:
            yield from self._subjects[kind].values()

    def __len__(self) -> int:
        return sum(len(s) for s in self._subjects.values())

    def __contains__(self, item: object) -> bool:
        if isinstance(item, Subject):
            return self._subjects.get(item.kind, {}).get(item.code) == item
        return False


@functools.cache
def _load_edition(functional_year: int, economic_year: int | None) -> Catalog:
    files = _index()
    functional = _parse("functional", files["functional"][functional_year])
    economic = _parse("economic", files["economic"][economic_year]) if economic_year is not None else {}
    return Catalog(functional_year, functional, economic, economic_edition=economic_year)


@functools.cache
def load_catalog(year: int) -> Catalog:
    """The catalog edition for ``year``: the newest edition <= year, else the oldest. Cached."""
    files = _index()
    functional_year = _pick(editions(), int(year))
    economic_years = tuple(sorted(files["economic"]))
    economic_year = _pick(economic_years, int(year)) if economic_years else None
    return _load_edition(functional_year, economic_year)
