"""sitekit.toml: values, located errors and warnings, every problem collected."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit.build.config import load_config
from sitekit.errors import ConfigError


def write(tmp_path: Path, text: str) -> Path:
    (tmp_path / "sitekit.toml").write_text(text)
    return tmp_path


def test_full_config(tmp_path: Path) -> None:
    config = load_config(
        write(
            tmp_path,
            """\
[site]
name = "Acme"
base_url = "https://acme.example/"
language = "de"
analytics = "<script></script>"

[[nav]]
label = "Prices"
url = "/prices/"

[contact]
email = "a@acme.example"

[labels]
faq = "Fragen"

[check]
fail_under = 80
profile = "default"

[check.criteria]
benefit = 70

[[check.ignore]]
url = "/legal/*"
check = "proof-testimonial"
reason = "legal pages need no proof"
""",
        )
    )
    assert config.name == "Acme" and config.base_url == "https://acme.example"
    assert config.language == "de" and config.nav[0].url == "/prices/"
    assert config.contact.email == "a@acme.example"
    assert config.extra["labels"]["faq"] == "Fragen"
    assert config.extra["labels"]["proof"] == "What customers say"
    assert config.check.fail_under == 80 and config.check.criteria_fail_under == {"benefit": 70}
    assert config.check.ignore[0].reason == "legal pages need no proof"
    assert config.diagnostics == ()


def test_base_url_override(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[site]\nname = "A"\n'), base_url="https://b.example")
    assert config.base_url == "https://b.example"


def test_unknown_keys_warn_with_location_and_did_you_mean(tmp_path: Path) -> None:
    config = load_config(write(tmp_path, '[site]\nname = "A"\nlangauge = "en"\n\n[contcat]\n'))
    found = [str(d) for d in config.diagnostics]
    assert "sitekit.toml:3: unknown key 'langauge' in [site] (did you mean 'language'?)" in found
    assert "sitekit.toml:5: unknown table 'contcat' (did you mean 'contact'?)" in found


def test_every_error_is_collected(tmp_path: Path) -> None:
    text = '[site]\nbase_url = "acme.example"\nlanguage = 3\n\n[[check.ignore]]\ncheck = "x"\n'
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, text))
    found = [str(d) for d in info.value.diagnostics]
    assert any("[site] name is required" in m for m in found)
    assert (
        "sitekit.toml:2: [site] base_url must start with http:// or https://, got "
        "'acme.example'" in found
    )
    assert "sitekit.toml:3: [site] language must be a string, got int" in found
    assert any("needs a reason" in m for m in found)


def test_invalid_toml_names_the_line(tmp_path: Path) -> None:
    with pytest.raises(ConfigError) as info:
        load_config(write(tmp_path, '[site]\nname = "A"\nbase_url = \n'))
    assert str(info.value.diagnostics[0]).startswith("sitekit.toml:3: invalid TOML")


def test_missing_config_file(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match="not a sitekit site"):
        load_config(tmp_path)
