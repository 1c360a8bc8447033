"""Word lists: the profile's `[words]` and `[words_lang.XX]` tables, read from a profile file
and its `extends` chain, merged per page language. The one place word lists come from, for
the auditor's checks and the builder's guard alike; cheap to load (no check is imported)."""

from __future__ import annotations

import marshal
import os
import sys
import tomllib
import zlib
from collections.abc import Mapping
from dataclasses import dataclass, field
from functools import cached_property
from pathlib import Path
from typing import Any, NoReturn, cast

from sitekit.errors import ConfigError, Diagnostic, Location, did_you_mean
from sitekit.phrases import has_phrase, starts_with_phrase
from sitekit.resources import audits_dir

_MAX_EXTENDS = 5
REQUIRED = ("seller_talk", "vague_cta", "low_commitment")


def says_small_step(label: str, words: Mapping[str, tuple[str, ...]]) -> bool:
    """A label that names a low-commitment step ('Get a free estimate', 'Termin buchen'), or
    opens with a step verb ('Schedule a call', 'Schedule inspection'): the same verb after
    other words is the noun, a timetable to look at ('View schedule', 'Class schedule')."""
    if has_phrase(label, words.get("low_commitment", ())):
        return True
    return starts_with_phrase(label, words.get("step_verbs", ()))


@dataclass(frozen=True)
class WordLists:
    """Base lists, per-language tables, and whether every language's table applies to every
    page (`all_languages`)."""

    words: dict[str, tuple[str, ...]]
    words_lang: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)
    all_languages: bool = True
    _cache: dict[str, dict[str, tuple[str, ...]]] = field(
        default_factory=dict, compare=False, repr=False
    )

    @cached_property
    def function_words(self) -> dict[str, tuple[str, ...]]:
        """Language -> its commonest small words (`function_words`; the base lists are
        English): how a page's declared language is confirmed without the detector."""
        out = {code: t.get("function_words", ()) for code, t in self.words_lang.items()}
        out["en"] = self.words.get("function_words", ())
        return {code: words for code, words in out.items() if words}

    def words_for(self, lang: str) -> dict[str, tuple[str, ...]]:
        """Base word lists plus the page language's (plus all languages when so configured)."""
        code = lang.lower().split("-")[0].split("_")[0]
        if code not in self._cache:
            self._cache[code] = self._merge_words(code)
        return self._cache[code]

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


def resolve_profile_path(path: str | Path | None) -> Path:
    """audits/default.toml, a bundled profile by name ("de"), or a user profile file."""
    if path is None:
        return audits_dir() / "default.toml"
    bundled = audits_dir() / f"{path}.toml"
    if not Path(path).exists() and Path(str(path)).suffix == "" and bundled.is_file():
        return bundled  # a bundled profile by name: "default", "de"
    return Path(path)


def read_profile(path: str | Path | None = None) -> dict[str, Any]:
    """The raw profile table, its `extends` chain merged (child values win)."""
    return _load_chain(resolve_profile_path(path), 0)


def load_word_lists(path: str | Path | None = None) -> WordLists:
    """Only the word lists of a profile (what the builder's guard needs)."""
    raw = read_profile(path)
    return word_lists_from(raw, raw["__file__"])


class Problems:
    """Every problem found in one profile, raised at once as one ConfigError."""

    def __init__(self, file: str) -> None:
        self.file = file
        self.diagnostics: list[Diagnostic] = []

    def add(self, key: str, message: str) -> None:
        """A problem with the value at dotted `key` ("checks.proof-faq.weight")."""
        diag = Diagnostic("error", f"{key}: {message}", Location(self.file), field=key)
        self.diagnostics.append(diag)

    def error(self) -> ConfigError:
        found = self.diagnostics
        if len(found) == 1:
            return ConfigError(f"{self.file}: {found[0].message}", tuple(found))
        listed = "; ".join(d.message for d in found)
        return ConfigError(f"{self.file}: {len(found)} problems: {listed}", tuple(found))

    def raise_if_any(self) -> None:
        if self.diagnostics:
            raise self.error()


