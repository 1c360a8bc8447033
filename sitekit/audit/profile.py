"""Audit profiles (TOML): which checks run, their weights and parameters, caps and word lists.

Every problem in a profile is reported at once (one ConfigError, one Diagnostic each); a check
parameter the check does not declare is one of them.
"""

from __future__ import annotations

import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from sitekit.audit.calibration import RULES, Curve, Limit
from sitekit.audit.calibration import read as read_calibration
from sitekit.audit.checks import REGISTRY, CheckSpec, Options, load_checks
from sitekit.audit.roles import ROLES, RoleRules
from sitekit.audit.words import Problems, WordLists, read_profile, word_lists_from
from sitekit.errors import did_you_mean
from sitekit.models import CRITERIA
from sitekit.resources import audits_dir

RESERVED = (
    "enabled",
    "weight",
    "group",
    "reads",
    "unjudged_max",
)  # check keys that are not parameters


@dataclass(frozen=True)
class CheckConfig:
    """One check as the profile sets it up."""

    id: str
    enabled: bool = True
    weight: float = 1.0
    group: str = ""  # checks in one group count once, by their best score
    params: dict[str, Any] = field(default_factory=dict)  # the declared defaults, overlaid
    reads_words: bool = False  # judges what words say: not judged without the page's word list
    unjudged_max: float = 100.0  # the criterion's cap while this check could not be judged


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
    role: str = ""  # a `[[roles.floors]]` floor holds on pages of this role only, after caps


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
    cap_spread: float = 0.0  # 0-1: how far a capped page's other checks move it under the cap
    calibration: dict[str, Curve] = field(default_factory=dict)  # criterion -> fitted curve
    limits: tuple[Limit, ...] = ()  # the fitted cap and floor values in caps and floors
    roles: RoleRules = field(default_factory=RoleRules)
    # (check id, language) -> its Options: asked for by every check on every page; both parts
    # never change once loaded (init=False: a replace()d profile starts its own, empty)
    _options: dict[tuple[str, str], Options] = field(
        default_factory=dict, init=False, compare=False, repr=False
    )

    @property
    def words(self) -> dict[str, tuple[str, ...]]:
        """The base word lists (every language)."""
        return self.word_lists.words

    def options_for(self, check_id: str, lang: str = "") -> Options:
        """The options one check sees on a page in language `lang` (made once, then the same)."""
        made = self._options.get((check_id, lang))
        if made is None:
            made = Options(words=self.words_for(lang), params=self.checks[check_id].params)
            self._options[check_id, lang] = made
        return made

    def words_for(self, lang: str) -> dict[str, tuple[str, ...]]:
        """Base word lists plus the page language's (see WordLists.words_for)."""
        return self.word_lists.words_for(lang)


def load_profile(path: str | Path | None = None, calibrated: bool = True) -> Profile:
    """Load audits/default.toml, a bundled profile by name ("de"), or a user profile file;
    `calibrated=False` leaves its calibration out (the hand-set caps and floors, no curves:
    what bench/calibrate.py fits from)."""
    load_checks()
    raw = read_profile(path)
    if not calibrated:
        raw = {**raw, "calibration": ""}
    return _build(raw, raw["__file__"])


def _number(problems: Problems, key: str, value: Any, default: float = 0.0) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        problems.add(key, f"must be a number, not {type(value).__name__} {value!r}")
        return default
    return float(value)


