"""The check registry: each check is a small pure function with its metadata.

A check module (one per criterion) decorates functions with `@check(...)`. A check takes a
`PageSnapshot` and the profile's `Options` and returns an `Outcome` (score in [0, 1] plus
evidence); the runner turns it into a `CheckResult`, and a crash into an error result. A check
declares its parameters and their defaults once, in `@check(params={...})`; the profile
overlays its values on them and rejects any other name.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from sitekit.models import Evidence, PageSnapshot


@dataclass(frozen=True)
class Options:
    """What a check may read from the profile: its thresholds and the shared word lists."""

    words: dict[str, tuple[str, ...]] = field(default_factory=dict)
    params: Mapping[str, Any] = field(default_factory=dict)  # every declared parameter


@dataclass(frozen=True)
class Outcome:
    """A check's verdict: `score` in [0, 1], or None when the check does not apply."""

    score: float | None
    evidence: tuple[Evidence, ...] = ()
    fix: str | None = None  # overrides the check's default fix when the case needs it


CheckFn = Callable[[PageSnapshot, Options], Outcome]


@dataclass(frozen=True)
class CheckSpec:
    id: str
    criterion: str
    title: str
    failure_title: str
    fix: str
    fn: CheckFn
    description: str = ""
    params: Mapping[str, Any] = field(default_factory=dict)  # parameter -> default
    needs_crawl: bool = False  # reads PageSnapshot.context (the crawl's link statuses), not HTML


REGISTRY: dict[str, CheckSpec] = {}
CHECK_MODULES = ("benefit", "findability", "next_step", "proof", "proof_reach")


def load_checks() -> dict[str, CheckSpec]:
    """Import the per-criterion check modules (registering their checks); return REGISTRY."""
    import importlib

    for name in CHECK_MODULES:
        importlib.import_module(f"sitekit.audit.checks.{name}")
    return REGISTRY


def check(
    *,
    id: str,
    criterion: str,
    title: str,
    failure_title: str,
    fix: str,
    description: str = "",
    params: Mapping[str, Any] | None = None,
    needs_crawl: bool = False,
) -> Callable[[CheckFn], CheckFn]:
    """Register a check function under `id` for `criterion`; `params` names the parameters a
    profile may set for it, with their defaults (the only place the defaults are written);
    `needs_crawl` checks run once the crawl is done, on the page's crawl context."""

    def register(fn: CheckFn) -> CheckFn:
        if id in REGISTRY:
            raise ValueError(f"duplicate check id {id!r}")
        REGISTRY[id] = CheckSpec(
            id,
            criterion,
            title,
            failure_title,
            fix,
            fn,
            description,
            dict(params or {}),
            needs_crawl,
        )
        return fn

    return register


# Register the built-in checks on import (each module uses `check` defined above).
load_checks()

__all__ = ["REGISTRY", "CheckSpec", "Options", "Outcome", "check", "load_checks"]
