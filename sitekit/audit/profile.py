"""Audit profiles (TOML): which checks run, their weights and thresholds, caps and word lists."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitekit.audit.checks import REGISTRY, Options, load_checks
from sitekit.audit.words import WordLists, fail, read_profile, word_lists_from
from sitekit.errors import did_you_mean
from sitekit.models import CRITERIA

_MAX_EXTENDS = 5


@dataclass(frozen=True)
class CheckConfig:
    """One check as the profile sets it up."""

    id: str
    enabled: bool = True
    weight: float = 1.0
    group: str = ""  # checks in one group count once, by their best score
    params: dict[str, Any] = field(default_factory=dict)


@dataclass(frozen=True)
class Cap:
    """While check `check` scores below `below`, criterion `criterion` stays at or under `max`."""

    criterion: str
    check: str
    below: float
    max: float


@dataclass(frozen=True)
class Floor:
    """While check `check` scores at least `at_least`, criterion `criterion` stays at or
    above `min` (a rater's "partly" for a step that exists but is buried, say)."""

    criterion: str
    check: str
    at_least: float
    min: float


@dataclass(frozen=True)
class Profile:
    """A loaded, validated profile: checks, groups, caps, floors and its word lists."""

    name: str
    path: str
    checks: dict[str, CheckConfig]
    word_lists: WordLists
    groups: dict[str, dict[str, float]] = field(default_factory=dict)  # criterion -> group -> w
    caps: tuple[Cap, ...] = ()
    floors: tuple[Floor, ...] = ()
    entry_weight: float = 0.5

    @property
    def words(self) -> dict[str, tuple[str, ...]]:
        """The base word lists (every language)."""
        return self.word_lists.words

    def options_for(self, check_id: str, lang: str = "") -> Options:
        """The options one check sees on a page in language `lang`."""
        return Options(words=self.words_for(lang), params=self.checks[check_id].params)

    def words_for(self, lang: str) -> dict[str, tuple[str, ...]]:
        """Base word lists plus the page language's (see WordLists.words_for)."""
        return self.word_lists.words_for(lang)


def load_profile(path: str | Path | None = None) -> Profile:
    """Load audits/default.toml, a bundled profile by name ("de"), or a user profile file."""
    load_checks()
    raw = read_profile(path)
    return _build(raw, raw["__file__"])


def _number(file: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        fail(file, key, f"must be a number, not {type(value).__name__} {value!r}")
    return float(value)


def _build(raw: dict[str, Any], file: str) -> Profile:
    file = raw.get("__file__", file)
    name = raw.get("name", Path(file).stem)
    if not isinstance(name, str):
        fail(file, "name", "must be a string")
    checks = _build_checks(file, raw.get("checks", {}))
    site = raw.get("site", {})
    if not isinstance(site, dict):
        fail(file, "site", "must be a table")
    entry_weight = _number(file, "site.entry_weight", site.get("entry_weight", 0.5))
    if not 0 <= entry_weight <= 1:
        fail(file, "site.entry_weight", "must be between 0 and 1")
    return Profile(
        name=name,
        path=file,
        checks=checks,
        word_lists=word_lists_from(raw, file),
        groups=_build_groups(file, raw.get("groups", {})),
        caps=_build_caps(file, raw.get("caps", []), checks),
        floors=_build_floors(file, raw.get("floors", []), checks),
        entry_weight=entry_weight,
    )


def _build_checks(file: str, table: Any) -> dict[str, CheckConfig]:
    if not isinstance(table, dict):
        fail(file, "checks", "must be a table of [checks.<id>] tables")
    known = sorted(REGISTRY)
    for cid in table:
        if cid not in REGISTRY:
            fail(file, f"checks.{cid}", f"unknown check id {cid!r}{did_you_mean(cid, known)}")
    out: dict[str, CheckConfig] = {}
    for cid in REGISTRY:
        spec = table.get(cid, {})
        if not isinstance(spec, dict):
            fail(file, f"checks.{cid}", "must be a table")
        params = {k: v for k, v in spec.items() if k not in ("enabled", "weight", "group")}
        enabled = spec.get("enabled", True)
        if not isinstance(enabled, bool):
            fail(file, f"checks.{cid}.enabled", "must be true or false")
        weight = _number(file, f"checks.{cid}.weight", spec.get("weight", 1.0))
        if weight < 0:
            fail(file, f"checks.{cid}.weight", "must not be negative")
        group = spec.get("group", "")
        if not isinstance(group, str):
            fail(file, f"checks.{cid}.group", "must be a string")
        for key, value in params.items():
            if not isinstance(value, (int, float, str, list)) or isinstance(value, bool):
                fail(file, f"checks.{cid}.{key}", "must be a number, string or list")
        out[cid] = CheckConfig(cid, enabled, weight, group, params)
    return out


def _build_groups(file: str, table: Any) -> dict[str, dict[str, float]]:
    if not isinstance(table, dict):
        fail(file, "groups", "must be a table of [groups.<criterion>] tables")
    out: dict[str, dict[str, float]] = {}
    for crit, groups in table.items():
        if crit not in CRITERIA:
            fail(file, f"groups.{crit}", f"unknown criterion{did_you_mean(crit, list(CRITERIA))}")
        if not isinstance(groups, dict):
            fail(file, f"groups.{crit}", "must be a table of group weights")
        out[crit] = {g: _number(file, f"groups.{crit}.{g}", w) for g, w in groups.items()}
    return out


def _rule_items(
    file: str, items: Any, checks: dict[str, CheckConfig], table: str
) -> Iterator[tuple[str, dict[str, Any], str, str]]:
    """Validate an array of [[caps]] or [[floors]]: (key, item, criterion, check id) each."""
    if not isinstance(items, list):
        fail(file, table, f"must be an array of [[{table}]] tables")
    for i, item in enumerate(items):
        key = f"{table}[{i}]"
        if not isinstance(item, dict):
            fail(file, key, "must be a table")
        crit, cid = item.get("criterion"), item.get("check")
        if crit not in CRITERIA:
            fail(file, f"{key}.criterion", f"unknown criterion {crit!r}")
        if cid not in checks:
            hint = did_you_mean(str(cid), sorted(checks))
            fail(file, f"{key}.check", f"unknown check id {cid!r}{hint}")
        yield key, item, str(crit), str(cid)


def _build_caps(file: str, items: Any, checks: dict[str, CheckConfig]) -> tuple[Cap, ...]:
    return tuple(
        Cap(
            crit,
            cid,
            _number(file, f"{key}.below", item.get("below", 0.5)),
            _number(file, f"{key}.max", item.get("max", 74)),
        )
        for key, item, crit, cid in _rule_items(file, items, checks, "caps")
    )


def _build_floors(file: str, items: Any, checks: dict[str, CheckConfig]) -> tuple[Floor, ...]:
    return tuple(
        Floor(
            crit,
            cid,
            _number(file, f"{key}.at_least", item.get("at_least", 0.5)),
            _number(file, f"{key}.min", item.get("min", 25)),
        )
        for key, item, crit, cid in _rule_items(file, items, checks, "floors")
    )
