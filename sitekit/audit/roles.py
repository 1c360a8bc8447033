"""Page roles: what kind of page this is (entry, landing, offer, contact, ...) and why, read
from what a reader would use; the profile's `[roles]` data says what each role is judged on.

Evidence votes for a role: the theme's mark on a page sitekit built (decides alone), the
path's words, JSON-LD types, the title and main headings, the page's own label in its
navigation, and its forms. The role with most votes wins; its strongest evidence is the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass, field
from functools import cached_property
from urllib.parse import unquote

from sitekit.models import CRITERIA, ROLES, PageSnapshot
from sitekit.phrases import find_phrases, has_phrase
from sitekit.text import norm

# Votes per kind of evidence: the path and JSON-LD are chosen by the site's author for the
# page; the title and h1 say what the reader is told; nav label, forms and headings back up.
VOTES = {"path": 3.0, "structured": 2.5, "title": 2.0, "h1": 2.0, "nav": 2.0, "form": 2.0}
SUBHEADING_VOTE = 0.5  # each h2/h3 with a role's words (a story's "The result", say)
MIN_VOTES = 2.0  # less than one title, heading or path word is no sign (a lone "Contact" h2)
TIE_ORDER = ROLES  # on equal votes, the earlier role in ROLES wins
_SLUG_SPLIT = re.compile(r"[^\w]+|_")


@dataclass(frozen=True)
class RoleRules:
    """The profile's `[roles]`: criteria judged and site weight per role, the words per
    language and JSON-LD types that point to each role, and the fallback role."""

    judged: dict[str, tuple[str, ...]] = field(default_factory=dict)
    weights: dict[str, float] = field(default_factory=dict)
    words: dict[str, dict[str, tuple[str, ...]]] = field(default_factory=dict)  # lang -> role
    structured: dict[str, tuple[str, ...]] = field(default_factory=dict)  # role -> @types
    fallback: str = "landing"
    _said: dict[str, dict[str, tuple[str, ...]]] = field(
        default_factory=dict, repr=False, compare=False
    )  # words_for's answers by language, remembered (a role's words are read on every page)

    def criteria_for(self, role: str) -> tuple[str, ...]:
        """The criteria a page of `role` is judged on (all four for a role not listed)."""
        return self.judged.get(role, CRITERIA)

    def weight_for(self, role: str) -> float:
        return self.weights.get(role, 1.0)

    def words_for(self, lang: str) -> dict[str, tuple[str, ...]]:
        """Each role's words for a title, heading or label: the page language's (its primary
        subtag) plus English; a word written "/welcome" is for paths only."""
        primary = lang.lower().split("-")[0]
        if primary in self._said:
            return self._said[primary]
        out: dict[str, tuple[str, ...]] = {}
        for code in dict.fromkeys((primary, "en")):
            for role, phrases in self.words.get(code, {}).items():
                said = tuple(p for p in phrases if not p.startswith("/"))
                out[role] = (*out.get(role, ()), *said)
        self._said[primary] = out
        return out

    @cached_property
    def path_marks(self) -> dict[str, tuple[str, ...]]:
        """Each role's path words as '-slug-', what a path's '-token-' string holds when it
        has the word (built once: a path is read on every page)."""
        return {
            role: tuple(f"-{s}-" for s in slugs if s) for role, slugs in self.path_words.items()
        }

    @cached_property
    def path_words(self) -> dict[str, tuple[str, ...]]:
        """Each role's words in every language, as slug tokens (paths are not translated)."""
        out: dict[str, tuple[str, ...]] = {}
        for table in self.words.values():
            for role, phrases in table.items():
                out[role] = (*out.get(role, ()), *(_slug(p.lstrip("/")) for p in phrases))
        return out


