"""The packages import one way, along the pipeline: read → model → profiles → claims →
checks → render / store / web, and the command line over all of them.

The rule is the table of docs/architecture.md ("The import rule"), read from the page, so the
page and this test cannot disagree. Each subpackage imports in a fresh interpreter (no import
cycle hides behind an import order), no module imports a package it may not depend on (lazy
and TYPE_CHECKING imports included), and only pipeline.py runs the checks.
"""

from __future__ import annotations

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SRC = ROOT / "src" / "juesuan"
PAGE = ROOT / "docs" / "architecture.md"
PACKAGES = sorted(p.name for p in SRC.iterdir() if p.is_dir() and (p / "__init__.py").exists())
MODULES = sorted(p.stem for p in SRC.glob("*.py") if p.stem != "__init__")  # errors, pipeline, __main__
UNITS = PACKAGES + MODULES


def _stated_rule() -> dict[str, set[str]]:
    """unit → the units it may import, from the page's import-rule table."""
    text = PAGE.read_text(encoding="utf-8")
    table = text.split("<!-- import-rule", 1)[1].split("<!-- /import-rule -->", 1)[0]
    rule: dict[str, set[str]] = {}
    for line in table.splitlines():
        cells = [cell.strip() for cell in line.strip().strip("|").split("|")]
        if len(cells) != 2 or not cells[0].startswith("`"):
            continue
        unit = cells[0].strip("`")
        allowed = set(re.findall(r"`([a-z_]+)`", cells[1]))
        rule[unit] = set(UNITS) - {unit} if cells[1] == "everything" else allowed
    return rule


ALLOWED = _stated_rule()


def _paths(unit: str) -> list[Path]:
    return sorted((SRC / unit).rglob("*.py")) if unit in PACKAGES else [SRC / f"{unit}.py"]


def test_the_page_states_a_rule_for_every_package_and_module():
    assert set(ALLOWED) == set(UNITS)
    for unit, allowed in ALLOWED.items():
        assert allowed <= set(UNITS), (unit, allowed - set(UNITS))
    assert not [unit for unit, allowed in ALLOWED.items() if "cli" in allowed and unit != "__main__"]


@pytest.mark.parametrize("package", PACKAGES)
def test_imports_in_a_fresh_interpreter(package):
    done = subprocess.run([sys.executable, "-c", f"import juesuan.{package}"], capture_output=True, text=True, timeout=120)
    assert done.returncode == 0, done.stderr[-2000:]


def _imports(path: Path) -> list[tuple[str, tuple[str, ...]]]:
    """(juesuan unit, names imported from it) for every import of a module, relative ones resolved."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    depth = len(path.relative_to(SRC).parts) - 1  # how deep the module sits below juesuan/
    found: list[tuple[str, tuple[str, ...]]] = []
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            names = tuple(alias.name for alias in node.names)
            if node.level == 0:
                parts = (node.module or "").split(".")
                if parts[0] == "juesuan" and len(parts) > 1:
                    found.append((parts[1], names if len(parts) == 2 else ()))
                elif parts == ["juesuan"]:
                    found.extend((name, ()) for name in names)
                continue
            up = depth - (node.level - 1)  # the package the import is relative to, counted from juesuan/
            if up <= 0:
                module = (node.module or "").split(".")
                if module[0]:
                    found.append((module[0], names if len(module) == 1 else ()))
                else:
                    found.extend((name, ()) for name in names)
        elif isinstance(node, ast.Import):
            for alias in node.names:
                parts = alias.name.split(".")
                if parts[0] == "juesuan" and len(parts) > 1:
                    found.append((parts[1], ()))
    return [(unit, names) for unit, names in found if unit in UNITS]


@pytest.mark.parametrize("unit", UNITS)
def test_a_unit_imports_only_what_the_page_allows(unit):
    wrong = {}
    for path in _paths(unit):
        extra = {imported for imported, _ in _imports(path)} - ALLOWED[unit] - {unit}
        if extra:
            wrong[str(path.relative_to(SRC))] = sorted(extra)
    assert not wrong, wrong


def test_only_the_pipeline_runs_the_checks():
    """``checks.check`` (every rule) is called by pipeline.read_and_check, by no entry point itself."""
    callers = []
    for path in sorted(SRC.rglob("*.py")):
        if path.relative_to(SRC).parts[0] in ("checks", "pipeline.py"):
            continue
        if any(unit == "checks" and "check" in names for unit, names in _imports(path)):
            callers.append(str(path.relative_to(SRC)))
    assert callers == []
    assert any(unit == "checks" and "check" in names for unit, names in _imports(SRC / "pipeline.py"))


def test_the_entry_points_call_the_pipeline():
    for entry in ("cli/report.py", "sandbox.py"):  # ingest and the web read through the sandbox
        imports = _imports(SRC / entry)
        assert any(unit == "pipeline" and "read_and_check" in names for unit, names in imports), entry


def test_no_stage_package_holds_command_line_code():
    for package in set(PACKAGES) - {"cli"}:
        for path in (SRC / package).rglob("*.py"):
            text = path.read_text(encoding="utf-8")
            assert "import typer" not in text and "from rich" not in text, path


def test_the_architecture_page_names_files_and_rules_that_exist():
    """Every file the page names (`read/draft.py`, `pipeline.py`, `report.py` of a package's
    module list) is in the tree, and every rule code it cites is in the catalog."""
    from juesuan.checks import catalog

    text = PAGE.read_text(encoding="utf-8")
    named = set(re.findall(r"`((?:[a-z_]+/)*[a-z0-9_-]+\.(?:py|toml|md))`", text))
    assert len(named) > 30
    missing = sorted(n for n in named if not ((SRC / n).exists() or (ROOT / n).exists() or ("/" not in n and any(SRC.rglob(n)))))
    assert missing == []
    codes = set(re.findall(r"\bJS\d{3}\b", text))
    assert codes and codes <= {rule.code for rule in catalog()}
