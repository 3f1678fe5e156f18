"""write.atomic_file(): whole files or none, with the permissions a reader expects."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from generator.write import atomic_file


def test_new_file_gets_the_umask_and_replaced_file_keeps_its_mode(tmp_path: Path) -> None:
    mask = os.umask(0o027)
    try:
        target = tmp_path / "folder" / "sheet.html"
        atomic_file(target, b"one")
        assert target.read_bytes() == b"one"
        assert target.stat().st_mode & 0o777 == 0o640
        target.chmod(0o604)
        atomic_file(target, b"two")
        assert target.read_bytes() == b"two"
        assert target.stat().st_mode & 0o777 == 0o604
    finally:
        os.umask(mask)
    assert [p.name for p in target.parent.iterdir()] == ["sheet.html"]


def test_failed_write_leaves_the_old_file_and_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "article.md"
    target.write_bytes(b"old")
    with pytest.raises(TypeError):
        atomic_file(target, "not bytes")  # type: ignore[arg-type]
    assert target.read_bytes() == b"old"
    assert [p.name for p in tmp_path.iterdir()] == ["article.md"]
