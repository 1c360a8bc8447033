"""Markdown + front matter -> Page, keeping source line numbers; Markdown -> HTML."""

from __future__ import annotations

import datetime as dt
import os
import posixpath
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from sitekit.errors import Diagnostic, Location, did_you_mean
from sitekit.models import FaqItem, Link, Page, ProofItem, Signup, SiteConfig

try:
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _YamlLoader = yaml.SafeLoader

MAX_YAML_NODES = 5000  # alias expansion included: a "billion laughs" document stops here
MAX_YAML_DEPTH = 30
DEPTH_SCAN_OVER = 4096  # front matter longer than this is checked for depth before composing
MAX_SIGNUP_FIELDS = 3
_STR_TAG = "tag:yaml.org,2002:str"
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
STRING_FIELDS = (
    "title",
    "description",
    "benefit",
    "summary",
    "guarantee",
    "slug",
    "template",
    "image",
    "date",
)
FIELDS = (*STRING_FIELDS, "cta", "next_steps", "signup", "proof", "faq", "draft")
SHAPES = {
    "cta": ("label", "url"),
    "next_steps": ("label", "url", "note"),
    "signup": ("label", "action", "fields"),
    "proof": ("quote", "name", "role", "company", "result", "rating"),
    "faq": ("q", "a"),
}
REQUIRED = {
    "cta": ("label", "url"),
    "next_steps": ("label", "url"),
    "signup": ("label", "action"),
    "proof": (),
    "faq": ("q", "a"),
}
SHAPE_TEXT = {
    "cta": "a mapping {label, url}",
    "next_steps": "a list of mappings {label, url, note}",
    "signup": "a mapping {label, action, fields}",
    "proof": "a list of mappings {quote, name, role, company, result}",
    "faq": "a list of mappings {q, a}",
}
_FRONT_MATTER_END = re.compile(r"^(?:---|\.\.\.)[ \t]*$", re.MULTILINE)


class _TooBig(Exception):
    """The YAML document expands past the node or depth budget."""


@dataclass(frozen=True)
class SourceFile:
    """A content file split into front matter and body, with line offsets."""

    rel: str  # "content/index.md", relative to the site root
    front_matter: str
    front_matter_line: int  # file line of the first front-matter line
    body: str
    body_line: int


