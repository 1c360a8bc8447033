"""Crawler throughput: fetch + link extraction of a generated 1,000-page site on 127.0.0.1.

Usage: python bench/crawl.py [PAGES] [CONCURRENCY]   (prints pages/s; no assertions)
"""

from __future__ import annotations

import sys
import tempfile
import time
import tracemalloc
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import served

from sitekit.crawl.crawler import Crawler
from sitekit.crawl.settings import CrawlSettings

SENTENCE = "Fresh flowers delivered to her door by five, so you never miss a moment. "


def make_site(root: Path, pages: int) -> None:
    """`pages` pages of ~6 KB, each linking to ten others, so a crawl finds them all."""
    text = SENTENCE * 57  # ~4.3 KB of text; the page is ~6 KB
    for n in range(pages):
        links = "".join(f'<a href="/p{(n * 7 + k) % pages}/">Page {k}</a>' for k in range(1, 11))
        html = (
            f"<!doctype html><html lang=en><head><title>Page {n}</title></head><body>"
            f"<nav>{links}</nav><h1>Get flowers {n}</h1><p>{text}</p></body></html>"
        )
        folder = root if n == 0 else root / f"p{n}"
        folder.mkdir(parents=True, exist_ok=True)
        (folder / "index.html").write_text(html, encoding="utf-8")


def main() -> None:
    pages = int(sys.argv[1]) if len(sys.argv) > 1 else 1000
    concurrency = int(sys.argv[2]) if len(sys.argv) > 2 else 4
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        make_site(root, pages)
        with served(root) as base:
            settings = CrawlSettings(max_pages=pages, concurrency=concurrency)
            started = time.perf_counter()
            got = sum(1 for page in Crawler(base, settings) if page.body)
            seconds = time.perf_counter() - started
            print(
                f"http: {got} pages in {seconds:.2f} s = {got / seconds:.0f} pages/s "
                f"(fetch + link extraction, concurrency {concurrency})"
            )
            started = time.perf_counter()
            got = sum(1 for page in Crawler(str(root), settings) if page.body)
            seconds = time.perf_counter() - started
            print(f"folder: {got} pages in {seconds:.2f} s = {got / seconds:.0f} pages/s")
            tracemalloc.start()
            for _page in Crawler(base, settings):
                pass
            peak = tracemalloc.get_traced_memory()[1] / 1e6
            tracemalloc.stop()
            print(f"http, traced: peak Python memory {peak:.1f} MB over {pages} pages")


if __name__ == "__main__":
    main()
