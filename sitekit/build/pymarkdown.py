"""The Python-Markdown engine (`[markdown] engine = "python-markdown"`), for content written
for MkDocs or Pelican: their extensions, with the default engine's guarantees.

The guarantees of the cmark-gfm path, given to Python-Markdown here:
- each top-level block carries data-sitekit-src="rel:LINE" (its Markdown source line), for
  the audit's locations: the block parser is followed at the top level, and the lines the
  preprocessors fold (fenced code, raw HTML) are mapped back to the source's lines;
- raw HTML is omitted unless `raw_html = true`, as cmark-gfm omits it (inline and block, and
  so `md_in_html` blocks too), and attributes that run script (attr_list's `{: onclick=..}`)
  are dropped;
- link and image URLs that cmark-gfm refuses (javascript:, vbscript:, file:, data: other than
  images) are emptied, after the entity decoding and control-character stripping browsers do;
- GFM's tag filter (<script>, <iframe>, <style>... are escaped) applies with raw HTML allowed.
"""

from __future__ import annotations

import difflib
import html
import re
from collections.abc import Mapping
from typing import Any
from xml.etree import ElementTree as etree

import markdown
from markdown.blockparser import BlockParser
from markdown.inlinepatterns import HtmlInlineProcessor
from markdown.postprocessors import Postprocessor
from markdown.preprocessors import Preprocessor
from markdown.treeprocessors import Treeprocessor
from markdown.util import HTML_PLACEHOLDER

SRC_ATTR = "data-sitekit-src"
OMITTED = "<!-- raw HTML omitted -->"
_TAGFILTER = re.compile(
    r"<(?=/?(?:title|textarea|style|xmp|iframe|noembed|noframes|script|plaintext)[\s/>])", re.I
)
_URL_ATTRS = ("href", "src", "action", "formaction", "poster", "cite", "background", "data")
_FENCE = re.compile(r"^\s*(`{3,}|~{3,})")
_HEADINGS = ("h1", "h2", "h3", "h4", "h5", "h6")
_PLACEHOLDER = re.compile(HTML_PLACEHOLDER % r"(\d+)")
_FIRST_TAG = re.compile(r"^(\s*<[a-zA-Z][a-zA-Z0-9-]*)(?=[\s/>])")
_IGNORED = re.compile(r"[\x00-\x20\x7f]")  # browsers drop these inside a URL
_DANGEROUS = re.compile(r"^(?:javascript|vbscript|file|data):", re.I)
_SAFE_DATA = re.compile(r"^data:image/(?:png|gif|jpeg|webp)", re.I)


def safe_url(value: str) -> bool:
    """cmark-gfm's rule: no javascript:, vbscript:, file:, nor data: except images."""
    url = _IGNORED.sub("", html.unescape(value))
    return not _DANGEROUS.match(url) or bool(_SAFE_DATA.match(url))


class _OmitInlineHtml(HtmlInlineProcessor):
    """Inline raw HTML becomes the comment cmark-gfm leaves in its place."""

    def handleMatch(self, m: re.Match[str], data: str) -> tuple[str, int, int]:
        return self.md.htmlStash.store(OMITTED), m.start(0), m.end(0)


class _Omitted(str):
    """The omitted-comment, knowing how many lines the raw HTML it stands for had."""

    lines: int | None

    def __new__(cls, raw: object) -> _Omitted:
        made = super().__new__(cls, OMITTED)
        made.lines = raw.count("\n") + 1 if isinstance(raw, str) else None
        return made


class _OmitBlockHtml(Preprocessor):
    """Runs the raw-HTML block preprocessor (the core one, or md_in_html's), storing the
    omitted-comment instead of each block it finds."""

    def __init__(self, md: markdown.Markdown, inner: Preprocessor) -> None:
        super().__init__(md)
        self.inner = inner

    def run(self, lines: list[str]) -> list[str]:
        stash = self.md.htmlStash
        store = stash.store
        stash.store = lambda html: store(_Omitted(html))
        try:
            return self.inner.run(lines)
        finally:
            del stash.store  # the class's method again


class _Sanitise(Treeprocessor):
    """Last over the tree: no script-running attributes, no dangerous URLs."""

    def run(self, root: etree.Element) -> None:
        for el in root.iter():
            for name in list(el.attrib):
                low = name.lower()
                if low.startswith("on") or low in ("srcdoc", "formaction"):
                    del el.attrib[name]
                elif low in _URL_ATTRS and not safe_url(el.attrib[name]):
                    el.attrib[name] = ""


