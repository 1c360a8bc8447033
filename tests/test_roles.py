"""Page roles (issue 11): detection on hand-made pages per kind and language, the front matter's
`role:` through the theme's mark, criteria that do not apply shown as n/a (never 0), and the
page and site score arithmetic."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from sitekit.audit.pipeline import run_audit
from sitekit.audit.profile import load_profile
from sitekit.audit.report_data import is_finding, to_dict
from sitekit.audit.roles import detect_role
from sitekit.audit.scoring import audit_page, page_score, site_scores
from sitekit.audit.snapshot import make_snapshot
from sitekit.build.config import load_config
from sitekit.build.site import build_site
from sitekit.crawl.settings import CrawlSettings
from sitekit.errors import ConfigError, ContentError
from sitekit.gate import below_thresholds
from sitekit.models import (
    CRITERIA,
    AuditReport,
    CriterionResult,
    FetchedPage,
    PageResult,
)
from sitekit.report import format_report

NAV = '<nav><a href="/services/">Services</a> <a href="/contact/">Contact</a></nav>'


def page(path: str, body: str, title: str = "Page", lang: str = "en", head: str = "") -> str:
    return (
        f'<html lang="{lang}"><head><title>{title}</title>{head}</head><body><header>{NAV}'
        f"</header><main>{body}</main></body></html>"
    )


def snap(path: str, html: str):  # type: ignore[no-untyped-def]
    url = f"http://127.0.0.1{path}"
    return make_snapshot(FetchedPage(url, url, 200, "text/html", html.encode(), "utf-8"))


def role_of(path: str, html: str, is_entry: bool = False) -> tuple[str, str]:
    return detect_role(snap(path, html), is_entry, load_profile().roles)


def jsonld(kind: str) -> str:
    return f'<script type="application/ld+json">{{"@type": "{kind}"}}</script>'


CASES = [
    # (path, html, role, words in the reason)
    (
        "/privacy/",
        page("/privacy/", "<h1>Privacy</h1><p>We keep your e-mail.</p>"),
        "legal",
        "path",
    ),
    (
        "/impressum/",
        page("/", "<h1>Impressum</h1><p>Angaben gemäß § 5 TMG</p>", lang="de"),
        "legal",
        "path",
    ),
    (
        "/p/3/",
        page("/p/3/", "<h1>Mentions légales</h1><p>Éditeur : SARL.</p>", "Mentions légales", "fr"),
        "legal",
        "title",
    ),
    (
        "/x/",
        page("/x/", "<h1>Get in touch</h1><p>Call us.</p>", head=jsonld("ContactPage")),
        "contact",
        "structured data ContactPage",
    ),
    (
        "/cita/",
        page(
            "/cita/",
            '<h1>Reserva</h1><form><input name="n"><input type="tel" name="t">'
            "<button>Pedir</button></form>",
            lang="es",
        ),
        "contact",
        "path",
    ),
    (
        "/q/",
        page(
            "/q/",
            '<h1>Hello</h1><form><input name="who"><input type="date" name="d">'
            "<button>Send</button></form>",
        ),
        "contact",
        "form",
    ),
    (
        "/blog/tips/",
        page("/blog/tips/", "<h1>Five tips</h1><p>Posted 3 May.</p>"),
        "article",
        "path",
    ),
    (
        "/n/1/",
        page("/n/1/", "<h1>We moved</h1><p>Since May.</p>", head=jsonld("NewsArticle")),
        "article",
        "structured data",
    ),
    ("/pricing/", page("/pricing/", "<h1>Plans</h1><p>$12 a month.</p>"), "offer", "path"),
    (
        "/leistungen/",
        page("/leistungen/", "<h1>Unsere Leistungen</h1><p>Fassade.</p>", lang="de"),
        "offer",
        "path",
    ),
    (
        "/case-studies/acme/",
        page("/c/", "<h1>How Acme saved 4 hours</h1><p>Result.</p>"),
        "story",
        "path",
    ),
    (
        "/temoignages/",
        page("/t/", "<h1>Ce que disent nos élèves</h1><p>Bien.</p>", lang="fr"),
        "story",
        "path",
    ),
    (
        "/app/login/",
        page(
            "/",
            '<h1>Log in</h1><form><input type="email" name="e"><input type="password" name="p">'
            "<button>Log in</button></form>",
        ),
        "utility",
        "path",
    ),
    (
        "/x/y/",
        page("/", "<h1>Page not found</h1><p>Try the home page.</p>", "Page not found"),
        "utility",
        "title",
    ),
    (
        "/welcome/",
        page("/", "<h1>You're booked in: what happens next</h1><ol><li>We call.</li></ol>"),
        "welcome",
        "path",
    ),
    (
        "/empfehlen/",
        page("/", "<h1>Ihre Freunde sparen 10 %</h1><p>Sie erhalten 50 €.</p>", lang="de"),
        "referral",
        "path",
    ),
    (
        "/spring/",
        page("/", '<h1>Whiter teeth in one hour</h1><p><a href="/book/">Claim your slot</a></p>'),
        "landing",
        "no sign",
    ),
]


@pytest.mark.parametrize(("path", "html", "role", "why"), CASES, ids=[c[0] + c[2] for c in CASES])
def test_roles_are_detected_per_kind(path: str, html: str, role: str, why: str) -> None:
    got, reason = role_of(path, html)
    assert got == role, reason
    assert why in reason


def test_the_entry_page_is_entry_whatever_its_words() -> None:
    assert role_of("/privacy/", page("/privacy/", "<h1>Privacy</h1>"), is_entry=True) == (
        "entry",
        "the page the audit starts from",
    )


def test_a_welcome_heading_is_seller_talk_not_a_welcome_page() -> None:
    """'Welcome to Acme' opens a landing page badly; only a path says 'welcome page'."""
    html = page("/acme/", "<h1>Welcome to Acme</h1><p>We are a leading provider.</p>")
    assert role_of("/acme/", html)[0] == "landing"


def test_a_lone_subheading_is_no_sign() -> None:
    html = page("/about/", "<h1>Our story</h1><p>Since 1990.</p><h2>Contact</h2><p>Hi.</p>")
    assert role_of("/about/", html)[0] == "landing"


# --------------------------------------------------------------------------- not applicable

LEGAL = page("/privacy/", "<h1>Privacy notice</h1><h2>What we keep</h2><p>Your e-mail.</p>")


def test_a_legal_page_is_judged_on_findability_only() -> None:
    result = audit_page(snap("/privacy/", LEGAL), load_profile())
    assert result.role == "legal" and result.role_reason == "path /privacy/"
    for cid in ("benefit", "next_step", "proof"):
        crit = result.criteria[cid]
        assert crit.score is None
        assert crit.checks and all(
            c.ignored == "not applicable to a legal page" for c in crit.checks
        )
        assert not any(is_finding(c) for c in crit.checks)
        assert all(c.impact == 0 for c in crit.checks)
    assert result.criteria["findability"].score is not None
    assert result.score == result.criteria["findability"].score  # the mean of what applies


def test_a_contact_page_with_a_form_is_the_next_step() -> None:
    html = page(
        "/contact/",
        '<h1>Contact us</h1><form action="/s"><input name="name"><input type="email" '
        'name="email"><textarea name="message"></textarea><button>Send</button></form>',
    )
    result = audit_page(snap("/contact/", html), load_profile())
    assert result.role == "contact"
    assert result.criteria["next_step"].score == 100.0  # [[roles.floors]]: a short form
    assert result.criteria["benefit"].score is None and result.criteria["proof"].score is None


@pytest.fixture(scope="module")
def legal_report() -> dict:
    profile = load_profile()
    entry = audit_page(snap("/", page("/", "<h1>Get paid twice as fast</h1>")), profile, True)
    legal = audit_page(snap("/privacy/", LEGAL), profile)
    score, crits = site_scores([entry, legal], profile)
    return to_dict(AuditReport("http://127.0.0.1/", score, crits, (entry, legal)))


def test_not_applicable_is_null_in_json_never_zero(legal_report: dict) -> None:
    data = json.loads(format_report(legal_report, "json"))
    legal = next(p for p in data["pages"] if p["url"].endswith("/privacy/"))
    crits = legal["criteria"]
    assert [crits[c]["score"] for c in ("benefit", "next_step", "proof")] == [None] * 3
    assert legal["role"] == "legal" and legal["role_reason"] == "path /privacy/"


def test_not_applicable_shows_as_na_in_markdown(legal_report: dict) -> None:
    out = format_report(legal_report, "markdown")
    row = next(line for line in out.splitlines() if line.startswith("| http://127.0.0.1/privacy/"))
    cells = [c.strip() for c in row.strip("|").split("|")]
    assert cells[2:] == ["n/a", cells[3], "n/a", "n/a"] and cells[3] not in ("n/a", "0")


@pytest.mark.parametrize(
    "fmt", ["json", "junit", "sarif", "github", "markdown", "terminal", "html"]
)
def test_every_format_copes_with_a_criterion_not_applicable(legal_report: dict, fmt: str) -> None:
    out = format_report(legal_report, fmt)
    legal = next(p for p in legal_report["pages"] if p["url"].endswith("/privacy/"))
    not_applicable = {
        c["id"]
        for cid in ("benefit", "next_step", "proof")
        for c in legal["criteria"][cid]["checks"]
    }
    if fmt == "sarif":  # no finding on the legal page for a criterion that does not apply
        found = {
            (r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"])
            for r in json.loads(out)["runs"][0]["results"]
        }
        assert not {rule for rule, uri in found if "privacy" in uri} & not_applicable
    if fmt == "github":
        privacy = [
            line for line in out.splitlines() if line.startswith("::") and "/privacy/:" in line
        ]
        assert not any(
            f"title={cid}%3A" in line
            for line in privacy
            for cid in ("benefit", "next_step", "proof")
        )


# --------------------------------------------------------------------------- arithmetic


def _page(url: str, role: str, scores: dict[str, float | None], entry: bool = False) -> PageResult:
    crits = {c: CriterionResult(c, scores.get(c)) for c in CRITERIA}
    return PageResult(url, 200, page_score(crits), crits, is_entry=entry, role=role)


def test_page_score_is_the_mean_of_the_criteria_that_apply() -> None:
    crits = {
        c: CriterionResult(c, s) for c, s in zip(CRITERIA, (None, 80.0, 60.0, None), strict=True)
    }
    assert page_score(crits) == 70.0
    assert page_score({c: CriterionResult(c, None) for c in CRITERIA}) is None


def test_site_score_weighs_roles_and_leaves_out_what_does_not_apply() -> None:
    profile = load_profile()
    w = profile.roles.weights
    assert w["entry"] > w["landing"] > w["offer"] > w["legal"]
    entry = _page("/", "entry", dict.fromkeys(CRITERIA, 90.0), entry=True)
    landing = _page("/l/", "landing", dict.fromkeys(CRITERIA, 50.0))
    legal = _page("/privacy/", "legal", {"findability": 100.0})
    overall, crits = site_scores([entry, landing, legal], profile)
    # proof: the legal page is left out: (4 x 90 + 3 x 50) / 7
    assert crits["proof"] == pytest.approx(
        (w["entry"] * 90 + w["landing"] * 50) / (w["entry"] + w["landing"]), abs=0.05
    )
    total = w["entry"] + w["landing"] + w["legal"]
    expected = (w["entry"] * 90 + w["landing"] * 50 + w["legal"] * 100) / total
    assert crits["findability"] == pytest.approx(expected, abs=0.05)
    assert overall == pytest.approx(sum(crits.values()) / 4, abs=0.05)


def test_the_entry_page_keeps_its_minimum_share() -> None:
    profile = load_profile()
    entry = _page("/", "entry", dict.fromkeys(CRITERIA, 100.0), entry=True)
    many = [_page(f"/o{i}/", "offer", dict.fromkeys(CRITERIA, 0.0)) for i in range(40)]
    _overall, crits = site_scores([entry, *many], profile)
    assert crits["benefit"] == pytest.approx(100 * profile.entry_weight, abs=0.05)


def test_a_criterion_no_page_is_judged_on_never_fails_the_gate() -> None:
    legal = _page("/privacy/", "legal", {"findability": 100.0})
    overall, crits = site_scores([legal], load_profile())
    assert crits == {"findability": 100.0} and overall == 100.0
    report = AuditReport("x", overall, crits, (legal,))
    assert below_thresholds(report, 80, {"proof": 75, "findability": 75}) == []
    assert below_thresholds(report, 80, {"findability": 101}) != []


# --------------------------------------------------------------------------- built sites


def _site(tmp_path: Path, pages: dict[str, str]) -> Path:
    (tmp_path / "content").mkdir()
    (tmp_path / "sitekit.toml").write_text(
        '[site]\nname = "Acme"\nlanguage = "en"\n[[nav]]\nlabel = "Book"\nurl = "/book/"\n',
        "utf-8",
    )
    for name, text in pages.items():
        (tmp_path / "content" / name).write_text(text, "utf-8")
    return tmp_path


INDEX = """---
title: Acme
benefit: A spotless home every week, without lifting a finger
cta: {label: Get a free quote, url: /book/}
---

