"""The page's language: detection, how it combines with <html lang>, and pages in a language
with no word list (their word-reading checks are not judged, never guessed)."""

from __future__ import annotations

import subprocess
import sys

import pytest

from sitekit.audit.language import code_of, detect, is_not_judged, page_language
from sitekit.audit.profile import load_profile
from sitekit.audit.scoring import audit_page
from sitekit.audit.snapshot import make_snapshot
from sitekit.models import CheckResult, FetchedPage, PageResult

GERMAN = (
    "Herzlich willkommen bei Müller Haustechnik. Wir sind seit über dreißig Jahren Ihr "
    "zuverlässiger Partner für Heizung, Sanitär und Klima in Köln und Umgebung. Unsere "
    "Leidenschaft ist die Qualität, und unser Team berät Sie gern persönlich."
)
POLISH = (
    "Twój kocioł naprawiony jeszcze dziś, w stałej cenie. Przyjeżdżamy w ciągu dwóch godzin, "
    "naprawiamy na miejscu i dajemy dwa lata gwarancji na każdą naprawę. Zadzwoń albo "
    "zamów bezpłatną wycenę przez formularz, a oddzwonimy w ciągu kwadransa."
)


def test_detect_names_the_language_and_how_sure_it_is() -> None:
    assert detect(GERMAN)[0] == "de"
    assert detect(POLISH)[0] == "pl"
    assert detect("Réservez votre rendez-vous chez le dentiste en ligne.")[0] == "fr"
    _, confidence = detect(GERMAN)
    assert 0.95 <= confidence <= 1.0
    assert detect("   ") == ("", 0.0)


def test_code_of_normalises_declared_tags() -> None:
    assert [code_of(t) for t in ("de-CH", "pt_BR", " EN ", "")] == ["de", "pt", "en", ""]


def test_the_declared_language_comes_first() -> None:
    assert page_language("de-DE", GERMAN) == ("de", "declared")
    # too short to tell: the declaration stands, right or wrong
    assert page_language("en", "Ferienwohnung Holzstraße") == ("en", "declared")
    assert page_language("", "Ferienwohnung Holzstraße") == ("", "unknown")


def test_a_missing_or_surely_wrong_declaration_gives_way_to_detection() -> None:
    assert page_language("", GERMAN) == ("de", "detected")
    assert page_language("en", GERMAN) == ("de", "detected")


def _audit(body: str, lang: str) -> PageResult:
    attr = f" lang='{lang}'" if lang else ""
    html = f"<!doctype html><html{attr}><head><title>Haustechnik</title></head><body>{body}"
    page = FetchedPage(
        url="http://127.0.0.1/", final_url="http://127.0.0.1/", status=200, body=html.encode()
    )
    return audit_page(make_snapshot(page), load_profile(), is_entry=True)


def _check(result: PageResult, check_id: str) -> CheckResult:
    return next(c for crit in result.criteria.values() for c in crit.checks if c.id == check_id)


def test_a_german_page_declared_english_is_read_in_german() -> None:
    body = f"<main><h1>Herzlich willkommen bei Müller Haustechnik</h1><p>{GERMAN}</p></main>"
    for lang in ("en", ""):
        seller = _check(_audit(body, lang), "benefit-seller-talk")
        # read with English words only, "Herzlich willkommen" is no welcome and scores 1.0
        assert seller.score is not None and seller.score < 0.5, (lang, seller.evidence)
        assert "welcome" in seller.evidence[0].note


POLISH_PAGE = (
    "<header><nav><a href='/'>Start</a><a href='/uslugi'>Usługi</a><a href='/cennik'>Cennik</a>"
    "<a href='/kontakt'>Kontakt</a></nav></header><main>"
    "<h1>Twój kocioł naprawiony jeszcze dziś</h1>"
    f"<p>{POLISH}</p><a class='btn' href='/wycena'>Zamów bezpłatną wycenę</a>"
    "<h2>Opinie</h2><blockquote>Przyjechali w godzinę. — Anna Kowalska, Kraków</blockquote>"
    "</main><footer><a href='tel:+48221234567'>+48 22 123 45 67</a></footer>"
)


@pytest.mark.parametrize("lang", ["pl", ""])
def test_word_checks_are_not_judged_without_a_word_list(lang: str) -> None:
    result = _audit(POLISH_PAGE, lang)
    for check_id in ("benefit-outcome", "benefit-seller-talk", "next-step-low-commitment"):
        check = _check(result, check_id)
        assert check.score is None and is_not_judged(check)
        assert check.evidence[0].note == "not judged: no word list for language 'pl'"
    # the language-neutral checks still judge the page
    assert _check(result, "benefit-headline").score == 1.0
    assert _check(result, "findability-nav").score is not None
    assert _check(result, "next-step-contact-visible").score is not None
    # a heading it cannot read is never scored as a benefit that "meets" the criterion
    assert 0 < result.criteria["benefit"].score <= 70
    assert result.criteria["next_step"].score <= 70
    assert result.criteria["findability"].score > 0


def test_a_known_language_is_judged_as_before() -> None:
    body = (
        "<main><h1>Your boiler fixed today, at a fixed price</h1>"
        "<p>We come within two hours and you pay the price we quote.</p>"
        "<a class='btn' href='/quote'>Get a free quote</a></main>"
    )
    result = _audit(body, "en")
    assert not any(is_not_judged(c) for crit in result.criteria.values() for c in crit.checks)


def test_version_does_not_import_the_detector() -> None:
    code = "import sys, sitekit.cli, sitekit.audit.scoring; print('py3langid' in sys.modules)"
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_a_page_plainly_in_its_declared_language_does_not_load_the_detector() -> None:
    """The usual case stays cheap: the declared language's small words fill the text, so the
    declaration is taken without loading py3langid (its model costs ~0.5 s and ~100 MB)."""
    code = (
        "import sys\n"
        "from sitekit.audit.language import page_language\n"
        "from sitekit.audit.profile import load_profile\n"
        "small = load_profile().word_lists.function_words\n"
        "text = 'Your boiler is fixed today at a fixed price. We come to you within two hours "
        "and the price we quote is the price you pay, with a two-year warranty on the work.'\n"
        "print(page_language('en', text, small), 'py3langid' in sys.modules)\n"
        f"print(page_language('en', {GERMAN!r}, small), 'py3langid' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    first, second = out.stdout.strip().splitlines()
    assert first == "('en', 'declared') False"
    assert second == "('de', 'detected') True"
