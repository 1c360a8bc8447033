"""Every data type that crosses a pipeline stage, as frozen dataclasses (read this first).

build:  SiteConfig -> Page -> OutputFile -> BuildResult
audit:  FetchedPage -> PageSnapshot -> CheckResult -> CheckedPage (+ PageContext) -> PageResult
        -> AuditReport

Adding a field with a default is fine; renaming or removing one is a contract change.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from sitekit.errors import Diagnostic, Location

CRITERIA: tuple[str, ...] = ("benefit", "findability", "next_step", "proof")
SCHEMA_VERSION = "1.0"
PASS_SCORE = 0.5  # a check passes at this score (0..1) or above
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


@dataclass(frozen=True)
class NavItem:
    label: str
    url: str


@dataclass(frozen=True)
class Contact:
    email: str = ""
    phone: str = ""
    address: str = ""


@dataclass(frozen=True)
class CheckIgnore:
    """`[[check.ignore]]`: silence one check on one URL pattern, with a reason."""

    url: str
    check: str
    reason: str


@dataclass(frozen=True)
class CheckSettings:
    """`[check]` in sitekit.toml: thresholds for `sitekit check` / `build --check`."""

    fail_under: float | None = None
    criteria_fail_under: dict[str, float] = field(default_factory=dict)
    ignore: tuple[CheckIgnore, ...] = ()
    profile: str | None = None


@dataclass(frozen=True)
class MarkdownSettings:
    """[markdown]: the engine, and Python-Markdown's extensions with their settings."""

    engine: str = "cmark-gfm"
    extensions: tuple[str, ...] = ()
    extension_configs: dict[str, dict[str, Any]] = field(default_factory=dict)


@dataclass(frozen=True)
class SiteConfig:
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


@dataclass(frozen=True)
class Link:
    label: str
    url: str
    note: str = ""


@dataclass(frozen=True)
class Signup:
    label: str
    action: str
    fields: tuple[str, ...] = ("email",)


@dataclass(frozen=True)
class ProofItem:
    name: str
    quote: str = ""
    role: str = ""
    company: str = ""
    result: str = ""
    rating: float | None = None  # 1-5, optional; only real ratings feed AggregateRating
    story: str = ""  # `story: stories/acme`: quoted from that customer story at build time
    url: str = ""  # the quoted story's URL (set when the reference is resolved)


@dataclass(frozen=True)
class Customer:
    """A customer story's customer: a named person, their role and company, a photo."""

    name: str = ""
    role: str = ""
    company: str = ""
    photo: str = ""


@dataclass(frozen=True)
class StoryResult:
    """One specific result of a story: a figure ("40%") and what it measures."""

    figure: str
    label: str = ""


@dataclass(frozen=True)
class Fit:
    """Where the offer works well, and where it would not be a good fit."""

    good: str = ""
    not_for: str = ""


@dataclass(frozen=True)
class Step:
    """A step of a welcome or referral page: when it happens and what happens."""

    what: str
    when: str = ""


@dataclass(frozen=True)
class Support:
    """A welcome page's contact: who answers, how to reach them, how fast they answer."""

    who: str = ""
    how: str = ""
    response_time: str = ""


@dataclass(frozen=True)
class FaqItem:
    q: str
    a: str


@dataclass(frozen=True)
class PageImage:
    """`hero_image: {src, alt}`: a file of the site's static files; its size and responsive
    variants are read at build time (sitekit/build/images.py)."""

    src: str  # a site path, "/images/hero.jpg"
    alt: str


@dataclass(frozen=True)
class Trust:
    """`trust:` the landing page's trust strip (rating, customers, certifications)."""

    rating: float | None = None  # 1-5
    reviews: int | None = None  # how many ratings the rating is the mean of
    rating_source: str = ""  # "Google", "Yelp"
    customers: str = ""  # "3,200" or "3,200+"
    customers_label: str = ""  # "households served" (default: the theme's label)
    certifications: tuple[str, ...] = ()


