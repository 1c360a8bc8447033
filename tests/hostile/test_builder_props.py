"""Property tests: any front matter or Markdown builds a valid page or fails located."""

from __future__ import annotations

import datetime as dt
import itertools
import re
import signal
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from types import FrameType
from typing import Any

import lxml.html
import yaml
from click.testing import CliRunner
from hypothesis import HealthCheck, event, example, given, settings
from hypothesis import strategies as st

from sitekit import build_site, load_config
from sitekit.build.content import FIELDS
from sitekit.cli import main
from sitekit.errors import SitekitError
from sitekit.models import BuildResult

REL = "content/index.md"
HANG_SECONDS = 20  # far above a normal example (10-300 ms); a build this slow counts as a hang
CONFIG = '[site]\nname = "Acme"\nbase_url = "https://acme.example"\n'
MARKER = Path(tempfile.gettempdir()) / "sitekit-props-pwned"
PROPS = settings(
    max_examples=150,
    deadline=dt.timedelta(seconds=8),  # generous: 2 cores shared with other test runs
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)


class Hang(Exception):
    """A build that ran past HANG_SECONDS."""


@contextmanager
def time_bound(seconds: float = HANG_SECONDS) -> Iterator[None]:
    """Raise Hang in this thread when the block runs longer than `seconds`."""

    def _alarm(signum: int, frame: FrameType | None) -> None:
        raise Hang(f"still running after {seconds} s")

    previous = signal.signal(signal.SIGALRM, _alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


@contextmanager
def one_page_site(text: str) -> Iterator[Path]:
    """A temporary site whose only content file, content/index.md, is `text`."""
    with tempfile.TemporaryDirectory(prefix="sitekit-props-") as tmp:
        site = Path(tmp)
        (site / "sitekit.toml").write_text(CONFIG, encoding="utf-8")
        (site / "content").mkdir()
        (site / "content" / "index.md").write_text(text, encoding="utf-8")
        yield site


def build_outcome(site: Path) -> BuildResult | SitekitError:
    """Build `site` through the public API: the result or the SitekitError, nothing else."""
    try:
        with time_bound():
            result = build_site(load_config(site), clean=True)
    except SitekitError as exc:  # any other exception type fails the test
        event("located error")
        return exc
    event(f"built {result.pages} page(s)")
    return result


def max_line(text: str) -> int:
    """The last line number a diagnostic may name (a trailing line break opens one more)."""
    return len(text.splitlines()) + 1


def assert_located(error: SitekitError, text: str) -> None:
    """Every error names content/index.md and a line that exists in it."""
    errors = [d for d in error.diagnostics if d.level == "error"]
    assert errors, f"error without diagnostics: {error.message}"
    for diag in errors:
        assert diag.location is not None, diag
        assert diag.location.path == REL, diag
        assert diag.location.line is not None, diag
        assert 1 <= diag.location.line <= max_line(text), (diag, max_line(text))


def built_pages(site: Path) -> list[Path]:
    return [p for p in sorted((site / "_site").rglob("*.html")) if p.name != "404.html"]


def squash(text: str) -> str:
    return " ".join(text.split())


def assert_valid_page(result: BuildResult, site: Path, values: dict[str, Any] | None) -> None:
    """The page parses as HTML with a title; a landing page's first h1 is its benefit."""
    pages = built_pages(site)
    assert len(pages) == result.pages
    for path in pages:
        raw = path.read_bytes()
        assert raw.startswith(b"<!doctype html>") or raw.lower().startswith(b"<!doctype html>")
        raw.decode("utf-8")  # valid UTF-8, or this raises
        tree = lxml.html.document_fromstring(raw)
        assert tree.find("head/title") is not None
        headings = tree.xpath("//h1")
        assert headings, "no h1"
        benefit = values.get("benefit") if isinstance(values, dict) else None
        template = values.get("template") if isinstance(values, dict) else None
        chosen = template.strip() if isinstance(template, str) else ""
        if isinstance(benefit, str) and benefit.strip() and chosen in ("", "landing"):
            assert len(headings) == 1, "the benefit is not the only h1"
            assert squash(headings[0].text_content()) == squash(benefit)
            first_heading = tree.xpath("(//h1|//h2|//h3|//h4|//h5|//h6)[1]")[0]
            assert first_heading is headings[0], "something comes before the benefit"


# --------------------------------------------------------------------------- strategies

ODD_TEXT = st.text(
    # any code point a UTF-8 text file can hold; a NUL byte makes the file binary, which the
    # build refuses with a located error (test_any_bytes_in_a_content_file_build_or_fail_located)
    st.characters(blacklist_categories=("Cs",), blacklist_characters="\x00"),
    max_size=40,
)
PLAIN_TEXT = st.text(
    st.characters(blacklist_categories=("Cs", "Cc", "Zl", "Zp"), blacklist_characters="\x85"),
    min_size=1,
    max_size=40,
).filter(lambda s: s.strip() != "")
HUGE_TEXT = st.builds(
    lambda char, n: char * n,
    st.sampled_from(["x", "é", "漢", "🙂", "<", "\\"]),
    st.integers(10_000, 200_000),
)
SCALARS = st.one_of(
    st.none(),
    st.booleans(),
    st.integers(),
    st.floats(allow_nan=True, allow_infinity=True),
    st.dates(),
    st.datetimes(),
    ODD_TEXT,
    HUGE_TEXT,
)
ANY_VALUE = st.recursive(
    SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(ODD_TEXT, inner, max_size=4),
    max_leaves=12,
)
LINK = st.fixed_dictionaries({"label": PLAIN_TEXT, "url": st.sampled_from(["/a/", "#x", "x"])})
SHAPED = {
    "benefit": PLAIN_TEXT,
    "summary": PLAIN_TEXT,
    "cta": LINK,
    "next_steps": st.lists(LINK, max_size=3),
    "proof": st.lists(
        st.fixed_dictionaries({"name": PLAIN_TEXT, "result": PLAIN_TEXT}), max_size=2
    ),
    "faq": st.lists(st.fixed_dictionaries({"q": PLAIN_TEXT, "a": PLAIN_TEXT}), max_size=2),
    "slug": st.sampled_from(["", "pricing", "a/b", "../up", "/", "..", "x/../../y", "c:/x"]),
    "template": st.sampled_from(["landing", "page", "../base", "nope", "partials/x"]),
    "draft": st.booleans(),
}


@st.composite
def front_matter_values(draw: st.DrawFn) -> dict[str, Any]:
    """A landing page whose fields are each absent, well shaped, or any YAML value at all."""
    values: dict[str, Any] = {"benefit": draw(PLAIN_TEXT), "cta": draw(LINK)}
    wild = draw(st.booleans())  # half the examples stay well shaped, so that many build
    for name in FIELDS:
        choice = draw(
            st.sampled_from(["keep", "keep", "shaped", "drop", *(["wild"] if wild else [])])
        )
        if choice == "drop":
            values.pop(name, None)
        elif choice == "shaped":
            values[name] = draw(SHAPED.get(name, PLAIN_TEXT))
        elif choice == "wild":
            values[name] = draw(ANY_VALUE)
    if draw(st.booleans()):
        values[draw(ODD_TEXT)] = draw(ANY_VALUE)  # an unknown field
    return values


def dump(values: dict[str, Any], flow: bool | None, unicode: bool) -> str:
    return yaml.safe_dump(values, allow_unicode=unicode, default_flow_style=flow, sort_keys=False)


def alias_bomb(width: int, depth: int) -> str:
    names = [f"n{i}" for i in range(depth)]
    lines = [f"{names[0]}: &{names[0]} [" + ", ".join(["lol"] * width) + "]"]
    for prev, name in itertools.pairwise(names):
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{prev}"] * width) + "]")
    return "\n".join(lines)


