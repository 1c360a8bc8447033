"""Language tags (BCP 47, the shape `lang` takes) and the writing direction they imply."""

from __future__ import annotations

import re

# Languages written right to left, by primary subtag (ISO 639): the one list sitekit reads.
RTL_LANGUAGES = frozenset(
    (
        "ar",  # Arabic
        "arc",  # Aramaic
        "ckb",  # Central Kurdish (Sorani)
        "dv",  # Dhivehi
        "fa",  # Persian
        "he",  # Hebrew
        "iw",  # Hebrew (old code)
        "ji",  # Yiddish (old code)
        "ks",  # Kashmiri
        "ps",  # Pashto
        "sd",  # Sindhi
        "syr",  # Syriac
        "ug",  # Uyghur
        "ur",  # Urdu
        "yi",  # Yiddish
    )
)
# Script subtags (ISO 15924) written right to left: "az-Arab" is RTL, "ku-Latn" is not.
RTL_SCRIPTS = frozenset(("arab", "hebr", "syrc", "thaa", "nkoo", "adlm", "rohg", "mand", "samr"))

_TAG = re.compile(r"^[A-Za-z]{2,3}(?:-[A-Za-z0-9]{1,8})*$")


def is_language_tag(tag: str) -> bool:
    """True for a BCP 47-shaped tag: 'en', 'ar', 'pt-BR', 'zh-Hant-TW', 'az-Arab'."""
    return bool(_TAG.match(tag))


def direction(tag: str) -> str:
    """'rtl' or 'ltr' for a language tag; a script subtag decides when there is one."""
    parts = tag.lower().split("-")
    for part in parts[1:]:
        if len(part) == 4 and part.isalpha():
            return "rtl" if part in RTL_SCRIPTS else "ltr"
    return "rtl" if parts[0] in RTL_LANGUAGES else "ltr"


def tag_problem(tag: str) -> str:
    """'' when `tag` is usable as a language, else why not (for a located error)."""
    if is_language_tag(tag):
        return ""
    return f"{tag!r} is not a language tag: use a BCP 47 code like 'en', 'ar', 'he' or 'pt-BR'"
