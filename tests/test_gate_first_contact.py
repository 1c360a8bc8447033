"""The gate and first contact (issue 11): a good small site passes `sitekit check` as it is;
the same site with a seller-talk benefit or a 'Click here' primary CTA fails, each with SARIF
and GitHub findings at the Markdown line."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest
from click.testing import CliRunner

from sitekit.cli import main

SITE = Path(__file__).resolve().parent / "data" / "first_contact"
WELCOME = "Welcome to Acme, the leading provider of residential cleaning solutions"
BENEFIT = "A spotless home every week, without lifting a finger"


@pytest.fixture
def site(tmp_path, monkeypatch):
    """A copy of the good site, the working directory (CI paths are relative to it)."""
    dest = tmp_path / "site"
    shutil.copytree(SITE, dest)
    monkeypatch.chdir(dest)
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return dest


def edit(site: Path, old: str, new: str) -> None:
    index = site / "content" / "index.md"
    text = index.read_text("utf-8")
    assert old in text
    index.write_text(text.replace(old, new, 1), "utf-8")


def line_of(site: Path, needle: str) -> int:
    lines = (site / "content" / "index.md").read_text("utf-8").splitlines()
    return next(n for n, line in enumerate(lines, 1) if needle in line)


def check(site: Path, fmt: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(main, ["check", str(site), "--format", fmt, "-q"])
    assert result.exit_code in (0, 1), result.output
    return result.exit_code, result.stdout, result.stderr


def sarif_at(stdout: str, rule: str) -> list[tuple[str, int | None]]:
    run = json.loads(stdout)["runs"][0]
    out = []
    for res in run["results"]:
        if res["ruleId"] == rule:
            phys = res["locations"][0]["physicalLocation"]
            out.append((phys["artifactLocation"]["uri"], phys.get("region", {}).get("startLine")))
    return out


def test_a_good_site_with_plain_pages_passes_without_ignores(site):
    assert "[[check.ignore]]" not in (site / "sitekit.toml").read_text("utf-8")
    code, _, err = check(site, "json")
    assert code == 0, err


def test_a_welcome_benefit_fails_first_contact_at_its_line(site):
    edit(site, BENEFIT, WELCOME)
    line = line_of(site, "benefit:")
    code, out, err = check(site, "sarif")
    assert code == 1
    assert f"content/index.md:{line}: benefit talks about the seller" in err
    assert ("content/index.md", line) in sarif_at(out, "benefit-seller-talk")
    code, out, _ = check(site, "github")
    assert code == 1
    assert any(
        a.startswith(("::error ", "::warning "))
        and f"file=content/index.md,line={line}," in a
        and "benefit" in a
        for a in out.splitlines()
    ), out


def test_a_click_here_primary_cta_fails_first_contact_at_its_line(site):
    edit(site, "label: Get a free quote", "label: Click here")
    line = line_of(site, "cta:")
    code, out, err = check(site, "sarif")
    assert code == 1
    assert f"content/index.md:{line}: vague call to action 'Click here'" in err
    # the primary CTA is the one the theme marks, not the signup form's specific button
    assert ("content/index.md", line) in sarif_at(out, "next-step-specific-cta")
    code, out, _ = check(site, "github")
    assert any(
        f"file=content/index.md,line={line}," in a and "next_step" in a for a in out.splitlines()
    ), out


def test_a_failing_criterion_on_the_entry_page_fails_the_gate_with_a_location(site):
    from sitekit.gate import FIRST_CONTACT_FAILS, run_check

    edit(site, BENEFIT, "Lorem ipsum dolor sit amet")
    result = run_check(site)
    home = next(p for p in result.report.pages if p.is_entry)
    assert home.criteria["benefit"].score < FIRST_CONTACT_FAILS
    failures = [f for f in result.verdict.failures if "fails first contact" in f]
    assert failures and failures[0].startswith("content/index.md:"), result.verdict.failures
    assert "benefit fails first contact on the entry page /" in failures[0]
