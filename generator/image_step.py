"""The build's image step: every photo under content/ as the site publishes it (images.py).

Each source is processed once. What a build asks, cheapest first:

1. **The dependency record** of the site being updated (record.py): a group `image:<source>`
   whose key is the source's path, size and modification time, whose files are its published
   copies, and whose note is what pages need to know of them (sizes, bytes, the cached files).
   A source with the recorded key whose copies are in the site as recorded is kept: one stat
   of the source and one of each copy, nothing read, linked or written, nothing handed to the
   engine to copy. An archive of photos costs a warm build almost nothing.
2. **The cache** (`.portal-cache/`): the source's path, size and mtime give the hash of its
   bytes (a source is not read again), and that hash its published copies, whose files live in
   `.portal-cache/images/` and are hard-linked into the site rather than copied.
3. **Pillow** (images.render_image), on every core.

What is written goes through the build's personal-data audit (the staging folder holds it);
what the record keeps was audited when it was written. A copy in the site removed or changed
by hand no longer matches the record, so it is published again, from a cached file checked
against its hash first: the site's copies are hard links to the cache's, and a file copied
*onto* a site copy changes the cached one too.
"""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from collections.abc import Callable, Collection, Iterable
from dataclasses import asdict, dataclass
from pathlib import Path, PurePosixPath
from typing import Any

from generator.cache import Cache, fingerprint
from generator.errors import Problem, Severity
from generator.images import (
    FIELD,
    FORMATS,
    PIPELINE,
    ImageError,
    check_svg,
    render_image,
    variant_path,
)
from generator.messages import msg
from generator.model import Variant, WebImage
from generator.record import OutputRecord

GROUP = "image:"  # the record's group of one source's published copies


@dataclass(frozen=True)
class Published:
    """What the image step made: each image, the files to write, and what went wrong.

    `files` are (site path, cached file, bytes) of the copies to write into the site (one of
    the two is None); `kept` are the images whose copies the site has already, as published:
    the record keeps their files, and an engine that resolves links in Markdown only needs to
    know that the main copy (`image.main.path`, the source's own path) is there.
    """

    images: dict[str, WebImage]  # by source path inside content/
    files: tuple[tuple[str, Path | None, bytes | None], ...]
    problems: tuple[Problem, ...]
    kept: tuple[WebImage, ...] = ()


def publish_images(
    content: Path,
    root: Path,
    assets: Iterable[PurePosixPath],
    cache: Cache,
    map_items: Callable[[Callable[[int], object], range], list[object]] | None = None,
    record: OutputRecord | None = None,
) -> Published:
    """Every image among `assets`: kept in the site (`record`), from the cache, or processed.

    Args:
        map_items: runs `work(i)` for each i of a range (on every core, in order).
        record: the dependency record of the site the build updates (None: build it whole).
    """
    folder = cache.folder / "images" if cache.folder is not None else None
    wanted = [a.as_posix() for a in assets if a.suffix.lower() in FORMATS or a.suffix == ".svg"]
    problems: list[Problem] = []
    # Each source's identity: its size and modification time (the record's key; the rest of
    # portal, its version and PIPELINE, is in the record's setup). Strings, not Paths: an
    # archive's warm build does little else.
    identity: dict[str, str] = {}
    base = str(content)
    for source in wanted:
        try:
            st = os.stat(f"{base}/{source}")  # noqa: PTH116
        except OSError as exc:  # removed since the content was read
            reason = msg("file.unreadable", reason=exc.strerror)
            problems.append(Problem(_rel(content, root, source), 0, FIELD, reason))
            continue
        identity[source] = f"{st.st_size} {st.st_mtime_ns}"
    # source → its result, with "cache": its two keys in the cache (so that a source the
    # record keeps keeps its cache entries too: a build drops the entries it did not use).
    found: dict[str, dict[str, Any]] = {}
    kept: set[str] = set()
    if record is not None:
        for source, key in identity.items():
            note = record.notes.get(GROUP + source)
            if note is not None and record.fresh(GROUP + source, key):
                found[source] = json.loads(note)
                kept.add(source)
    stats = {  # the cache's key of each source that the site does not have
        source: fingerprint("image-stat", PIPELINE, source, key)
        for source, key in identity.items()
        if source not in kept
    }
    found |= _from_cache(cache, folder, stats, list(stats), record)
    todo = [s for s in identity if s not in found]

    def work(index: int) -> object:
        return _process(content / todo[index], todo[index], folder)

    runner = map_items or (lambda f, r: [f(i) for i in r])
    data: dict[str, tuple[bytes, ...]] = {}
    for source, outcome in zip(todo, runner(work, range(len(todo))), strict=True):
        assert isinstance(outcome, _Outcome)
        if outcome.error:
            problems.append(Problem(_rel(content, root, source), 0, FIELD, outcome.error))
            continue
        cache.put("image-stat", stats[source], outcome.digest.encode())
        key = _result_key(outcome.digest, source)
        cache.put("image", key, json.dumps(outcome.record).encode())
        found[source] = outcome.record | {"cache": [stats[source], key]}
        data[source] = outcome.data
    images: dict[str, WebImage] = {}
    files: list[tuple[str, Path | None, bytes | None]] = []
    used: list[str] = []
    cached: list[list[str]] = []  # the cache keys of the sources the record keeps
    for source in wanted:
        result = found.get(source)
        if result is None:
            continue  # its problem is reported
        if result.get("note"):
            problems.append(
                Problem(_rel(content, root, source), 0, FIELD, result["note"], Severity.WARNING)
            )
        if source in kept:
            cached.append(result["cache"])
        if result.get("svg"):
            continue  # published by the engine as it is
        image = WebImage(
            source, result["media_type"], tuple(Variant(**v) for v in result["variants"])
        )
        images[source] = image
        used += result["files"]
        if source in kept:
            continue
        for i, variant in enumerate(image.variants):
            if folder is not None:
                files.append((variant.path, folder / result["files"][i], None))
            else:
                files.append((variant.path, None, data[source][i]))
        if record is not None:
            paths = tuple(v.path for v in image.variants)
            record.made_group(GROUP + source, identity[source], paths, json.dumps(result))
    cache.touch("image-stat", [keys[0] for keys in cached])
    cache.touch("image", [keys[1] for keys in cached])
    if folder is not None and folder.is_dir() and not any(p.is_error for p in problems):
        _prune(folder, set(used))
    kept_images = tuple(images[s] for s in wanted if s in kept)
    return Published(images, tuple(files), tuple(sorted(problems)), kept_images)


