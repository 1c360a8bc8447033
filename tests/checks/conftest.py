"""Helpers for check tests: hand-made HTML -> snapshot -> one check's outcome."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from sitekit.audit.checks import REGISTRY, Outcome
from sitekit.audit.profile import Profile, load_profile
from sitekit.audit.snapshot import make_snapshot
from sitekit.models import FetchedPage, PageSnapshot


@pytest.fixture(scope="session")
def profile() -> Profile:
    return load_profile()


def snap(html: str, lang: str = "en", title: str = "T") -> PageSnapshot:
    head = f"<!doctype html><html lang='{lang}'><head><title>{title}</title></head>"
    body = f"{head}<body>{html}</body></html>"
    return make_snapshot(
        FetchedPage(
            url="http://127.0.0.1/", final_url="http://127.0.0.1/", status=200, body=body.encode()
        )
    )


@pytest.fixture
def run(profile: Profile) -> Callable[[str, str], Outcome]:
    def _run(check_id: str, html: str, lang: str = "en", title: str = "T") -> Outcome:
        page = snap(html, lang, title)
        return REGISTRY[check_id].fn(page, profile.options_for(check_id, page.lang))

    return _run
