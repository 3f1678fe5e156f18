"""Benchmark `portal build` and `portal check` against a stock mkdocs-material blog.

For each size N: generate the corpus (generate.py) and its stock twin (stock.py), then time,
each in a fresh process, `portal build` cold (no output, no cache), `portal build` again with
nothing changed, `portal check`, and `mkdocs build` of the stock blog. Wall time, CPU time and
peak RSS (of the child's process tree, from wait4) are recorded with the output's size, page
count and search payload; a table is printed and benchmarks/out/results.json written.

    .venv/bin/python benchmarks/run.py --sizes 500 2000 5000
"""

from __future__ import annotations

import argparse
import gzip
import json
import os
import platform
import re
import shutil
import subprocess
import sys
import time
from dataclasses import asdict, dataclass
from datetime import UTC, datetime
from importlib import metadata
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
DESIGN = REPO / "docs" / "design.md"  # its `## Performance` section holds the tables
sys.path.insert(0, str(HERE))

from edits import SCENARIOS  # noqa: E402
from generate import generate  # noqa: E402
from hugo_site import convert as hugo_convert  # noqa: E402
from hugo_site import hugo_command  # noqa: E402
from search_probe import first_queries  # noqa: E402
from serve_probe import reload_times  # noqa: E402
from stock import convert  # noqa: E402

# What a portal folder holds before a build; everything else (site, staging, caches) goes.
SOURCES = frozenset({"mkdocs.yml", "content", "themes", "docs"})
QUERY_CHARS, RESULTS_PAGE = 4, 10  # for the first-query estimate of a sharded search
# The targets (issue 11), checked at the largest size run and against the smallest.
# The bars of issue 19 (instant edits at archive scale; issue 11's where it set none).
TARGETS = {
    "cold_vs_stock_per_article": 0.3,
    "per_article_growth": 1.2,
    "peak_rss_mb": 1024,
    "rebuild_vs_cold": 0.05,
    "check_s": 2.0,
    "first_query_kb": 300,
}
# Seconds from a saved edit (edits.py) to the updated site, and to the reloaded preview.
EDIT_TARGETS_S = {
    "edit_body": 1.0,
    "edit_title": 2.0,
    "edit_date": 2.0,
    "add": 2.0,
    "delete": 2.0,
}
SERVE_TARGET_S = 1.5


@dataclass(frozen=True)
class Run:
    """One command in a fresh process."""

    wall_s: float
    cpu_s: float  # user + system, of the child and everything it waited for
    peak_rss_mb: float  # ru_maxrss of the child's tree (the largest process in it)
    exit: int
    load_before: float  # 1-minute load average when it started: other work on the machine


@dataclass(frozen=True)
class Output:
    files: int
    bytes: int
    html_pages: int
    feeds: int
    search: dict[str, Any]


def measure(cmd: list[str], cwd: Path, env: dict[str, str], log: Path) -> Run:
    """Run cmd, wait for it with wait4 and keep its resource usage."""
    load = os.getloadavg()[0]
    started = time.perf_counter()
    with log.open("wb") as out:
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(proc.pid, 0)
    wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    return Run(
        wall_s=round(wall, 3),
        cpu_s=round(usage.ru_utime + usage.ru_stime, 3),
        peak_rss_mb=round(usage.ru_maxrss / 1024, 1),  # Linux reports KiB
        exit=proc.returncode,
        load_before=round(load, 2),
    )


# `portal: 正文 Markdown 714/714 100%, 2.8 s`, or as the message table words it now,
# `portal: 生成页面 8509/8509 100%，1.3 秒`.
_STAGE = re.compile(r"^portal: (.+?)(?: \d+/\d+ \d+%)?[,，] ?(\d+(?:\.\d+)?) ?(?:s|秒)$")


def stages(log: Path) -> dict[str, float]:
    """The stages `portal build` printed (`portal: 正文 Markdown 714/714 100%, 2.8 s`) and
    their seconds; the summary line's total as `total`."""
    found: dict[str, float] = {}
    try:
        lines = log.read_text(encoding="utf-8", errors="replace").splitlines()
    except OSError:
        return found
    for line in lines:
        match = _STAGE.match(line.strip())
        if match:
            label = re.sub(r"[:：].*$", "", match[1]).strip()
            found[label] = found.get(label, 0.0) + float(match[2])
        elif line.startswith(("网站已生成", "网站已是最新")):
            total = re.search(r"(\d+(?:\.\d+)?) ?(?:s|秒)$", line.strip())
            if total:
                found["total"] = float(total[1])
    return found