NASTY_LINES = st.sampled_from(
    [
        f"title: !!python/object/apply:os.system ['touch {MARKER}']",
        f"? !!python/object/apply:os.system ['touch {MARKER}']\n: v",
        "title: !!python/name:os.system",
        "title: !!binary aGVsbG8=",
        "title: !!set {a, b}",
        "title: !!omap [a: 1]",
        "title: !custom x",
        "title: !!str 12",
        "benefit: !!int '12'",
        "base: &b {label: Go, url: /go/}\ncta:\n  <<: *b",
        "cta: *undefined",
        "date: 2024-13-45",
        "date: 2024-02-30 25:61:00",
        "summary: " + "9" * 5000,
        "summary: 0x" + "f" * 5000,
        "title: [unclosed",
        "title: 'unterminated",
        "\tbenefit: tab indented",
        "benefit: a\n benefit: b",
        "benefit: x\nbenefit: y",
        "? [a, b]\n: complex key",
        "? {a: b}\n: mapping key",
        "%YAML 1.1",
        "--- !!map",
        "...",
        "- a list, not a mapping",
        "just a string",
        "{",
        "&anchor",
        "*alias",
        "benefit: \x00",
        'benefit: "\\x00\\x1b[31mred\\u2028"',
        "benefit: \ufeffbom",
        "cta: {label: [nested, list], url: {a: b}}",
        "proof: [{rating: .nan}, {rating: -.inf, name: x}]",
        "signup: {label: a, action: /s, fields: [" + ", ".join(["f"] * 50) + "]}",
        "signup: {label: a, action: /s, fields: 12}",
        "next_steps: {label: a, url: b}",
        "faq: [[q, a]]",
    ]
)


