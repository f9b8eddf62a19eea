"""Inline SVG charts for the HTML report (no JavaScript, nothing fetched from the network)."""

from __future__ import annotations

from markupsafe import Markup, escape

BAR_COLOURS = ("#2f6fb0", "#c46a1b")


def bar_chart(rows: list[tuple[str, list[float | None]]], series: list[str], width: int = 560) -> Markup:
    """Horizontal bars on a 0-1 scale, one group per metric and one bar per series (run)."""
    label_w, bar_h, gap = 170, 12, 8
    group_h = bar_h * len(series) + gap
    height = group_h * len(rows) + 30
    scale = width - label_w - 50
    parts = [_svg_open(width, height, "metric bar chart")]
    for i, (label, values) in enumerate(rows):
        y = 10 + i * group_h
        parts.append(f'<text x="{label_w - 6}" y="{y + bar_h}" text-anchor="end">{escape(label)}</text>')
        for k, value in enumerate(values):
            parts.append(_bar(label_w, y + k * bar_h, value, scale, bar_h - 2, BAR_COLOURS[k % len(BAR_COLOURS)]))
    parts.append(_axis(label_w, scale, height - 14))
    parts.append(_legend(series, width))
    parts.append("</svg>")
    return Markup("".join(parts))


def strip_chart(rows: list[tuple[str, list[tuple[str, float]]]], width: int = 560) -> Markup:
    """One row of dots per metric: each dot a case's value on a 0-1 scale (hover shows the case)."""
    label_w, row_h = 170, 22
    height = row_h * len(rows) + 30
    scale = width - label_w - 50
    parts = [_svg_open(width, height, "per-case distribution")]
    for i, (label, points) in enumerate(rows):
        y = 14 + i * row_h
        parts.append(f'<text x="{label_w - 6}" y="{y + 4}" text-anchor="end">{escape(label)}</text>')
        parts.append(f'<line x1="{label_w}" y1="{y}" x2="{label_w + scale}" y2="{y}" stroke="#ddd"/>')
        for case_id, value in points:
            x = label_w + max(0.0, min(1.0, value)) * scale
            parts.append(f'<circle cx="{x:.1f}" cy="{y}" r="4" fill="#2f6fb0" fill-opacity="0.45">'
                         f'<title>{escape(case_id)}: {value:.3f}</title></circle>')
    parts.append(_axis(label_w, scale, height - 14))
    parts.append("</svg>")
    return Markup("".join(parts))


def _svg_open(width: int, height: int, title: str) -> str:
    return (f'<svg xmlns="http://www.w3.org/2000/svg" role="img" aria-label="{escape(title)}" width="{width}" '
            f'height="{height}" viewBox="0 0 {width} {height}" font-family="system-ui, sans-serif" font-size="11">')


def _bar(x: int, y: int, value: float | None, scale: int, h: int, colour: str) -> str:
    if value is None:
        return f'<text x="{x + 4}" y="{y + h}" fill="#888">n/a</text>'
    w = max(0.0, min(1.0, value)) * scale
    return (f'<rect x="{x}" y="{y}" width="{w:.1f}" height="{h}" fill="{colour}"><title>{value:.3f}</title></rect>'
            f'<text x="{x + w + 4:.1f}" y="{y + h}">{value:.3f}</text>')


def _axis(x: int, scale: int, y: int) -> str:
    ticks = "".join(
        f'<line x1="{x + t * scale:.1f}" y1="{y - 4}" x2="{x + t * scale:.1f}" y2="{y}" stroke="#999"/>'
        f'<text x="{x + t * scale:.1f}" y="{y + 11}" text-anchor="middle" fill="#666">{t:g}</text>'
        for t in (0, 0.25, 0.5, 0.75, 1)
    )
    return f'<line x1="{x}" y1="{y}" x2="{x + scale}" y2="{y}" stroke="#999"/>{ticks}'


def _legend(series: list[str], width: int) -> str:
    if len(series) < 2:
        return ""
    items = "".join(
        f'<rect x="{width - 150}" y="{4 + k * 14}" width="10" height="10" fill="{BAR_COLOURS[k % len(BAR_COLOURS)]}"/>'
        f'<text x="{width - 136}" y="{13 + k * 14}">{escape(name)}</text>'
        for k, name in enumerate(series)
    )
    return items