def clean(folder: Path) -> None:
    """Leave only the sources: no site, no staging folder, no cache of any name."""
    for entry in folder.iterdir():
        if entry.name in SOURCES:
            continue
        if entry.is_dir() and not entry.is_symlink():
            shutil.rmtree(entry)
        else:
            entry.unlink()


def search_payload(site: Path) -> dict[str, Any]:
    """What a reader's browser downloads to search, as far as the files tell.

    The portal's sharded search writes `search/manifest.json` (version, shard and document
    counts, byte sizes); its first query is estimated from it as an upper bound: the
    manifest, the search script, the shards of a four-character query (each as large as the
    largest) and one page of results (PAGE = 10 documents, each as large as the largest).
    The chromium tests measure the real transfer. A Material site ships
    `search/search_index.json` whole, before the first result.
    """
    found: dict[str, Any] = {}
    manifest = site / "search" / "manifest.json"
    if manifest.is_file():
        data = json.loads(manifest.read_text(encoding="utf-8"))
        found["manifest"] = data
        sizes = data.get("bytes", {}) if isinstance(data, dict) else {}
        script = sum(p.stat().st_size for p in site.rglob("portal-search*.js"))
        if sizes.get("largest_shard") is not None:
            found["index_bytes"] = sizes.get("total")
            found["first_query_upper_bytes"] = (
                manifest.stat().st_size
                + script
                + QUERY_CHARS * sizes["largest_shard"]
                + RESULTS_PAGE * sizes.get("largest_doc", 0)
            )
            found["bytes"] = found["first_query_upper_bytes"]
            found["source"] = (
                f"estimate: manifest + script + {QUERY_CHARS} largest shards "
                f"+ {RESULTS_PAGE} largest documents"
            )
    index = site / "search" / "search_index.json"
    if index.is_file():
        raw = index.read_bytes()
        found["search_index_json"] = len(raw)
        found["search_index_json_gzip"] = len(gzip.compress(raw, 6, mtime=0))
        found.setdefault("bytes", len(raw))
        found.setdefault("source", "search/search_index.json (downloaded whole)")
    return found


def _is_feed(path: Path, site: Path) -> bool:
    """RSS, Atom and JSON Feed files: the portal's under feeds/, the rss plugin's feed_*."""
    if path.name.startswith("sitemap"):
        return False
    if path.name.startswith("feed_") and path.suffix in (".xml", ".json"):
        return True
    return path.relative_to(site).parts[0] == "feeds" and path.suffix in (".xml", ".atom", ".json")


def survey(site: Path) -> Output:
    files = [p for p in site.rglob("*") if p.is_file()]
    feeds = [p for p in files if _is_feed(p, site)]
    return Output(
        files=len(files),
        bytes=sum(p.stat().st_size for p in files),
        html_pages=sum(1 for p in files if p.suffix == ".html"),
        feeds=len(feeds),
        search=search_payload(site),
    )


def _tool(name: str) -> list[str]:
    script = Path(sys.executable).parent / name
    if script.exists():
        return [str(script)]
    return [sys.executable, "-m", {"portal": "generator.cli", "mkdocs": "mkdocs"}[name]]


def _env(cache: Path, epoch: int) -> dict[str, str]:
    env = dict(os.environ)
    env.update(
        NO_MKDOCS_2_WARNING="1",
        SOURCE_DATE_EPOCH=str(epoch),
        # Any cache kept under the user's cache folder starts empty for a cold build.
        XDG_CACHE_HOME=str(cache),
    )
    env.pop("CI", None)
    # Measure the code of the checkout this script is in, wherever the venv's install points.
    env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(REPO), env.get("PYTHONPATH")]))
    return env


def _tail(log: Path, lines: int = 15) -> str:
    return "\n".join(log.read_text(encoding="utf-8", errors="replace").splitlines()[-lines:])


