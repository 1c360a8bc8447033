"""Front matter: split `---` YAML from the Markdown body and read it safely (plain tags, bounded
aliases and depth), keeping the source line of every field."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

import yaml

from sitekit.errors import Diagnostic, Location

try:
    _YamlLoader: Any = yaml.CSafeLoader
except AttributeError:  # pragma: no cover - PyYAML built without libyaml
    _YamlLoader = yaml.SafeLoader

MAX_YAML_NODES = 5000  # alias expansion included: a "billion laughs" document stops here
MAX_YAML_DEPTH = 30
DEPTH_SCAN_OVER = 4096  # front matter longer than this is checked for depth before composing
_STR_TAG = "tag:yaml.org,2002:str"
PLAIN_TAGS = frozenset(
    f"tag:yaml.org,2002:{name}"
    for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
)
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
    closed: bool = True  # False: front matter opened by `---` and never closed


def split_front_matter(text: str, rel: str) -> SourceFile:
    """Split `---` front matter from the Markdown body; no front matter is fine."""
    text = text.removeprefix("\ufeff").replace("\r\n", "\n")
    if not text.startswith("---\n") and text.rstrip("\n") != "---":
        return SourceFile(rel, "", 1, text, 1)
    end = _FRONT_MATTER_END.search(text, 4)
    if end is None:
        return SourceFile(rel, text[4:], 2, "", text.count("\n") + 2, closed=False)
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
        line, message = explain_yaml_error(exc, src)
        reader.error(line, f"front matter: {message}", None)
        return {}, {}, reader.diagnostics
    except yaml.YAMLError as exc:
        reader.error(src.front_matter_line, f"front matter: {exc}", None)
        return {}, {}, reader.diagnostics
    if not src.closed:
        reader.error(1, f"front matter: {_NOT_CLOSED}", None)
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


_NOT_CLOSED = "no closing '---' line: end the front matter with a line of three dashes"
_PLAIN = {  # the parser's own words -> what to do, for errors with no better reading
    "could not find expected ':'": "a line that is not 'field: value'",
    "found unexpected end of stream": "the front matter ends in the middle of a value",
}


def explain_yaml_error(exc: yaml.MarkedYAMLError, src: SourceFile) -> tuple[int, str]:
    """The file line and a plain-words message for a YAML error, the parser's text after it."""
    problem = exc.problem or exc.context or "invalid YAML"
    mark = exc.problem_mark or exc.context_mark
    at = mark.line if mark else 0
    lines = src.front_matter.split("\n")
    line_text = lines[at] if at < len(lines) else ""
    plain = _PLAIN.get(problem, "")
    if exc.context == "while scanning a quoted scalar" and exc.context_mark is not None:
        at, column = exc.context_mark.line, exc.context_mark.column
        quote = lines[at][column : column + 1] if at < len(lines) else '"'
        plain = f"the {quote} opened on this line is never closed: add the closing {quote}"
    elif not src.closed:
        return 1, f"{_NOT_CLOSED} (parser: {problem}, line {at + src.front_matter_line})"
    elif "\t" in line_text[: len(line_text) - len(line_text.lstrip())] or (
        "cannot start any token" in problem and "\t" in line_text
    ):
        plain = "a tab: YAML indents with spaces only (replace the tab with spaces)"
    elif problem.startswith("mapping values are not allowed"):
        key, _, value = line_text.strip().partition(": ")
        if ": " in value or value.endswith(":"):
            q = "'" if '"' in value else '"'
            plain = f"a colon inside the value of '{key}': put it in quotes ({key}: {q}{value}{q})"
        else:
            plain = "a 'field: value' where none can be: check this line's indentation"
    message = f"{plain} (parser: {problem})" if plain else problem
    return at + src.front_matter_line, message
