"""Agreement between sitekit's auditor and the human raters of the audit corpus.

Usage: python bench/accuracy.py [CORPUS_DIR] [--quiet] [--no-speed] [--perturb=N]
CORPUS_DIR holds labels.json and the pages (in pages/ or beside it): the shared audit corpus
by default, or tests/data/judgement (hand-written held-out pages, one reader's ratings).
Prints per criterion the Spearman correlation (sitekit score vs raters' mean, ties averaged)
and the quadratic-weighted Cohen's kappa (sitekit rating vs raters' rounded mean) beside the
raters' own agreement, then per-page ratings, then a make_snapshot + audit_page micro-bench.
"""

from __future__ import annotations

import json
import math
import random
import sys
import time
from collections.abc import Sequence
from dataclasses import replace
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sitekit.audit.profile import Profile, load_profile  # noqa: E402
from sitekit.audit.scoring import audit_page  # noqa: E402
from sitekit.audit.snapshot import make_snapshot  # noqa: E402
from sitekit.models import CRITERIA, FetchedPage, PageResult  # noqa: E402

RATERS = {  # mean pairwise Spearman, mean pairwise quadratic-weighted kappa (corpus README)
    "benefit": (0.83, 0.82),
    "findability": (0.72, 0.74),
    "next_step": (0.87, 0.84),
    "proof": (1.00, 1.00),
}


def ranks(values: Sequence[float]) -> list[float]:
    """1-based ranks, ties given the average of the ranks they span."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    out = [0.0] * len(values)
    i = 0
    while i < len(order):
        j = i
        while j + 1 < len(order) and values[order[j + 1]] == values[order[i]]:
            j += 1
        for k in range(i, j + 1):
            out[order[k]] = (i + j) / 2 + 1
        i = j + 1
    return out


def spearman(xs: Sequence[float], ys: Sequence[float]) -> float:
    """Pearson correlation of the (tie-averaged) ranks; nan when either side is constant."""
    rx, ry = ranks(xs), ranks(ys)
    n = len(xs)
    mx, my = sum(rx) / n, sum(ry) / n
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return cov / math.sqrt(vx * vy) if vx and vy else float("nan")


def quadratic_kappa(a: Sequence[int], b: Sequence[int], k: int = 3) -> float:
    """Cohen's kappa with quadratic weights for ratings 0..k-1."""
    n = len(a)
    observed = [[0.0] * k for _ in range(k)]
    for x, y in zip(a, b, strict=True):
        observed[x][y] += 1
    hist_a = [sum(observed[i]) for i in range(k)]
    hist_b = [sum(observed[i][j] for i in range(k)) for j in range(k)]
    num = den = 0.0
    for i in range(k):
        for j in range(k):
            w = (i - j) ** 2 / (k - 1) ** 2
            num += w * observed[i][j]
            den += w * hist_a[i] * hist_b[j] / n
    return 1.0 - num / den if den else float("nan")


def to_rating(score: float) -> int:
    """sitekit score 0-100 -> 0/1/2 (0-24, 25-74, 75-100)."""
    return 0 if score < 25 else (1 if score < 75 else 2)


def round_mean(mean: float) -> int:
    """Raters' mean -> nearest rating, halves rounded up."""
    return math.floor(mean + 0.5 + 1e-9)


def audit_file(path: Path, profile: Profile) -> PageResult:
    page = FetchedPage(
        url=path.as_uri(),
        final_url=path.as_uri(),
        status=200,
        body=path.read_bytes(),
        source_path=str(path),
    )
    return audit_page(make_snapshot(page), profile, is_entry=True)


def measure(corpus: Path, profile: Profile, show_pages: bool) -> None:
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    pages = corpus / "pages" if (corpus / "pages").is_dir() else corpus
    results = {pid: audit_file(pages / f"{pid}.html", profile) for pid in labels}
    skipped = [pid for pid, r in results.items() if not r.auditable]
    ids = [pid for pid in labels if results[pid].auditable]
    print(f"corpus: {corpus} ({len(ids)} pages scored, {len(skipped)} not auditable)")
    print(f"{'criterion':12s} {'spearman':>9s} {'raters':>7s} {'kappa':>7s} {'raters':>7s}")
    for crit in CRITERIA:
        ours = [results[p].criteria[crit].score for p in ids]
        human = [float(labels[p]["mean"][crit]) for p in ids]
        rho = spearman(ours, human)
        kappa = quadratic_kappa([to_rating(s) for s in ours], [round_mean(h) for h in human])
        r_rho, r_kappa = RATERS[crit]
        print(f"{crit:12s} {rho:9.2f} {r_rho:7.2f} {kappa:7.2f} {r_kappa:7.2f}")
    for pid in skipped:
        print(f"not auditable: {pid}: {results[pid].reason}")
    if show_pages:
        print("\nper page: sitekit score (rating) vs raters' mean; * = rating differs")
        for pid in ids:
            cells = []
            for crit in CRITERIA:
                s = results[pid].criteria[crit].score
                h = float(labels[pid]["mean"][crit])
                mark = "*" if to_rating(s) != round_mean(h) else " "
                cells.append(f"{s:5.1f}({to_rating(s)}) {h:4.2f}{mark}")
            print(f"{pid[:34]:34s} " + " | ".join(cells))