@st.composite
def raw_front_matter(draw: st.DrawFn) -> str:
    """Front-matter text: nasty YAML lines, bombs, deep nesting and random characters."""
    parts = draw(st.lists(NASTY_LINES, max_size=4))
    kind = draw(st.sampled_from(["none", "bomb", "deep", "deepmap", "blocks", "garbage"]))
    if kind == "bomb":
        parts.append(alias_bomb(draw(st.integers(2, 12)), draw(st.integers(2, 12))))
    elif kind == "deep":
        n = draw(st.sampled_from([10, 31, 200, 5_000, 60_000]))
        parts.append("title: " + "[" * n + "]" * n)
    elif kind == "deepmap":
        n = draw(st.sampled_from([10, 31, 200, 5_000, 60_000]))
        parts.append("title: " + "{a: " * n + "1" + "}" * n)
    elif kind == "blocks":
        n = draw(st.integers(1, 60))
        parts.append("title:\n" + "".join(" " * (i + 1) + "- \n" for i in range(n)))
    elif kind == "garbage":
        parts.append(draw(ODD_TEXT))
    draw(st.randoms()).shuffle(parts)
    return "\n".join(parts)


MARKDOWN_BLOCKS = st.one_of(
    ODD_TEXT,
    st.sampled_from(
        [
            "# A second top heading",
            "## Section",
            "<script>alert('sitekit-xss')</script>",
            "<img src=x onerror=alert('sitekit-xss')>",
            "[click](javascript:alert('sitekit-xss'))",
            "[a](vbscript:msgbox) [b](file:///etc/passwd) [c](data:text/html,sitekit-xss)",
            "<a href='javascript:alert(1)'>raw</a> <iframe src=//x></iframe>",
            "<!-- an HTML comment",
            "```\nunclosed fence",
            "| a | b |\n|---|---|\n| 1 |",
            "- [ ] task\n- [x] done",
            "~~strike~~ **bold *nested**",
            "&#0; &#x110000; &bogus; &amp;",
            "---",
            "\x1b[2J\x07 terminal escapes",  # (a NUL makes the file binary: refused, located)
        ]
    ),
    st.integers(1, 20_000).map(lambda n: "> " * n + "deep quote"),
    st.integers(1, 400).map(lambda n: "".join("  " * i + "- item\n" for i in range(n))),
    st.integers(1, 50_000).map(lambda n: "[" * n + "x" + "]" * n),
    st.integers(1, 50_000).map(lambda n: "*a **" * n),
    st.integers(1, 2_000).map(lambda n: "|" + "a|" * n + "\n|" + "-|" * n + "\n|b|\n" * 50),
)
MARKDOWN = st.lists(MARKDOWN_BLOCKS, max_size=6).map("\n\n".join)


