"""The project's own checks (STYLE.md): ruff lint, ruff format and mypy --strict."""

from __future__ import annotations

import subprocess
import sys

import pytest

from .conftest import ROOT


@pytest.mark.parametrize(
    "command",
    [
        ["ruff", "check", "generator", "tests"],
        ["ruff", "format", "--check", "generator", "tests"],
        ["mypy", "generator"],
    ],
    ids=["ruff-check", "ruff-format", "mypy"],
)
def test_tool(command: list[str]) -> None:
    result = subprocess.run(
        [sys.executable, "-m", *command], cwd=ROOT, capture_output=True, text=True, check=False
    )
    assert result.returncode == 0, result.stdout + result.stderr
