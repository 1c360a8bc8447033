"""Audit speed: a generated 1,000-page site on 127.0.0.1 -> pages/s, peak memory, CPU per page
by stage, cold start; at two page sizes: the 6 KB bench page and realistic 15-25 KB pages.

Usage: python bench/audit.py [--pages 1000] [--cold-runs 5] [--sizes 6k,large]
                             [--memory-pages 5000] [--scrapy-python PYTHON] [--no-stages]
Default settings with the rate limit off (sitekit's default), --max-pages raised to the site.
`--scrapy-python` names a Python with Scrapy installed (bench-only) to crawl the same site.
With PYTHONPATH set (e.g. a `git worktree` of older code), that code is measured instead;
stages are printed only for code that has this layout. Cold starts run `sys.executable`: to
time them as a user's installed copy starts (no editable-install finder or other development
.pth files in `site`), run this script with the Python of a fresh virtual environment that
has sitekit installed (`python -m venv V && V/bin/pip install . && V/bin/python bench/...`);
PYTHONPATH still points the timed processes at this checkout's code.
"""

from __future__ import annotations

import argparse
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import NamedTuple

if not os.environ.get("PYTHONPATH"):  # else measure the code PYTHONPATH names
    sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from _pages import NAMES, TOPICS, realistic_page
from _server import served

OFFERS = TOPICS  # the same services on both page sizes


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


def generate_site(root: Path, pages: int, size: str = "6k") -> Path:
    """Write `pages` pages (`size` "6k" or "large", 15-25 KB): / links to every page so the
    crawl reaches them all."""
    rng = random.Random(42)
    make = landing_page if size == "6k" else realistic_page
    root.mkdir(parents=True, exist_ok=True)
    for n in range(pages - 1):
        (root / f"p{n}").mkdir(exist_ok=True)
        (root / f"p{n}" / "index.html").write_text(make(n, pages - 1, rng), "utf-8")
    marker = "<section><h2>Related services</h2>" if size == "6k" else '<section class="related">'
    home = make(0, pages - 1, rng).replace(
        marker,
        "<section><h2>All services</h2><ul>"
        + "".join(f'<li><a href="/p{k}/">Service {k}</a></li>' for k in range(pages - 1))
        + "</ul></section>"
        + marker,
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


def _cpu_ticks(pid: int) -> int:
    """User + system CPU of a process so far, in clock ticks (/proc/PID/stat)."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except OSError:
        return 0
    return int(fields[11]) + int(fields[12])


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
    workers under the forkserver) every 0.1 s; `peak_total_mb` is the largest sum seen.
    `descendants_cpu` is the CPU seconds of the descendants, as last sampled (a worker's last
    0.1 s can be missed)."""

    def __init__(self, root: int | None = None) -> None:
        self.root = root  # the process whose tree is measured (default: this one)
        self.peak_total_kb = 0
        self.peak_worker_kb = 0
        self._ticks: dict[int, int] = {}
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)

    def _run(self) -> None:
        me = self.root or os.getpid()
        while not self._stop.wait(0.1):
            kids = _descendants(me)
            total = _rss_kb(me, "VmRSS") + sum(_rss_kb(pid, "VmRSS") for pid in kids)
            self.peak_total_kb = max(self.peak_total_kb, total)
            for pid in kids:
                self.peak_worker_kb = max(self.peak_worker_kb, _rss_kb(pid, "VmHWM"))
                self._ticks[pid] = max(self._ticks.get(pid, 0), _cpu_ticks(pid))

    @property
    def descendants_cpu(self) -> float:
        return sum(self._ticks.values()) / os.sysconf("SC_CLK_TCK")

    def __enter__(self) -> TreeMemory:
        self._thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        self._thread.join()


REPORT_BYTES = 0  # the last audit's page results as kept in memory (compressed)
# NEUTRAL_CWD: the timed processes start in an empty folder. `python -m sitekit` and the
# pool's fork server (started with `python -c`) put the working folder first on sys.path,
# before PYTHONPATH: run from a checkout, they would load that checkout's sitekit instead of
# the code PYTHONPATH names (the workers of a "before" run would run the "after" code).
# (Python 3.11's fork server is handed the parent's sys.path but does not apply it before it
# preloads sitekit.) So PYTHONPATH always names the code measured.


