"""A preloader's page: a loader shows while a script reveals the page held in a wrapper hidden
by its inline style. sitekit recognises the kind, reads what shows before the script (scores
unchanged) and says plainly, at low confidence in every format, that the scores rest on the
loader. Ordinary hidden parts (a cookie banner, a honeypot field, a closed menu, a `hidden`
wrapper, a modal) never make the kind. Hand-made pages in tests/data/preloader, through the real
snapshot and the real command line."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from _cli import audit

from sitekit.audit.profile import load_profile
from sitekit.audit.scoring import audit_page
from sitekit.audit.snapshot import make_snapshot
from sitekit.models import FetchedPage, PageSnapshot

DATA = Path(__file__).parent / "data" / "preloader"
PRELOADER = DATA / "preloader.html"
HIDDEN_PANELS = DATA / "hidden_panels.html"
JS_SHELL = Path(__file__).parent / "data" / "judgement" / "js_shell.html"
STATEMENT = 'The page\'s content (127 words) is hidden in its HTML (<div id="page">'


def snap(html: str) -> PageSnapshot:
    return make_snapshot(
        FetchedPage("http://127.0.0.1/", "http://127.0.0.1/", 200, body=html.encode())
    )


def test_the_preloader_page_is_recognised_and_read_as_before_the_script() -> None:
    s = snap(PRELOADER.read_text(encoding="utf-8"))
    assert s.hidden_by_script == '<div id="page">'
    assert s.hidden_words == 127
    assert s.text == "Loading..."  # what shows before the script runs: scores unchanged
    page = audit_page(s, load_profile())
    assert page.confidence == "low"
    assert page.confidence_reasons[0].startswith(STATEMENT)
    assert "--render" in page.confidence_reasons[0]


def test_visibility_hidden_and_a_class_named_wrapper_are_the_same_kind() -> None:
    html = PRELOADER.read_text(encoding="utf-8").replace(
        '<div id="page" style="display: none">',
        '<main class="site-wrap" style="visibility: hidden">',
    )
    html = html.replace("</div>\n<script>window", "</main>\n<script>window")
    s = snap(html)
    assert s.hidden_by_script == '<main class="site-wrap">'


@pytest.mark.parametrize(
    ("old", "new", "why"),
    [
        ("<script", "", "no script to reveal it"),
        ('style="display: none"', "hidden", "the hidden attribute"),
        ('style="display: none"', 'class="modal" style="display: none"', "a modal"),
        ('id="page"', 'id="cookie-consent"', "a cookie banner"),
        ("<p>Loading...</p>", "<p>" + "Welcome to our bakery on the quay. " * 6 + "</p>", "text"),
    ],
)
def test_not_the_kind(old: str, new: str, why: str) -> None:
    html = PRELOADER.read_text(encoding="utf-8")
    assert old in html
    if old == "<script":  # every script gone, the loader's and the page's
        html = re.sub(r"<script.*?</script>", "", html, flags=re.S)
    s = snap(html.replace(old, new, 1))
    assert s.hidden_by_script == "", why


def test_ordinary_hidden_panels_stay_hidden_and_are_not_the_kind() -> None:
    s = snap(HIDDEN_PANELS.read_text(encoding="utf-8"))
    assert s.hidden_by_script == ""
    assert "cookies" not in s.text and "Leave this empty" not in s.text
    assert "Gift cards" not in s.text  # the closed menu (`hidden`)
    assert "Coffee by the harbour" in s.text


def test_every_format_says_it_plainly() -> None:
    data = json.loads(audit(PRELOADER, "json"))
    (page,) = data["pages"]
    assert page["confidence"] == "low"
    assert page["confidence_reasons"][0].startswith(STATEMENT)
    terminal = audit(PRELOADER, "terminal")
    assert "Low confidence on /preloader.html: " + STATEMENT in terminal
    for fmt in ("html", "markdown", "github", "junit", "sarif"):
        assert "until a script shows it" in audit(PRELOADER, fmt), fmt


def test_a_page_without_the_kind_has_no_such_line() -> None:
    terminal = audit(HIDDEN_PANELS, "terminal")
    assert "until a script shows it" not in terminal
    assert not re.search(r"^Low confidence on", terminal, re.M)


def test_the_script_mounted_shell_is_still_a_javascript_only_page() -> None:
    s = snap(JS_SHELL.read_text(encoding="utf-8"))
    assert not s.auditable
    assert s.not_auditable_reason.startswith("JavaScript-only page")
    assert s.hidden_by_script == ""
