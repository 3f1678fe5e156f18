"""The documentation: a short README, the Chinese handbook (built with --strict), design notes."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from tests.conftest import ROOT

README = ROOT / "README.md"
HANDBOOK = ROOT / "docs" / "mkdocs.yml"


def test_handbook_builds_strict(tmp_path: Path) -> None:
    """Broken links, anchors and pages missing from the menu fail the build."""
    out = tmp_path / "handbook"
    result = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", str(HANDBOOK), "-d", str(out)],
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
    )
    assert result.returncode == 0, result.stderr
    page = (out / "errors.html").read_text(encoding="utf-8")
    assert "常见错误提示与处理" in page and 'id="moved"' in page
    # Every page is in the menu, in the order the issue lists the handbook's parts.
    nav = re.findall(r"^  - (\S+): (\S+\.md)$", HANDBOOK.read_text(encoding="utf-8"), re.M)
    pages = sorted(p.name for p in (ROOT / "docs" / "handbook").glob("*.md"))
    assert sorted(path for _, path in nav) == pages
    for title in ("安装", "每周收稿与发布", "写稿格式", "信息报送统计口径", "迎检自查"):
        assert title in dict(nav)


def test_readme_is_short_and_self_contained() -> None:
    text = README.read_text(encoding="utf-8")
    assert len(text.splitlines()) < 60
    # The two commands, for a POSIX shell and for Windows PowerShell.
    assert ".venv/bin/pip install -e . && .venv/bin/portal build" in text
    assert ".venv/bin/pip install -q -e '.[test]' && .venv/bin/python -m pytest" in text
    assert r".\.venv\Scripts\python -m pip install -e .; .\.venv\Scripts\portal build" in text
    assert r'.\.venv\Scripts\python -m pip install -q -e ".[test]"' in text
    # Every file it names is in the repository (docs/site/ is the handbook's build output).
    for name in re.findall(r"`((?:docs|benchmarks|tests|\.ci)/[^`\s]*)`", text):
        assert name == "docs/site/" or (ROOT / name).exists(), name
    assert "SPEC" not in text


def test_ci_runs_the_readme_test_command() -> None:
    ci = (ROOT / ".ci" / "run").read_text(encoding="utf-8")
    command = ci.strip().splitlines()[-1]
    assert command in README.read_text(encoding="utf-8")


def test_no_document_points_outside_the_repository() -> None:
    for doc in [README, *ROOT.glob("docs/*.md"), *ROOT.glob("docs/handbook/*.md")]:
        assert "PORTAL-SPEC" not in doc.read_text(encoding="utf-8"), doc


def test_benchmark_tables_are_written_into_the_design_notes(tmp_path: Path) -> None:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    try:
        from run import DESIGN, update_docs  # type: ignore[import-not-found]
    finally:
        sys.path.remove(str(ROOT / "benchmarks"))
    assert DESIGN == ROOT / "docs" / "design.md"
    copy = tmp_path / "design.md"
    copy.write_text(DESIGN.read_text(encoding="utf-8"), encoding="utf-8")
    update_docs(copy, "## Performance\n\nnew table\n")
    text = copy.read_text(encoding="utf-8")
    assert "\n## Performance\n\nnew table\n\n### Reading the table\n" in text
    assert text.count("## Design") == 1


def test_package_data_lists_only_files_that_exist() -> None:
    import tomllib

    data = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    for package, globs in data["tool"]["setuptools"]["package-data"].items():
        for pattern in globs:
            assert list((ROOT / package).glob(pattern)), f"{package}/{pattern} matches nothing"
