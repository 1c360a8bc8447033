"""Calibration curves: applying, validating and fitting the raw -> 0-100 maps."""

from __future__ import annotations

from pathlib import Path

import pytest

from sitekit.audit import calibration


def test_apply_interpolates_between_knots_and_is_flat_beyond() -> None:
    curve = ((10.0, 0.0), (50.0, 40.0), (90.0, 100.0))
    assert calibration.apply(curve, 0) == 0.0
    assert calibration.apply(curve, 30) == pytest.approx(20.0)
    assert calibration.apply(curve, 70) == pytest.approx(70.0)
    assert calibration.apply(curve, 100) == 100.0
    assert calibration.apply(None, 42.0) == 42.0


def test_validate_rejects_falling_or_out_of_range_knots() -> None:
    with pytest.raises(ValueError, match="rise"):
        calibration.validate([[0, 50], [50, 40]], "x")
    with pytest.raises(ValueError, match="0-100"):
        calibration.validate([[0, 0], [50, 140]], "x")
    with pytest.raises(ValueError, match="two"):
        calibration.validate([[0, 0]], "x")


def test_fit_is_monotone_and_pools_disagreeing_pages() -> None:
    raw = [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]
    target = [0, 20, 10, 30, 60, 40, 70, 90, 80, 100]
    curve = calibration.fit(raw, target, min_block=2)
    ys = [y for _, y in curve]
    assert ys == sorted(ys)
    assert calibration.apply(curve, 0) < calibration.apply(curve, 90)
    # every knot rests on at least two pages: no more knots than half the pages
    assert len(curve) <= len(raw) // 2


def test_dump_and_load_round_trip(tmp_path: Path) -> None:
    curves = {"benefit": ((0.0, 0.0), (55.5, 60.0), (100.0, 100.0))}
    path = tmp_path / "calibration.toml"
    path.write_text(calibration.dump(curves, "fitted"), encoding="utf-8")
    assert calibration.load(path) == curves


def test_fitted_curves_keep_the_ends_of_the_scale() -> None:
    raw = [0, 0, 0, 50, 50, 50, 100, 100, 100]
    target = [50, 50, 50, 60, 60, 60, 90, 90, 90]
    curve = calibration.fit(raw, target)
    assert calibration.apply(curve, 0) <= 50  # the raw-0 block's own knot
    assert curve[-1] == (100.0, 90.0) or calibration.apply(curve, 100) <= 100
    curve = calibration.fit([10, 20, 30, 40, 50, 60], [30, 30, 30, 70, 70, 70])
    assert curve[0] == (0.0, 0.0) and curve[-1] == (100.0, 100.0)


def _limits_file(tmp_path: Path, body: str) -> Path:
    path = tmp_path / "calibration.toml"
    path.write_text("[curves]\n" + body, encoding="utf-8")
    return path


def test_limits_round_trip_and_name_their_rule(tmp_path: Path) -> None:
    limits = (
        calibration.Limit("cap", "next_step", "next-step-low-commitment", 0.75, 25.0),
        calibration.Limit("floor", "proof", "proof-figures", 0.3, 40.0),
    )
    path = tmp_path / "calibration.toml"
    path.write_text(calibration.dump({}, "fitted", limits), encoding="utf-8")
    assert calibration.read(path) == ({}, limits)
    assert limits[0].names("cap", "next_step", "next-step-low-commitment", 0.75)
    assert not limits[0].names("floor", "next_step", "next-step-low-commitment", 0.75)
    assert not limits[0].names("cap", "next_step", "next-step-low-commitment", 0.6)


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('[[limits]]\nrule = "lid"\n', 'limits\\[1\\]: needs rule = "cap" or "floor"'),
        (
            '[[limits]]\nrule = "cap"\ncriterion = "proof"\ncheck = "proof-faq"\nbelow = "x"\n'
            "max = 3\n",
            r"limits\[1\]\.below: must be a number",
        ),
        (
            '[[limits]]\nrule = "floor"\ncriterion = "proof"\ncheck = "proof-faq"\n'
            "at_least = 0.5\nmin = 140\n",
            r"limits\[1\]\.min: must be 0-100",
        ),
        ('[[limits]]\nrule = "cap"\ncriterion = 3\n', r"limits\[1\]\.criterion: must be a string"),
    ],
)
def test_malformed_limits_are_located(tmp_path: Path, body: str, message: str) -> None:
    path = _limits_file(tmp_path, body)
    with pytest.raises(ValueError, match=message) as caught:
        calibration.read(path)
    assert str(path) in str(caught.value)
