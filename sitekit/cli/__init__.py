"""The command line, the only place Click lives: options -> library call -> report -> exit code.

Library code never prints; this package prints reports to stdout (or --output), progress
and diagnostics to stderr, and chooses the exit code (see `sitekit.errors.ExitCode`).
One module per command group (build, audit); shared options and error printing in
`options`, the report and verdict in `output`.

A command's module is imported only when that command is looked up (Click's documented
lazy-loading pattern): `sitekit build` does not import the audit command's module, and
`sitekit audit` does not import the build's. `--help` lists every command, so it imports
them all.
"""

from __future__ import annotations

import importlib

import click

from sitekit import __version__

__all__ = ["main"]

# command name -> (module under sitekit.cli, attribute), in the order they were registered
_COMMANDS: dict[str, tuple[str, str]] = {
    "new": ("build", "new"),
    "build": ("build", "build"),
    "serve": ("build", "serve"),
    "audit": ("audit", "audit"),
    "check": ("audit", "check_cmd"),
    "shot": ("build", "shot"),
}


class _LazyGroup(click.Group):
    """A group whose commands live in modules imported on first use."""

    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted({*super().list_commands(ctx), *_COMMANDS})

    def get_command(self, ctx: click.Context, cmd_name: str) -> click.Command | None:
        if cmd_name not in self.commands and cmd_name in _COMMANDS:
            module, attribute = _COMMANDS[cmd_name]
            command = getattr(importlib.import_module(f"sitekit.cli.{module}"), attribute)
            self.add_command(command, cmd_name)
        return super().get_command(ctx, cmd_name)


@click.group(cls=_LazyGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="sitekit")
def main() -> None:
    """Build landing pages that win the first visit, and audit any site on the four
    first-contact criteria: benefit, findability, next_step, proof."""
