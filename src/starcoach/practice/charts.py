"""Draw scores over time as an SVG image, written by hand so the chart needs no plotting library.

SVG is text, opens in any browser, scales cleanly and can be checked by a test. Every label is
escaped; the file references nothing outside itself. One line per series (a prompt or a dimension),
scores on the 1-5 scale, points spaced by when the answer was given (or evenly when all fall on one
moment). Each point carries a tooltip with its date and value.
"""

from __future__ import annotations

import html
from collections.abc import Mapping, Sequence

from starcoach.practice.history import Point

__all__ = ["PALETTE", "progress_svg"]

# Eight colours that stay distinct for the common kinds of colour blindness (Okabe and Ito's set),
# with black first; markers also differ in shape, so colour is never the only signal.
PALETTE = ("#000000", "#E69F00", "#56B4E9", "#009E73", "#D55E00", "#0072B2", "#CC79A7", "#999999")
_SHAPES = ("circle", "square", "diamond", "triangle")
_LOW, _HIGH = 1.0, 5.0
NARROW_WIDTH = 520
"""Charts narrower than this (in pixels) use the phone layout: the legend under the plot."""


def _marker(shape: str, x: float, y: float, colour: str, tip: str) -> str:
    title = f"<title>{html.escape(tip)}</title>"
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="4" fill="{colour}">{title}</circle>'
    if shape == "square":
        return (
            f'<rect x="{x - 4:.1f}" y="{y - 4:.1f}" width="8" height="8" fill="{colour}">'
            f"{title}</rect>"
        )
    if shape == "diamond":
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y:.1f} {x:.1f},{y + 5:.1f} {x - 5:.1f},{y:.1f}"
    else:
        points = f"{x:.1f},{y - 5:.1f} {x + 5:.1f},{y + 4:.1f} {x - 5:.1f},{y + 4:.1f}"
    return f'<polygon points="{points}" fill="{colour}">{title}</polygon>'


def progress_svg(
    series: Mapping[str, Sequence[Point]],
    title: str = "Scores over time",
    *,
    width: int = 760,
    height: int = 380,
) -> str:
    """Return an SVG document charting each named series of scores (1-5) against time.

    Below `NARROW_WIDTH` (a phone) the legend goes under the plot, one series a row, and the type is
    larger, so the chart stays readable when a small screen shows it at its own size.
    """
    narrow = width < NARROW_WIDTH
    small, big = (14, 17) if narrow else (12, 16)
    left, right, top, bottom = (34, 14, 40, 44) if narrow else (48, 190, 40, 44)
    legend_row = small + 8 if narrow else 20
    plot_w = width - left - right
    plot_h = height - top - bottom
    if narrow:
        height += 8 + legend_row * len(series)
    points = [p for values in series.values() for p in values]
    times = sorted({p.when for p in points})
    first, last = (times[0], times[-1]) if times else (None, None)
    spread = (last - first).total_seconds() if first is not None and last is not None else 0.0
    # Evenly spaced by order when every point falls on one moment (or there is only one).
    order = {when: i for i, when in enumerate(times)}

    def x_of(point: Point) -> float:
        if spread > 0 and first is not None:
            fraction = (point.when - first).total_seconds() / spread
        else:
            fraction = order[point.when] / max(len(times) - 1, 1) if len(times) > 1 else 0.5
        return left + fraction * plot_w

    def y_of(value: float) -> float:
        clamped = min(max(value, _LOW), _HIGH)
        return top + (1 - (clamped - _LOW) / (_HIGH - _LOW)) * plot_h

    out = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{width}" height="{height}" '
        f'viewBox="0 0 {width} {height}" role="img" aria-labelledby="chart-title">',
        f'<title id="chart-title">{html.escape(title)}</title>',
        f'<rect width="{width}" height="{height}" fill="#ffffff"/>',
        f'<text x="{8 if narrow else left}" y="24" font-family="sans-serif" font-size="{big}" fill="#111">'
        f"{html.escape(title)}</text>",
    ]
    for level in range(1, 6):
        y = y_of(level)
        out.append(
            f'<line x1="{left}" y1="{y:.1f}" x2="{left + plot_w}" y2="{y:.1f}" '
            'stroke="#dddddd" stroke-width="1"/>'
        )
        out.append(
            f'<text x="{left - 8}" y="{y + 4:.1f}" font-family="sans-serif" font-size="{small}" '
            f'text-anchor="end" fill="#333">{level}</text>'
        )
    axis_y = top + plot_h + 18
    # Answers given on one day are told apart by the time.
    stamp = (
        "%Y-%m-%d %H:%M"
        if first is not None and last is not None and first.date() == last.date()
        else "%Y-%m-%d"
    )
    if first is not None and last is not None:
        out.append(
            f'<text x="{left}" y="{axis_y}" font-family="sans-serif" font-size="{small}" '
            f'fill="#333">{first.strftime(stamp)}</text>'
        )
        if last != first:
            out.append(
                f'<text x="{left + plot_w}" y="{axis_y}" font-family="sans-serif" font-size="{small}" '
                f'text-anchor="end" fill="#333">{last.strftime(stamp)}</text>'
            )
    if not points:
        out.append(
            f'<text x="{left + plot_w / 2:.1f}" y="{top + plot_h / 2:.1f}" font-family="sans-serif" '
            'font-size="14" text-anchor="middle" fill="#333">No scored answers yet</text>'
        )
    for k, (name, values) in enumerate(series.items()):
        colour = PALETTE[k % len(PALETTE)]
        shape = _SHAPES[k % len(_SHAPES)]
        coords = [(x_of(p), y_of(p.value), p) for p in values]
        if len(coords) > 1:
            path = " ".join(f"{x:.1f},{y:.1f}" for x, y, _ in coords)
            out.append(
                f'<polyline points="{path}" fill="none" stroke="{colour}" stroke-width="2"/>'
            )
        for x, y, p in coords:
            tip = f"{name}: {p.value:g} on {p.when:%Y-%m-%d %H:%M}"
            out.append(_marker(shape, x, y, colour, tip))
        if narrow:
            legend_x, legend_y = left, top + plot_h + bottom + 8 + k * legend_row
        else:
            legend_x, legend_y = left + plot_w + 24, top + 8 + k * legend_row
        out.append(_marker(shape, legend_x, legend_y, colour, name))
        out.append(
            f'<text x="{legend_x + 12}" y="{legend_y + 5}" font-family="sans-serif" '
            f'font-size="{small}" fill="#111">{html.escape(name)}</text>'
        )
    out.append("</svg>")
    return "\n".join(out) + "\n"
