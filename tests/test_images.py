"""Web images: phone photos turned, resized and stripped; hostile files named; pages sized."""

from __future__ import annotations

import importlib.util
import io
import struct
import zlib
from pathlib import Path
from types import ModuleType

import pytest
from PIL import Image

from generator import image_step, images
from generator.audit import image_leaks
from generator.cache import Cache
from generator.images import ImageError, WebImage, render_image
from generator.model import Variant
from generator.render.figures import responsive

from .conftest import ROOT, WritePortal, build


def _photos() -> ModuleType:
    spec = importlib.util.spec_from_file_location("photos", ROOT / "benchmarks" / "photos.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


photos = _photos()


def _jpeg(im: Image.Image, **options: object) -> bytes:
    out = io.BytesIO()
    im.save(out, "JPEG", **options)
    return out.getvalue()


def _png(im: Image.Image, **options: object) -> bytes:
    out = io.BytesIO()
    im.save(out, "PNG", **options)
    return out.getvalue()


def _read(data: bytes) -> Image.Image:
    im = Image.open(io.BytesIO(data))
    im.load()
    return im


# --- one image ------------------------------------------------------------------------------


def test_phone_photo_is_turned_resized_and_loses_every_metadata_block() -> None:
    # Stored sideways (portrait pixels) with Orientation 6, GPS and the owner's name.
    raw = photos.phone_jpeg(7, (2400, 1800), rotate=True, gps=True, owner="张晓燕")
    source = _read(raw)
    assert source.size == (1800, 2400) and source.getexif().get_ifd(0x8825)
    rendered = render_image(raw, ".jpg")
    assert rendered.sizes == ((1600, 1200), (800, 600), (400, 300))  # upright: wider than tall
    for data in rendered.data:
        out = _read(data)
        assert out.format == "JPEG" and out.mode == "RGB"
        assert not out.getexif()
        assert not {"exif", "xmp", "icc_profile", "comment", "photoshop"} & set(out.info)
        assert b"Exif" not in data and "张晓燕".encode() not in data


def test_the_picture_stays_upright_after_turning() -> None:
    # A red top edge stored sideways: after Orientation 6 is applied, red is on top again.
    upright = Image.new("RGB", (1200, 900), "white")
    upright.paste((255, 0, 0), (0, 0, 1200, 100))
    stored = upright.transpose(Image.Transpose.ROTATE_90)
    exif = Image.Exif()
    exif[0x0112] = 6
    out = _read(render_image(_jpeg(stored, exif=exif.tobytes()), ".jpg").data[0])
    assert out.size == (1200, 900)
    red, green, blue = out.getpixel((600, 20))  # type: ignore[misc]
    assert red > 200 and green < 60 and blue < 60


def test_small_pictures_are_not_enlarged_nor_given_a_phone_copy() -> None:
    rendered = render_image(_png(Image.new("RGB", (640, 360), "navy")), ".png")
    assert rendered.sizes == ((640, 360),) and rendered.media_type == "image/png"


def test_png_screenshots_stay_lossless() -> None:
    im = Image.new("RGB", (300, 200), "white")
    im.putpixel((10, 10), (255, 0, 0))
    out = _read(render_image(_png(im), ".png").data[0])
    assert out.format == "PNG" and out.getpixel((10, 10)) == (255, 0, 0)


def _bomb_png(width: int, height: int) -> bytes:
    """A valid small PNG whose header claims `width` x `height` pixels."""
    data = bytearray(_png(Image.new("L", (1, 1))))
    ihdr = struct.pack(">II", width, height) + bytes(data[24:29])
    data[16:29] = ihdr
    data[29:33] = struct.pack(">I", zlib.crc32(b"IHDR" + ihdr))
    return bytes(data)


@pytest.mark.parametrize(
    ("name", "raw", "message"),
    [
        ("decompression bomb", _bomb_png(60000, 60000), "解压炸弹"),
        ("below Pillow's limit, above ours", _bomb_png(9000, 9000), "万像素上限"),
        ("truncated", photos.phone_jpeg(3, (800, 600))[:6000], "图片不完整或已损坏"),
        ("not an image", "这不是图片".encode(), "不是可识别的图片"),
        ("empty", b"", "不是可识别的图片"),
    ],
)
def test_hostile_images_are_refused_with_a_message(name: str, raw: bytes, message: str) -> None:
    with pytest.raises(ImageError, match=message):
        render_image(raw, ".png" if "bomb" in name or "Pillow" in name else ".jpg")


def test_a_file_whose_extension_lies_is_published_as_its_extension_says() -> None:
    rendered = render_image(_png(Image.new("RGBA", (400, 300), (0, 128, 0, 128))), ".jpg")
    assert rendered.note == "内容是 PNG 图片，扩展名却是 .jpg：已按 JPEG 发布"
    out = _read(rendered.data[0])
    assert out.format == "JPEG" and out.mode == "RGB"


def test_cmyk_jpeg_becomes_rgb() -> None:
    out = _read(
        render_image(_jpeg(Image.new("CMYK", (500, 400), (0, 255, 255, 0))), ".jpg").data[0]
    )
    assert out.mode == "RGB"
    red, green, blue = out.getpixel((250, 200))  # type: ignore[misc]
    assert red > 200 and green < 80 and blue < 80


def test_16_bit_png_is_scaled_to_8_bits_not_clipped() -> None:
    im = Image.new("I;16", (256, 64))
    im.putdata([x * 256 for _ in range(64) for x in range(256)])
    out = _read(render_image(_png(im), ".png").data[0])
    assert out.mode == "L"
    assert out.getpixel((0, 0)) == 0 and 120 <= out.getpixel((128, 0)) <= 136  # type: ignore[operator]


def test_animated_gif_keeps_its_frames_and_loses_its_comment() -> None:
    frames = [Image.new("RGB", (120, 80), (i * 80, 0, 0)) for i in range(3)]
    out = io.BytesIO()
    frames[0].save(
        out,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        duration=200,
        loop=0,
        comment=b"owner 13812345678",
    )
    rendered = render_image(out.getvalue(), ".gif")
    result = Image.open(io.BytesIO(rendered.data[0]))
    assert getattr(result, "n_frames", 1) == 3 and "comment" not in result.info
    assert b"13812345678" not in rendered.data[0]


@pytest.mark.parametrize(
    ("svg", "message"),
    [
        (b'<svg xmlns="http://www.w3.org/2000/svg"><script>alert(1)</script></svg>', "<script>"),
        (b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>', "onload"),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg"><foreignObject><p>x</p></foreignObject></svg>',
            "<foreignobject>",
        ),
        (
            b'<svg xmlns="http://www.w3.org/2000/svg" xmlns:x="http://www.w3.org/1999/xlink">'
            b'<image x:href="https://evil.example/p.png"/></svg>',
            "外部内容",
        ),
        (b'<!DOCTYPE s [<!ENTITY a "b">]><svg xmlns="http://www.w3.org/2000/svg"/>', "ENTITY"),
        (b"<svg", "不是有效的 XML"),
    ],
)
def test_svg_with_script_or_outside_references_is_refused(svg: bytes, message: str) -> None:
    with pytest.raises(ImageError, match=message):
        images.check_svg(svg)


def test_plain_svg_is_accepted() -> None:
    images.check_svg(
        b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10">'
        b'<defs><circle id="c" r="4"/></defs><use href="#c"/></svg>'
    )


# --- pages ---------------------------------------------------------------------------------


def _web(source: str, sizes: list[tuple[int, int]]) -> WebImage:
    variants = tuple(
        Variant(images.variant_path(source, w, i), w, h, 1000) for i, (w, h) in enumerate(sizes)
    )
    return WebImage(source, "image/jpeg", variants)


def test_responsive_images_sizes_lazy_loading_and_captions() -> None:
    known = {
        "articles/x/1.jpg": _web("articles/x/1.jpg", [(1600, 1200), (800, 600)]),
        "articles/x/2.jpg": _web("articles/x/2.jpg", [(1600, 900), (800, 450)]),
    }
    body = (
        '<p>正文</p>\n<p><img alt="夜市" src="../../../../articles/x/1.jpg" '
        'title="图为&lt;b&gt;夜市&lt;/b&gt;现场"></p>\n'
        '<p>文字 <img alt="" src="../../../../articles/x/2.jpg"> 文字</p>\n'
        '<p><img alt="外链" src="https://example.org/a.jpg"></p>'
    )
    html = responsive(body, "news/2026/05/x/", known)
    assert html == (
        '<p>正文</p>\n<figure><img alt="夜市" src="../../../../articles/x/1.jpg" width="1600" '
        'height="1200" srcset="../../../../articles/x/1.800w.jpg 800w, '
        '../../../../articles/x/1.jpg 1600w" sizes="(min-width: 76.25em) 44rem, 100vw" '
        'decoding="async"><figcaption>图为&lt;b&gt;夜市&lt;/b&gt;现场</figcaption></figure>\n'
        '<p>文字 <img alt="" src="../../../../articles/x/2.jpg" width="1600" height="900" '
        'srcset="../../../../articles/x/2.800w.jpg 800w, ../../../../articles/x/2.jpg 1600w" '
        'sizes="(min-width: 76.25em) 44rem, 100vw" decoding="async" loading="lazy"> 文字</p>\n'
        '<p><img alt="外链" src="https://example.org/a.jpg"></p>'
    )
    assert responsive("<p>没有图片</p>", "x/", known) == "<p>没有图片</p>"


# --- the build ------------------------------------------------------------------------------

PHOTO_ARTICLE = """\
---
title: 白洋中队清理夜市占道摊位
date: 2026-05-12 09:30
squad: baiyang
category: 执法动态
---

5月11日晚，白洋中队对解放街夜市开展专项整治。

![图为队员劝导摊主](2026-05-12-photos/1.jpg "图为队员劝导摊主入场经营。")

清理占道摊位 23 处。

![示意图](2026-05-12-photos/2.png)
"""


def _photo_portal(write_portal: WritePortal) -> Path:
    root = write_portal({"content/articles/2026-05-12-photos.md": PHOTO_ARTICLE})
    folder = root / "content" / "articles" / "2026-05-12-photos"
    folder.mkdir()
    raw = photos.phone_jpeg(11, (2400, 1800), rotate=True, gps=True, owner="朱晓燕")
    (folder / "1.jpg").write_bytes(raw)
    (folder / "2.png").write_bytes(_png(Image.new("RGB", (1000, 700), "teal")))
    return root


def test_build_publishes_web_copies_and_never_the_original(
    write_portal: WritePortal, tmp_path: Path
) -> None:
    root = _photo_portal(write_portal)
    site = tmp_path / "site"
    assert build(root, site) == 0
    folder = site / "articles" / "2026-05-12-photos"
    assert sorted(p.name for p in folder.iterdir()) == [
        "1.400w.jpg",
        "1.800w.jpg",
        "1.jpg",
        "2.400w.png",
        "2.800w.png",
        "2.png",
    ]
    for path in folder.iterdir():
        im = _read(path.read_bytes())
        assert not im.getexif() and "exif" not in im.info, path
        assert max(im.size) <= 1600
    assert _read((folder / "1.jpg").read_bytes()).size == (1600, 1200)
    page = (site / "news" / "2026" / "05" / "photos" / "index.html").read_text()
    assert "<figcaption>图为队员劝导摊主入场经营。</figcaption>" in page
    assert (
        'width="1600" height="1200" srcset="../../../../articles/2026-05-12-photos/1.400w.jpg 400w, ../../../../articles/2026-05-12-photos/1.800w.jpg 800w'
        in page
    )
    assert 'src="../../../../articles/2026-05-12-photos/2.png" width="1000" height="700"' in page
    assert page.count('loading="lazy"') == 1
    assert image_leaks(site) == []


def test_a_broken_image_fails_the_build_naming_the_file(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _photo_portal(write_portal)
    (root / "content" / "articles" / "2026-05-12-photos" / "1.jpg").write_bytes(b"GIF89a....")
    (root / "content" / "articles" / "2026-05-12-photos" / "3.svg").write_bytes(
        b'<svg xmlns="http://www.w3.org/2000/svg" onload="alert(1)"/>'
    )
    site = tmp_path / "site"
    assert build(root, site) == 1
    err = capsys.readouterr().err
    assert "content/articles/2026-05-12-photos/1.jpg:0: (image): 不是可识别的图片" in err
    assert "content/articles/2026-05-12-photos/3.svg:0: (image): SVG 含有事件属性 onload" in err
    assert not site.exists()


def test_the_audit_fails_a_build_whose_output_image_carries_gps(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    # An image the image step does not process (a theme file) still may not carry a position.
    root = write_portal()
    theme_image = root / "themes" / "portal" / "assets" / "images" / "banner.jpg"
    theme_image.parent.mkdir(parents=True, exist_ok=True)
    theme_image.write_bytes(photos.phone_jpeg(2, (320, 240), gps=True, owner="张三"))
    assert build(root, tmp_path / "site") == 1
    err = capsys.readouterr().err
    assert "assets/images/banner.jpg: 图片仍带有GPS 位置、拍摄者（Artist）元数据，不能发布" in err


def test_warm_image_step_reads_no_photo(
    write_portal: WritePortal, monkeypatch: pytest.MonkeyPatch
) -> None:
    root = _photo_portal(write_portal)
    content = root / "content"
    assets = [
        p.relative_to(content) for p in (content / "articles" / "2026-05-12-photos").iterdir()
    ]
    from pathlib import PurePosixPath

    wanted = [PurePosixPath(p.as_posix()) for p in assets]
    with Cache(root / ".portal-cache") as cache:
        cold = image_step.publish_images(content, root, wanted, cache)
    calls: list[str] = []
    monkeypatch.setattr(image_step, "_process", lambda *a: calls.append(a[1]))
    with Cache(root / ".portal-cache") as cache:
        warm = image_step.publish_images(content, root, wanted, cache)
    assert calls == [] and warm.images == cold.images
    assert [f[0] for f in warm.files] == [f[0] for f in cold.files]


# --- the lead photo -------------------------------------------------------------------------


def test_lead_photo_on_cards_previews_feeds_and_api(
    write_portal: WritePortal, tmp_path: Path
) -> None:
    import json
    import xml.etree.ElementTree as ET

    root = _photo_portal(write_portal)
    site = tmp_path / "site"
    assert build(root, site) == 0
    main = site / "articles" / "2026-05-12-photos" / "1.jpg"
    length = main.stat().st_size
    url = "https://example.org/articles/2026-05-12-photos/1.jpg"
    for page in ("index.html", "news/index.html"):
        html = (site / page).read_text()
        assert (
            '<img class="pt-card__photo" src="articles/2026-05-12-photos/1.400w.jpg" width="400" '
            'height="300" alt="" loading="lazy" decoding="async">'
        ).replace('src="', 'src="../' if page != "index.html" else 'src="') in html
    article = (site / "news/2026/05/photos/index.html").read_text()
    assert f'<meta property="og:image" content="{url}">' in article
    assert '<meta property="og:image:width" content="1600">' in article
    rss = ET.parse(site / "feeds/news.xml").getroot()
    item = next(i for i in rss.iter("item") if i.findtext("title") == "白洋中队清理夜市占道摊位")
    enclosure = item.find("enclosure")
    assert enclosure is not None and enclosure.attrib == {
        "url": url,
        "type": "image/jpeg",
        "length": str(length),
    }
    media = item.find("{http://search.yahoo.com/mrss/}content")
    assert media is not None and media.attrib["width"] == "1600"
    atom = (site / "feeds/news.atom").read_text()
    assert f'<link rel="enclosure" href="{url}" type="image/jpeg" length="{length}" />' in atom
    feed = json.loads((site / "feeds/news.json").read_text())
    assert next(i for i in feed["items"] if i["url"].endswith("/photos/"))["image"] == url
    api = json.loads((site / "api/articles.json").read_text())
    image = next(i for i in api["items"] if i["url"].endswith("/photos/"))["image"]
    assert image["url"] == url and [v["width"] for v in image["variants"]] == [1600, 800, 400]
    plain = next(i for i in api["items"] if i["url"].endswith("/night-market/"))
    assert plain["image"] is None


def test_front_matter_image_chooses_the_lead_and_is_checked(
    write_portal: WritePortal, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    root = _photo_portal(write_portal)
    path = root / "content/articles/2026-05-12-photos.md"
    text = path.read_text()
    path.write_text(
        text.replace("category: 执法动态\n", "category: 执法动态\nimage: 2026-05-12-photos/2.png\n")
    )
    site = tmp_path / "site"
    assert build(root, site) == 0
    assert (
        '"https://example.org/articles/2026-05-12-photos/2.png"'
        in (site / "feeds/news.json").read_text()
    )
    path.write_text(
        text.replace("category: 执法动态\n", "category: 执法动态\nimage: ../../secret.jpg\n")
    )
    assert main_check(root) == 1
    assert (
        "content/articles/2026-05-12-photos.md:6: image: “../../secret.jpg”不是这篇稿件旁边的照片"
    ) in capsys.readouterr().err


def main_check(root: Path) -> int:
    from generator.cli import main

    return main(["check", "-f", str(root / "mkdocs.yml")])
