"""Static, accessible SVG charts, built at build time: no JavaScript, readable at a glance.

Each chart has a <title> and <desc>, is `role="img"`, and is meant to stand beside a data
table with the same numbers (the table is the accessible source; the chart is the glance).
Colour is never the only signal: bars carry their value as text, heat-map cells a symbol.
ElementTree builds the markup, so labels from content are escaped by construction.
"""

from __future__ import annotations

import xml.etree.ElementTree as ET
from collections.abc import Sequence
from dataclasses import dataclass

from generator.render.feeds import xml_text

SVG_NS = "http://www.w3.org/2000/svg"
FONT = "'PingFang SC','Microsoft YaHei','Noto Sans CJK SC',sans-serif"
PALETTE = ("#0b4f9c", "#1d7a46", "#b35c00", "#6b3fa0", "#8f1d1d", "#2f6f7a")


def _el(
    parent: ET.Element | None, tag: str, text: str | None = None, **attrs: object
) -> ET.Element:
    attrib = {k.rstrip("_").replace("_", "-"): str(v) for k, v in attrs.items()}
    element = ET.Element(tag, attrib) if parent is None else ET.SubElement(parent, tag, attrib)
    if text is not None:
        element.text = xml_text(text)
    return element


def _svg(width: int, height: int, title: str, desc: str, ident: str) -> ET.Element:
    svg = _el(
        None,
        "svg",
        xmlns=SVG_NS,
        viewBox=f"0 0 {width} {height}",
        width="100%",
        role="img",
        aria_labelledby=f"{ident}-t {ident}-d",
        font_family=FONT,
        class_="pt-chart",
    )
    _el(svg, "title", title, id=f"{ident}-t")
    _el(svg, "desc", desc, id=f"{ident}-d")
    return svg


def _text_width(label: str) -> int:
    """Rough width at 14px: CJK characters are square, Latin ones about half."""
    return sum(14 if ord(c) > 0x2E80 else 8 for c in label)


@dataclass(frozen=True)
class Bar:
    label: str
    value: int
    note: str = ""  # shown after the value, e.g. "10 分"


def bar_chart(bars: Sequence[Bar], title: str, ident: str, unit: str = "", width: int = 640) -> str:
    """Horizontal bars, one per row, the value written at the end of each bar.

    `width` is the drawing's width in its own units: a narrower drawing keeps its 14-unit text
    readable when a phone scales it down to the screen.
    """
    label_width = max((_text_width(b.label) for b in bars), default=40) + 12
    row, top = 30, 8
    height = top + row * max(1, len(bars)) + 8
    notes = max((_text_width(f"{b.value}{unit}（{b.note}）") for b in bars if b.note), default=0)
    plot = max(60, width - label_width - max(120, notes + 12))
    peak = max((b.value for b in bars), default=0) or 1
    desc = "；".join(f"{b.label} {b.value}{unit}" for b in bars) or "无数据"
    svg = _svg(width, height, title, desc, ident)
    for index, bar in enumerate(bars):
        y = top + index * row
        _el(
            svg,
            "text",
            bar.label,
            x=label_width - 8,
            y=y + 19,
            text_anchor="end",
            font_size=14,
            fill="#1f2937",
        )
        length = round(plot * bar.value / peak)
        if bar.value:
            _el(
                svg,
                "rect",
                x=label_width,
                y=y + 5,
                width=max(length, 2),
                height=row - 10,
                fill=PALETTE[0],
                rx=2,
            )
        value = f"{bar.value}{unit}" + (f"（{bar.note}）" if bar.note else "")
        _el(svg, "text", value, x=label_width + length + 6, y=y + 19, font_size=14, fill="#1f2937")
    return ET.tostring(svg, encoding="unicode")


@dataclass(frozen=True)
class TargetBar:
    """A value against its target, e.g. a unit's submissions against its weekly quota."""

    label: str
    value: int
    target: int