def _build(raw: dict[str, Any], file: str) -> Profile:
    file = raw.get("__file__", file)
    problems = Problems(file)
    name = raw.get("name", Path(file).stem)
    if not isinstance(name, str):
        problems.add("name", "must be a string")
    checks = _build_checks(problems, raw.get("checks", {}))
    site = raw.get("site", {})
    if not isinstance(site, dict):
        problems.add("site", "must be a table")
        site = {}
    entry_weight = _number(problems, "site.entry_weight", site.get("entry_weight", 0.5), 0.5)
    if not 0 <= entry_weight <= 1:
        problems.add("site.entry_weight", "must be between 0 and 1")
    cap_spread = _number(problems, "cap_spread", raw.get("cap_spread", 0.0))
    if not 0 <= cap_spread <= 1:
        problems.add("cap_spread", "must be between 0 and 1")
    word_lists = word_lists_from(raw, file, problems)
    groups = _build_groups(problems, raw.get("groups", {}))
    caps = _build_caps(problems, raw.get("caps", []), checks)
    floors = _build_floors(problems, raw.get("floors", []), checks)
    curves, limits = _build_calibration(problems, file, raw.get("calibration", ""))
    caps, floors = _with_limits(problems, limits, caps, floors)
    roles, role_floors = _build_roles(problems, raw.get("roles", {}), checks)
    problems.raise_if_any()
    return Profile(
        name=name,
        path=file,
        checks=checks,
        word_lists=word_lists,
        groups=groups,
        caps=caps,
        floors=(*role_floors, *floors),
        entry_weight=entry_weight,
        cap_spread=cap_spread,
        calibration=curves,
        limits=limits,
        roles=roles,
    )


def _build_calibration(
    problems: Problems, file: str, name: Any
) -> tuple[dict[str, Curve], tuple[Limit, ...]]:
    """`calibration = "calibration.toml"`: curves and fitted limits beside the profile, else
    bundled; "" = none."""
    if not isinstance(name, str):
        problems.add("calibration", "must be the name of a calibration TOML file")
        return {}, ()
    if not name:
        return {}, ()
    path = Path(file).parent / name
    path = path if path.is_file() else audits_dir() / name
    try:
        curves, limits = read_calibration(path)
    except (OSError, ValueError, tomllib.TOMLDecodeError) as exc:
        problems.add("calibration", str(exc))
        return {}, ()
    for crit in curves:
        if crit not in CRITERIA:
            problems.add(f"calibration.{crit}", "unknown criterion")
    return curves, limits


def _with_limits(
    problems: Problems, limits: tuple[Limit, ...], caps: tuple[Cap, ...], floors: tuple[Floor, ...]
) -> tuple[tuple[Cap, ...], tuple[Floor, ...]]:
    """The caps and floors with the calibration's fitted values in place of the hand-set ones;
    a limit that names no cap or floor of this profile is a problem (the calibration was
    fitted for other rules: refit it, or set `calibration = ""`)."""
    out_caps, out_floors = list(caps), list(floors)
    for i, limit in enumerate(limits, 1):
        rules: list[Any] = out_caps if limit.rule == "cap" else out_floors
        hits = [j for j, r in enumerate(rules) if limit.applies_to(r)]
        if not hits:
            problems.add(
                f"calibration: limits[{i}]",
                f"no {limit.rule} on {limit.check} at {limit.threshold:g} for {limit.criterion} "
                'in this profile (refit with bench/calibrate.py, or set calibration = "")',
            )
        for j in hits:
            rules[j] = replace(rules[j], **{RULES[limit.rule][1]: limit.value})
    return tuple(out_caps), tuple(out_floors)


def _build_checks(problems: Problems, table: Any) -> dict[str, CheckConfig]:
    if not isinstance(table, dict):
        problems.add("checks", "must be a table of [checks.<id>] tables")
        table = {}
    known = sorted(REGISTRY)
    for cid in table:
        if cid not in REGISTRY:
            problems.add(f"checks.{cid}", f"unknown check id {cid!r}{did_you_mean(cid, known)}")
    return {
        cid: _check_config(problems, spec, table.get(cid, {})) for cid, spec in REGISTRY.items()
    }


