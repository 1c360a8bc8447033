"""Shortcuts the checks take for speed give what the plain forms give: Evidence and Locations
made by filling their __dict__, a profile's options for a check made once, and a page's hero,
headings, menu and labels remembered for the last page asked about."""

from __future__ import annotations

import dataclasses
import pickle

from sitekit.audit.checks import REGISTRY
from sitekit.audit.checks.text import FAST_EVIDENCE, evidence, locate
from sitekit.audit.profile import Profile
from sitekit.errors import Location
from sitekit.models import Evidence

from .conftest import snap

PAGE = (
    "<header><nav><a href='/'>Acme</a><a href='/pricing'>Pricing</a></nav></header>"
    "<main><h1>Invoices paid in 2 days</h1><p>Over 1,200 firms since 2009.</p>"
    "<a class='button' href='/trial'>Start a free trial</a>"
    "<blockquote>“It halved our chasing.” — Jane Miller, CFO</blockquote></main>"
    "<footer><a href='mailto:hi@acme.test'>hi@acme.test</a></footer>"
)


def _same(made: object, built: object) -> None:
    assert made == built and repr(made) == repr(built) and hash(made) == hash(built)
    assert pickle.dumps(made) == pickle.dumps(built)
    assert list(vars(made)) == list(vars(built))  # the same field order


def test_evidence_is_what_the_constructors_make(profile: Profile) -> None:
    assert FAST_EVIDENCE
    page = snap(PAGE)
    made = [evidence(page, None, "a note", text="  some   text "), evidence(page, page.links[0])]
    for spec in REGISTRY.values():
        if not spec.needs_crawl:
            made += spec.fn(page, profile.options_for(spec.id, "en")).evidence
    assert len(made) > 20
    for ev in made:
        loc = ev.location
        built_loc = None if loc is None else Location(loc.path, loc.line, loc.col)
        if loc is not None:
            _same(loc, built_loc)
        built = Evidence(ev.element, ev.text, ev.position, built_loc, ev.note)
        _same(ev, built)
    local = dataclasses.replace(page, source_path="site/index.html")
    _same(locate(local, local.links[0]), Location("site/index.html", None))


def test_options_made_once_and_per_profile(profile: Profile) -> None:
    first = profile.options_for("findability-nav", "de")
    assert profile.options_for("findability-nav", "de") is first
    assert first.words is profile.words_for("de")
    assert first.params is profile.checks["findability-nav"].params
    other = profile.options_for("findability-nav", "en")
    assert other.words is profile.words_for("en") and other is not first
    # a replace()d profile (other check settings) does not read the first one's options
    changed = dict(profile.checks)
    changed["findability-nav"] = dataclasses.replace(
        profile.checks["findability-nav"], params={"max_items": 99}
    )
    edited = dataclasses.replace(profile, checks=changed)
    assert edited.options_for("findability-nav", "de").params == {"max_items": 99}
    assert profile.options_for("findability-nav", "de") is first
    assert edited == dataclasses.replace(profile, checks=changed)  # the memo is not compared


def test_last_page_memos_answer_as_the_functions_do(profile: Profile) -> None:
    from sitekit.audit.checks import menus
    from sitekit.audit.checks import text as t

    pages = [snap(PAGE), snap(PAGE.replace("Invoices paid", "Payroll done")), snap("<p>x</p>")]
    opts = profile.options_for("findability-nav", "en")
    for _ in range(2):  # each page twice, in turn: hits and misses
        for page in pages:
            for view in (t.first_screen_views(page)[0][1], t.near_top(page, 40)):
                head = t.main_heading(page, view)
                assert head == t.main_heading.__wrapped__(page, view)  # type: ignore[attr-defined]
                for words in (1, 60, 400):
                    plain = t.hero_text.__wrapped__(page, view, words)  # type: ignore[attr-defined]
                    assert t.hero_text(page, view, words) == plain
                plain_lead = t.hero_lead.__wrapped__(page, view, head)  # type: ignore[attr-defined]
                assert t.hero_lead(page, view, head) == plain_lead
            assert t.brand_words(page) == t.brand_words.__wrapped__(page)  # type: ignore[attr-defined]
            labels, plain_labels = t.link_labels(page), t.LinkLabels(page)
            assert (labels.labels, labels.words) == (plain_labels.labels, plain_labels.words)
            items = menus.nav_items(page, opts)
            assert items == menus._nav_items.__wrapped__(page, opts.words)  # type: ignore[attr-defined]
            items.clear()  # a caller's copy: the memo's stays whole
            assert menus.nav_items(page, opts) == menus._nav_items.__wrapped__(page, opts.words)  # type: ignore[attr-defined]
