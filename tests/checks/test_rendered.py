"""Rendered mode: first-screen checks score each viewport listed by data-sitekit-vp."""

from __future__ import annotations

FILLER = "<p>" + "filler words here " * 80 + "</p>"


def test_cta_scored_per_viewport(run, profile):
    from sitekit.audit.checks import REGISTRY
    from sitekit.audit.snapshot import make_snapshot
    from sitekit.models import FetchedPage

    html = (
        '<html lang="en" data-sitekit-rendered="1"><body>'
        '<h1 data-sitekit-vp="1366x768 390x844">Get paid twice as fast</h1>'
        '<a class="btn" href="/trial" data-sitekit-vp="1366x768">Start your free trial</a>'
        f"{FILLER}</body></html>"
    )
    page = make_snapshot(
        FetchedPage("http://127.0.0.1/", "http://127.0.0.1/", 200, body=html.encode())
    )
    assert page.rendered
    out = REGISTRY["next-step-cta-first-screen"].fn(
        page, profile.options_for("next-step-cta-first-screen", "en")
    )
    assert out.score == 0.5  # in the desktop first screen, not in the phone's
    notes = [e.note for e in out.evidence]
    assert notes[0].startswith("1366x768:") and notes[1].startswith("390x844:")
    head = REGISTRY["benefit-headline"].fn(page, profile.options_for("benefit-headline", "en"))
    assert head.score == 1.0 and len(head.evidence) == 2
