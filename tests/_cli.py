"""Running the installed command line as a user does, for tests that read its output."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path


def audit(path: Path, fmt: str) -> str:
    """`sitekit audit PATH --format FMT -q` in its own process: its standard output (the exit
    code must be a verdict, 0 or 1, never an error)."""
    done = subprocess.run(
        [sys.executable, "-m", "sitekit", "audit", str(path), "--format", fmt, "-q"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode in (0, 1), done.stderr
    return done.stdout
