"""Benchmark `portal import` and the build's image step (not a timed test).

1. Import: `--manuscripts` Word documents (python-docx), each with `--photos` phone photos of
   4032 x 3024 pasted in (with GPS, stored sideways), imported into a copy of the sample
   portal; wall time per manuscript.
2. Image step (generator/image_step.publish_images, then hard-linking the web copies into a
   site folder, as a build does): cold on `--cold` phone photos (nothing cached), then on
   `--warm` photos cold, warm with nothing new from the cache (no photo is read, every copy
   linked again: a build without a record) and warm with the site's dependency record (every
   copy kept where it is: `portal build`). The warm step is what every rebuild of an archive
   pays. `--manuscripts 0` or `--cold 0` leaves the import or the phone-photo step out.

    .venv/bin/python benchmarks/photos_import.py --manuscripts 50 --photos 4 --cold 200 --warm 2000

3. With `--site N`: `portal build` of a generated portal of N articles (benchmarks/generate.py)
   with `--site-photos` of its published articles given a photo each, cold, with nothing
   changed and after a one-article edit, and the same portal without photos: the image step's
   time as the build prints it, and what the photos add to a build.
"""

from __future__ import annotations

import argparse
import io
import json
import os
import platform
import re
import shutil
import sys
import tempfile
import time
from datetime import datetime
from pathlib import Path, PurePosixPath
from zoneinfo import ZoneInfo

HERE = Path(__file__).resolve().parent
REPO = HERE.parent
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(HERE))

from photos import phone_jpeg  # noqa: E402

from generator.cache import Cache  # noqa: E402
from generator.image_step import link_or_copy, publish_images  # noqa: E402
from generator.parallel import fork_map  # noqa: E402

BEIJING = ZoneInfo("Asia/Shanghai")
SQUADS = ("白洋中队", "熟溪中队", "壶山中队", "履坦中队", "桐琴中队", "泉溪中队", "直属中队")
TOPICS = (
    "开展夜市占道经营专项整治",
    "清理沿街乱堆放",
    "走进社区宣传垃圾分类",
    "查处渣土车带泥上路",
    "规范共享单车停放秩序",
    "拆除违法搭建阳光房",
    "整治餐饮油烟扰民",
    "开展户外广告牌安全检查",
)


PLACES = (
    *("解放街", "熟溪路", "壶山路", "江滨路", "永康街", "武阳路", "北岭路", "南湖路", "温泉路"),
    *("白洋渡", "履坦镇", "桐琴镇", "泉溪镇", "王宅镇", "茭道镇", "大田乡", "柳城镇", "新宅镇"),
    *("百花山", "开发区", "火车站", "城南社区", "城北社区", "东升社区", "西山社区", "温泉社区"),
)


