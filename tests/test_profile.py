"""Profiles: the default, extending it, the German one, and clear errors."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit.audit.checks import REGISTRY
from sitekit.audit.profile import load_profile
from sitekit.errors import ConfigError


def test_default_has_every_check_and_required_words() -> None:
    p = load_profile()
    assert set(p.checks) == set(REGISTRY)
    for key in ("seller_talk", "vague_cta", "low_commitment"):
        assert p.words[key] and all(w == w.lower() for w in p.words[key])
    assert p.checks["benefit-headline-length"].params["max_words"] == 12
    assert any(c.criterion == "findability" for c in p.caps)


def test_words_for_language_merges_tables() -> None:
    p = load_profile()
    de = p.words_for("de-CH")
    assert "willkommen" in de["welcome"] and "welcome to" in de["welcome"]


def test_user_profile_extends_default(tmp_path: Path) -> None:
    f = tmp_path / "mine.toml"
    f.write_text(
        'extends = "default"\nname = "mine"\n[checks.benefit-headline]\nweight = 5\n'
        '[checks.proof-faq]\nenabled = false\n[words_add]\nseller_talk = ["Acme way"]\n'
    )
    p = load_profile(f)
    assert p.name == "mine"
    assert p.checks["benefit-headline"].weight == 5
    assert not p.checks["proof-faq"].enabled
    assert "acme way" in p.words["seller_talk"] and "founded in" in p.words["seller_talk"]
    assert p.checks["benefit-outcome"].weight == 3.0  # inherited


def test_user_caps_add_to_the_parents(tmp_path: Path) -> None:
    f = tmp_path / "caps.toml"
    f.write_text(
        'extends = "default"\n[[caps]]\ncriterion = "proof"\ncheck = "proof-faq"\n'
        "below = 0.5\nmax = 50\n"
    )
    base, mine = load_profile(), load_profile(f)
    assert len(mine.caps) == len(base.caps) + 1 and mine.caps[-1].check == "proof-faq"
    f.write_text('extends = "default"\n[[caps]]\ncriterion = "proof"\ncheck = "proof-fag"\n')
    with pytest.raises(ConfigError, match="did you mean 'proof-faq'"):
        load_profile(f)


def test_german_profile() -> None:
    from sitekit.resources import audits_dir

    p = load_profile(audits_dir() / "de.toml")
    assert p.name == "de"
    assert "wir sind" in p.words["seller_talk"]
    assert any("kostenlos" in w for w in p.words["low_commitment"])


def test_unknown_check_did_you_mean(tmp_path: Path) -> None:
    f = tmp_path / "bad.toml"
    f.write_text('extends = "default"\n[checks.benefit-headlin]\nweight = 1\n')
    with pytest.raises(ConfigError) as err:
        load_profile(f)
    assert "benefit-headlin" in str(err.value) and "did you mean 'benefit-headline'" in str(
        err.value
    )
    assert str(f) in str(err.value)


def test_bad_type_names_file_and_key(tmp_path: Path) -> None:
    f = tmp_path / "bad.toml"
    f.write_text('extends = "default"\n[checks.benefit-headline]\nweight = "heavy"\n')
    with pytest.raises(ConfigError) as err:
        load_profile(f)
    diag = err.value.diagnostics[0]
    assert diag.field == "checks.benefit-headline.weight" and diag.location.path == str(f)


def test_bad_toml_and_missing_file(tmp_path: Path) -> None:
    f = tmp_path / "broken.toml"
    f.write_text("name = \n")
    with pytest.raises(ConfigError, match="invalid TOML"):
        load_profile(f)
    with pytest.raises(ConfigError, match="not found"):
        load_profile(tmp_path / "nope.toml")


def test_unknown_parent(tmp_path: Path) -> None:
    f = tmp_path / "x.toml"
    f.write_text('extends = "defualt"\n')
    with pytest.raises(ConfigError, match="did you mean 'default'"):
        load_profile(f)


def test_bundled_profile_by_name() -> None:
    assert load_profile("de").name == "de"
    assert load_profile("default").name == "default"
    with pytest.raises(ConfigError, match="not found"):
        load_profile("no-such-profile")


def test_spanish_profile() -> None:
    p = load_profile("es")
    assert p.name == "es" and "somos" in p.words["seller_talk"]
    assert "presupuesto" in p.words["low_commitment"]


def test_user_floors_add_to_the_parents(tmp_path: Path) -> None:
    f = tmp_path / "floors.toml"
    f.write_text(
        'extends = "default"\n[[floors]]\ncriterion = "proof"\ncheck = "proof-faq"\n'
        "at_least = 1.0\nmin = 30\n"
    )
    base, mine = load_profile(), load_profile(f)
    assert len(mine.floors) == len(base.floors) + 1 and mine.floors[-1].min == 30
    f.write_text('extends = "default"\n[[floors]]\ncriterion = "proof"\ncheck = "proof-fag"\n')
    with pytest.raises(ConfigError, match="did you mean 'proof-faq'"):
        load_profile(f)
    f.write_text(
        'extends = "default"\n[[floors]]\ncriterion = "proof"\ncheck = "proof-faq"\nmin = "high"\n'
    )
    with pytest.raises(ConfigError, match=r"floors\[\d+\]\.min: must be a number"):
        load_profile(f)


def test_check_parameters_are_the_declared_defaults_overlaid(tmp_path: Path) -> None:
    base = load_profile()
    for cid, spec in REGISTRY.items():
        assert set(base.checks[cid].params) == set(spec.params)  # every declared name, no other
    assert base.checks["benefit-seller-talk"].params["offer_words"] == 3  # not in the TOML
    f = tmp_path / "mine.toml"
    f.write_text('extends = "default"\n[checks.benefit-headline-length]\nmax_words = 10\n')
    mine = load_profile(f).options_for("benefit-headline-length").params
    assert mine["max_words"] == 10 and mine["min_words"] == 3


def test_unknown_check_parameter_is_rejected(tmp_path: Path) -> None:
    f = tmp_path / "typo.toml"
    f.write_text('extends = "default"\n[checks.benefit-headline-length]\nmax_word = 10\n')
    with pytest.raises(ConfigError) as err:
        load_profile(f)
    (diag,) = err.value.diagnostics
    assert diag.field == "checks.benefit-headline-length.max_word"
    assert diag.location is not None and diag.location.path == str(f)
    assert "unknown parameter 'max_word'" in diag.message
    assert "did you mean 'max_words'" in diag.message
    f.write_text('extends = "default"\n[checks.proof-faq]\nmax_words = 10\n')  # declares none
    with pytest.raises(ConfigError, match="unknown parameter 'max_words' for check proof-faq"):
        load_profile(f)


def test_cap_spread_must_be_a_share(tmp_path: Path) -> None:
    f = tmp_path / "spread.toml"
    f.write_text('extends = "default"\ncap_spread = 1.5\n')
    with pytest.raises(ConfigError) as err:
        load_profile(f)
    assert [d.field for d in err.value.diagnostics] == ["cap_spread"]
    assert "between 0 and 1" in str(err.value)
    f.write_text('extends = "default"\ncap_spread = 0\n')
    assert load_profile(f).cap_spread == 0.0
    f.write_text('extends = "default"\nname = "acme"\n')
    assert load_profile(f).cap_spread == load_profile().cap_spread == 0.5  # inherited


def test_every_profile_problem_is_reported_at_once(tmp_path: Path) -> None:
    f = tmp_path / "bad.toml"
    f.write_text(
        'extends = "default"\n[site]\nentry_weight = 2\n'
        '[checks.benefit-headline]\nweight = "heavy"\n[checks.benefit-headlin]\nweight = 1\n'
        '[checks.findability-nav]\nmax_item = 9\n[words]\nvague_cta = "submit"\n'
        '[[caps]]\ncriterion = "proof"\ncheck = "proof-fag"\n'
    )
    with pytest.raises(ConfigError) as err:
        load_profile(f)
    fields = [d.field for d in err.value.diagnostics]
    assert fields == [
        "checks.benefit-headlin",
        "checks.benefit-headline.weight",
        "checks.findability-nav.max_item",
        "site.entry_weight",
        "words.vague_cta",
        f"caps[{len(load_profile().caps)}].check",
    ]
    assert all(d.level == "error" and d.location.path == str(f) for d in err.value.diagnostics)
    assert "6 problems" in str(err.value) and "did you mean 'proof-faq'" in str(err.value)


def test_calibration_limits_replace_the_hand_set_values(tmp_path: Path) -> None:
    """A fitted limit in the profile's calibration file replaces the value of the cap it names;
    `calibrated=False` keeps the hand-set value (what bench/calibrate.py fits from)."""
    (tmp_path / "cal.toml").write_text(
        '[curves]\n[[limits]]\nrule = "cap"\ncriterion = "proof"\ncheck = "proof-faq"\n'
        "below = 0.5\nmax = 30\n"
    )
    f = tmp_path / "mine.toml"
    f.write_text(
        'extends = "default"\ncalibration = "cal.toml"\n'
        '[[caps]]\ncriterion = "proof"\ncheck = "proof-faq"\nbelow = 0.5\nmax = 50\n'
    )
    fitted, hand = load_profile(f), load_profile(f, calibrated=False)
    assert [c.max for c in fitted.caps if c.check == "proof-faq"] == [30.0]
    assert [c.max for c in hand.caps if c.check == "proof-faq"] == [50.0]
    assert len(fitted.limits) == 1 and hand.limits == ()
    others = [c for c in fitted.caps if c.check != "proof-faq"]
    assert others == [c for c in hand.caps if c.check != "proof-faq"]


def test_a_limit_for_a_rule_the_profile_lacks_is_a_located_problem(tmp_path: Path) -> None:
    (tmp_path / "cal.toml").write_text(
        '[curves]\n[[limits]]\nrule = "floor"\ncriterion = "proof"\ncheck = "proof-faq"\n'
        "at_least = 0.9\nmin = 30\n"
    )
    f = tmp_path / "mine.toml"
    f.write_text('extends = "default"\ncalibration = "cal.toml"\n')
    with pytest.raises(ConfigError) as err:
        load_profile(f)
    [problem] = err.value.diagnostics
    assert problem.field == "calibration: limits[1]"
    assert "no floor on proof-faq at 0.9 for proof" in problem.message
    assert load_profile(f, calibrated=False).limits == ()
