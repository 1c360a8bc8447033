"""Proof of performance: named testimonials, ratings, figures, risk reducers, after-sale care."""

from __future__ import annotations

import re
from dataclasses import replace

from sitekit.audit.checks import Options, Outcome, check
from sitekit.audit.checks.proof_evidence import (
    FIRST_INITIAL_RE,
    FIRST_NAME_SIGN_RE,
    INITIAL_RE,
    NAME_RE,
    content_blocks,
    credentials,
    in_zone,
    own_blocks,
    quoting_user,
    result_figures,
    signature,
    testimonial_blocks,
    track_record,
)
from sitekit.audit.checks.text import blocks_may_hold, evidence, number_claims, quote
from sitekit.headline import blank_in
from sitekit.models import Element, PageSnapshot
from sitekit.phrases import (
    find_phrases,
    has_phrase,
    leading_phrase,
    starts_with_phrase,
    without_phrases,
)
from sitekit.text import AnyOf, HintedPattern, norm, word_len

RATING_RE = HintedPattern(
    re.compile(
        r"★{3,}|(?<![\d.])[1-5][.,]\d\s*(?:★|/\s*5|stars?|sterne|estrellas|звезд)|"
        r"(?<![\d.])[1-5][.,]\d\s+\w+\s+rating",
        re.I,
    ),
    # in every rating: '[1-5][.,]\d' (found by its separator, one literal-led scan for each) or
    # '★★★'; a block without one is passed over fast
    hint=AnyOf(r"\.(?<=[1-5]\.)\d", r",(?<=[1-5],)\d", "★★★"),
)


# a count beside a row of stars: '(120)', or a number a review_count word follows ('87 reviews')
LETTER_RE = re.compile(r"[^\W\d_]")
PAREN_COUNT_RE = re.compile(r"\(\s*\d[\d.,]*\s*\)")
COUNT_RE = re.compile(r"\d[\d.,]*")


# '— Miguel, Fort Worth': a first name alone, then the town; what follows the comma is where
# the customer lives (or their role), not a second name
LONE_FIRST_NAME_RE = re.compile(r"(?:^|[—–―|\-]\s*)[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zà-öø-ÿа-яё'’]+,\s*$")


