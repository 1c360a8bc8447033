"""One 'did you mean' rule for every name a user types: config keys, content fields, profile
names, check ids and ignores."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit.audit.profile import load_profile
from sitekit.errors import ConfigError, did_you_mean


def test_a_close_name_is_suggested_and_a_far_one_is_not() -> None:
    assert did_you_mean("langauge", ["language", "name"]) == " (did you mean 'language'?)"
    assert did_you_mean("zzz", ["language", "name"]) == ""


def test_a_known_name_followed_by_a_separator_is_suggested() -> None:
    assert did_you_mean("cta_lable", ["cta", "benefit"]) == " (did you mean 'cta'?)"


def test_profile_check_ids_use_the_same_rule_as_config_keys(tmp_path: Path) -> None:
    """Before, a profile's check id was matched more loosely (cutoff 0.5) and quoted with
    repr; now it is the one rule, quoted like every other suggestion."""
    profile = tmp_path / "p.toml"
    profile.write_text('extends = "default"\n[checks.benefit-headlin]\nweight = 2\n')
    with pytest.raises(ConfigError) as info:
        load_profile(profile)
    assert "(did you mean 'benefit-headline'?)" in str(info.value)
