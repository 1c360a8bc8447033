"""sitekit: build landing pages that win the first visit, and audit any site on the four
first-contact criteria (benefit, findability, next_step, proof).

Public API (imported lazily so that `sitekit --version` stays fast):
load_config, build_site, run_audit, load_profile.
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"
USER_AGENT = f"sitekit/{__version__} (+https://sitekit.invalid/bot)"

__all__ = ["USER_AGENT", "__version__", "build_site", "load_config", "load_profile", "run_audit"]


def __getattr__(name: str) -> Any:
    if name == "load_config":
        from sitekit.build.config import load_config

        return load_config
    if name == "build_site":
        from sitekit.build.site import build_site

        return build_site
    if name == "run_audit":
        from sitekit.audit.pipeline import run_audit

        return run_audit
    if name == "load_profile":
        from sitekit.audit.profile import load_profile

        return load_profile
    raise AttributeError(name)
