"""Calibration: the numbers fitted on rated pages (bench/calibrate.py), stored as data in
`audits/calibration.toml`.

Limits: fitted values for some of the profile's caps (`max`) and floors (`min`), each named
by its criterion, check and threshold; the profile's own value is the hand-set starting point
the fit moves from, and what scores when the calibration is off (`calibration = ""`).

Curves: a fitted, monotone map from a criterion's raw score to its 0-100 score.

Checks gather evidence and the profile's weights, caps and floors combine it into a raw
criterion score; a curve, fitted on rated pages (bench/calibrate.py) and stored as data in
`audits/calibration.toml`, maps that raw score onto the raters' scale, the way Lighthouse maps
a metric onto its score. A curve is a list of knots (raw, calibrated), both 0-100, raw
strictly increasing and calibrated non-decreasing; between knots it is linear, beyond the
ends it is flat. Monotone: a page with more evidence never scores lower.
"""

from __future__ import annotations

import tomllib
from bisect import bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import pairwise
from pathlib import Path
from typing import Any

Curve = tuple[tuple[float, float], ...]
RULES = {"cap": ("below", "max"), "floor": ("at_least", "min")}  # rule -> threshold, value keys


@dataclass(frozen=True)
class Limit:
    """A fitted `max` of the cap (or `min` of the floor) on `check` at `threshold` (the cap's
    `below`, the floor's `at_least`) of `criterion`."""

    rule: str  # "cap" or "floor"
    criterion: str
    check: str
    threshold: float
    value: float

    def names(self, rule: str, criterion: str, check: str, threshold: float) -> bool:
        """Whether this limit is for that cap or floor."""
        return (self.rule, self.criterion, self.check) == (rule, criterion, check) and abs(
            self.threshold - threshold
        ) < 1e-9

    def applies_to(self, rule: Any) -> bool:
        """Whether this limit is for `rule`, a profile's Cap (when `self.rule` is "cap") or
        Floor: same criterion, check and threshold."""
        threshold_key, _ = RULES[self.rule]
        return self.names(self.rule, rule.criterion, rule.check, getattr(rule, threshold_key))

    def toml(self) -> str:
        below, value = RULES[self.rule]
        return (
            f'[[limits]]\nrule = "{self.rule}"\ncriterion = "{self.criterion}"\n'
            f'check = "{self.check}"\n{below} = {self.threshold:g}\n{value} = {self.value:g}'
        )


def apply(curve: Curve | None, raw: float) -> float:
    """The calibrated score for `raw` (the raw score itself when there is no curve)."""
    if not curve:
        return raw
    xs = [x for x, _ in curve]
    if raw <= xs[0]:
        return curve[0][1]
    if raw >= xs[-1]:
        return curve[-1][1]
    i = bisect_right(xs, raw) - 1
    (x0, y0), (x1, y1) = curve[i], curve[i + 1]
    return y0 + (y1 - y0) * (raw - x0) / (x1 - x0)


def validate(curve: Any, where: str) -> Curve:
    """A curve from TOML (a list of [raw, calibrated] pairs), checked; ValueError if bad."""
    if not isinstance(curve, list) or len(curve) < 2:
        raise ValueError(f"{where}: needs at least two [raw, calibrated] knots")
    knots: list[tuple[float, float]] = []
    for knot in curve:
        if (
            not isinstance(knot, list)
            or len(knot) != 2
            or not all(isinstance(v, (int, float)) and not isinstance(v, bool) for v in knot)
        ):
            raise ValueError(f"{where}: each knot is a [raw, calibrated] pair of numbers")
        knots.append((float(knot[0]), float(knot[1])))
    for (x0, y0), (x1, y1) in pairwise(knots):
        if x1 <= x0 or y1 < y0:
            raise ValueError(f"{where}: knots must rise (raw strictly, calibrated never falls)")
    if not all(0 <= v <= 100 for knot in knots for v in knot):
        raise ValueError(f"{where}: raw and calibrated scores are 0-100")
    return tuple(knots)


def load(path: Path) -> dict[str, Curve]:
    """criterion -> curve from a calibration TOML file ([curves] table)."""
    return read(path)[0]


