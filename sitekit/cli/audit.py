"""The auditor's commands: audit (a URL, folder or file) and check (build, then audit).

Each command imports its library module when it runs, not at the top: `sitekit --version`
and `--help` would otherwise pay for the crawler, the parsers and the checks.
"""

from __future__ import annotations

import contextlib
import sys
import warnings
from collections.abc import Iterator
from pathlib import Path

import click

from sitekit.cli.options import (
    AT_LEAST_ONE,
    AT_LEAST_ZERO,
    CONCURRENCY,
    PER_SECOND,
    SECONDS,
    clear_progress,
    echo_err,
    handle_errors,
    parse_fail_under,
    progress_printer,
    report_options,
    site_dir_argument,
)
from sitekit.cli.output import emit_report, finish_with_verdict, run_gate


@contextlib.contextmanager
def _not_importable(name: str) -> Iterator[None]:
    """While inside, `import name` fails with ImportError (unless it is loaded already)."""
    blocked = name not in sys.modules
    if blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        yield
    finally:
        if blocked and sys.modules.get(name, ...) is None:
            del sys.modules[name]


def _import_lean(url: bool) -> None:
    """Import the HTTP client (a URL) or bs4 (a file or folder) without charset_normalizer,
    for a process sitekit owns (the command line). requests and bs4 import it to guess the
    encoding of bytes they are given undeclared (`Response.text`, `apparent_encoding`,
    `BeautifulSoup(bytes)`); sitekit decodes every body itself (sitekit.crawl.decode) and
    hands bs4 text, so neither guess is ever made. Importing it is ~130M instructions,
    ~11 % of a one-page audit. Afterwards the process's requests has no `chardet`
    (`apparent_encoding` says "utf-8") and bs4's UnicodeDammit does not guess."""
    with _not_importable("charset_normalizer"):
        if url:
            with warnings.catch_warnings():
                # requests warns that it found no encoding guesser: on purpose
                warnings.filterwarnings("ignore", "Unable to find acceptable character detection")
                import sitekit.crawl.fetch  # noqa: F401  (requests, urllib3)
        else:
            from sitekit.audit.snapshot.tree import import_bs4_lean

            import_bs4_lean()  # a file or folder is read with bs4; this process is ours


def _pairs(values: tuple[str, ...], sep: str, option: str) -> tuple[tuple[str, str], ...]:
    """Repeated NAME<sep>VALUE options (--header, --cookie) as pairs; bad ones are usage errors."""
    pairs = []
    for value in values:
        name, found, rest = value.partition(sep)
        if not found or not name.strip():
            raise click.BadParameter(f"expected NAME{sep}VALUE, got {value!r}", param_hint=option)
        pairs.append((name.strip(), rest.strip() if sep == ":" else rest))
    return tuple(pairs)