def _check_config(problems: Problems, spec: CheckSpec, table: Any) -> CheckConfig:
    """One check's settings: its declared parameters' defaults overlaid with the profile's."""
    key = f"checks.{spec.id}"
    if not isinstance(table, dict):
        problems.add(key, "must be a table")
        table = {}
    enabled = table.get("enabled", True)
    if not isinstance(enabled, bool):
        problems.add(f"{key}.enabled", "must be true or false")
        enabled = True
    weight = _number(problems, f"{key}.weight", table.get("weight", 1.0), 1.0)
    if weight < 0:
        problems.add(f"{key}.weight", "must not be negative")
    group = table.get("group", "")
    if not isinstance(group, str):
        problems.add(f"{key}.group", "must be a string")
        group = ""
    reads = table.get("reads", "")
    if reads not in ("", "words"):
        problems.add(f"{key}.reads", 'must be "words" (the check judges what words say)')
    unjudged_max = _number(problems, f"{key}.unjudged_max", table.get("unjudged_max", 100), 100)
    params = dict(spec.params)
    for name, value in table.items():
        if name in RESERVED:
            continue
        if name not in spec.params:
            hint = did_you_mean(name, [*spec.params, *RESERVED])
            declared = ", ".join(spec.params) or "none"
            problems.add(
                f"{key}.{name}",
                f"unknown parameter {name!r} for check {spec.id}{hint} (its parameters: "
                f"{declared})",
            )
        elif not isinstance(value, (int, float, str, list)) or isinstance(value, bool):
            problems.add(f"{key}.{name}", "must be a number, string or list")
        else:
            params[name] = value
    return CheckConfig(
        spec.id, enabled, weight, group, params, reads == "words", min(100.0, unjudged_max)
    )


def _build_groups(problems: Problems, table: Any) -> dict[str, dict[str, float]]:
    if not isinstance(table, dict):
        problems.add("groups", "must be a table of [groups.<criterion>] tables")
        return {}
    out: dict[str, dict[str, float]] = {}
    for crit, groups in table.items():
        if crit not in CRITERIA:
            hint = did_you_mean(crit, list(CRITERIA))
            problems.add(f"groups.{crit}", f"unknown criterion{hint}")
        elif not isinstance(groups, dict):
            problems.add(f"groups.{crit}", "must be a table of group weights")
        else:
            out[crit] = {g: _number(problems, f"groups.{crit}.{g}", w) for g, w in groups.items()}
    return out


def _rule_items(
    problems: Problems, items: Any, checks: dict[str, CheckConfig], table: str
) -> Iterator[tuple[str, dict[str, Any], str, str]]:
    """The valid items of an array of [[caps]] or [[floors]]: (key, item, criterion, check id)
    each; the others become problems."""
    if not isinstance(items, list):
        problems.add(table, f"must be an array of [[{table}]] tables")
        return
    for i, item in enumerate(items):
        key = f"{table}[{i}]"
        if not isinstance(item, dict):
            problems.add(key, "must be a table")
            continue
        crit, cid = item.get("criterion"), item.get("check")
        valid = True
        if crit not in CRITERIA:
            problems.add(f"{key}.criterion", f"unknown criterion {crit!r}")
            valid = False
        if cid not in checks:
            hint = did_you_mean(str(cid), sorted(checks))
            problems.add(f"{key}.check", f"unknown check id {cid!r}{hint}")
            valid = False
        if valid:
            yield key, item, str(crit), str(cid)


def _build_caps(problems: Problems, items: Any, checks: dict[str, CheckConfig]) -> tuple[Cap, ...]:
    return tuple(
        Cap(
            crit,
            cid,
            _number(problems, f"{key}.below", item.get("below", 0.5)),
            _number(problems, f"{key}.max", item.get("max", 74)),
        )
        for key, item, crit, cid in _rule_items(problems, items, checks, "caps")
    )