def read(path: Path) -> tuple[dict[str, Curve], tuple[Limit, ...]]:
    """The curves ([curves] table) and limits ([[limits]] entries) of a calibration file;
    ValueError naming the file and the entry when one is malformed."""
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    curves = data.get("curves", {})
    if not isinstance(curves, dict):
        raise ValueError(f"{path}: curves must be a table of criterion = [[raw, score], ...]")
    items = data.get("limits", [])
    if not isinstance(items, list):
        raise ValueError(f"{path}: limits must be [[limits]] entries")
    return (
        {crit: validate(c, f"{path}: curves.{crit}") for crit, c in curves.items()},
        tuple(_limit(item, f"{path}: limits[{i}]") for i, item in enumerate(items, 1)),
    )


def _limit(item: Any, where: str) -> Limit:
    if not isinstance(item, dict) or item.get("rule") not in RULES:
        raise ValueError(f'{where}: needs rule = "cap" or "floor"')
    threshold_key, value_key = RULES[item["rule"]]
    for key in ("criterion", "check"):
        if not isinstance(item.get(key), str):
            raise ValueError(f"{where}.{key}: must be a string")
    for key in (threshold_key, value_key):
        value = item.get(key)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise ValueError(f"{where}.{key}: must be a number")
    if not 0 <= item[value_key] <= 100:
        raise ValueError(f"{where}.{value_key}: must be 0-100")
    return Limit(
        item["rule"],
        item["criterion"],
        item["check"],
        float(item[threshold_key]),
        float(item[value_key]),
    )


def fit(raw: Sequence[float], target: Sequence[float], min_block: int = 3) -> Curve:
    """Least-squares monotone fit (pool-adjacent-violators) of `target` on `raw`, as knots at
    the centre of each pooled block, joined by straight lines (so distinct raw scores keep
    their order). Blocks smaller than `min_block` pages are pooled with a neighbour: a knot
    rests on several pages, not one. The curve is anchored at 0 -> 0 and 100 -> 100."""
    pairs = sorted(zip(raw, target, strict=True))
    blocks: list[list[float]] = []  # [sum_x, sum_y, n]
    for x, y in pairs:
        blocks.append([x, y, 1.0])
        _pool(blocks)
    while len(blocks) > 1 and min(b[2] for b in blocks) < min_block:
        i = min(range(len(blocks)), key=lambda k: (blocks[k][2], k))
        j = i + 1 if i == 0 or (i + 1 < len(blocks) and _closer_right(blocks, i)) else i - 1
        a, b = sorted((i, j))
        blocks[a] = [blocks[a][k] + blocks[b][k] for k in range(3)]
        del blocks[b]
    knots: list[tuple[float, float]] = []
    for sx, sy, n in blocks:
        x, y = round(sx / n, 1), round(min(100.0, max(0.0, sy / n)), 1)
        if knots and x <= knots[-1][0]:
            y0 = knots[-1][1]
            knots[-1] = (knots[-1][0], max(y0, y))
            continue
        if knots and y < knots[-1][1]:
            y = knots[-1][1]
        knots.append((x, y))
    # the ends keep their meaning: no evidence at all is 0, everything asked for is 100
    if knots[0][0] > 0:
        knots.insert(0, (0.0, 0.0))
    if knots[-1][0] < 100:
        knots.append((100.0, 100.0))
    return tuple(knots)


def _pool(blocks: list[list[float]]) -> None:
    while len(blocks) > 1 and blocks[-2][1] / blocks[-2][2] >= blocks[-1][1] / blocks[-1][2]:
        last = blocks.pop()
        blocks[-1] = [blocks[-1][k] + last[k] for k in range(3)]


def _closer_right(blocks: list[list[float]], i: int) -> bool:
    mean = blocks[i][1] / blocks[i][2]
    left = abs(blocks[i - 1][1] / blocks[i - 1][2] - mean)
    right = abs(blocks[i + 1][1] / blocks[i + 1][2] - mean)
    return right <= left


def dump(curves: dict[str, Curve], header: str = "", limits: Sequence[Limit] = ()) -> str:
    """The TOML text of a calibration file."""
    lines = [f"# {line}" if line else "#" for line in header.splitlines()]
    lines += ["", "[curves]"]
    for crit, curve in curves.items():
        knots = ", ".join(f"[{x:g}, {y:g}]" for x, y in curve)
        lines.append(f"{crit} = [{knots}]")
    for limit in limits:
        lines += ["", limit.toml()]
    return "\n".join(lines) + "\n"