Hello.
"""


def test_front_matter_role_reaches_the_audit_through_the_theme(tmp_path: Path) -> None:
    site = _site(
        tmp_path,
        {
            "index.md": INDEX,
            "book.md": "---\ntitle: Weekly plans\nrole: contact\n---\n\nCall +1 555 0100.\n",
            "offer.md": "---\ntitle: Spring deal\nbenefit: Half price on your first clean\n"
            "cta: {label: Claim it, url: /book/}\n---\n\nNow.\n",
        },
    )
    out = tmp_path / "_site"
    build_site(load_config(site), out)
    assert '<meta name="sitekit:role" content="contact">' in (out / "book/index.html").read_text()
    assert '<meta name="sitekit:role" content="landing">' in (out / "offer/index.html").read_text()
    report = run_audit(str(out), profile=load_profile(), settings=CrawlSettings())
    roles = {p.url.rstrip("/").rsplit("/", 1)[-1]: (p.role, p.role_reason) for p in report.pages}
    assert roles["book"] == ("contact", "marked by sitekit's theme: contact")
    assert roles["offer"] == ("landing", "marked by sitekit's theme: landing")


def test_an_unknown_role_is_a_located_error(tmp_path: Path) -> None:
    site = _site(tmp_path, {"index.md": INDEX, "x.md": "---\ntitle: X\nrole: contcat\n---\n\nx\n"})
    with pytest.raises(ContentError) as info:
        build_site(load_config(site), tmp_path / "_site")
    said = [str(d) for d in info.value.diagnostics]
    assert any("x.md:3: unknown role 'contcat' (did you mean 'contact'?)" in d for d in said), said


# --------------------------------------------------------------------------- profile


def test_the_roles_profile_is_validated(tmp_path: Path) -> None:
    bad = tmp_path / "bad.toml"
    bad.write_text(
        'extends = "default"\n[roles.judged]\nlegel = ["findability"]\n'
        'legal = ["findabilty"]\n[roles.weight]\nlanding = "many"\n',
        "utf-8",
    )
    with pytest.raises(ConfigError) as info:
        load_profile(bad)
    text = str(info.value)
    assert "roles.judged.legel: unknown role 'legel' (did you mean 'legal'?)" in text
    assert "roles.judged.legal: unknown criterion 'findabilty'" in text
    assert "roles.weight.landing: must be a number" in text


def test_a_profile_can_judge_a_role_on_more(tmp_path: Path) -> None:
    mine = tmp_path / "mine.toml"
    mine.write_text('extends = "default"\n[roles.judged]\nlegal = ["findability", "proof"]\n')
    profile = load_profile(mine)
    result = audit_page(snap("/privacy/", LEGAL), profile)
    assert result.criteria["proof"].score is not None
    assert result.criteria["benefit"].score is None
