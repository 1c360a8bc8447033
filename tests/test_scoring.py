"""Scoring: isolation of crashing checks, caps, groups, broken links, site formula."""

from __future__ import annotations

from dataclasses import replace

import pytest

from sitekit.audit.checks import REGISTRY, CheckSpec
from sitekit.audit.profile import load_profile
from sitekit.audit.scoring import audit_page, capped, criterion_score, site_scores
from sitekit.audit.snapshot import make_snapshot
from sitekit.models import CRITERIA, CheckResult, FetchedPage, PageContext

GOOD = """<html lang="en"><head><title>Get paid twice as fast | Acme</title>
<meta name="description" content="Send invoices your clients pay in days, not weeks."></head>
<body><header><nav><ul><li><a href="/services">Services</a></li><li><a href="/pricing">Pricing
</a></li><li><a href="/how">How it works</a></li><li><a href="/contact">Contact</a></li></ul>
</nav><a href="tel:+15551234567">+1 555 123 4567</a></header>
<main><h1>Get paid twice as fast</h1><p>Send invoices your clients pay in days, not weeks.</p>
<a class="btn" href="/trial">Start your free trial</a>
<h2>Results</h2><p>Over 12,000 firms, 94% paid on time, 4.8 ★ rating.</p>
<section class="testimonials"><blockquote>We got paid in 3 days instead of 30.</blockquote>
<p>Jane Miller, CFO at Brightside</p></section>
<h2>No risk</h2><p>Cancel anytime, no credit card required. Support replies within 24 hours.</p>
<h2>Start today</h2><form action="/s"><input type="email" name="email">
<button>Get my free trial</button></form></main></body></html>"""

BAD = """<html><head><title>Home</title></head><body><h1>Welcome to Acme</h1>
<p>We are a leading provider of world-class solutions since 1985.</p>
<p>Our mission is excellence.</p></body></html>"""


def _audit(html: str, **kw):  # type: ignore[no-untyped-def]
    snap = make_snapshot(
        FetchedPage("http://127.0.0.1/", "http://127.0.0.1/", 200, body=html.encode())
    )
    return audit_page(snap, load_profile(), **kw)


def test_good_page_meets_every_criterion() -> None:
    result = _audit(GOOD, is_entry=True)
    assert result.is_entry and result.auditable
    for crit in CRITERIA:
        assert result.criteria[crit].score >= 75, (crit, result.criteria[crit])
    assert result.score == pytest.approx(
        sum(result.criteria[c].score for c in CRITERIA) / 4, abs=0.1
    )


def test_bad_page_fails_and_says_why() -> None:
    result = _audit(BAD)
    assert result.criteria["benefit"].score < 25
    assert result.criteria["next_step"].score < 25
    assert result.criteria["proof"].score < 25
    seller = next(c for c in result.criteria["benefit"].checks if c.id == "benefit-seller-talk")
    assert seller.score == 0.0 and seller.fix and seller.evidence[0].text == "Welcome to Acme"
    assert seller.title == REGISTRY["benefit-seller-talk"].failure_title


def test_crashing_check_is_isolated(monkeypatch: pytest.MonkeyPatch) -> None:
    def boom(page, opts):  # type: ignore[no-untyped-def]
        raise RuntimeError("kaputt")

    spec = REGISTRY["proof-faq"]
    monkeypatch.setitem(
        REGISTRY,
        "proof-faq",
        CheckSpec(spec.id, spec.criterion, spec.title, spec.failure_title, spec.fix, boom),
    )
    result = _audit(GOOD)
    faq = next(c for c in result.criteria["proof"].checks if c.id == "proof-faq")
    assert faq.score is None and faq.error == "RuntimeError: kaputt"
    assert result.criteria["proof"].score >= 75  # the other checks still count


def test_not_auditable_page_has_no_score() -> None:
    shell = '<html><body><div id="root"></div><noscript>Enable JavaScript</noscript></body></html>'
    result = _audit(shell)
    assert not result.auditable and result.score is None and "try --render" in result.reason


def test_caps_and_groups() -> None:
    p = load_profile()

    def r(cid: str, score: float) -> CheckResult:
        return CheckResult(cid, REGISTRY[cid].criterion, "t", score, p.checks[cid].weight)

    # proof: best of the 'specific' group (0.6) + best of 'reassurance' (0.4)
    proof = [
        r("proof-testimonials", 0.0),
        r("proof-figures", 1.0),
        r("proof-faq", 1.0),
        r("proof-risk-reducers", 0.0),
        r("proof-no-placeholder", 1.0),
    ]
    assert criterion_score("proof", proof, p) == 100.0
    proof[-1] = r("proof-no-placeholder", 0.0)
    assert criterion_score("proof", proof, p) == 60.0  # placeholder cap
    nav = [r("findability-nav", 0.0), r("findability-headings", 1.0)]
    assert criterion_score("findability", nav, p) <= 70


