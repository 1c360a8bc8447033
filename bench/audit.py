"""Audit speed: a generated 1,000-page site on 127.0.0.1 -> pages/s, peak memory, cold start.

Usage: python bench/audit.py [--pages 1000] [--cold-runs 5]
Default settings with the rate limit off (sitekit's default), --max-pages raised to the site.
"""

from __future__ import annotations

import argparse
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _server import served

OFFERS = [
    "leak repair",
    "drain cleaning",
    "water heaters",
    "bathroom refits",
    "boiler service",
    "pipe relining",
    "emergency call-out",
    "kitchen plumbing",
    "sump pumps",
    "gas fitting",
]
NAMES = ["Dana Whitfield", "Luis Ortega", "Priya Raman", "Tom Becker", "Mia Chen", "Sam Osei"]


def landing_page(n: int, total: int, rng: random.Random) -> str:
    """About 6 KB of realistic landing-page HTML linking to a handful of other pages."""
    offer = OFFERS[n % len(OFFERS)]
    links = sorted({rng.randrange(total) for _ in range(8)} | {(n + 1) % total})
    related = "".join(
        f'<li><a href="/p{k}/">{OFFERS[k % len(OFFERS)].title()} {k}</a></li>' for k in links
    )
    name = NAMES[n % len(NAMES)]
    paragraphs = "".join(
        f"<p>Our {offer} team visits homes across the city every day. You approve a fixed "
        f"price before any work starts, and we explain each step in plain words. Section {s} of "
        f"page {n} covers what happens on the day, what it costs and how long it takes.</p>"
        for s in range(14)
    )
    title = f"{offer.title()} today, fixed price | Page {n}"
    description = f"Get {offer} done today by licensed plumbers at a price agreed first."
    return f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>{title}</title>
<meta name="description" content="{description}">
<meta name="viewport" content="width=device-width, initial-scale=1"></head>
<body><header><a href="/">Northside</a><nav><ul><li><a href="/p0/">Services</a></li>
<li><a href="/p1/">Pricing</a></li><li><a href="/p2/">How it works</a></li>
<li><a href="/p3/">Free estimate</a></li><li><a href="/p4/">Contact</a></li></ul></nav></header>
<main><section class="hero"><h1>Your {offer} done today, at a price agreed first</h1>
<p>A licensed plumber at your door the same day. No surprises on the bill.</p>
<a class="button" href="/p3/">Get a free estimate</a></section>
<section><h2>How it works</h2><ol><li>Tell us what is wrong.</li><li>Approve a fixed price.</li>
<li>Get it fixed today.</li></ol>{paragraphs}</section>
<section><h2>What customers say</h2><blockquote><p>"Fixed in four hours for exactly the quoted
$340."</p><footer>{name}, homeowner, St. Johns</footer></blockquote>
<p>Rated 4.8 out of 5 from 320 reviews. 12-month guarantee: if it leaks again, we fix it free.</p>
</section><section><h2>Questions</h2><details><summary>How much will it cost?</summary><p>You get
a fixed price before any work starts.</p></details><details><summary>Can you come today?
</summary><p>Yes, for calls before noon.</p></details></section>
<section><h2>Related services</h2><ul>{related}</ul></section>
<p><a class="button" href="/p3/">Get a free estimate</a> or call
<a href="tel:+15035550142">+1 503 555 0142</a>, 7 am to 7 pm every day.</p></main>
<footer><address>2217 N Killingsworth St, Portland</address>
<a href="mailto:help@northside.example">help@northside.example</a></footer></body></html>
"""


def generate_site(root: Path, pages: int) -> Path:
    """Write `pages` pages: / links to every page so the crawl reaches them all."""
    rng = random.Random(42)
    root.mkdir(parents=True, exist_ok=True)
    for n in range(pages - 1):
        (root / f"p{n}").mkdir(exist_ok=True)
        (root / f"p{n}" / "index.html").write_text(landing_page(n, pages - 1, rng), "utf-8")
    home = landing_page(0, pages - 1, rng).replace(
        "<section><h2>Related services</h2>",
        "<section><h2>All services</h2><ul>"
        + "".join(f'<li><a href="/p{k}/">Service {k}</a></li>' for k in range(pages - 1))
        + "</ul></section><section><h2>Related services</h2>",
    )
    (root / "index.html").write_text(home, "utf-8")
    return root


def peak_memory_mb() -> tuple[float, float]:
    """(this process, the largest waited-for child) peak resident memory in MB (getrusage)."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    children = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss / 1024
    return own, children


def _descendants(root: int) -> list[int]:
    """Every process under `root` (the pool workers are the forkserver's children)."""
    parents: dict[int, int] = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        pid = frontier.pop()
        kids = [p for p, parent in parents.items() if parent == pid]
        found += kids
        frontier += kids
    return found