def fail(file: str, key: str, message: str) -> NoReturn:
    """Stop at a problem nothing after it can be checked without (a missing parent profile)."""
    problems = Problems(file)
    problems.add(key, message)
    raise problems.error()


def word_lists_from(raw: dict[str, Any], file: str, problems: Problems | None = None) -> WordLists:
    """Validate and merge the word tables of a raw profile; problems go to `problems` (the
    caller raises), or, without it, are raised here, all at once."""
    found = Problems(file) if problems is None else problems
    words = _word_table(found, "words", raw.get("words", {}))
    for key, extra in _word_table(found, "words_add", raw.get("words_add", {})).items():
        words[key] = tuple(dict.fromkeys(words.get(key, ()) + extra))
    lang_raw = raw.get("words_lang", {})
    if not isinstance(lang_raw, dict):
        found.add("words_lang", "must be a table of language tables")
        lang_raw = {}
    words_lang = {
        code: _word_table(found, f"words_lang.{code}", table) for code, table in lang_raw.items()
    }
    given = raw.get("words", {}) if isinstance(raw.get("words"), dict) else {}
    for required in REQUIRED:
        if required not in words and required not in given:  # (a bad list is one problem)
            found.add(f"words.{required}", "is required (a list of lowercase phrases)")
    all_languages = raw.get("all_languages", True)
    if not isinstance(all_languages, bool):
        found.add("all_languages", "must be true or false")
        all_languages = True
    if problems is None:
        found.raise_if_any()
    return WordLists(words, words_lang, all_languages)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        stat = path.stat()
        key = f"{path.resolve()}|{stat.st_size}|{stat.st_mtime_ns}|{stat.st_ctime_ns}|{sys.version}"
        cached = _cache_file(key)
        try:
            found_key, data = marshal.loads(cached.read_bytes())
            if found_key == key:
                return cast("dict[str, Any]", data)
        except (OSError, EOFError, ValueError, TypeError):
            pass  # not cached yet (or unreadable): parse it
        with path.open("rb") as fh:
            data = tomllib.load(fh)
        _store(cached, (key, data))
        return cast("dict[str, Any]", data)
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


def _cache_file(key: str) -> Path:
    """Where the parsed table of a profile file is kept; `key` names the file's path, size and
    times (an edit makes a new key) and is stored with the table and compared on reading.
    Parsing default.toml costs 15-40 ms of every audit's start-up, reading it back ~1 ms.
    (zlib's checksum names the file: hashlib would load OpenSSL, ~3 MB in every worker.)"""
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    name = f"{zlib.crc32(key.encode()):08x}{len(key):04x}"
    return Path(root) / "sitekit" / "profiles" / f"{name}.marshal"


def _store(cached: Path, data: tuple[str, Any]) -> None:
    """Keep a parsed table for the next run (atomically); a cache that cannot be written, or
    a table marshal cannot hold, is simply not kept."""
    try:
        blob = marshal.dumps(data)
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(blob)
        os.replace(partial, cached)
    except (OSError, ValueError):
        pass


def _load_chain(path: Path, depth: int) -> dict[str, Any]:
    data = _read_toml(path)
    data["__file__"] = str(path)
    parent_name = data.get("extends")
    if parent_name is None:
        return data
    if not isinstance(parent_name, str):
        fail(str(path), "extends", "must be a string such as 'default' or 'de'")
    if depth >= _MAX_EXTENDS:
        fail(str(path), "extends", "too many levels of 'extends'")
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
    fail(str(child), "extends", f"unknown profile {name!r}{did_you_mean(name, known)}")


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


def _word_table(problems: Problems, key: str, table: Any) -> dict[str, tuple[str, ...]]:
    if not isinstance(table, dict):
        problems.add(key, "must be a table of word lists")
        return {}
    out: dict[str, tuple[str, ...]] = {}
    for name, values in table.items():
        if isinstance(values, dict):
            continue  # a nested table, handled by the caller
        if not isinstance(values, list) or not all(isinstance(v, str) for v in values):
            problems.add(f"{key}.{name}", "must be a list of strings")
            continue
        out[name] = tuple(v.lower().strip() for v in values if v.strip())
    return out
