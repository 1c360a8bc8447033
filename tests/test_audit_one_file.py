"""Auditing one file of a built site: links resolve against the site root (the nearest folder
with the built-site marker), and the page is named by its own path."""

from __future__ import annotations

from pathlib import Path

from test_audit import write_site

from sitekit.audit.pipeline import run_audit
from sitekit.audit.profile import load_profile
from sitekit.crawl.settings import CrawlSettings
from sitekit.models import SITE_MARKER


def _links_work(report):  # type: ignore[no-untyped-def]
    page = report.pages[0]
    check = next(c for c in page.criteria["findability"].checks if c.id == "links-work")
    return page.url, check.score, [e.text for e in check.evidence if e.text]


def test_a_file_in_a_subfolder_of_a_built_site(tmp_path: Path) -> None:
    site = write_site(tmp_path / "_site", pages=4)  # a broken /gone/ link on the home page
    (site / SITE_MARKER).write_text("sitekit\n", "utf-8")
    profile, settings = load_profile(None), CrawlSettings()
    url, score, broken = _links_work(
        run_audit(str(site / "pricing" / "index.html"), profile=profile, settings=settings)
    )
    assert url == "/pricing/"
    assert score == 1.0 and broken == []  # /, /estimate/, /contact/ are there: not broken
    url, score, broken = _links_work(
        run_audit(str(site / "index.html"), profile=profile, settings=settings)
    )
    assert url == "/" and broken == ["/gone/"]  # the site is all there: a missing page is broken


def test_a_file_outside_a_built_site_stands_alone(tmp_path: Path) -> None:
    site = write_site(tmp_path / "pages", pages=4)
    report = run_audit(
        str(site / "pricing" / "index.html"), profile=load_profile(None), settings=CrawlSettings()
    )
    assert report.pages[0].url == "/"  # its own folder is the root, as before


def test_a_local_audit_does_not_load_the_http_client(tmp_path: Path) -> None:
    """requests and urllib3 cost ~50 ms of start-up; a file or folder never needs them."""
    import subprocess
    import sys

    site = write_site(tmp_path / "_site", pages=2)
    code = (
        "import sys\n"
        "from sitekit.audit.pipeline import run_audit\n"
        "from sitekit.audit.profile import load_profile\n"
        "from sitekit.crawl.settings import CrawlSettings\n"
        f"run_audit({str(site / 'index.html')!r}, profile=load_profile(), "
        "settings=CrawlSettings())\n"
        "print('requests' in sys.modules, 'urllib3' in sys.modules)\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["False", "False"]
