"""The line of a TOML file on which a field is written, for error messages.

tomllib gives values without positions, so this small scanner walks the text once the
file has parsed and records where each field begins: keys of ``[tables]`` and
``[[arrays of tables]]`` (with their index), dotted and quoted keys, inline tables, and
every element of an array (``layouts[1]``, ``evidence[0].pattern``), multi-line
arrays and strings included.
"""

from __future__ import annotations

Path = tuple[str | int, ...]


class _Scanner:
    def __init__(self, text: str) -> None:
        self.text = text
        self.i = 0
        self.line = 1
        self.found: dict[Path, int] = {}
        self.tables: dict[Path, int] = {}  # array-of-tables path → elements so far

    # -- characters -----------------------------------------------------------------

    def peek(self, offset: int = 0) -> str:
        j = self.i + offset
        return self.text[j] if j < len(self.text) else ""

    def advance(self, n: int = 1) -> None:
        for _ in range(n):
            if self.i < len(self.text):
                if self.text[self.i] == "\n":
                    self.line += 1
                self.i += 1

    def skip(self, newlines: bool) -> None:
        """Spaces, comments, and (inside arrays) newlines."""
        while self.i < len(self.text):
            ch = self.peek()
            if ch in " \t\r" or newlines and ch == "\n":
                self.advance()
            elif ch == "#":
                while self.i < len(self.text) and self.peek() != "\n":
                    self.advance()
            else:
                return

    def note(self, path: Path) -> None:
        self.found.setdefault(path, self.line)

    # -- keys and values --------------------------------------------------------------

    def string(self) -> str:
        quote = self.peek()
        triple = self.text.startswith(quote * 3, self.i)
        end = quote * 3 if triple else quote
        self.advance(len(end))
        out = []
        while self.i < len(self.text) and not self.text.startswith(end, self.i):
            if quote == '"' and self.peek() == "\\":
                out.append(self.peek(1))
                self.advance(2)
                continue
            out.append(self.peek())
            self.advance()
        self.advance(len(end))
        return "".join(out)

    def key(self) -> list[str]:
        parts: list[str] = []
        while True:
            self.skip(False)
            if self.peek() in "\"'":
                parts.append(self.string())
            else:
                start = self.i
                while self.i < len(self.text) and (self.peek().isalnum() or self.peek() in "_-"):
                    self.advance()
                parts.append(self.text[start : self.i])
            self.skip(False)
            if self.peek() != ".":
                return parts
            self.advance()

    def value(self, path: Path) -> None:
        self.skip(False)
        ch = self.peek()
        if ch == "[":
            self.advance()
            index = 0
            while True:
                self.skip(True)
                if self.peek() in ("]", ""):
                    self.advance()
                    return
                self.note(path + (index,))
                self.value(path + (index,))
                index += 1
                self.skip(True)
                if self.peek() == ",":
                    self.advance()
        elif ch == "{":
            self.advance()
            while True:
                self.skip(False)
                if self.peek() in ("}", "", "\n"):
                    self.advance()
                    return
                key = tuple(self.key())
                self.note(path + key)
                self.skip(False)
                if self.peek() == "=":
                    self.advance()
                self.value(path + key)
                self.skip(False)
                if self.peek() == ",":
                    self.advance()
        elif ch in "\"'":
            self.string()
        else:
            while self.i < len(self.text) and self.peek() not in ",]}\n#":
                self.advance()

    # -- the file ----------------------------------------------------------------------

    def run(self) -> dict[Path, int]:
        table: Path = ()
        while self.i < len(self.text):
            self.skip(True)
            if not self.peek():
                break
            if self.peek() == "[":
                array = self.peek(1) == "["
                self.advance(2 if array else 1)
                name = tuple(self.key())
                self.skip(False)
                self.advance(2 if array else 1)
                if array:
                    index = self.tables.get(name, 0)
                    self.tables[name] = index + 1
                    table = name + (index,)
                else:
                    table = name
                for depth in range(1, len(table) + 1):
                    self.note(table[:depth])
                continue
            key = tuple(self.key())
            path = table + key
            self.note(path)
            self.skip(False)
            if self.peek() == "=":
                self.advance()
                self.value(path)
            else:  # not a key = value line (cannot happen once tomllib has parsed the file)
                while self.i < len(self.text) and self.peek() != "\n":
                    self.advance()
        return self.found


def positions(text: str) -> dict[Path, int]:
    """Every field's path (keys; integers index arrays) → the 1-based line it starts on."""
    return _Scanner(text).run()


def line_of(text: str, path: Path) -> int | None:
    """The line of the field at ``path``, or of the nearest enclosing field written."""
    found = positions(text)
    for end in range(len(path), 0, -1):
        line = found.get(tuple(path[:end]))
        if line is not None:
            return line
    return None