@dataclass(frozen=True)
class Page:
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


@dataclass(frozen=True)
class OutputFile:
    rel_path: str
    content: bytes
    source: Path | None = None


@dataclass(frozen=True)
class SourceMapEntry:
    """Ties a built element (by `data-sitekit-src` id or kind) back to its Markdown line."""

    url: str
    element: str  # e.g. "h1", "cta", "signup", "proof", "body"
    location: Location


@dataclass(frozen=True)
class BuildResult:
    out_dir: Path
    pages: int
    files: int
    seconds: float
    diagnostics: tuple[Diagnostic, ...] = ()
    reused: int = 0  # pages taken from the build cache


# --------------------------------------------------------------------------- audit


@dataclass(frozen=True)
class FetchedPage:
    """What the crawler got for one URL. `body` is None when it failed (`error` says why)."""

    url: str  # the URL as requested (normalised)
    final_url: str  # after redirects
    status: int | None
    content_type: str = ""
    body: bytes | None = None
    encoding: str | None = None  # from the HTTP header, if any
    depth: int = 0
    error: str | None = None
    elapsed: float = 0.0
    source_path: str | None = None  # local file when auditing a folder


@dataclass(frozen=True)
class CrawlDecision:
    """Why a discovered URL was or was not audited."""

    url: str
    audited: bool
    reason: str  # "audited", "out of scope", "robots.txt", "page limit", "depth limit", ...
    found_on: str | None = None


@dataclass(frozen=True)
class Element:
    """A thing on the page, with where it is.

    `position` is the word offset in the visible text where the element starts (document
    order), `line` the source HTML line (from lxml's sourceline).
    """

    kind: str  # "h1".."h6", "a", "button", "input-submit", "form", "img", "text" ...
    text: str
    position: int
    line: int | None = None
    href: str = ""
    attrs: dict[str, str] = field(default_factory=dict)
    in_nav: bool = False
    in_header: bool = False
    in_footer: bool = False
    in_first_screen: bool = False
    # filled by a rendered audit: {"1366x768": True, "390x844": False}
    in_viewport: dict[str, bool] = field(default_factory=dict)


@dataclass(frozen=True)
class FormInfo:
    action: str
    method: str
    fields: tuple[str, ...]  # visible field names/types (hidden inputs excluded)
    submit_text: str
    position: int
    line: int | None = None
    has_email: bool = False


@dataclass(frozen=True)
class PageSnapshot:
    """Everything the checks may look at; built once per page from its HTML."""

    url: str
    title: str = ""
    meta_description: str = ""
    lang: str = ""
    headings: tuple[Element, ...] = ()
    nav_links: tuple[Element, ...] = ()
    links: tuple[Element, ...] = ()  # every <a href>, in document order
    buttons: tuple[Element, ...] = ()  # <button>, input submit/button, role=button
    forms: tuple[FormInfo, ...] = ()
    images: tuple[Element, ...] = ()
    structured_types: tuple[str, ...] = ()  # JSON-LD / microdata @type values
    structured_data: tuple[dict[str, Any], ...] = ()
    contacts: tuple[Element, ...] = ()  # tel:, mailto:, <address>
    text: str = ""  # visible text in reading order, whitespace-normalised
    word_count: int = 0
    first_screen_words: int = 150  # word offset where the first screen ends
    blocks: tuple[Element, ...] = ()  # visible text blocks (p, li, blockquote...) in order
    source_path: str | None = None  # HTML file when auditing a folder
    source_map: dict[str, Location] = field(default_factory=dict)  # data-sitekit-src -> md line
    auditable: bool = True
    not_auditable_reason: str = ""
    rendered: bool = False
    screenshots: dict[str, str] = field(default_factory=dict)  # viewport -> data: URI
    context: PageContext | None = None  # the crawl's findings, for the checks that read them
    scripts: int = 0  # <script> elements in the HTML (JSON-LD data left out)
    mount_root: str = ""  # id of the empty <div> a script framework mounts the page into
    role_mark: str = ""  # <meta name="sitekit:role">: the role a page sitekit built declares


