"""Photograph-like street scenes drawn with Pillow, for the sample portal and the benchmarks.

The sample needs photos that behave like a phone's (smooth gradients, fine detail, sensor
noise: what JPEG finds hard) without shipping anyone's pictures: each is drawn from a seed,
so they are ours to publish (the repository's licence, MIT). `phone_exif` writes what a phone
writes: orientation, camera, owner and a GPS position, which the site must never publish.

    python benchmarks/photos.py out.jpg --seed 3 --size 4032x3024 --gps --rotate
"""

from __future__ import annotations

import argparse
import io
import random
from pathlib import Path

from PIL import Image, ImageDraw, ImageFilter

# Somewhere in 武义县 (Wuyi county), as a phone would record it.
WUYI = (28.8929, 119.8160)


def _gradient(
    size: tuple[int, int], top: tuple[int, int, int], bottom: tuple[int, int, int]
) -> Image.Image:
    column = Image.new("RGB", (1, 256))
    for y in range(256):
        t = y / 255
        column.putpixel(
            (0, y), tuple(round(a + (b - a) * t) for a, b in zip(top, bottom, strict=True))
        )
    return column.resize(size, Image.Resampling.BICUBIC)


def scene(seed: int, width: int = 1600, height: int = 1200) -> Image.Image:
    """A street scene: sky, hills, buildings with windows, a road, trees, awnings, people."""
    rnd = random.Random(seed)
    w, h = width, height
    sky_top = (rnd.randint(60, 120), rnd.randint(120, 170), rnd.randint(190, 240))
    im = _gradient((w, h), sky_top, (225, 230, 235))
    draw = ImageDraw.Draw(im)
    horizon = int(h * rnd.uniform(0.45, 0.6))
    # Clouds
    clouds = Image.new("L", (w, h), 0)
    cd = ImageDraw.Draw(clouds)
    for _ in range(rnd.randint(3, 9)):
        x, y = rnd.randint(0, w), rnd.randint(0, horizon // 2)
        rx, ry = rnd.randint(w // 12, w // 5), rnd.randint(h // 40, h // 14)
        cd.ellipse((x - rx, y - ry, x + rx, y + ry), fill=rnd.randint(120, 230))
    clouds = clouds.filter(ImageFilter.GaussianBlur(w / 60))
    im.paste((250, 250, 252), mask=clouds)
    # Hills
    points = [(0, horizon)]
    for x in range(0, w + w // 8, w // 8):
        points.append((x, horizon - rnd.randint(h // 20, h // 6)))
    points += [(w, horizon), (0, horizon)]
    draw.polygon(points, fill=(rnd.randint(70, 100), rnd.randint(110, 140), rnd.randint(90, 120)))
    # Buildings
    x = -rnd.randint(0, w // 10)
    while x < w:
        bw = rnd.randint(w // 10, w // 4)
        top = horizon - rnd.randint(h // 10, int(h * 0.4))
        base = rnd.randint(150, 235)
        facade = (base, base - rnd.randint(0, 25), base - rnd.randint(0, 40))
        draw.rectangle((x, top, x + bw, horizon + h // 30), fill=facade)
        ww, wh = max(4, bw // 9), max(4, h // 45)
        for wy in range(top + wh, horizon - wh, wh * 2):
            for wx in range(x + ww, x + bw - ww, ww * 2):
                shade = rnd.randint(40, 110)
                draw.rectangle((wx, wy, wx + ww, wy + wh), fill=(shade, shade + 20, shade + 40))
        if rnd.random() < 0.6:  # a shop sign
            sign = (rnd.randint(150, 230), rnd.randint(20, 60), rnd.randint(20, 60))
            draw.rectangle(
                (x + bw // 10, horizon - h // 12, x + bw - bw // 10, horizon - h // 20), fill=sign
            )
        x += bw + rnd.randint(0, w // 40)
    # Pavement, then the road in perspective with lane marks
    paving = rnd.randint(150, 185)
    draw.rectangle((0, horizon, w, h), fill=(paving, paving - 8, paving - 20))
    # Road in perspective, with lane marks
    draw.polygon(
        [(0, h), (w, h), (w * 0.62, horizon + h // 30), (w * 0.38, horizon + h // 30)],
        fill=(96, 98, 102),
    )
    draw.rectangle((0, horizon + h // 30, w, horizon + h // 20), fill=(150, 148, 140))
    for i in range(8):
        t0, t1 = i / 8, (i + 0.45) / 8
        y0 = horizon + h // 30 + (h - horizon) * t0**1.6
        y1 = horizon + h // 30 + (h - horizon) * t1**1.6
        half0, half1 = 3 + 18 * t0 * w / 1600, 3 + 18 * t1 * w / 1600
        draw.polygon(
            [(w / 2 - half0, y0), (w / 2 + half0, y0), (w / 2 + half1, y1), (w / 2 - half1, y1)],
            fill=(235, 235, 225),
        )
    # Trees, awnings and people along the kerb
    for _ in range(rnd.randint(3, 8)):
        tx = rnd.randint(0, w)
        ty = horizon + rnd.randint(0, h // 10)
        r = rnd.randint(h // 20, h // 9)
        draw.rectangle((tx - r // 8, ty - r, tx + r // 8, ty + r // 2), fill=(80, 60, 40))
        for _ in range(6):
            ox, oy = rnd.randint(-r, r), rnd.randint(-r, r // 3)
            g = rnd.randint(90, 150)
            draw.ellipse(
                (tx + ox - r, ty - 2 * r + oy - r // 2, tx + ox + r, ty - 2 * r + oy + r),
                fill=(g // 3, g, g // 3),
            )
    for _ in range(rnd.randint(2, 6)):
        ax = rnd.randint(0, w)
        ay = horizon + rnd.randint(h // 30, h // 6)
        aw = rnd.randint(w // 20, w // 10)
        color = rnd.choice([(200, 40, 40), (40, 90, 190), (230, 190, 40), (240, 240, 240)])
        draw.polygon(
            [
                (ax, ay),
                (ax + aw, ay),
                (ax + aw - aw // 6, ay - aw // 3),
                (ax + aw // 6, ay - aw // 3),
            ],
            fill=color,
        )
        draw.rectangle((ax + aw // 8, ay, ax + aw - aw // 8, ay + aw // 2), fill=(120, 100, 80))
    for _ in range(rnd.randint(3, 10)):
        px = rnd.randint(0, w)
        py = horizon + rnd.randint(h // 10, h // 3)
        ph = int((py - horizon) * 0.5) + 10
        coat = rnd.choice([(30, 50, 110), (40, 40, 40), (200, 120, 30), (60, 120, 60)])
        draw.rectangle((px - ph // 8, py - ph, px + ph // 8, py), fill=coat)
        draw.ellipse(
            (px - ph // 10, py - ph - ph // 5, px + ph // 10, py - ph), fill=(220, 180, 150)
        )
    # Optics and sensor: a little blur, grain and a vignette.
    im = im.filter(ImageFilter.GaussianBlur(max(0.6, w / 2400)))
    noise = Image.effect_noise((w, h), rnd.randint(18, 30)).convert("RGB")
    im = Image.blend(im, noise, 0.06)
    vignette = Image.radial_gradient("L").resize((w, h))
    im = Image.composite(
        im, Image.new("RGB", (w, h), (20, 20, 25)), vignette.point(lambda v: 255 - v // 3)
    )
    return im


def phone_exif(
    orientation: int = 1, gps: tuple[float, float] | None = None, owner: str = ""
) -> Image.Exif:
    """EXIF as a phone writes it: camera, time, orientation, optionally GPS and the owner."""
    exif = Image.Exif()
    exif[0x010F] = "Xiaomi"  # Make
    exif[0x0110] = "Redmi Note 12"  # Model
    exif[0x0132] = "2026:11:26 09:12:44"  # DateTime
    exif[0x0112] = orientation
    if owner:
        exif[0x013B] = owner  # Artist
    if gps is not None:
        lat, lon = gps

        def dms(value: float) -> tuple[float, float, float]:
            d = int(value)
            m = int((value - d) * 60)
            return (float(d), float(m), round(((value - d) * 60 - m) * 60, 2))

        exif[0x8825] = {1: "N", 2: dms(lat), 3: "E", 4: dms(lon)}
    return exif


def phone_jpeg(
    seed: int,
    size: tuple[int, int] = (4032, 3024),
    *,
    rotate: bool = False,
    gps: bool = False,
    owner: str = "",
    quality: int = 88,
) -> bytes:
    """A phone's JPEG: with `rotate`, stored sideways with Orientation 6 (as held upright)."""
    im = scene(seed, *size)
    orientation = 1
    if rotate:
        im = im.transpose(Image.Transpose.ROTATE_90)  # stored sideways; 6 turns it back
        orientation = 6
    exif = phone_exif(orientation, WUYI if gps else None, owner)
    out = io.BytesIO()
    im.save(out, "JPEG", quality=quality, exif=exif.tobytes())
    return out.getvalue()


def add_sample_photos(root: Path, every: int = 3) -> list[str]:
    """Give every `every`-th sample article (and the 美丽家园 piece chosen below, several) a
    photo under content/articles/<key>/, with a caption; some carry GPS and are stored
    sideways, as phones write them. Articles that already have an image are left alone."""
    import re

    articles = sorted((root / "content" / "articles").glob("*.md"))
    changed = []
    for index, path in enumerate(articles):
        text = path.read_text(encoding="utf-8")
        many = path.stem == SEVERAL
        if "![" in text or (index % every and not many):
            continue
        category = re.search(r"^category: *(.+)$", text, re.M)
        general = CAPTIONS.get(category[1].strip() if category else "", "图为工作现场。")
        head, sep, body = text.partition("\n---\n")
        paragraphs = body.strip("\n").split("\n\n")
        count = 3 if many else 1
        folder = path.with_suffix("")
        folder.mkdir(exist_ok=True)
        for n in range(count):
            seed = index * 10 + n
            data = phone_jpeg(
                seed,
                (1280, 960),
                rotate=seed % 4 == 0,
                gps=seed % 3 == 0,
                owner="张晓燕" if seed % 5 == 0 else "",
                quality=78,
            )
            (folder / f"{n + 1}.jpg").write_bytes(data)
            caption = SEVERAL_CAPTIONS[n] if many else general
            image = f'![{caption}]({folder.name}/{n + 1}.jpg "{caption}")'
            at = min(len(paragraphs), 1 + n * 2)
            paragraphs.insert(at, image)
        path.write_text(head + sep + "\n" + "\n\n".join(paragraphs) + "\n", encoding="utf-8")
        changed.append(path.stem)
    return changed


# The 美丽家园 piece that gets several photos.
SEVERAL = "2026-05-21-dawn-street-sweepers"
SEVERAL_CAPTIONS = (
    "图为凌晨四点，保洁员刘师傅在解放街清扫路面。",
    "▲ 6时许，洗扫车对车行道进行洗扫作业。",
    "（图：清扫后的解放街。）",
)
CAPTIONS = {
    "执法动态": "图为执法队员在现场检查。",
    "市容整治": "图为整治后的街面。",
    "环卫保洁": "图为环卫工人在清扫街面。",
    "便民服务": "图为队员在现场为群众提供服务。",
    "法治宣传": "图为法治宣传活动现场。",
    "队伍建设": "图为活动现场。",
    "犬类管理": "图为犬类管理宣传现场。",
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("output", type=Path, help="a JPEG file, or the portal root with --sample")
    parser.add_argument("--sample", action="store_true", help="add photos to the sample articles")
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--size", default="4032x3024")
    parser.add_argument("--gps", action="store_true")
    parser.add_argument("--rotate", action="store_true")
    parser.add_argument("--quality", type=int, default=88)
    args = parser.parse_args()
    if args.sample:
        print("\n".join(add_sample_photos(args.output)))
        return
    width, height = (int(n) for n in args.size.split("x"))
    data = phone_jpeg(
        args.seed, (width, height), rotate=args.rotate, gps=args.gps, quality=args.quality
    )
    args.output.write_bytes(data)


if __name__ == "__main__":
    main()
