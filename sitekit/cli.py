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
    from sitekit.scaffold import scaffold_site

    created = scaffold_site(directory)
    echo_err(f"created {len(created)} files in {directory}; next: sitekit build {directory}")


@main.command()
@click.argument(
    "site_dir", default=".", type=click.Path(file_okay=False, exists=True, path_type=Path)
)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Output folder (default: SITE_DIR/_site).")
@click.option("--drafts", is_flag=True, help="Include pages marked draft: true.")
@click.option("--strict", is_flag=True, help="Treat warnings as errors.")
@click.option("--clean", is_flag=True, help="Ignore the build cache and rebuild everything.")
@click.option("--base-url", help="Override [site] base_url (for canonical URLs and sitemap).")
@click.option("--check", "run_check", is_flag=True,
              help="Audit the built pages too; keep the output only when they pass.")
@click.option("-q", "--quiet", is_flag=True, help="Print errors only.")
@handle_errors
def build(site_dir: Path, out_dir: Path | None, drafts: bool, strict: bool, clean: bool,
          base_url: str | None, run_check: bool, quiet: bool) -> None:
    """Build SITE_DIR/content into a static site (SITE_DIR/_site by default)."""
    from sitekit.build import build_site
    from sitekit.config import load_config

    config = load_config(site_dir, base_url=base_url)
    result = build_site(config, out_dir=out_dir, drafts=drafts, strict=strict, clean=clean)
    print_diagnostics([d for d in result.diagnostics if not quiet or d.level == "error"])
    if not quiet:
        echo_err(f"built {result.pages} pages ({result.files} files) into {result.out_dir} "
                 f"in {result.seconds:.2f}s")


@main.command()
@click.argument(
    "site_dir", default=".", type=click.Path(file_okay=False, exists=True, path_type=Path)
)
@click.option("--port", default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option("--drafts", is_flag=True, help="Include draft pages.")
@handle_errors
def serve(site_dir: Path, port: int, drafts: bool) -> None:
    """Serve the site on 127.0.0.1, rebuild on change and reload the browser."""
    from sitekit.serve import serve_site

    serve_site(site_dir, port=port, drafts=drafts, log=echo_err)


# --------------------------------------------------------------------------- auditor


@main.command()
@click.argument("target")
@handle_errors
def audit(target: str) -> None:
    """Crawl TARGET (URL, folder of HTML, or .html file) and score it on the four criteria."""
    raise SitekitError("audit: not implemented yet")


@main.command(name="check")
@click.argument(
    "site_dir", default=".", type=click.Path(file_okay=False, exists=True, path_type=Path)
)
@handle_errors
def check_cmd(site_dir: Path) -> None:
    """Build SITE_DIR into a temporary folder and audit it; exit 1 below the thresholds."""
    raise SitekitError("check: not implemented yet")


# --------------------------------------------------------------------------- browser


@main.command()
@click.argument(
    "site_dir", default=".", type=click.Path(file_okay=False, exists=True, path_type=Path)
)
@click.option("--out", "out_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Folder for the PNGs (default: SITE_DIR/docs/screenshots).")
@click.option("--browser", "browser_path", type=click.Path(dir_okay=False),
              help="Chromium to drive (default: $SITEKIT_CHROMIUM, else /usr/bin/chromium).")
@handle_errors
def shot(site_dir: Path, out_dir: Path | None, browser_path: str | None) -> None:
    """Build SITE_DIR, serve it on 127.0.0.1 and save its home page at 390x844 and 1366x768."""
    from sitekit.shot import shoot_site

    for path in shoot_site(site_dir, out_dir or site_dir / "docs" / "screenshots", browser_path):
        echo_err(f"saved {path}")


if __name__ == "__main__":  # pragma: no cover
    main()
    sys.exit(int(ExitCode.OK))
