"""Every data type that crosses a pipeline stage, as frozen dataclasses (read this first).

build:  SiteConfig -> Page -> OutputFile -> BuildResult
audit:  FetchedPage -> PageSnapshot -> CheckResult -> CheckedPage (+ PageContext) -> PageResult
        -> AuditReport   (the audit's types are defined in sitekit/models_audit.py and
                          imported from here: `from sitekit.models import PageSnapshot`)

Adding a field with a default is fine; renaming or removing one is a contract change.
"""

from __future__ import annotations

import _thread
from collections.abc import Callable
from dataclasses import dataclass, field, fields
from operator import attrgetter
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sitekit.errors import Diagnostic, Location

if TYPE_CHECKING:  # defined in sitekit/models_audit.py, loaded when first asked for (below)
    from sitekit.models_audit import (  # noqa: F401
        AuditReport,
        CheckedPage,
        CheckResult,
        CrawlDecision,
        CriterionResult,
        Element,
        Evidence,
        FetchedPage,
        FormInfo,
        PageContext,
        PageResult,
        PageSnapshot,
    )

CRITERIA: tuple[str, ...] = ("benefit", "findability", "next_step", "proof")
SCHEMA_VERSION = "1.0"
PASS_SCORE = 0.5  # a check passes at this score (0..1) or above
# The human scale of every score (criteria.md's 0 / 1 / 2): 0-24 fails, 25-74 partly, 75-100 meets.
MEETS = 75.0
PARTLY = 25.0
# A page's role (sitekit/audit/roles.py); `entry` is the page an audit starts from, never
# declared in front matter.
ROLES: tuple[str, ...] = (
    "entry",
    "landing",
    "offer",
    "contact",
    "story",
    "article",
    "legal",
    "utility",
    "welcome",
    "referral",
)
MAX_PAGE_BYTES = 5_000_000  # the auditor skips a page larger than this; the builder refuses one
SITE_MARKER = ".sitekit-build"  # in every folder sitekit builds (the root of a built site)

# --------------------------------------------------------------------------- build

_VALUES: dict[type, Callable[[Any], tuple[Any, ...]]] = {}  # class -> its fields' values
_REPR_NAMES: dict[type, tuple[str, ...]] = {}
_REPR_RUNNING: set[tuple[int, int]] = set()


def _values(record: Any) -> tuple[Any, ...]:
    """The values of a record's compared fields, in field order (what @dataclass compares)."""
    cls = record.__class__
    get = _VALUES.get(cls)
    if get is None:
        names = [f.name for f in fields(cls) if f.compare]
        one = attrgetter(*names) if names else None
        get = _VALUES[cls] = (
            (lambda r: ()) if one is None else (lambda r: (one(r),)) if len(names) == 1 else one
        )
    return get(record)


class _Record:
    """`==`, `hash()` and `repr()` of the build's records, as @dataclass(frozen=True) would
    generate them for each class (the same results: same fields, same order, `...` for a
    record inside itself), written once: the build's classes below are declared with
    `eq=False, repr=False` and inherit these. Generating them per class was a third of
    what defining the classes cost (~30M instructions at every start of sitekit)."""

    __slots__ = ()

    def __eq__(self, other: object) -> bool:
        if other.__class__ is self.__class__:
            return _values(self) == _values(other)
        return NotImplemented

    def __hash__(self) -> int:
        return hash(_values(self))

    def __repr__(self) -> str:
        key = id(self), _thread.get_ident()
        if key in _REPR_RUNNING:
            return "..."
        _REPR_RUNNING.add(key)
        try:
            cls: Any = self.__class__
            names = _REPR_NAMES.get(cls)
            if names is None:
                names = _REPR_NAMES[cls] = tuple(f.name for f in fields(cls) if f.repr)
            shown = ", ".join(f"{name}={getattr(self, name)!r}" for name in names)
            return f"{cls.__qualname__}({shown})"
        finally:
            _REPR_RUNNING.discard(key)


@dataclass(frozen=True, eq=False, repr=False)
class NavItem(_Record):
    label: str
    url: str


@dataclass(frozen=True, eq=False, repr=False)
class Contact(_Record):
    email: str = ""
    phone: str = ""
    address: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class CheckIgnore(_Record):
    """`[[check.ignore]]`: silence one check on one URL pattern, with a reason."""

    url: str
    check: str
    reason: str


@dataclass(frozen=True, eq=False, repr=False)
class CheckSettings(_Record):
    """`[check]` in sitekit.toml: thresholds for `sitekit check` / `build --check`."""

    fail_under: float | None = None
    criteria_fail_under: dict[str, float] = field(default_factory=dict)
    ignore: tuple[CheckIgnore, ...] = ()
    profile: str | None = None


@dataclass(frozen=True, eq=False, repr=False)
class MarkdownSettings(_Record):
    """[markdown]: the engine, and Python-Markdown's extensions with their settings."""

    engine: str = "cmark-gfm"
    extensions: tuple[str, ...] = ()
    extension_configs: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True, eq=False, repr=False)
class SiteConfig(_Record):
    root: Path
    name: str
    base_url: str = ""
    language: str = "en"
    theme: str = "default"
    nav: tuple[NavItem, ...] = ()
    contact: Contact = Contact()
    analytics: str = ""
    check: CheckSettings = CheckSettings()
    markdown: MarkdownSettings = MarkdownSettings()
    extra: dict[str, Any] = field(default_factory=dict)
    diagnostics: tuple[Diagnostic, ...] = ()  # config warnings (unknown keys), shown by build

    @property
    def content_dir(self) -> Path:
        return self.root / "content"

    @property
    def templates_dir(self) -> Path:
        return self.root / "templates"

    @property
    def static_dir(self) -> Path:
        return self.root / "static"