class _LineMap:
    """Source lines for the top-level blocks the block parser makes."""

    def __init__(self) -> None:
        self.source: list[str] = []  # the Markdown lines as given, set before each convert
        self.rel = ""
        self.first_line = 1  # the source line of the body's first line
        self.enabled = False
        self.final: list[int] = []  # source index of each line the block parser reads
        self.text_lines = 0
        self.final_text: list[str] = []  # the lines the block parser reads
        self.md: markdown.Markdown | None = None
        self.stashed: dict[int, str] = {}  # stash index -> "rel:line" of its block

    def attach(self, parser: BlockParser) -> None:
        self.md = parser.md
        plain = parser.parseBlocks
        depth = 0

        def parse_document(lines: list[str]) -> etree.ElementTree:
            self.stashed = {}
            self.final_text = lines
            self.final = self._map(list(lines))
            parser.root = etree.Element(parser.md.doc_tag)
            self.text_lines = "\n".join(lines).count("\n")
            parser.parseChunk(parser.root, "\n".join(lines))
            return etree.ElementTree(parser.root)

        def parse_blocks(parent: etree.Element, blocks: list[str]) -> None:
            nonlocal depth
            if parent is not getattr(parser, "root", None) or depth or not self.enabled:
                plain(parent, blocks)
                return
            depth += 1
            try:
                while blocks:
                    first = blocks[0]
                    rest = sum(b.count("\n") for b in blocks) + 2 * (len(blocks) - 1)
                    index = self.text_lines - rest + len(first) - len(first.lstrip("\n"))
                    before = len(parent)
                    for processor in parser.blockprocessors:
                        if (
                            processor.test(parent, blocks[0])
                            and processor.run(parent, blocks) is not False
                        ):
                            break
                    where = f"{self.rel}:{self.line(index)}"
                    for number, el in enumerate(parent[before:]):
                        if number and el.tag in _HEADINGS:  # '# Title' right after a paragraph
                            where = f"{self.rel}:{self.line(self._hash_line(index, el))}"
                        stashed = _stash_index(el)
                        if stashed is None:
                            el.set(SRC_ATTR, where)
                        else:
                            self.stashed[stashed] = where
            finally:
                depth -= 1

        parser.parseDocument = parse_document
        parser.parseBlocks = parse_blocks

    def _map(self, final: list[str]) -> list[int]:
        """For each line the block parser reads, the index of its source line."""
        source = self.source
        if not self.enabled or final[: len(source)] == source:  # only "\n\n" added
            return list(range(len(final)))
        # lines with words only: blank lines are too alike to align on (a code block's blank
        # lines would match the ones after it); a block starts on a line with words
        src = [i for i, text in enumerate(source) if text.strip()]
        fin = [j for j, text in enumerate(final) if text.strip()]
        matcher = difflib.SequenceMatcher(
            None, [_key(source[i]) for i in src], [_key(final[j]) for j in fin], autojunk=False
        )
        mapped: list[int | None] = [None] * len(final)
        for _tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if i2 - i1 == j2 - j1:  # line for line
                for offset, j in enumerate(range(j1, j2)):
                    mapped[fin[j]] = src[i1 + offset]
                continue
            # runs the preprocessors folded into placeholders (fenced code, raw HTML): walk
            # the source, each placeholder taking the lines its run had
            at = src[i1] if i1 < len(src) else len(source)
            end = src[i2 - 1] + 1 if i2 > i1 else at
            for j in range(j1, j2):
                while at < end - 1 and not source[at].strip():
                    at += 1
                mapped[fin[j]] = min(at, max(len(source) - 1, 0))
                at = self._after_run(at, end, final[fin[j]])
        last = 0
        for j, found in enumerate(mapped):  # a blank line: after the line before it
            last = found if found is not None else last + 1
            mapped[j] = last
        return [min(m or 0, max(len(source) - 1, 0)) for m in mapped]

    def _after_run(self, at: int, end: int, placeholder: str) -> int:
        """The source line after the run that starts at `at` and became `placeholder`."""
        source = self.source
        fence = _FENCE.match(source[at]) if at < len(source) else None
        if fence:  # up to the closing fence (same character, at least as long)
            mark = re.escape(fence[1][0]) + "{" + str(len(fence[1])) + ",}"
            for k in range(at + 1, len(source)):
                if re.match(rf"^\s*{mark}\s*$", source[k]):
                    return k + 1
            return len(source)
        match = _PLACEHOLDER.fullmatch(placeholder.strip())
        blocks = self.md.htmlStash.rawHtmlBlocks if self.md else []
        block = blocks[int(match[1])] if match and int(match[1]) < len(blocks) else None
        if isinstance(block, _Omitted) and block.lines:
            return at + block.lines
        if isinstance(block, str) and not isinstance(block, _Omitted):
            return at + block.count("\n") + 1
        k = at + 1  # unknown: to the next blank line
        while k < end and source[k].strip():
            k += 1
        return k

    def _hash_line(self, index: int, heading: etree.Element) -> int:
        """The line of a '#' heading within the block that starts at `index`."""
        for number in range(index, len(self.final_text)):
            text = self.final_text[number]
            if not text.strip():
                break
            if text.startswith("#") and (heading.text or "").strip()[:8] in text:
                return number
        return index

    def line(self, index: int) -> int:
        index = min(max(index, 0), len(self.final) - 1) if self.final else 0
        found = self.final[index] if self.final else 0
        return found + self.first_line


