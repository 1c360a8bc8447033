"""Scrapy on the bench site, for comparison: fetch, parse, extract links and headings.

Run with a Python that has Scrapy (bench-only, not a sitekit dependency):
    python bench/_scrapy_site.py URL PAGES [CONCURRENCY]
Prints one line: pages, seconds, pages/s.
"""

from __future__ import annotations

import sys
import time

import scrapy  # type: ignore[import-not-found]
from scrapy.crawler import CrawlerProcess  # type: ignore[import-not-found]


class Site(scrapy.Spider):  # type: ignore[misc]
    name = "site"
    seen = 0

    def parse(self, response: object) -> object:
        Site.seen += 1
        yield {"url": response.url, "headings": response.css("h1::text, h2::text").getall()}  # type: ignore[attr-defined]
        for href in response.css("a::attr(href)").getall():  # type: ignore[attr-defined]
            if href.startswith("/"):
                yield response.follow(href, self.parse)  # type: ignore[attr-defined]


def main() -> None:
    url, pages = sys.argv[1], int(sys.argv[2])
    concurrency = int(sys.argv[3]) if len(sys.argv) > 3 else 16
    process = CrawlerProcess(
        {
            "LOG_LEVEL": "ERROR",
            "CONCURRENT_REQUESTS": concurrency,
            "CONCURRENT_REQUESTS_PER_DOMAIN": concurrency,
            "CLOSESPIDER_PAGECOUNT": pages,
            "ROBOTSTXT_OBEY": False,
            "TELNETCONSOLE_ENABLED": False,
            "ITEM_PIPELINES": {},
        }
    )
    process.crawl(Site, start_urls=[url])
    started = time.perf_counter()
    process.start()
    seconds = time.perf_counter() - started
    print(f"{Site.seen} {seconds:.3f} {Site.seen / seconds:.1f}")


if __name__ == "__main__":
    main()