@dataclass(frozen=True, eq=False, repr=False)
class Link(_Record):
    label: str
    url: str
    note: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class Signup(_Record):
    label: str
    action: str
    fields: tuple[str, ...] = ("email",)


@dataclass(frozen=True, eq=False, repr=False)
class ProofItem(_Record):
    name: str
    quote: str = ""
    role: str = ""
    company: str = ""
    result: str = ""
    rating: float | None = None  # 1-5, optional; only real ratings feed AggregateRating
    story: str = ""  # `story: stories/acme`: quoted from that customer story at build time
    url: str = ""  # the quoted story's URL (set when the reference is resolved)


@dataclass(frozen=True, eq=False, repr=False)
class Customer(_Record):
    """A customer story's customer: a named person, their role and company, a photo."""

    name: str = ""
    role: str = ""
    company: str = ""
    photo: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class StoryResult(_Record):
    """One specific result of a story: a figure ("40%") and what it measures."""

    figure: str
    label: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class Fit(_Record):
    """Where the offer works well, and where it would not be a good fit."""

    good: str = ""
    not_for: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class Step(_Record):
    """A step of a welcome or referral page: when it happens and what happens."""

    what: str
    when: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class Support(_Record):
    """A welcome page's contact: who answers, how to reach them, how fast they answer."""

    who: str = ""
    how: str = ""
    response_time: str = ""


@dataclass(frozen=True, eq=False, repr=False)
class FaqItem(_Record):
    q: str
    a: str


@dataclass(frozen=True, eq=False, repr=False)
class PageImage(_Record):
    """`hero_image: {src, alt}`: a file of the site's static files; its size and responsive
    variants are read at build time (sitekit/build/images.py)."""

    src: str  # a site path, "/images/hero.jpg"
    alt: str


@dataclass(frozen=True, eq=False, repr=False)
class Trust(_Record):
    """`trust:` the landing page's trust strip (rating, customers, certifications)."""

    rating: float | None = None  # 1-5
    reviews: int | None = None  # how many ratings the rating is the mean of
    rating_source: str = ""  # "Google", "Yelp"
    customers: str = ""  # "3,200" or "3,200+"
    customers_label: str = ""  # "households served" (default: the theme's label)
    certifications: tuple[str, ...] = ()


@dataclass(frozen=True, eq=False, repr=False)
class Page(_Record):
    """One content file, parsed; `field_lines` maps a front-matter field to its source line."""

    source: Path
    url: str  # site-relative, "/" or "/pricing/"
    output_path: str  # relative to the output folder, "index.html" or "pricing/index.html"
    title: str
    body_md: str
    body_line: int  # source line of the first body line
    description: str = ""
    benefit: str = ""
    summary: str = ""
    cta: Link | None = None
    next_steps: tuple[Link, ...] = ()
    signup: Signup | None = None
    proof: tuple[ProofItem, ...] = ()
    guarantee: str = ""
    faq: tuple[FaqItem, ...] = ()
    template: str = "page"
    draft: bool = False
    image: str = ""
    date: str = ""
    role: str = ""  # front matter `role:` (landing, offer, contact, ...); overrides the guess
    hero_image: PageImage | None = None
    trust: Trust | None = None
    language: str = ""  # front matter `language:` (BCP 47), when not the site's
    noindex: bool = False  # robots noindex and left out of sitemap.xml (welcome pages' default)
    # customer story (template: story)
    customer: Customer | None = None
    situation: str = ""
    choice: str = ""
    outcome: str = ""
    results: tuple[StoryResult, ...] = ()
    quote: str = ""
    fit: Fit | None = None
    # welcome (template: welcome) and referral (template: referral)
    steps: tuple[Step, ...] = ()
    contact: Support | None = None
    if_something_goes_wrong: str = ""
    refer: Link | None = None
    friend_gets: str = ""
    you_get: str = ""
    extra: dict[str, Any] = field(default_factory=dict)
    field_lines: dict[str, int] = field(default_factory=dict)

    @property
    def is_landing(self) -> bool:
        return bool(self.benefit) or self.template == "landing"


@dataclass(frozen=True, eq=False, repr=False)
class OutputFile(_Record):
    rel_path: str
    content: bytes
    source: Path | None = None


@dataclass(frozen=True, eq=False, repr=False)
class SourceMapEntry(_Record):
    """Ties a built element (by `data-sitekit-src` id or kind) back to its Markdown line."""

    url: str
    element: str  # e.g. "h1", "cta", "signup", "proof", "body"
    location: Location


@dataclass(frozen=True, eq=False, repr=False)
class BuildResult(_Record):
    out_dir: Path
    pages: int
    files: int
    seconds: float
    diagnostics: tuple[Diagnostic, ...] = ()
    reused: int = 0  # pages taken from the build cache


# --------------------------------------------------------------------------- audit

# The auditor's types are in sitekit/models_audit.py: `from sitekit.models import PageSnapshot`
# loads that module the first time (PEP 562), so a build does not define 12 dataclasses it
# never uses (~60M instructions, 7% of a one-page rebuild).
_AUDIT_TYPES = frozenset(
    {
        "FetchedPage",
        "CrawlDecision",
        "Element",
        "FormInfo",
        "PageSnapshot",
        "PageContext",
        "Evidence",
        "CheckResult",
        "CriterionResult",
        "PageResult",
        "CheckedPage",
        "AuditReport",
    }
)


def __getattr__(name: str) -> Any:
    if name in _AUDIT_TYPES:
        from sitekit import models_audit

        return getattr(models_audit, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