def _manuscripts(folder: Path, count: int, photos: list[bytes], per: int) -> None:
    from docx import Document
    from docx.shared import Cm

    folder.mkdir(parents=True)
    for n in range(count):
        doc = Document()
        # Each piece its own place and topic: no two are the same piece to the duplicate check
        # (rapidfuzz < 0.9 on titles, different text).
        place = PLACES[n % len(PLACES)]
        topic = TOPICS[(n // len(PLACES) + n) % len(TOPICS)]
        squad = SQUADS[n % len(SQUADS)]
        doc.add_paragraph().add_run(f"{squad}在{place}{topic}").bold = True
        doc.add_paragraph("通讯员 朱晓燕")
        lead = f"\u3000\u300011月{n % 28 + 1}日，{squad}在{place}{topic}，现场检查{n + 3}处。"
        doc.add_paragraph(lead * 4)
        for i in range(per):
            doc.add_picture(io.BytesIO(photos[(n + i) % len(photos)]), width=Cm(14))
            doc.add_paragraph(f"图为队员在{place}现场劝导（{i + 1}）。")
        doc.add_paragraph(f"\u3000\u3000{place}的整治将持续一个月。（完）")
        doc.save(folder / f"稿件{n + 1:03d}.docx")


def bench_import(work: Path, count: int, per: int, photos: list[bytes]) -> dict[str, float]:
    from generator.config import settings_from  # noqa: F401  (same import cost as the CLI)
    from generator.manuscripts.importer import Options, run_import
    from generator.settings import Settings
    from generator.validate.registry import load_units

    portal = work / "portal"
    shutil.copytree(REPO / "content", portal / "content")
    shutil.copy(REPO / "mkdocs.yml", portal / "mkdocs.yml")
    inbox = work / "收稿"
    _manuscripts(inbox, count, photos, per)
    settings = Settings(root=portal, timezone=BEIJING)
    units = load_units(settings.content, settings.root, settings.timezone, [])
    started = time.perf_counter()
    rows = run_import(
        settings, units, [inbox], Options(submitted=datetime(2026, 12, 4, 17, tzinfo=BEIJING))
    )
    elapsed = time.perf_counter() - started
    imported = sum(1 for r in rows if r.outcome.value == "已导入")
    assert imported == count, [
        (r.source, r.outcome, r.notes) for r in rows if r.outcome.value != "已导入"
    ]
    return {
        "manuscripts": count,
        "photos_each": per,
        "seconds": elapsed,
        "per_manuscript": elapsed / count,
    }


def _photo_tree(content: Path, count: int, photos: list[bytes]) -> list[PurePosixPath]:
    assets = []
    for n in range(count):
        path = content / "articles" / f"2026-{n // 100:04d}" / f"{n}.jpg"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(photos[n % len(photos)])
        assets.append(PurePosixPath(path.relative_to(content).as_posix()))
    return assets


def bench_step(work: Path, count: int, photos: list[bytes]) -> dict[str, float]:
    """The image step alone on `count` photos, its copies put into a site folder as a build
    does: cold (nothing cached); warm from the cache, every copy hard-linked again (a build
    without a record: `mkdocs build`); warm with the site's record (`portal build`), which
    keeps every copy where it is."""
    from generator.record import OutputRecord
    from generator.sitesync import signatures

    root = work / f"step{count}"
    content = root / "content"
    assets = _photo_tree(content, count, photos)
    site = root / "site"
    site.mkdir(parents=True)
    record = OutputRecord("bench", str(site.resolve()))
    results: dict[str, float] = {"photos": count}
    for name in ("cold", "warm", "kept"):
        given = None if name == "warm" else record
        started, cpu = time.perf_counter(), time.process_time()
        with Cache(root / ".portal-cache") as cache:
            published = publish_images(
                content,
                root,
                assets,
                cache,
                lambda work, items: fork_map(work, items, min_items=4),
                given,
            )
        for path, cached, data in published.files:
            target = site / path
            if cached is not None:
                link_or_copy(cached, target)
            else:
                target.parent.mkdir(parents=True, exist_ok=True)
                target.write_bytes(data or b"")
        results[name] = time.perf_counter() - started
        # This process's CPU time (a cold step's workers are not in it): steadier than the
        # wall time on a shared machine.
        results[f"{name}_cpu"] = time.process_time() - cpu
        results[f"{name}_files"] = len(published.files)
        assert not published.problems, published.problems[:3]
        # What the build records after writing (not timed: sitesync's work, not the step's).
        made = given.next({}) if given is not None else record
        record = OutputRecord("bench", made.site, made.groups, signatures(site), made.notes)
    return results


_IMAGES_STAGE = re.compile(r"图片：(\d+) 张照片，(\d+) 个文件，(\d+(?:\.\d+)?) 秒")


def _photo_articles(portal: Path, count: int, photos: list[bytes]) -> int:
    """`count` published articles get a captioned photo of their own (the newest first)."""
    given = 0
    for path in sorted((portal / "content" / "articles").glob("*.md"), reverse=True):
        if given == count:
            break
        text = path.read_text(encoding="utf-8")
        if "\nstatus: draft" in text or "\nstatus: rejected" in text:
            continue
        folder = path.with_suffix("")
        folder.mkdir(exist_ok=True)
        (folder / "1.jpg").write_bytes(photos[given % len(photos)])
        caption = "图为执法队员在现场检查。"
        photo = f'\n![{caption}]({folder.name}/1.jpg "{caption}")\n'
        path.write_text(text.rstrip("\n") + "\n" + photo, encoding="utf-8")
        given += 1
    return given


def bench_site(
    work: Path, n: int, count: int, photos: list[bytes], plain: bool = True
) -> dict[str, object]:
    """`portal build` of a generated portal of n articles, cold, again with nothing changed, and
    after a one-article edit, with `count` photos and without: the image step's own time as the
    build printed it, and what the photos add to the whole build."""
    from generate import generate
    from run import _env, _tool, clean, measure

    corpus = generate(n, work / "plain")
    shutil.copytree(work / "plain", work / "photos")
    given = _photo_articles(work / "photos", count, photos)
    end = corpus.end
    epoch = int(datetime(end.year, end.month, end.day, tzinfo=ZoneInfo("UTC")).timestamp())
    portal = _tool("portal")
    result: dict[str, object] = {"articles": n, "photos": given}
    for name in ("plain", "photos") if plain else ("photos",):
        folder = work / name
        clean(folder)
        for step in ("cold", "warm", "edit"):
            log = work / f"{name}-{step}.log"
            if step == "edit":
                # One article's text changed: the build runs, and its image step finds nothing new.
                newest = max((folder / "content" / "articles").glob("*.md"))
                newest.write_text(newest.read_text(encoding="utf-8") + "\n次日回头看。\n")
            run = measure([*portal, "build"], folder, _env(work / f"xdg-{name}", epoch), log)
            if run.exit != 0:
                raise SystemExit(f"portal build failed; see {log}")
            found = _IMAGES_STAGE.search(log.read_text(encoding="utf-8", errors="replace"))
            result[f"{name}_{step}"] = {
                "wall_s": run.wall_s,
                "cpu_s": run.cpu_s,
                "image_step_s": float(found[3]) if found else None,
                "image_files": int(found[2]) if found else 0,
            }
            print(f"{name} {step}: {result[f'{name}_{step}']}", file=sys.stderr)
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--manuscripts", type=int, default=50)
    parser.add_argument("--photos", type=int, default=4, help="photos per manuscript")
    parser.add_argument("--cold", type=int, default=200, help="photos for the cold image step")
    parser.add_argument("--warm", type=int, default=2000, help="photos for the warm image step")
    parser.add_argument(
        "--site", type=int, default=0, help="also build a generated portal of this many articles"
    )
    parser.add_argument("--site-photos", type=int, default=2000, help="photos in that portal")
    parser.add_argument(
        "--skip-plain", action="store_true", help="build that portal only with its photos"
    )
    args = parser.parse_args()
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    started = time.perf_counter()
    # Four distinct phone photos; pieces reuse them (each file is processed on its own anyway).
    phone = [phone_jpeg(seed, (4032, 3024), rotate=seed % 2 == 0, gps=True) for seed in range(4)]
    small = [phone_jpeg(seed, (960, 720), gps=True) for seed in range(4)]
    print(f"photos drawn in {time.perf_counter() - started:.1f} s", file=sys.stderr)
    report: dict[str, object] = {
        "when": datetime.now(BEIJING).isoformat(timespec="seconds"),
        "machine": f"{platform.processor() or platform.machine()}, {os.cpu_count()} cores, "
        f"load {os.getloadavg()[0]:.1f}",
        "python": platform.python_version(),
    }
    with tempfile.TemporaryDirectory(prefix="portal-bench-photos-") as tmp:
        work = Path(tmp)
        if args.manuscripts:
            report["import"] = bench_import(work, args.manuscripts, args.photos, phone)
            print(json.dumps(report["import"]), file=sys.stderr)
        if args.cold:
            report["step_phone"] = bench_step(work, args.cold, phone)
            print(json.dumps(report["step_phone"]), file=sys.stderr)
        # Warm at archive scale: the cache is filled from small photos (reading is not what
        # a warm step does), then the step runs again with nothing new.
        if args.warm:
            report["step_archive"] = bench_step(work, args.warm, small)
            print(json.dumps(report["step_archive"]), file=sys.stderr)
        if args.site:
            # Small photos: the cold step at this scale is step_phone's per-photo cost times
            # the count; what is measured here is the warm step inside a whole build.
            report["site"] = bench_site(
                work, args.site, args.site_photos, small, plain=not args.skip_plain
            )
    out = HERE / "out"
    out.mkdir(exist_ok=True)
    (out / "photos_import.json").write_text(json.dumps(report, indent=1, ensure_ascii=False))
    print(json.dumps(report, indent=1, ensure_ascii=False))


if __name__ == "__main__":
    main()
