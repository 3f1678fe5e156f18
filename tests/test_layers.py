"""The package's shape: the import contract of pyproject.toml ([tool.importlinter]: each stage
imports only those below it, only the adapters import the engine), and modules a newcomer can
read in one sitting."""

from __future__ import annotations

import re
import subprocess
import sys

from .conftest import ROOT

MAX_LINES = 500  # split a module as it nears this (shared/STYLE.md)
# Tables of data rather than code, read an entry at a time, not in one sitting.
TABLES = {"generator/messages.py"}  # every staff message, one id a line (issue 17)


def test_import_contract_is_kept() -> None:
    # In a process of its own: import-linter configures logging with dictConfig, which would
    # silence the loggers (MkDocs' among them) of every test after it.
    code = (
        "from importlinter.cli import lint_imports; "
        f"raise SystemExit(lint_imports(config_filename={str(ROOT / 'pyproject.toml')!r}, "
        "no_cache=True))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], cwd=ROOT, capture_output=True, text=True, timeout=600
    )
    # The report names every import that breaks a contract.
    assert result.returncode == 0, result.stdout + result.stderr


def test_the_contract_covers_every_top_level_module() -> None:
    """A new module joins a layer of the contract (or the shared helpers beneath them)."""
    import tomllib

    config = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    contracts = config["tool"]["importlinter"]["contracts"]
    named: set[str] = set()
    for contract in contracts:
        for layer in contract.get("layers", []):
            # `a | b`: independent siblings; `a : b`: siblings that may import each other.
            named |= {m.strip() for m in re.split(r"[|:]", layer)}
        named |= set(contract.get("source_modules", []))
    package = ROOT / "generator"
    modules = {
        f"generator.{p.stem if p.is_file() else p.name}"
        for p in package.iterdir()
        if (p.suffix == ".py" and p.stem != "__init__") or (p / "__init__.py").is_file()
    }
    assert modules - named == set()


def test_no_module_is_too_long() -> None:
    paths = sorted((ROOT / "generator").rglob("*.py"))
    assert len(paths) > 50  # the package is where the test looks
    long = {
        str(path.relative_to(ROOT)): lines
        for path in paths
        if str(path.relative_to(ROOT)) not in TABLES
        and (lines := len(path.read_text(encoding="utf-8").splitlines())) > MAX_LINES
    }
    assert long == {}, f"split these modules (over {MAX_LINES} lines): {long}"
