"""The last gate of every build: no raw personal data in any output file.

Masking happens when citizen text enters the model; this scan checks the result, so a
template, a feed or an export that forgot the rules fails the build instead of publishing a
phone number. It reads every text file of the built site (HTML, XML, JSON, CSV, the search
index, the sitemap) and names the source file the raw value came from.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from generator.privacy import find_personal_data, mask_text

TEXT_SUFFIXES = frozenset({".html", ".xml", ".json", ".csv", ".txt", ".atom", ".opml", ".js"})
SKIP_DIRS = frozenset({"assets"})  # the theme's own files


@dataclass(frozen=True)
class Leak:
    output: str  # path inside the site
    value: str  # shown masked, never raw
    sources: tuple[str, ...]  # content files that hold the raw value

    def __str__(self) -> str:
        where = f" (from {', '.join(self.sources)})" if self.sources else ""
        return f"{self.output}: unmasked personal data {self.value}{where}"


def scan_site(site: Path, content: Path, root: Path, allow: frozenset[str]) -> list[Leak]:
    """Every raw phone number, ID number or e-mail address found in the site's text files."""
    leaks: list[Leak] = []
    sources = _source_texts(content, root)
    for path in sorted(site.rglob("*")):
        rel = path.relative_to(site)
        if not path.is_file() or path.suffix not in TEXT_SUFFIXES or rel.parts[0] in SKIP_DIRS:
            continue
        text = path.read_text(encoding="utf-8", errors="replace")
        for value in sorted(set(find_personal_data(text, allow))):
            found_in = tuple(name for name, body in sources if value in body)
            leaks.append(Leak(rel.as_posix(), mask_text(value, allow=allow), found_in))
    return leaks


def _source_texts(content: Path, root: Path) -> list[tuple[str, str]]:
    texts = []
    for path in sorted(content.rglob("*")):
        if path.is_file() and path.suffix in {".md", ".yml", ".csv"}:
            raw = path.read_bytes()
            for encoding in ("utf-8-sig", "gb18030"):
                try:
                    texts.append((path.relative_to(root).as_posix(), raw.decode(encoding)))
                    break
                except UnicodeDecodeError:
                    continue
    return texts
