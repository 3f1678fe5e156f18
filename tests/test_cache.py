"""The content-addressed cache keeps one build's worth: what a build used, nothing else."""

from __future__ import annotations

from pathlib import Path

import pytest

from generator.cache import Cache


def test_a_complete_build_forgets_what_it_did_not_use(tmp_path: Path) -> None:
    with Cache(tmp_path) as cache:
        for n in range(3000):
            cache.put("terms", f"k{n}", b"x")
        cache.put("plain", "k0", b"y")  # the same key in another kind is another entry
    with Cache(tmp_path) as cache:
        assert cache.get_many("terms", ["k1", "k2"]) == {"k1": b"x", "k2": b"x"}
        cache.touch("terms", ["k3"])
        cache.put("terms", "new", b"z")
    with Cache(tmp_path) as cache:
        assert cache.keys("terms") == {"k1", "k2", "k3", "new"}
        assert cache.keys("plain") == set()


def test_a_failed_build_forgets_nothing(tmp_path: Path) -> None:
    with Cache(tmp_path) as cache:
        cache.put("terms", "a", b"1")
        cache.put("terms", "b", b"2")
    with pytest.raises(RuntimeError), Cache(tmp_path) as cache:
        cache.get("terms", "a")
        raise RuntimeError("build stopped")
    with Cache(tmp_path) as cache:
        assert cache.keys("terms") == {"a", "b"}