def perturbed(corpus: Path, profile: Profile, runs: int, spread: float = 0.3) -> None:
    """Robustness to tuning: agreement when every check weight is scaled by a random factor
    in [1 - spread, 1 + spread] (caps and floors kept), over `runs` seeded draws. Figures
    that hold only at the tuned weights would not hold on pages the weights never saw."""
    labels = json.loads((corpus / "labels.json").read_text(encoding="utf-8"))
    pages = corpus / "pages" if (corpus / "pages").is_dir() else corpus
    snaps = {}
    for pid in labels:
        path = pages / f"{pid}.html"
        snap = make_snapshot(
            FetchedPage(
                url=path.as_uri(),
                final_url=path.as_uri(),
                status=200,
                body=path.read_bytes(),
                source_path=str(path),
            )
        )
        if snap.auditable:
            snaps[pid] = snap
    rng = random.Random(1)
    kappas: dict[str, list[float]] = {c: [] for c in CRITERIA}
    for _ in range(runs):
        checks = {
            cid: replace(cfg, weight=cfg.weight * rng.uniform(1 - spread, 1 + spread))
            for cid, cfg in profile.checks.items()
        }
        varied = replace(profile, checks=checks)
        results = {pid: audit_page(s, varied, is_entry=True) for pid, s in snaps.items()}
        for crit in CRITERIA:
            ours = [to_rating(results[p].criteria[crit].score) for p in snaps]
            human = [round_mean(float(labels[p]["mean"][crit])) for p in snaps]
            kappas[crit].append(quadratic_kappa(ours, human))
    print(f"\nkappa with check weights x U({1 - spread:.1f}, {1 + spread:.1f}), {runs} draws:")
    for crit in CRITERIA:
        k = kappas[crit]
        print(f"{crit:12s} mean {sum(k) / len(k):5.2f}  min {min(k):5.2f}")


def speed(profile: Profile, repeat: int = 200) -> None:
    """make_snapshot + audit_page on a generated ~6 KB landing page (CPU and wall time)."""
    body = _page_6k()
    page = FetchedPage(
        url="http://127.0.0.1/", final_url="http://127.0.0.1/", status=200, body=body
    )
    audit_page(make_snapshot(page), profile)
    wall, cpu = time.perf_counter(), time.process_time()
    for _ in range(repeat):
        audit_page(make_snapshot(page), profile, is_entry=True)
    per_wall = (time.perf_counter() - wall) / repeat * 1000
    per_cpu = (time.process_time() - cpu) / repeat * 1000
    print(
        f"\nspeed: {len(body)} B page, make_snapshot + audit_page: {per_cpu:.2f} ms CPU, "
        f"{per_wall:.2f} ms wall per page ({1000 / per_cpu:.0f} pages/s per core)"
    )


def _page_6k() -> bytes:
    sections = "".join(
        f"<section><h2>Section {i}: faster invoices</h2><p>{'Your team gets paid on time. ' * 12}"
        f"</p><ul><li>Point one</li><li>Point two</li></ul></section>"
        for i in range(12)
    )
    html = (
        "<!doctype html><html lang='en'><head><title>Get paid twice as fast</title>"
        "<meta name='description' content='Invoices that get you paid in days.'></head><body>"
        "<header><nav><a href='/'>Acme</a><ul><li><a href='/pricing'>Pricing</a></li>"
        "<li><a href='/how'>How it works</a></li><li><a href='/contact'>Contact</a></li>"
        "</ul></nav></header><main><h1>Get paid twice as fast</h1>"
        "<p>Send invoices your clients pay in days, not weeks.</p>"
        "<a class='btn' href='/trial'>Start your free trial</a>"
        f"{sections}<blockquote>Paid in 3 days. — Jane Miller, CFO at Brightside</blockquote>"
        "<p>30-day money-back guarantee. Support replies within 24 hours.</p>"
        "<form action='/signup'><input type='email' name='email'><button>Get the free guide"
        "</button></form></main><footer><a href='tel:+15551234567'>+1 555 123 4567</a>"
        "</footer></body></html>"
    )
    return html.encode()


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    corpus = (Path(args[0]) if args else REPO.parent / "shared" / "audit-corpus").resolve()
    profile = load_profile()
    measure(corpus, profile, show_pages="--quiet" not in argv)
    runs = next((int(a.split("=")[1]) for a in argv if a.startswith("--perturb=")), 0)
    if runs:
        perturbed(corpus, profile, runs)
    if "--no-speed" not in argv:
        speed(profile)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
