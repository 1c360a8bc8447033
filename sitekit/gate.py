"""The CI gate (`sitekit check`): build into a temp folder, audit it, judge thresholds/baseline."""

from __future__ import annotations

import re
import tempfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sitekit.audit.report_data import is_finding, to_dict
from sitekit.errors import ConfigError, Diagnostic, Location, did_you_mean
from sitekit.models import (
    CRITERIA,
    AuditReport,
    BuildResult,
    CheckResult,
    Evidence,
    PageResult,
    SiteConfig,
)

DEFAULT_FAIL_UNDER = 80.0  # when sitekit.toml sets no threshold: a gate that cannot fail is none
NOT_LANDING_PAGES = ("/404.html",)  # built pages that are not first-contact pages
DEFAULT_TOLERANCE = 2.0  # points a criterion may drop against a baseline before it fails
FIRST_CONTACT_FAILS = 25.0  # a criterion under this "fails" (criteria.md's 0) on first contact
FIRST_CONTACT_ROLES = ("entry", "landing")  # pages a visitor meets first (and the entry page)
# the guard's warnings on these front-matter fields refuse the gate, as this criterion fails
FIRST_CONTACT_FIELDS = {"benefit": "benefit", "cta": "next_step"}
# ... and the guard's warnings on a customer story, welcome or referral page's own fields
KIND_GUARD_FIELDS = {
    "friend_gets": "benefit",
    **dict.fromkeys(
        ("customer", "customer.name", "results", "fit", "fit.not_for", "quote", "outcome"),
        "proof",
    ),
    **dict.fromkeys(
        ("steps", "contact", "contact.response_time", "if_something_goes_wrong"), "next_step"
    ),
}
BUILT_DIR = "_site"  # the temporary build folder's name, as reports show it


@dataclass(frozen=True)
class Verdict:
    """Whether the gate passes, and every reason it does not (or what got better)."""

    passed: bool
    failures: tuple[str, ...] = ()
    improvements: tuple[str, ...] = ()


@dataclass(frozen=True)
class GateResult:
    report: AuditReport
    verdict: Verdict
    build: BuildResult


def below_thresholds(
    report: AuditReport, fail_under: float | None, criteria_fail_under: dict[str, float]
) -> list[str]:
    """One message per threshold the report misses ('next_step 42 < 60')."""
    failures = []
    if fail_under is not None and (report.score is None or report.score < fail_under):
        failures.append(f"site score {_fmt(report.score)} is below fail_under {fail_under:g}")
    for cid in CRITERIA:
        limit = criteria_fail_under.get(cid)
        if limit is None:
            continue
        score = report.criteria.get(cid)
        if score is None and report.score is not None:
            continue  # no page is judged on it (not applicable): never a failure
        if score is None or score < limit:
            failures.append(f"{cid} score {_fmt(score)} is below its threshold {limit:g}")
    return failures


def first_contact_failures(
    report: AuditReport,
    diagnostics: Sequence[Diagnostic] = (),
    criteria_fail_under: dict[str, float] | None = None,
) -> list[str]:
    """What fails first contact, located: a criterion under 25 on the entry page or a landing
    page (a criterion that does not apply, score None, passes), and the benefit-first guard's
    warnings on a landing page's benefit or primary call to action (`sitekit check` only).
    A criterion's own threshold set below 25 lowers its floor too (`next_step=0`: off)."""
    limits = criteria_fail_under or {}
    floor = {
        cid: min(FIRST_CONTACT_FAILS, limits.get(cid, FIRST_CONTACT_FAILS)) for cid in CRITERIA
    }
    failures = []
    for page in report.pages:
        if page.score is None or not (page.is_entry or page.role in FIRST_CONTACT_ROLES):
            continue
        kind = "entry page" if page.is_entry else "landing page"
        for cid in CRITERIA:
            crit = page.criteria.get(cid)
            if crit is None or crit.score is None or crit.score >= floor[cid]:
                continue
            where, title = _worst_finding(crit.checks, page.source_path or page.url)
            failures.append(
                f"{where}: {cid} fails first contact on the {kind} {page.url} "
                f"({crit.score:.1f} < {floor[cid]:g}){title}"
            )
    for diag in diagnostics:
        field_of = FIRST_CONTACT_FIELDS.get(diag.field or "")
        if field_of and floor[field_of] > 0:
            failures.append(f"{diag} (a landing page's first contact: the gate refuses it)")
            continue
        name = re.sub(r"^steps\.\d+$", "steps", diag.field or "")
        field_of = KIND_GUARD_FIELDS.get(name)
        if field_of and floor[field_of] > 0 and diag.level == "warning":
            failures.append(f"{diag} (the story, welcome and referral guard: the gate refuses it)")
    return failures


