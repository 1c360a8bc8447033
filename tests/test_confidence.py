"""A page's confidence: low when its language has no word list, its text is very short or
scripts build it; medium for borderline pages; said plainly in every format (hand-made pages,
audited through the real command line)."""

from __future__ import annotations

import json
import xml.etree.ElementTree as ET
from pathlib import Path

import jsonschema
import pytest
from _cli import audit
from junitparser import JUnitXml, Skipped

from sitekit.audit.confidence import page_confidence
from sitekit.audit.profile import load_profile
from sitekit.audit.scoring import audit_page
from sitekit.audit.snapshot import make_snapshot
from sitekit.models import FetchedPage, PageResult

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"

# A Polish plumber's page: long enough to judge, in a language sitekit has no word list for.
POLISH = (
    "<!doctype html><html lang='pl'><head><title>Hydraulik Kowalski Kraków</title></head><body>"
    "<header><nav><a href='/'>Kowalski</a> <a href='/cennik'>Cennik</a>"
    " <a href='/kontakt'>Kontakt</a></nav></header><main>"
    "<h1>Hydraulik w Krakowie: naprawa jeszcze dziś</h1>"
    + "<p>Naprawiamy krany, rury, bojlery i piece gazowe w całym Krakowie. Zadzwoń, a"
    " przyjedziemy w ciągu dwóch godzin i naprawimy usterkę na miejscu.</p>"
    * 6
    + "<p><a href='tel:+48123456789'>+48 12 345 67 89</a></p></main></body></html>"
)
SENTENCE = "<p>We clean family homes in Leeds every week, so you come back to a tidy house.</p>"


def page_of(html: str) -> PageResult:
    snapshot = make_snapshot(
        FetchedPage("http://127.0.0.1/", "http://127.0.0.1/", 200, body=html.encode())
    )
    return audit_page(snapshot, load_profile())


def english(body: str, head: str = "") -> str:
    return (
        f"<!doctype html><html lang='en'><head><title>Brightclean</title>{head}</head><body>"
        f"<main><h1>Come home to a spotless house every Friday</h1>{body}</main></body></html>"
    )


def test_a_page_in_a_language_without_a_word_list_is_low_and_says_which_checks() -> None:
    page = page_of(POLISH)
    assert page.confidence == "low"
    (reason,) = page.confidence_reasons
    unread = [
        c.id
        for crit in page.criteria.values()
        for c in crit.checks
        if c.score is None and any("no word list" in e.note for e in c.evidence)
    ]
    assert len(unread) >= 5
    assert reason.startswith(
        f"The page is in Polish, which sitekit has no word list for: {len(unread)} checks "
        "that read words were not judged ("
    )
    assert all(cid in reason for cid in unread)


def test_a_full_page_in_english_is_high_with_no_reasons() -> None:
    page = page_of(english(SENTENCE * 12))
    assert (page.confidence, page.confidence_reasons) == ("high", ())


def test_very_short_text_is_low_and_short_text_medium() -> None:
    tiny = page_of(english("<p>Call us.</p>"))
    assert tiny.confidence == "low"
    assert tiny.confidence_reasons == (
        "The page shows only 10 words of text: too little to judge reliably.",
    )
    brief = page_of(english(SENTENCE * 5))
    assert brief.confidence == "medium"
    assert brief.confidence_reasons[0].startswith("The page is short (")


def test_a_page_built_by_scripts_is_low_until_it_is_rendered() -> None:
    scripts = "".join(f"<script src='/js/{n}.js'></script>" for n in range(8))
    body = "<div id='root'><p>Loading your dashboard, please wait a moment.</p></div>" + (
        SENTENCE * 5
    )
    page = page_of(english(body, head=scripts))
    assert page.confidence == "low"
    assert page.confidence_reasons[0].startswith("The page is built by scripts: its HTML holds ")
    assert '8 scripts, a script-mounted <div id="root">' in page.confidence_reasons[0]
    assert "--render" in page.confidence_reasons[0]
    # JSON-LD is data, not a script that builds the page
    data = '<script type=\'application/ld+json\'>{"@type": "LocalBusiness"}</script>' * 8
    assert page_of(english(SENTENCE * 12, head=data)).confidence == "high"
    # what a browser rendered is what a visitor sees: no doubt about scripts
    rendered = english(body, head=scripts).replace("<html ", "<html data-sitekit-rendered='1' ")
    assert not any("scripts" in r for r in page_of(rendered).confidence_reasons)


