"""Every page at a laptop width and a phone width: nothing wider than the screen, every advice
tooltip on screen, and a screenshot of each for a person to look at (test-artifacts/screenshots/)."""

from __future__ import annotations

from typing import Any

import pytest
from e2e_site import PAGE_NAMES, SCREENSHOTS, WIDTHS, open_page

# The elements wider than the viewport, named so a failure says what to fix.
_OVERFLOW = """
() => {
  const width = document.documentElement.clientWidth;
  const wide = [];
  for (const el of document.querySelectorAll('body *')) {
    const box = el.getBoundingClientRect();
    if (box.width === 0 || box.right <= width + 0.5) continue;
    // Inside a scroll container the box may run past the screen: the container scrolls. An absolutely
    // placed box is clipped only by containers from its containing block up.
    const placed = ['absolute', 'fixed'].includes(getComputedStyle(el).position);
    let clipped = false;
    for (let up = placed ? el.offsetParent : el.parentElement; up && up !== document.body; up = up.parentElement) {
      if (getComputedStyle(up).overflowX !== 'visible' && up.getBoundingClientRect().right <= width + 0.5) {
        clipped = true;
        break;
      }
    }
    if (!clipped) {
      wide.push(el.tagName.toLowerCase() + (el.className ? '.' + String(el.className).split(' ')[0] : '')
        + ' ' + Math.round(box.left) + '-' + Math.round(box.right));
    }
  }
  return {scrollWidth: document.documentElement.scrollWidth, width, wide: wide.slice(0, 8)};
}
"""

# Boxes that scroll sideways, and whether a keyboard user can reach them and hear what they are.
_SCROLLERS = """
() => Array.from(document.querySelectorAll('body *'))
  .filter((el) => !['TEXTAREA', 'SELECT', 'INPUT'].includes(el.tagName))
  .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX))
  .filter((el) => el.scrollWidth > el.clientWidth + 1)
  .map((el) => ({
    html: el.outerHTML.slice(0, 80),
    focusable: el.tabIndex >= 0,
    named: !!(el.getAttribute('aria-label') || el.getAttribute('aria-labelledby')),
  }))
"""

# Show each highlight's tooltip by focusing it, once with the highlight mid-screen and once with it
# at the bottom edge (where a tooltip below it would fall off), and measure where the tooltip lands.
_TOOLTIPS = """
async () => {
  const out = [];
  const marks = Array.from(document.querySelectorAll('mark.hl[aria-describedby]'));
  for (const [i, mark] of marks.entries()) {
    for (const block of ['center', 'end']) {
      mark.scrollIntoView({block, inline: 'nearest'});
      mark.focus({preventScroll: true});
      await new Promise(requestAnimationFrame);
      const tip = document.getElementById(mark.getAttribute('aria-describedby'));
      const box = tip.getBoundingClientRect();
      out.push({
        mark: i, block, text: mark.textContent.slice(0, 30),
        shown: getComputedStyle(tip).display !== 'none',
        left: box.left, right: box.right, top: box.top, bottom: box.bottom,
        width: document.documentElement.clientWidth, height: window.innerHeight,
      });
      mark.blur();
    }
  }
  return out;
}
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_page_fits_the_screen_with_tooltips_on_it(
    browser: Any, base_url: str, site: dict[str, str], name: str, width: int
) -> None:
    page = open_page(browser, base_url, site, name, width)
    try:
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
        overflow = page.evaluate(_OVERFLOW)
        assert overflow["scrollWidth"] <= overflow["width"], f"{name} at {width}px: {overflow}"
        assert overflow["wide"] == [], f"{name} at {width}px: {overflow}"
        scrollers = page.evaluate(_SCROLLERS)
        unreachable = [s for s in scrollers if not (s["focusable"] and s["named"])]
        assert unreachable == [], f"{name} at {width}px: scroll areas a keyboard cannot reach"
        tips = page.evaluate(_TOOLTIPS)
        if name in ("check-results", "practice-report"):
            assert tips, f"{name}: expected highlighted phrases with advice"
        off = [
            t
            for t in tips
            if not t["shown"]
            or t["left"] < 0
            or t["right"] > t["width"]
            or t["top"] < 0
            or t["bottom"] > t["height"]
        ]
        assert off == [], (
            f"{name} at {width}px: {len(off)} of {len(tips)} tooltips off screen: {off[:4]}"
        )
    finally:
        page.context.close()


@pytest.mark.parametrize("name", ["progress", "coverage"])
def test_a_wide_table_scrolls_from_the_keyboard_on_a_phone(
    browser: Any, base_url: str, site: dict[str, str], name: str
) -> None:
    page = open_page(browser, base_url, site, name, 390)
    try:
        wrap = page.locator(".table-wrap").last
        assert wrap.evaluate("el => el.scrollWidth > el.clientWidth"), "the table should scroll"
        for _ in range(60):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement.classList.contains('table-wrap')"):
                break
        assert page.evaluate("document.activeElement.classList.contains('table-wrap')")
        label = page.evaluate("document.activeElement.getAttribute('aria-label')")
        assert label and "table" in label
        page.keyboard.press("ArrowRight")
        page.keyboard.press("ArrowRight")
        for _ in range(20):
            if page.evaluate("document.activeElement.scrollLeft") > 0:
                break
            page.wait_for_timeout(50)
        assert page.evaluate("document.activeElement.scrollLeft") > 0
    finally:
        page.context.close()


# The smallest text in each chart image as the screen shows it: the font size in the SVG times the
# scale the image is drawn at.
_CHART_TEXT = """
async () => {
  const out = [];
  for (const img of document.querySelectorAll('img.chart')) {
    const svg = await (await fetch(img.currentSrc)).text();
    const sizes = Array.from(svg.matchAll(/font-size="([0-9.]+)"/g), (m) => parseFloat(m[1]));
    out.push({src: img.currentSrc, smallest: Math.min(...sizes) * img.clientWidth / img.naturalWidth});
  }
  return out;
}
"""


@pytest.mark.parametrize("width", WIDTHS)
def test_progress_chart_text_is_readable(
    browser: Any, base_url: str, site: dict[str, str], width: int
) -> None:
    page = open_page(browser, base_url, site, "progress", width)
    try:
        charts = page.evaluate(_CHART_TEXT)
        assert len(charts) == 2
        for chart in charts:
            assert chart["smallest"] >= 11, (
                f"chart text drawn at {chart['smallest']:.1f}px: {chart}"
            )
    finally:
        page.context.close()


def test_the_sections_fit_one_row_on_a_phone(
    browser: Any, base_url: str, site: dict[str, str]
) -> None:
    page = open_page(browser, base_url, site, "progress", 390)
    try:
        tops = page.evaluate(
            "Array.from(document.querySelectorAll('.nav a'), (a) => a.getBoundingClientRect().top)"
        )
        assert len(tops) == 5 and len(set(tops)) == 1, f"the navigation wraps: {tops}"
    finally:
        page.context.close()