def _worst_finding(checks: Sequence[CheckResult], fallback: str) -> tuple[str, str]:
    """Where the finding worth most points is (file:line when known), and its title."""
    findings = sorted(
        (c for c in checks if is_finding(c)), key=lambda c: (-(c.impact or 0), c.score or 0, c.id)
    )
    for check in findings:
        for ev in check.evidence:
            if ev.location is not None:
                return str(ev.location), f": {check.title}"
    return fallback, f": {findings[0].title}" if findings else ""


def _fmt(score: float | None) -> str:
    return "-" if score is None else f"{score:.1f}"


def _failing_checks(data: dict[str, Any]) -> dict[tuple[str, str], dict[str, Any]]:
    """(page URL, check id) -> check for every failed, not ignored check of a report dict."""
    out = {}
    for page in data.get("pages", ()):
        for crit in page.get("criteria", {}).values():
            for check in crit.get("checks", ()):
                if not is_finding(check):
                    continue
                out[(page["url"], check["id"])] = check
    return out


def compare_to_baseline(
    current: dict[str, Any], baseline: dict[str, Any], tolerance: float = DEFAULT_TOLERANCE
) -> tuple[list[str], list[str]]:
    """(regressions, improvements) of a canonical report against a saved one."""
    regressions: list[str] = []
    improvements: list[str] = []
    pairs = [("site score", current.get("score"), baseline.get("score"))]
    pairs += [
        (
            cid,
            current.get("criteria", {}).get(cid, {}).get("score"),
            baseline.get("criteria", {}).get(cid, {}).get("score"),
        )
        for cid in CRITERIA
    ]
    for name, now, before in pairs:
        if now is None or before is None:
            continue
        if now < before - tolerance:
            regressions.append(f"{name} dropped from {before:.1f} to {now:.1f}")
        elif now > before + tolerance:
            improvements.append(f"{name} rose from {before:.1f} to {now:.1f}")
    now_failing = _failing_checks(current)
    before_failing = _failing_checks(baseline)
    baseline_pages = {p["url"] for p in baseline.get("pages", ())}
    for url, check_id in sorted(set(now_failing) - set(before_failing)):
        where = "new page " if url not in baseline_pages else ""
        title = now_failing[(url, check_id)].get("title", "")
        regressions.append(f"new failure on {where}{url}: {check_id} ({title})")
    current_pages = {p["url"] for p in current.get("pages", ())}
    for url, check_id in sorted(set(before_failing) - set(now_failing)):
        if url in current_pages:
            improvements.append(f"fixed on {url}: {check_id}")
    return regressions, improvements


def judge(
    report: AuditReport,
    fail_under: float | None,
    criteria_fail_under: dict[str, float],
    baseline: dict[str, Any] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    diagnostics: Sequence[Diagnostic] = (),
    first_contact: bool = False,
) -> Verdict:
    """Thresholds (and with `first_contact`, the gate's default, what fails first contact),
    or with a baseline only what got worse than it."""
    if baseline is None:
        failures = below_thresholds(report, fail_under, criteria_fail_under)
        if first_contact:
            failures += first_contact_failures(report, diagnostics, criteria_fail_under)
        return Verdict(not failures, tuple(failures))
    mismatch = scoring_mismatch(report.scoring_version, baseline.get("scoring_version") or "")
    if mismatch:
        return Verdict(False, (mismatch,))
    regressions, improvements = compare_to_baseline(to_dict(report), baseline, tolerance)
    return Verdict(not regressions, tuple(regressions), tuple(improvements))


