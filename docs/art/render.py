"""Render docs/art/hero.svg to the example site's hero PNGs (1280 and 640 pixels wide) with
the local Chromium: python docs/art/render.py. Nothing is fetched; the SVG is the source."""

from __future__ import annotations

import sys
from pathlib import Path

REPO = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(REPO))

from playwright.sync_api import sync_playwright  # noqa: E402

from sitekit.browser.chromium import CHROMIUM_FLAGS, find_browser  # noqa: E402

SVG = Path(__file__).with_name("hero.svg")
OUT = REPO / "static" / "images"
WIDTHS = {"hero.png": 1280, "hero-640w.png": 640}


def main() -> None:
    svg = SVG.read_text(encoding="utf-8")
    with sync_playwright() as p:
        browser = p.chromium.launch(executable_path=find_browser(None), args=CHROMIUM_FLAGS)
        for name, width in WIDTHS.items():
            height = width * 3 // 4
            page = browser.new_page(viewport={"width": width, "height": height})
            scaled = svg.replace("<svg ", '<svg style="display:block;width:100%;height:auto" ', 1)
            page.set_content(f'<body style="margin:0">{scaled}</body>')
            page.screenshot(path=str(OUT / name))
            page.close()
        browser.close()


if __name__ == "__main__":
    main()
