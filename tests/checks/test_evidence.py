"""Evidence and Locations made by filling their __dict__ (speed) are the objects their
constructors make; a profile's options for a check are made once and stay right."""

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
