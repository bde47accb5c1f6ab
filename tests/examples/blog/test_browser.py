"""A visitor's journey through the blog in a real, headless Chromium.

The blog runs on a real server on a free loopback port, once through WSGI
and once through ASGI (uvicorn); Playwright drives the operating system's
Chromium (Debian's ``chromium`` package, which .ci/run installs).
Playwright's own browser downloads are never used. A missing browser fails
the test rather than skipping it: CI must run this journey.
"""

from __future__ import annotations

import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

import pytest
from playwright.sync_api import Browser
from playwright.sync_api import expect
from playwright.sync_api import Page
from playwright.sync_api import sync_playwright
from visitor import PASSWORD

from erlen import Erlen
from erlen_testing.live_server import LiveServer

CHROMIUM = "/usr/bin/chromium"
#: Headless, and nothing that reaches beyond the loopback server.
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    if shutil.which(CHROMIUM) is None:
        pytest.fail(
            f"Chromium is not at {CHROMIUM}. Install it from the operating"
            " system's packages (Debian: `apt-get install -y chromium`, which"
            " .ci/run does); Playwright's own browser downloads are not used."
        )
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture(params=["wsgi", "asgi"])
def page(
    browser: Browser, app: Erlen, request: pytest.FixtureRequest
) -> Iterator[Page]:
    """A fresh browser tab on the served blog; a screenshot if the test fails.

    The blog is served once by Werkzeug's WSGI server and once by uvicorn
    through ``app.asgi``: the same unchanged app, the same journey.
    """
    with LiveServer(app, interface=request.param) as server:
        context = browser.new_context(base_url=server.url)
        context.set_default_timeout(10_000)
        page = context.new_page()
        # The delete button asks "Delete this post for good?": say yes.
        page.on("dialog", lambda dialog: dialog.accept())
        try:
            yield page
        finally:
            # conftest.py's hook keeps the report of the test's call.
            report = getattr(request.node, "rep_call", None)
            if report is not None and report.failed:
                shot = Path(tempfile.mkdtemp(prefix="erlen-blog-")) / "failure.png"
                page.screenshot(path=str(shot), full_page=True)
                print(f"\nScreenshot of the page at the failure: {shot}")
            context.close()


def flash(page: Page) -> str:
    """The text of the flash messages on the page."""
    return " ".join(page.locator(".flash").all_inner_texts())


def test_journey(page: Page) -> None:
    page.goto("/")
    expect(page.locator("main")).to_contain_text("up and running")

    page.get_by_role("navigation").get_by_role("link", name="Register").click()
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Register").click()
    expect(page.locator(".flash.success")).to_contain_text("Your account is ready")

    # One bad input: the wrong password is refused, and says so.
    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill("not the password")
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".flash.error")).to_have_text("Wrong username or password.")

    page.get_by_label("Username").fill("grace")
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").click()
    expect(page.locator(".flash.success")).to_have_text("Welcome back, grace.")
    expect(page.locator("header.site .who")).to_have_text("grace")

    # Another: a post without a title is refused, and the text typed stays.
    page.get_by_role("navigation").get_by_role("link", name="New post").click()
    page.get_by_label("Text").fill("Written in a real browser.")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".flash.error")).to_have_text("A post needs a title.")
    expect(page.get_by_label("Text")).to_have_value("Written in a real browser.")

    page.get_by_label("Title").fill("First light")
    page.get_by_role("button", name="Publish").click()
    expect(page.locator(".flash.success")).to_have_text("Published “First light”.")
    post = page.locator("article.post")
    expect(post.locator("h2")).to_have_text("First light")
    expect(post).to_contain_text("Written in a real browser.")

    post.get_by_role("link", name="Edit").click()
    page.get_by_label("Title").fill("Second light")
    page.get_by_role("button", name="Save").click()
    expect(page.locator(".flash.success")).to_have_text("Saved “Second light”.")
    expect(page.locator("article.post h2")).to_have_text("Second light")

    page.locator("article.post").get_by_role("link", name="Edit").click()
    page.get_by_role("button", name="Delete this post").click()
    expect(page.locator(".flash.info")).to_have_text("Deleted “Second light”.")
    expect(page.locator("article.post")).to_have_count(0)

    page.get_by_role("button", name="Log out").click()
    expect(page.locator(".flash.info")).to_have_text("You are logged out.")
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


def test_the_stylesheet_is_applied(page: Page) -> None:
    page.goto("/")
    colour = page.locator("header.site").evaluate(
        "element => getComputedStyle(element).backgroundColor"
    )
    assert colour == "rgb(11, 110, 79)"
