"""`sitekit audit`, `sitekit check` and `build --check`: exit codes and every format parsed."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import jsonschema
import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from junitparser import JUnitXml
from test_audit import write_site

from sitekit.cli import main

TESTS = Path(__file__).resolve().parent
FAILING = TESTS / "failing_site"
REPO = TESTS.parent
SARIF_SCHEMA = json.loads((TESTS / "data" / "sarif-2.1.0-rtm.5.json").read_text("utf-8"))


@pytest.fixture
def runner(monkeypatch):
    monkeypatch.delenv("GITHUB_ACTIONS", raising=False)
    monkeypatch.delenv("GITHUB_STEP_SUMMARY", raising=False)
    return CliRunner()


@pytest.fixture(scope="module")
def failing(tmp_path_factory):
    dest = tmp_path_factory.mktemp("f") / "site"
    shutil.copytree(FAILING, dest, ignore=shutil.ignore_patterns("_site", ".sitekit-cache"))
    return dest


def test_audit_folder_json(runner, tmp_path):
    site = write_site(tmp_path / "site")
    result = runner.invoke(main, ["audit", str(site), "--format", "json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["schema_version"] == "1.0" and data["pages"][0]["url"] == "/"


def test_audit_terminal_by_default_and_output_file(runner, tmp_path):
    site = write_site(tmp_path / "site")
    result = runner.invoke(main, ["audit", str(site)])
    assert result.exit_code == 0
    assert "Site score" in result.stdout and "\x1b" not in result.stdout
    out = tmp_path / "r.html"
    result = runner.invoke(main, ["audit", str(site), "--format", "html", "-o", str(out)])
    assert result.exit_code == 0 and result.stdout == ""
    assert "Content-Security-Policy" in out.read_text("utf-8")


def test_fail_under_sets_exit_code_1(runner, tmp_path):
    site = write_site(tmp_path / "site")
    assert runner.invoke(main, ["audit", str(site), "--fail-under", "1"]).exit_code == 0
    low = runner.invoke(main, ["audit", str(site), "-q", "--fail-under", "100"])
    assert low.exit_code == 1 and "below fail_under 100" in low.stderr
    per = runner.invoke(main, ["audit", str(site), "-q", "--fail-under", "proof=100"])
    assert per.exit_code == 1 and "proof score" in per.stderr


def test_usage_errors_exit_2(runner, tmp_path):
    site = write_site(tmp_path / "site")
    bad = runner.invoke(main, ["audit", str(site), "--fail-under", "speed=3"])
    assert bad.exit_code == 2 and "unknown criterion 'speed'" in bad.stderr
    header = runner.invoke(main, ["audit", str(site), "--header", "novalue"])
    assert header.exit_code == 2


def test_unreachable_target_is_one_line_exit_2():
    proc = subprocess.run(
        [sys.executable, "-m", "sitekit", "audit", "http://127.0.0.1:9/", "--timeout", "2"],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert proc.returncode == 2
    assert "Traceback" not in proc.stderr
    assert proc.stderr.strip().count("\n") == 0 and "127.0.0.1:9" in proc.stderr


def test_nothing_audited_exits_3(runner, tmp_path):
    shell = tmp_path / "shell"
    shell.mkdir()
    (shell / "index.html").write_text(
        '<html><head><title>App</title></head><body><div id="root"></div>'
        '<script src="/app.js"></script></body></html>',
        "utf-8",
    )
    result = runner.invoke(main, ["audit", str(shell), "--format", "json"])
    assert result.exit_code == 3 and "nothing audited" in result.stderr
    assert result.stdout == ""


def test_github_format_is_automatic_in_actions(runner, tmp_path, monkeypatch):
    site = write_site(tmp_path / "site")
    summary = tmp_path / "summary.md"
    monkeypatch.setenv("GITHUB_ACTIONS", "true")
    monkeypatch.setenv("GITHUB_STEP_SUMMARY", str(summary))
    result = runner.invoke(main, ["audit", str(site)])
    assert result.exit_code == 0
    assert all(line.startswith("::") for line in result.stdout.splitlines())
    assert summary.read_text("utf-8").startswith("### sitekit:")


def test_baseline_on_audit(runner, tmp_path):
    site = write_site(tmp_path / "site")
    saved = tmp_path / "base.json"
    assert (
        runner.invoke(main, ["audit", str(site), "--format", "json", "-o", str(saved)]).exit_code
        == 0
    )
    same = runner.invoke(main, ["audit", str(site), "--baseline", str(saved)])
    assert same.exit_code == 0 and "audit: passed" in same.stderr
    (site / "index.html").write_text("<html><body><h1>Welcome</h1></body></html>", "utf-8")
    worse = runner.invoke(main, ["audit", str(site), "--baseline", str(saved)])
    assert worse.exit_code == 1 and "dropped from" in worse.stderr


def test_vs_compares_side_by_side(runner, tmp_path, serve):
    mine = serve(write_site(tmp_path / "mine"))
    theirs_dir = tmp_path / "theirs"
    theirs_dir.mkdir()
    (theirs_dir / "index.html").write_text(
        "<html><head><title>Welcome</title></head><body><h1>Welcome to Acme</h1>"
        "<p>We are a leading provider of solutions.</p></body></html>",
        "utf-8",
    )
    theirs = serve(theirs_dir)
    result = runner.invoke(main, ["audit", mine, "--vs", theirs, "--format", "json"])
    data = json.loads(result.stdout)
    assert data["competitors"][0]["target"] == theirs
    terminal = runner.invoke(main, ["audit", mine, "--vs", theirs])
    assert "Side by side" in terminal.stdout and theirs in terminal.stdout


def test_header_values_are_redacted(runner, tmp_path, serve):
    base = serve(write_site(tmp_path / "site"))
    result = runner.invoke(
        main,
        [
            "audit",
            base,
            "--header",
            "X-Token: tok-9f8e7d6c",
            "--auth",
            "ann:pw-5551234",
            "--cookie",
            "sid=cookie-abcdef",
            "--format",
            "json",
            "-v",
        ],
    )
    assert result.exit_code == 0
    assert "tok-9f8e7d6c" not in result.output and "pw-5551234" not in result.output


def test_check_example_site_passes(runner, example):
    result = runner.invoke(main, ["check", str(example), "--format", "json"])
    assert result.exit_code == 0, result.stderr
    assert "check: passed" in result.stderr
    assert json.loads(result.stdout)["score"] >= 80


def test_check_failing_site_every_format(runner, failing, tmp_path):
    outputs = {}
    for fmt in ("terminal", "json", "html", "junit", "sarif", "github", "markdown"):
        result = runner.invoke(main, ["check", str(failing), "--format", fmt])
        assert result.exit_code == 1, (fmt, result.stderr)
        assert "below fail_under 80" in result.stderr
        outputs[fmt] = result.stdout
    data = json.loads(outputs["json"])
    assert data["score"] < 80
    locations = [
        ev["location"]["path"] + f":{ev['location']['line']}"
        for crit in data["pages"][0]["criteria"].values()
        for check in crit["checks"]
        for ev in check["evidence"]
        if ev["location"] and ev["location"]["line"]
    ]
    assert any(loc.startswith("content/index.md:") for loc in locations)
    sarif = json.loads(outputs["sarif"])
    jsonschema.Draft4Validator(SARIF_SCHEMA).validate(sarif)
    uris = {
        r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
        for r in sarif["runs"][0]["results"]
    }
    assert uris <= {"content/index.md", "content/about.md"}
    junit_file = tmp_path / "junit.xml"
    junit_file.write_text(outputs["junit"], "utf-8")
    suites = list(JUnitXml.fromfile(str(junit_file)))
    assert {s.name for s in suites} == {"/", "/about/"}
    assert sum(s.failures for s in suites) > 0
    github = outputs["github"].splitlines()
    assert any(line.startswith("::error file=content/index.md,line=") for line in github)
    assert "| next_step |" in outputs["markdown"]
    soup = BeautifulSoup(outputs["html"], "lxml")
    assert not soup.find_all("script") and "Welcome to Acme" in soup.get_text()
    assert "Top fixes on the entry page" in outputs["terminal"]


def test_check_fail_under_option_overrides_the_toml(runner, failing):
    result = runner.invoke(
        main, ["check", str(failing), "-q", "--fail-under", "10", "--fail-under", "next_step=0"]
    )
    # the thresholds pass; the entry page still fails first contact on benefit and proof
    assert result.exit_code == 1, result.stderr
    assert "below" not in result.stderr and "next_step" not in result.stderr
    assert "content/index.md:2: benefit fails first contact on the entry page /" in result.stderr
    zero = ["--fail-under", "benefit=0", "--fail-under", "proof=0"]  # a floor set below 25
    result = runner.invoke(
        main,
        ["check", str(failing), "-q", "--fail-under", "10", "--fail-under", "next_step=0", *zero],
    )
    assert result.exit_code == 0, result.stderr


def test_check_build_error_exits_2(runner, tmp_path):
    site = tmp_path / "broken"
    shutil.copytree(FAILING, site, ignore=shutil.ignore_patterns("_site", ".sitekit-cache"))
    (site / "content" / "index.md").write_text("---\ntitle: [unclosed\n---\nbody\n", "utf-8")
    result = runner.invoke(main, ["check", str(site)])
    assert result.exit_code == 2
    assert "content/index.md" in result.stderr


def test_build_check_keeps_output_only_when_it_passes(runner, failing, example, tmp_path):
    out = tmp_path / "bad_out"
    result = runner.invoke(main, ["build", str(failing), "--check", "--out", str(out)])
    assert result.exit_code == 1
    assert not out.exists()
    good_out = tmp_path / "good_out"
    result = runner.invoke(main, ["build", str(example), "--check", "--out", str(good_out), "-q"])
    assert result.exit_code == 0, result.stderr
    assert (good_out / "index.html").is_file()


def test_pre_commit_hook_runs_sitekit_check():
    import yaml

    hooks = yaml.safe_load((REPO / ".pre-commit-hooks.yaml").read_text("utf-8"))
    hook = hooks[0]
    assert hook["entry"].startswith("sitekit check")
    assert hook["pass_filenames"] is False
    assert "content/" in hook["files"]


def test_render_needs_a_url(runner, tmp_path):
    site = write_site(tmp_path / "site")
    result = runner.invoke(main, ["audit", str(site), "--render"])
    assert result.exit_code == 2 and "needs an http(s) URL" in result.stderr


def test_no_progress_bar_off_a_tty(runner, tmp_path):
    from sitekit.cli.options import progress_printer

    assert progress_printer(quiet=True) is None
    assert progress_printer(quiet=False) is None  # pytest's stderr is not a TTY
    site = write_site(tmp_path / "site")
    result = runner.invoke(main, ["audit", str(site), "--format", "json"])
    assert "\r" not in result.stderr and "queued" not in result.stderr


def test_ci_formats_point_at_the_file_from_the_repository_root(
    runner, failing, tmp_path, monkeypatch
):
    repo = tmp_path / "repo"
    site = repo / "site"
    shutil.copytree(failing, site, ignore=shutil.ignore_patterns("_site", ".sitekit-cache"))
    subprocess.run(["git", "init", "-q", str(repo)], check=True)
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    for cwd in (repo, site, elsewhere):  # the git top level decides, not the working folder
        monkeypatch.chdir(cwd)
        result = runner.invoke(main, ["check", str(site), "--format", "sarif", "-q"])
        assert result.exit_code == 1, result.stderr
        run = json.loads(result.stdout)["runs"][0]
        uris = [
            r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in run["results"]
        ]
        assert uris and all(u.startswith("site/content/") for u in uris), (cwd, uris)
    result = runner.invoke(main, ["check", str(site), "--format", "github", "-q"])
    files = [line for line in result.stdout.splitlines() if "file=" in line]
    assert files and all("file=site/content/" in line for line in files)


def test_ci_formats_order_by_impact_and_note_findings_worth_no_points(runner, failing):
    result = runner.invoke(main, ["check", str(failing), "--format", "sarif", "-q"])
    results = json.loads(result.stdout)["runs"][0]["results"]
    impacts = [r["properties"]["impact"] for r in results]
    assert impacts == sorted(impacts, reverse=True) and impacts[0] > 0
    for r in results:
        assert (r["level"] == "note") == (r["properties"]["impact"] == 0), r
    assert any(r["level"] == "note" for r in results)
    result = runner.invoke(main, ["check", str(failing), "--format", "github", "-q"])
    notes = [line for line in result.stdout.splitlines() if line.startswith("::notice file=")]
    findings = [line for line in result.stdout.splitlines() if "file=" in line]
    assert notes and findings.index(notes[0]) > 0  # the worth-nothing ones come last
    assert all(line.startswith("::notice") for line in findings[findings.index(notes[0]) :])


def test_audit_and_check_agree_on_the_example_site(runner, example, tmp_path, monkeypatch):
    """One score for one site: audit of the site folder, of its built folder, and check."""
    monkeypatch.chdir(example.parent)
    assert runner.invoke(main, ["build", str(example), "-q"]).exit_code == 0
    scores = {}
    for cmd, target in (("check", example), ("audit", example), ("audit", example / "_site")):
        out = tmp_path / f"{cmd}-{target.name}.json"
        result = runner.invoke(main, [cmd, str(target), "--format", "json", "-o", str(out)])
        assert result.exit_code == 0, result.stderr
        data = json.loads(out.read_text("utf-8"))
        assert data["settings_file"] == f"{example.name}/sitekit.toml"
        assert f"[check] from {example.name}/sitekit.toml" in result.stderr
        privacy = next(p for p in data["pages"] if p["url"] == "/privacy/")
        assert privacy["role"] == "legal"  # judged as a legal page by audit and check alike
        scores[(cmd, target.name)] = (data["score"], data["scoring_version"])
    assert len(set(scores.values())) == 1, scores


def test_a_baseline_of_another_scoring_version_is_flagged(runner, example, tmp_path):
    base = tmp_path / "base.json"
    result = runner.invoke(main, ["check", str(example), "-q", "--format", "json", "-o", str(base)])
    assert result.exit_code == 0, result.stderr
    data = json.loads(base.read_text("utf-8"))
    assert data["scoring_version"].startswith("default:") and data["scoring_version"].endswith(
        ":" + data["schema_version"]
    )
    same = runner.invoke(main, ["check", str(example), "-q", "--baseline", str(base)])
    assert same.exit_code == 0, same.stderr
    for saved in ("default:000000000000:1.0", None):
        if saved is None:
            del data["scoring_version"]  # a baseline made before reports carried one
        else:
            data["scoring_version"] = saved
        base.write_text(json.dumps(data), "utf-8")
        result = runner.invoke(main, ["check", str(example), "-q", "--baseline", str(base)])
        assert result.exit_code == 1
        assert "not compared; refresh the baseline" in result.stderr
        assert "dropped" not in result.stderr and "new failure" not in result.stderr