def _rss_kb(pid: int, field: str) -> int:
    try:
        for line in Path(f"/proc/{pid}/status").read_text().splitlines():
            if line.startswith(field + ":"):
                return int(line.split()[1])
    except OSError:
        pass
    return 0


class TreeMemory:
    """Samples the resident memory of this process and all its descendants (incl. pool
    workers under the forkserver) every 0.1 s; `peak_total_mb` is the largest sum seen."""

    def __init__(self) -> None:
        self.peak_total_kb = 0
        self.peak_worker_kb = 0
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        import os

        me = os.getpid()
        while not self._stop.wait(0.1):
            kids = _descendants(me)
            total = _rss_kb(me, "VmRSS") + sum(_rss_kb(pid, "VmRSS") for pid in kids)
            self.peak_total_kb = max(self.peak_total_kb, total)
            for pid in kids:
                self.peak_worker_kb = max(self.peak_worker_kb, _rss_kb(pid, "VmHWM"))

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


def audit_once(
    url: str, pages: int, keep: Path | None = None, profile: object = None
) -> tuple[float, int, str]:
    """(seconds, pages audited, sha256 of the JSON report) for one audit, default settings.

    The JSON report is streamed to a file as `sitekit audit --format json -o` does (`keep`,
    else a temporary file).
    """
    import hashlib

    from sitekit.audit.pipeline import run_audit
    from sitekit.audit.profile import load_profile
    from sitekit.crawl.settings import CrawlSettings
    from sitekit.report.json_report import write_json

    started = time.perf_counter()
    report = run_audit(url, profile=load_profile(), settings=CrawlSettings(max_pages=pages))
    with open(keep, "w+", encoding="utf-8") if keep else tempfile.TemporaryFile("w+") as out:
        write_json(report, out)
        seconds = time.perf_counter() - started
        out.seek(0)
        digest = hashlib.sha256()
        size = 0
        while chunk := out.read(1 << 20):
            digest.update(chunk.encode())
            size += len(chunk)
    return seconds, len(report.pages), f"{digest.hexdigest()} ({size:,} characters)"


def cold_start(url: str, runs: int, bytecode_cache: str | None = None) -> list[float]:
    """Wall time of `sitekit audit URL --max-pages 1 --format json` in a fresh process
    (a typical 6 KB page, not the home page that links to all 1,000).

    With `bytecode_cache` (a folder), Python keeps sitekit's compiled bytecode there, as an
    installed package has it; one untimed run fills it first. Without it the environment
    decides (PYTHONDONTWRITEBYTECODE=1 makes every run compile sitekit's sources again).
    """
    import os

    env = dict(os.environ)
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode_cache
    command = [sys.executable, "-m", "sitekit", "audit", url, "--max-pages", "1"]
    command += ["--format", "json"]
    times = []
    for n in range(runs + (1 if bytecode_cache else 0)):
        started = time.perf_counter()
        subprocess.run(command, check=True, capture_output=True, env=env)
        if bytecode_cache and n == 0:
            continue  # the run that writes the bytecode
        times.append(time.perf_counter() - started)
    return times


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--cold-runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        site = generate_site(Path(tmp) / "site", args.pages)
        sizes = [p.stat().st_size for p in site.rglob("*.html")]
        print(f"site: {len(sizes)} pages, median {statistics.median(sizes) / 1024:.1f} KB")
        with served(site) as url:
            with TreeMemory() as tree:
                seconds, audited, _ = audit_once(url, args.pages)
            own, _ = peak_memory_mb()
            print(f"audit: {audited} pages in {seconds:.2f} s = {audited / seconds:.0f} pages/s")
            print(
                f"peak memory: main process {own:.0f} MB (getrusage), largest pool worker "
                f"{tree.peak_worker_kb / 1024:.0f} MB, whole process tree "
                f"{tree.peak_total_kb / 1024:.0f} MB (sampled every 0.1 s)"
            )
            import os

            no_cache = os.environ.get("PYTHONDONTWRITEBYTECODE") and "sources compiled each run"
            times = cold_start(url + "p5/", args.cold_runs)
            print(
                f"cold start, one page (sitekit audit URL --max-pages 1 --format json): "
                f"median {statistics.median(times):.3f} s, min {min(times):.3f} s "
                f"over {len(times)} runs ({no_cache or 'bytecode as the environment has it'})"
            )
            with tempfile.TemporaryDirectory() as cache:
                times = cold_start(url + "p5/", args.cold_runs, cache)
            print(
                f"cold start, bytecode cached as after pip install: "
                f"median {statistics.median(times):.3f} s, min {min(times):.3f} s "
                f"over {len(times)} runs"
            )


if __name__ == "__main__":
    main()
