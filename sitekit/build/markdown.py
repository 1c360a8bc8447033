"""Markdown -> HTML with cmark-gfm (GitHub-flavoured), optionally with each top-level block
tagged with its source line."""

from __future__ import annotations

import re
from typing import Any

from markupsafe import Markup

_SOURCEPOS = re.compile(r' data-sourcepos="(\d+):\d+-(\d+):(\d+)"')
_GFM_EXTENSIONS = ("table", "autolink", "tagfilter", "strikethrough", "tasklist")


class _Cmark:
    """cmark-gfm (C) through cmarkgfm's cffi binding, freeing what its wrapper leaks.

    cmarkgfm's own helpers never free the parsed tree nor the rendered string (about 60 KB a
    page); the library exports cmark_node_free, so we call it (and libc free) via ctypes.
    """

    def __init__(self) -> None:
        # imported on first use (~2.3 ms with ctypes): a build whose pages all come from the
        # cache never loads them
        import ctypes

        from cmarkgfm import cmark

        self.cmark = cmark
        self.ffi, self.lib = cmark._cmark.ffi, cmark._cmark.lib
        cmark.core_extensions_ensure_registered()
        self.extensions = [cmark.find_syntax_extension(n) for n in _GFM_EXTENSIONS]
        try:
            so = ctypes.CDLL(cmark._cmark.__file__)
            self.node_free: Any = so.cmark_node_free
            self.node_free.argtypes = [ctypes.c_void_p]
            libc = ctypes.CDLL(None)  # this process, libc included (find_library forks ldconfig)
            self.free: Any = libc.free
            self.free.argtypes = [ctypes.c_void_p]
        except (OSError, AttributeError):  # pragma: no cover - other builds: leak, but work
            self.node_free = self.free = None

    def to_html(self, text: str, sourcepos: bool, unsafe: bool) -> str:
        opts = self.cmark.Options
        options = opts.CMARK_OPT_SOURCEPOS if sourcepos else 0
        options |= opts.CMARK_OPT_UNSAFE if unsafe else 0
        parser = self.lib.cmark_parser_new(options)
        try:
            for extension in self.extensions:
                self.lib.cmark_parser_attach_syntax_extension(parser, extension)
            data = text.encode("utf-8")
            self.lib.cmark_parser_feed(parser, data, len(data))
            root = self.lib.cmark_parser_finish(parser)
            raw = self.lib.cmark_render_html(
                root, options, self.lib.cmark_parser_get_syntax_extensions(parser)
            )
            html = self.ffi.string(raw).decode("utf-8")
            if self.free is not None:
                self.free(int(self.ffi.cast("uintptr_t", raw)))
                self.node_free(int(self.ffi.cast("uintptr_t", root)))
        finally:
            self.lib.cmark_parser_free(parser)
        return html


_CMARK: _Cmark | None = None


def markdown_to_html(body: str, sourcepos: bool = False, raw_html: bool = False) -> str:
    """GitHub-flavoured Markdown -> HTML with cmark-gfm; raw HTML is dropped unless allowed."""
    global _CMARK
    if _CMARK is None:
        _CMARK = _Cmark()
    return _CMARK.to_html(body, sourcepos, raw_html)


def source_mapped_html(body: str, rel: str, body_line: int, raw_html: bool = False) -> str:
    """Markdown -> HTML; each top-level block gets data-sitekit-src="rel:LINE" (its source)."""
    html = markdown_to_html(body, sourcepos=True, raw_html=raw_html)
    last_end = 0

    def keep_top_level(match: re.Match[str]) -> str:
        nonlocal last_end
        start, end, end_col = int(match.group(1)), int(match.group(2)), int(match.group(3))
        if start <= last_end:
            return ""
        last_end = max(start, end - 1 if end_col == 0 else end)
        return f' data-sitekit-src="{rel}:{start + body_line - 1}"'

    return _SOURCEPOS.sub(keep_top_level, html)


def markdown_filter(text: str) -> Markup:
    """The templates' `markdown` filter: a short text (a FAQ answer) rendered as the body is
    (GitHub-flavoured, raw HTML dropped), without a trailing newline."""
    return Markup(markdown_to_html(str(text)).rstrip("\n"))