@check(
    id="proof-testimonials",
    criterion="proof",
    title="Testimonials or case studies name the person, company or result",
    failure_title="No testimonials, or only anonymous, generic praise",
    fix="Quote real customers with full name, company and the result they got.",
    params={
        "attribution_words": 8,
        "detailed_words": 15,
        "detailed_quotes": 2,
        "detailed_initials": 0.6,
    },
)
def testimonials(page: PageSnapshot, opts: Options) -> Outcome:
    # a line of no words ('★★★★★' alone) quotes nobody: praise is what a customer said
    blocks = [b for b in testimonial_blocks(page, opts) if LETTER_RE.search(b.text)]
    studies = opts.words.get("case_study", ())
    case = (
        [b for b in content_blocks(page) if has_phrase(b.text, studies)]
        if blocks_may_hold(page, studies)
        else []
    )
    if not blocks and not case:
        return Outcome(0.0, (evidence(page, None, "no testimonials, reviews or case studies"),))
    text = " ".join(b.text for b in blocks)
    if has_phrase(text, opts.words.get("placeholder", ())):
        return Outcome(0.25, (evidence(page, blocks[0], "placeholder testimonials"),))
    max_words = int(opts.params["attribution_words"])
    # short lines, captions and citations, and the signature after '“…” - ' in a paragraph;
    # not a section's title ('Herzlich Willkommen', 'What our Guests Are Saying': h1-h3),
    # while a card's name under its own small heading (h4-h6) still signs its quote
    attributions = " | ".join(
        b.text
        if len(b.text.split()) <= max_words or "—" in b.text or b.kind in ("figcaption", "cite")
        else signature(b.text)
        for b in blocks
        if b.kind not in ("h1", "h2", "h3")
        and (
            len(b.text.split()) <= max_words
            or "—" in b.text
            or b.kind in ("figcaption", "cite")
            or signature(b.text)
        )
    )
    # 'Waren Sie', 'Das Gesetz', 'Ver Mais': a capitalised pair with one of the language's
    # small words in it is the start of a sentence or a label, no one's name
    not_names = opts.words.get("not_names", ()) + opts.words.get("function_words", ())
    names = [
        m.group(0)
        for m in NAME_RE.finditer(attributions)
        if not has_phrase(m.group(1), not_names)
        and not has_phrase(m.group(2), not_names)
        and not LONE_FIRST_NAME_RE.search(attributions, 0, m.start())
    ]
    names += [n for n in map(quoting_user, blocks) if n and not has_phrase(n, not_names)]
    # a motto signed with the name in the page's title ('Bäckerei Alisa', 'Dra. Mónica
    # Sánchez') is the seller quoting itself, no customer
    own = norm(page.title)
    names = [n for n in names if norm(n) not in own]
    markers = opts.words.get("name_markers", ())
    for line in attributions.split(" | "):
        named = norm(line)  # 'お客様' / '고객님' (the customer) names nobody
        for word in find_phrases(named, not_names):
            named = named.replace(word, " ")
        if len(names) < 4 and has_phrase(named, markers):
            names.append(quote(line, 40))  # '株式会社ミドリ 田中 様', 'Acme GmbH
    roles = find_phrases(text, opts.words.get("roles", ()))
    results = number_claims(text)
    first = (blocks or case)[0]
    if names and (roles or results or case):
        detail = ", ".join([*names[:2], *roles[:1], *results[:1]])
        return Outcome(1.0, (evidence(page, first, f"named: {detail}"),))
    names += [m.group(0).lstrip("—–―- ") for m in FIRST_INITIAL_RE.finditer(text)][:2]
    if names or case:
        return Outcome(
            0.8, (evidence(page, first, "named: " + ", ".join(names[:3] or ["case study"])),)
        )
    initials = bool(INITIAL_RE.search(text)) or any(
        FIRST_NAME_SIGN_RE.match(b.text) for b in blocks
    )
    # 'The hot beef sandwich is the best in town ... every Saturday morning!' — Sarah J.: praise
    # that tells what happened, signed by a first name or initials, is some proof a reader
    # weighs; 'This is fantastic!' — M. is not
    detailed = [b for b in blocks if word_len(b.text) >= int(opts.params["detailed_words"])]
    if initials and len(detailed) >= int(opts.params["detailed_quotes"]):
        note = f"{len(detailed)} detailed testimonials, signed with initials or a first name only"
        return Outcome(
            float(opts.params["detailed_initials"]), (evidence(page, detailed[0], note),)
        )
    if initials:
        return Outcome(0.45, (evidence(page, first, "initials only"),))
    return Outcome(0.45, (evidence(page, first, "anonymous praise"),))


@check(
    id="proof-ratings",
    criterion="proof",
    title="Ratings or reviews are shown",
    failure_title="No ratings or reviews",
    fix="Show your review rating (e.g. '4.8 ★ from 320 Google reviews') and mark it up "
    "with schema.org AggregateRating.",
)
def ratings(page: PageSnapshot, opts: Options) -> Outcome:
    types = [t for t in page.structured_types if t in ("AggregateRating", "Review", "Rating")]
    if types:
        return Outcome(1.0, (evidence(page, None, "structured data: " + ", ".join(types)),))
    blocks = content_blocks(page)
    # the hint has no newline and reads nothing before its own characters, so a block it
    # matches, it matches in the blocks joined by newlines: one scan rules most pages out
    if not RATING_RE.hint.search("\n".join([b.text for b in blocks])):
        return Outcome(0.0, (evidence(page, None, "no rating found"),))
    bare = None
    for i, b in enumerate(blocks):
        m = RATING_RE.search(b.text)
        if not m:
            continue
        # the count or source may sit in the lines around the stars ('★★★★★' / quote /
        # 'Ana • Google'): the card they belong to
        card = " \n ".join(x.text for x in blocks[max(0, i - 1) : i + 3])
        if m.group(0).startswith("★") and not _star_row_says_whose(card, opts):
            bare = bare or b
            continue
        return Outcome(1.0, (evidence(page, b, f"rating: {m.group(0)}"),))
    if bare is not None:
        note = "only a row of stars, with no value, count or source (decoration, not a rating)"
        return Outcome(0.0, (evidence(page, bare, note),))
    return Outcome(0.0, (evidence(page, None, "no rating found"),))


def _star_row_says_whose(text: str, opts: Options) -> bool:
    """Does a row of stars ('★★★★★') say what it rates: a count of reviews ('(120)',
    '87 reviews', '120件の口コミ') or where the rating comes from ('on Google')? A bare row over a
    quote or in a banner rates nothing a reader can check."""
    t = norm(text)
    if PAREN_COUNT_RE.search(t):
        return True
    counted = opts.words.get("review_count", ())
    if any(starts_with_phrase(t[m.end() :].lstrip(" +"), counted) for m in COUNT_RE.finditer(t)):
        return True
    return has_phrase(t, opts.words.get("review_sources", ()))


