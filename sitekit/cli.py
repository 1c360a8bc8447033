"""The only Click module: options -> library call -> renderer -> exit code.

Library code never prints; this module prints reports to stdout (or --output), progress
and diagnostics to stderr, and chooses the exit code (see `sitekit.errors.ExitCode`).
Heavy modules are imported inside each command so that start-up stays fast.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from sitekit import __version__
from sitekit.errors import Diagnostic, ExitCode, SitekitError

F = TypeVar("F", bound=Callable[..., Any])


def echo_err(message: str) -> None:
    """Write one line to stderr."""
    click.echo(message, err=True)


def print_diagnostics(diagnostics: tuple[Diagnostic, ...] | list[Diagnostic]) -> None:
    """Print located errors and warnings to stderr, colour only on a TTY."""
    for diag in diagnostics:
        colour = "red" if diag.level == "error" else "yellow"
        label = click.style(diag.level, fg=colour) if sys.stderr.isatty() else diag.level
        where = f"{diag.location}: " if diag.location else ""
        echo_err(f"{where}{label}: {diag.message}")


def handle_errors(fn: F) -> F:
    """Turn a SitekitError into its located messages and exit code, never a traceback."""

    @wraps(fn)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        try:
            return fn(*args, **kwargs)
        except SitekitError as exc:
            if exc.diagnostics:
                print_diagnostics(exc.diagnostics)
            echo_err(f"error: {exc.message}")
            sys.exit(int(exc.exit_code))
        except KeyboardInterrupt:
            echo_err("interrupted")
            sys.exit(130)

    return wrapper  # type: ignore[return-value]


site_dir_argument = click.argument(
    "site_dir", default=".", type=click.Path(file_okay=False, exists=True, path_type=Path)
)


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitekit")
def main() -> None:
    """Build landing pages that win the first visit, and audit any site on the four
    first-contact criteria: benefit, findability, next_step, proof."""


# --------------------------------------------------------------------------- builder


@main.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@handle_errors
def new(directory: Path) -> None:
    """Scaffold a working site in DIRECTORY."""
    from sitekit.build.scaffold import scaffold_site

    created = scaffold_site(directory)
    echo_err(f"created {len(created)} files in {directory}; next: sitekit build {directory}")


@main.command()
@site_dir_argument
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Output folder (default: SITE_DIR/_site).",
)
@click.option("--drafts", is_flag=True, help="Include pages marked draft: true.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--clean", is_flag=True, help="Ignore the build cache and rebuild everything.")
@click.option("--base-url", help="Override [site] base_url (for canonical URLs and sitemap).")
@click.option(
    "--check",
    "run_check",
    is_flag=True,
    help="Audit the built pages too; keep the output only when they pass.",
)
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@handle_errors
def build(
    site_dir: Path,
    out_dir: Path | None,
    drafts: bool,
    strict: bool,
    clean: bool,
    base_url: str | None,
    run_check: bool,
    quiet: bool,
) -> None:
    """Build SITE_DIR/content into a static site (SITE_DIR/_site by default)."""
    from sitekit.build.config import load_config
    from sitekit.build.site import build_site

    config = load_config(site_dir, base_url=base_url)
    if run_check:  # audit a temporary build first; exits 1 (writing nothing here) on a fail
        _run_gate(config, quiet=quiet, drafts=drafts, strict=strict)
    result = build_site(config, out_dir=out_dir, drafts=drafts, strict=strict, clean=clean)
    print_diagnostics([d for d in result.diagnostics if not quiet or d.level == "error"])
    if not quiet:
        echo_err(
            f"built {result.pages} pages ({result.files} files) into {result.out_dir} "
            f"in {result.seconds:.2f}s"
        )


@main.command()
@site_dir_argument
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option("--drafts", is_flag=True, help="Include draft pages.")
@handle_errors
def serve(site_dir: Path, port: int, drafts: bool) -> None:
    """Serve the site on 127.0.0.1, rebuild on change and reload the browser."""
    from sitekit.build.serve import serve_site

    serve_site(site_dir, port=port, drafts=drafts, log=echo_err)


# --------------------------------------------------------------------------- auditor


REPORT_FORMATS = ("terminal", "json", "html", "junit", "sarif", "github", "markdown")


def report_options(fn: F) -> F:
    """--format, --output, --fail-under, --baseline, --quiet/--verbose: shared by audit/check."""
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(REPORT_FORMATS),
            help="Report format (default: terminal; github when GITHUB_ACTIONS=true).",
        ),
        click.option(
            "--output",
            "-o",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Write the report to FILE instead of stdout.",
        ),
        click.option(
            "--profile",
            "profile_path",
            type=click.Path(dir_okay=False, path_type=Path),
            help="Audit profile (TOML) overriding or extending audits/default.toml.",
        ),
        click.option(
            "--fail-under",
            "fail_under",
            multiple=True,
            metavar="N|CRITERION=N",
            help="Exit 1 when the site score (or a criterion's) is below N.",
        ),
        click.option(
            "--baseline",
            type=click.Path(dir_okay=False, exists=True, path_type=Path),
            help="A previous --format json report: fail only on what got worse.",
        ),
        click.option(
            "--tolerance",
            default=2.0,
            show_default=True,
            help="Points a criterion may drop against --baseline.",
        ),
        click.option("-q", "--quiet", is_flag=True, help="No progress, no verdict line."),
        click.option("-v", "--verbose", is_flag=True, help="Also list crawl decisions."),
    ]
    for option in reversed(options):
        fn = option(fn)
    return fn


def parse_fail_under(values: tuple[str, ...]) -> tuple[float | None, dict[str, float]]:
    """`80` and `next_step=60` -> (80.0, {"next_step": 60.0}); bad values are usage errors."""
    from sitekit.models import CRITERIA

    overall: float | None = None
    per_criterion: dict[str, float] = {}
    for value in values:
        name, _, number = value.rpartition("=")
        try:
            threshold = float(number)
        except ValueError:
            raise click.BadParameter(
                f"{value!r}: expected N or CRITERION=N", param_hint="--fail-under"
            ) from None
        if not name:
            overall = threshold
        elif name in CRITERIA:
            per_criterion[name] = threshold
        else:
            raise click.BadParameter(
                f"unknown criterion {name!r} (one of {', '.join(CRITERIA)})",
                param_hint="--fail-under",
            )
    return overall, per_criterion


def _pairs(values: tuple[str, ...], sep: str, option: str) -> tuple[tuple[str, str], ...]:
    pairs = []
    for value in values:
        name, found, rest = value.partition(sep)
        if not found or not name.strip():
            raise click.BadParameter(f"expected NAME{sep}VALUE, got {value!r}", param_hint=option)
        pairs.append((name.strip(), rest.strip() if sep == ":" else rest))
    return tuple(pairs)


def progress_printer(quiet: bool) -> Callable[[int, int, str], None] | None:
    """A one-line progress display on stderr, only on a TTY and without --quiet."""
    if quiet or not sys.stderr.isatty():
        return None
    from sitekit.report.safe import one_line

    def show(done: int, queued: int, url: str) -> None:
        line = f"\r\x1b[2K{done} pages fetched, {queued} queued  {one_line(url, 60)}"
        sys.stderr.write(line)
        sys.stderr.flush()

    return show


def _clear_progress(progress: Callable[[int, int, str], None] | None) -> None:
    if progress is not None:
        sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()


def emit_report(report: Any, fmt: str | None, output: Path | None) -> None:
    """Render the report to stdout or --output, plus $GITHUB_STEP_SUMMARY when set.

    JSON is written one page at a time; the other formats render from the canonical dict.
    """
    import os

    from sitekit.report import render
    from sitekit.report.json_report import to_dict, write_json

    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "terminal")
    colour = fmt == "terminal" and output is None and sys.stdout.isatty()
    try:
        if fmt == "json" and output is None:
            write_json(report, sys.stdout)
        elif fmt == "json" and output is not None:
            with output.open("w", encoding="utf-8") as handle:
                write_json(report, handle)
        else:
            text = render(to_dict(report), fmt, colour=colour)
            if output is None:
                click.echo(text, nl=False)
            else:
                output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SitekitError(f"cannot write {output}: {exc.strerror}") from exc
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(render(report, "markdown"))
        except OSError as exc:
            echo_err(f"warning: cannot write $GITHUB_STEP_SUMMARY: {exc.strerror}")


def finish_with_verdict(verdict: Any, quiet: bool, label: str) -> None:
    """Print the verdict on stderr and exit 1 when it failed."""
    for line in verdict.improvements:
        if not quiet:
            echo_err(f"improved: {line}")
    for line in verdict.failures:
        echo_err(f"{label}: {line}")
    if not verdict.passed:
        sys.exit(int(ExitCode.BELOW_THRESHOLD))
    if not quiet:
        echo_err(f"{label}: passed")


@main.command()
@click.argument("target")
@report_options
@click.option("--max-pages", default=50, show_default=True, help="Pages to audit at most.")
@click.option("--max-depth", type=int, help="Links to follow from the entry page at most.")
@click.option("--include", multiple=True, help="Only audit URLs matching this pattern.")
@click.option("--exclude", multiple=True, help="Never audit URLs matching this pattern.")
@click.option("--concurrency", default=4, show_default=True, help="Parallel requests.")
@click.option("--rate", type=float, help="Requests per second per host (default: no limit).")
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
@click.option("--timeout", default=10.0, show_default=True, help="Seconds per request.")
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
@handle_errors
def audit(
    target: str,
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
) -> None:
    """Crawl TARGET (URL, folder of HTML, or .html file) and score it on the four criteria."""
    from sitekit.audit.pipeline import run_audit
    from sitekit.audit.profile import load_profile
    from sitekit.crawl.crawler import CrawlSettings

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
        _clear_progress(progress)
    if verbose:
        for decision in report.crawl:
            echo_err(f"{decision.url}: {decision.reason}")
    emit_report(report, fmt, output)
    if overall is None and not per_criterion and saved is None:
        return
    from sitekit.gate import judge

    finish_with_verdict(judge(report, overall, per_criterion, saved, tolerance), quiet, "audit")


@main.command(name="check")
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
    _run_gate(
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


def _run_gate(
    config: Any,
    *,
    fmt: str | None = None,
    output: Path | None = None,
    profile_path: Path | None = None,
    fail_under: tuple[str, ...] = (),
    baseline: Path | None = None,
    tolerance: float = 2.0,
    quiet: bool = False,
    verbose: bool = False,
    drafts: bool = False,
    strict: bool = False,
) -> Any:
    """`sitekit check` and `build --check`: print the report and verdict; exit 1 on a fail."""
    import dataclasses

    from sitekit.gate import check_site, load_baseline

    overall, per_criterion = parse_fail_under(fail_under)
    if overall is not None or per_criterion:
        settings = config.check
        config = dataclasses.replace(
            config,
            check=dataclasses.replace(
                settings,
                fail_under=overall if overall is not None else settings.fail_under,
                criteria_fail_under={**settings.criteria_fail_under, **per_criterion},
            ),
        )
    saved = load_baseline(baseline) if baseline else None
    progress = progress_printer(quiet)
    try:
        result = check_site(
            config,
            profile_path=profile_path,
            baseline=saved,
            tolerance=tolerance,
            drafts=drafts,
            strict=strict,
            progress=progress,
        )
    finally:
        _clear_progress(progress)
    print_diagnostics([d for d in result.build.diagnostics if not quiet or d.level == "error"])
    if verbose:
        for decision in result.report.crawl:
            echo_err(f"{decision.url}: {decision.reason}")
    emit_report(result.report, fmt, output)
    score = "-" if result.report.score is None else f"{result.report.score:.1f}"
    if not quiet:
        echo_err(f"check: {len(result.report.pages)} pages, site score {score}")
    finish_with_verdict(result.verdict, quiet, "check")
    return result


# --------------------------------------------------------------------------- browser


@main.command()
@site_dir_argument
@click.option(
    "--out",
    "out_dir",
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for the PNGs (default: SITE_DIR/docs/screenshots).",
)
@click.option(
    "--browser",
    "browser_path",
    type=click.Path(dir_okay=False),
    help="Chromium to drive (default: $SITEKIT_CHROMIUM, else /usr/bin/chromium).",
)
@handle_errors
def shot(site_dir: Path, out_dir: Path | None, browser_path: str | None) -> None:
    """Build SITE_DIR, serve it on 127.0.0.1 and save its home page at 390x844 and 1366x768."""
    from sitekit.browser.shot import shoot_site

    for path in shoot_site(site_dir, out_dir or site_dir / "docs" / "screenshots", browser_path):
        echo_err(f"saved {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(int(ExitCode.OK))
