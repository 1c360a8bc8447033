"""The scoring version a report carries: which profile, calibration and schema made its scores.

Two reports are comparable only when their scoring versions are equal: a baseline scored by
another profile, other calibration curves or another schema moved for reasons other than the
site (`sitekit check --baseline` says so instead of comparing).
"""

from __future__ import annotations

import hashlib
from pathlib import Path

from sitekit.audit.profile import Profile
from sitekit.models import SCHEMA_VERSION


def scoring_version(profile: Profile) -> str:
    """'default:3f2a9c1b2e4d:1.0': the profile's name, a digest of what it scores with (its
    file, the effective checks, groups, caps, floors, entry weight, role rules and calibration
    curves), and the report schema."""
    digest = hashlib.sha256()
    try:
        digest.update(Path(profile.path).read_bytes())
    except OSError:
        digest.update(profile.path.encode())
    effective = (
        sorted(profile.checks.items()),
        sorted(profile.groups.items()),
        profile.caps,
        profile.floors,
        profile.entry_weight,
        sorted(profile.calibration.items()),
        getattr(profile, "roles", None),  # the role rules, once the roles work has them
    )
    digest.update(repr(effective).encode())
    return f"{profile.name}:{digest.hexdigest()[:12]}:{SCHEMA_VERSION}"