@check(
    id="proof-figures",
    criterion="proof",
    title="Concrete figures back the claims (customers, results, ratings)",
    failure_title="Claims with nothing to back them",
    fix="Replace superlatives with figures: customers served, results achieved, years, awards.",
    params={
        "min_figures": 3,
        "track_record": 0.5,
        "min_credentials": 3,
        "credentials": 0.8,
        "capacity_max": 20,
    },
)
def figures(page: PageSnapshot, opts: Options) -> Outcome:
    found = result_figures(page, opts)
    record = track_record(page, opts)
    distinct = list(dict.fromkeys(c for _, c in found))
    need = int(opts.params["min_figures"])
    # with result figures, a track record counts as one more ('94%, 12.000 firms, since 2009')
    score = min(1.0, (len(distinct) + bool(distinct and record)) / need)
    thin = float(opts.params["track_record"])
    creds = credentials(record, opts)
    if len(creds) >= int(opts.params["min_credentials"]) and score < thin:
        # 'Gas Safe registered', 'Which? Trusted Traders', 'accredited', 'fully insured': a
        # reader checks named accreditations like figures, they are no longer thin proof
        where = next(e for e, c in record if norm(c) in creds)
        note = f"{len(creds)} credentials: {quote(', '.join(creds[:5]), 100)}"
        return Outcome(float(opts.params["credentials"]), (evidence(page, where, note),))
    if record and score < thin:
        shown = ", ".join(dict.fromkeys(c for _, c in record[:6]))
        claims = opts.words.get("superlatives", ())
        if all(has_phrase(el.text, claims) for el, _ in record):
            # 'a leading provider of world-class solutions since 1985': a seller claim
            note = f"a track record only inside superlatives (a seller claim): {quote(shown, 80)}"
            return Outcome(thin / 2, (evidence(page, record[0][0], note),))
        note = f"only a track record (thin proof): {quote(shown, 100)}"
        return Outcome(thin, (evidence(page, record[0][0], note),))
    if score == 0.0:
        superl = [
            b
            for b in content_blocks(page)
            if has_phrase(b.text, opts.words.get("superlatives", ()))
        ]
        el = superl[0] if superl else None
        note = "superlatives with no figures" if superl else "no figures or credentials"
        return Outcome(0.0, (evidence(page, el, note),))
    shown = ", ".join([*distinct[:4], *[c for _, c in record[:2]]])
    return Outcome(score, (evidence(page, found[0][0], f"figures: {quote(shown, 100)}"),))


def _phrase_check(
    page: PageSnapshot,
    key: str,
    opts: Options,
    what: str,
    not_key: str = "",
    qualifiers: tuple[str, ...] = (),
) -> Outcome:
    """The first block naming a phrase of `key`, once the phrases of `not_key` (negations
    such as 'no warranty', praise such as 'world-class customer service') are cut out, and
    leaving out a phrase that the words of the `qualifiers` lists qualify ('our award-winning
    support team', '24/7 emergency plumber')."""
    words = opts.words.get(key, ())
    nots = opts.words.get(not_key, ()) if not_key else ()
    praise = tuple(w for q in qualifiers for w in opts.words.get(q, ()))
    for b in own_blocks(page, opts) + [b for b in page.blocks if b.in_footer]:
        found = find_phrases(b.text, words)
        if found and nots and has_phrase(b.text, nots):
            found = find_phrases(without_phrases(b.text, nots), words)
        if found and praise and has_phrase(b.text, praise):
            found = [f for f in found if not _praised(norm(b.text), f, praise)]
        if found:
            return Outcome(1.0, (evidence(page, b, f"{what}: {', '.join(found[:3])}"),))
    return Outcome(0.0, (evidence(page, None, f"no {what}"),))