def detect_role(
    snapshot: PageSnapshot, is_entry: bool, rules: RoleRules, lang: str = ""
) -> tuple[str, str]:
    """(role, reason in plain words) for one page. The entry page is `entry`; a page sitekit
    built says its role in the theme's mark; otherwise the evidence votes."""
    if is_entry:
        return "entry", "the page the audit starts from"
    if snapshot.role_mark in ROLES and snapshot.role_mark != "entry":
        return snapshot.role_mark, f"marked by sitekit's theme: {snapshot.role_mark}"
    votes: dict[str, float] = {}
    reasons: dict[str, tuple[float, str]] = {}

    def vote(role: str, weight: float, reason: str) -> None:
        votes[role] = votes.get(role, 0.0) + weight
        if weight > reasons.get(role, (0.0, ""))[0]:
            reasons[role] = (weight, reason)

    words = rules.words_for(lang or snapshot.lang)
    path = _path(snapshot.url)
    tokens = f"-{_slug(unquote(path))}-"
    for role, marks in rules.path_marks.items():
        if any(map(tokens.__contains__, marks)):
            vote(role, VOTES["path"], f"path {path}")
    types = set(snapshot.structured_types)
    for role, wanted in rules.structured.items():
        hit = next((t for t in wanted if t in types), None)
        if hit:
            vote(role, VOTES["structured"], f"structured data {hit}")
    h1 = next((h.text for h in snapshot.headings if h.kind == "h1"), "")
    own = _own_nav_label(snapshot)
    said = [
        (kind, norm(text)) for kind, text in (("title", snapshot.title), ("h1", h1), ("nav", own))
    ]
    subheadings = [(h, norm(h.text)) for h in snapshot.headings if h.kind in ("h2", "h3")]
    for role, phrases in words.items():
        for kind, text in said:
            found = find_phrases(text, phrases) if text else []
            if found:
                vote(role, VOTES[kind], f"{_KIND_NAMES[kind]} '{found[0]}'")
        for h, text in subheadings:
            if has_phrase(text, phrases):
                vote(role, SUBHEADING_VOTE, f"heading '{h.text[:60]}'")
    form_role, form_reason = _form_role(snapshot)
    if form_role:
        vote(form_role, VOTES["form"], form_reason)
    if not votes or max(votes.values()) < MIN_VOTES:
        return rules.fallback, f"no sign of another role: judged as {rules.fallback}"
    best = max(votes, key=lambda r: (votes[r], -TIE_ORDER.index(r)))
    return best, reasons[best][1]


_KIND_NAMES = {"title": "title", "h1": "main heading", "nav": "navigation label"}


def _path(url: str) -> str:
    """The URL's path and query ("/?p=482" keeps its query: it is all a reader sees)."""
    rest = re.sub(r"^[a-z][a-z0-9+.-]*://[^/?#]*", "", url, flags=re.I).split("#")[0]
    return rest or "/"


def _slug(phrase: str) -> str:
    """Lowercase words joined by '-', accents dropped (URLs mostly drop them: /temoignages/)."""
    plain = unicodedata.normalize("NFKD", norm(phrase))
    plain = "".join(ch for ch in plain if not unicodedata.combining(ch))
    return "-".join(t for t in _SLUG_SPLIT.split(plain) if t)


def _own_nav_label(snapshot: PageSnapshot) -> str:
    """The label of the page's own entry in its navigation (where a reader finds it)."""
    here = _path(snapshot.url).split("?")[0].rstrip("/") or "/"
    for link in snapshot.nav_links:
        target = _path(link.href).split("?")[0].rstrip("/") or "/"
        if link.href and not link.href.startswith("#") and target == here and here != "/":
            return link.text
    return ""


def _form_role(snapshot: PageSnapshot) -> tuple[str, str]:
    """A password form is a login (utility); a search form with nothing else a search page;
    a form asking for a date, a time, a phone or a message is a booking or contact form."""
    for form in snapshot.forms:
        kinds = {f.rsplit(":", 1)[-1] for f in form.fields}
        names = {f.rsplit(":", 1)[0].lower() for f in form.fields}
        if "password" in kinds:
            return "utility", "a login form"
        if kinds & {"date", "time", "datetime-local", "tel", "textarea"} or names & {
            "message",
            "phone",
        }:
            return "contact", f"a booking or contact form ('{form.submit_text[:40]}')"
    searches = any(form.fields for form in snapshot.forms) and all(
        {f.rsplit(":", 1)[-1] for f in form.fields} <= {"search"} for form in snapshot.forms
    )
    if snapshot.forms and searches and snapshot.word_count < 80:
        return "utility", "a search form and little else"
    return "", ""
