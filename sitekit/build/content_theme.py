"""The content fields the theme shows besides the copy: `hero_image`, `trust` and a page's own
`language`, validated with located problems (the front matter's line map)."""

from __future__ import annotations

import posixpath
import re
from typing import Any, Protocol

from sitekit.build.language import tag_problem
from sitekit.errors import did_you_mean
from sitekit.models import PageImage, Trust

IMAGE_TYPES = (".jpg", ".jpeg", ".png", ".webp", ".avif", ".gif", ".svg")
IMAGE_KEYS = ("src", "alt")
TRUST_KEYS = (
    "rating",
    "reviews",
    "rating_source",
    "customers",
    "customers_label",
    "certifications",
)
MAX_CERTIFICATIONS = 6
_COUNT = re.compile(r"^\d[\d,.\s\u00a0\u202f]*\+?$")  # "3200", "3,200+", "3 200"


class Problems(Protocol):
    def problem(self, level: str, field: str, message: str) -> None: ...


def hero_image(pb: Problems, value: Any) -> PageImage | None:
    """`hero_image: {src, alt}`; src a file of the site, alt required."""
    if value is None:
        return None
    if isinstance(value, str):
        pb.problem(
            "error",
            "hero_image",
            "field 'hero_image' must be a mapping {src, alt}: the alt text is required "
            "(what the picture shows, for people who cannot see it)",
        )
        return None
    if not isinstance(value, dict):
        pb.problem("error", "hero_image", "field 'hero_image' must be a mapping {src, alt}")
        return None
    _unknown(pb, value, "hero_image", IMAGE_KEYS)
    src = value.get("src")
    alt = value.get("alt")
    ok = True
    if not isinstance(src, str) or not src.strip():
        pb.problem("error", "hero_image.src", "hero_image needs 'src', e.g. /images/hero.jpg")
        ok = False
    elif not src.startswith("/") or src.startswith("//") or ".." in src.split("/"):
        pb.problem(
            "error",
            "hero_image.src",
            f"hero_image.src {src!r} must be a file of the site's static/ folder, like "
            "/images/hero.jpg (sitekit reads its size; a remote image slows the first screen "
            "and tells another host about every visitor)",
        )
        ok = False
    elif posixpath.splitext(src.lower())[1] not in IMAGE_TYPES:
        pb.problem(
            "error",
            "hero_image.src",
            f"hero_image.src {src!r} is not an image file ({', '.join(IMAGE_TYPES)})",
        )
        ok = False
    if not isinstance(alt, str) or not alt.strip():
        pb.problem(
            "error",
            "hero_image" if alt is None else "hero_image.alt",
            "hero_image needs 'alt': say what the picture shows, for people who cannot see "
            "it (e.g. 'A plumber fixing a pipe under a kitchen sink')",
        )
        ok = False
    if not ok:
        return None
    assert isinstance(src, str) and isinstance(alt, str)
    return PageImage(src.strip(), alt.strip())


def trust(pb: Problems, value: Any) -> Trust | None:
    """`trust: {rating, reviews, rating_source, customers, customers_label, certifications}`."""
    if value is None:
        return None
    if not isinstance(value, dict) or not value:
        pb.problem(
            "error",
            "trust",
            "field 'trust' must be a mapping with rating, reviews, customers or certifications",
        )
        return None
    _unknown(pb, value, "trust", TRUST_KEYS)
    errors = 0

    def bad(field: str, message: str) -> None:
        nonlocal errors
        errors += 1
        pb.problem("error", f"trust.{field}", message)

    rating = value.get("rating")
    if rating is not None and not (_number(rating) and 1 <= rating <= 5):
        bad("rating", f"trust.rating must be a number from 1 to 5 (e.g. 4.8), got {rating!r}")
        rating = None
    reviews = value.get("reviews")
    if reviews is not None and not (isinstance(reviews, int) and _number(reviews) and reviews > 0):
        bad("reviews", f"trust.reviews must be a whole number above 0 (e.g. 214), got {reviews!r}")
        reviews = None
    if reviews is not None and rating is None and "rating" not in value:
        bad("reviews", "trust.reviews needs trust.rating (the mean rating of those reviews)")
    customers = value.get("customers")
    customers_text = ""
    if customers is not None:
        if isinstance(customers, int) and _number(customers) and customers > 0:
            customers_text = f"{customers:,}"
        elif isinstance(customers, str) and _COUNT.match(customers.strip()):
            customers_text = customers.strip()
        else:
            bad(
                "customers",
                f"trust.customers must be a number of customers, like 3200 or '3,200+', "
                f"got {customers!r}",
            )
    certifications = value.get("certifications", [])
    if isinstance(certifications, str):
        certifications = [certifications]
    if not isinstance(certifications, list) or not all(
        isinstance(c, str) and c.strip() for c in certifications
    ):
        bad("certifications", "trust.certifications must be a list of short texts")
        certifications = []
    elif len(certifications) > MAX_CERTIFICATIONS:
        bad(
            "certifications",
            f"trust.certifications has {len(certifications)} items; keep the "
            f"{MAX_CERTIFICATIONS} that matter most to a buyer (a strip, not a wall)",
        )
    texts = {}
    for key in ("rating_source", "customers_label"):
        item = value.get(key, "")
        if not isinstance(item, str):
            bad(key, f"trust.{key} must be text")
            item = ""
        texts[key] = item.strip()
    if errors:
        return None
    return Trust(
        rating=float(rating) if rating is not None else None,
        reviews=reviews,
        rating_source=texts["rating_source"],
        customers=customers_text,
        customers_label=texts["customers_label"],
        certifications=tuple(c.strip() for c in certifications),
    )


def language(pb: Problems, value: Any) -> str:
    """A page's own `language` (lang and dir of that page), a BCP 47-shaped tag."""
    if value is None or value == "":
        return ""
    if not isinstance(value, str):
        pb.problem("error", "language", "field 'language' must be a language tag like 'ar'")
        return ""
    problem = tag_problem(value.strip())
    if problem:
        pb.problem("error", "language", f"language {problem}")
        return ""
    return value.strip()


def _number(value: Any) -> bool:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _unknown(pb: Problems, value: dict[str, Any], field: str, known: tuple[str, ...]) -> None:
    for key in value:
        if key not in known:
            hint = did_you_mean(str(key), known)
            pb.problem("warning", f"{field}.{key}", f"unknown field '{key}' in '{field}'{hint}")
