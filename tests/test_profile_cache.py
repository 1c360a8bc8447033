"""The parsed-profile cache: a profile read again comes from the cache, an edit is read
fresh, and a broken or unwritable cache changes nothing but speed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from sitekit.audit.words import read_profile


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    return tmp_path / "cache" / "sitekit" / "profiles"


def write_profile(path: Path, weight: int) -> None:
    path.write_text(
        f'extends = "default"\n[checks.proof-faq]\nweight = {weight}\n', encoding="utf-8"
    )


def test_a_profile_read_twice_comes_back_the_same_from_the_cache(cache: Path) -> None:
    first = read_profile()
    cached = list(cache.glob("*.marshal"))
    assert len(cached) == 1
    assert read_profile() == first


def test_an_edited_profile_is_read_fresh(tmp_path: Path, cache: Path) -> None:
    mine = tmp_path / "mine.toml"
    write_profile(mine, 2)
    assert read_profile(mine)["checks"]["proof-faq"]["weight"] == 2
    write_profile(mine, 3)
    os.utime(mine, ns=(1, 1))  # even with an old time, the size or change time differs
    assert read_profile(mine)["checks"]["proof-faq"]["weight"] == 3


def test_a_broken_cache_file_is_parsed_again(cache: Path) -> None:
    expected = read_profile()
    for blob in cache.glob("*.marshal"):
        blob.write_bytes(b"\x00 not marshal")
    assert read_profile() == expected


def test_an_unwritable_cache_is_no_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocked = tmp_path / "blocked"
    blocked.write_text("a file where the cache folder would be", encoding="utf-8")
    monkeypatch.setenv("XDG_CACHE_HOME", str(blocked))
    assert read_profile()["checks"]


def test_invalid_toml_is_still_a_located_error(tmp_path: Path, cache: Path) -> None:
    from sitekit.errors import ConfigError

    bad = tmp_path / "bad.toml"
    bad.write_text("[checks\n", encoding="utf-8")
    with pytest.raises(ConfigError, match="invalid TOML"):
        read_profile(bad)
    assert not list(cache.glob("*.marshal"))
