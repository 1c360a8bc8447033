"""Every report format rendered from hand-built reports and parsed back with a real parser."""

from __future__ import annotations

import json
import re
import xml.etree.ElementTree as ET
from dataclasses import replace
from pathlib import Path

import jsonschema
import pytest
from _report_samples import sample_report
from bs4 import BeautifulSoup
from junitparser import Error, Failure, JUnitXml, Skipped

from sitekit.audit.report_data import check_groups, from_dict, to_dict
from sitekit.models import CRITERIA
from sitekit.report import FORMATS
from sitekit.report import format_report as render
from sitekit.report.github import escape_data, escape_property

SARIF_SCHEMA = Path(__file__).parent / "data" / "sarif-2.1.0-rtm.5.json"


@pytest.fixture
def report():
    return sample_report(competitors=(sample_report("http://127.0.0.1:2/"),))


def test_json_has_the_documented_schema(report):
    data = json.loads(render(report, "json"))
    assert data["schema_version"] == "1.0"
    assert list(data["criteria"]) == list(CRITERIA)
    assert all(0 <= c["score"] <= 100 for c in data["criteria"].values())
    entry = data["pages"][0]
    assert entry["is_entry"] and entry["url"] == "http://127.0.0.1:1/"
    assert [p["url"] for p in data["pages"][1:]] == sorted(p["url"] for p in data["pages"][1:])
    check = entry["criteria"]["benefit"]["checks"][0]
    assert set(check) >= {"id", "score", "evidence", "fix"}
    assert check["evidence"][0]["location"] == {"path": "content/index.md", "line": 3, "col": None}
    assert data["errors"] == [{"url": "http://127.0.0.1:1/broken/", "reason": "HTTP 500"}]
    assert data["crawl"][0]["reason"] == "audited"
    assert data["competitors"][0]["target"] == "http://127.0.0.1:2/"


def test_json_round_trips_byte_for_byte(report):
    first = render(report, "json")
    again = render(from_dict(json.loads(first)), "json")
    assert first == again


def test_impact_is_serialised_as_scoring_recorded_it(report):
    entry = to_dict(report)["pages"][0]
    cta = entry["criteria"]["next_step"]["checks"][0]
    # next_step has one scored check (the other errored): (1 - 0.2) * 1/1 * 100 / 4 = 20 points
    assert cta["id"] == "next-step-cta" and cta["impact"] == 20.0
    # json_report only serialises: a check scoring gave no impact stays without one
    crit = report.pages[1].criteria["next_step"]
    bare = replace(crit, checks=(replace(crit.checks[0], impact=None),))
    page = replace(report.pages[1], criteria={"next_step": bare})
    data = to_dict(replace(report, pages=(page,)))
    assert data["pages"][0]["criteria"]["next_step"]["checks"][0]["impact"] is None
    errored = entry["criteria"]["next_step"]["checks"][1]
    assert errored["score"] is None and errored["impact"] == 0.0


def test_groups_count_failed_checks_across_audited_pages(report):
    groups = {g["check"]: g for g in check_groups(report.pages)}
    assert groups["benefit-headline"]["pages"] == 1
    assert groups["benefit-headline"]["of"] == 2  # the not-auditable page does not count
    assert "proof-testimonials" not in groups  # 0.5 passes


def test_terminal_has_bars_fixes_and_no_colour_off_a_tty(report):
    out = render(report, "terminal")
    assert "\x1b" not in out
    assert "Site score" in out and "next_step" in out and "█" in out
    # by impact; titles in the registry's failure words
    assert out.index("No call to action") < out.index("No main heading in the first screen")
    assert "content/index.md:9" in out
    assert "Side by side" in out and "http://127.0.0.1:2/" in out
    assert "JavaScript-only shell" in out
    coloured = render(report, "terminal", colour=True)
    assert "\x1b[" in coloured


