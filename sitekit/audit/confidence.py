"""How far a page's judgement can be trusted: "high", "medium" or "low", and why not high, in
sentences a marketer understands (the page's language has no word list, its text is very
short, or scripts build it after the HTML arrives)."""

from __future__ import annotations

import re
from collections.abc import Sequence

from sitekit.audit.language import is_not_judged
from sitekit.models import CheckResult, PageSnapshot

LEVELS = ("high", "medium", "low")  # in order of trust
CODE_RE = re.compile(r"^[a-z]{2,3}$")

# Visible words in the HTML: below SHORT_WORDS there is too little to read a benefit, a menu
# and proof from (3 of the 72 corpus pages); below BRIEF_WORDS a few words change a score.
SHORT_WORDS = 50
BRIEF_WORDS = 120
# A page built by scripts: many <script> elements (JSON-LD left out) beside little text. On
# the corpus a page has 3 scripts (median); a site builder's page with 65 words has 6.
MANY_SCRIPTS = 5
SCRIPTED_WORDS = 150  # under this many words with MANY_SCRIPTS: low
SCRIPT_HEAVY = 10  # this many scripts, or a script-mounted root, under...
SCRIPT_HEAVY_WORDS = 300  # ...this many words: medium

UNKNOWN_LANGUAGE = (
    "sitekit could not tell which language the page is in (it declares none, and its text "
    "does not say clearly), so it read the page with its English word lists."
)

LANGUAGE_NAMES = {
    "en": "English", "de": "German", "fr": "French", "es": "Spanish", "pt": "Portuguese",
    "it": "Italian", "nl": "Dutch", "ja": "Japanese", "ko": "Korean", "zh": "Chinese",
    "ru": "Russian", "pl": "Polish", "uk": "Ukrainian", "cs": "Czech", "sk": "Slovak",
    "hu": "Hungarian", "ro": "Romanian", "bg": "Bulgarian", "el": "Greek", "tr": "Turkish",
    "sv": "Swedish", "da": "Danish", "no": "Norwegian", "fi": "Finnish", "et": "Estonian",
    "lv": "Latvian", "lt": "Lithuanian", "hr": "Croatian", "sr": "Serbian", "sl": "Slovenian",
    "ar": "Arabic", "he": "Hebrew", "fa": "Persian", "hi": "Hindi", "id": "Indonesian",
    "ms": "Malay", "vi": "Vietnamese", "th": "Thai",
}  # fmt: skip


def language_name(code: str) -> str:
    """'pl' -> 'Polish'; another code is quoted ('the language "xx"'), and what is no language
    code at all (the page's own `lang` attribute, any text) is not repeated."""
    if code in LANGUAGE_NAMES:
        return LANGUAGE_NAMES[code]
    return f'the language "{code}"' if CODE_RE.match(code) else "a language it does not know"


def page_confidence(
    snapshot: PageSnapshot, checks: Sequence[CheckResult], lang: str, how: str = "declared"
) -> tuple[str, tuple[str, ...]]:
    """The confidence of the judgement of `snapshot` (read in language `lang`, found as `how`
    says: "declared", "detected" or "unknown") from its page checks, and the reasons it is
    not high (most serious first)."""
    found: list[tuple[str, str]] = []  # (level, reason)
    unread = [c for c in checks if is_not_judged(c)]
    words = snapshot.word_count
    if unread:
        found.append(("low", not_judged_statement(lang, unread)))
    elif how == "unknown" and words >= SHORT_WORDS:  # shorter: said below, and a guess anyway
        found.append(("medium", UNKNOWN_LANGUAGE))
    if snapshot.hidden_by_script:
        found.append(("low", hidden_statement(snapshot)))
    scripts, heavy = snapshot.scripts, snapshot.scripts >= SCRIPT_HEAVY or snapshot.mount_root
    if not snapshot.rendered and scripts >= MANY_SCRIPTS and words < SCRIPTED_WORDS:
        found.append(("low", _scripted(snapshot)))
    elif not snapshot.rendered and heavy and words < SCRIPT_HEAVY_WORDS:
        found.append(("medium", _scripted(snapshot)))
    if words < SHORT_WORDS:
        reason = f"The page shows only {_words(words)} of text: too little to judge reliably."
        found.append(("low", reason))
    elif words < BRIEF_WORDS:
        reason = f"The page is short ({_words(words)} of text): a few words can move its scores."
        found.append(("medium", reason))
    failed = [c.id for c in checks if c.error]
    if failed:
        reason = f"{_count(len(failed), 'check')} could not run ({', '.join(failed)})."
        found.append(("medium", reason + " The scores leave them out."))
    if not found:
        return "high", ()
    level = max((lv for lv, _ in found), key=LEVELS.index)
    ordered = sorted(found, key=lambda f: -LEVELS.index(f[0]))
    return level, tuple(reason for _, reason in ordered)


def not_judged_statement(lang: str, unread: Sequence[CheckResult]) -> str:
    """The plain statement of which checks could not be judged on a page in `lang` and why."""
    names = ", ".join(c.id for c in unread)
    return (
        f"The page is in {language_name(lang)}, which sitekit has no word list for: "
        f"{_count(len(unread), 'check')} that read words {'was' if len(unread) == 1 else 'were'} "
        f"not judged ({names}), so its scores rest on the checks that read no words."
    )


HIDDEN_MARK = "until a script shows it"  # in the statement below, and in no other reason


def hidden_statement(snapshot: PageSnapshot) -> str:
    """The plain statement that a script reveals the page's content (a preloader's page)."""
    return (
        f"The page's content ({_words(snapshot.hidden_words)}) is hidden in its HTML "
        f"({snapshot.hidden_by_script}, hidden by its style attribute) {HIDDEN_MARK}; before that "
        f"only a loader shows ({_words(snapshot.word_count)}). sitekit judged what shows "
        "without the script, the loader, so its scores may say little about what a visitor "
        "sees. Audit it with --render to judge the page the browser shows."
    )


def _scripted(snapshot: PageSnapshot) -> str:
    root = f', a script-mounted <div id="{snapshot.mount_root}">' if snapshot.mount_root else ""
    return (
        f"The page is built by scripts: its HTML holds {_words(snapshot.word_count)} of text and "
        f"{_count(snapshot.scripts, 'script')}{root}, so a visitor's browser may show more than "
        "sitekit read. Audit it with --render to judge what the browser shows."
    )


def _words(n: int) -> str:
    return _count(n, "word")


def _count(n: int, noun: str) -> str:
    return f"{n} {noun}" if n == 1 else f"{n} {noun}s"
