"""The command line, the only place Click lives: options -> library call -> report -> exit code.

Library code never prints; this package prints reports to stdout (or --output), progress
and diagnostics to stderr, and chooses the exit code (see `sitekit.errors.ExitCode`).
One module per command group (build, audit); shared options and error printing in
`options`, the report and verdict in `output`.
"""

from __future__ import annotations

import click

from sitekit import __version__
from sitekit.cli import audit, build

__all__ = ["main"]


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitekit")
def main() -> None:
    """Build landing pages that win the first visit, and audit any site on the four
    first-contact criteria: benefit, findability, next_step, proof."""


for _command in (build.new, build.build, build.serve, audit.audit, audit.check_cmd, build.shot):
    main.add_command(_command)