def test_links_work_reads_the_crawl_context() -> None:
    result = _audit(GOOD)
    unknown = next(c for c in result.criteria["findability"].checks if c.id == "links-work")
    assert unknown.score is None  # nobody checked the links: not applicable
    before = result.criteria["findability"].score
    crawl = PageContext(True, (("http://127.0.0.1/a", 404), ("http://127.0.0.1/b", None)))
    broken = _audit(GOOD, context=crawl)
    links = next(c for c in broken.criteria["findability"].checks if c.id == "links-work")
    assert links.score == 0.4 and links.evidence[1].note == "status no response"
    assert not links.passed  # any broken link fails the check
    assert links.title == "Broken internal links" and links.fix
    assert broken.criteria["findability"].score < before
    fine = _audit(GOOD, context=PageContext(links_checked=True))
    assert fine.criteria["findability"].score >= before


def test_ignores_and_impacts_are_part_of_the_one_scoring_pass() -> None:
    bad = _audit(BAD)
    failing = [c for crit in bad.criteria.values() for c in crit.checks if c.impact]
    assert failing and all(
        c.impact is not None for crit in bad.criteria.values() for c in crit.checks
    )
    worst = max(failing, key=lambda c: c.impact or 0.0)
    quiet = _audit(BAD, context=PageContext(ignored={worst.id: "on purpose"}))
    silenced = next(c for c in quiet.criteria[worst.criterion].checks if c.id == worst.id)
    assert silenced.ignored == "on purpose" and silenced.impact == 0.0
    assert quiet.criteria[worst.criterion].score >= bad.criteria[worst.criterion].score
    whole = _audit(BAD, context=PageContext(ignored={"*": "legal page"}))
    assert whole.score is None and not whole.auditable and whole.reason == "ignored: legal page"


def test_site_scores_weights_entry_page() -> None:
    p = load_profile()
    entry = _audit(GOOD, is_entry=True)
    other = replace(_audit(BAD), url="http://127.0.0.1/b")
    shell = _audit('<div id="root"></div>')
    overall, crits = site_scores([entry, other, shell], p)
    assert other.role == "landing"  # no sign of another role: weight 3 against the entry's 4
    for c in CRITERIA:
        expected = (4 * entry.criteria[c].score + 3 * other.criteria[c].score) / 7
        assert crits[c] == pytest.approx(expected, abs=0.1)
    assert overall == pytest.approx(sum(crits.values()) / 4, abs=0.1)
    assert site_scores([shell], p) == (None, {})
    _alone, only = site_scores([entry], p)
    assert only["benefit"] == entry.criteria["benefit"].score


def test_one_weak_outcome_signal_is_only_partly() -> None:
    html = (
        "<html lang='en'><head><title>Discover Acme</title></head><body><h1>Discover our "
        "wonderful world</h1></body></html>"
    )
    assert _audit(html).criteria["benefit"].score <= 70


TAGS = [
    "h1",
    "h2",
    "p",
    "a",
    "nav",
    "header",
    "footer",
    "form",
    "input",
    "button",
    "li",
    "ul",
    "blockquote",
    "section",
    "div",
    "script",
    "img",
    "address",
]


def test_no_check_errors_on_random_markup() -> None:
    from hypothesis import given, settings
    from hypothesis import strategies as st

    profile = load_profile()
    piece = st.one_of(
        st.sampled_from(TAGS).map(lambda t: f"<{t}>"),
        st.sampled_from(TAGS).map(lambda t: f"</{t}>"),
        st.sampled_from(
            [
                "<a href='#'>",
                "<a href='tel:+1 555 123 4567'>",
                "<input type=email>",
                "<h1 data-sitekit-vp='1x1'>",
                "<div class='testimonial modal'>",
                "<html data-sitekit-rendered='1'>",
                "Welcome to",
                "free trial",
                "94%",
                "lorem ipsum",
                "Jane Miller",
                "★★★★★",
                "無料",
                "&amp;",
                "<!--",
                "]]>",
            ]
        ),
        st.text(max_size=30),
    )

    @settings(max_examples=150, deadline=None)
    @given(st.lists(piece, max_size=40))
    def run(parts: list[str]) -> None:
        snap = make_snapshot(
            FetchedPage(
                "http://127.0.0.1/",
                "http://127.0.0.1/",
                200,
                body="".join(parts).encode("utf-8", "replace"),
            )
        )
        result = audit_page(snap, profile)
        if not result.auditable:
            return
        for crit in result.criteria.values():
            assert crit.score is None or 0 <= crit.score <= 100  # None: not applicable
            for c in crit.checks:
                assert c.error is None, (c.id, c.error, parts)
                assert c.score is None or 0 <= c.score <= 1

    run()