def _rel(content: Path, root: Path, source: str) -> PurePosixPath:
    return PurePosixPath((content / source).relative_to(root).as_posix())


def _result_key(digest: str, source: str) -> str:
    # The site path is part of the result (variant names derive from it).
    return fingerprint("image", PIPELINE, digest, source)


def _from_cache(
    cache: Cache,
    folder: Path | None,
    stats: dict[str, str],
    sources: list[str],
    record: OutputRecord | None,
) -> dict[str, dict[str, Any]]:
    """The cached results of `sources` whose files are in the cache folder.

    When the build updates a site (a usable record), these are the few sources that changed
    or whose copies in the site did not match the record: their cached files are checked
    against the hashes in their names, and a damaged one is removed to be made again.
    """
    if not sources or folder is None:
        return {}
    known = cache.get_many("image-stat", [stats[s] for s in sources])
    hashes = {s: known[stats[s]].decode() for s in sources if stats[s] in known}
    results = cache.get_many("image", [_result_key(h, s) for s, h in hashes.items()])
    verify = record is not None and record.usable
    found: dict[str, dict[str, Any]] = {}
    for source, digest in hashes.items():
        entry = results.get(_result_key(digest, source))
        if entry is None:
            continue
        result = json.loads(entry)
        if all(_cached_file(folder / name, verify) for name in result.get("files", [])):
            found[source] = result | {"cache": [stats[source], _result_key(digest, source)]}
    return found


def _cached_file(path: Path, verify: bool) -> bool:
    """The cached copy is there (and, with `verify`, holds the bytes its name is a hash of)."""
    if not verify:
        return path.is_file()
    try:
        intact = hashlib.sha256(path.read_bytes()).hexdigest()[:32] == path.stem
    except OSError:
        return False
    if not intact:
        path.unlink(missing_ok=True)
    return intact


@dataclass(frozen=True)
class _Outcome:
    digest: str
    record: dict[str, Any]
    data: tuple[bytes, ...] = ()
    error: str = ""


def _process(path: Path, source: str, folder: Path | None) -> _Outcome:
    """One source file → its variants (written into the cache folder when there is one)."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        return _Outcome("", {}, error=msg("file.unreadable", reason=exc.strerror))
    digest = hashlib.sha256(raw).hexdigest()
    suffix = path.suffix.lower()
    try:
        if suffix == ".svg":
            check_svg(raw)
            return _Outcome(digest, {"svg": True})
        rendered = render_image(raw, suffix)
    except ImageError as exc:
        return _Outcome(digest, {}, error=str(exc))
    variants = []
    names = []
    for i, ((width, height), data) in enumerate(zip(rendered.sizes, rendered.data, strict=True)):
        variants.append(Variant(variant_path(source, width, i), width, height, len(data)))
        name = f"{hashlib.sha256(data).hexdigest()[:32]}{suffix}"
        names.append(name)
        if folder is not None:
            folder.mkdir(parents=True, exist_ok=True)
            target = folder / name
            if not target.exists():
                partial = folder / f".{name}.{os.getpid()}"
                partial.write_bytes(data)
                partial.replace(target)
    record: dict[str, Any] = {
        "media_type": rendered.media_type,
        "variants": [asdict(v) for v in variants],
        "files": names,
        "note": rendered.note,
    }
    data_kept = () if folder is not None else rendered.data
    return _Outcome(digest, record, data_kept)


def _prune(folder: Path, used: Collection[str]) -> None:
    """Drop cached image files no source of this build uses (the cache holds one build)."""
    for entry in os.scandir(folder):
        if entry.name not in used:
            Path(entry.path).unlink(missing_ok=True)


def link_or_copy(source: Path, target: Path) -> None:
    """Hard-link a cached file into the site (instant, no second copy); copy across devices."""
    target.parent.mkdir(parents=True, exist_ok=True)
    target.unlink(missing_ok=True)
    try:
        os.link(source, target)
    except OSError:
        shutil.copyfile(source, target)
