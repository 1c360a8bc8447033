"""Text hygiene shared by the report formats: page text is data, never markup or escape codes."""

from __future__ import annotations

import re
from typing import Any

# C0 controls (tab, LF and CR allowed only where a caller keeps them), DEL, C1 controls.
_CONTROLS = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f-\x9f]")
_CONTROLS_AND_NEWLINES = re.compile("[\x00-\x1f\x7f-\x9f]")
# Unicode bidi overrides can make text display differently from what it is.
_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
_ANSI = re.compile(r"\x1b(\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(\x07|\x1b\\)?|[@-Z\\-_])")


def plain(text: Any, *, keep_newlines: bool = False) -> str:
    """Text with ANSI sequences, control characters and bidi overrides removed."""
    out = _ANSI.sub("", str(text))
    out = (_CONTROLS if keep_newlines else _CONTROLS_AND_NEWLINES).sub(
        " " if not keep_newlines else "", out
    )
    return _BIDI.sub("", out)


def one_line(text: Any, limit: int = 0) -> str:
    """Plain text on one line, whitespace collapsed, cut to `limit` characters when given."""
    out = " ".join(plain(text).split())
    if limit and len(out) > limit:
        out = out[: limit - 1].rstrip() + "…"
    return out


def is_web_url(url: str) -> bool:
    """True for http(s) URLs: the only ones a report turns into links."""
    return url.lower().startswith(("http://", "https://"))
