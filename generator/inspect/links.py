"""链接可用性: every link of the built site. Internal links and anchors are checked against
the site's files; external links only with `--online` (httpx: a timeout, a few requests at a
time, each host at most two at once, results kept for a day in .portal-cache/). Offline,
external links are listed as unchecked, never counted as broken."""

from __future__ import annotations

import asyncio
import json
import posixpath
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import unquote, urlsplit

from generator.inspect import sources
from generator.inspect.model import Group, Item, Verdict
from generator.parallel import fork_map

_ANCHOR = re.compile(r"<a\s[^<>]*?\bhref=\"([^\"]*)\"")
_ID = re.compile(r"<[a-zA-Z][^<>]*?\s(?:id|name)=\"([^\"]*)\"")
_SKIP = ("mailto:", "tel:", "javascript:", "data:", "sms:")
CACHE_FILE = "links.json"
CACHE_SECONDS = 24 * 3600


@dataclass(frozen=True)
class Broken:
    page: str  # site path of the page with the link
    href: str
    reason: str

    def __str__(self) -> str:
        return f"{self.page}: {self.href}（{self.reason}）"


def _scan(path: Path) -> tuple[frozenset[str], tuple[str, ...]]:
    text = path.read_text(encoding="utf-8", errors="replace")
    ids = frozenset(m.replace("&amp;", "&") for m in _ID.findall(text))
    hrefs = tuple(dict.fromkeys(h.replace("&amp;", "&") for h in _ANCHOR.findall(text)))
    return ids, hrefs


def site_links(site: Path, site_url: str) -> tuple[list[Broken], dict[str, list[str]]]:
    """Broken internal links and anchors, and each external URL with the pages linking it."""
    pages = sorted(p.relative_to(site).as_posix() for p in site.rglob("*.html"))
    scanned = fork_map(lambda rel: _scan(site / rel), pages, min_items=200)
    ids = {rel: found for rel, (found, _) in zip(pages, scanned, strict=True)}
    broken: list[Broken] = []
    external: dict[str, list[str]] = {}
    for rel, (_, hrefs) in zip(pages, scanned, strict=True):
        base = posixpath.dirname(rel)
        for href in hrefs:
            if not href or href.startswith(_SKIP):
                continue
            if site_url and href.startswith(site_url):
                href_local = "/" + href[len(site_url) :]
            elif href.startswith(("http://", "https://")):
                external.setdefault(href, []).append(rel)
                continue
            elif href.startswith("//"):
                external.setdefault("https:" + href, []).append(rel)
                continue
            else:
                href_local = href
            parts = urlsplit(href_local)
            path = unquote(parts.path)
            target = (
                posixpath.normpath(path.lstrip("/"))
                if path.startswith("/")
                else posixpath.normpath(posixpath.join(base, path))
            )
            if not path:
                target = rel
            elif target == ".":
                target = "index.html"
            elif path.endswith("/") or (site / target).is_dir():
                target = f"{target}/index.html"
            if target.startswith("../") or not (site / target).is_file():
                broken.append(Broken(rel, href, "页面不存在"))
                continue
            fragment = unquote(parts.fragment)
            if fragment and target.endswith(".html"):
                found = ids.get(target)
                if found is None:
                    found = _scan(site / target)[0]
                if fragment not in found and fragment != "top":
                    broken.append(Broken(rel, href, f"页面中没有锚点 #{fragment}"))
    return broken, external


