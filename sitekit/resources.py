"""Where the bundled themes and audit profiles are, installed or in a checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).resolve().parent


def _bundled(installed_name: str, checkout_name: str) -> Path:
    installed = _PACKAGE / installed_name  # a regular install copies the folder in here
    return installed if installed.is_dir() else _PACKAGE.parent / checkout_name


def themes_dir() -> Path:
    """The folder holding the bundled themes (`default/`, ...)."""
    return _bundled("_themes", "themes")


def audits_dir() -> Path:
    """The folder holding the bundled audit profiles (`default.toml`, ...)."""
    return _bundled("_audits", "audits")
