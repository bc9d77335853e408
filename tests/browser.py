"""Opening govgraph's HTML in a real headless Chromium (Debian's package), network blocked.

Used by the tests and by scripts/screenshots. Every request that is not to a local file is aborted
and recorded; console errors and page errors are recorded too.
"""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pytest

CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


def chromium_path() -> str | None:
    return os.environ.get("GOVGRAPH_CHROMIUM") or shutil.which("chromium")


def require_chromium() -> str:
    path = chromium_path()
    if path is None:
        if os.environ.get("GOVGRAPH_REQUIRE_BROWSER"):
            pytest.fail("GOVGRAPH_REQUIRE_BROWSER is set but chromium is not installed")
        pytest.skip("no chromium: apt-get install chromium (scripts/test does)")
    return path


@dataclass
class Visit:
    """What a page did while it was open."""

    page: Any
    external_requests: list[str] = field(default_factory=list)
    failed_requests: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)

    def js(self, expression: str) -> Any:
        return self.page.evaluate(expression)

    def wait_for(self, expression: str, timeout: float = 30.0) -> float:
        """Poll ``expression`` until truthy (wait_for_function would need eval, which the page's
        Content-Security-Policy forbids); return the seconds it took."""
        started = time.monotonic()
        while time.monotonic() - started < timeout:
            if self.page.evaluate(expression):
                return time.monotonic() - started
            time.sleep(0.05)
        raise AssertionError(f"timed out waiting for {expression}")


@contextmanager
def open_page(path: Path, viewport: tuple[int, int] = (1400, 900)) -> Iterator[Visit]:
    from playwright.sync_api import sync_playwright

    executable = require_chromium()
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=executable, args=CHROMIUM_ARGS)
        context = browser.new_context(viewport={"width": viewport[0], "height": viewport[1]})
        page = context.new_page()
        visit = Visit(page)

        def route(request_route: Any) -> None:
            url = request_route.request.url
            if url.startswith(("file:", "about:", "data:")):
                request_route.continue_()
            else:
                visit.external_requests.append(url)
                request_route.abort()

        context.route("**/*", route)
        page.on("requestfailed", lambda r: visit.failed_requests.append(r.url))
        page.on("console", lambda m: visit.errors.append(m.text) if m.type == "error" else None)
        page.on("pageerror", lambda e: visit.errors.append(str(e)))
        page.goto(path.resolve().as_uri())
        try:
            yield visit
        finally:
            browser.close()
