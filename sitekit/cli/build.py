"""The builder's commands: new, build, serve, and shot (screenshots of a built site).

Each command imports its library module when it runs, not at the top: `sitekit --version`
and `--help` would otherwise pay for Jinja2, the Markdown engine and the crawler.
"""

from __future__ import annotations

import contextlib
import gc
import os
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import click

from sitekit.cli.options import PORT, echo_err, handle_errors, print_diagnostics, site_dir_argument
from sitekit.cli.output import run_gate


@click.command()
@click.argument("directory", type=click.Path(file_okay=False, path_type=Path))
@handle_errors
def new(directory: Path) -> None:
    """Scaffold a working site in DIRECTORY."""
    from sitekit.build.scaffold import scaffold_site

    created = scaffold_site(directory)
    echo_err(f"created {len(created)} files in {directory}; next: sitekit build {directory}")


@click.command()
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

    with _fewer_collections():
        config = load_config(site_dir, base_url=base_url)
        if run_check:  # audit a temporary build first; exits 1 (writing nothing here) on a fail
            # -q is errors only: the report goes nowhere, the verdict's failures still print
            sink = Path(os.devnull) if quiet else None
            fmt = "json" if quiet else None
            run_gate(config, fmt=fmt, output=sink, quiet=quiet, drafts=drafts, strict=strict)
        result = build_site(config, out_dir=out_dir, drafts=drafts, strict=strict, clean=clean)
    print_diagnostics([d for d in result.diagnostics if not quiet or d.level == "error"])
    if not quiet:
        echo_err(
            f"built {result.pages} pages ({result.files} files) into {result.out_dir} "
            f"in {result.seconds:.2f}s"
        )
    if not run_check:
        _exit_now()


def _exit_now() -> None:
    """End a `sitekit build` process here, its work done: every file is written and closed
    and the lock released, so the interpreter's teardown (freeing each object and module one
    by one, ~30M instructions at 1,000 pages, ~3% of a one-page rebuild) does nothing that
    matters. The exit handlers still run and the output is flushed first. Only when this
    process is `sitekit` itself (the console script or `python -m sitekit`) with no other
    thread: a program or a test that runs the command in its own process goes on."""
    main = sys.modules.get("__main__")
    spec = getattr(main, "__spec__", None)
    if spec is not None:  # python -m sitekit
        whole = spec.name == "sitekit.__main__"
    else:  # the console script: it is the main module, run as `sitekit`
        whole = Path(sys.argv[0]).stem == "sitekit" and getattr(main, "__file__", "") == sys.argv[0]
    if not whole or threading.active_count() > 1:
        return
    import atexit

    try:
        atexit._run_exitfuncs()
        sys.stdout.flush()
        sys.stderr.flush()
    except Exception:  # e.g. a closed pipe: the interpreter's own exit reports it
        return
    os._exit(0)


@contextlib.contextmanager
def _fewer_collections() -> Iterator[None]:
    """A build allocates a great many objects and frees nearly all of them by reference
    counting: Python's cyclic collector, run every 700 allocations, costs a one-page rebuild
    of 5,000 pages ~56M instructions (~4%) for little. While the command runs, collect 70
    times less often (as mypy does) and leave what was imported before it out of the scans
    (gc.freeze, kept: the collection at the interpreter's exit then skips them too, ~25M
    instructions); a longer-lived process (tests, an embedding program) gets its thresholds
    back, and only what was alive before a build is left out of its later collections."""
    threshold = gc.get_threshold()
    gc.freeze()
    gc.set_threshold(50_000, 20, 100)
    try:
        yield
    finally:
        gc.set_threshold(*threshold)


@click.command()
@site_dir_argument
@click.option("--port", type=PORT, default=8000, show_default=True, help="Port on 127.0.0.1.")
@click.option("--drafts", is_flag=True, help="Include draft pages.")
@handle_errors
def serve(site_dir: Path, port: int, drafts: bool) -> None:
    """Serve the site on 127.0.0.1, rebuild on change and reload the browser."""
    import signal

    from sitekit.build.serve import serve_site

    def stop(signum: int, frame: object) -> None:
        raise KeyboardInterrupt  # SIGTERM stops the server as Ctrl+C does, cleanly

    signal.signal(signal.SIGTERM, stop)
    serve_site(site_dir, port=port, drafts=drafts, log=echo_err)


@click.command()
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
    from sitekit.shot import shoot_site

    for path in shoot_site(site_dir, out_dir or site_dir / "docs" / "screenshots", browser_path):
        echo_err(f"saved {path}")
