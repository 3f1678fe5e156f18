"""Images and links in Markdown bodies, checked against the files under content/.

MkDocs resolves a relative link from the page's source folder, so `![](night.jpg)` in
`content/articles/x.md` means `content/articles/night.jpg`. A missing or unpublished image is
an error (the page would show a broken picture); a missing local link is a warning, and so are
images without alt text, images pasted into the text as data: URIs, and images hot-linked from
other sites (WeChat refuses to show its pictures elsewhere). Links to site addresses such as
`../qa/` are not files and are not checked here. Code blocks and code spans are skipped.
"""

from __future__ import annotations

import posixpath
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import PurePosixPath
from urllib.parse import unquote, urlsplit

from generator.errors import Problem, Severity
from generator.messages import msg

_FIELD = "(body)"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_CODE_SPAN = re.compile(r"(`+)(?!`).*?(?<!`)\1(?!`)")
_TARGET = r"(?P<target><[^>\n]*>|[^\s()]*(?:\([^\s()]*\)[^\s()]*)*)"
_TITLE = r"""(?:\s+(?:"[^"]*"|'[^']*'|\([^)]*\)))?"""
_IMAGE = re.compile(rf"!\[(?P<alt>[^\]]*)\]\(\s*{_TARGET}{_TITLE}\s*\)")
_LINK = re.compile(rf"(?<!!)\[(?P<text>[^\]]*)\]\(\s*{_TARGET}{_TITLE}\s*\)")
_REF_IMAGE = re.compile(r"!\[(?P<alt>[^\]]*)\]\[(?P<ref>[^\]]*)\]")
_DEFINITION = re.compile(r"^ {0,3}\[(?P<ref>[^\]]+)\]:\s*(?P<target><[^>]*>|\S+)")
_HTML_IMG = re.compile(r"<img\b[^>]*>", re.I)
_HTML_A = re.compile(r"<a\b[^>]*>", re.I)
_SRC = re.compile(r"""\bsrc\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_HREF = re.compile(r"""\bhref\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_ALT = re.compile(r"""\balt\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.I)
_SCHEME = re.compile(r"[A-Za-z][A-Za-z0-9+.-]*:")
_ON_A_COMPUTER = re.compile(r"(?:[A-Za-z]:[\\/]|\\\\|file:)", re.I)


@dataclass(frozen=True)
class LinkTargets:
    """What a body may point at, as paths relative to content/."""

    files: frozenset[str]  # every file under content/
    assets: frozenset[str]  # the images and documents the site publishes
    pages: frozenset[str]  # Markdown sources that become pages (articles/x.md, qa/y.md, ...)
    asset_suffixes: frozenset[str]


@dataclass(frozen=True)
class _Ref:
    line: int
    target: str
    kind: str  # "image" or "link"
    alt: str | None  # None: not an image, or alt text not applicable


def check_links(
    source: PurePosixPath,
    src: PurePosixPath,
    body: str,
    body_line: int,
    targets: LinkTargets,
    problems: list[Problem],
) -> None:
    """Report every broken image and link of one body.

    Args:
        source: the file as reported (relative to the portal root).
        src: the same file relative to content/, where relative links start from.
    """
    for ref in _references(body, body_line):
        message, error = _judge(ref, src, targets)
        if message:
            severity = Severity.ERROR if error else Severity.WARNING
            problems.append(Problem(source, ref.line, _FIELD, message, severity))
        if ref.kind == "image" and ref.alt is not None and not ref.alt.strip():
            problems.append(
                Problem(
                    source,
                    ref.line,
                    _FIELD,
                    msg("link.no_alt", target=ref.target),
                    Severity.WARNING,
                )
            )


# What every image, link or link definition has: most news bodies have none, and are done.
_ANY_REFERENCE = re.compile(r"\]\(|\]\s*:|<\s*(?:a|img)\b", re.I)


def _references(body: str, body_line: int) -> Iterator[_Ref]:
    """Images and links in reading order, with the line each is on."""
    if not _ANY_REFERENCE.search(body):
        return
    lines = body.split("\n")
    definitions: dict[str, tuple[int, str]] = {}
    used_by_image: dict[str, str] = {}
    fence: str | None = None
    texts: list[tuple[int, str]] = []
    for offset, raw in enumerate(lines):
        marker = _FENCE.match(raw)
        if fence is not None:
            if marker and marker[1][0] == fence[0] and len(marker[1]) >= len(fence):
                fence = None
            continue
        if marker:
            fence = marker[1]
            continue
        line = body_line + offset
        text = _CODE_SPAN.sub(lambda m: " " * len(m[0]), raw)
        definition = _DEFINITION.match(text)
        if definition:
            definitions[definition["ref"].strip().casefold()] = (
                line,
                _unbracket(definition["target"]),
            )
            continue
        texts.append((line, text))
    for line, text in texts:
        for match in _IMAGE.finditer(text):
            yield _Ref(line, _unbracket(match["target"]), "image", match["alt"])
        text = _IMAGE.sub(lambda m: " " * len(m[0]), text)
        for match in _REF_IMAGE.finditer(text):
            ref = (match["ref"] or match["alt"]).strip().casefold()
            used_by_image.setdefault(ref, match["alt"])
        for tag in _HTML_IMG.findall(text):
            src = _attribute(_SRC, tag)
            if src is not None:
                yield _Ref(line, src, "image", _attribute(_ALT, tag) or "")
        for match in _LINK.finditer(text):
            yield _Ref(line, _unbracket(match["target"]), "link", None)
        for tag in _HTML_A.findall(text):
            href = _attribute(_HREF, tag)
            if href is not None:
                yield _Ref(line, href, "link", None)
    for ref, (line, target) in definitions.items():
        if ref in used_by_image:
            yield _Ref(line, target, "image", used_by_image[ref])
        else:
            yield _Ref(line, target, "link", None)


def _unbracket(target: str) -> str:
    return target[1:-1].strip() if target.startswith("<") and target.endswith(">") else target


def _attribute(pattern: re.Pattern[str], tag: str) -> str | None:
    match = pattern.search(tag)
    if not match:
        return None
    return next(g for g in match.groups() if g is not None)


def _judge(ref: _Ref, src: PurePosixPath, targets: LinkTargets) -> tuple[str, bool]:
    """(message, is_error) for one reference; an empty message when it is fine."""
    image = ref.kind == "image"
    target = ref.target.strip()
    shown = {"what": msg("what.image" if image else "what.link"), "target": target}
    if not target:
        return (msg("link.image_no_file"), True) if image else ("", False)
    if target.startswith("#"):
        return "", False
    if _ON_A_COMPUTER.match(target):
        return msg("link.on_computer", **shown), image
    if target.startswith("//") or _SCHEME.match(target):
        scheme = target.split(":", 1)[0].lower() if not target.startswith("//") else "https"
        if image and scheme == "data":
            return msg("link.data_image"), False
        if image and scheme in ("http", "https"):
            host = urlsplit(target if not target.startswith("//") else f"https:{target}").hostname
            return msg("link.hotlinked", host=host, **shown), False
        return "", False
    path = unquote(urlsplit(target).path)
    if "\\" in path:
        return msg("link.backslash", **shown), image
    suffix = PurePosixPath(path).suffix.lower()
    if not image and (path.endswith("/") or suffix not in targets.asset_suffixes | {".md"}):
        return "", False  # a site address (../qa/), not a file
    absolute = path.startswith("/")
    joined = path.lstrip("/") if absolute else posixpath.join(str(src.parent), path)
    resolved = posixpath.normpath(joined)
    if resolved == ".." or resolved.startswith("../"):
        return msg("link.outside", **shown), image
    if resolved not in targets.files:
        return msg("link.not_found", resolved=resolved, **shown), image
    if image and resolved not in targets.assets:
        kinds = ", ".join(sorted(targets.asset_suffixes))
        return msg("link.image_not_published", kinds=kinds, **shown), True
    if not image and suffix == ".md" and resolved not in targets.pages:
        return msg("link.page_not_published", **shown), False
    if not image and suffix != ".md" and resolved not in targets.assets:
        return msg("link.file_not_published", **shown), False
    if absolute:
        relative = posixpath.relpath(resolved, str(src.parent))
        return msg("link.absolute", relative=relative, **shown), False
    return "", False
