"""Many sites at once: 50 generated sites of 20 pages, served on 127.0.0.1 by one server process
(one port per site), audited with `sitekit audit --targets`: sites/minute and peak memory.

    python bench/sites.py [--sites-count 50] [--pages 20] [--concurrent 1,4,8] [--loop]

Each run is the real command in its own process; memory is sampled every 20 ms as the RSS of
that process and of everything it started (its workers), summed, and CPU as the user+system
seconds of the same processes (CPU per site moves less than wall time on a busy machine).
`--loop` also times the way without --targets: one `sitekit audit URL` process per site, one
after another.
"""

from __future__ import annotations

import argparse
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

SERVER = """
import functools, http.server, json, socket, sys, threading
class H(http.server.SimpleHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    def log_message(self, *a): pass
ports = []
for root in sys.argv[1:]:
    srv = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(H, directory=root))
    srv.daemon_threads = True
    threading.Thread(target=srv.serve_forever, daemon=True).start()
    ports.append(srv.server_address[1])
print(json.dumps(ports), flush=True)
threading.Event().wait()
"""

TOPICS = ("leak repair", "tax returns", "dog grooming", "roof cleaning", "bike servicing")


def page(site: int, n: int, pages: int) -> str:
    """One page of site `site`: nav, a heading, sections, links to five other pages, a footer."""
    topic = TOPICS[site % len(TOPICS)]
    benefit = site % 3 != 0  # a third of the sites lead with the seller instead
    h1 = f"Your {topic} done today, at a fixed price" if benefit else f"Welcome to Firm {site}"
    nav = "".join(f'<a href="/p{k}/">Page {k}</a> ' for k in range(1, min(6, pages)))
    links = "".join(
        f'<li><a href="/p{1 + (n + k) % (pages - 1)}/">More on {topic} {k}</a></li>'
        for k in range(1, 6)
    )
    sentence = (
        f"You tell us what you need and we quote a price before we start. {topic.title()} "
        "is done by trained staff, checked twice and guaranteed for 12 months. "
    )
    sections = "".join(
        f"<h2>Section {s}: how the {topic} works</h2><p>{sentence * 8}</p>" for s in range(6)
    )
    proof = (
        '<blockquote>"Done in two hours for the quoted $120." - Sam Reyes, customer</blockquote>'
        if site % 2
        else ""
    )
    return (
        f'<!doctype html><html lang="en"><head><title>{topic.title()} {n} - Firm {site}</title>'
        f'<meta name="description" content="{topic} at a fixed price."></head><body>'
        f"<header><nav>{nav}</nav></header><main><h1>{h1}</h1>"
        f'<p>Get a quote in one minute.</p><a class="button" href="/p1/">Get a free quote</a>'
        f"{proof}{sections}<ul>{links}</ul></main>"
        f'<footer><a href="tel:+15035550142">+1 503 555 0142</a></footer></body></html>'
    )


def generate(root: Path, count: int, pages: int) -> list[Path]:
    """`count` sites of `pages` pages each: index.html, linking to every other page."""
    sites = []
    for site in range(count):
        folder = root / f"s{site:02d}"
        for n in range(1, pages):
            target = folder / f"p{n}" / "index.html"
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(page(site, n, pages), "utf-8")
        index = page(site, 0, pages).replace(
            "</main>",
            "".join(f'<a href="/p{n}/">Page {n}</a>' for n in range(1, pages)) + "</main>",
        )
        (folder / "index.html").write_text(index, "utf-8")
        sites.append(folder)
    return sites


def _tree(pid: int, cpu: dict[int, float]) -> int:
    """RSS of `pid` and every process below it, in KB (from /proc); records each one's CPU
    seconds so far in `cpu` (a process's last sample stands for it once it has exited)."""
    children: dict[int, list[int]] = {}
    stats: dict[int, tuple[int, float]] = {}
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat", encoding="ascii") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
        except OSError:
            continue
        children.setdefault(int(fields[1]), []).append(int(entry))
        rss_kb = int(fields[21]) * PAGE_KB
        stats[int(entry)] = (rss_kb, (int(fields[11]) + int(fields[12])) / TICKS)
    total, stack = 0, [pid]
    while stack:
        current = stack.pop()
        rss_kb, seconds = stats.get(current, (0, 0.0))
        total += rss_kb
        cpu[current] = max(cpu.get(current, 0.0), seconds)
        stack.extend(children.get(current, ()))
    return total


