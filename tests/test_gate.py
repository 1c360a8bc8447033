"""The CI gate: `check_site` on the example site (passes) and tests/failing_site (fails)."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from sitekit.audit.report_data import to_dict
from sitekit.build.config import load_config
from sitekit.errors import ConfigError
from sitekit.gate import compare_to_baseline, judge, load_baseline, run_check
from sitekit.models import AuditReport

REPO = Path(__file__).resolve().parent.parent
FAILING = Path(__file__).resolve().parent / "failing_site"


def copy_site(src: Path, dest: Path) -> Path:
    shutil.copytree(src, dest, ignore=shutil.ignore_patterns("_site", ".sitekit-cache"))
    return dest


@pytest.fixture(scope="module")
def failing(tmp_path_factory):
    return copy_site(FAILING, tmp_path_factory.mktemp("f") / "site")


def test_the_example_site_passes(example):
    result = run_check(example)
    assert result.verdict.passed, result.verdict.failures
    assert result.report.score is not None and result.report.score >= 80
    assert result.build.pages >= 1
    assert "/404.html" not in {p.url for p in result.report.pages}


def test_the_failing_site_fails_with_reasons(failing):
    result = run_check(failing)
    assert not result.verdict.passed
    failures = " | ".join(result.verdict.failures)
    assert "below fail_under 80" in failures
    assert "next_step score" in failures and "threshold 60" in failures


def test_findings_point_to_markdown_lines(failing):
    report = run_check(failing).report
    home = report.pages[0]
    locations = {
        str(ev.location)
        for crit in home.criteria.values()
        for check in crit.checks
        if not check.passed
        for ev in check.evidence
        if ev.location is not None
    }
    assert any(loc.startswith("content/index.md:") for loc in locations), locations
    assert all(loc.startswith("content/") for loc in locations), locations  # never the temp dir
    assert home.source_path == "content/index.md"


def test_no_temporary_folder_is_left(failing, tmp_path, monkeypatch):
    monkeypatch.setenv("TMPDIR", str(tmp_path))
    import tempfile

    monkeypatch.setattr(tempfile, "tempdir", None)
    run_check(failing)
    assert list(tmp_path.iterdir()) == []


def test_ignores_with_a_reason_silence_a_check(failing, tmp_path):
    site = copy_site(failing, tmp_path / "site")
    before = run_check(site).report
    with (site / "sitekit.toml").open("a", encoding="utf-8") as toml:
        toml.write(
            '\n[[check.ignore]]\nurl = "/about/"\ncheck = "proof-no-placeholder"\n'
            'reason = "the about page is being rewritten"\n'
        )
    after = run_check(site).report
    about = next(p for p in after.pages if p.url == "/about/")
    check = next(c for c in about.criteria["proof"].checks if c.id == "proof-no-placeholder")
    assert check.ignored == "the about page is being rewritten"
    old = next(p for p in before.pages if p.url == "/about/")
    assert about.criteria["proof"].score >= old.criteria["proof"].score


def test_a_page_ignored_whole_has_no_score_and_no_findings(example, tmp_path):
    """A page ignored whole ("*"): every check there is marked ignored with the reason, so no
    format reports a finding on it (SARIF, JUnit and GitHub alike)."""
    from sitekit.audit.report_data import is_finding
    from sitekit.report import format_report

    example = copy_site(example, tmp_path / "site")
    with (example / "sitekit.toml").open("a", encoding="utf-8") as toml:
        toml.write(
            '\n[[check.ignore]]\nurl = "/privacy/"\ncheck = "*"\n'
            'reason = "legal page: no offer on purpose"\n'
        )
    report = run_check(example).report
    privacy = next(p for p in report.pages if p.url == "/privacy/")
    assert privacy.score is None and privacy.reason.startswith("ignored: legal page")
    checks = [c for crit in privacy.criteria.values() for c in crit.checks]
    assert checks and all(c.ignored == "legal page: no offer on purpose" for c in checks)
    assert not any(is_finding(c) for c in checks)
    assert all(not c.impact for c in checks)
    sarif = format_report(report, "sarif")
    assert "/privacy/" not in sarif and "privacy/index.html" not in sarif


def test_an_ignore_without_a_reason_is_an_error(failing, tmp_path):
    site = copy_site(failing, tmp_path / "site")
    with (site / "sitekit.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[[check.ignore]]\nurl = "/about/"\ncheck = "proof-no-placeholder"\n')
    with pytest.raises(ConfigError) as info:
        run_check(site)
    text = " ".join(str(d) for d in info.value.diagnostics) + info.value.message
    assert "reason" in text and "sitekit.toml" in text


def test_an_ignore_of_an_unknown_check_says_did_you_mean(failing, tmp_path):
    site = copy_site(failing, tmp_path / "site")
    with (site / "sitekit.toml").open("a", encoding="utf-8") as toml:
        toml.write('\n[[check.ignore]]\nurl = "/"\ncheck = "proof-no-placeholdr"\nreason = "x"\n')
    with pytest.raises(ConfigError) as info:
        run_check(site)
    assert "did you mean 'proof-no-placeholder'" in str(info.value.diagnostics[0])


def test_baseline_fails_only_on_what_got_worse(failing, tmp_path):
    site = copy_site(failing, tmp_path / "site")
    baseline = to_dict(run_check(site).report)
    # Same site against its own baseline: below the thresholds, but nothing got worse.
    same = run_check(site, baseline=baseline)
    assert same.verdict.passed and not same.verdict.failures
    # Make the home page worse: drop its only call to action.
    index = site / "content" / "index.md"
    index.write_text(index.read_text("utf-8").replace("[Learn more](/about/)", ""), "utf-8")
    worse = run_check(site, baseline=baseline)
    assert not worse.verdict.passed
    assert any("new failure on /" in f for f in worse.verdict.failures), worse.verdict.failures


def test_baseline_reports_improvements(failing, tmp_path):
    site = copy_site(failing, tmp_path / "site")
    baseline = to_dict(run_check(site).report)
    index = site / "content" / "index.md"
    index.write_text(
        index.read_text("utf-8").replace(
            "[Learn more](/about/)",
            "[Get a free estimate](/about/)\n\nCall us on [+1 503 555 0142](tel:+15035550142).",
        ),
        "utf-8",
    )
    better = run_check(site, baseline=baseline)
    assert better.verdict.passed
    assert any(line.startswith("fixed on /:") for line in better.verdict.improvements)


def _report(score: float, next_step: float) -> dict:
    return {
        "schema_version": "1.0",
        "score": score,
        "criteria": {"benefit": {"score": 50.0}, "next_step": {"score": next_step}},
        "pages": [],
    }


def test_compare_to_baseline_tolerance():
    regressions, improvements = compare_to_baseline(_report(50, 59), _report(50, 60), 2.0)
    assert regressions == [] and improvements == []
    regressions, _ = compare_to_baseline(_report(50, 50), _report(50, 60), 2.0)
    assert regressions == ["next_step dropped from 60.0 to 50.0"]
    _, improvements = compare_to_baseline(_report(60, 60), _report(50, 60), 2.0)
    assert improvements == ["site score rose from 50.0 to 60.0"]


def test_judge_thresholds():
    report = AuditReport(
        "x", 70.0, {"benefit": 90.0, "findability": 40.0, "next_step": 70.0, "proof": 80.0}, ()
    )
    assert judge(report, 60, {}).passed
    verdict = judge(report, 75, {"findability": 50})
    assert not verdict.passed and len(verdict.failures) == 2


def _first_contact_report(role: str, is_entry: bool, proof: float | None) -> AuditReport:
    from sitekit.errors import Location
    from sitekit.models import CheckResult, CriterionResult, Evidence, PageResult

    bad = CheckResult(
        "proof-testimonials",
        "proof",
        "Named testimonials",
        0.0,
        impact=6.0,
        evidence=(Evidence("body", location=Location("content/offer.md", 7)),),
    )
    criteria = {
        "benefit": CriterionResult("benefit", 90.0),
        "proof": CriterionResult("proof", proof, (bad,)),  # type: ignore[arg-type]
    }
    page = PageResult("/offer/", 200, 90.0, criteria, is_entry=is_entry, role=role)
    return AuditReport("x", 90.0, {"benefit": 90.0, "proof": 90.0}, (page,))


def test_first_contact_a_failing_criterion_of_an_entry_or_landing_page_fails():
    for role, is_entry in (("landing", False), ("", True)):
        verdict = judge(_first_contact_report(role, is_entry, 10.0), 80, {}, first_contact=True)
        assert not verdict.passed
        assert verdict.failures[0].startswith("content/offer.md:7: proof fails first contact")
    # a plain page, a criterion that is only weak, and one that does not apply (None) pass
    for role, proof in (("legal", 10.0), ("landing", 30.0), ("landing", None)):
        assert judge(_first_contact_report(role, False, proof), 80, {}, first_contact=True).passed
    assert judge(_first_contact_report("landing", False, 10.0), 80, {}).passed  # not asked


def test_load_baseline_rejects_other_json(tmp_path):
    path = tmp_path / "x.json"
    path.write_text('{"hello": 1}', "utf-8")
    with pytest.raises(ConfigError, match="not a sitekit JSON report"):
        load_baseline(path)
    path.write_text("{nope", "utf-8")
    with pytest.raises(ConfigError):
        load_baseline(path)


def test_config_thresholds_are_read_from_sitekit_toml():
    config = load_config(FAILING)
    assert config.check.fail_under == 80
    assert config.check.criteria_fail_under == {"next_step": 60}


def test_the_example_site_passes_with_no_ignore_and_judges_privacy_as_legal(example):
    """Roles, not ignores: the privacy page is a legal page, judged on findability only."""
    toml = (example / "sitekit.toml").read_text(encoding="utf-8")
    assert "\n[[check.ignore]]" not in toml
    result = run_check(example)
    assert result.verdict.passed, result.verdict.failures
    privacy = next(p for p in result.report.pages if p.url == "/privacy/")
    assert privacy.role == "legal" and privacy.score is not None
    applying = {cid for cid, crit in privacy.criteria.items() if crit.score is not None}
    assert applying == {"findability"}
