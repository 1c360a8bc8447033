"""The targets of a batch: the targets file read (one URL a line, `#` comments) and one
stable report file name per target."""

from __future__ import annotations

import re
from collections.abc import Iterable
from urllib.parse import urlsplit

from sitekit.errors import ConfigError, Diagnostic, Location

EXTENSIONS = {"json": ".json", "html": ".html", "junit": ".xml", "sarif": ".sarif"}
EXTENSIONS |= {"markdown": ".md", "terminal": ".txt", "github": ".txt"}


def read_targets(text: str, name: str) -> tuple[list[str], list[Diagnostic]]:
    """The URLs of a targets file (one a line, `#` comments, blank lines), and its warnings.

    Raises ConfigError listing every bad line (`targets.txt:3: not an http(s) URL ...`).
    """
    targets: list[str] = []
    errors: list[Diagnostic] = []
    warnings: list[Diagnostic] = []
    first_line: dict[str, int] = {}
    for number, raw in enumerate(text.splitlines(), start=1):
        line = re.sub(r"(^|\s)#.*$", "", raw).strip()  # `#` at the start or after a space
        if not line:
            continue
        where = Location(name, number)
        parts = urlsplit(line)
        if parts.scheme.lower() not in ("http", "https") or not parts.hostname:
            hint = f" (did you mean 'https://{line}'?)" if "://" not in line else ""
            errors.append(Diagnostic("error", f"not an http(s) URL: {line!r}{hint}", where))
            continue
        if parts.username is not None or parts.password is not None:
            message = "a user or password in the URL would be written to the summary; not here"
            errors.append(Diagnostic("error", message, where))
            continue
        if line in first_line:
            message = f"{line} is listed again (first on line {first_line[line]}); audited once"
            warnings.append(Diagnostic("warning", message, where))
            continue
        first_line[line] = number
        targets.append(line)
    if errors:
        raise ConfigError(f"{name}: {len(errors)} bad target line(s)", tuple(errors))
    if not targets:
        raise ConfigError(f"{name}: no targets (one URL a line; # starts a comment)")
    return targets, warnings


def report_names(targets: Iterable[str], fmt: str) -> dict[str, str]:
    """A stable, distinct file name per target: `example.com-blog.json`, `127.0.0.1-8001.json`."""
    names: dict[str, str] = {}
    taken: set[str] = set()
    for target in targets:
        parts = urlsplit(target)
        stem = f"{parts.hostname}-{parts.port}" if parts.port else str(parts.hostname)
        stem += "-" + parts.path if parts.path.strip("/") else ""
        stem = re.sub(r"[^A-Za-z0-9.]+", "-", stem).strip("-.")[:80] or "site"
        name, n = stem, 1
        while name.lower() in taken:
            n += 1
            name = f"{stem}-{n}"
        taken.add(name.lower())
        names[target] = name + EXTENSIONS.get(fmt, ".txt")
    return names