# --------------------------------------------------------------------------- properties


@PROPS
@given(values=front_matter_values(), body=MARKDOWN, flow=st.sampled_from([None, True, False]),
       unicode=st.booleans())  # fmt: skip
def test_any_front_matter_values_build_or_fail_located(
    values: dict[str, Any], body: str, flow: bool | None, unicode: bool
) -> None:
    text = f"---\n{dump(values, flow, unicode)}---\n{body}\n"
    with one_page_site(text) as site:
        outcome = build_outcome(site)
        if isinstance(outcome, SitekitError):
            assert_located(outcome, text)
        else:
            assert_valid_page(outcome, site, values)


@PROPS
@given(front=raw_front_matter(), body=MARKDOWN)
@example(front="title: " + "[" * 60_000 + "]" * 60_000, body="")
@example(front="date: 2024-13-45", body="")
@example(front="summary: " + "9" * 5000, body="")
def test_hostile_yaml_builds_or_fails_located_and_runs_no_code(front: str, body: str) -> None:
    text = f"---\n{front}\n---\n{body}\n"
    MARKER.unlink(missing_ok=True)
    with one_page_site(text) as site:
        outcome = build_outcome(site)
        assert not MARKER.exists(), "a YAML tag ran code"
        if isinstance(outcome, SitekitError):
            assert_located(outcome, text)
        else:
            assert_valid_page(outcome, site, None)


@PROPS
@given(benefit=PLAIN_TEXT, body=MARKDOWN)
def test_any_markdown_body_builds_a_page_that_leads_with_the_benefit(
    benefit: str, body: str
) -> None:
    values = {"benefit": benefit, "cta": {"label": "Get a free estimate", "url": "#e"}}
    text = f"---\n{dump(values, False, True)}---\n{body}\n"
    with one_page_site(text) as site:
        outcome = build_outcome(site)
        assert isinstance(outcome, BuildResult), outcome
        assert_valid_page(outcome, site, values)
        html = (site / "_site" / "index.html").read_text(encoding="utf-8")
    tree = lxml.html.document_fromstring(html)
    # raw HTML and javascript: links in Markdown never become live markup
    assert "sitekit-xss" not in " ".join(tree.xpath("//script/text()"))
    assert not tree.xpath("//*[@onerror]")
    unsafe = ("javascript:", "vbscript:", "file:", "data:")
    assert not [h for h in tree.xpath("//a/@href") if h.strip().lower().startswith(unsafe)]
    assert not tree.xpath("//iframe")


@settings(PROPS, max_examples=100)
@given(
    head=st.sampled_from([b"", b"---\n", b"\xef\xbb\xbf---\r\n", b"---\nbenefit: "]),
    data=st.binary(max_size=3000),
    tail=st.sampled_from([b"", b"\n---\n", b"\n...\n# Body\n"]),
)
def test_any_bytes_in_a_content_file_build_or_fail_located(
    head: bytes, data: bytes, tail: bytes
) -> None:
    raw = head + data + tail
    with one_page_site("") as site:
        (site / "content" / "index.md").write_bytes(raw)
        outcome = build_outcome(site)
        text = raw.decode("utf-8", errors="replace")
        if isinstance(outcome, SitekitError):
            assert_located(outcome, text)
        else:
            assert_valid_page(outcome, site, None)


@settings(PROPS, max_examples=40)
@given(values=front_matter_values(), front=raw_front_matter(), which=st.booleans())
def test_cli_build_exits_0_or_2_with_located_message_never_a_traceback(
    values: dict[str, Any], front: str, which: bool
) -> None:
    text = f"---\n{dump(values, None, True) if which else front}\n---\nBody.\n"
    with one_page_site(text) as site, time_bound():
        result = CliRunner().invoke(main, ["build", str(site)])
    assert result.exit_code in (0, 2), (result.exit_code, result.output)
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception
    assert "Traceback" not in result.output
    if result.exit_code == 2:
        assert re.search(rf"^{re.escape(REL)}:\d+: error: ", result.output, re.MULTILINE), (
            result.output
        )
