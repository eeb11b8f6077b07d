"""Browser tests: the real `starcoach serve` in a subprocess, driven by Playwright in Debian's Chromium.

They skip, saying why, when Chromium or Playwright is missing, except on CI (CI=true), where a missing
browser is a failure. Every test saves screenshots under test-artifacts/ for a person to look at.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest

CHROMIUM = Path("/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(__file__).resolve().parents[2] / "test-artifacts"


def _unavailable(message: str) -> None:
    if os.environ.get("CI", "").lower() == "true":
        pytest.fail(f"{message} (CI=true, so this is a failure, not a skip)")
    pytest.skip(message)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="session")
def base_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start `starcoach serve` on a free port with an empty data directory; yield its address."""
    data_dir = tmp_path_factory.mktemp("e2e-data")
    port = _free_port()
    env = {**os.environ, "STARCOACH_DATA_DIR": str(data_dir)}
    env.pop("STARCOACH_DATABASE_URL", None)
    log = (data_dir / "server.log").open("w")
    process = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "from starcoach.cli.main import run; run()",
            "serve",
            "--port",
            str(port),
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                with urllib.request.urlopen(url + "/check", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if process.poll() is not None or time.monotonic() > deadline:
                log.flush()
                pytest.fail("the server did not start:\n" + (data_dir / "server.log").read_text())
            time.sleep(0.2)
        yield url
    finally:
        process.terminate()
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
        log.close()


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """Launch Debian's Chromium through Playwright (no browser download)."""
    if not CHROMIUM.exists():
        _unavailable(f"Chromium is not installed at {CHROMIUM} (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _unavailable("Playwright for Python is not installed (pip install -e '.[dev]')")
        raise
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser: Any, base_url: str) -> Iterator[Any]:
    """Yield a fresh page (its own cookies) at a desktop size, with the server as base URL."""
    context = browser.new_context(base_url=base_url, viewport={"width": 1280, "height": 900})
    page = context.new_page()
    page.set_default_timeout(15_000)
    yield page
    context.close()


@pytest.fixture
def shoot() -> Any:
    """Return a function that saves a full-page screenshot under test-artifacts/."""
    ARTIFACTS.mkdir(exist_ok=True)

    def save(page: Any, name: str, *, full_page: bool = True) -> Path:
        path = ARTIFACTS / f"{name}.png"
        page.screenshot(path=str(path), full_page=full_page)
        return path

    return save


_A11Y_SCRIPT = """
() => {
  const problems = [];
  const visible = (el) => !!(el.offsetWidth || el.offsetHeight || el.getClientRects().length);
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.type === 'hidden') continue;
    const named = (el.labels && el.labels.length) || el.getAttribute('aria-label') || el.getAttribute('aria-labelledby');
    if (!named) problems.push('no label: ' + (el.id || el.name || el.outerHTML.slice(0, 60)));
  }
  for (const el of document.querySelectorAll('button, a[href]')) {
    if (!visible(el)) continue;
    const name = (el.textContent || '').trim() || el.getAttribute('aria-label');
    if (!name) problems.push('no text: ' + el.outerHTML.slice(0, 60));
  }
  for (const img of document.querySelectorAll('img')) {
    if (!img.getAttribute('alt')) problems.push('no alt: ' + img.src);
  }
  const ids = {};
  for (const el of document.querySelectorAll('[id]')) {
    if (el.closest('template')) continue;
    if (ids[el.id]) problems.push('duplicate id: ' + el.id);
    ids[el.id] = true;
  }
  if (!document.documentElement.lang) problems.push('no lang on <html>');
  if (!document.querySelector('h1')) problems.push('no h1');
  return problems;
}
"""


@pytest.fixture
def accessible() -> Any:
    """Return a check that every control on the page is labelled, every image described."""

    def check(page: Any) -> None:
        problems = page.evaluate(_A11Y_SCRIPT)
        assert problems == [], f"{page.url}: {problems}"

    return check


@pytest.fixture(scope="session")
def site(base_url: str) -> dict[str, str]:
    """Fill the app with stories and practice sessions; return each page name's address."""
    from e2e_site import seed

    return seed(base_url)


AXE_JS = (
    Path(__file__).resolve().parents[2]
    / ".cache"
    / "axe"
    / "node_modules"
    / "axe-core"
    / "axe.min.js"
)


@pytest.fixture(scope="session")
def axe_source() -> str:
    """Return axe-core's script (installed by `make test` with npm into .cache/axe)."""
    if not AXE_JS.exists():
        _unavailable(
            f"axe-core is not installed at {AXE_JS.relative_to(AXE_JS.parents[4])} "
            "(make test installs it: npm install --no-save --prefix .cache/axe axe-core@4)"
        )
    return AXE_JS.read_text(encoding="utf-8")