def test_html_is_self_contained_with_a_strict_csp(report):
    out = render(report, "html")
    soup = BeautifulSoup(out, "lxml")
    csp = soup.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
    assert csp["content"] == "default-src 'none'; style-src 'unsafe-inline'; img-src data:"
    assert not soup.find_all("script")
    assert not soup.find_all("link")
    assert all(not img["src"].startswith("http") for img in soup.find_all("img"))
    text = soup.get_text(" ")
    assert "Welcome to Acme" in text and "Lead with what the visitor gets." in text
    assert "out of scope" in text and "robots.txt ignored" in text
    assert "Side by side" in text
    pages = soup.find("h2", string="Every page").find_next("table")
    assert len(pages.find_all("tr")) == 1 + 3
    works = soup.find("h2", string="What already works on the entry page").find_next("table")
    assert "Pricing · Contact" in works.get_text(" ")  # a passed check, quoted
    assert "Great! — J." not in works.get_text(" ")  # 0.5 passes, but is not all there yet
    assert "Learn more" not in works.get_text(" ")  # failed: it is a fix, not a strength


def test_html_embeds_screenshots_as_data_uris_only():
    from dataclasses import replace

    report = sample_report()
    entry = replace(
        report.pages[1],
        screenshots={
            "1366x768": "data:image/jpeg;base64,AAAA",
            "390x844": "https://evil.example/x.png",
        },
    )
    report = replace(report, pages=(report.pages[0], entry, report.pages[2]))
    soup = BeautifulSoup(render(report, "html"), "lxml")
    assert [img["src"] for img in soup.find_all("img")] == ["data:image/jpeg;base64,AAAA"]


def test_junit_parses_with_one_suite_per_page(tmp_path, report):
    path = tmp_path / "report.xml"
    path.write_text(render(report, "junit"), encoding="utf-8")
    xml = JUnitXml.fromfile(str(path))
    suites = {suite.name: suite for suite in xml}
    assert set(suites) == {
        "http://127.0.0.1:1/",
        "http://127.0.0.1:1/pricing/",
        "http://127.0.0.1:1/app/",
        "http://127.0.0.1:1/broken/",
    }
    entry = suites["http://127.0.0.1:1/"]
    cases = {case.name.split(":")[0]: case for case in entry}
    assert len(cases) == 6  # one testcase per check
    failure = cases["benefit-headline"].result[0]
    assert isinstance(failure, Failure)
    assert "Welcome to Acme" in failure.text and "Lead with what the visitor gets." in failure.text
    assert isinstance(cases["next-step-form"].result[0], Error)
    assert cases["benefit-title"].is_passed
    assert isinstance(next(iter(suites["http://127.0.0.1:1/app/"])).result[0], Skipped)
    assert entry.failures == 2 and entry.errors == 1 and entry.tests == 6


def test_sarif_validates_against_the_2_1_0_schema(report):
    log = json.loads(render(report, "sarif"))
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    jsonschema.Draft4Validator(schema).validate(log)
    run = log["runs"][0]
    rules = run["tool"]["driver"]["rules"]
    assert [r["id"] for r in rules] == sorted({r["id"] for r in rules})
    headline = next(r for r in rules if r["id"] == "benefit-headline")
    assert headline["help"]["text"] == "Lead with what the visitor gets."
    located = [r for r in run["results"] if r["ruleId"] == "benefit-headline"]
    physical = located[0]["locations"][0]["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == "content/index.md"
    assert physical["region"]["startLine"] == 3
    assert all(rules[r["ruleIndex"]]["id"] == r["ruleId"] for r in run["results"])


def test_sarif_schema_rejects_a_broken_log():
    schema = json.loads(SARIF_SCHEMA.read_text(encoding="utf-8"))
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.Draft4Validator(schema).validate({"version": "2.1.0", "runs": [{"x": 1}]})


def test_sarif_falls_back_to_the_url_without_a_file():
    from dataclasses import replace

    from _report_samples import sample_page

    report = sample_report()
    page = sample_page("http://127.0.0.1:1/", entry=True, md_source=False)
    log = json.loads(render(replace(report, pages=(page,)), "sarif"))
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in log["runs"][0]["results"]
    }
    assert uris == {"http://127.0.0.1:1/"}


def test_github_annotations_point_to_the_markdown_line(report):
    lines = render(report, "github").splitlines()
    errors = [line for line in lines if line.startswith("::error ")]
    assert any(
        e.startswith("::error file=content/index.md,line=3,title=benefit%3A ") for e in errors
    )
    assert all("\n" not in line for line in lines)
    assert lines[-1].startswith("::notice title=sitekit score::")


def test_github_escaping_rules():
    assert escape_data("100% a\r\nb") == "100%25 a%0D%0Ab"
    assert escape_property("a:b,c%") == "a%3Ab%2Cc%25"