def _build_floors(
    problems: Problems, items: Any, checks: dict[str, CheckConfig]
) -> tuple[Floor, ...]:
    return tuple(
        Floor(
            crit,
            cid,
            _number(problems, f"{key}.at_least", item.get("at_least", 0.5)),
            _number(problems, f"{key}.min", item.get("min", 25)),
        )
        for key, item, crit, cid in _rule_items(problems, items, checks, "floors")
    )


def _build_roles(
    problems: Problems, table: Any, checks: dict[str, CheckConfig]
) -> tuple[RoleRules, tuple[Floor, ...]]:
    """`[roles]`: criteria judged and weight per role, words per language, JSON-LD types,
    the fallback role, and `[[roles.floors]]` (floors that hold on one role's pages)."""
    if not isinstance(table, dict):
        problems.add("roles", "must be a table")
        return RoleRules(), ()
    for key in table:
        if key not in ("judged", "weight", "words", "structured", "fallback", "floors"):
            hint = did_you_mean(key, ["judged", "weight", "words", "structured", "fallback"])
            problems.add(f"roles.{key}", f"unknown key{hint}")
    judged = {
        role: tuple(crits)
        for role, crits in _role_table(problems, table, "judged", list).items()
        if _all_known(problems, f"roles.judged.{role}", crits, CRITERIA)
    }
    weights = {
        role: _number(problems, f"roles.weight.{role}", w, 1.0)
        for role, w in _role_table(problems, table, "weight", (int, float)).items()
    }
    structured = {
        role: tuple(str(t) for t in types)
        for role, types in _role_table(problems, table, "structured", list).items()
    }
    words: dict[str, dict[str, tuple[str, ...]]] = {}
    by_lang = table.get("words", {})
    if not isinstance(by_lang, dict):
        problems.add("roles.words", "must be a table of [roles.words.<language>] tables")
        by_lang = {}
    for lang, lists in by_lang.items():
        sub = _role_table(problems, {lang: lists}, lang, list, prefix="roles.words.")
        words[lang.lower()] = {r: tuple(str(w) for w in ws) for r, ws in sub.items()}
    fallback = table.get("fallback", "landing")
    if fallback not in ROLES:
        problems.add(
            "roles.fallback", f"unknown role {fallback!r}{did_you_mean(str(fallback), list(ROLES))}"
        )
        fallback = "landing"
    floors = []
    for key, item, crit, cid in _rule_items(
        problems, table.get("floors", []), checks, "roles.floors"
    ):
        role = item.get("role")
        if role not in ROLES:
            problems.add(
                f"{key}.role", f"unknown role {role!r}{did_you_mean(str(role), list(ROLES))}"
            )
            continue
        at_least = _number(problems, f"{key}.at_least", item.get("at_least", 0.5))
        floors.append(
            Floor(
                crit, cid, at_least, _number(problems, f"{key}.min", item.get("min", 25)), str(role)
            )
        )
    return RoleRules(judged, weights, words, structured, fallback), tuple(floors)


def _role_table(
    problems: Problems, table: dict[str, Any], name: str, kind: Any, prefix: str = "roles."
) -> dict[str, Any]:
    """`[roles.<name>]`: a table keyed by role; unknown roles and wrong shapes are problems."""
    sub = table.get(name, {})
    if not isinstance(sub, dict):
        problems.add(f"{prefix}{name}", "must be a table keyed by role")
        return {}
    out = {}
    for role, value in sub.items():
        key = f"{prefix}{name}.{role}"
        if role not in ROLES:
            problems.add(key, f"unknown role {role!r}{did_you_mean(role, list(ROLES))}")
        elif not isinstance(value, kind) or isinstance(value, bool):
            problems.add(key, "must be a list" if kind is list else "must be a number")
        else:
            out[role] = value
    return out


def _all_known(problems: Problems, key: str, values: list[Any], known: tuple[str, ...]) -> bool:
    bad = [v for v in values if v not in known]
    for v in bad:
        problems.add(key, f"unknown criterion {v!r}{did_you_mean(str(v), list(known))}")
    return not bad