def test_a_page_whose_language_cannot_be_told_is_medium_and_says_so() -> None:
    words = (
        "Benvenuti bienvenue welcome bienvenidos willkommen welkom, ok, obrigado merci danke "
        "thanks gracias grazie. Pizza pasta paella sushi croissant bratwurst stroopwafel. "
    )
    html = (
        "<!doctype html><html><head><title>Menu</title></head><body><h1>Hola</h1>"
        f"<p>{words * 8}</p></body></html>"
    )
    page = page_of(html)
    assert page.confidence == "medium"
    assert page.confidence_reasons == (
        "sitekit could not tell which language the page is in (it declares none, and its "
        "text does not say clearly), so it read the page with its English word lists.",
    )
    # a page that declares no language but plainly reads as one is judged in it: high
    assert page_of(english(SENTENCE * 12).replace(" lang='en'", "")).confidence == "high"


def test_a_check_that_crashed_makes_the_page_medium() -> None:
    from dataclasses import replace

    snapshot = make_snapshot(
        FetchedPage(
            "http://127.0.0.1/", "http://127.0.0.1/", 200, body=english(SENTENCE * 12).encode()
        )
    )
    checks = audit_page(snapshot, load_profile()).criteria["benefit"].checks
    broken = (replace(checks[0], score=None, error="ValueError: boom"), *checks[1:])
    level, reasons = page_confidence(snapshot, broken, "en")
    assert level == "medium"
    assert reasons == (f"1 check could not run ({checks[0].id}). The scores leave them out.",)


@pytest.fixture(scope="module")
def polish_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("pl") / "index.html"
    path.write_text(POLISH, encoding="utf-8")
    return path


STATEMENT = "The page is in Polish, which sitekit has no word list for:"


def test_json_carries_the_confidence(polish_file: Path) -> None:
    (page,) = json.loads(audit(polish_file, "json"))["pages"]
    assert page["confidence"] == "low"
    assert page["confidence_reasons"][0].startswith(STATEMENT)


def test_junit_says_it_in_properties_system_out_and_each_unjudged_check(
    polish_file: Path, tmp_path: Path
) -> None:
    out = tmp_path / "report.xml"
    out.write_text(audit(polish_file, "junit"), encoding="utf-8")
    (suite,) = JUnitXml.fromfile(str(out))
    props = {p.name: p.value for p in suite.properties()}
    assert props["confidence"] == "low"
    assert props["confidence_reason"].startswith(STATEMENT)
    system_out = ET.parse(out).getroot().findtext("testsuite/system-out") or ""
    assert system_out.startswith(f"confidence low: {STATEMENT}")
    skipped = [c for c in suite if c.result and isinstance(c.result[0], Skipped)]
    unread = [c for c in skipped if "no word list" in (c.result[0].message or "")]
    assert len(unread) >= 5 and {c.result[0].message for c in unread} == {
        "not judged: no word list for language 'pl'"
    }
    assert any(c.name.startswith("benefit-outcome:") for c in unread)


def test_sarif_says_it_in_run_and_result_properties(polish_file: Path) -> None:
    log = json.loads(audit(polish_file, "sarif"))
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))).validate(log)
    run = log["runs"][0]
    (page,) = run["properties"]["confidence"]
    assert page["level"] == "low" and page["reasons"][0].startswith(STATEMENT)
    assert run["results"], "the language-neutral checks still find something"
    for result in run["results"]:
        assert result["properties"]["confidence"] == "low"
        assert result["properties"]["confidenceReasons"][0].startswith(STATEMENT)


def test_github_adds_a_notice_per_low_confidence_page(polish_file: Path) -> None:
    lines = audit(polish_file, "github").splitlines()
    notices = [line for line in lines if "title=low confidence" in line]
    assert len(notices) == 1
    assert notices[0].startswith(f"::notice file={str(polish_file).replace(':', '%3A')},")
    assert f"%0A{STATEMENT}" in notices[0]
    assert lines[-1].startswith("::notice title=sitekit score::")


def test_markdown_has_a_line_per_page(polish_file: Path, tmp_path: Path) -> None:
    out = audit(polish_file, "markdown")
    assert "\nConfidence:\n" in out
    (line,) = [line for line in out.splitlines() if line.startswith("- ") and "**low**" in line]
    assert f"**low** — {STATEMENT}" in line
    site = tmp_path / "site"
    site.mkdir()
    (site / "index.html").write_text(POLISH, encoding="utf-8")
    (site / "en.html").write_text(english(SENTENCE * 12), encoding="utf-8")
    lines = audit(site, "markdown").split("\nConfidence:\n")[1].splitlines()
    assert lines[0].startswith("- ") and "**low**" in lines[0]
    assert lines[1].startswith("- ") and lines[1].endswith("en.html: high")
