"""Fitting the values of a criterion's caps and floors on rated pages (bench/calibrate.py
fits them, bench/accuracy.py refits them on each training fold).

A cap ("while check X scores below T, the criterion stays at or under M") and a floor ("while
check X scores at least T, at or above M") are hand-set rules in the profile; which check and
which threshold stay as written, the fit moves only M, within a grid of round values, by
coordinate ascent from the hand-set values: each value in turn is set to the grid value that
best raises Spearman + kappa against the raters' mean on the training pages (ties keep the
current value), for up to three passes. Each page's evidence (its checks' weighted mean, which
rules it triggers, its not-judged and role limits) is computed once, so a candidate is scored
on every page with a few min/max operations.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace

from sitekit.audit.calibration import Limit
from sitekit.audit.language import is_not_judged
from sitekit.audit.profile import Profile
from sitekit.audit.scoring import capped, criterion_score, weighted_mean
from sitekit.models import PageResult

GRID = (0.0, 10.0, 20.0, 25.0, 30.0, 40.0, 50.0, 60.0, 70.0, 75.0, 80.0, 90.0, 100.0)
PASSES = 3

Agreement = Callable[[Sequence[float], Sequence[float]], tuple[float, float]]


@dataclass(frozen=True)
class Evidence:
    """What scoring one criterion of one page needs, the fitted values aside."""

    mean: float  # the checks' weighted mean x 100
    floors: tuple[int, ...]  # indices (into Rules.floors) of the floors the page meets
    caps: tuple[int, ...]  # indices (into Rules.caps) of the caps the page triggers
    unjudged: float  # the lowest unjudged_max of its checks not judged (100: none)
    role_min: float | None  # the highest min of its role's floors it meets
    spread: float = 0.0  # the profile's cap_spread


@dataclass(frozen=True)
class Rules:
    """A criterion's fittable rules, as positions in the profile's caps and floors."""

    criterion: str
    caps: tuple[int, ...]  # indices into profile.caps
    floors: tuple[int, ...]  # indices into profile.floors (role floors are not fitted)

    @classmethod
    def of(cls, profile: Profile, criterion: str) -> Rules:
        return cls(
            criterion,
            tuple(i for i, c in enumerate(profile.caps) if c.criterion == criterion),
            tuple(
                i for i, f in enumerate(profile.floors) if f.criterion == criterion and not f.role
            ),
        )

    def values(self, profile: Profile) -> list[float]:
        """The profile's current values: the caps' max, then the floors' min."""
        return [profile.caps[i].max for i in self.caps] + [
            profile.floors[i].min for i in self.floors
        ]

    def limits(self, profile: Profile, values: Sequence[float]) -> tuple[Limit, ...]:
        """The values that differ from the profile's, as calibration limits."""
        out = []
        for k, i in enumerate(self.caps):
            cap = profile.caps[i]
            if values[k] != cap.max:
                out.append(Limit("cap", cap.criterion, cap.check, cap.below, values[k]))
        for k, i in enumerate(self.floors, len(self.caps)):
            floor = profile.floors[i]
            if values[k] != floor.min:
                out.append(Limit("floor", floor.criterion, floor.check, floor.at_least, values[k]))
        return tuple(out)


def evidence(page: PageResult, rules: Rules, profile: Profile) -> Evidence:
    """One page's evidence for `rules.criterion`, from its result under `profile` (the
    hand-set profile, no calibration); checked against the scorer itself, so the fit scores
    exactly what sitekit would."""
    crit = rules.criterion
    checks = page.criteria[crit].checks
    by_id = {c.id: c for c in checks}

    def usable(check_id: str) -> float | None:
        c = by_id.get(check_id)
        return None if c is None or c.score is None or c.ignored else c.score

    floors = []
    for k, i in enumerate(rules.floors):
        value = usable(profile.floors[i].check)
        if value is not None and value >= profile.floors[i].at_least:
            floors.append(k)
    caps = []
    for k, i in enumerate(rules.caps):
        value = usable(profile.caps[i].check)
        if value is not None and value < profile.caps[i].below:
            caps.append(k)
    unjudged = min(
        (
            profile.checks[c.id].unjudged_max
            for c in checks
            if is_not_judged(c) and c.id in profile.checks
        ),
        default=100.0,
    )
    role_mins = [
        f.min
        for f in profile.floors
        if f.criterion == crit
        and page.role
        and f.role == page.role
        and (value := usable(f.check)) is not None
        and value >= f.at_least
    ]
    ev = Evidence(
        weighted_mean(crit, checks, profile),
        tuple(floors),
        tuple(caps),
        unjudged,
        max(role_mins) if role_mins else None,
        profile.cap_spread,
    )
    expected = criterion_score(crit, checks, _uncurved(profile), page.role)
    got = score(ev, rules.values(profile), len(rules.caps))
    if abs(got - expected) > 0.05:
        raise AssertionError(f"{page.url}: {crit}: evidence scores {got}, the scorer {expected}")
    return ev


def _uncurved(profile: Profile) -> Profile:
    return replace(profile, calibration={}) if profile.calibration else profile


def score(ev: Evidence, values: Sequence[float], n_caps: int) -> float:
    """criterion_score's floors, caps, not-judged limit and role floors, with `values` (the
    caps' max, then the floors' min) in place of the profile's."""
    s = ev.mean
    for k in ev.floors:
        s = max(s, values[n_caps + k])
    for k in ev.caps:
        s = min(s, capped(values[k], ev.mean, ev.spread))
    s = min(s, ev.unjudged)
    if ev.role_min is not None:
        s = max(s, ev.role_min)
    return round(s, 1)


def fit(
    evs: Sequence[Evidence],
    human: Sequence[float],
    rules: Rules,
    start: Sequence[float],
    agreement: Agreement,
) -> list[float]:
    """The caps' and floors' values that best agree with `human` on these pages (Spearman +
    kappa), by coordinate ascent over GRID from `start`."""
    n_caps = len(rules.caps)
    values = list(start)

    def objective() -> float:
        rho, kappa = agreement([score(ev, values, n_caps) for ev in evs], human)
        return (0.0 if rho != rho else rho) + (0.0 if kappa != kappa else kappa)

    best = objective()
    for _ in range(PASSES):
        moved = False
        for k in range(len(values)):
            current = values[k]
            for candidate in GRID:
                if candidate == current:
                    continue
                values[k] = candidate
                value = objective()
                if value > best + 1e-9:
                    best, current, moved = value, candidate, True
            values[k] = current
        if not moved:
            break
    return values