def bench_size(
    n: int, seed: int, out: Path, skip_stock: bool, skip_hugo: bool = False
) -> dict[str, Any]:
    work = out / f"n{n}"
    work.mkdir(parents=True, exist_ok=True)
    portal_dir, stock_dir = work / "portal", work / "stock"
    started = time.perf_counter()
    corpus = generate(n, portal_dir, seed)
    stock = convert(portal_dir, stock_dir)
    generated = time.perf_counter() - started
    print(f"N={n}: corpus {asdict(corpus)} ({generated:.1f} s)", flush=True)
    epoch = int(datetime(corpus.end.year, corpus.end.month, corpus.end.day, tzinfo=UTC).timestamp())
    cache = work / "xdg-cache"
    portal = _tool("portal")
    runs: dict[str, Run] = {}

    def step(name: str, cmd: list[str], cwd: Path, fresh: bool) -> Run:
        if fresh:
            clean(cwd)
            shutil.rmtree(cache, ignore_errors=True)
        log = work / f"{name}.log"
        run = measure(cmd, cwd, _env(cache, epoch), log)
        runs[name] = run
        mark = "" if run.exit == 0 else f"  EXIT {run.exit}\n{_tail(log)}"
        print(
            f"  {name:<12} {run.wall_s:8.1f} s wall {run.cpu_s:8.1f} s cpu "
            f"{run.peak_rss_mb:7.0f} MB  (load {run.load_before}){mark}",
            flush=True,
        )
        return run

    check = step("portal_check", [*portal, "check"], portal_dir, fresh=False)
    if check.exit != 0:
        raise SystemExit(
            f"the generated corpus fails portal check; see {work / 'portal_check.log'}"
        )
    cold = step("portal_cold", [*portal, "build"], portal_dir, fresh=True)
    if cold.exit != 0:
        raise SystemExit(f"portal build failed; see {work / 'portal_cold.log'}")
    portal_out = survey(portal_dir / "site")
    # The real download of a first search, in chromium (search_probe.py), beside the estimate.
    measured = first_queries(portal_dir / "site")
    if measured is not None:
        portal_out.search["chromium"] = measured
        print(
            f"  search        first query {measured['max_bytes'] / 1e3:.0f} KB "
            f"({measured['max_gzip_bytes'] / 1e3:.0f} KB gzip), largest of "
            + ", ".join(measured["queries"]),
            flush=True,
        )
    step("portal_warm", [*portal, "build"], portal_dir, fresh=False)
    # The government-website checklist on the built site (internal links of every page);
    # external links stay offline. Exit 1 would mean a 单项否决 item fails on the corpus.
    step("portal_inspect", [*portal, "inspect"], portal_dir, fresh=False)
    # The edits of a working day (edits.py), each saved and then built.
    edits: dict[str, str] = {}
    for scenario in SCENARIOS:
        edits[scenario.name] = scenario.apply(portal_dir)
        step(scenario.name, [*portal, "build"], portal_dir, fresh=False)
    # The preview: a saved edit, from the write to the reloaded page in chromium.
    try:
        preview = reload_times(portal_dir, _env(cache, epoch), portal)
    except Exception as error:  # a page that never reloads (Playwright's timeout): no figure
        print(f"  serve         no reload measured: {error.__class__.__name__}", flush=True)
        preview = None
    if preview is not None:
        print(
            f"  serve         write → reload {preview['median_s']} s (median of "
            f"{len(preview['write_to_load_s']) - 1}; all: {preview['write_to_load_s']})",
            flush=True,
        )
    hugo = None if skip_hugo else hugo_command()
    if hugo is not None:
        # Hugo's floor for the same articles (hugo_site.py): a cold build, then the build
        # after one article's body is saved (the `hugo` command renders everything again).
        hugo_dir = work / "hugo"
        hugo_convert(portal_dir, hugo_dir)
        step("hugo_cold", [*hugo, "--quiet"], hugo_dir, fresh=False)
        posts = sorted((hugo_dir / "content" / "news").glob("*.md"))
        with posts[len(posts) // 2].open("a", encoding="utf-8") as f:
            f.write("\n次日，中队对整治点位开展回头看。\n")
        step("hugo_edit", [*hugo, "--quiet"], hugo_dir, fresh=False)
    stock_out = None
    if not skip_stock:
        step("stock", [*_tool("mkdocs"), "build"], stock_dir, fresh=True)
        stock_out = survey(stock_dir / "site")
    return {
        "n": n,
        "corpus": {
            **asdict(corpus),
            "start": corpus.start.isoformat(),
            "end": corpus.end.isoformat(),
        },
        "stock_posts": asdict(stock),
        "generate_s": round(generated, 2),
        "source_date_epoch": epoch,
        "runs": {k: asdict(v) for k, v in runs.items()},
        "edits": edits,
        "serve": preview,
        # Where each portal build's time went, as `portal build` printed its stages.
        "stages": {k: stages(work / f"{k}.log") for k in runs if k != "stock" and "hugo" not in k},
        "portal_output": asdict(portal_out),
        "stock_output": asdict(stock_out) if stock_out else None,
    }


def profile(n: int, epoch: int, out: Path, top: int = 30) -> str:
    """cProfile one cold `portal build` of size n; the top functions by cumulative time."""
    import pstats

    work = out / f"n{n}"
    portal_dir = work / "portal"
    if not (portal_dir / "content").is_dir():
        raise SystemExit(f"no corpus at {portal_dir}; run the benchmark for N={n} first")
    clean(portal_dir)
    stats_file = work / "profile.prof"
    tool = _tool("portal")
    target = tool if tool[0] != sys.executable else ["-m", "generator.cli"]
    cmd = [sys.executable, "-m", "cProfile", "-o", str(stats_file), *target, "build"]
    run = measure(cmd, portal_dir, _env(work / "xdg-cache", epoch), work / "profile.log")
    sink = _StringSink()
    stats = pstats.Stats(str(stats_file), stream=sink)  # type: ignore[arg-type]
    stats.sort_stats("cumulative").print_stats(top)
    stats.sort_stats("tottime").print_stats(top)
    text = f"cProfile of a cold `portal build`, N={n}: {run.wall_s:.1f} s wall under the profiler\n"
    text += sink.text
    (work / "profile.txt").write_text(text, encoding="utf-8")
    return text


class _StringSink:
    def __init__(self) -> None:
        self.text = ""

    def write(self, chunk: str) -> int:
        self.text += chunk
        return len(chunk)


# -- derived numbers and the table --------------------------------------------------------


def _per_article_ms(result: dict[str, Any], run: str, key: str = "wall_s") -> float | None:
    entry = result["runs"].get(run)
    if not entry or entry["exit"] != 0:
        return None
    return 1000 * float(entry[key]) / int(result["n"])


def ratios(results: list[dict[str, Any]]) -> dict[str, Any]:
    """The numbers the issue's targets are stated in."""
    by_n = sorted(results, key=lambda r: r["n"])
    derived: dict[str, Any] = {"per_n": {}}
    for r in by_n:
        entry: dict[str, Any] = {}
        for key in ("wall_s", "cpu_s"):
            portal = _per_article_ms(r, "portal_cold", key)
            stock = _per_article_ms(r, "stock", key)
            suffix = "" if key == "wall_s" else "_cpu"
            entry[f"portal_ms_per_article{suffix}"] = portal and round(portal, 2)
            entry[f"stock_ms_per_article{suffix}"] = stock and round(stock, 2)
            entry[f"cold_vs_stock_per_article{suffix}"] = (
                round(portal / stock, 3) if portal and stock else None
            )
        cold, warm = r["runs"]["portal_cold"], r["runs"]["portal_warm"]
        if cold["exit"] or warm["exit"]:
            raise SystemExit(f"N={r['n']}: portal build failed; see the logs in its folder")
        entry["rebuild_vs_cold"] = round(warm["wall_s"] / cold["wall_s"], 3)
        entry["rebuild_vs_cold_cpu"] = round(warm["cpu_s"] / cold["cpu_s"], 3)
        entry["check_s"] = r["runs"]["portal_check"]["wall_s"]
        entry["check_s_cpu"] = r["runs"]["portal_check"]["cpu_s"]
        measured = r["portal_output"]["search"].get("chromium")
        entry["first_query_kb"] = measured and round(measured["max_bytes"] / 1e3, 1)
        entry["first_query_gzip_kb"] = measured and round(measured["max_gzip_bytes"] / 1e3, 1)
        entry["peak_rss_mb"] = max(
            r["runs"][k]["peak_rss_mb"] for k in ("portal_cold", "portal_warm", "portal_check")
        )
        derived["per_n"][str(r["n"])] = entry
    if len(by_n) >= 2:
        small, large = by_n[0], by_n[-1]
        for run, label in (("portal_cold", "portal"), ("stock", "stock")):
            for key, suffix in (("wall_s", ""), ("cpu_s", "_cpu")):
                a, b = _per_article_ms(small, run, key), _per_article_ms(large, run, key)
                derived[f"{label}_per_article_growth{suffix}"] = (
                    round(b / a, 3) if a and b else None
                )
        derived["growth_between"] = [small["n"], large["n"]]
    return derived


def verdicts(
    results: list[dict[str, Any]], derived: dict[str, Any]
) -> list[tuple[str, str, str, str, str]]:
    """(target, measured by wall time, by CPU time, bar, met) rows for the largest N run."""
    largest = max(r["n"] for r in results)
    at = derived["per_n"][str(largest)]
    rows = []

    def row(
        name: str, wall: float | None, cpu: float | None, bar: float, fmt: str, unit: str = ""
    ) -> None:
        def shown(value: float | None) -> str:
            return "—" if value is None else f"{value:{fmt}}{unit}"

        values = [v for v in (wall, cpu) if v is not None]
        met = "—" if not values else ("yes" if max(values) <= bar else "no")
        if met == "no" and wall is not None and cpu is not None and min(values) <= bar:
            met = "by wall time only" if wall <= bar else "by CPU time only"
        rows.append((name, shown(wall), shown(cpu), f"≤ {bar:g}{unit}", met))

    row(
        f"cold build per article / stock per article (N={largest})",
        at["cold_vs_stock_per_article"],
        at["cold_vs_stock_per_article_cpu"],
        TARGETS["cold_vs_stock_per_article"],
        ".2f",
        "×",
    )
    if "growth_between" in derived:
        small, large = derived["growth_between"]
        row(
            f"portal per-article time, N={large} / N={small}",
            derived["portal_per_article_growth"],
            derived["portal_per_article_growth_cpu"],
            TARGETS["per_article_growth"],
            ".2f",
            "×",
        )
    row(
        f"peak RSS (N={largest})",
        at["peak_rss_mb"],
        None,
        TARGETS["peak_rss_mb"],
        ".0f",
        " MB",
    )
    row(
        f"rebuild with nothing changed / cold build (N={largest})",
        at["rebuild_vs_cold"],
        at["rebuild_vs_cold_cpu"],
        TARGETS["rebuild_vs_cold"],
        ".2f",
        "×",
    )
    row(
        f"portal check (N={largest})",
        at["check_s"],
        at["check_s_cpu"],
        TARGETS["check_s"],
        ".1f",
        " s",
    )
    biggest = next(r for r in results if r["n"] == largest)
    labels = {s.name: s.label for s in SCENARIOS}
    for name, bar in EDIT_TARGETS_S.items():
        run = biggest["runs"].get(name)
        if run is not None and not run["exit"]:
            row(
                f"{labels.get(name, name)} (N={largest})",
                run["wall_s"],
                run["cpu_s"],
                bar,
                ".1f",
                " s",
            )
    preview = biggest.get("serve") or {}
    if preview.get("median_s") is not None:
        row(
            f"serve: write → reloaded page, median (N={largest})",
            preview["median_s"],
            None,
            SERVE_TARGET_S,
            ".1f",
            " s",
        )
    if at.get("first_query_kb") is not None:
        rows.append(
            (
                f"search: first Chinese query downloads, in chromium (N={largest})",
                f"{at['first_query_kb']:.0f} KB",
                "—",
                f"≤ {TARGETS['first_query_kb']} KB",
                "yes" if at["first_query_kb"] <= TARGETS["first_query_kb"] else "no",
            )
        )
    return rows


def _mb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1e6:.1f} MB"


