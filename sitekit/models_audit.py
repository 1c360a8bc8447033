"""The auditor's data types, as frozen dataclasses: the other half of `sitekit/models.py`
(read that first), where they are imported from, as `from sitekit.models import PageSnapshot`.

audit:  FetchedPage -> PageSnapshot -> CheckResult -> CheckedPage (+ PageContext) -> PageResult
        -> AuditReport

They live apart so that a build, which never needs them, does not pay for defining them:
`sitekit.models` loads this module the first time one of them is asked for.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from typing import Any, TypeVar

from sitekit.errors import Location
from sitekit.models import PASS_SCORE, SCHEMA_VERSION


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
    # a template's sample contacts (contact@example.com, 123-456-7890): shown, never counted
    placeholder_contacts: tuple[Element, ...] = ()
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
    # a preloader's page: the wrapper hidden by inline style ('<div id="content">') that a
    # script shows on load, and the words it holds (the snapshot reads only what shows before)
    hidden_by_script: str = ""
    hidden_words: int = 0
    # forms served by another site in an <iframe> (a Google or Microsoft form): their fields
    # are not in this page, but a visitor can write through them; the iframes' addresses
    embedded_forms: tuple[str, ...] = ()


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


T = TypeVar("T")


def fast_replace(obj: T, **changes: Any) -> T:
    """`dataclasses.replace(obj, **changes)` without the dataclass's `__init__`, about 5x
    faster (a frozen dataclass's __init__ sets each field through object.__setattr__): for the
    frozen dataclasses here that have no __post_init__ and whose fields all pass through
    __init__ (Element, CheckResult, CriterionResult, PageResult, CheckedPage), their fields
    copied with `changes` set are what replace() builds, in the same order
    (tests/test_scoring.py and tests/test_snapshot.py compare the two). `changes` must name
    fields. Over a blank instance, it makes a new one from all its fields."""
    new: T = object.__new__(type(obj))
    new.__dict__.update(obj.__dict__, **changes)
    return new


def fills_like_init(cls: type, names: tuple[str, ...]) -> bool:
    """Does a new `cls` whose __dict__ is filled with `names`, in this order, equal what
    `cls(...)` makes (equality, hash, repr and pickle)? So when `names` are all its fields, in
    field order, each set by __init__, and it has no __post_init__. The checks' fast paths that
    fill a frozen dataclass's __dict__ (the snapshot's elements, the checks' evidence) test this
    once, so a field added to the class turns them off instead of making a different object."""
    made = fields(cls)
    return (
        tuple(f.name for f in made) == names
        and all(f.init for f in made)
        and not hasattr(cls, "__post_init__")
    )