def code_env() -> dict[str, str]:
    """The environment of a timed process: PYTHONPATH names the code measured (this
    checkout unless PYTHONPATH is set)."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.environ.get("PYTHONPATH") or str(Path(__file__).resolve().parent.parent)
    return env


def audit_once(
    url: str, pages: int, keep: Path | None = None, profile: object = None
) -> tuple[float, int, str]:
    """(seconds, pages audited, sha256 of the JSON report) for one audit, default settings.

    The JSON report is streamed to a file as `sitekit audit --format json -o` does (`keep`,
    else a temporary file).
    """
    import hashlib

    try:
        from sitekit.audit.pipeline import run_audit
        from sitekit.audit.profile import load_profile
        from sitekit.crawl.settings import CrawlSettings
    except ImportError:  # the layout before issue 9 (a worktree of older code)
        from sitekit.profile import load_profile  # type: ignore[import-not-found,no-redef]

        from sitekit.audit import run_audit  # type: ignore[attr-defined,no-redef]
        from sitekit.crawl import CrawlSettings  # type: ignore[attr-defined,no-redef]
    from sitekit.report.json_report import write_json

    started = time.perf_counter()
    chosen = profile if profile is not None else load_profile()  # soak.py passes one profile
    report = run_audit(url, profile=chosen, settings=CrawlSettings(max_pages=pages))
    global REPORT_BYTES
    REPORT_BYTES = sum(map(len, getattr(report.pages, "_blobs", ())))  # kept compressed
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


COLD_CPU: list[float] = []  # CPU seconds (user + system) of each timed cold-start run


def cold_start(target: str, runs: int, bytecode_cache: str | None = None) -> list[float]:
    """Wall time of `sitekit audit TARGET --max-pages 1 --format json` in a fresh process
    (a URL of a typical page, not the home page that links to all 1,000, or a file).

    With `bytecode_cache` (a folder), Python keeps sitekit's compiled bytecode there, as an
    installed package has it; one untimed run fills it first. Without it the environment
    decides (PYTHONDONTWRITEBYTECODE=1 makes every run compile sitekit's sources again).
    """
    env = code_env()
    if bytecode_cache:
        env.pop("PYTHONDONTWRITEBYTECODE", None)
        env["PYTHONPYCACHEPREFIX"] = bytecode_cache
    command = [sys.executable, "-m", "sitekit", "audit", target, "--max-pages", "1"]
    command += ["--format", "json"]
    times = []
    COLD_CPU.clear()
    for n in range(runs + (1 if bytecode_cache else 0)):
        started = time.perf_counter()
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        with tempfile.TemporaryDirectory() as empty:  # see NEUTRAL_CWD
            done = subprocess.run(command, capture_output=True, env=env, cwd=empty)
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        if done.returncode not in (0, 1):  # 1: the page is below the default threshold
            raise SystemExit(f"sitekit audit {target} failed: {done.stderr.decode()[-500:]}")
        if bytecode_cache and n == 0:
            continue  # the run that writes the bytecode
        times.append(time.perf_counter() - started)
        COLD_CPU.append(after.ru_utime + after.ru_stime - before.ru_utime - before.ru_stime)
    return times


def python_floor(runs: int) -> float:
    """Median wall time of a bare `python -c pass` with the interpreter the cold starts use."""
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run([sys.executable, "-c", "pass"], check=True, env=code_env())
        times.append(time.perf_counter() - started)
    return statistics.median(times)


def scrapy_rate(python: str, url: str, pages: int) -> float | None:
    """Scrapy's pages/s on the same site (concurrency 16), or None when it cannot run."""
    script = Path(__file__).resolve().parent / "_scrapy_site.py"
    done = subprocess.run([python, str(script), url, str(pages)], capture_output=True, text=True)
    if done.returncode != 0 or not done.stdout.strip():
        print(f"  scrapy did not run: {done.stderr.strip()[-300:]}")
        return None
    return float(done.stdout.split()[-1])


class Run(NamedTuple):
    seconds: float
    pages: int
    worker_mb: float  # the largest pool worker's peak
    total_mb: float  # the whole process tree's peak
    cpu: float  # CPU seconds of the tree
    report_mb: float  # the page results kept in memory (compressed)
    main_cpu: float  # CPU seconds of the audit's main process (crawler, routing, report)


def tree_memory_run(url: str, pages: int) -> Run:
    """One audit run in a fresh process (this one's memory and the web server's are not
    counted)."""
    command = [sys.executable, __file__, "--audit-only", url, "--pages", str(pages)]
    with tempfile.TemporaryDirectory() as empty:  # see NEUTRAL_CWD
        child = subprocess.Popen(
            command, stdout=subprocess.PIPE, text=True, cwd=empty, env=code_env()
        )
        with TreeMemory(child.pid) as tree:
            out, _ = child.communicate()
    if child.returncode != 0:
        raise SystemExit(f"the audit of {url} failed")
    seconds, audited, own_cpu, report_bytes = out.split()
    cpu = float(own_cpu) + tree.descendants_cpu
    report_mb = int(report_bytes) / 1024 / 1024
    return Run(
        float(seconds),
        int(audited),
        tree.peak_worker_kb / 1024,
        tree.peak_total_kb / 1024,
        cpu,
        report_mb,
        float(own_cpu),
    )


def bench_size(size: str, args: argparse.Namespace, tmp: Path) -> None:
    label = "6 KB bench pages" if size == "6k" else "realistic 15-25 KB pages"
    site = generate_site(tmp / f"site-{size}", args.pages, size)
    sizes = [p.stat().st_size for p in site.rglob("*.html")]
    print(
        f"\n== {label}: {len(sizes)} pages, median {statistics.median(sizes) / 1024:.1f} KB, "
        f"load average {Path('/proc/loadavg').read_text().split()[0]} on {os.cpu_count()} cores"
    )
    with served(site) as url:
        scrapy = scrapy_rate(args.scrapy_python, url, args.pages) if args.scrapy_python else None
        seconds, audited, worker, total, cpu, report_mb, main_cpu = tree_memory_run(url, args.pages)
        rate = audited / seconds
        if scrapy:
            print(f"scrapy, concurrency 16 (fetch, parse, links, headings): {scrapy:.0f} pages/s")
        target = 2 * scrapy if scrapy else 290
        why = "twice Scrapy's, measured above" if scrapy else "twice Scrapy's 144 in issue 13"
        print(
            f"audit: {audited} pages in {seconds:.2f} s = {rate:.0f} pages/s "
            f"(target >= {target:.0f}, {why})"
        )
        print(
            f"CPU of the audit's process tree (crawler, pool workers, report): {cpu:.1f} s = "
            f"{cpu * 1000 / audited:.1f} ms a page ({cpu / seconds:.2f} cores busy on average); "
            f"main process {main_cpu:.1f} s = {main_cpu * 1000 / audited:.1f} ms a page "
            f"({main_cpu / cpu * 100:.0f} % of the tree's CPU)"
        )
        print(
            f"peak memory of the audit's process tree: {total:.0f} MB (sampled every 0.1 s; "
            f"largest pool worker {worker:.0f} MB)"
        )
        if args.memory_pages:
            big = generate_site(tmp / f"site-{size}-{args.memory_pages}", args.memory_pages, size)
            with served(big) as big_url:
                big = tree_memory_run(big_url, args.memory_pages)
            rest, big_rest = total - report_mb, big.total_mb - big.report_mb
            print(
                f"memory at {big.pages} pages ({big.pages / big.seconds:.0f} pages/s): process "
                f"tree {big.total_mb:.0f} MB vs {total:.0f} MB at {audited} "
                f"({(big.total_mb - total) / total * 100:+.1f} %); the report kept in memory "
                f"{big.report_mb:.0f} MB vs {report_mb:.0f} MB; apart from it {big_rest:.0f} MB vs "
                f"{rest:.0f} MB ({(big_rest - rest) / rest * 100:+.1f} %, target within 10 %); "
                f"largest worker {big.worker_mb:.0f} MB"
            )
        if not args.no_stages:
            print_stages(url, args.pages)
        page = tmp / f"page-{size}.html"
        page.write_bytes((site / "p5" / "index.html").read_bytes())
        floor = python_floor(args.cold_runs)
        print(
            f"python -c pass with this interpreter ({sys.executable}): median {floor:.3f} s "
            "(start-up no change to sitekit removes; its `site` step runs the environment's "
            ".pth files, e.g. an editable install's finder)"
        )
        for target_name, cold_target in (("URL", url + "p5/"), ("file", str(page))):
            with tempfile.TemporaryDirectory() as cache:
                times = cold_start(cold_target, args.cold_runs, cache)
            print(
                f"cold start, one page ({target_name}: sitekit audit {target_name} --format json, "
                f"whole process, bytecode cached as after pip install): median "
                f"{statistics.median(times):.3f} s, min {min(times):.3f} s over {len(times)} "
                f"runs (target < 0.35 s); CPU median {statistics.median(COLD_CPU):.3f} s"
            )


def print_stages(url: str, pages: int) -> None:
    try:
        from _stages import stage_cpu

        cpu = stage_cpu(url, pages)
    except ImportError as exc:  # older code without this layout
        print(f"CPU by stage: not measured for this code ({exc})")
        return
    total = sum(cpu[k] for k in ("fetch", "snapshot", "checks", "scoring"))
    print(
        f"CPU per page by stage, one process, {cpu['pages']} pages: fetch {cpu['fetch']:.2f} ms, "
        f"parse+snapshot {cpu['snapshot']:.2f} ms, checks {cpu['checks']:.2f} ms, scoring "
        f"{cpu['scoring']:.2f} ms; total {total:.2f} ms (two cores: at most "
        f"{2000 / total:.0f} pages/s)"
    )
    top = sorted(cpu["per_check"].items(), key=lambda kv: -kv[1])[:8]
    print("  slowest checks, ms a page: " + ", ".join(f"{k} {v:.2f}" for k, v in top))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=1000)
    parser.add_argument("--cold-runs", type=int, default=5)
    parser.add_argument("--sizes", default="6k,large", help="comma-separated: 6k, large")
    parser.add_argument("--memory-pages", type=int, default=0, help="also audit this many")
    parser.add_argument("--scrapy-python", default="", help="a Python that has Scrapy")
    parser.add_argument("--no-stages", action="store_true", help="skip CPU by stage")
    parser.add_argument("--audit-only", metavar="URL", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.audit_only:  # one audit, for tree_memory_run: prints seconds, pages, own CPU
        seconds, audited, _ = audit_once(args.audit_only, args.pages)
        own = resource.getrusage(resource.RUSAGE_SELF)
        print(seconds, audited, own.ru_utime + own.ru_stime, REPORT_BYTES)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for size in args.sizes.split(","):
            bench_size(size.strip(), args, Path(tmp))


if __name__ == "__main__":
    main()