def test_grouped_checks_carry_their_effective_weight() -> None:
    result = _audit(GOOD)
    proof = {c.id: c for c in result.criteria["proof"].checks}
    specific = [
        proof[i]
        for i in ("proof-testimonials", "proof-ratings", "proof-figures", "proof-work-samples")
    ]
    assert sorted(c.weight for c in specific) == [0.0, 0.0, 0.0, 0.6]
    best = next(c for c in specific if c.weight)
    assert best.score == max(c.score for c in specific)
    # the renderer's "points lost" = (1 - s) * w / sum(w) then agrees with the criterion score
    applicable = [c for c in proof.values() if c.score is not None]
    total = sum(c.weight for c in applicable)
    lost = sum((1 - c.score) * c.weight for c in applicable) / total * 100
    assert result.criteria["proof"].score == pytest.approx(100 - lost, abs=0.1)


def test_floors_lift_and_caps_still_win() -> None:
    p = load_profile()

    def r(cid: str, score: float) -> CheckResult:
        return CheckResult(cid, REGISTRY[cid].criterion, "t", score, p.checks[cid].weight)

    # a low-commitment step above the fold is "meets it", whatever the supporting checks say
    step = [
        r("next-step-cta-first-screen", 1.0),
        r("next-step-low-commitment", 1.0),
        r("next-step-email-capture", 0.0),
        r("next-step-repeated", 0.3),
        r("next-step-contact-visible", 0.0),
    ]
    assert criterion_score("next_step", step, p) >= 75
    # a buried step still counts as "partly"
    buried = [
        r("next-step-cta-first-screen", 0.0),
        r("next-step-low-commitment", 0.5),
        r("next-step-repeated", 0.3),
        r("next-step-contact-visible", 0.0),
    ]
    assert criterion_score("next_step", buried, p) == 25.0
    # no low-commitment step: the cap keeps a strong 'Contact sales' page at "partly"
    sales = [
        r("next-step-cta-first-screen", 0.85),
        r("next-step-low-commitment", 0.0),
        r("next-step-specific-cta", 1.0),
        r("next-step-repeated", 1.0),
        r("next-step-contact-visible", 1.0),
    ]
    assert criterion_score("next_step", sales, p) <= 70


def test_a_cap_keeps_its_band_and_still_orders_the_pages_it_holds() -> None:
    """Two pages held by the same cap are not tied: the one whose other checks are stronger
    scores higher, both stay at or under the cap's max and in its band (a cap at 70 keeps
    "partly", one at 20 keeps "fails"); cap_spread 0 puts every held page at the max."""
    p = load_profile()
    assert p.cap_spread == 0.5
    assert capped(70, 100, 0.5) == 70 and capped(70, 80, 0.5) == pytest.approx(65.5)
    assert capped(70, 0, 1.0) == 25 and capped(20, 0, 1.0) == 0 and capped(80, 0, 1.0) == 75
    assert capped(70, 0, 0.0) == 70

    def r(cid: str, score: float) -> CheckResult:
        return CheckResult(cid, REGISTRY[cid].criterion, "t", score, p.checks[cid].weight)

    def benefit(headline: float) -> list[CheckResult]:  # no concrete outcome: capped at 70
        return [
            r("benefit-headline", headline),
            r("benefit-headline-length", 1.0),
            r("benefit-outcome", 0.55),
            r("benefit-seller-talk", 1.0),
            r("benefit-not-vague", 1.0),
            r("benefit-title-description", 1.0),
        ]

    strong, weaker = (criterion_score("benefit", benefit(h), p) for h in (1.0, 0.7))
    assert 25 <= weaker < strong <= 70
    flat = replace(p, cap_spread=0.0)
    assert criterion_score("benefit", benefit(1.0), flat) == 70.0
    assert criterion_score("benefit", benefit(0.7), flat) == 70.0


