"""The dependency record: for every file of the site, what it was made from.

Outputs are made in groups (a page; an article's JSON; the search index's shards): each group
has a key, a digest (digest.py) of every input its renderer was given, and the files it wrote
with the hash, size and mtime of each. The next build computes a group's key before rendering
it; when the key is the recorded one and the group's files are on disk as recorded, the files
are kept and nothing is rendered. Everything a key leaves out is in `setup`, the fingerprint of
mkdocs.yml, the theme, portal's code and templates and the libraries' versions: when `setup`
changes, the record is void and the site is built again from nothing. Files made outside any
group (MkDocs' own pages, the theme's assets) are compared by their bytes (sitesync.py).

It cannot make a site stale: a missing, torn or foreign record is an empty one (a cold build),
a file changed by hand no longer matches its size and mtime (its group is rendered again), and
an input a key does not cover is a bug the property test (tests/test_incremental_property.py)
looks for by comparing incremental builds with clean ones.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from generator.cache import CACHE_DIR
from generator.digest import Digester, Undigestable

_FORMAT = 2


@dataclass(frozen=True)
class Signature:
    """A file as the record knows it: sha256 of its bytes, size, mtime in nanoseconds."""

    sha: str
    size: int
    mtime_ns: int


@dataclass
class OutputRecord:
    """The groups and files of the site at `site` made with `setup` (see module docstring)."""

    setup: str
    site: str
    groups: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    files: dict[str, Signature] = field(default_factory=dict)
    # What a kept group's files are, as the build needs to know them without reading them
    # (a photo's published sizes: image_step.py), by group.
    notes: dict[str, str] = field(default_factory=dict)
    # This build: groups whose files were kept, and groups rendered again (key, paths).
    kept: set[str] = field(default_factory=set)
    same: set[str] = field(default_factory=set)  # files made again with the recorded bytes
    made: dict[str, tuple[str, tuple[str, ...]]] = field(default_factory=dict)
    _on_disk: dict[str, bool] = field(default_factory=dict)

    @classmethod
    def load(cls, root: Path, setup: str, site: Path) -> OutputRecord:
        """The record of the last build into `site`, or an empty one (a cold build)."""
        empty = cls(setup, str(site.resolve()))
        try:
            data = json.loads(record_file(root, site).read_text(encoding="utf-8"))
            if data["format"] != _FORMAT or data["setup"] != setup or data["site"] != empty.site:
                return empty
            groups = {g: (k, tuple(paths)) for g, (k, paths) in data["groups"].items()}
            files = {rel: Signature(*sig) for rel, sig in data["files"].items()}
            notes = {g: str(note) for g, note in data["notes"].items() if g in groups}
        except (OSError, ValueError, KeyError, TypeError, AttributeError):
            return empty
        if not site.is_dir():
            return empty
        return cls(setup, empty.site, groups, files, notes)

    @property
    def usable(self) -> bool:
        """True when there is a previous build to update (else build from nothing)."""
        return bool(self.files)

    def intact(self, rel: str) -> bool:
        """The file is in the site as recorded (not deleted, not edited by hand)."""
        found = self._on_disk.get(rel)
        if found is None:
            found = self._check(rel)
            self._on_disk[rel] = found
        return found

    def _check(self, rel: str) -> bool:
        sig = self.files.get(rel)
        if sig is None:
            return False
        path = f"{self.site}/{rel}"  # not a Path: an archive's build asks this of every file
        try:
            st = os.stat(path)  # noqa: PTH116
            if st.st_size != sig.size:
                return False
            if st.st_mtime_ns == sig.mtime_ns:
                return True
            # Touched (copied, restored, utime'd): the bytes decide, and the record follows.
            if hashlib.sha256(Path(path).read_bytes()).hexdigest() != sig.sha:
                return False
        except OSError:
            return False
        self.files[rel] = Signature(sig.sha, sig.size, st.st_mtime_ns)
        return True

    def current_hashes(self, site: Path) -> dict[str, str]:
        """Every file of `site` with its hash: the recorded one where the file is as recorded
        (size and mtime), else read. Finds files added by hand, too."""
        found: dict[str, str] = {}
        base = site.resolve()
        same = str(base) == self.site
        for folder, _, names in os.walk(base):
            for name in names:
                path = Path(folder) / name
                rel = path.relative_to(base).as_posix()
                if same and self.intact(rel):
                    found[rel] = self.files[rel].sha
                else:
                    found[rel] = hashlib.sha256(path.read_bytes()).hexdigest()
        return found

    def fresh(self, group: str, key: str) -> bool:
        """Whether `group` made with `key` is in the site already; if so it is kept."""
        recorded = self.groups.get(group)
        if recorded is None or recorded[0] != key or group in self.made:
            return False
        if not all(self.intact(rel) for rel in recorded[1]):
            return False
        self.kept.add(group)
        return True

    def made_group(self, group: str, key: str, paths: tuple[str, ...], note: str = "") -> None:
        """`group` was rendered with `key` into `paths` (written to the staging folder);
        `note` is what the next build needs to know of them to keep them (see `notes`)."""
        self.kept.discard(group)
        self.made[group] = (key, paths)
        if note:
            self.notes[group] = note
        else:
            self.notes.pop(group, None)

    def unchanged(self, rel: str, data: bytes) -> bool:
        """Whether the site already has these bytes at `rel`; if so the file is kept (not
        written), with its mtime."""
        sig = self.files.get(rel)
        if sig is None or sig.size != len(data):
            return False
        if hashlib.sha256(data).hexdigest() != sig.sha or not self.intact(rel):
            return False
        self.same.add(rel)
        return True

    def kept_files(self) -> set[str]:
        kept = {rel for group in self.kept for rel in self.groups[group][1]}
        return kept | self.same

    def next(self, files: dict[str, Signature]) -> OutputRecord:
        """The record after this build: its groups and the signatures of every site file."""
        groups = {g: self.groups[g] for g in self.kept}
        groups.update(self.made)
        notes = {g: note for g, note in self.notes.items() if g in groups}
        return OutputRecord(self.setup, self.site, groups, files, notes)

    def save(self, root: Path) -> None:
        """Write the record atomically (a torn record would be read as none)."""
        path = record_file(root, Path(self.site))
        data = {
            "format": _FORMAT,
            "setup": self.setup,
            "site": self.site,
            "groups": {g: [k, list(paths)] for g, (k, paths) in sorted(self.groups.items())},
            "files": {rel: [s.sha, s.size, s.mtime_ns] for rel, s in sorted(self.files.items())},
            "notes": dict(sorted(self.notes.items())),
        }
        try:
            path.parent.mkdir(parents=True, exist_ok=True)
            temporary = path.with_name(f".{path.name}.{os.getpid()}")
            temporary.write_text(json.dumps(data, ensure_ascii=False), encoding="utf-8")
            temporary.replace(path)
        except OSError:
            pass

    def forget(self, root: Path) -> None:
        """No record: the next build into this site starts from nothing."""
        with contextlib.suppress(OSError):
            record_file(root, Path(self.site)).unlink()


def record_file(root: Path, site: Path) -> Path:
    """Where the record of the site at `site` is kept: one per site folder (`portal build`
    and the preview of `portal serve` each have theirs)."""
    name = hashlib.sha256(str(site.resolve()).encode()).hexdigest()[:12]
    return root / CACHE_DIR / f"outputs-{name}.json"


class Keeper:
    """Asked by a renderer before it makes an output: True when the site already has what
    these inputs give, so the renderer leaves it out (generator/render/keep.py).

    `keeper("api/news/2026/05/x.json", article, body)` digests the inputs with the build's
    context (the settings; the setup is the record's). A path ending in "/" names a group:
    every output under it made together (the search index). `made(outputs)` afterwards
    records the keys of what was made. Inputs that cannot be digested are never kept.
    """

    def __init__(self, record: OutputRecord, digester: Digester, context: str) -> None:
        self.record = record
        self.digester = digester
        self.context = context
        self._pending: dict[str, str] = {}

    def __call__(self, path: str, *inputs: object) -> bool:
        name = f"out:{path}"
        try:
            key = self.digester.digest(self.context, name, *inputs)
        except Undigestable:
            return False
        if self.record.fresh(name, key):
            return True
        self._pending[name] = key
        return False

    def made(self, outputs: dict[str, bytes]) -> None:
        """Record the keys of the outputs made after the keeper said no."""
        for name, key in list(self._pending.items()):
            path = name.removeprefix("out:")
            if path.endswith("/"):
                files = tuple(sorted(p for p in outputs if p.startswith(path)))
            elif path in outputs:
                files = (path,)
            else:
                continue
            self.record.made_group(name, key, files)
            del self._pending[name]
