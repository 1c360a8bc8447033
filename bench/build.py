"""Build benchmark: generates N landing pages and prints cold/warm/one-page rebuild figures.

Usage: python bench/build.py [N ...]        (default: 1000 5000; sites go to bench/out/)
       python bench/build.py --engines       (Markdown engine and YAML loader, per page)
       python bench/build.py --cold-engines N [ROUNDS]   (cold build of the same N pages with
                                             each Markdown engine, interleaved, medians)
Figures are whole-process wall-clock seconds (python -m sitekit ...) unless marked, with
Python bytecode cached (under bench/out/pycache) as it is for an installed package.
"""

from __future__ import annotations

import os
import random
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
OUT = REPO / "bench" / "out"
WORDS = [
    "plumber",
    "leak",
    "pipe",
    "water",
    "heater",
    "drain",
    "repair",
    "price",
    "fixed",
    "estimate",
    "free",
    "visit",
    "same",
    "day",
    "customer",
    "kitchen",
    "bathroom",
    "boiler",
    "install",
    "guarantee",
    "licensed",
    "insured",
    "service",
    "call",
    "hour",
    "team",
    "quote",
    "replace",
    "valve",
    "tap",
    "shower",
    "toilet",
    "pressure",
    "clean",
    "fast",
    "local",
    "city",
    "home",
    "office",
    "landlord",
    "tenant",
    "invoice",
    "warranty",
    "part",
    "labour",
    "minutes",
    "morning",
    "evening",
    "weekend",
    "emergency",
]


def sentence(rng: random.Random, words: int) -> str:
    text = " ".join(rng.choice(WORDS) for _ in range(words))
    return text[0].upper() + text[1:] + "."


def body(rng: random.Random) -> str:
    """About 600 words: h2 sections, paragraphs, a list, and a table now and then."""
    parts = []
    for section in range(5):
        parts.append(f"## {sentence(rng, 4)[:-1]} {section}")
        parts.append(" ".join(sentence(rng, 12) for _ in range(6)))
        parts.append("\n".join(f"- **{rng.choice(WORDS)}**: {sentence(rng, 6)}" for _ in range(4)))
        if section == 2 and rng.random() < 0.4:
            rows = "\n".join(f"| {rng.choice(WORDS)} | ${rng.randint(50, 900)} |" for _ in range(5))
            parts.append("| Job | Price |\n|---|---|\n" + rows)
        parts.append(" ".join(sentence(rng, 10) for _ in range(3)) + " [See prices](/pricing/).")
    return "\n\n".join(parts) + "\n"


def front_matter(rng: random.Random, i: int) -> str:
    return f"""---
title: Plumbing service {i} in the north of the city
benefit: Your leak fixed today at a price agreed first {i}
summary: {sentence(rng, 18)}
cta:
  label: Get a free estimate
  url: /estimate/
next_steps:
  - label: See our fixed prices
    url: /pricing/
    note: {sentence(rng, 8)}
  - label: Book a 15-minute call
    url: /call/
signup:
  label: Send me the leak checklist
  action: https://forms.example/checklist
  fields: [name, email]
proof:
  - quote: {sentence(rng, 16)}
    name: Customer {i}
    role: Homeowner
    company: Kenton
    result: Leak fixed in {rng.randint(1, 6)} hours
    rating: {rng.randint(4, 5)}
  - quote: {sentence(rng, 14)}
    name: Client {i}
    result: Saved ${rng.randint(50, 400)}
guarantee: {sentence(rng, 14)}
faq:
  - q: How much does it cost?
    a: {sentence(rng, 16)}
  - q: Can you come today?
    a: {sentence(rng, 12)}
date: 2026-0{rng.randint(1, 9)}-1{rng.randint(0, 9)}
---

"""


CTA_TARGETS = ("estimate", "pricing", "call")  # where the pages' CTAs and next steps lead


def link_targets(site: Path) -> None:
    """Hand-written pages the CTAs lead to (a CTA must lead somewhere, or the build fails)."""
    for target in CTA_TARGETS:
        page = site / "static" / target / "index.html"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_text(f"<!doctype html><title>{target}</title>", encoding="utf-8")


def make_site(n: int) -> Path:
    site = OUT / f"site-{n}"
    if (site / "content").is_dir() and len(list((site / "content").glob("*.md"))) == n:
        link_targets(site)
        return site
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    shutil.copy(REPO / "sitekit.toml", site / "sitekit.toml")
    rng = random.Random(n)
    for i in range(n):
        name = "index" if i == 0 else f"page-{i:05d}"
        (site / "content" / f"{name}.md").write_text(front_matter(rng, i) + body(rng))
    link_targets(site)
    return site


