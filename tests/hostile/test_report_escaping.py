"""Issue 6: text from a hostile page comes out inert in every report format."""

from __future__ import annotations

import json
import re
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from junitparser import JUnitXml

from sitekit.errors import Location
from sitekit.models import (
    AuditReport,
    CheckResult,
    CrawlDecision,
    CriterionResult,
    Evidence,
    PageResult,
)
from sitekit.report import format_report as render

HOSTILE = (
    '<script>alert(1)</script>"><img src=x onerror=alert(2)> ]]> '
    "\x1b[31mRED\x1b[0m \x1b]0;pwned\x07 \x1b]8;;http://evil.example\x1b\\link\x1b]8;;\x1b\\ "
    "\x00\x07\x08\x9b2J\u202e "
    "%0A::error::fake\r\n::error file=x::injected\n| a | b | @everyone [x](javascript:alert(3))"
)
URL = "http://127.0.0.1:1/?q=<script>alert(1)</script>&x=\"'\x1b[2J"
SARIF_SCHEMA = Path(__file__).parent.parent / "data" / "sarif-2.1.0-rtm.5.json"
RAW_CONTROL = re.compile("[\x00-\x08\x0b-\x1f\x7f-\x9f]")


def hostile_report() -> AuditReport:
    where = Location(f"content/{HOSTILE}.md", 3)
    failing = CheckResult(
        "benefit-headline",
        "benefit",
        HOSTILE,
        0.0,
        1.0,
        (Evidence(HOSTILE, HOSTILE, 0, where, HOSTILE),),
        HOSTILE,
        impact=12.5,  # scoring records every check's impact; the renderers only show it
    )
    passing = CheckResult(
        "proof-numbers", "proof", HOSTILE, 1.0, 1.0, (Evidence("p", HOSTILE),), impact=0.0
    )
    criteria = {
        "benefit": CriterionResult("benefit", 0.0, (failing,)),
        "findability": CriterionResult("findability", 50.0, ()),
        "next_step": CriterionResult("next_step", 50.0, ()),
        "proof": CriterionResult("proof", 100.0, (passing,)),
    }
    pages = (
        PageResult(URL, 200, 50.0, criteria, is_entry=True, source_path=f"{HOSTILE}.html"),
        PageResult(URL + "2", 200, None, auditable=False, reason=HOSTILE),
    )
    return AuditReport(
        target=URL,
        score=50.0,
        criteria={"benefit": 0.0, "findability": 50.0, "next_step": 50.0, "proof": 100.0},
        pages=pages,
        errors=({"url": URL + "3", "reason": HOSTILE},),
        crawl=(CrawlDecision(URL + "4", False, HOSTILE, URL),),
        notes=(HOSTILE,),
        competitors=(
            AuditReport(
                target=URL + "5",
                score=None,
                criteria={},
                pages=(),
                errors=({"url": URL, "reason": HOSTILE},),
            ),
        ),
    )


@pytest.fixture(scope="module")
def report() -> AuditReport:
    return hostile_report()


def no_raw_controls(text: str) -> None:
    assert "\x1b" not in text
    assert not RAW_CONTROL.search(text), repr(RAW_CONTROL.search(text))


def test_terminal_never_receives_an_escape_sequence(report):
    for colour in (False, True):
        out = render(report, "terminal", colour=colour)
        page_text = out if not colour else re.sub(r"\x1b\[[0-9;]*m", "", out)
        no_raw_controls(page_text)
        assert "RED" in page_text  # the text is shown, only the controls are gone
        assert "pwned" not in page_text  # an OSC title sequence is dropped whole
        assert "\u202e" not in page_text


def test_html_escapes_everything_and_forbids_scripts(report):
    out = render(report, "html")
    no_raw_controls(out)
    soup = BeautifulSoup(out, "lxml")
    assert soup.find_all("script") == []
    assert [img for img in soup.find_all("img")] == []  # the page's <img onerror> is text
    for tag in soup.find_all(True):
        assert not any(name.lower().startswith("on") for name in tag.attrs), tag
    for link in soup.find_all("a"):
        assert link["href"].startswith("http://127.0.0.1:1/")
    assert "<script>alert(1)</script>" in soup.get_text()  # shown as text
    assert "default-src 'none'" in soup.find("meta", attrs={"http-equiv": True})["content"]


def test_json_is_inert_and_round_trips_the_text(report):
    out = render(report, "json")
    no_raw_controls(out)
    assert "<" not in out and ">" not in out and "&" not in out
    data = json.loads(out)
    assert data["target"] == URL
    assert data["pages"][0]["criteria"]["benefit"]["checks"][0]["evidence"][0]["text"] == HOSTILE


def test_junit_is_well_formed_and_inert(tmp_path, report):
    out = render(report, "junit")
    no_raw_controls(out.replace("\n", " ").replace("\r", " "))
    assert "<script" not in out and "]]>" not in out
    path = tmp_path / "junit.xml"
    path.write_text(out, encoding="utf-8")
    suites = list(JUnitXml.fromfile(str(path)))
    assert len(suites) == 3
    failure = next(iter(suites[0])).result[0]
    assert "<script>alert(1)</script>" in failure.text  # escaped in the file, text when parsed
    assert "\x1b" not in failure.text


def test_sarif_is_valid_and_inert(report):
    out = render(report, "sarif")
    no_raw_controls(out)
    assert "<" not in out
    log = json.loads(out)
    jsonschema.Draft4Validator(json.loads(SARIF_SCHEMA.read_text("utf-8"))).validate(log)
    assert "\x1b" not in json.dumps(log, ensure_ascii=False)


def test_github_annotations_cannot_inject_commands(report):
    out = render(report, "github")
    no_raw_controls(out.replace("\n", " "))
    lines = out.splitlines()
    # failed check + not-auditable page + fetch error + score notice: nothing else
    assert len(lines) == 4
    assert all(line.startswith(("::error ", "::warning ", "::notice ")) for line in lines)
    command = re.compile(r"^(error|warning|notice)( [a-z]+=[^,:\r\n]*(,[a-z]+=[^,:\r\n]*)*)?$")
    for line in lines:
        # GitHub reads `::command props::message`: the props end at the first `::`, so `:`
        # and `,` in page text must be escaped there; the message may hold anything inert.
        props = line.split("::")[1]
        assert command.match(props), props
    first = lines[0].split("::")[1]
    assert first.startswith("error file=") and ",title=" in first


def test_markdown_is_inert(report):
    out = render(report, "markdown")
    no_raw_controls(out.replace("\n", " "))
    assert "<script" not in out and "<img" not in out
    assert "@everyone" not in out
    assert "](javascript" not in out
    fix_rows = [line for line in out.splitlines() if line.startswith("| −")]
    assert all(len(re.split(r"(?<!\\)\|", row)) == 6 for row in fix_rows)
