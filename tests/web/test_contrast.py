"""The stylesheet's colour pairs meet WCAG AA contrast (4.5:1 for text)."""

from __future__ import annotations

import re

import pytest

from starcoach.web.pages import STATIC_DIR

CSS = (STATIC_DIR / "app.css").read_text(encoding="utf-8")
VARS = dict(re.findall(r"--([a-z-]+):\s*(#[0-9a-fA-F]{6})\s*;", CSS))
WHITE = "#ffffff"

PAIRS = [
    ("text", "bg"),
    ("text", "card"),
    ("muted", "card"),
    ("muted", "bg"),
    ("primary", "card"),
    ("primary", "bg"),
    ("muted", "warning-bg"),
    ("muted", "error-bg"),
    ("muted", "suggestion-bg"),
    ("error", "error-bg"),
    ("warning", "warning-bg"),
    ("suggestion", "suggestion-bg"),
    ("ok", "ok-bg"),
    ("error", "card"),
    ("ok", "card"),
    *[("text", part) for part in ("situation", "task", "action", "result", "reflection")],
    *[("text", f"{sev}-bg") for sev in ("error", "warning", "suggestion")],
    *[
        (f"{part}-ink", f"{part}-tag")
        for part in ("situation", "task", "action", "result", "reflection")
    ],
]


def _luminance(colour: str) -> float:
    channels = [int(colour[i : i + 2], 16) / 255 for i in (1, 3, 5)]
    linear = [c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4 for c in channels]
    return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]


def contrast(a: str, b: str) -> float:
    """Return the WCAG contrast ratio of two colours."""
    high, low = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (high + 0.05) / (low + 0.05)


def test_the_ratio_is_computed_as_wcag_defines_it() -> None:
    assert contrast("#000000", WHITE) == pytest.approx(21.0)
    assert contrast(WHITE, WHITE) == pytest.approx(1.0)


@pytest.mark.parametrize(("fore", "back"), PAIRS)
def test_text_colour_pairs_meet_aa(fore: str, back: str) -> None:
    assert contrast(VARS[fore], VARS[back]) >= 4.5, (fore, back)


def test_white_text_on_the_header_and_primary_buttons_meets_aa() -> None:
    assert contrast(WHITE, VARS["primary"]) >= 4.5
    assert contrast(WHITE, VARS["primary-dark"]) >= 4.5