def scoring_mismatch(current: str, saved: str) -> str:
    """Why a baseline cannot be compared with this run ('' when it can): scored by another
    profile, other calibration data or another report schema, its scores moved for reasons
    other than the site."""
    if not current or current == saved:
        return ""
    made = f"scored with {saved}" if saved else "made before reports carried a scoring version"
    return (
        f"the baseline was {made}, this run is scored with {current}: scores moved for "
        "reasons other than the site (profile, calibration or report schema), so they are "
        "not compared; refresh the baseline (sitekit check SITE --format json -o FILE) and "
        "see CHANGES.md for what moved"
    )


def load_baseline(path: Path) -> dict[str, Any]:
    """A saved `--format json` report, checked enough to compare against."""
    import json

    try:
        data = json.loads(Path(path).read_text(encoding="utf-8"))
    except OSError as exc:
        raise ConfigError(f"cannot read baseline {path}: {exc.strerror}") from exc
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        where = Location(str(path), getattr(exc, "lineno", None))
        raise ConfigError(
            f"baseline {path} is not a sitekit JSON report",
            (Diagnostic("error", f"invalid JSON: {exc}", where),),
        ) from exc
    if not isinstance(data, dict) or "schema_version" not in data or "pages" not in data:
        raise ConfigError(f"baseline {path} is not a sitekit JSON report (no schema_version)")
    return data


def _profile_path(config: SiteConfig, override: Path | None) -> Path | None:
    if override is not None:
        return override
    if not config.check.profile:
        return None
    candidate = Path(config.check.profile)
    if not candidate.is_absolute() and (config.root / candidate).exists():
        return config.root / candidate
    return candidate  # a bundled name like "de", or a path load_profile reports on


def _validate_ignores(config: SiteConfig, known: set[str]) -> None:
    problems = []
    for ignore in config.check.ignore:
        if ignore.check != "*" and ignore.check not in known:
            hint = did_you_mean(ignore.check, known)
            problems.append(
                Diagnostic(
                    "error",
                    f"[[check.ignore]] names an unknown check '{ignore.check}'{hint}",
                    Location(str(config.root / "sitekit.toml")),
                    "check.ignore",
                )
            )
    if problems:
        raise ConfigError("sitekit.toml has invalid [[check.ignore]] entries", tuple(problems))


def check_built_site(
    config: SiteConfig,
    *,
    out_dir: Path,
    build: BuildResult,
    profile_path: Path | None = None,
    baseline: dict[str, Any] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    progress: Callable[[int, int, str], None] | None = None,
) -> GateResult:
    """Audit every page of a folder built from `config` and judge it."""
    import dataclasses

    from sitekit.audit.pipeline import run_audit
    from sitekit.audit.pool import CompactPages
    from sitekit.audit.profile import load_profile
    from sitekit.audit.redact import relative_paths
    from sitekit.crawl.settings import CrawlSettings

    profile = load_profile(_profile_path(config, profile_path))
    _validate_ignores(config, set(profile.checks))
    pages = sum(1 for _ in out_dir.rglob("*.htm*"))
    settings = CrawlSettings(max_pages=max(pages, 1), use_sitemaps=False, exclude=NOT_LANDING_PAGES)
    report = run_audit(
        str(out_dir),
        profile=profile,
        settings=settings,
        progress=progress,
        ignores=config.check.ignore,
        paths_relative_to=str(out_dir.parent),  # built files show as _site/...
    )
    report = relative_paths(report, str(config.root))  # Markdown sources as content/...
    report = dataclasses.replace(
        report,
        target=str(config.root / out_dir.name),
        pages=CompactPages(_point_to_source(page) for page in report.pages),
        settings_file=settings_file(config),
    )
    fail_under = config.check.fail_under
    if fail_under is None and not config.check.criteria_fail_under:
        fail_under = DEFAULT_FAIL_UNDER
    verdict = judge(
        report,
        fail_under,
        config.check.criteria_fail_under,
        baseline,
        tolerance,
        build.diagnostics,
        first_contact=True,
    )
    return GateResult(report, verdict, build)