PAGE_KB = os.sysconf("SC_PAGE_SIZE") // 1024
TICKS = os.sysconf("SC_CLK_TCK")


def measure(command: list[str]) -> tuple[float, float, int]:
    """Run `command`; wall seconds, CPU seconds and peak RSS (KB) of its process tree."""
    started = time.perf_counter()
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    peak, cpu = 0, dict[int, float]()
    while process.poll() is None:
        peak = max(peak, _tree(process.pid, cpu))
        time.sleep(0.02)
    seconds = time.perf_counter() - started
    if process.returncode not in (0, 1):
        sys.exit(f"{' '.join(command[:4])}... exit {process.returncode}: {process.stderr.read()!r}")
    return seconds, sum(cpu.values()), peak


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sites-count", type=int, default=50)
    parser.add_argument("--pages", type=int, default=20)
    parser.add_argument("--concurrent", default="1,4,8", help="--sites values to try")
    parser.add_argument("--loop", action="store_true", help="also one process per site")
    args = parser.parse_args()
    sitekit = [sys.executable, "-m", "sitekit", "audit"]
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp)
        folders = generate(root / "sites", args.sites_count, args.pages)
        server = subprocess.Popen(
            [sys.executable, "-c", SERVER, *map(str, folders)], stdout=subprocess.PIPE, text=True
        )
        try:
            assert server.stdout is not None
            ports = json.loads(server.stdout.readline())
            urls = [f"http://127.0.0.1:{port}/" for port in ports]
            (root / "targets.txt").write_text("\n".join(urls) + "\n", "utf-8")
            pages = args.sites_count * args.pages
            size = len(page(1, 1, args.pages)) // 1024
            print(
                f"{args.sites_count} sites x {args.pages} pages (~{size} KB each), one server "
                f"process on 127.0.0.1, {os.cpu_count()} cores"
            )
            head = f"{'run':<26}{'seconds':>8}{'sites/min':>10}{'pages/s':>8}"
            print(f"{head}{'CPU s/site':>11}{'peak MB':>8}")

            def show(label: str, seconds: float, cpu: float, peak_kb: int) -> None:
                per_minute = 60 * args.sites_count / seconds
                print(f"{label:<26}{seconds:8.1f}{per_minute:10.0f}{pages / seconds:8.0f}", end="")
                print(f"{cpu / args.sites_count:11.2f}{peak_kb / 1024:8.0f}")

            limit = ["--max-pages", str(args.pages), "-q"]
            for sites in [int(n) for n in args.concurrent.split(",")]:
                out = root / f"out{sites}"
                targets = ["--targets", str(root / "targets.txt"), "--out-dir", str(out)]
                seconds, cpu, peak = measure([*sitekit, *targets, "--sites", str(sites), *limit])
                summary = json.loads((out / "summary.json").read_text("utf-8"))["sites"]
                audited = [row for row in summary if row["reason"] is None]
                if len(audited) != args.sites_count or {r["pages"] for r in audited} != {
                    args.pages
                }:
                    sys.exit(f"--sites {sites}: not every site audited whole: {summary}")
                show(f"--targets --sites {sites}", seconds, cpu, peak)
            if args.loop:
                started, cpu, peak = time.perf_counter(), 0.0, 0
                for url in urls:
                    _s, one_cpu, one_peak = measure([*sitekit, url, *limit, "--format", "json"])
                    cpu, peak = cpu + one_cpu, max(peak, one_peak)
                show("one process per site", time.perf_counter() - started, cpu, peak)
        finally:
            server.terminate()
            server.wait(5)


if __name__ == "__main__":
    main()
