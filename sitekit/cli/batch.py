"""`sitekit audit --targets FILE`: many sites at once, a ranked table, one report per site."""

from __future__ import annotations

import sys
from collections.abc import Callable
from pathlib import Path
from typing import Any

import click

from sitekit.cli.options import clear_progress, echo_err, parse_fail_under, print_diagnostics
from sitekit.errors import ExitCode, SitekitError

DEFAULT_SITES = 4
# options that make sense for one site only, and why they are refused with --targets
ONE_SITE_ONLY = {
    "output": ("--output", "each site's report goes to --out-dir"),
    "baseline": ("--baseline", "a baseline belongs to one site"),
    "competitors": ("--vs", "list the competitors in the targets file"),
    "rendered": ("--render", "not supported for many sites yet"),
    "headers": ("--header", "credentials would be sent to every site"),
    "cookies": ("--cookie", "credentials would be sent to every site"),
    "auth": ("--auth", "credentials would be sent to every site"),
    "verbose": ("--verbose", "each site's crawl decisions are in its report (--out-dir)"),
}


def _check_options(params: dict[str, Any]) -> None:
    """Usage errors for option combinations the batch cannot honour."""
    if params["targets"] is None:
        used = [name for name in ("out_dir", "fresh", "sites") if params[name]]
        flag = "--" + used[0].replace("_", "-")
        raise click.BadParameter("only with --targets FILE", param_hint=flag)
    if params["target"] is not None:
        raise click.BadParameter("give a TARGET or --targets FILE, not both", param_hint="TARGET")
    for name, (flag, why) in ONE_SITE_ONLY.items():
        if params[name]:
            raise click.BadParameter(f"not with --targets: {why}", param_hint=flag)
    if params["fresh"] and params["out_dir"] is None:
        raise click.BadParameter(
            "needs --out-dir (the folder to start afresh)", param_hint="--fresh"
        )


def _read(path: str) -> tuple[str, str]:
    """The targets file's text and the name errors give it (`-`: standard input)."""
    name = "<stdin>" if path == "-" else path
    try:
        data = sys.stdin.buffer.read() if path == "-" else Path(path).read_bytes()
        return data.decode("utf-8-sig"), name
    except OSError as exc:
        raise SitekitError(f"cannot read {name}: {exc.strerror}") from exc
    except UnicodeDecodeError as exc:
        raise SitekitError(f"{name}: not UTF-8 text (byte {exc.start})") from exc


def _progress(quiet: bool) -> Callable[..., None] | None:
    """Sites and pages on one stderr line, only on a TTY and without --quiet."""
    if quiet or not sys.stderr.isatty():
        return None
    from sitekit.report.safe import one_line

    def show(state: Any) -> None:
        line = (
            f"\r\x1b[2K{state.sites_done}/{state.sites_total} sites done, {state.running} "
            f"running, {state.pages} pages fetched  {one_line(state.url, 50)}"
        )
        sys.stderr.write(line)
        sys.stderr.flush()

    return show


def audit_many(params: dict[str, Any]) -> None:
    """Audit every site of --targets, print the ranked table, exit 0, 1 or 2."""
    _check_options(params)
    overall, per_criterion = parse_fail_under(params["fail_under"])
    # here, not at the top: the auditor is loaded only when this command runs
    from sitekit.audit.profile import load_profile
    from sitekit.batch import run_batch
    from sitekit.batch_summary import summary_table
    from sitekit.batch_targets import read_targets
    from sitekit.crawl.settings import CrawlSettings

    targets, warnings = read_targets(*_read(params["targets"]))
    if not params["quiet"]:
        print_diagnostics(warnings)
    settings = CrawlSettings(
        max_pages=params["max_pages"],
        max_depth=params["max_depth"],
        include=params["include"],
        exclude=params["exclude"],
        concurrency=max(1, params["concurrency"]),
        rate=params["rate"],
        respect_robots=not params["ignore_robots"],
        verify_tls=not params["insecure"],
        allow_private=params["allow_private"],
        timeout=params["timeout"],
    )
    progress = _progress(params["quiet"])
    try:
        rows = run_batch(
            targets,
            profile=load_profile(params["profile_path"]),
            settings=settings,
            fmt=params["fmt"] or "json",
            out_dir=params["out_dir"],
            sites=params["sites"] or DEFAULT_SITES,
            fresh=params["fresh"],
            progress=progress,
        )
    finally:
        clear_progress(progress)
    click.echo(summary_table(rows), nl=False)
    if not any(row.audited for row in rows):
        echo_err("audit: no site could be audited")
        sys.exit(int(ExitCode.USAGE))  # 2: the contract for "nothing could be audited"
    below = []
    for row in rows:
        if not row.audited:
            continue
        if overall is not None and (row.score is None or row.score < overall):
            below.append(f"{row.target}: site score {row.score} below {overall:g}")
        for criterion, threshold in per_criterion.items():
            value = row.criteria.get(criterion)
            if value is None or value < threshold:
                below.append(f"{row.target}: {criterion} {value} below {threshold:g}")
    for line in below:
        echo_err(f"audit: {line}")
    if below:
        sys.exit(int(ExitCode.BELOW_THRESHOLD))
    if (overall is not None or per_criterion) and not params["quiet"]:
        echo_err("audit: passed")
