"""Options shared by several commands, their parsing, and the one way errors are printed."""

from __future__ import annotations

import math
import sys
from collections.abc import Callable
from functools import wraps
from pathlib import Path
from typing import Any, TypeVar

import click

from sitekit.errors import Diagnostic, SitekitError
from sitekit.report import FORMATS

F = TypeVar("F", bound=Callable[..., Any])


class _FiniteFloatRange(click.FloatRange):
    """A FloatRange that also refuses nan and inf (they pass every range comparison)."""

    def convert(self, value: Any, param: click.Parameter | None, ctx: click.Context | None) -> Any:
        number = super().convert(value, param, ctx)
        if not math.isfinite(number):
            self.fail(f"{value!r} is not a finite number.", param, ctx)
        return number


# Numeric options are validated here, at the Click layer: a bad value is a usage error (exit 2)
# naming the option, never a traceback from deep in the library (urllib3, socket.bind).
PORT = click.IntRange(1, 65535)
AT_LEAST_ONE = click.IntRange(min=1)
AT_LEAST_ZERO = click.IntRange(min=0)
CONCURRENCY = click.IntRange(1, 64)
SECONDS = _FiniteFloatRange(0, 3600, min_open=True)  # socket timeouts overflow far above this
PER_SECOND = _FiniteFloatRange(0, min_open=True)
POINTS = _FiniteFloatRange(0, 100)


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


def report_options(fn: F) -> F:
    """--format, --output, --fail-under, --baseline, --quiet/--verbose: shared by audit/check."""
    options = [
        click.option(
            "--format",
            "fmt",
            type=click.Choice(tuple(FORMATS)),
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
            callback=_check_fail_under,
            help="Exit 1 when the site score (or a criterion's) is below N.",
        ),
        click.option(
            "--baseline",
            type=click.Path(dir_okay=False, exists=True, path_type=Path),
            help="A previous --format json report: fail only on what got worse.",
        ),
        click.option(
            "--tolerance",
            type=POINTS,
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


def _check_fail_under(
    ctx: click.Context, param: click.Parameter, values: tuple[str, ...]
) -> tuple[str, ...]:
    """Validate --fail-under while the options are parsed (before any site is loaded)."""
    parse_fail_under(values)
    return values


def parse_fail_under(values: tuple[str, ...]) -> tuple[float | None, dict[str, float]]:
    """`80` and `next_step=60` -> (80.0, {"next_step": 60.0}); bad values are usage errors."""
    from sitekit.models import CRITERIA  # here, not at the top: sitekit.models costs ~17 ms

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
        if not 0 <= threshold <= 100:  # also refuses nan
            raise click.BadParameter(
                f"{value!r}: scores run from 0 to 100", param_hint="--fail-under"
            )
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


def clear_progress(progress: Callable[[int, int, str], None] | None) -> None:
    """Erase the progress line, when there is one."""
    if progress is not None:
        sys.stderr.write("\r\x1b[2K")
        sys.stderr.flush()
