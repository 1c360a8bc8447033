"""Build benchmark: generates N landing pages and prints cold/warm/one-page rebuild figures.

Usage: python bench/build.py [N ...]        (default: 1000 5000; sites go to bench/out/)
       python bench/build.py --against DIR   (another checkout, e.g. `git worktree add`:
                                              before/after, rounds interleaved)
       python bench/build.py --engines       (Markdown engine and YAML loader, per page)
       python bench/build.py --cold-engines N (cold build of the same N pages with each
                                              Markdown engine, interleaved, medians)
       python bench/build.py --one-page [N ...] (only the one-page CLI rebuild, --rounds edits
                                              per tree, interleaved, with Python's own start-up)
At 1,000 pages or fewer it also times MkDocs 1.6 (when installed: pip install mkdocs==1.6.1,
for this comparison only) on the same Markdown files and prints sitekit's share of its time.
Figures are whole-process wall-clock seconds (python -m sitekit ...) unless marked, with
Python bytecode cached (under bench/out/pycache) as it is for an installed package.
The timed processes run `sys.executable` with PYTHONPATH set to the checkout measured: run
this script with the Python of a fresh virtual environment that has sitekit installed
(`python -m venv V && V/bin/pip install . && V/bin/python bench/build.py --one-page`) to time
start-up as a user's installed copy pays it, without a development environment's .pth files
(an editable install's finder) in `site`; `python -c pass` shows that floor either way.
"""

from __future__ import annotations

import argparse
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


def make_site(n: int) -> Path:
    """N pages under bench/out/site-N/content: the home page, the pages every CTA and next
    step leads to (estimate, pricing, call) and numbered landing pages."""
    site = OUT / f"site-{n}"
    names = ["index", "estimate", "pricing", "call"][:n]
    names += [f"page-{i:05d}" for i in range(len(names), n)]
    if sorted(p.stem for p in (site / "content").glob("*.md")) == sorted(names):
        return site
    shutil.rmtree(site, ignore_errors=True)
    (site / "content").mkdir(parents=True)
    shutil.copy(REPO / "sitekit.toml", site / "sitekit.toml")
    rng = random.Random(n)
    for i, name in enumerate(names):
        (site / "content" / f"{name}.md").write_text(front_matter(rng, i) + body(rng))
    return site


def copy_site(site: Path, name: str) -> Path:
    """A copy of `site`'s sources (its own output and cache) for one of the compared trees."""
    copy = site.parent / f"{site.name}-{name}"
    if not (copy / "content").is_dir():
        shutil.copytree(site / "content", copy / "content")
        shutil.copy(site / "sitekit.toml", copy / "sitekit.toml")
    return copy


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
    if sorted(p.name for p in (site / "content").glob("*.md")) != sorted(
        p.name for p in (source / "content").glob("*.md")
    ):
        shutil.rmtree(site, ignore_errors=True)
        shutil.copytree(source / "content", site / "content")
    toml = (source / "sitekit.toml").read_text(encoding="utf-8") + PYMD_TOML
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


def run(*args: str, repo: Path = REPO) -> tuple[float, float, float]:
    """(wall seconds, CPU seconds, peak RSS in MB) of one whole `python -m sitekit ...`."""
    return run_python(["-m", "sitekit", *args], repo)