def test_markdown_is_a_comment_table(report):
    out = render(report, "markdown")
    lines = out.splitlines()
    assert lines[0].startswith("### sitekit:")
    assert "| benefit |" in out and "| impact | check | where | fix |" in out
    assert "content/index.md:3" in out


@pytest.mark.parametrize("fmt", sorted(FORMATS))
def test_every_format_is_deterministic(fmt, report):
    assert render(report, fmt) == render(report, fmt)


def test_junit_output_is_well_formed_xml(report):
    ET.fromstring(render(report, "junit").split("\n", 1)[1])


def test_streamed_json_is_byte_identical(report):
    import io

    from sitekit.report.json_report import dumps, write_json

    stream = io.StringIO()
    write_json(report, stream)
    assert stream.getvalue() == dumps(to_dict(report))
    empty = io.StringIO()
    from dataclasses import replace

    write_json(replace(report, pages=()), empty)
    assert json.loads(empty.getvalue())["pages"] == []
    assert empty.getvalue() == dumps(to_dict(replace(report, pages=())))


def test_compact_pages_round_trip(report):
    from sitekit.audit.pipeline import CompactPages

    pages = CompactPages(report.pages)
    assert len(pages) == 3 and list(pages) == list(report.pages)
    assert pages[1] == report.pages[1] and pages[-1:] == [report.pages[-1]]
    assert render(report, "json") == render(
        __import__("dataclasses").replace(report, pages=pages), "json"
    )


def test_a_check_covered_by_its_group_is_no_finding_in_any_format():
    """Ratings fail, but named testimonials already carry the 'specific proof' group."""
    from dataclasses import replace

    from sitekit.audit.report_data import is_finding
    from sitekit.models import CheckResult, CriterionResult

    report = sample_report()
    entry = report.pages[1]
    covered = CheckResult(
        "proof-ratings", "proof", "No ratings or reviews", 0.0, 0.0, fix="Show ratings."
    )
    covered = replace(covered, impact=0.0)
    named = CheckResult("proof-testimonials", "proof", "Named testimonials", 1.0, 3.0)
    proof = CriterionResult("proof", 100.0, (named, covered))
    entry = replace(entry, criteria={**entry.criteria, "proof": proof})
    report = replace(report, pages=(report.pages[0], entry, report.pages[2]))
    data = to_dict(report)
    checks = [c for p in data["pages"] for cr in p["criteria"].values() for c in cr["checks"]]
    assert not is_finding(next(c for c in checks if c["id"] == "proof-ratings"))
    for fmt in ("terminal", "github", "markdown"):
        assert "No ratings or reviews" not in render(report, fmt), fmt
    junit = BeautifulSoup(render(report, "junit"), "xml")
    case = junit.find("testcase", attrs={"name": "proof-ratings: No ratings or reviews"})
    assert case is not None and case.find("failure") is None  # a passing testcase
    sarif = json.loads(render(report, "sarif"))
    assert all(r["ruleId"] != "proof-ratings" for r in sarif["runs"][0]["results"])


def test_alternatives_of_one_group_are_one_fix_with_or_instead():
    """Ratings, testimonials and figures are alternatives: any one gives 'specific proof'."""
    from dataclasses import replace

    from sitekit.models import CheckResult, CriterionResult

    report = sample_report()
    entry = report.pages[1]
    members = tuple(
        CheckResult(cid, "proof", title, 0.0, 3.0 if n == 0 else 0.0, fix=fix, group="specific")
        for n, (cid, title, fix) in enumerate(
            [
                ("proof-ratings", "No ratings", "Show your rating."),
                ("proof-testimonials", "No testimonials", "Quote named customers."),
                ("proof-figures", "No figures", "Give figures."),
            ]
        )
    )
    members = tuple(replace(m, impact=15.0) for m in members)
    proof = CriterionResult("proof", 0.0, members)
    entry = replace(entry, criteria={**entry.criteria, "proof": proof})
    report = replace(report, pages=(report.pages[0], entry, report.pages[2]))
    text = render(report, "terminal")
    assert text.count("[proof: proof-") == 1  # one numbered fix for the group
    assert text.count("or instead:") == 2
    soup = BeautifulSoup(render(report, "html"), "lxml")
    assert "Or instead (any one is enough)" in soup.get_text(" ")
    data = to_dict(report)
    page = next(p for p in data["pages"] if p["is_entry"])
    assert {c["group"] for c in page["criteria"]["proof"]["checks"]} == {"specific"}


