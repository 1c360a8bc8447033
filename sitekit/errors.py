"""Error types that carry a source location and own their exit code."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import IntEnum


class ExitCode(IntEnum):
    """Process exit codes, the contract with CI pipelines."""

    OK = 0
    BELOW_THRESHOLD = 1
    USAGE = 2
    NOTHING_AUDITED = 3


@dataclass(frozen=True)
class Location:
    """Where a problem is: a file (or URL), and optionally a 1-based line and column."""

    path: str
    line: int | None = None
    col: int | None = None

    def __str__(self) -> str:
        out = self.path
        if self.line is not None:
            out += f":{self.line}"
            if self.col is not None:
                out += f":{self.col}"
        return out


@dataclass(frozen=True)
class Diagnostic:
    """One located problem: an error stops a build, a warning does not (unless --strict)."""

    level: str  # "error" | "warning"
    message: str
    location: Location | None = None
    field: str | None = None

    def __str__(self) -> str:
        where = f"{self.location}: " if self.location else ""
        return f"{where}{self.message}"


class SitekitError(Exception):
    """Base error; `diagnostics` holds every located problem found before giving up."""

    exit_code: ExitCode = ExitCode.USAGE

    def __init__(self, message: str, diagnostics: tuple[Diagnostic, ...] = ()) -> None:
        super().__init__(message)
        self.message = message
        self.diagnostics = diagnostics


class ConfigError(SitekitError):
    """sitekit.toml or a profile is invalid."""


class ContentError(SitekitError):
    """One or more content files are invalid; the build wrote nothing."""


class BuildError(SitekitError):
    """The build failed (templates, output folder, disk)."""


class TargetError(SitekitError):
    """The audit target cannot be reached or read."""


class NothingAuditedError(SitekitError):
    """The audit found no page it could score (fail closed)."""

    exit_code = ExitCode.NOTHING_AUDITED


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """' (did you mean 'x'?)' when a known name is close to `word`, else '' (one suggestion
    rule for config keys, content fields, profile names, check ids and ignores)."""
    import difflib  # here: only a mistake needs it, and every command imports this module

    known = sorted(set(choices))
    close = difflib.get_close_matches(word, known, n=1, cutoff=0.6)
    if not close:  # 'cta_lable' -> 'cta': a known name followed by a separator
        close = sorted(
            (c for c in known if re.match(rf"{re.escape(c)}[_.\-]", word)), key=len, reverse=True
        )
    return f" (did you mean '{close[0]}'?)" if close else ""
