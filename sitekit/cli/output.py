"""What audit, check and build --check print: the report, then the verdict and its exit code."""

from __future__ import annotations

import dataclasses
import os
import sys
from pathlib import Path
from typing import Any

import click

from sitekit.cli.options import (
    clear_progress,
    echo_err,
    parse_fail_under,
    print_diagnostics,
    progress_printer,
)
from sitekit.errors import ExitCode, SitekitError

CI_FORMATS = ("sarif", "github")  # annotate files: paths relative to the repository root


def emit_report(
    report: Any,
    fmt: str | None,
    output: Path | None,
    *,
    quiet: bool = False,
    paths_base: Path | None = None,
) -> None:
    """Write the report to stdout or --output (saying where on stderr unless `quiet`), plus
    $GITHUB_STEP_SUMMARY when set.

    JSON is written one page at a time; the other formats are made from the canonical dict.
    The report's local paths are relative to `paths_base` (default: the working folder); the
    CI formats get them relative to the repository root (`site/content/index.md`).
    """
    # here, not at the top: these import sitekit.models (~17 ms of `sitekit --version`)
    from sitekit.audit.report_data import to_dict
    from sitekit.report import format_report
    from sitekit.report.json_report import write_json

    fmt = fmt or ("github" if os.environ.get("GITHUB_ACTIONS") == "true" else "terminal")
    colour = fmt == "terminal" and output is None and sys.stdout.isatty()
    try:
        if fmt == "json" and output is None:
            write_json(report, sys.stdout)
        elif fmt == "json" and output is not None:
            with output.open("w", encoding="utf-8") as handle:
                write_json(report, handle)
        else:
            data = to_dict(report)
            if fmt in CI_FORMATS:
                from sitekit.report.paths import rebase_paths, repo_prefix

                data = rebase_paths(data, repo_prefix(paths_base or Path.cwd()))
            text = format_report(data, fmt, colour=colour)
            if output is None:
                click.echo(text, nl=False)
            else:
                output.write_text(text, encoding="utf-8")
    except OSError as exc:
        raise SitekitError(f"cannot write {output}: {exc.strerror}") from exc
    if output is not None and not quiet:
        echo_err(f"{fmt} report written to {output}")
    summary = os.environ.get("GITHUB_STEP_SUMMARY")
    if summary:
        try:
            with open(summary, "a", encoding="utf-8") as handle:
                handle.write(format_report(report, "markdown"))
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


def config_file(result: Any) -> str:
    return str(result.report.settings_file or "defaults")


def run_gate(
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
    built: Path | None = None,
    label: str = "check",
) -> Any:
    """`sitekit check` and `build --check`: print the report and verdict; exit 1 on a fail.

    With `built`, that folder (sitekit built it from `config`) is audited as it is: `sitekit
    audit` of a built or site folder, with the same [check] settings and so the same score.
    """
    # the builder and the auditor: heavy
    from sitekit.gate import check_folder, check_site, load_baseline

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
    options: dict[str, Any] = {"baseline": saved, "tolerance": tolerance, "progress": progress}
    try:
        if built is not None:
            result = check_folder(config, built, profile_path=profile_path, **options)
        else:
            result = check_site(
                config, profile_path=profile_path, drafts=drafts, strict=strict, **options
            )
    finally:
        clear_progress(progress)
    print_diagnostics([d for d in result.build.diagnostics if not quiet or d.level == "error"])
    if verbose:
        for decision in result.report.crawl:
            echo_err(f"{decision.url}: {decision.reason}")
    emit_report(result.report, fmt, output, quiet=quiet, paths_base=config.root)
    score = "-" if result.report.score is None else f"{result.report.score:.1f}"
    if not quiet:
        pages = len(result.report.pages)
        echo_err(f"{label}: {pages} pages, site score {score} ([check] from {config_file(result)})")
    finish_with_verdict(result.verdict, quiet, label)
    return result