def _client_report(**entry_changes):
    """The sample report with its entry page changed (criteria, role, confidence, ...)."""
    report = sample_report()
    entry = replace(report.pages[1], **entry_changes)
    return replace(report, pages=(report.pages[0], entry, report.pages[2]))


def _outside_appendix(html_text: str) -> str:
    soup = BeautifulSoup(html_text, "lxml")
    for details in soup.find_all("details"):
        details.decompose()
    for tag in soup.find_all(["style", "title"]):
        tag.decompose()
    return soup.get_text(" ")


def test_html_first_screen_speaks_to_the_business_owner(report, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")  # 5 December 2025, 00:00 UTC
    out = render(report, "html")
    soup = BeautifulSoup(out, "lxml")
    summary = soup.find("section", class_="summary")
    words = summary.get_text(" ")
    for name in ("Benefit first", "Easy to find", "Easy next step", "Proof of performance"):
        assert name in words
    assert "Site score" in words and "partly" in words  # 68: partly, in words
    top = soup.find(id="top-fixes").find_all("li")
    assert [li.strong.get_text() for li in top][:2] == [
        "No call to action in the first screen",  # 20 points on the entry page
        "No main heading in the first screen",
    ]
    assert "up to 20.0 points" in top[0].get_text(" ")
    text = _outside_appendix(out)
    assert "5 December 2025" in text
    assert "0 to 100" in text and "75-100" in text and "25-74" in text and "0-24" in text
    for jargon in ("next_step", "findability", "schema", "Profile", "content/index.md"):
        assert jargon not in text, jargon
    appendix = soup.find("details")
    assert appendix.summary.get_text() == "Technical details"
    assert "content/index.md:9" in appendix.get_text(" ") and "default" in appendix.get_text()


@pytest.mark.parametrize(
    ("score", "band"),
    [(75.0, "meets"), (74.9, "partly"), (25.0, "partly"), (24.9, "fails"), (0.0, "fails")],
)
def test_band_colours_follow_the_readme_bands(score, band):
    report = replace(sample_report(), score=score)
    soup = BeautifulSoup(render(report, "html"), "lxml")
    site = soup.find(class_="site").find_parent(class_="card")
    assert site.find(class_="meter").span["class"] == [band]
    assert site.find(class_=f"w-{band}") is not None


def test_fixes_worth_no_points_are_only_also_noticed():
    from sitekit.models import CheckResult, CriterionResult

    report = sample_report()
    zero = replace(
        CheckResult("proof-faq", "proof", "FAQ", 0.0, 1.0, fix="Add an FAQ."), impact=0.0
    )
    proof = CriterionResult("proof", 100.0, (zero,))
    report = _client_report(criteria={**report.pages[1].criteria, "proof": proof})
    term = render(report, "terminal")
    assert "-0.0" not in term
    assert "Also noticed" in term and term.index("Also noticed") < term.index("proof-faq")
    soup = BeautifulSoup(render(report, "html"), "lxml")
    assert not re.search(r"\b0\.0 points", soup.get_text(" "))
    fixes = soup.find("ol", class_="fixes").get_text(" ")
    assert "FAQ" not in fixes
    also = soup.find("h3", string="Also noticed").find_next("ul").get_text(" ")
    assert "Add an FAQ." in also


def test_what_already_works_lists_only_checks_passed_in_full():
    from sitekit.models import CheckResult, CriterionResult, Evidence

    report = sample_report()
    half = CheckResult(
        "links-work",
        "findability",
        "Links work",
        0.9,
        2.0,
        (Evidence("a", "Careers -> # (1 of 9 links go nowhere)", 3),),
    )
    full = CheckResult(
        "findability-nav", "findability", "Nav", 1.0, 3.0, (Evidence("nav", "Pricing", 1),)
    )
    crit = CriterionResult("findability", 95.0, (half, full))
    report = _client_report(criteria={**report.pages[1].criteria, "findability": crit})
    soup = BeautifulSoup(render(report, "html"), "lxml")
    works = soup.find("h2", string="What already works on the entry page").find_next("table")
    assert "Pricing" in works.get_text(" ")
    assert "Careers" not in works.get_text(" ")
    assert "Learn more" not in works.get_text(" ")


def test_crawl_table_lists_each_url_once_with_one_result():
    from sitekit.models import CrawlDecision

    report = sample_report()
    target = report.target
    report = replace(
        report,
        crawl=(
            CrawlDecision(target, True, "audited"),
            CrawlDecision(target + "broken/", False, "over --max-pages", target),
            CrawlDecision(target + "broken/", True, "audited", target),
            CrawlDecision(target + "app/", True, "audited", target),
        ),
    )
    soup = BeautifulSoup(render(report, "html"), "lxml")
    table = soup.find("h2", string="What was crawled").find_next("table")
    rows = [[td.get_text(" ") for td in tr.find_all("td")] for tr in table.find_all("tr")[1:]]
    urls = [row[0] for row in rows]
    assert len(urls) == len(set(urls)) == 3
    by_url = {row[0]: row[1:] for row in rows}
    assert by_url[target + "broken/"] == ["failed", "HTTP 500"]
    assert by_url[target][0] == "audited" and by_url[target][1].startswith("scored ")
    assert by_url[target + "app/"][0] == "not scored"
    assert "JavaScript-only" in by_url[target + "app/"][1]
    assert not any(row[1] == row[2] for row in rows)  # never "audited | audited"


def test_a_criterion_without_a_score_is_not_applicable_never_zero():
    from sitekit.models import CriterionResult

    report = sample_report()
    criteria = {**report.pages[1].criteria}
    criteria["proof"] = CriterionResult("proof", None, ())  # type: ignore[arg-type]
    report = _client_report(criteria=criteria)
    report = replace(report, criteria={**report.criteria, "proof": None})
    soup = BeautifulSoup(render(report, "html"), "lxml")
    card = soup.find("ul", class_="crit").find_all("li")[3].get_text(" ")
    assert "Proof of performance" in card and "not applicable" in card and " 0" not in card
    entry_row = soup.find("h2", string="Every page").find_next("table").find_all("tr")[1]
    assert entry_row.find_all("td")[-1].get_text() == "not applicable"
    term = render(report, "terminal")
    assert "proof        not applicable" in term


def test_role_and_a_low_confidence_are_said_plainly():
    report = _client_report(
        role="offer",
        role_reason="path /pricing/",
        confidence="low",
        confidence_reasons=("the page is in Polish, which has no word list",),
    )
    text = BeautifulSoup(render(report, "html"), "lxml").get_text(" ")
    assert "offer page (path /pricing/)" in text
    assert "Low confidence: the page is in Polish, which has no word list" in text
    high = _client_report(confidence="high", role="entry")
    assert "confidence" not in _outside_appendix(render(high, "html")).lower()


def test_an_unreachable_competitor_says_why_in_every_format():
    from sitekit.models import AuditReport

    down = AuditReport(
        target="http://127.0.0.1:2/",
        score=None,
        criteria={},
        pages=(),
        errors=({"url": "http://127.0.0.1:2/", "reason": "cannot reach it: connection refused"},),
    )
    report = replace(sample_report(), competitors=(down,))
    for fmt in ("terminal", "markdown", "html"):
        out = render(report, fmt)
        assert "connection refused" in out, fmt
    data = json.loads(render(report, "json"))
    assert "connection refused" in data["competitors"][0]["errors"][0]["reason"]
    soup = BeautifulSoup(render(report, "html"), "lxml")
    side = soup.find("h2", string="Side by side").find_next("table")
    assert "not applicable" not in side.get_text()  # no score, not "not applicable"


def test_html_names_elements_in_words_and_a_folder_by_its_name():
    rival = sample_report("http://127.0.0.1:2/")
    report = replace(sample_report(), target="/home/ann/sites/mysite/_site", competitors=(rival,))
    soup = BeautifulSoup(render(report, "html"), "lxml")
    assert soup.h1.get_text() == "Website check: mysite/_site"
    assert "/home/ann" not in _outside_appendix(str(soup))
    assert "/home/ann/sites/mysite/_site" in soup.find("details").get_text()
    fixes = soup.find("ol", class_="fixes")
    shown = [strong.get_text() for strong in fixes.find_all("strong")]
    assert "Link or button" in shown and "Main heading" in shown  # the a and h1 evidence
    works = soup.find("h2", string="What already works on the entry page").find_next("table")
    assert "Menu" in works.get_text(" ")  # nav