def target_chart(bars: Sequence[TargetBar], title: str, ident: str, width: int = 440) -> str:
    """Bars with a dashed mark at each target; the text after each bar says "1/2 ✗ 差 1",
    and a met bar is filled, a short one outlined, so the result reads without colour."""
    label_width = max((_text_width(b.label) for b in bars), default=40) + 12
    row, top = 30, 8
    height = top + row * max(1, len(bars)) + 8
    plot = width - label_width - 110
    peak = max([b.value for b in bars] + [b.target for b in bars] + [1])
    scale = plot / peak
    met = sum(1 for b in bars if b.value >= b.target)
    desc = f"{len(bars)} 个单位中 {met} 个达标；" + "；".join(
        f"{b.label} {b.value}/{b.target}" for b in bars
    )
    svg = _svg(width, height, title, desc, ident)
    for index, bar in enumerate(bars):
        y = top + index * row
        ok = bar.value >= bar.target
        _el(
            svg,
            "text",
            bar.label,
            x=label_width - 8,
            y=y + 19,
            text_anchor="end",
            font_size=14,
            fill="#1f2937",
        )
        length = round(scale * bar.value)
        if bar.value:
            bar_el = _el(
                svg,
                "rect",
                x=label_width,
                y=y + 6,
                width=max(length, 2),
                height=row - 12,
                rx=2,
                fill="#1d7a46" if ok else "#fff",
            )
            if not ok:
                bar_el.set("stroke", "#b35c00")
                bar_el.set("stroke-width", "1.5")
        mark = label_width + round(scale * bar.target)
        _el(
            svg,
            "line",
            x1=mark,
            x2=mark,
            y1=y + 2,
            y2=y + row - 2,
            stroke="#1f2937",
            stroke_width=2,
            stroke_dasharray="3 2",
        )
        status = "✓" if ok else f"✗ 差 {bar.target - bar.value}"
        _el(
            svg,
            "text",
            f"{bar.value}/{bar.target} {status}",
            x=max(label_width + length, mark) + 6,
            y=y + 19,
            font_size=14,
            fill="#155d2f" if ok else "#7a3e00",
        )
    return ET.tostring(svg, encoding="unicode")


@dataclass(frozen=True)
class HeatCell:
    value: int | None  # None: not counted (the unit did not exist yet)
    target: int
    note: str = ""  # a tooltip, e.g. "白洋中队 2026-W19：1/1 达标"


def heat_map(
    rows: Sequence[str],
    columns: Sequence[str],
    cells: Sequence[Sequence[HeatCell]],
    title: str,
    ident: str,
    label_every: int = 4,
    natural_size: bool = False,
) -> str:
    """Units by weeks: a filled square when the quota was met, an outlined one with the count
    when short, a dot when not counted; the symbols read without colour.

    `natural_size` gives the drawing its width in pixels, so that on a phone it scrolls
    sideways instead of shrinking its labels below reading size.
    """
    label_width = max((_text_width(r) for r in rows), default=40) + 12
    size, top = 22, 40
    legend = 330
    width = max(label_width + size * len(columns) + 8, label_width + legend)
    height = top + size * len(rows) + 30
    met = sum(1 for row in cells for c in row if c.value is not None and c.value >= c.target)
    counted = sum(1 for row in cells for c in row if c.value is not None)
    svg = _svg(width, height, title, f"{counted} 个单位周中 {met} 个达到报送定额", ident)
    if natural_size:
        svg.set("width", str(width))
        svg.set("height", str(height))
    for index, label in enumerate(columns):
        if index % max(1, label_every) == 0:
            _el(
                svg,
                "text",
                label,
                x=label_width + index * size,
                y=top - 8,
                font_size=12,
                fill="#4a5568",
            )
    for r, label in enumerate(rows):
        y = top + r * size
        _el(
            svg,
            "text",
            label,
            x=label_width - 8,
            y=y + 15,
            text_anchor="end",
            font_size=13,
            fill="#1f2937",
        )
        for c, cell in enumerate(cells[r]):
            x = label_width + c * size
            if cell.value is None:
                mark = _el(svg, "circle", cx=x + size / 2, cy=y + size / 2, r=1.5, fill="#9aa5b1")
            elif cell.value >= cell.target:
                mark = _el(
                    svg,
                    "rect",
                    x=x + 1,
                    y=y + 1,
                    width=size - 2,
                    height=size - 2,
                    fill="#1d7a46",
                    rx=2,
                )
            else:
                mark = _el(svg, "g")
                _el(
                    mark,
                    "rect",
                    x=x + 1.5,
                    y=y + 1.5,
                    width=size - 3,
                    height=size - 3,
                    fill="#fff",
                    stroke="#b35c00",
                    stroke_width=1.5,
                    rx=2,
                )
                _el(
                    mark,
                    "text",
                    str(cell.value),
                    x=x + size / 2,
                    y=y + 15,
                    text_anchor="middle",
                    font_size=12,
                    fill="#7a3e00",
                )
            if cell.note:
                _el(mark, "title", cell.note)
    legend_y = top + len(rows) * size + 20
    _el(svg, "rect", x=label_width, y=legend_y - 11, width=12, height=12, fill="#1d7a46", rx=2)
    _el(svg, "text", "达标", x=label_width + 16, y=legend_y, font_size=12, fill="#1f2937")
    _el(
        svg,
        "rect",
        x=label_width + 60,
        y=legend_y - 11,
        width=12,
        height=12,
        fill="#fff",
        stroke="#b35c00",
        rx=2,
    )
    _el(
        svg,
        "text",
        "未达标（数字为报送篇数）",
        x=label_width + 76,
        y=legend_y,
        font_size=12,
        fill="#1f2937",
    )
    _el(svg, "circle", cx=label_width + 236, cy=legend_y - 5, r=1.5, fill="#9aa5b1")
    _el(svg, "text", "未设立", x=label_width + 244, y=legend_y, font_size=12, fill="#1f2937")
    return ET.tostring(svg, encoding="unicode")
