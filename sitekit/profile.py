"""Audit profiles (TOML): which checks run, their weights and thresholds, caps and word lists."""

from __future__ import annotations

import difflib
import tomllib
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitekit import calibration
from sitekit.checks import REGISTRY, Options, load_checks
from sitekit.errors import ConfigError, Diagnostic, Location
from sitekit.models import CRITERIA
from sitekit.resources import audits_dir

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
    """A loaded, validated profile; `words_lang` holds per-language word-list tables."""

    name: str
    path: str
    checks: dict[str, CheckConfig]
    words: dict[str, tuple[str, ...]]
    words_lang: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    all_languages: bool = True
    groups: dict[str, dict[str, float]] = field(default_factory=dict)  # criterion -> group -> w
    caps: tuple[Cap, ...] = ()
    floors: tuple[Floor, ...] = ()
    entry_weight: float = 0.5
    calibration: dict[str, calibration.Curve] = field(default_factory=dict)  # criterion -> curve
    _words_cache: dict[str, dict[str, tuple[str, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    def options_for(self, check_id: str, lang: str = "") -> Options:
        """The options one check sees on a page in language `lang`."""
        return Options(words=self.words_for(lang), params=self.checks[check_id].params)

    def words_for(self, lang: str) -> dict[str, tuple[str, ...]]:
        """Base word lists plus the page language's (plus all languages when so configured)."""
        code = lang.lower().split("-")[0].split("_")[0]
        if code not in self._words_cache:
            self._words_cache[code] = self._merge_words(code)
        return self._words_cache[code]

    def _merge_words(self, code: str) -> dict[str, tuple[str, ...]]:
        tables = [self.words_lang[code]] if code in self.words_lang else []
        if self.all_languages:
            tables = [t for k, t in sorted(self.words_lang.items()) if k != code]
            if code in self.words_lang:
                tables.insert(0, self.words_lang[code])
        if not tables:
            return self.words
        merged = {k: list(v) for k, v in self.words.items()}
        for table in tables:
            for key, values in table.items():
                merged.setdefault(key, []).extend(values)
        return {k: tuple(dict.fromkeys(v)) for k, v in merged.items()}


def load_profile(path: str | Path | None = None) -> Profile:
    """Load audits/default.toml, a bundled profile by name ("de"), or a user profile file."""
    load_checks()
    if path is None:
        path = audits_dir() / "default.toml"
    bundled = audits_dir() / f"{path}.toml"
    if not Path(path).exists() and Path(str(path)).suffix == "" and bundled.is_file():
        path = bundled  # a bundled profile by name: "default", "de"
    raw = _load_chain(Path(path), 0)
    return _build(raw, str(path))


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with path.open("rb") as fh:
            return tomllib.load(fh)
    except FileNotFoundError:
        raise ConfigError(
            f"{path}: profile not found",
            (Diagnostic("error", "profile not found", Location(str(path))),),
        ) from None
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(
            f"{path}: invalid TOML: {exc}",
            (Diagnostic("error", f"invalid TOML: {exc}", Location(str(path))),),
        ) from None


def _load_chain(path: Path, depth: int) -> dict[str, Any]:
    data = _read_toml(path)
    data["__file__"] = str(path)
    parent_name = data.get("extends")
    if parent_name is None:
        return data
    if not isinstance(parent_name, str):
        _fail(str(path), "extends", "must be a string such as 'default' or 'de'")
    if depth >= _MAX_EXTENDS:
        _fail(str(path), "extends", "too many levels of 'extends'")
    parent_path = _resolve_parent(parent_name, path)
    return _merge(_load_chain(parent_path, depth + 1), data)


def _resolve_parent(name: str, child: Path) -> Path:
    local = (child.parent / name).with_suffix(".toml") if not name.endswith(".toml") else None
    bundled = audits_dir() / f"{name}.toml"
    if bundled.is_file() and bundled.resolve() != child.resolve():
        return bundled
    if local is not None and local.is_file() and local.resolve() != child.resolve():
        return local
    if name.endswith(".toml") and (child.parent / name).is_file():
        return child.parent / name
    known = sorted(p.stem for p in audits_dir().glob("*.toml"))
    _fail(str(child), "extends", f"unknown profile {name!r}{_did_you_mean(name, known)}")
    raise AssertionError  # unreachable


def _merge(base: dict[str, Any], child: dict[str, Any]) -> dict[str, Any]:
    """Child values win; tables merge key by key; [[caps]] and [[floors]] add to the parent's."""
    out = dict(base)
    for key, value in child.items():
        if key == "extends":
            continue
        if key in ("caps", "floors") and isinstance(value, list) and isinstance(out.get(key), list):
            out[key] = [*out[key], *value]
        elif isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = _merge(out[key], value)
        else:
            out[key] = value
    return out


def _fail(file: str, key: str, message: str) -> None:
    raise ConfigError(
        f"{file}: {key}: {message}",
        (Diagnostic("error", message, Location(file), field=key),),
    )


def _did_you_mean(name: str, known: list[str]) -> str:
    close = difflib.get_close_matches(name, known, n=1, cutoff=0.5)
    return f" (did you mean {close[0]!r}?)" if close else ""


def _number(file: str, key: str, value: Any) -> float:
    if isinstance(value, bool) or not isinstance(value, (int, float)):
        _fail(file, key, f"must be a number, not {type(value).__name__} {value!r}")
    return float(value)


def _word_table(file: str, key: str, table: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        _fail(file, key, "must be a table of word lists")
    out: dict[str, tuple[str, ...]] = {}
    for name, values in table.items():
        if isinstance(values, dict):
            continue  # a nested table, handled by the caller
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            _fail(file, f"{key}.{name}", "must be a list of strings")
        out[name] = tuple(v.lower().strip() for v in values if v.strip())
    return out


def _build(raw: dict[str, Any], file: str) -> Profile:
    file = raw.get("__file__", file)
    name = raw.get("name", Path(file).stem)
    if not isinstance(name, str):
        _fail(file, "name", "must be a string")
    checks = _build_checks(file, raw.get("checks", {}))
    words = _word_table(file, "words", raw.get("words", {}))
    for key, extra in _word_table(file, "words_add", raw.get("words_add", {})).items():
        words[key] = tuple(dict.fromkeys(words.get(key, ()) + extra))
    lang_raw = raw.get("words_lang", {})
    if not isinstance(lang_raw, dict):
        _fail(file, "words_lang", "must be a table of language tables")
    words_lang = {
        code: _word_table(file, f"words_lang.{code}", table) for code, table in lang_raw.items()
    }
    for required in ("seller_talk", "vague_cta", "low_commitment"):
        if required not in words:
            _fail(file, f"words.{required}", "is required (a list of lowercase phrases)")
    all_languages = raw.get("all_languages", True)
    if not isinstance(all_languages, bool):
        _fail(file, "all_languages", "must be true or false")
    site = raw.get("site", {})
    if not isinstance(site, dict):
        _fail(file, "site", "must be a table")
    entry_weight = _number(file, "site.entry_weight", site.get("entry_weight", 0.5))
    if not 0 <= entry_weight <= 1:
        _fail(file, "site.entry_weight", "must be between 0 and 1")
    return Profile(
        name=name,
        path=file,
        checks=checks,
        words=words,
        words_lang=words_lang,
        all_languages=all_languages,
        groups=_build_groups(file, raw.get("groups", {})),
        caps=_build_caps(file, raw.get("caps", []), checks),
        floors=_build_floors(file, raw.get("floors", []), checks),
        entry_weight=entry_weight,
        calibration=_build_calibration(file, raw.get("calibration", "")),
    )


def _build_calibration(file: str, name: Any) -> dict[str, calibration.Curve]:
    """`calibration = "calibration.toml"`: curves beside the profile, else bundled; "" = none."""
    if not isinstance(name, str):
        _fail(file, "calibration", "must be the name of a calibration TOML file")
    if not name:
        return {}
    path = Path(file).parent / name
    path = path if path.is_file() else audits_dir() / name
    try:
        curves = calibration.load(path)
    except (OSError, ValueError, tomllib.TOMLDecodeError) as exc:
        _fail(file, "calibration", str(exc))
    for crit in curves:
        if crit not in CRITERIA:
            _fail(file, f"calibration.{crit}", "unknown criterion")
    return curves


def _build_checks(file: str, table: Any) -> dict[str, CheckConfig]:
    if not isinstance(table, dict):
        _fail(file, "checks", "must be a table of [checks.<id>] tables")
    known = sorted(REGISTRY)
    for cid in table:
        if cid not in REGISTRY:
            _fail(file, f"checks.{cid}", f"unknown check id {cid!r}{_did_you_mean(cid, known)}")
    out: dict[str, CheckConfig] = {}
    for cid in REGISTRY:
        spec = table.get(cid, {})
        if not isinstance(spec, dict):
            _fail(file, f"checks.{cid}", "must be a table")
        params = {k: v for k, v in spec.items() if k not in ("enabled", "weight", "group")}
        enabled = spec.get("enabled", True)
        if not isinstance(enabled, bool):
            _fail(file, f"checks.{cid}.enabled", "must be true or false")
        weight = _number(file, f"checks.{cid}.weight", spec.get("weight", 1.0))
        if weight < 0:
            _fail(file, f"checks.{cid}.weight", "must not be negative")
        group = spec.get("group", "")
        if not isinstance(group, str):
            _fail(file, f"checks.{cid}.group", "must be a string")
        for key, value in params.items():
            if not isinstance(value, (int, float, str, list)) or isinstance(value, bool):
                _fail(file, f"checks.{cid}.{key}", "must be a number, string or list")
        out[cid] = CheckConfig(cid, enabled, weight, group, params)
    return out


def _build_groups(file: str, table: Any) -> dict[str, dict[str, float]]:
    if not isinstance(table, dict):
        _fail(file, "groups", "must be a table of [groups.<criterion>] tables")
    out: dict[str, dict[str, float]] = {}
    for crit, groups in table.items():
        if crit not in CRITERIA:
            _fail(file, f"groups.{crit}", f"unknown criterion{_did_you_mean(crit, list(CRITERIA))}")
        if not isinstance(groups, dict):
            _fail(file, f"groups.{crit}", "must be a table of group weights")
        out[crit] = {g: _number(file, f"groups.{crit}.{g}", w) for g, w in groups.items()}
    return out


def _rule_items(
    file: str, items: Any, checks: dict[str, CheckConfig], table: str
) -> Iterator[tuple[str, dict[str, Any], str, str]]:
    """Validate an array of [[caps]] or [[floors]]: (key, item, criterion, check id) each."""
    if not isinstance(items, list):
        _fail(file, table, f"must be an array of [[{table}]] tables")
    for i, item in enumerate(items):
        key = f"{table}[{i}]"
        if not isinstance(item, dict):
            _fail(file, key, "must be a table")
        crit, cid = item.get("criterion"), item.get("check")
        if crit not in CRITERIA:
            _fail(file, f"{key}.criterion", f"unknown criterion {crit!r}")
        if cid not in checks:
            hint = _did_you_mean(str(cid), sorted(checks))
            _fail(file, f"{key}.check", f"unknown check id {cid!r}{hint}")
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
