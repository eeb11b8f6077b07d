"""axe-core, the accessibility rules engine, run on every page at both widths: no serious or critical
violation (missing names, contrast too low, unreachable scroll areas, misused ARIA and the like)."""

from __future__ import annotations

from typing import Any

import pytest
from e2e_site import PAGE_NAMES, WIDTHS, open_page

_RUN_AXE = """
async () => {
  const result = await window.axe.run(document, {resultTypes: ['violations']});
  return result.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
  }));
}
"""


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("name", PAGE_NAMES)
def test_no_serious_accessibility_violation(
    browser: Any, base_url: str, site: dict[str, str], axe_source: str, name: str, width: int
) -> None:
    page = open_page(browser, base_url, site, name, width)
    try:
        # Evaluated through the browser's debugging channel, which the page's script policy allows.
        page.evaluate(axe_source)
        assert page.evaluate("typeof window.axe") == "object"
        violations = page.evaluate(_RUN_AXE)
        serious = [v for v in violations if v["impact"] in ("serious", "critical")]
        assert serious == [], f"{name} at {width}px: {serious}"
    finally:
        page.context.close()