def run_python(args: list[str], repo: Path = REPO) -> tuple[float, float, float]:
    env = {**os.environ, "PYTHONPATH": str(repo), "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)  # bytecode cached, as after `pip install`
    with tempfile.TemporaryFile() as errors:  # a file, not a pipe: no deadlock on long output
        started = time.perf_counter()
        proc = subprocess.Popen(  # in `repo`: `-m` and `-c` put the working folder first
            [sys.executable, *args], env=env, stdout=subprocess.DEVNULL, stderr=errors, cwd=repo
        )
        _, status, usage = os.wait4(proc.pid, 0)
        seconds = time.perf_counter() - started
        if status != 0:
            errors.seek(0)
            text = errors.read().decode(errors="replace")[-800:]
            raise SystemExit(f"{' '.join(args)} failed: {text}")
    return seconds, usage.ru_utime + usage.ru_stime, usage.ru_maxrss / 1024


def serve_rebuild(site: Path, page: Path, edits: int = 5) -> tuple[float, float]:
    """Median (wall, CPU) seconds of a rebuild inside a running `serve` after editing one
    page, over `edits` edits (in this process: run it in a child for another tree)."""
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


def serve_rebuild_in(repo: Path, site: Path, page: Path) -> tuple[float, float]:
    """serve_rebuild() with `repo`'s sitekit, in a child process."""
    return child_pair([__file__, "--serve-rebuild", str(site), str(page)], repo)


def child_pair(args: list[str], repo: Path) -> tuple[float, float]:
    """The two figures a child Python process (`repo`'s sitekit) prints on its output."""
    env = {**os.environ, "PYTHONPATH": str(repo), "PYTHONPYCACHEPREFIX": str(OUT / "pycache")}
    out = subprocess.run(
        [sys.executable, *args], env=env, cwd=repo, capture_output=True, text=True, check=True
    ).stdout.split()
    return float(out[0]), float(out[1])


def clear_outputs(site: Path) -> None:
    """Remove everything a build leaves: output, its shadow copy, lock and cache."""
    for path in site.iterdir():
        if path.name not in ("content", "sitekit.toml"):
            if path.is_dir() and not path.is_symlink():
                shutil.rmtree(path, ignore_errors=True)
            else:
                path.unlink(missing_ok=True)


def edit(page: Path, original: str, number: int) -> None:
    page.write_text(original.replace("Your leak", f"Your burst pipe {number}", 1))


def measure(repo: Path, site: Path, figures: dict[str, list[float]], serve: bool) -> None:
    """One round of every build figure for `repo` on `site`, appended to `figures`."""

    def add(name: str, result: tuple[float, ...]) -> None:
        figures.setdefault(name, []).append(result[0])
        figures.setdefault(name + " cpu", []).append(result[1])

    clear_outputs(site)  # cold: no output, no shadow copy, no cache from an earlier run
    cold = run("build", str(site), "-q", repo=repo)
    add("cold", cold)
    figures.setdefault("peak MB", []).append(cold[2])
    add("warm", run("build", str(site), "-q", repo=repo))
    page = site / "content" / "page-00007.md"
    original = page.read_text()
    edits = len(figures.get("one page", []))
    try:
        for number in range(edits, edits + 3):  # three edits a round: a steadier median
            edit(page, original, number)
            add("one page", run("build", str(site), "-q", repo=repo))
    finally:
        page.write_text(original)
    run("build", str(site), "-q", repo=repo)
    add("clean", run("build", str(site), "--clean", "-q", repo=repo))
    if serve:
        add("serve", serve_rebuild_in(repo, site, page))
    add("clean wait", clean_wait_in(repo, site))


CLEAN_WAIT = """
import sys, time
from pathlib import Path
from sitekit.build.cache import CACHE_DIR, Manifests
from sitekit.build.output import OutputWriter
site = Path(sys.argv[1]).resolve()
out = site / "_site"
started, cpu = time.perf_counter(), time.process_time()
writer = OutputWriter(out, Manifests(site / CACHE_DIR, out), fresh=True)
print(time.perf_counter() - started, time.process_time() - cpu)
writer.abort()
"""


def clean_wait_in(repo: Path, site: Path) -> tuple[float, float]:
    """(wall, CPU) seconds a --clean build waits over a built site before it writes its
    first page (the old shadow copy cleared out of the way), with `repo`'s sitekit."""
    return child_pair(["-c", CLEAN_WAIT, str(site)], repo)


def mkdocs_cold(site: Path) -> tuple[float, float] | None:
    """(wall, CPU) seconds of `mkdocs build` on the same Markdown files (front matter is
    MkDocs' page meta), default theme and plugins; None when MkDocs is not installed."""
    try:
        import mkdocs  # noqa: F401
    except ImportError:
        return None
    project = site.parent / f"{site.name}-mkdocs"
    if not (project / "docs").is_dir():
        shutil.copytree(site / "content", project / "docs")
        (project / "mkdocs.yml").write_text("site_name: Plumbing bench\n")
    shutil.rmtree(project / "site", ignore_errors=True)
    wall, cpu, _ = run_python(
        ["-m", "mkdocs", "build", "-q", "-f", str(project / "mkdocs.yml")], REPO
    )
    return wall, cpu


TARGETS = {  # (pages, figure) -> target in seconds
    (1000, "one page"): 0.15,
    (5000, "one page"): 0.25,
}


def bench(n: int, repos: dict[str, Path], rounds: int, with_mkdocs: bool) -> None:
    """Every figure for each tree, rounds interleaved (tree A, tree B, A, B, ...), medians."""
    site = make_site(n)
    sites = {name: copy_site(site, name) for name in repos}
    figures: dict[str, dict[str, list[float]]] = {name: {} for name in repos}
    mk: list[tuple[float, float]] = []
    for repo in repos.values():
        run("--version", repo=repo)  # bytecode compiled before anything is timed
        where = subprocess.run(
            [sys.executable, "-c", "import sitekit; print(sitekit.__file__)"],
            env={**os.environ, "PYTHONPATH": str(repo)},
            cwd=repo,
            capture_output=True,
            text=True,
        ).stdout.strip()
        if not Path(where).is_relative_to(repo):
            raise SystemExit(f"{repo}: runs the sitekit in {where}, not its own")
    loads = [os.getloadavg()[0]]
    for _ in range(rounds):
        for name, repo in repos.items():
            measure(repo, sites[name], figures[name], serve=True)
            loads.append(os.getloadavg()[0])
        if with_mkdocs:
            result = mkdocs_cold(site)
            if result is not None:
                mk.append(result)
    for name in repos:
        f = {key: statistics.median(values) for key, values in figures[name].items()}
        label = f"N={n} [{name}]" if len(repos) > 1 else f"N={n}"
        print(
            f"{label}: cold build {f['cold']:.2f} s wall, {f['cold cpu']:.2f} s CPU "
            f"({n / f['cold']:.0f} pages/s), peak memory {f['peak MB']:.0f} MB; "
            f"--clean over a built site {f['clean']:.2f} s ({f['clean cpu']:.2f} s CPU, "
            f"{f['clean'] / f['cold']:.2f} of the cold build; target 1.0 or less), of which "
            f"{f['clean wait']:.3f} s ({f['clean wait cpu']:.3f} s CPU) before the first write"
        )
        target = TARGETS.get((n, "one page"))
        aim = f"; target < {target:.2f} s" if target else ""
        print(
            f"{label}: rebuild, nothing changed {f['warm']:.2f} s wall ({f['warm cpu']:.2f} s "
            f"CPU); one page edited {f['one page']:.3f} s wall ({f['one page cpu']:.3f} s CPU) "
            f"from the CLI{aim}; {f['serve']:.3f} s wall ({f['serve cpu']:.3f} s CPU) in serve"
        )
        if mk:
            mk_wall, mk_cpu = (statistics.median(x[i] for x in mk) for i in (0, 1))
            print(
                f"{label}: MkDocs 1.6 cold build of the same pages {mk_wall:.2f} s wall "
                f"({mk_cpu:.2f} s CPU); sitekit / MkDocs = {f['cold'] / mk_wall:.2f} wall, "
                f"{f['cold cpu'] / mk_cpu:.2f} CPU (target 0.30 or less)"
            )
    print(
        f"      (medians of {rounds} interleaved rounds, 3 one-page edits a round; load "
        f"average {min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores while measuring)"
    )


def one_page(n: int, repos: dict[str, Path], rounds: int) -> None:
    """The one-page CLI rebuild alone: `rounds` edits of one page per tree, trees interleaved
    edit by edit, medians; beside it, a bare `python -c pass` timed in the same rounds (the
    floor no change to sitekit can go below)."""
    site = make_site(n)
    sites = {name: copy_site(site, name) for name in repos}
    for name, repo in repos.items():
        run("--version", repo=repo)  # bytecode compiled before anything is timed
        for _ in range(2):  # the shadow copy filled: what a rebuild after a rebuild finds
            run("build", str(sites[name]), "-q", repo=repo)
    walls: dict[str, list[float]] = {name: [] for name in [*repos, "python"]}
    cpus: dict[str, list[float]] = {name: [] for name in walls}
    loads = [os.getloadavg()[0]]
    originals = {name: (sites[name] / "content" / "page-00007.md").read_text() for name in repos}
    try:
        for number in range(rounds):
            for name, repo in repos.items():
                edit(sites[name] / "content" / "page-00007.md", originals[name], number)
                wall, cpu, _ = run("build", str(sites[name]), "-q", repo=repo)
                walls[name].append(wall)
                cpus[name].append(cpu)
            wall, cpu, _ = run_python(["-c", "pass"])
            walls["python"].append(wall)
            cpus["python"].append(cpu)
            loads.append(os.getloadavg()[0])
    finally:
        for name in repos:
            (sites[name] / "content" / "page-00007.md").write_text(originals[name])
    target = TARGETS.get((n, "one page"))
    aim = f"; target < {target:.2f} s" if target else ""
    for name in walls:
        wall, cpu = statistics.median(walls[name]), statistics.median(cpus[name])
        what = "python -c pass" if name == "python" else f"one page edited, CLI [{name}]"
        print(
            f"N={n}: {what}: {wall:.3f} s wall ({cpu:.3f} s CPU){'' if name == 'python' else aim}"
        )
    print(
        f"      (medians of {rounds} edits, trees interleaved; load average "
        f"{min(loads):.1f}-{max(loads):.1f} on {os.cpu_count()} cores while measuring)"
    )


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
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("pages", nargs="*", type=int, help="site sizes (default 1000 5000)")
    parser.add_argument("--engines", action="store_true", help="Markdown and YAML per page")
    parser.add_argument("--cold-engines", type=int, metavar="N", help="both Markdown engines")
    parser.add_argument("--against", type=Path, help="another checkout to compare, interleaved")
    parser.add_argument("--rounds", type=int, default=3, help="rounds per figure (median)")
    parser.add_argument("--one-page", action="store_true", help="only the one-page rebuild")
    parser.add_argument("--no-mkdocs", action="store_true", help="skip the MkDocs comparison")
    parser.add_argument("--serve-rebuild", nargs=2, type=Path, help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.engines:
        engines()
        return
    if args.cold_engines:
        cold_by_engine(args.cold_engines, args.rounds)
        return
    if args.serve_rebuild:
        wall, cpu = serve_rebuild(*args.serve_rebuild)
        print(wall, cpu)
        return
    repos = {"this": REPO}
    if args.against:
        repos = {"before": args.against.resolve(), "after": REPO}
    if args.one_page:
        for n in args.pages or [1000, 5000]:
            one_page(n, repos, max(args.rounds, 7))
        return
    for n in args.pages or [1000, 5000]:
        bench(n, repos, args.rounds, with_mkdocs=not args.no_mkdocs and n <= 1000)
        cold_by_engine(n, args.rounds)
    startup()


if __name__ == "__main__":
    main()
