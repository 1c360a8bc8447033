"""The benefit-first guard: warnings on landing pages, located at the front-matter field, from
the profile's word lists (sitekit.audit.words) read with the auditor's phrase matcher; the
benefit's verdict is the auditor's own (sitekit.headline)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path

from sitekit.audit.words import WordLists, load_word_lists, resolve_profile_path, says_small_step
from sitekit.errors import Diagnostic, Location
from sitekit.figures import digit_count
from sitekit.headline import benefit_flaw
from sitekit.models import Link, Page
from sitekit.phrases import find_phrases
from sitekit.text import norm, word_len

MAX_BENEFIT_WORDS = 12
_EXAMPLE = "lead with what the visitor gets, e.g. 'Get paid twice as fast'"
_SAMPLE = (
    "'{}' is a template's sample contact: nobody answers there; put your own number or address"
)
FLAW_MESSAGES = {  # headline.benefit_flaw's kinds
    "seller": "benefit talks about the seller ('{}'): " + _EXAMPLE,
    "placeholder": "benefit is placeholder text ('{}'): " + _EXAMPLE,
    "vague": "benefit is vague ('{}') and names no outcome: " + _EXAMPLE,
    "fragments": "benefit is a list of single words ('{}'), not a sentence: " + _EXAMPLE,
}

Words = Mapping[str, tuple[str, ...]]  # list name -> phrases, for the site's language


def load_words(profile: Path | None = None, language: str = "en") -> Words:
    """The word lists of `profile` (the bundled default.toml when None) for `language`."""
    return load_word_lists(profile).words_for(language)


_LISTS: dict[bytes, WordLists] = {}


def guard_words(language: str) -> Words:
    """The bundled profile's word lists for `language`, parsed again only when the file
    changes (a serve session)."""
    path = resolve_profile_path(None)
    try:
        data = path.read_bytes()
    except OSError:
        data = b""  # load_word_lists says what is wrong
    if data not in _LISTS:
        _LISTS.clear()
        _LISTS[data] = load_word_lists(path)
    return _LISTS[data].words_for(language)


def _warner(page: Page, found: list[Diagnostic]) -> Callable[[str, str], None]:
    rel = page.source.as_posix()

    def warn(field: str, message: str) -> None:
        lines = page.field_lines
        line = lines.get(field) or lines.get(field.split(".")[0]) or lines.get("template")
        found.append(Diagnostic("warning", message, Location(rel, line), field))

    return warn


def lint_page(page: Page, words: Words) -> list[Diagnostic]:
    """Benefit-first warnings for one landing page, and the after-first-contact guard for a
    story, welcome or referral page (plain pages get none)."""
    kind_rules = {"story": _lint_story, "welcome": _lint_welcome, "referral": _lint_referral}
    if page.template in kind_rules:
        return kind_rules[page.template](page, words)
    if not page.is_landing:
        return []
    found: list[Diagnostic] = []
    warn = _warner(page, found)

    flaw, found_in = benefit_flaw(page.benefit, words)  # the auditor's rules for a heading
    if flaw:
        warn("benefit", FLAW_MESSAGES[flaw].format(found_in))
    count = word_len(page.benefit)
    if count > MAX_BENEFIT_WORDS:
        warn(
            "benefit",
            f"benefit has {count} words; keep it to {MAX_BENEFIT_WORDS} or fewer "
            "so it is read at a glance",
        )
    links: list[tuple[str, Link]] = [("cta", page.cta)] if page.cta else []
    links += [(f"next_steps.{i}", step) for i, step in enumerate(page.next_steps)]
    labels = [(field, link.label) for field, link in links]
    if page.signup:
        labels.append(("signup", page.signup.label))
    for field, link in links:
        sample = _sample_contact(link.url) or _sample_contact(link.label)
        if sample:
            warn(field, _SAMPLE.format(sample))
    vague = {norm(phrase) for phrase in words["vague_cta"]}
    for field, label in labels:
        if norm(label).strip(" .!?:") in vague:  # the whole label says nothing
            warn(
                field,
                f"vague call to action '{label}': say what the visitor gets, e.g. "
                "'Get a free estimate'",
            )
    for index, item in enumerate(page.proof):
        if item.story:
            continue  # quoted from a story, which the story's own guard judges
        missing = [n for n, v in (("name", item.name), ("result", item.result)) if not v]
        if missing:
            warn(
                f"proof.{index}",
                f"proof item without {' or '.join(missing)}: name a real "
                "customer and the specific result they got",
            )
    low = any(says_small_step(label, words) for _, label in labels)
    if not low and not page.signup:
        warn(
            "cta",
            "no low-commitment next step: offer something free or small (estimate, "
            "sample, guide, 15-minute call) or an e-mail sign-up",
        )
    return found


def _sample_contact(text: str) -> str:
    """A template's sample e-mail or number in `text` (the auditor's rule), or ""."""
    if "@" not in text and not any(ch.isdigit() for ch in text):
        return ""
    # loaded only for a text that could hold a contact (~2 ms of a build's start-up)
    from sitekit.audit.sample_contacts import sample_contact

    return sample_contact(text)


def named(name: str, words: Words) -> bool:
    """A customer's name names somebody: not empty, not only praise or a label ('Happy
    customer', 'Verified buyer')."""
    tokens = [t for t in norm(name).replace(".", " ").split() if t]
    not_names = {norm(w) for w in words.get("not_names", ())}
    return any(t not in not_names for t in tokens)