def settings_file(config: SiteConfig) -> str:
    """The sitekit.toml whose [check] settings were applied, as the report shows it (relative
    to the working folder when under it)."""
    path = (config.root / "sitekit.toml").resolve()
    try:
        return path.relative_to(Path.cwd().resolve()).as_posix()
    except ValueError:
        return str(path)


def site_of(target: str) -> tuple[Path, Path | None] | None:
    """(site folder, built folder) when `target` is a site folder (its sitekit.toml; built
    folder None: build it first) or a folder sitekit built beside one (`site/_site`); else
    None. Such a target is audited with the site's [check] settings, as `check` does."""
    from sitekit.models import SITE_MARKER

    if "://" in target:
        return None
    folder = Path(target)
    if not folder.is_dir():
        return None
    if (folder / "sitekit.toml").is_file():
        return folder, None
    if (folder / SITE_MARKER).is_file() and (folder.parent / "sitekit.toml").is_file():
        return folder.parent, folder
    return None


def check_folder(config: SiteConfig, built: Path, **options: Any) -> GateResult:
    """Audit and judge a folder sitekit already built from `config` (no build diagnostics)."""
    pages = sum(1 for _ in built.rglob("*.htm*"))
    build = BuildResult(out_dir=built, pages=pages, files=pages, seconds=0.0)
    return check_built_site(config, out_dir=built, build=build, **options)


def _point_to_source(page: PageResult) -> PageResult:
    """Findings on a built page point to its Markdown file, never into the temporary build."""
    import dataclasses

    sources = [
        ev.location.path
        for crit in page.criteria.values()
        for check in crit.checks
        for ev in check.evidence
        if ev.location is not None and ev.location.path.endswith(".md")
    ]
    if not sources:
        return page
    source = max(set(sources), key=lambda path: (sources.count(path), path))
    built = BUILT_DIR + "/"

    def moved(ev: Evidence) -> Evidence:
        if ev.location is None or not ev.location.path.startswith(built):
            return ev
        return dataclasses.replace(ev, location=Location(source))

    criteria = {
        cid: dataclasses.replace(
            crit,
            checks=tuple(
                dataclasses.replace(c, evidence=tuple(moved(ev) for ev in c.evidence))
                for c in crit.checks
            ),
        )
        for cid, crit in page.criteria.items()
    }
    return dataclasses.replace(page, source_path=source, criteria=criteria)


def check_site(
    config: SiteConfig,
    *,
    profile_path: Path | None = None,
    baseline: dict[str, Any] | None = None,
    tolerance: float = DEFAULT_TOLERANCE,
    drafts: bool = False,
    strict: bool = False,
    progress: Callable[[int, int, str], None] | None = None,
) -> GateResult:
    """Build `config` into a temporary folder (removed after), audit every page, judge it.

    Raises ContentError/BuildError/ConfigError (exit 2) when the site does not build.
    """
    from sitekit.build.site import build_site

    with tempfile.TemporaryDirectory(prefix="sitekit-check-") as tmp:
        out_dir = Path(tmp) / BUILT_DIR
        build = build_site(config, out_dir=out_dir, drafts=drafts, strict=strict, clean=True)
        return check_built_site(
            config,
            out_dir=out_dir,
            build=build,
            profile_path=profile_path,
            baseline=baseline,
            tolerance=tolerance,
            progress=progress,
        )


def run_check(site_dir: Path, **options: Any) -> GateResult:
    """`sitekit check SITE_DIR`: load sitekit.toml, then `check_site` with `options`."""
    from sitekit.build.config import load_config

    return check_site(load_config(site_dir), **options)