@dataclass(frozen=True)
class PageContext:
    """What is known of a page beyond its HTML once the crawl is done: its internal links'
    statuses (for `links-work`) and the checks `[[check.ignore]]` silences on it."""

    links_checked: bool = False  # the crawl knows a status for the page's internal links
    broken_links: tuple[tuple[str, int | None], ...] = ()  # (URL, status or None), by URL
    ignored: dict[str, str] = field(default_factory=dict)  # check id ("*" = all) -> reason
    # the entry page only: the site's customer-story pages, and those it links to (one click)
    stories: tuple[str, ...] = ()
    linked_stories: tuple[str, ...] = ()


@dataclass(frozen=True)
class Evidence:
    """What a check saw: the element, its quoted text, and where it is."""

    element: str
    text: str = ""
    position: int | None = None  # word offset in visible text
    location: Location | None = None  # file:line (HTML or Markdown source) or URL
    note: str = ""


@dataclass(frozen=True)
class CheckResult:
    id: str
    criterion: str
    title: str
    score: float | None  # 0..1; None when the check errored or did not apply
    weight: float = 1.0
    evidence: tuple[Evidence, ...] = ()
    fix: str = ""
    error: str | None = None
    ignored: str | None = None  # the reason, when ignored by config
    group: str = ""  # checks of one group are alternatives: the best of them counts
    impact: float | None = None  # page-score points fixing this check would gain (0-25)

    @property
    def passed(self) -> bool:
        return self.score is not None and self.score >= PASS_SCORE


@dataclass(frozen=True)
class CriterionResult:
    id: str
    score: float | None  # 0..100; None when the criterion does not apply to the page's role
    checks: tuple[CheckResult, ...] = ()


@dataclass(frozen=True)
class PageResult:
    url: str
    status: int | None
    score: float | None  # 0..100, None when not auditable
    criteria: dict[str, CriterionResult] = field(default_factory=dict)
    auditable: bool = True
    reason: str = ""  # why not auditable / what failed
    is_entry: bool = False
    source_path: str | None = None
    screenshots: dict[str, str] = field(default_factory=dict)
    role: str = ""  # entry, landing, offer, contact, story, article, legal, utility, ...
    role_reason: str = ""  # what the role was read from ("path /privacy/", "front matter")
    confidence: str = ""  # "high", "medium" or "low": how far the judgement can be trusted
    confidence_reasons: tuple[str, ...] = ()  # why it is not high ("no word list for 'pl'")


@dataclass(frozen=True)
class CheckedPage:
    """One page after its checks, before scoring (a pool worker's answer): scoring waits for
    the crawl's link statuses. `page` holds the page's facts, with no scores yet."""

    page: PageResult
    checks: tuple[CheckResult, ...] = ()  # the page checks' results, in registry order


@dataclass(frozen=True)
class AuditReport:
    target: str
    score: float | None
    criteria: dict[str, float]  # id -> 0..100
    pages: tuple[PageResult, ...]
    errors: tuple[dict[str, Any], ...] = ()  # {"url", "reason"} for pages that failed
    crawl: tuple[CrawlDecision, ...] = ()
    notes: tuple[str, ...] = ()  # "robots.txt ignored (--ignore-robots)", "TLS not verified"
    profile: str = "default"
    schema_version: str = SCHEMA_VERSION
    competitors: tuple[AuditReport, ...] = ()
    scoring_version: str = ""  # 'profile:digest:schema' (audit/scoring_version.py)
    settings_file: str = ""  # the sitekit.toml whose [check] settings were applied
    # where the site's proof lives (audit/proof_places.py): {"entry_page", "one_click", "deeper"}
    proof_places: dict[str, Any] = field(default_factory=dict)
