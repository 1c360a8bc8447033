"""A mini held-out set: hand-written pages of the archetypes criteria.md names, each rated
by a careful reader (0/1/2 per criterion, reason given), against sitekit's band."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit.models import FetchedPage, PageResult
from sitekit.profile import Profile
from sitekit.scoring import audit_page
from sitekit.snapshot import make_snapshot

PAGES = Path(__file__).resolve().parent.parent / "data" / "judgement"

# (page, criterion, human rating, borderline?, why). Borderline cases may be one band off.
RATINGS = [
    ("saas_strong", "benefit", 2, False, "h1 'Get paid twice as fast' is an outcome"),
    ("saas_strong", "findability", 2, False, "5 task labels: Features, Pricing, Contact"),
    ("saas_strong", "next_step", 2, False, "'Start your free 14-day trial' in the hero"),
    ("saas_strong", "proof", 2, False, "named CFO with a result, rating, cancel anytime"),
    ("company_welcome", "benefit", 0, False, "'Welcome to Acme', then the company story"),
    ("company_welcome", "findability", 1, False, "org-chart menu, contact still there"),
    ("company_welcome", "next_step", 1, False, "only 'Learn more' and a footer phone"),
    ("company_welcome", "proof", 0, False, "seller claims only ('we are the best')"),
    ("lorem_template", "benefit", 0, False, "the h1 is lorem ipsum"),
    ("lorem_template", "findability", 1, True, "good labels, but every link is '#'"),
    ("lorem_template", "next_step", 1, True, "a vague 'Get started' that goes nowhere"),
    ("lorem_template", "proof", 0, True, "a lorem testimonial is no proof"),
    ("restaurant_phone", "benefit", 1, False, "clearly an Italian restaurant, no outcome"),
    ("restaurant_phone", "findability", 1, False, "no menu; phone and address visible"),
    ("restaurant_phone", "next_step", 1, False, "a phone number alone"),
    ("restaurant_phone", "proof", 0, False, "nothing"),
    ("nav_wall", "benefit", 1, False, "a category ('Office furniture'), no outcome"),
    ("nav_wall", "findability", 1, True, "a wall of 60 menu links (0 is defensible)"),
    ("nav_wall", "next_step", 2, False, "'Request a free quote' in the hero"),
    ("nav_wall", "proof", 0, False, "nothing backs the offer"),
    ("anonymous_praise", "benefit", 2, False, "'Come home to a spotless house', you relax"),
    ("anonymous_praise", "findability", 2, False, "Services, Prices, Reviews, Contact"),
    ("anonymous_praise", "next_step", 2, False, "'Get a free quote' in the hero and at the end"),
    ("anonymous_praise", "proof", 1, False, "'Great service! - J.': anonymous praise only"),
    ("named_guarantee", "benefit", 2, False, "'A plumber at your door within 60 minutes'"),
    ("named_guarantee", "findability", 2, False, "five task labels"),
    ("named_guarantee", "next_step", 2, False, "free fixed-price quote in the hero"),
    ("named_guarantee", "proof", 2, False, "named reviews, 4.9 rating, 12-month guarantee"),
    ("handwerker_de", "benefit", 1, True, "a welcome, but the trades are named at once"),
    ("handwerker_de", "findability", 2, True, "short menu, mostly tasks; one 'Über uns'"),
    ("handwerker_de", "next_step", 1, False, "phone and a bare 'Kontakt', no offer"),
    ("handwerker_de", "proof", 1, False, "Meisterbetrieb, 2,000 customers; no voices"),
    ("clinic_es", "benefit", 2, False, "'Sonríe sin miedo al dentista' + painless"),
    ("clinic_es", "findability", 2, False, "Tratamientos, Precios, Opiniones, Contacto"),
    ("clinic_es", "next_step", 2, False, "'Pide tu primera consulta gratis' in the hero"),
    ("clinic_es", "proof", 2, False, "named patients, 4,9 stars, implant guarantee"),
    ("saas_ja", "benefit", 2, False, "'cut invoice work in half' is an outcome"),
    ("saas_ja", "findability", 2, False, "pricing, voices, FAQ, contact in the menu"),
    ("saas_ja", "next_step", 2, False, "'try free for 30 days' in the hero"),
    ("saas_ja", "proof", 2, False, "named company testimonial, figures, cancel anytime"),
    ("saas_contact_sales", "benefit", 1, False, "a category ('enterprise data platform')"),
    ("saas_contact_sales", "findability", 2, False, "Product, Pricing, Customers, Contact"),
    ("saas_contact_sales", "next_step", 1, False, "only 'Contact sales': high commitment"),
    ("saas_contact_sales", "proof", 1, False, "a named customer result, no risk reducer"),
    ("clinic_ko", "benefit", 2, False, "'acne scars changed in 3 months' is an outcome"),
    ("clinic_ko", "findability", 2, False, "treatments, prices, reviews, FAQ, contact"),
    ("clinic_ko", "next_step", 2, False, "'book a free consultation' in the hero"),
    ("clinic_ko", "proof", 2, False, "named reviews, free aftercare, full refund"),
    ("conference", "benefit", 1, False, "the event's name, then what it is; no outcome"),
    ("conference", "findability", 2, False, "Speakers, Schedule, Venue, Tickets"),
    ("conference", "next_step", 1, False, "only 'Buy tickets': high commitment"),
    ("conference", "proof", 1, False, "named speakers and figures; no refund or FAQ"),
    ("coming_soon", "benefit", 0, False, "'Coming soon': nothing offered"),
    ("coming_soon", "findability", 1, False, "no menu, but phone and e-mail at once"),
    ("coming_soon", "next_step", 1, False, "phone and e-mail only"),
    ("coming_soon", "proof", 0, False, "nothing"),
    ("portfolio_designer", "benefit", 1, True, "'Hi, I'm Jane', the offer clear at once"),
    ("portfolio_designer", "findability", 2, False, "Work, About, Contact on a short page"),
    ("portfolio_designer", "next_step", 1, False, "an e-mail address at the end only"),
    ("portfolio_designer", "proof", 1, False, "work shown, one named client; no reassurance"),
    ("dentist_welcome", "benefit", 1, True, "a welcome, the services named at once"),
    ("dentist_welcome", "findability", 2, False, "services, new patients, prices, contact"),
    ("dentist_welcome", "next_step", 2, False, "'Book your free consultation' in the hero"),
    ("dentist_welcome", "proof", 2, True, "named review, 4.9 rating, same-day emergencies"),
    ("restaurant_ja", "benefit", 1, True, "a welcome, then 'seasonal Japanese cuisine'"),
    ("restaurant_ja", "findability", 2, False, "menu, reservations, access in the menu"),
    ("restaurant_ja", "next_step", 2, False, "a reservation button in the hero"),
    ("restaurant_ja", "proof", 0, False, "prices and opening hours are not proof"),
    ("company_ko", "findability", 1, False, "company intro, greeting, history, vision menu"),
    ("company_ko", "next_step", 1, True, "only a phone number as text in the footer"),
    ("company_ko", "proof", 0, False, "'best quality' claims only"),
    ("agency_it", "benefit", 1, False, "'we are a leading web agency': clear but seller-talk"),
    ("agency_it", "findability", 2, True, "Servizi, Portfolio, Contatti beside Chi siamo, Blog"),
    ("agency_it", "next_step", 2, False, "'Richiedi un preventivo gratuito' in the hero"),
    ("agency_it", "proof", 1, False, "200 projects since 2012; no voices, no guarantee"),
    ("shop_ru", "benefit", 2, False, "'a new sofa at your home in 3 days'"),
    ("shop_ru", "findability", 2, False, "catalogue, delivery, payment, reviews, contacts"),
    ("shop_ru", "next_step", 2, False, "'get the catalogue free' in the hero"),
    ("shop_ru", "proof", 2, False, "named reviews, 18-month guarantee, free repairs"),
    ("accountant_fr", "benefit", 1, True, "a welcome; 'accountant in Lyon' right under it"),
    ("accountant_fr", "findability", 2, True, "missions and contact in a short menu"),
    ("accountant_fr", "next_step", 1, False, "only 'Contactez-nous' and a phone"),
    ("accountant_fr", "proof", 1, False, "professional-body membership, since 1992; thin"),
]

# Known disagreements, kept visible: the reader's rating and why sitekit misses it.
KNOWN_MISSES = [
    (
        "company_ko",
        "benefit",
        0,
        "welcome, then only company story; sitekit counts the Korean words of the story "
        "(particles and verbs attached) as naming an offer and gives 'partly'",
    ),
]


def band(score: float) -> int:
    """0-24 -> 0, 25-74 -> 1, 75-100 -> 2 (as bench/accuracy.py)."""
    return 0 if score < 25 else (1 if score < 75 else 2)


_CACHE: dict[str, PageResult] = {}


def audit(name: str, profile: Profile) -> PageResult:
    if name not in _CACHE:
        path = PAGES / f"{name}.html"
        page = FetchedPage(
            url=path.as_uri(),
            final_url=path.as_uri(),
            status=200,
            body=path.read_bytes(),
            source_path=str(path),
        )
        _CACHE[name] = audit_page(make_snapshot(page), profile, is_entry=True)
    return _CACHE[name]


@pytest.mark.parametrize(
    ("name", "criterion", "human", "borderline", "why"),
    RATINGS,
    ids=[f"{r[0]}-{r[1]}" for r in RATINGS],
)
def test_band_matches_a_careful_reader(
    profile: Profile, name: str, criterion: str, human: int, borderline: bool, why: str
) -> None:
    result = audit(name, profile)
    assert result.auditable, result.reason
    score = result.criteria[criterion].score
    off = abs(band(score) - human)
    assert off == 0 or (borderline and off == 1), f"{name} {criterion}: {score} vs {human} ({why})"


@pytest.mark.parametrize(("name", "criterion", "human", "why"), KNOWN_MISSES)
@pytest.mark.xfail(strict=True, reason="known disagreement, see KNOWN_MISSES")
def test_known_misses(profile: Profile, name: str, criterion: str, human: int, why: str) -> None:
    assert band(audit(name, profile).criteria[criterion].score) == human, why


def test_js_shell_is_not_audited(profile: Profile) -> None:
    result = audit("js_shell", profile)
    assert not result.auditable
    assert "JavaScript" in result.reason


def test_every_page_is_rated() -> None:
    rated = {r[0] for r in RATINGS} | {"js_shell"}
    assert rated == {p.stem for p in PAGES.glob("*.html")}
