"""Secrets and local paths out of a report: redaction, and paths shown relative to a folder."""

from __future__ import annotations

import dataclasses
import functools
import os
import re
from collections.abc import Callable, Sequence
from typing import Any

from sitekit.audit.compact import CompactPages

REDACTED = "[redacted]"
USERINFO = re.compile(r"(?<=//)[^/@\s]+@")  # user:password@ in a URL
_MIN_SECRET = 3


def secrets_of(settings: Any) -> tuple[str, ...]:
    """Header values, cookie values and the basic-auth password given on the command line."""
    found: list[str] = []
    headers = getattr(settings, "headers", None) or {}
    pairs = headers.items() if isinstance(headers, dict) else headers
    found += [str(value) for _name, value in pairs]
    cookies = getattr(settings, "cookies", None) or {}
    pairs = cookies.items() if isinstance(cookies, dict) else cookies
    found += [str(value) for _name, value in pairs]
    auth = getattr(settings, "auth", None)
    if auth:
        found += [str(part) for part in (auth if isinstance(auth, tuple) else (auth,))][1:]
        if not isinstance(auth, tuple) and ":" in str(auth):
            found.append(str(auth).split(":", 1)[1])
    return tuple(sorted({s for s in found if len(s) >= _MIN_SECRET}, key=len, reverse=True))


def map_strings(value: Any, fn: Callable[[str], str]) -> Any:
    """`value` (a report, or any nesting of dataclasses, tuples, lists and dicts) with `fn`
    applied to every string; objects in which nothing changed are returned as they are."""
    if isinstance(value, str):
        return fn(value)
    if isinstance(value, CompactPages):
        return CompactPages(map_strings(page, fn) for page in value)
    if isinstance(value, tuple | list):
        items = [map_strings(v, fn) for v in value]
        if all(new is old for new, old in zip(items, value, strict=True)):
            return value
        return type(value)(items)
    if isinstance(value, dict):
        pairs = [(map_strings(k, fn), map_strings(v, fn)) for k, v in value.items()]
        old_pairs = list(value.items())
        if all(n[0] is o[0] and n[1] is o[1] for n, o in zip(pairs, old_pairs, strict=True)):
            return value
        return dict(pairs)
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        changes = {}
        for name in _field_names(type(value)):
            old = getattr(value, name)
            new = map_strings(old, fn)
            if new is not old:
                changes[name] = new
        return dataclasses.replace(value, **changes) if changes else value
    return value


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(f.name for f in dataclasses.fields(cls))


def redact(value: Any, secrets: Sequence[str]) -> Any:
    """`value` with every secret, and any user:password@ in URLs, replaced by [redacted]."""

    def scrub(text: str) -> str:
        for secret in secrets:
            if secret in text:
                text = text.replace(secret, REDACTED)
        if "@" in text and USERINFO.search(text):
            text = USERINFO.sub(REDACTED + "@", text)
        return text

    return map_strings(value, scrub)


def relative_paths(value: Any, base: str) -> Any:
    """Local file paths (page sources, evidence locations) shown relative to `base`."""
    prefix = os.path.join(os.path.abspath(base), "")

    def shorten(text: str) -> str:
        return text[len(prefix) :] if text.startswith(prefix) else text

    return map_strings(value, shorten)
