"""sitekit.tomlcache: tomllib.loads remembered in the user cache by the text itself."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path

import pytest

from sitekit import tomlcache

TEXT = '[site]\ntitle = "Acme"\nlang = "en"\n\n[nav]\nitems = [1, 2.5, true]\n'


def test_the_same_table_from_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    first = tomlcache.loads(TEXT)
    assert list((tmp_path / "sitekit" / "toml").glob("*.marshal"))
    assert first == tomlcache.loads(TEXT) == tomllib.loads(TEXT)
    first["site"]["title"] = "changed"  # each call gets its own table
    assert tomlcache.loads(TEXT)["site"]["title"] == "Acme"


def test_a_changed_text_or_a_spoilt_entry_is_parsed_again(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    tomlcache.loads(TEXT)
    for entry in (tmp_path / "sitekit" / "toml").glob("*.marshal"):
        entry.write_bytes(b"not marshal")
    assert tomlcache.loads(TEXT) == tomllib.loads(TEXT)
    assert tomlcache.loads(TEXT + "x = 1\n")["nav"]["x"] == 1


def test_dates_are_parsed_every_time_and_errors_are_tomllibs(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path))
    assert str(tomlcache.loads("d = 2026-12-06\n")["d"]) == "2026-12-06"
    with pytest.raises(tomllib.TOMLDecodeError) as caught:
        tomlcache.loads("a = [\n")
    assert tomlcache.is_decode_error(caught.value)
    assert not tomlcache.is_decode_error(ValueError("x"))


def test_a_cached_text_does_not_import_tomllib(tmp_path: Path) -> None:
    code = (
        "import sys; from sitekit import tomlcache; "
        f"assert tomlcache.loads({TEXT!r})['site']['title'] == 'Acme'; "
        "print('tomllib' in sys.modules)"
    )
    env = {"XDG_CACHE_HOME": str(tmp_path), "PYTHONPATH": str(Path(__file__).parents[1])}
    runs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)]
    runs.append(
        subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    )
    assert [r.stdout.strip() for r in runs] == ["True", "False"], [r.stderr for r in runs]