# the Python-Markdown site: the same content, the extensions a MkDocs site typically lists
PYMD_TOML = """
[markdown]
engine = "python-markdown"
extensions = ["toc", "admonition", "attr_list", "footnotes", "def_list", "abbr", "tables",
              "fenced_code"]

[markdown.extension_configs.toc]
permalink = true
"""


def pymd_site(n: int) -> Path:
    """bench/out/site-N-pymd: site-N's content, built with `engine = "python-markdown"`."""
    source = make_site(n)
    site = OUT / f"site-{n}-pymd"
    if not (site / "content").is_dir() or len(list((site / "content").glob("*.md"))) != n:
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(source / "content", site / "content")
    link_targets(site)
    toml = (REPO / "sitekit.toml").read_text(encoding="utf-8") + PYMD_TOML
    (site / "sitekit.toml").write_text(toml, encoding="utf-8")
    return site


def cold_by_engine(n: int, rounds: int = 3) -> None:
    """Cold builds of the same N pages with each engine, interleaved (the machine's load
    moves both alike), medians over `rounds`."""
    sites = {"cmark-gfm": make_site(n), "python-markdown": pymd_site(n)}
    walls: dict[str, list[float]] = {name: [] for name in sites}
    cpus: dict[str, list[float]] = {name: [] for name in sites}
    for _ in range(rounds):
        for name, site in sites.items():
            clear_outputs(site)
            wall, cpu, _ = run("build", str(site), "-q")
            walls[name].append(wall)
            cpus[name].append(cpu)
    base = statistics.median(cpus["cmark-gfm"])
    for name in sites:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        extra = (cpu - base) / n * 1000
        print(
            f"N={n}: cold build, engine {name:<15} {wall:.2f} s wall, {cpu:.2f} s CPU "
            f"({n / wall:.0f} pages/s; {extra:+.2f} ms CPU a page vs cmark-gfm; median of "
            f"{rounds}, interleaved)"
        )
    print(f"      (load average {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores)")


