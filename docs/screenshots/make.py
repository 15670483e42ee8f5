"""Make the screenshots in this folder: each kind of page `cxkit render` writes, at desktop width
(1280 px) and phone width (390 px), from the example workspace and its change files.

    .venv/bin/python docs/screenshots/make.py

It needs what the browser tests need: the test extra (Playwright) and Debian's `chromium` on
PATH (no browser is downloaded). Each picture is the top of its page, at most 1,400 px tall on a
phone and 1,000 px on a desktop, so the files stay small.
"""

from __future__ import annotations

import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

# The repository root is on the path only now; TODAY is the tests' day, so the pages match theirs.
from tests.browser import harness  # noqa: E402
from tests.conftest import TODAY  # noqa: E402

CHANGE = "ivr-callback"
# Screenshot name: page, in the output folder of `render_all`.
PAGES = {
    "briefing-index": f"{CHANGE}/index.html",
    "briefing-stakeholders": f"{CHANGE}/stakeholders.html",
    "briefing-team": f"{CHANGE}/teams/contact-centre.html",
    "briefing-informed": f"{CHANGE}/informed.html",
    "briefing-customers": f"{CHANGE}/customers.html",
    "briefing-raci": "new-billing-platform/raci.html",  # the larger matrix
    "briefing-timeline": f"{CHANGE}/timeline.html",
    "briefing-journey": f"{CHANGE}/journeys/billing-dispute.html",
    "maps-index": "maps/index.html",
    "maps-journey": "maps/journeys/billing-dispute.html",
}
WIDTHS = {"desktop": (harness.DESKTOP, 1000), "phone": (harness.PHONE, 1400)}


def main() -> None:
    from playwright.sync_api import sync_playwright

    chromium = harness.chromium()
    if chromium is None:
        sys.exit("chromium is not installed (not on PATH)")
    with tempfile.TemporaryDirectory() as folder:
        out = harness.render_all(harness.EXAMPLE, harness.CHANGES, Path(folder), today=TODAY)
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=chromium)
            for width_name, (width, most) in WIDTHS.items():
                context = browser.new_context(viewport={"width": width, "height": most})
                page = context.new_page()
                for name, page_path in PAGES.items():
                    page.goto((out / page_path).as_uri())
                    tall = page.evaluate("Math.ceil(document.body.getBoundingClientRect().bottom)")
                    shot = HERE / f"{name}-{width_name}.png"
                    clip = {"x": 0, "y": 0, "width": width, "height": min(tall, most)}
                    page.screenshot(path=shot, clip=clip, full_page=True)
                    print(shot.relative_to(HERE.parent.parent))
                context.close()
            browser.close()


if __name__ == "__main__":
    main()