def _key(line: str) -> str:
    """A line as NormalizeWhitespace leaves it (tabs expanded, no trailing CR)."""
    return line.rstrip("\r").expandtabs(4)


def _stash_index(el: etree.Element) -> int | None:
    """The stash index of a <p> holding only a placeholder (fenced code, raw HTML: put in
    place of the <p> later, so the line goes on the stashed HTML, not on the <p>)."""
    match = _PLACEHOLDER.fullmatch((el.text or "").strip()) if el.tag == "p" else None
    return int(match.group(1)) if match and len(el) == 0 else None


class _TagStashed(Postprocessor):
    """Before the stashed HTML goes in: its first tag gets the line of its block."""

    def __init__(self, md: markdown.Markdown, lines: _LineMap) -> None:
        super().__init__(md)
        self.lines = lines

    def run(self, text: str) -> str:
        blocks = self.md.htmlStash.rawHtmlBlocks
        for index, where in self.lines.stashed.items():
            block = blocks[index] if index < len(blocks) else None
            if isinstance(block, str) and block != OMITTED:
                tag = _FIRST_TAG.match(block)
                if tag and not _TAGFILTER.match(block.lstrip()):  # escaped later: left as is
                    blocks[index] = f'{tag[1]} {SRC_ATTR}="{where}"{block[tag.end() :]}'

        return text


def new_markdown(
    extensions: tuple[str, ...], configs: Mapping[str, Mapping[str, Any]]
) -> markdown.Markdown:
    """A Markdown instance with the extensions and their settings (raises what they raise)."""
    return markdown.Markdown(
        extensions=list(extensions),
        extension_configs={k: dict(v) for k, v in configs.items()},
        output_format="html",
    )


class PythonMarkdown:
    """One Markdown instance for a build (reset between pages), with sitekit's guarantees."""

    def __init__(
        self,
        extensions: tuple[str, ...],
        configs: Mapping[str, Mapping[str, Any]],
        raw_html: bool,
    ) -> None:
        self.md = new_markdown(extensions, configs)
        md = self.md
        if not raw_html:
            html_inline = md.inlinePatterns["html"]
            assert isinstance(html_inline, HtmlInlineProcessor)
            md.inlinePatterns.register(
                _OmitInlineHtml(html_inline.pattern, md),
                "html",
                _priority(md.inlinePatterns, "html"),
            )
            block = md.preprocessors["html_block"]
            md.preprocessors.register(
                _OmitBlockHtml(md, block), "html_block", _priority(md.preprocessors, "html_block")
            )
        md.treeprocessors.register(_Sanitise(md), "sitekit_sanitise", 1)
        self.lines = _LineMap()
        self.lines.attach(md.parser)
        md.postprocessors.register(_TagStashed(md, self.lines), "sitekit_lines", 35)

    def to_html(self, text: str) -> str:
        self.lines.enabled = False
        return self._convert(text)

    def source_mapped(self, text: str, rel: str, first_line: int) -> str:
        self.lines.enabled = True
        self.lines.rel, self.lines.first_line = rel, first_line
        self.lines.source = text.split("\n")
        try:
            return self._convert(text)
        finally:
            self.lines.enabled = False

    def _convert(self, text: str) -> str:
        self.md.reset()
        out = self.md.convert(text)
        return _TAGFILTER.sub("&lt;", out) + ("\n" if out else "")


def _priority(registry: Any, name: str) -> float:
    for item in registry._priority:  # Python-Markdown's Registry keeps (name, priority)
        if item.name == name:
            return float(item.priority)
    raise KeyError(name)