def _lint_story(page: Page, words: Words) -> list[Diagnostic]:
    """A customer story persuades when it is specific and balanced: a named customer, a
    result with a figure, where it would not fit, and more than superlatives."""
    found: list[Diagnostic] = []
    warn = _warner(page, found)
    customer = page.customer
    if customer is None or not named(customer.name, words):
        said = f" ('{customer.name}')" if customer and customer.name else ""
        warn(
            "customer.name" if customer else "customer",
            f"story has no named customer{said}: give the customer's name (with their "
            "permission), e.g. customer: {name: Dana Whitfield, role: Homeowner}",
        )
    if not any(any(ch.isdigit() for ch in r.figure) for r in page.results):
        warn(
            "results",
            "story has no specific result: add one with a figure, e.g. results: "
            "[{figure: '4 hours', label: 'from call to fixed pipe'}]",
        )
    if page.fit is None or not page.fit.not_for:
        warn(
            "fit.not_for" if page.fit else "fit",
            "story does not say where the offer would not be a good fit (fit.not_for): a "
            "balanced story persuades, an all-praise one does not",
        )
    for field in ("quote", "outcome"):
        text = getattr(page, field)
        praise = find_phrases(text, words.get("superlatives", ()))
        if praise and digit_count(text) == 0:
            warn(
                field,
                f"the story's {field} is only superlatives ('{praise[0]}'): say what changed "
                "for the customer, with a figure or a detail",
            )
    return found


def _lint_welcome(page: Page, words: Words) -> list[Diagnostic]:
    """A new customer's first experience: when each step happens, who answers and how fast,
    and what to do when something goes wrong."""
    found: list[Diagnostic] = []
    warn = _warner(page, found)
    if not page.steps:
        warn(
            "steps",
            "welcome page has no steps: say what happens next, e.g. steps: "
            "[{when: 'within 2 hours', what: 'a plumber calls you'}]",
        )
    for index, step in enumerate(page.steps):
        if not step.when:
            warn(
                f"steps.{index}",
                f"step '{step.what}' does not say when it happens: add when: "
                "('within 2 hours', 'on the day')",
            )
    contact = page.contact
    if contact is None or not (contact.who or contact.how):
        warn(
            "contact",
            "welcome page has no contact: say who answers and how to reach "
            "them, e.g. contact: {who: 'Sam, your plumber', how: '+1 503 555 0142'}",
        )
    sample = _sample_contact(contact.how) if contact is not None else ""
    if sample:
        warn("contact.how", _SAMPLE.format(sample))
    if contact is None or not contact.response_time:
        warn(
            "contact.response_time" if contact else "contact",
            "welcome page does not say how fast you answer (contact.response_time), "
            "e.g. 'within 1 hour, 7 am to 7 pm'",
        )
    if not page.if_something_goes_wrong:
        warn(
            "if_something_goes_wrong",
            "welcome page does not say what to do if something goes wrong "
            "(if_something_goes_wrong): the moment of truth is who answers then",
        )
    return found


def _lint_referral(page: Page, words: Words) -> list[Diagnostic]:
    """A referral page leads with what the friend gets, in the friend's terms."""
    found: list[Diagnostic] = []
    warn = _warner(page, found)
    if not page.friend_gets:
        warn(
            "friend_gets",
            "referral page has no friend_gets: lead with what the friend gets, e.g. "
            "'Your first repair $50 off'",
        )
        return found
    timed = [bool(step.when) for step in page.steps]
    if any(timed) and not all(timed):  # one step with a `when` badge, the others without
        index = timed.index(False)
        warn(
            f"steps.{index}",
            f"step '{page.steps[index].what}' has no when while another step has one: give "
            "every step a when ('today', 'when they book') or none",
        )
    flaw, found_in = benefit_flaw(page.friend_gets, words)
    if flaw == "seller":
        warn(
            "friend_gets",
            f"friend_gets talks about the seller ('{found_in}'): say what the friend gets, "
            "e.g. 'Your first repair $50 off'",
        )
    return found
