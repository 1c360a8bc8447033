"""A new check is one decorated function: registered, configured by a profile, run by the
pipeline and shown in every report, without editing any other module (ARCHITECTURE.md)."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from sitekit.audit.checks import REGISTRY, Options, Outcome, check
from sitekit.audit.checks.text import evidence
from sitekit.audit.pipeline import run_audit
from sitekit.audit.profile import load_profile
from sitekit.crawl.settings import CrawlSettings
from sitekit.models import PageSnapshot
from sitekit.report import format_report

CHECK_ID = "proof-made-up-phone-in-title"


@pytest.fixture
def made_up_check() -> Iterator[str]:
    """Register a check here, in the test, exactly as a check module would."""

    @check(
        id=CHECK_ID,
        criterion="proof",
        title="The title names a way to reach a person",
        failure_title="The title gives no way to reach a person",
        fix="Put the phone number in the page title.",
        params={"min_digits": 7},
    )
    def title_has_phone(page: PageSnapshot, opts: Options) -> Outcome:
        digits = sum(ch.isdigit() for ch in page.title)
        return Outcome(
            1.0 if digits >= opts.params["min_digits"] else 0.0,
            (evidence(page, None, f"{digits} digits in the title", page.title),),
        )

    yield CHECK_ID
    del REGISTRY[CHECK_ID]


def _page(tmp_path: Path, title: str) -> Path:
    page = tmp_path / "page.html"
    page.write_text(
        f"<!doctype html><html lang='en'><head><title>{title}</title></head><body>"
        "<h1>Your leak fixed today</h1><p>Call us for a free estimate.</p></body></html>",
        encoding="utf-8",
    )
    return page


def _result(report_page: object) -> dict[str, object]:
    checks = report_page.criteria["proof"].checks  # type: ignore[attr-defined]
    return {c.id: c for c in checks}[CHECK_ID]


def test_a_made_up_check_runs_through_the_registry(made_up_check: str, tmp_path: Path) -> None:
    page = _page(tmp_path, "Plumber 503 555 0142")
    report = run_audit(str(page), profile=load_profile(), settings=CrawlSettings())
    result = _result(report.pages[0])
    assert result.score == 1.0 and result.weight == 1.0
    assert "10 digits in the title" in result.evidence[0].note
    assert CHECK_ID in format_report(report, "json")


def test_a_profile_sets_the_made_up_checks_parameter(made_up_check: str, tmp_path: Path) -> None:
    profile = tmp_path / "mine.toml"
    profile.write_text(
        f'extends = "default"\n[checks.{CHECK_ID}]\nmin_digits = 11\nweight = 2.0\n',
        encoding="utf-8",
    )
    page = _page(tmp_path, "Plumber 503 555 0142")
    report = run_audit(str(page), profile=load_profile(profile), settings=CrawlSettings())
    result = _result(report.pages[0])
    assert result.score == 0.0 and result.weight == 2.0
    assert result.fix == "Put the phone number in the page title."