def test_fast_replace_builds_what_dataclasses_replace_does() -> None:
    import pickle
    from dataclasses import fields

    from sitekit.models import Evidence
    from sitekit.models_audit import fast_replace

    base = CheckResult(
        "proof-figures", "proof", "Figures", 0.5, 2.0, (Evidence(element="p", note="n"),), "fix"
    )
    for changes in (
        {"score": 1.0},
        {"impact": 3.2},
        {"ignored": "why"},
        {"weight": 0.0, "group": "g"},
        {},
    ):
        fast, slow = fast_replace(base, **changes), replace(base, **changes)
        assert fast == slow
        assert list(vars(fast)) == [f.name for f in fields(CheckResult)]
        assert pickle.dumps(fast) == pickle.dumps(slow)
    assert not hasattr(CheckResult, "__post_init__")  # fast_replace skips __init__
    assert all(f.init for f in fields(CheckResult))
    # run_check's results and with_impacts' copies: every field, in field order
    from sitekit.audit.scoring import run_check, with_impacts
    from sitekit.models import CriterionResult

    profile = load_profile()
    page = make_snapshot(
        FetchedPage("http://127.0.0.1/", "http://127.0.0.1/", 200, body=GOOD.encode())
    )
    made = [run_check(spec, page, profile) for spec in REGISTRY.values() if not spec.needs_crawl]
    assert {r.score for r in made} > {0.0, 1.0}  # passed, failed and partly, fixes given or not
    scored = with_impacts({"benefit": CriterionResult("benefit", 40.0, tuple(made))}, profile)
    for fast in (*made, *scored["benefit"].checks):
        slow = CheckResult(**{f.name: getattr(fast, f.name) for f in fields(CheckResult)})
        assert fast == slow and repr(fast) == repr(slow)
        assert list(vars(fast)) == [f.name for f in fields(CheckResult)]
        assert pickle.dumps(fast) == pickle.dumps(slow)
    # the page's and criteria's copies
    from sitekit.models import CheckedPage, CriterionResult, PageResult

    for cls in (CriterionResult, PageResult, CheckedPage):
        assert not hasattr(cls, "__post_init__") and all(f.init for f in fields(cls))
    crit = CriterionResult("proof", 50.0, (base,))
    page = PageResult("https://x.test/", 200, None, criteria={"proof": crit}, role="home")
    for obj, changes in (
        (crit, {"checks": ()}),
        (page, {"role": "about", "role_reason": "why"}),
        (page, {"score": 71.5, "criteria": {}}),
        (CheckedPage(page, (base,)), {"page": page}),
    ):
        fast, slow = fast_replace(obj, **changes), replace(obj, **changes)
        assert fast == slow and list(vars(fast)) == list(vars(slow))
        assert pickle.dumps(fast) == pickle.dumps(slow)


def test_a_page_scored_again_from_its_scored_result_scores_as_its_checked_page() -> None:
    """The pool scores a page in the check phase on the context most pages get and, when the
    crawl gives it another, scores it again from that result (`unscored`): on any two
    contexts, scoring again gives what scoring the checked page gives, and `unscored` gives
    back the checked page itself (packed and read back too, as the pool keeps it)."""
    from pathlib import Path

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from sitekit.audit.compact import pack, unpack
    from sitekit.audit.scoring import check_page, score_page, unscored

    profile = load_profile()
    folder = Path(__file__).parent / "data" / "judgement"
    htmls = [GOOD, BAD, *(p.read_text("utf-8") for p in sorted(folder.glob("*.html"))[:24])]
    paths = ["/", "/pricing/", "/contact/", "/privacy/", "/stories/ana/", "/blog/a-post/"]
    checked = []
    for n, html in enumerate(htmls):
        url = f"http://127.0.0.1{paths[n % len(paths)]}"
        snap = make_snapshot(FetchedPage(url, url, 200, body=html.encode()))
        checked.append(check_page(snap, profile, is_entry=n % 7 == 0))
    assert {c.page.role for c in checked} >= {"contact", "legal", "story"}
    ids = [*profile.checks, "links-work", "proof-stories-linked"]
    urls = st.sampled_from([f"http://127.0.0.1/p{n}/" for n in range(5)])
    links = st.lists(st.tuples(urls, st.sampled_from([404, 410, 500, None])), max_size=3)

    def contexts(whole: bool) -> st.SearchStrategy[PageContext]:
        ignored = st.dictionaries(
            st.sampled_from([*ids, "*"] if whole else ids), st.text(max_size=5)
        )
        return st.builds(
            PageContext,
            links_checked=st.booleans(),
            broken_links=links.map(lambda ls: tuple(sorted(set(ls), key=lambda b: b[0]))),
            ignored=ignored,
            stories=st.lists(urls, max_size=2).map(tuple),
            linked_stories=st.lists(urls, max_size=1).map(tuple),
        )

    @settings(max_examples=150, deadline=None)
    @given(st.sampled_from(range(len(checked))), contexts(False), contexts(True))
    def scored_twice(n: int, first: PageContext, second: PageContext) -> None:
        page = checked[n]
        once = score_page(page, first, profile)
        assert unscored(once, profile) == page
        kept = unpack(pack(once))
        assert score_page(unscored(kept, profile), second, profile) == score_page(
            page, second, profile
        )

    scored_twice()