def _kb(n: int | None) -> str:
    return "—" if n is None else f"{n / 1e3:,.0f} KB"


def _time(run: dict[str, Any] | None) -> str:
    if not run or run["exit"] != 0:
        return "—"
    return f"{run['wall_s']:.1f} s ({run['cpu_s']:.1f})"


def _pair(wall: float | None, cpu: float | None, fmt: str, unit: str) -> str:
    if wall is None:
        return "—"
    return f"{wall:{fmt}}{unit} ({'—' if cpu is None else f'{cpu:{fmt}}'})"


def table(results: list[dict[str, Any]], derived: dict[str, Any]) -> str:
    """The Markdown tables for the terminal and docs/design.md: times, outputs, targets."""
    lines = [
        "Times are wall clock, CPU time (user + system) in brackets.",
        "",
        "| N articles | portal build, cold | per article | rebuild, nothing changed "
        "| rebuild / cold | portal check | portal peak RSS | stock mkdocs build | per article "
        "| stock peak RSS | cold / stock per article |",
        "|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    ordered = sorted(results, key=lambda r: r["n"])
    for r in ordered:
        runs, at = r["runs"], derived["per_n"][str(r["n"])]
        stock = runs.get("stock")
        stock_rss = f"{stock['peak_rss_mb']:.0f} MB" if stock and stock["exit"] == 0 else "—"
        portal_ms = _pair(
            at["portal_ms_per_article"], at["portal_ms_per_article_cpu"], ".1f", " ms"
        )
        stock_ms = _pair(at["stock_ms_per_article"], at["stock_ms_per_article_cpu"], ".1f", " ms")
        ratio = _pair(
            at["cold_vs_stock_per_article"], at["cold_vs_stock_per_article_cpu"], ".2f", "×"
        )
        lines.append(
            f"| {r['n']:,} | {_time(runs['portal_cold'])} "
            f"| {portal_ms} "
            f"| {_time(runs['portal_warm'])} "
            f"| {_pair(at['rebuild_vs_cold'], at['rebuild_vs_cold_cpu'], '.2f', '×')} "
            f"| {_time(runs['portal_check'])} | {at['peak_rss_mb']:.0f} MB "
            f"| {_time(stock)} "
            f"| {stock_ms} | {stock_rss} | {ratio} |"
        )
    lines += [
        "",
        "| N articles | corpus (questions, regulations, campaigns / rows) | portal HTML pages "
        "| feed files | output | search index (all shards) | first query, chromium (gzip) "
        "| first query, upper bound "
        "| stock HTML pages | feeds | output | stock search_index.json (gzip) |",
        "|---:|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|",
    ]
    for r in ordered:
        c, po, so = r["corpus"], r["portal_output"], r["stock_output"]
        probe = po["search"].get("chromium")
        first = f"{_kb(probe['max_bytes'])} ({_kb(probe['max_gzip_bytes'])})" if probe else "—"
        search = po["search"]
        stock_cells = "| — | — | — | — "
        if so:
            index = so["search"].get("search_index_json")
            gz = so["search"].get("search_index_json_gzip")
            stock_cells = (
                f"| {so['html_pages']:,} | {so['feeds']} | {_mb(so['bytes'])} "
                f"| {_kb(index)} ({_kb(gz)}) "
            )
        lines.append(
            f"| {r['n']:,} | {c['questions']}, {c['regulations']}, "
            f"{c['campaigns']} / {c['suggestions']} "
            f"| {po['html_pages']:,} | {po['feeds']} | {_mb(po['bytes'])} "
            f"| {_kb(search.get('index_bytes', search.get('search_index_json')))} "
            f"| {first} | {_kb(search.get('first_query_upper_bytes'))} " + stock_cells + "|"
        )
    lines += ["", *edit_table(ordered)]
    lines += [
        "",
        "| target (issue 19) | wall time | CPU time | bar | met |",
        "|---|---:|---:|---:|:---:|",
    ]
    lines += [f"| {a} | {b} | {c} | {d} | {e} |" for a, b, c, d, e in verdicts(results, derived)]
    return "\n".join(lines)


def edit_table(ordered: list[dict[str, Any]]) -> list[str]:
    """`portal build` after each edit of edits.py, and where the body edit's time went."""
    with_edits = [r for r in ordered if r.get("edits")]
    if not with_edits:
        return []
    names = [s for s in SCENARIOS if any(s.name in r["runs"] for r in with_edits)]
    lines = [
        "`portal build` after one saved edit (edits.py), wall (CPU) seconds:",
        "",
        "| N articles | "
        + " | ".join(s.label for s in names)
        + " | body edit / cold | serve: write → reload (median) | Hugo cold | Hugo after an edit |",
        "|---:|" + "---:|" * (len(names) + 4),
    ]
    for r in with_edits:
        cells = [_time(r["runs"].get(s.name)) for s in names]
        body, cold = r["runs"].get("edit_body"), r["runs"]["portal_cold"]
        ratio = f"{body['wall_s'] / cold['wall_s']:.2f}×" if body and not body["exit"] else "—"
        preview = r.get("serve") or {}
        shown = f"{preview['median_s']:.2f} s" if preview.get("median_s") is not None else "—"
        hugo = [_time(r["runs"].get(k)) for k in ("hugo_cold", "hugo_edit")]
        lines.append(
            f"| {r['n']:,} | "
            + " | ".join(cells)
            + f" | {ratio} | {shown} | "
            + " | ".join(hugo)
            + " |"
        )
    largest = with_edits[-1]
    wanted = ("portal_cold", "edit_body", "edit_title", "squads")
    shown = [k for k in wanted if k in largest["runs"]]
    labels = list(dict.fromkeys(label for k in shown for label in largest["stages"].get(k, {})))
    if labels:
        lines += [
            "",
            f"Stages as `portal build` printed them at N={largest['n']:,}, seconds:",
            "",
            "| stage | " + " | ".join(shown) + " |",
            "|---|" + "---:|" * len(shown),
        ]
        for label in labels:
            cells = [largest["stages"].get(k, {}).get(label) for k in shown]
            lines.append(
                f"| {label} | " + " | ".join("—" if c is None else f"{c:.1f}" for c in cells) + " |"
            )
    return lines


def machine() -> dict[str, Any]:
    def read(path: str) -> str:
        try:
            return Path(path).read_text(encoding="utf-8")
        except OSError:
            return ""

    cpu = next(
        (
            line.split(":", 1)[1].strip()
            for line in read("/proc/cpuinfo").splitlines()
            if line.startswith("model name")
        ),
        platform.processor() or "unknown",
    )
    mem = next(
        (
            int(line.split()[1])
            for line in read("/proc/meminfo").splitlines()
            if line.startswith("MemTotal:")
        ),
        0,
    )
    versions: dict[str, str | None] = {}
    for name in ("portal", "mkdocs", "mkdocs-material", "mkdocs-rss-plugin", "jieba", "Markdown"):
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            versions[name] = None
    return {
        "commit": _commit(),
        "cpu": cpu,
        "cores": os.cpu_count(),
        "memory_gb": round(mem / 1024 / 1024, 1),
        "os": platform.platform(),
        "python": platform.python_version(),
        "versions": versions,
    }


def _commit() -> str | None:
    """The portal commit measured: this checkout's, or PORTAL_BENCH_COMMIT for an export."""
    if os.environ.get("PORTAL_BENCH_COMMIT"):
        return os.environ["PORTAL_BENCH_COMMIT"]
    try:
        done = subprocess.run(
            ["git", "-C", str(REPO), "describe", "--always", "--dirty"],
            capture_output=True,
            text=True,
            check=True,
        )
    except (OSError, subprocess.CalledProcessError):
        return None
    return done.stdout.strip() or None


def describe(m: dict[str, Any]) -> str:
    v = m["versions"]
    return (
        f"portal {m.get('commit') or 'unknown commit'} on {m['cpu']}, {m['cores']} cores, "
        f"{m['memory_gb']:g} GB RAM; {m['os']}; "
        f"Python {m['python']}; mkdocs {v['mkdocs']}, mkdocs-material {v['mkdocs-material']}, "
        f"mkdocs-rss-plugin {v['mkdocs-rss-plugin']}, jieba {v['jieba']}"
    )


def update_docs(doc: Path, section: str) -> None:
    """Replace the design notes' `## Performance` text up to its first subsection or the next
    section (or append the section); `###` subsections others wrote there stay."""
    text = doc.read_text(encoding="utf-8")
    start = text.find("\n## Performance\n")
    if start == -1:
        text = text.rstrip("\n") + "\n\n" + section
    else:
        end = re.compile(r"\n#{2,3} ").search(text, start + 1)
        rest = text[end.start() :] if end else ""
        text = text[: start + 1] + section + rest
    doc.write_text(text, encoding="utf-8")


def docs_section(
    results: list[dict[str, Any]], derived: dict[str, Any], m: dict[str, Any], when: str
) -> str:
    sizes = " ".join(str(r["n"]) for r in sorted(results, key=lambda r: r["n"]))
    loads = [run["load_before"] for r in results for run in r["runs"].values()]
    busy = ""
    if loads and max(loads) > 1.5 * (m.get("cores") or 1):
        busy = (
            f" The machine was shared: the 1-minute load average before the runs was "
            f"{min(loads):g}-{max(loads):g} on {m.get('cores')} cores, so wall times include "
            "waiting for the CPU; compare by the CPU times."
        )
    return (
        "## Performance\n\n"
        f"`.venv/bin/python benchmarks/run.py --sizes {sizes}` "
        "(`pip install -e '.[bench]'` first; `benchmarks/README.md` says what is measured). "
        f"Run on {when}: {describe(m)}.{busy}\n\n" + table(results, derived) + "\n"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[500, 2000, 5000])
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--out", type=Path, default=HERE / "out")
    parser.add_argument("--skip-stock", action="store_true", help="no stock mkdocs-material run")
    parser.add_argument("--skip-hugo", action="store_true", help="no Hugo run")
    parser.add_argument(
        "--profile", type=int, metavar="N", help="afterwards, cProfile a cold build of size N"
    )
    parser.add_argument(
        "--update-docs",
        "--update-readme",  # its name before the tables moved out of README.md
        dest="update_docs",
        action="store_true",
        help="write the tables into docs/design.md",
    )
    parser.add_argument(
        "--from-json",
        type=Path,
        metavar="RESULTS",
        help="measure nothing: print (and with --update-docs write) the tables of a results.json",
    )
    args = parser.parse_args()
    if args.from_json:
        saved = json.loads(args.from_json.read_text(encoding="utf-8"))
        kept, m, when = saved["results"], saved["machine"], saved["date"]
        print(table(kept, ratios(kept)))
        if args.update_docs:
            update_docs(DESIGN, docs_section(kept, ratios(kept), m, when))
            print(f"{DESIGN.relative_to(REPO)}: Performance section updated")
        return
    if args.profile and args.profile not in args.sizes:
        parser.error(f"--profile {args.profile}: also pass it in --sizes")
    args.out.mkdir(parents=True, exist_ok=True)
    m = machine()
    print(f"machine: {describe(m)}", flush=True)
    when = datetime.now(UTC).date().isoformat()
    results: list[dict[str, Any]] = []
    for n in args.sizes:
        results.append(bench_size(n, args.seed, args.out, args.skip_stock, args.skip_hugo))
        # Written after every size, so a long run that is stopped still leaves its numbers.
        derived = ratios(results)
        report = {
            "date": when,
            "seed": args.seed,
            "machine": m,
            "targets": TARGETS,
            "results": results,
            "derived": derived,
        }
        (args.out / "results.json").write_text(
            json.dumps(report, ensure_ascii=False, indent=2) + "\n", encoding="utf-8"
        )
        (args.out / "results.md").write_text(docs_section(results, derived, m, when), "utf-8")
        if args.profile == n:
            # Right after its size is measured, before larger sizes take their time.
            print(profile(n, results[-1]["source_date_epoch"], args.out), flush=True)
    text = table(results, derived)
    print("\n" + text + f"\n\nwritten: {args.out / 'results.json'}, {args.out / 'results.md'}")
    if args.update_docs:
        update_docs(DESIGN, docs_section(results, derived, m, when))
        print(f"{DESIGN.relative_to(REPO)}: Performance section updated")


if __name__ == "__main__":
    main()