@click.command()
@click.argument("target", required=False)
@report_options
@click.option(
    "--max-pages", type=AT_LEAST_ONE, default=50, show_default=True, help="Pages to audit at most."
)
@click.option(
    "--max-depth", type=AT_LEAST_ZERO, help="Links to follow from the entry page at most."
)
@click.option("--include", multiple=True, help="Only audit URLs matching this pattern.")
@click.option("--exclude", multiple=True, help="Never audit URLs matching this pattern.")
@click.option(
    "--concurrency", type=CONCURRENCY, default=4, show_default=True, help="Parallel requests."
)
@click.option("--rate", type=PER_SECOND, help="Requests per second per host (default: no limit).")
@click.option("--ignore-robots", is_flag=True, help="Crawl what robots.txt disallows (noted).")
@click.option(
    "--header",
    "headers",
    multiple=True,
    metavar="NAME:VALUE",
    help="Send this header with every request (redacted in reports).",
)
@click.option(
    "--cookie",
    "cookies",
    multiple=True,
    metavar="NAME=VALUE",
    help="Send this cookie with every request (redacted in reports).",
)
@click.option("--auth", metavar="USER:PASS", help="HTTP basic auth (redacted in reports).")
@click.option("--insecure", is_flag=True, help="Do not verify TLS certificates (noted).")
@click.option(
    "--allow-private",
    is_flag=True,
    help="Follow links to private/loopback addresses from a public site.",
)
@click.option(
    "--timeout", type=SECONDS, default=10.0, show_default=True, help="Seconds per request."
)
@click.option(
    "--vs",
    "competitors",
    multiple=True,
    metavar="URL",
    help="Audit a competitor the same way and compare side by side (repeatable).",
)
@click.option(
    "--render",
    "rendered",
    is_flag=True,
    help="Audit the DOM headless Chromium renders, with screenshots.",
)
@click.option(
    "--browser",
    "browser_path",
    type=click.Path(dir_okay=False),
    help="Chromium for --render (default: $SITEKIT_CHROMIUM or /usr/bin/chromium).",
)
@click.option(
    "--targets",
    metavar="FILE",
    help="Audit every URL in FILE (one a line, # comments; - for stdin) instead of TARGET.",
)
@click.option(
    "--out-dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="With --targets: one report per site plus summary.json/.csv and index.html here.",
)
@click.option("--fresh", is_flag=True, help="With --targets: redo sites already in --out-dir.")
@click.option(
    "--sites", type=AT_LEAST_ONE, help="With --targets: sites audited at once (default 4)."
)
@handle_errors
def audit(
    target: str | None,
    fmt: str | None,
    output: Path | None,
    profile_path: Path | None,
    fail_under: tuple[str, ...],
    baseline: Path | None,
    tolerance: float,
    quiet: bool,
    verbose: bool,
    max_pages: int,
    max_depth: int | None,
    include: tuple[str, ...],
    exclude: tuple[str, ...],
    concurrency: int,
    rate: float | None,
    ignore_robots: bool,
    headers: tuple[str, ...],
    cookies: tuple[str, ...],
    auth: str | None,
    insecure: bool,
    allow_private: bool,
    timeout: float,
    competitors: tuple[str, ...],
    rendered: bool,
    browser_path: str | None,
    targets: str | None,
    out_dir: Path | None,
    fresh: bool,
    sites: int | None,
) -> None:
    """Crawl TARGET (URL, folder of HTML, or .html file) and score it on the four criteria.

    A site folder (sitekit.toml) or a folder sitekit built beside one is scored as `sitekit
    check` scores it: every page, with the site's [check] settings (ignores, thresholds,
    profile); the crawl options do not apply to it.

    With --targets FILE, audit many sites at once and print them ranked (exit 2 only when
    no site could be audited).
    """
    if targets is not None or out_dir is not None or fresh or sites is not None:
        from sitekit.cli.batch import audit_many  # many sites: its own module

        audit_many(click.get_current_context().params)
        return
    if target is None:
        raise click.UsageError("give a TARGET (URL, folder or .html file) or --targets FILE")
    if not rendered and not competitors:
        from sitekit.gate import site_of

        site = site_of(target)
        if site is not None:  # a site folder or its built folder: scored as `check` scores it
            from sitekit.build.config import load_config

            run_gate(
                load_config(site[0]),
                built=site[1],
                label="audit",
                fmt=fmt,
                output=output,
                profile_path=profile_path,
                fail_under=fail_under,
                baseline=baseline,
                tolerance=tolerance,
                quiet=quiet,
                verbose=verbose,
            )
            return
    from sitekit.audit.pipeline import run_audit
    from sitekit.audit.profile import load_profile
    from sitekit.crawl.settings import CrawlSettings

    _import_lean(target.lower().startswith(("http://", "https://")))
    overall, per_criterion = parse_fail_under(fail_under)
    if max_pages < 1:
        raise click.BadParameter("must be at least 1", param_hint="--max-pages")
    if rendered and not target.lower().startswith(("http://", "https://")):
        raise click.BadParameter(
            "a rendered audit needs an http(s) URL (serve the folder first: sitekit serve)",
            param_hint="--render",
        )
    user, _, password = (auth or "").partition(":")
    settings = CrawlSettings(
        max_pages=max_pages,
        max_depth=max_depth,
        include=include,
        exclude=exclude,
        concurrency=max(1, concurrency),
        rate=rate,
        respect_robots=not ignore_robots,
        headers=_pairs(headers, ":", "--header"),
        cookies=_pairs(cookies, "=", "--cookie"),
        auth=(user, password) if auth else None,
        verify_tls=not insecure,
        allow_private=allow_private,
        timeout=timeout,
    )
    saved = None
    if baseline:
        from sitekit.gate import load_baseline  # only when comparing with a baseline

        saved = load_baseline(baseline)
    profile = load_profile(profile_path)
    progress = progress_printer(quiet)
    try:
        report = run_audit(
            target,
            profile=profile,
            settings=settings,
            progress=progress,
            render=rendered,
            browser=browser_path,
            vs=competitors,
        )
    finally:
        clear_progress(progress)
    if verbose:
        for decision in report.crawl:
            echo_err(f"{decision.url}: {decision.reason}")
    emit_report(report, fmt, output, quiet=quiet)
    if overall is None and not per_criterion and saved is None:
        return
    from sitekit.gate import judge

    finish_with_verdict(judge(report, overall, per_criterion, saved, tolerance), quiet, "audit")


@click.command(name="check")
@site_dir_argument
@report_options
@click.option("--drafts", is_flag=True, help="Include draft pages.")
@handle_errors
def check_cmd(
    site_dir: Path,
    fmt: str | None,
    output: Path | None,
    profile_path: Path | None,
    fail_under: tuple[str, ...],
    baseline: Path | None,
    tolerance: float,
    quiet: bool,
    verbose: bool,
    drafts: bool,
) -> None:
    """Build SITE_DIR into a temporary folder and audit it; exit 1 below the thresholds.

    Thresholds come from [check] in sitekit.toml (fail_under, [check.criteria]); --fail-under
    overrides them. [[check.ignore]] entries (url, check, reason) silence a check on a page.
    """
    from sitekit.build.config import load_config

    config = load_config(site_dir)
    run_gate(
        config,
        fmt=fmt,
        output=output,
        profile_path=profile_path,
        fail_under=fail_under,
        baseline=baseline,
        tolerance=tolerance,
        quiet=quiet,
        verbose=verbose,
        drafts=drafts,
    )
