"""The checks behind `[markdown] extensions` and `extension_configs` (Python-Markdown's):
each extension loads, knows each of its settings, and accepts their values."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

import markdown

from sitekit.build.pymarkdown import new_markdown
from sitekit.errors import did_you_mean

# the names Python-Markdown ships (markdown.extensions.NAME), for "did you mean"
BUILTIN_EXTENSIONS = (
    "abbr",
    "admonition",
    "attr_list",
    "codehilite",
    "def_list",
    "extra",
    "fenced_code",
    "footnotes",
    "legacy_attrs",
    "legacy_em",
    "md_in_html",
    "meta",
    "nl2br",
    "sane_lists",
    "smarty",
    "tables",
    "toc",
    "wikilinks",
)


def extension_problems(name: str, settings: Mapping[str, Any]) -> list[tuple[str, str]]:
    """What is wrong with one extension and its settings, as (message, setting key or '')."""
    probe = markdown.Markdown()
    try:
        extension = probe.build_extension(name, {})
    except Exception as exc:  # an import error, or a module without makeExtension
        hint = did_you_mean(name.rpartition(".")[2], BUILTIN_EXTENSIONS)
        return [(f"extension '{name}' cannot be loaded ({_why(exc)}){hint}", "")]
    known = tuple(extension.getConfigs())
    unknown = [k for k in settings if k not in known]
    if unknown:
        return [
            (f"unknown setting '{k}' of extension '{name}'{did_you_mean(k, known)}", k)
            for k in unknown
        ]
    try:
        new_markdown((name,), {name: settings}).convert(_PROBE)
    except Exception as exc:  # the extension refuses a value
        return [(f"extension '{name}' rejects its settings ({_why(exc)})", "")]
    return []


_PROBE = "# Heading\n\nA paragraph with *words* and a [link](/x).\n\n- one\n- two\n"


def _why(exc: Exception) -> str:
    return f"{type(exc).__name__}: {exc}" if str(exc) else type(exc).__name__