def _praised(text: str, phrase: str, praise: tuple[str, ...]) -> bool:
    """Is every occurrence of `phrase` in the normalised `text` qualified by praise right
    before or right after it ('excellent customer service', 'support de qualité')?"""
    spots = list(re.finditer(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", text))
    return bool(spots) and all(
        starts_with_phrase(text[m.end() :].lstrip(" ,:;"), praise)
        or any(
            _is_whole_phrase(" ".join(text[: m.start()].split()[-k:]), praise) for k in range(1, 4)
        )
        for m in spots
    )


def _is_whole_phrase(text: str, phrases: tuple[str, ...]) -> bool:
    """Is `text` one of `phrases` and nothing more ('award-winning')?"""
    head, rest = leading_phrase(text, phrases)
    return bool(head) and not rest.strip()


@check(
    id="proof-risk-reducers",
    criterion="proof",
    title="Risk reducers: guarantee, warranty, free returns, cancel anytime, no card needed",
    failure_title="Nothing lowers the visitor's risk",
    fix="State a guarantee, warranty, free returns or 'cancel anytime' where the visitor decides.",
)
def risk_reducers(page: PageSnapshot, opts: Options) -> Outcome:
    return _phrase_check(page, "risk_reducers", opts, "risk reducer", "not_risk_reducers")


# word list, what the evidence says was found, what it is instead of after-sale care
THIN_SERVICE = (
    ("emergency_line", "only an emergency line", "an emergency or out-of-hours line"),
    ("round_the_clock", "only round-the-clock hours", "when the service can be had"),
)


@check(
    id="proof-after-sale",
    criterion="proof",
    title="Service after the sale is described (support hours, response times, onboarding)",
    failure_title="Nothing says how customers are treated after they buy",
    fix="Say what happens after the purchase: support hours, response time, onboarding, "
    "who to call when something goes wrong.",
    params={"emergency_only": 0.3},
)
def after_sale(page: PageSnapshot, opts: Options) -> Outcome:
    # praise ('award-winning support') is a claim; an urgent line ('24/7 emergency plumber')
    # is the emergency service, read below
    found = _phrase_check(
        page,
        "after_sale",
        opts,
        "after-sale detail",
        "not_after_sale",
        ("service_praise", "emergency_line"),
    )
    if found.score:
        return found
    # 'Notdienst: 0180 ...', 'out-of-hours emergency line': who answers when something is
    # urgent; 'Open 24/7', 'atendimento 24 horas': when the service itself can be had. Neither
    # is how customers are treated after the sale (thin detail, "none" for readers)
    for key, what, why in THIN_SERVICE:
        if not opts.words.get(key):
            continue
        thin = _phrase_check(page, key, opts, what)
        if thin.score:
            (ev,) = thin.evidence
            note = f"{ev.note} ({why} is not after-sale care)"
            return Outcome(float(opts.params["emergency_only"]), (replace(ev, note=note),))
    return found


@check(
    id="proof-faq",
    criterion="proof",
    title="An FAQ answers the visitor's worries",
    failure_title="No FAQ addressing price, setup, lock-in or privacy",
    fix="Add an FAQ answering the worries buyers have: price, setup time, lock-in, privacy.",
    params={"min_questions": 3},
)
def faq(page: PageSnapshot, opts: Options) -> Outcome:
    words = opts.words.get("faq", ())
    heading = next((h for h in page.headings if has_phrase(h.text, words)), None)
    has_type = "FAQPage" in page.structured_types
    if heading is None and not has_type:
        asked = _answered_questions(page)
        if len(asked) >= int(opts.params["min_questions"]):
            note = f"{len(asked)} questions answered under their own headings"
            return Outcome(1.0, (evidence(page, asked[0], note),))
        return Outcome(0.0, (evidence(page, None, "no FAQ section"),))
    after = [b for b in page.blocks if heading is None or b.position > heading.position][:40]
    body = " ".join(b.text for b in after)
    if has_phrase(body, opts.words.get("placeholder", ())):
        return Outcome(0.3, (evidence(page, heading, "the FAQ answers are placeholder text"),))
    if heading is not None and word_len(body) < 20:
        return Outcome(0.3, (evidence(page, heading, "the FAQ section is empty"),))
    return Outcome(1.0, (evidence(page, heading, "FAQ" + (" (FAQPage)" if has_type else "")),))


def _heading_over(page: PageSnapshot, block: Element) -> str:
    """The text of the nearest heading before `block` ('' when there is none)."""
    over = ""
    for h in page.headings:
        if h.position >= block.position:
            break
        over = h.text
    return over


_HEADING_KINDS = ("h1", "h2", "h3", "h4", "h5", "h6")


def _under_subheading(page: PageSnapshot, block: Element, words: tuple[str, ...]) -> bool:
    """Is `block`, or the nearest heading before it, a section heading (h2-h6) naming one of
    `words`?"""
    over = None
    for h in page.headings:
        if h.position > block.position:
            break
        over = h
    return over is not None and over.kind != "h1" and has_phrase(over.text, words)


def _answered_questions(page: PageSnapshot) -> list[Element]:
    """Headings asked as questions ('Can I use it with jQuery?') with an answer of a few
    words in the text that follows, before the next heading: an FAQ in Q&A form."""
    heads = [h for h in page.headings if not h.in_nav and not h.in_footer]
    out: list[Element] = []
    for i, h in enumerate(heads):
        if not h.text.rstrip(" \"'\u201d\u00bb").endswith(("?", "？")):
            continue
        end = heads[i + 1].position if i + 1 < len(heads) else None
        answer = [
            b
            for b in page.blocks
            if b.position > h.position
            and (end is None or b.position < end)
            and b.kind not in _HEADING_KINDS
        ]
        if word_len(" ".join(b.text for b in answer)) >= 8 and h.text not in (o.text for o in out):
            out.append(h)
    return out


@check(
    id="proof-no-placeholder",
    criterion="proof",
    title="The page has no placeholder text",
    failure_title="Placeholder text (lorem ipsum) makes every claim look unreal",
    fix="Replace every placeholder text with real content before publishing.",
)
def no_placeholder(page: PageSnapshot, opts: Options) -> Outcome:
    words = opts.words.get("placeholder", ())
    # a code sample's 'http://example.com/file.csv' is the documented convention, and a menu
    # entry ('Puppy class coming soon') announces a service: neither is placeholder copy
    copy = [b for b in page.blocks if b.kind != "pre" and not b.in_nav]
    hits = [b for b in copy if has_phrase(b.text, words)] if blocks_may_hold(page, words) else []
    # ... and a blank left to fill in ('Há __ anos de experiência')
    hits += [b for b in copy if blank_in(b.text) and b not in hits]
    # a style guide's type specimen ('Wide Measure', 'Typography': lorem ipsum set to show
    # a typeface or a line length) shows the styles, it is no unfinished copy
    specimen = opts.words.get("specimen_headings", ())
    if hits and specimen:
        hits = [b for b in hits if not has_phrase(_heading_over(page, b), specimen)]
    if hits:
        note = f"{len(hits)} blocks of placeholder text"
        return Outcome(0.0, (evidence(page, hits[0], note),))
    # a page that presents itself as a template or theme shows sample proof, not its own; a
    # section headed by the template it offers ('Prototyping template': 'This template is
    # always linked to the latest version. Save this file...') describes a download
    offered = opts.words.get("template_files", ())
    template_self = opts.words.get("template_self", ())
    demo = [
        b
        for b in (page.blocks if blocks_may_hold(page, template_self) else ())
        if has_phrase(b.text, template_self)
        and not (offered and _under_subheading(page, b, offered))
    ]
    if demo:
        note = "the page presents itself as a template: its figures and quotes are samples"
        return Outcome(0.3, (evidence(page, demo[0], note),))
    return Outcome(1.0, (evidence(page, None, "no placeholder text"),))


@check(
    id="proof-work-samples",
    criterion="proof",
    title="Work samples or case studies show what the seller has done",
    failure_title="No work samples, projects or case studies",
    fix="Show two or three pieces of real work (projects, case studies) with the client and "
    "the result.",
    params={"score": 0.5, "min_blocks": 3},
)
def work_samples(page: PageSnapshot, opts: Options) -> Outcome:
    words = opts.words.get("work_samples", ())
    for el in (*page.headings, *page.nav_links):
        if el.in_footer or not has_phrase(el.text, words):
            continue
        if "anchor-missing" in el.attrs or el.href.strip() in ("#", "#!"):
            continue
        if el.kind == "a" and not el.href.strip().startswith("#"):
            continue  # a menu link to another page: the work is not shown here
        if el.text.rstrip().endswith("?") or word_len(el.text) > 5:
            continue  # a question or a sentence ('Can I use it in my projects?'), not a section
        return Outcome(float(opts.params["score"]), (evidence(page, el, "work samples section"),))
    markers = opts.words.get("work_sample_markers", ())
    samples = [b for b in content_blocks(page) if in_zone(b, markers)]
    if len(samples) >= int(opts.params["min_blocks"]):
        return Outcome(
            float(opts.params["score"]),
            (evidence(page, samples[0], f"{len(samples)} blocks in project/portfolio sections"),),
        )
    return Outcome(0.0, (evidence(page, None, "no projects, portfolio or case studies"),))
