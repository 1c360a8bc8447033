"""Markdown -> HTML with cmark-gfm (GitHub-flavoured, the default engine) or Python-Markdown
(build/pymarkdown.py), optionally with each top-level block tagged with its source line."""

from __future__ import annotations

import json
import re
from typing import Any, Protocol

import jinja2
from markupsafe import Markup

from sitekit.models import MarkdownSettings

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


class Renderer(Protocol):
    """One engine with a site's settings: the body with source lines, and short texts."""

    def source_mapped(self, body: str, rel: str, body_line: int) -> str: ...

    def short(self, text: str) -> str: ...


class CmarkRenderer:
    """The default engine: cmark-gfm."""

    def __init__(self, raw_html: bool) -> None:
        self.raw_html = raw_html

    def source_mapped(self, body: str, rel: str, body_line: int) -> str:
        return source_mapped_html(body, rel, body_line, self.raw_html)

    def short(self, text: str) -> str:
        return markdown_to_html(text)


class PythonMarkdownRenderer:
    """Python-Markdown with the site's extensions; short texts drop raw HTML, as cmark's do."""

    def __init__(self, settings: MarkdownSettings, raw_html: bool) -> None:
        # imported only for sites that choose this engine
        from sitekit.build.pymarkdown import PythonMarkdown

        self.engine = PythonMarkdown(settings.extensions, settings.extension_configs, raw_html)
        self.safe = (
            self.engine
            if not raw_html
            else PythonMarkdown(settings.extensions, settings.extension_configs, False)
        )

    def source_mapped(self, body: str, rel: str, body_line: int) -> str:
        return self.engine.source_mapped(body, rel, body_line)

    def short(self, text: str) -> str:
        return self.safe.to_html(text)


_RENDERERS: dict[str, Renderer] = {}


def renderer_for(settings: MarkdownSettings, raw_html: bool = False) -> Renderer:
    """The renderer of an engine and its settings, made once per process (`serve` rebuilds
    and batch builds reuse it)."""
    if settings.engine != "python-markdown":
        return CmarkRenderer(raw_html)
    key = json.dumps([settings.extensions, settings.extension_configs, raw_html], sort_keys=True)
    if key not in _RENDERERS:
        _RENDERERS.clear()
        _RENDERERS[key] = PythonMarkdownRenderer(settings, raw_html)
    return _RENDERERS[key]


@jinja2.pass_context
def markdown_filter(context: jinja2.runtime.Context, text: str) -> Markup:
    """The templates' `markdown` filter: a short text (a FAQ answer) rendered as the body is,
    with the site's engine (raw HTML dropped), without a trailing newline."""
    renderer = context.get("markdown_renderer")
    html = renderer.short(str(text)) if renderer is not None else markdown_to_html(str(text))
    return Markup(html.rstrip("\n"))
