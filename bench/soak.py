"""Soak: a generated 5,000-page site audited twice on 127.0.0.1 (issue 6).

Prints the peak memory of each run (the whole process tree, pool workers included) beside a
1,000-page run, checks that the two 5,000-page JSON reports are byte-identical, and that no
file descriptor or thread is left open afterwards.

Usage: python bench/soak.py [--pages 5000] [--small 1000]
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import threading
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from audit import TreeMemory, audit_once, generate_site, served


def open_fds() -> int:
    return len(os.listdir("/proc/self/fd"))


def measured_run(
    url: str, pages: int, keep: Path, profile: object
) -> tuple[str, float, float, float]:
    """(JSON report's sha256, seconds, worker peak MB, process-tree peak MB) of one audit."""
    with TreeMemory() as tree:
        seconds, audited, report = audit_once(url, pages, keep, profile)
    print(
        f"  {audited} pages in {seconds:.1f} s ({audited / seconds:.0f} pages/s); peak memory: "
        f"process tree {tree.peak_total_kb / 1024:.0f} MB, largest pool worker "
        f"{tree.peak_worker_kb / 1024:.0f} MB"
    )
    return report, seconds, tree.peak_worker_kb / 1024, tree.peak_total_kb / 1024


def show_difference(one: Path, two: Path) -> None:
    """Print the first lines that differ between two JSON reports."""
    import difflib

    lines = difflib.unified_diff(
        one.read_text("utf-8").splitlines(),
        two.read_text("utf-8").splitlines(),
        lineterm="",
        n=0,
    )
    for line in list(lines)[:10]:
        print("  " + line[:300])


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--pages", type=int, default=5000)
    parser.add_argument("--small", type=int, default=1000)
    args = parser.parse_args()
    from sitekit.audit.profile import load_profile

    profile = load_profile()  # once: both runs judge with exactly the same profile
    with tempfile.TemporaryDirectory() as tmp:
        small_site = generate_site(Path(tmp) / "small", args.small)
        big_site = generate_site(Path(tmp) / "big", args.pages)
        with served(small_site) as small_url, served(big_site) as big_url:
            fds_start, threads_start = open_fds(), threading.active_count()
            print(f"{args.small}-page site:")
            _, _, _, small_peak = measured_run(
                small_url, args.small, Path(tmp) / "small.json", profile
            )
            # The first pool starts multiprocessing's fork server, which stays for the
            # process's life (one socket, reused by every later audit): count from here.
            fds_before, threads_before = open_fds(), threading.active_count()
            print(f"{args.pages}-page site, run 1:")
            first, _, _, peak_1 = measured_run(
                big_url, args.pages, Path(tmp) / "run1.json", profile
            )
            print(f"{args.pages}-page site, run 2:")
            second, _, _, peak_2 = measured_run(
                big_url, args.pages, Path(tmp) / "run2.json", profile
            )
            fds_after, threads_after = open_fds(), threading.active_count()
        identical = first == second
        if not identical:
            show_difference(Path(tmp) / "run1.json", Path(tmp) / "run2.json")
    print(
        f"JSON reports of the two {args.pages}-page runs byte-identical: {identical} "
        f"(sha256 {first})"
    )
    growth = max(peak_1, peak_2) - small_peak
    per_page = growth * 1024 / (args.pages - args.small)
    print(
        f"peak process-tree memory: {small_peak:.0f} MB at {args.small} pages, "
        f"{max(peak_1, peak_2):.0f} MB at {args.pages} pages "
        f"(+{growth:.0f} MB, {per_page:.1f} KB per extra page: the per-page results the "
        f"report is made of; no page HTML is kept)"
    )
    print(
        f"open file descriptors: {fds_start} at start, {fds_before} after the first audit "
        f"(the fork server's socket), {fds_after} after two more; threads: {threads_start} "
        f"at start, {threads_before} after the first audit, {threads_after} after two more"
    )
    leaked = fds_after > fds_before or threads_after > threads_before
    return 0 if identical and not leaked else 1


if __name__ == "__main__":
    sys.exit(main())