async def _check_all(
    urls: Sequence[str], timeout: float, concurrency: int, per_host: int
) -> dict[str, str]:
    import httpx

    results: dict[str, str] = {}
    limit = asyncio.Semaphore(concurrency)
    hosts: dict[str, asyncio.Semaphore] = {}
    headers = {"User-Agent": "portal-inspect (government website link check)"}
    async with httpx.AsyncClient(
        timeout=httpx.Timeout(timeout),
        follow_redirects=True,
        max_redirects=8,
        headers=headers,
        limits=httpx.Limits(max_connections=concurrency),
    ) as client:

        async def check(url: str) -> None:
            host = urlsplit(url).netloc
            gate = hosts.setdefault(host, asyncio.Semaphore(per_host))
            async with limit, gate:
                try:
                    async with client.stream("GET", url) as response:
                        code = response.status_code
                        results[url] = "ok" if code < 400 else f"HTTP {code}"
                except httpx.TooManyRedirects:
                    results[url] = "重定向循环"
                except httpx.TimeoutException:
                    results[url] = f"{timeout:g} 秒内没有响应"
                except httpx.HTTPError as exc:
                    results[url] = f"无法访问（{type(exc).__name__}）"

        await asyncio.gather(*(check(u) for u in urls))
    return results


def check_external(
    urls: Sequence[str],
    cache_dir: Path | None,
    timeout: float = 10.0,
    concurrency: int = 8,
    per_host: int = 2,
    now: float | None = None,
) -> dict[str, str]:
    """Each URL's state, "ok" or why it is broken; answers younger than a day come from the
    cache file in `cache_dir`."""
    now = time.time() if now is None else now
    cache: dict[str, list[object]] = {}
    path = cache_dir / CACHE_FILE if cache_dir is not None else None
    if path is not None and path.is_file():
        try:
            cache = json.loads(path.read_text(encoding="utf-8"))
        except (OSError, ValueError):
            cache = {}
    fresh = {
        url: str(entry[0])
        for url, entry in cache.items()
        if isinstance(entry, list)
        and len(entry) == 2
        and now - float(str(entry[1])) < CACHE_SECONDS
    }
    todo = [u for u in urls if u not in fresh]
    answers = asyncio.run(_check_all(todo, timeout, concurrency, per_host)) if todo else {}
    if path is not None and answers:
        kept: dict[str, list[object]] = {u: [s, cache[u][1]] for u, s in fresh.items()}
        kept |= {u: [s, now] for u, s in answers.items()}
        path.parent.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(".tmp")
        tmp.write_text(json.dumps(kept, ensure_ascii=False, indent=0), encoding="utf-8")
        tmp.replace(path)
    return {u: answers.get(u) or fresh[u] for u in urls}


def links(
    site: Path | None,
    site_url: str,
    online: bool,
    cache_dir: Path | None,
    timeout: float = 10.0,
) -> Item:
    if site is None or not (site / "index.html").is_file():
        finding = "网站尚未生成，链接未检查（先运行 portal build）"
        return Item("links", "链接可用性", Group.POINTS, Verdict.NOTE, finding, (), sources.LINKS)
    broken, external = site_links(site, site_url)
    evidence = [str(b) for b in broken[:50]]
    if len(broken) > 50:
        evidence.append(f"……另有 {len(broken) - 50} 处")
    if online:
        states = check_external(sorted(external), cache_dir, timeout)
        bad = {u: s for u, s in states.items() if s != "ok"}
        evidence += [f"{external[u][0]}: {u}（{s}）" for u, s in sorted(bad.items())]
        outside = f"外部链接 {len(external)} 个，不可用 {len(bad)} 个"
    else:
        bad = {}
        outside = (
            f"外部链接 {len(external)} 个未检查（加 --online 检查）" if external else "没有外部链接"
        )
        evidence += [f"未检查: {u}" for u in sorted(external)[:20]]
        if len(external) > 20:
            evidence.append(f"未检查: ……另有 {len(external) - 20} 个")
    finding = f"站内链接和锚点不可用 {len(broken)} 处；{outside}"
    verdict = Verdict.FAIL if broken or bad else Verdict.PASS
    if verdict is Verdict.PASS and not online and external:
        verdict = Verdict.NOTE
    return Item(
        "links", "链接可用性", Group.POINTS, verdict, finding, tuple(evidence), sources.LINKS
    )