def split_front_matter(text: str, rel: str) -> SourceFile:
    """Split `---` front matter from the Markdown body; no front matter is fine."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n") and text.rstrip("\n") != "---":
        return SourceFile(rel, "", 1, text, 1)
    end = _FRONT_MATTER_END.search(text, 4)
    if end is None:
        return SourceFile(rel, text[4:], 2, "", text.count("\n") + 2)
    front = text[4 : end.start()]
    body_start = end.end() + 1
    body_line = text.count("\n", 0, body_start) + 1
    return SourceFile(rel, front, 2, text[body_start:], body_line)


class _Reader:
    """Builds plain values from YAML nodes, recording the line of every field."""

    def __init__(self, rel: str, line_offset: int) -> None:
        self.rel = rel
        self.offset = line_offset
        self.lines: dict[str, int] = {}
        self.budget = MAX_YAML_NODES
        self.diagnostics: list[Diagnostic] = []
        self.scalars = yaml.constructor.SafeConstructor()

    def line(self, node: yaml.Node) -> int:
        return node.start_mark.line + self.offset

    def value(self, node: yaml.Node, path: str, depth: int = 0) -> Any:
        self.budget -= 1
        if self.budget < 0 or depth > MAX_YAML_DEPTH:
            raise _TooBig
        if path.count(".") < 3:
            self.lines.setdefault(path, self.line(node))
        if node.tag not in PLAIN_TAGS:
            raise yaml.constructor.ConstructorError(
                None, None, f"unsupported tag {node.tag!r} (plain YAML only)", node.start_mark
            )
        if isinstance(node, yaml.MappingNode):
            out: dict[str, Any] = {}
            for key_node, value_node in node.value:
                key = str(self.scalar(key_node))
                child = f"{path}.{key}" if path else key
                if key in out:
                    self.error(self.line(key_node), f"duplicate key '{key}'", child)
                if path.count(".") < 3:
                    self.lines[child] = self.line(key_node)
                out[key] = self.value(value_node, child, depth + 1)
            return out
        if isinstance(node, yaml.SequenceNode):
            return [self.value(v, f"{path}.{i}", depth + 1) for i, v in enumerate(node.value)]
        return self.scalar(node)

    def scalar(self, node: yaml.Node) -> Any:
        """A plain value; an impossible one (month 13, a 5,000-digit int) is a located error."""
        if node.tag == _STR_TAG:  # most values: skip the constructor machinery
            return node.value
        try:
            value = self.scalars.construct_object(node)
            if isinstance(value, int) and value.bit_length() > 13_000:  # 0x..., 0o..., 0b...
                raise ValueError("a number with over 3,900 digits")  # str() would fail later
            return value
        except (ValueError, OverflowError) as exc:
            raise yaml.constructor.ConstructorError(
                None, None, f"invalid value: {str(exc).split(';')[0]}", node.start_mark
            ) from None

    def error(self, line: int | None, message: str, field: str | None) -> None:
        self.diagnostics.append(Diagnostic("error", message, Location(self.rel, line), field))


def _too_deep(text: str) -> bool:
    """Collections nested past MAX_YAML_DEPTH, seen on the event stream (libyaml's composer
    recurses in C: some 50,000 levels of `[` crash the process, 20,000 take seconds)."""
    depth = 0
    for event in yaml.parse(text, Loader=_YamlLoader):
        if isinstance(event, yaml.CollectionStartEvent):
            depth += 1
            if depth > MAX_YAML_DEPTH:
                return True
        elif isinstance(event, yaml.CollectionEndEvent):
            depth -= 1
    return False


def parse_front_matter(src: SourceFile) -> tuple[dict[str, Any], dict[str, int], list[Diagnostic]]:
    """YAML front matter -> (values, field lines, problems); safe loading, bounded aliases."""
    reader = _Reader(src.rel, src.front_matter_line)
    if not src.front_matter.strip():
        return {}, {}, []
    try:
        if len(src.front_matter) > DEPTH_SCAN_OVER and _too_deep(src.front_matter):
            reader.error(
                src.front_matter_line,
                f"front matter: nested deeper than {MAX_YAML_DEPTH} levels",
                None,
            )
            return {}, {}, reader.diagnostics
        node = yaml.compose(src.front_matter, Loader=_YamlLoader)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line = mark.line + src.front_matter_line if mark else src.front_matter_line
        problem = exc.problem or exc.context or "invalid YAML"
        reader.error(line, f"front matter: {problem}", None)
        return {}, {}, reader.diagnostics
    except yaml.YAMLError as exc:
        reader.error(src.front_matter_line, f"front matter: {exc}", None)
        return {}, {}, reader.diagnostics
    if node is None:
        return {}, {}, []
    if not isinstance(node, yaml.MappingNode):
        reader.error(reader.line(node), "front matter: must be a mapping of field: value", None)
        return {}, {}, reader.diagnostics
    try:
        values = reader.value(node, "")
    except _TooBig:
        reader.error(
            src.front_matter_line,
            f"front matter: too large or too deeply nested (over {MAX_YAML_NODES} "
            "values once aliases are expanded)",
            None,
        )
        return {}, {}, reader.diagnostics
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark
        at = mark.line + src.front_matter_line if mark else src.front_matter_line
        reader.error(at, f"front matter: {exc.problem}", None)
        return {}, {}, reader.diagnostics
    reader.lines.pop("", None)
    return values, reader.lines, reader.diagnostics


_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def url_for_source(rel_in_content: str, slug: str = "") -> tuple[str, str] | None:
    """(site URL, output path) for a content path or slug; None when it escapes the site."""
    if slug:
        clean = slug.strip()
        if clean.startswith(("/", "\\")) and clean.strip("/\\") == "":
            parts: list[str] = []
        else:
            if "\\" in clean or clean.startswith("/") or ":" in clean:
                return None
            norm = posixpath.normpath(clean.strip("/"))
            if norm.startswith("..") or norm == "." or norm.startswith("/"):
                return None
            parts = norm.split("/")
            if any(len(p.encode()) > 200 or _CONTROL.search(p) for p in parts):
                return None  # no file system takes NUL; control characters; > 255 bytes
    else:
        stem = posixpath.splitext(rel_in_content)[0]
        parts = stem.split("/")
        if parts[-1] == "index":
            parts = parts[:-1]
    if any(p in ("", ".", "..") for p in parts):
        return None
    if not parts:
        return "/", "index.html"
    return "/" + "/".join(parts) + "/", "/".join(parts) + "/index.html"


class _PageBuilder:
    """Validates front-matter values into Page fields, collecting diagnostics."""

    def __init__(self, rel: str, lines: dict[str, int]) -> None:
        self.rel = rel
        self.lines = lines
        self.diagnostics: list[Diagnostic] = []

    def where(self, field: str) -> Location:
        line = self.lines.get(field) or self.lines.get(field.split(".")[0])
        return Location(self.rel, line)

    def problem(self, level: str, field: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(level, message, self.where(field), field))

    def text(self, value: Any, field: str) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.problem("error", field, f"field '{field}' must be text, got {_kind(value)}")
        return ""

    def record(self, value: Any, field: str, shape: str) -> dict[str, str] | None:
        """A mapping with text values, checked against SHAPES[shape]."""
        if not isinstance(value, dict):
            self.problem(
                "error", field, f"field '{field}' must be {SHAPE_TEXT[shape]}, got {_kind(value)}"
            )
            return None
        out: dict[str, str] = {}
        for key, item in value.items():
            if key not in SHAPES[shape]:
                hint = did_you_mean(key, SHAPES[shape])
                self.problem(
                    "warning", f"{field}.{key}", f"unknown field '{key}' in '{field}'{hint}"
                )
                continue
            if shape == "signup" and key == "fields":
                continue
            if shape == "proof" and key == "rating":
                continue
            out[key] = self.text(item, f"{field}.{key}")
        missing = [k for k in REQUIRED[shape] if not out.get(k)]
        if missing:
            names = " and ".join(f"'{m}'" for m in missing)
            self.problem("error", field, f"field '{field}' needs {names} ({SHAPE_TEXT[shape]})")
            return None
        return out

    def records(self, value: Any, field: str) -> list[tuple[str, dict[str, str]]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(
                "error", field, f"field '{field}' must be {SHAPE_TEXT[field]}, got {_kind(value)}"
            )
            return []
        out = []
        for index, item in enumerate(value):
            path = f"{field}.{index}"
            record = self.record(item, path, field)
            if record is not None:
                out.append((path, record))
        return out

    def rating(self, value: Any, field: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 5:
            return float(value)
        self.problem("error", field, f"field '{field}' must be a number from 1 to 5")
        return None

    def signup(self, value: Any) -> Signup | None:
        if value is None:
            return None
        record = self.record(value, "signup", "signup")
        if record is None:
            return None
        fields = value.get("fields", ["email"])
        if isinstance(fields, str):
            fields = [fields]
        if not isinstance(fields, list) or not all(isinstance(f, str) and f for f in fields):
            self.problem(
                "error",
                "signup.fields",
                "field 'signup.fields' must be a list of field names, e.g. [name, email]",
            )
            return None
        if len(fields) > MAX_SIGNUP_FIELDS:
            self.problem(
                "error",
                "signup.fields",
                f"signup has {len(fields)} fields; keep it to "
                f"{MAX_SIGNUP_FIELDS} or fewer (every extra field costs sign-ups)",
            )
        if "email" not in fields:
            fields = ["email", *fields]
        return Signup(record["label"], record["action"], tuple(fields[:MAX_SIGNUP_FIELDS]))


def _kind(value: Any) -> str:
    names = {
        str: "a string",
        list: "a list",
        dict: "a mapping",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)


def build_page(
    src: SourceFile, rel_in_content: str, values: dict[str, Any], lines: dict[str, int]
) -> tuple[Page | None, list[Diagnostic]]:
    """Validate front-matter values into a Page; the Page is None when it has errors."""
    pb = _PageBuilder(src.rel, lines)
    extra: dict[str, Any] = {}
    for key in values:
        if key not in FIELDS:
            pb.problem("warning", key, f"unknown field '{key}'{did_you_mean(key, FIELDS)}")
            extra[key] = values[key]
    text = {name: pb.text(values.get(name), name) for name in STRING_FIELDS}
    cta_value = values.get("cta")
    cta_record = pb.record(cta_value, "cta", "cta") if cta_value is not None else None
    cta = Link(cta_record["label"], cta_record["url"]) if cta_record else None
    steps = tuple(
        Link(r["label"], r["url"], r.get("note", ""))
        for _, r in pb.records(values.get("next_steps"), "next_steps")
    )
    proof = tuple(
        ProofItem(
            r.get("name", ""),
            r.get("quote", ""),
            r.get("role", ""),
            r.get("company", ""),
            r.get("result", ""),
            pb.rating(values["proof"][int(path.split(".")[1])].get("rating"), f"{path}.rating"),
        )
        for path, r in pb.records(values.get("proof"), "proof")
    )
    faq = tuple(FaqItem(r["q"], r["a"]) for _, r in pb.records(values.get("faq"), "faq"))
    signup = pb.signup(values.get("signup"))
    draft = values.get("draft", False)
    if not isinstance(draft, bool):
        pb.problem("error", "draft", "field 'draft' must be true or false")
        draft = False
    template = text["template"] or ("landing" if text["benefit"] else "page")
    if template == "landing":
        for name, present in (("benefit", text["benefit"]), ("cta", cta)):
            if not present and not any(d.field == name for d in pb.diagnostics):
                pb.diagnostics.append(
                    Diagnostic(
                        "error",
                        f"a landing page needs '{name}'"
                        + (
                            " (the customer's main benefit, shown as the h1)"
                            if name == "benefit"
                            else " ({label, url}: the primary low-commitment next step)"
                        ),
                        Location(src.rel, lines.get("template") or src.front_matter_line),
                        name,
                    )
                )
    where = url_for_source(rel_in_content, text["slug"])
    if where is None:
        pb.problem(
            "error",
            "slug",
            f"slug {text['slug']!r} escapes the output folder or is no usable folder name; use a "
            "relative path like 'pricing' or 'services/roofing'",
        )
    if any(d.level == "error" for d in pb.diagnostics) or where is None:
        return None, pb.diagnostics
    title = (
        text["title"] or text["benefit"] or _first_heading(src.body) or _title_from(rel_in_content)
    )
    page = Page(
        source=Path(src.rel),
        url=where[0],
        output_path=where[1],
        title=title,
        body_md=src.body,
        body_line=src.body_line,
        description=text["description"] or text["summary"],
        benefit=text["benefit"],
        summary=text["summary"],
        cta=cta,
        next_steps=steps,
        signup=signup,
        proof=proof,
        guarantee=text["guarantee"],
        faq=faq,
        template=template,
        draft=draft,
        image=text["image"],
        date=text["date"],
        extra=extra,
        field_lines=dict(lines),
    )
    return page, pb.diagnostics


def _first_heading(body: str) -> str:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    return match.group(1) if match else ""


def _title_from(rel_in_content: str) -> str:
    stem = posixpath.splitext(posixpath.basename(rel_in_content))[0]
    return stem.replace("-", " ").replace("_", " ").capitalize()


def load_page(text: str, rel: str, rel_in_content: str) -> tuple[Page | None, list[Diagnostic]]:
    """One content file's text -> (Page or None, diagnostics)."""
    src = split_front_matter(text, rel)
    values, lines, problems = parse_front_matter(src)
    if any(d.level == "error" for d in problems):
        return None, problems
    page, more = build_page(src, rel_in_content, values, lines)
    return page, problems + more