def run(*args: str) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one whole `python -m sitekit ...`."""
    env = {**os.environ, "PYTHONPATH": str(REPO), "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as after `pip install`
    # stderr goes to a file: a pipe read only once the process has ended would block a
    # build that writes more than the pipe holds
    with tempfile.TemporaryFile() as errors:
        started = time.perf_counter()
        proc = subprocess.Popen(
            [sys.executable, "-m", "sitekit", *args],
            env=env,
            stdout=subprocess.DEVNULL,
            stderr=errors,
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        if status != 0:
            errors.seek(0)
            message = errors.read().decode(errors="replace")[-800:]
            raise SystemExit(f"sitekit {' '.join(args)} failed: {message}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def serve_rebuild(site: Path, page: Path, edits: int = 5) -> tuple[float, float]:
    """Median (wall, CPU) seconds of a rebuild inside a running `serve` after editing one
    page, over `edits` edits (in-process)."""
    sys.path.insert(0, str(REPO))
    from sitekit.build.serve import DevServer

    server = DevServer(site, port=0)
    server.rebuild()  # warm: what serve does at start
    server.rebuild()
    text = page.read_text()
    walls, cpus = [], []
    for edit in range(edits):
        page.write_text(text.replace("Your leak", f"Your burst pipe {edit}", 1))
        started, cpu = time.perf_counter(), time.process_time()
        if not server.rebuild():
            raise SystemExit("serve rebuild failed")
        walls.append(time.perf_counter() - started)
        cpus.append(time.process_time() - cpu)
    page.write_text(text)
    server.httpd.server_close()
    return statistics.median(walls), statistics.median(cpus)


def clear_outputs(site: Path) -> None:
    """Remove everything a build leaves: output, its shadow copy, lock and cache."""
    shutil.rmtree(site / "_site", ignore_errors=True)
    shutil.rmtree(site / "._site.sitekit-shadow", ignore_errors=True)
    shutil.rmtree(site / ".sitekit-cache", ignore_errors=True)
    (site / "._site.sitekit-lock").unlink(missing_ok=True)


def bench(n: int) -> None:
    site = make_site(n)
    clear_outputs(site)  # cold: no output, no shadow copy, no cache from an earlier run
    cold, cold_cpu, peak = run("build", str(site), "-q")
    warm, warm_cpu, _ = run("build", str(site), "-q")
    page = site / "content" / "page-00007.md"
    original = page.read_text()
    ones = []
    for edit in range(3):
        page.write_text(original.replace("Your leak", f"Your burst pipe {edit}", 1))
        ones.append(run("build", str(site), "-q"))
    page.write_text(original)
    one, one_cpu = (statistics.median(x[i] for x in ones) for i in (0, 1))
    run("build", str(site), "-q")
    clean, clean_cpu, _ = run("build", str(site), "--clean", "-q")
    in_serve, in_serve_cpu = serve_rebuild(site, page)
    load = os.getloadavg()[0]
    print(
        f"N={n}: cold build {cold:.2f} s wall, {cold_cpu:.2f} s CPU ({n / cold:.0f} pages/s), "
        f"peak memory {peak:.0f} MB; --clean over a built site {clean:.2f} s "
        f"({clean_cpu:.2f} s CPU)"
    )
    print(
        f"N={n}: rebuild, nothing changed {warm:.2f} s wall ({warm_cpu:.2f} s CPU); one page "
        f"edited (median of 3) {one:.2f} s wall ({one_cpu:.2f} s CPU) from the CLI, "
        f"{in_serve:.3f} s wall ({in_serve_cpu:.3f} s CPU) in serve (median of 5)"
    )
    print(f"      (load average {load:.1f} on {os.cpu_count()} cores while measuring)")
    cold_by_engine(n)


def startup() -> None:
    times = [run("--version")[0] for _ in range(7)]
    print(f"sitekit --version: median {statistics.median(times):.3f} s over 7 runs")


def engines() -> None:
    """Per-page cost of the Markdown engines and YAML loaders on this corpus (one process)."""
    sys.path.insert(0, str(REPO))
    import yaml

    from sitekit.build.markdown import markdown_to_html, renderer_for, source_mapped_html
    from sitekit.models import MarkdownSettings

    rng = random.Random(1)
    bodies = [body(rng) for _ in range(300)]
    fronts = [front_matter(rng, i).strip("-\n") for i in range(300)]

    def per_page(fn: object, items: list[str]) -> float:
        started = time.perf_counter()
        for item in items:
            fn(item)  # type: ignore[operator]
        return (time.perf_counter() - started) / len(items) * 1000

    print(f"cmark-gfm (cmarkgfm, GFM tables): {per_page(markdown_to_html, bodies):.3f} ms/page")
    print(
        "cmark-gfm + source map (sitekit):  "
        f"{per_page(lambda b: source_mapped_html(b, 'content/x.md', 30), bodies):.3f} ms/page"
    )
    try:
        from markdown_it import MarkdownIt

        mdit = MarkdownIt("commonmark").enable("table")
        print(f"markdown-it-py (commonmark+table): {per_page(mdit.render, bodies):.3f} ms/page")
    except ImportError:
        print("markdown-it-py: not installed here (pip install -e '.[bench]')")
    import markdown

    md = markdown.Markdown(extensions=["extra", "toc"])
    print(
        "Python-Markdown (extra, toc):      "
        f"{per_page(lambda b: (md.reset(), md.convert(b)), bodies):.3f} ms/page"
    )
    names = ("toc", "admonition", "attr_list", "footnotes", "def_list", "abbr", "tables")
    pymd = renderer_for(MarkdownSettings("python-markdown", (*names, "fenced_code")))
    print(
        "Python-Markdown + source map and   "
        f"{per_page(lambda b: pymd.source_mapped(b, 'content/x.md', 30), bodies):.3f} ms/page\n"
        "  safe mode (sitekit, 8 extensions)"
    )
    print(
        "YAML compose, CSafeLoader:         "
        f"{per_page(lambda t: yaml.compose(t, Loader=yaml.CSafeLoader), fronts):.3f} ms/page"
    )
    print(
        "YAML compose, pure-Python loader:  "
        f"{per_page(lambda t: yaml.compose(t, Loader=yaml.SafeLoader), fronts):.3f} ms/page"
    )


def main() -> None:
    args = sys.argv[1:]
    if args == ["--engines"]:
        engines()
        return
    if args[:1] == ["--cold-engines"]:
        cold_by_engine(int(args[1]), *(int(a) for a in args[2:3]))
        return
    for n in [int(a) for a in args] or [1000, 5000]:
        bench(n)
    startup()


if __name__ == "__main__":
    main()