def content_files(config: SiteConfig) -> tuple[list[Path], list[Diagnostic]]:
    """Every .md file under content/, sorted; links that lead outside content/ are skipped."""
    names, problems = content_file_names(config)
    return [Path(name) for name in names], problems


def content_file_names(config: SiteConfig) -> tuple[list[str], list[Diagnostic]]:
    """content_files() as plain path strings (a Path per file costs more than its stat)."""
    root = config.content_dir
    if not root.is_dir():
        return [], [
            Diagnostic(
                "error", "no content/ folder (pages live in content/*.md)", Location("content/")
            )
        ]
    real_root = root.resolve()
    site_prefix = len(str(config.root)) + 1
    files: list[str] = []
    problems = []

    def skip(path: str, message: str) -> None:
        rel = path[site_prefix:].replace(os.sep, "/")
        problems.append(Diagnostic("warning", message, Location(rel)))

    folders = [str(root)]
    while folders:  # one scandir per folder: entry types come from the directory listing
        try:
            with os.scandir(folders.pop()) as listing:
                entries = list(listing)
        except OSError:  # an unreadable folder is skipped, as os.walk does
            continue
        for entry in entries:
            is_link = entry.is_symlink()
            if is_link and _is_dir(entry):
                skip(entry.path, _LINKED_FOLDER)
            elif not is_link and entry.is_dir(follow_symlinks=False):
                folders.append(entry.path)
            elif not entry.name.endswith(".md"):
                continue
            elif is_link:
                if _inside(Path(entry.path), real_root):
                    files.append(entry.path)
                else:
                    skip(entry.path, "skipped: a link to a file outside content/")
            elif entry.is_file(follow_symlinks=False):
                files.append(entry.path)
            else:  # a named pipe or a device: reading it would never end
                skip(entry.path, "skipped: not a regular file")
    return sorted(files), problems


_LINKED_FOLDER = "skipped: a linked folder (sitekit does not follow folder links in content/)"


def _is_dir(entry: os.DirEntry[str]) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _inside(link: Path, real_root: Path) -> bool:
    """True when the link leads to a regular file inside `real_root`."""
    try:
        real = link.resolve(strict=True)
    except (OSError, RuntimeError):  # a dangling link or a link loop
        return False
    return real.is_relative_to(real_root) and real.is_file()


# --------------------------------------------------------------------------- Markdown


_SOURCEPOS = re.compile(r' data-sourcepos="(\d+):\d+-(\d+):(\d+)"')
_GFM_EXTENSIONS = ("table", "autolink", "tagfilter", "strikethrough", "tasklist")


class _Cmark:
    """cmark-gfm (C) through cmarkgfm's cffi binding, freeing what its wrapper leaks.

    cmarkgfm's own helpers never free the parsed tree nor the rendered string (about 60 KB a
    page); the library exports cmark_node_free, so we call it (and libc free) via ctypes.
    """

    def __init__(self) -> None:
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


def render_markdown(body: str, rel: str, body_line: int, raw_html: bool = False) -> str:
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
