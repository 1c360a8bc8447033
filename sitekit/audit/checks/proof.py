"""Proof of performance: named testimonials, ratings, figures, risk reducers, after-sale care."""

from __future__ import annotations

import re
from dataclasses import replace
from functools import lru_cache

from sitekit.audit.checks import Options, Outcome, check
from sitekit.audit.checks.text import evidence, looks_like_button, number_claims, quote
from sitekit.models import Element, PageSnapshot
from sitekit.phrases import find_phrases, has_phrase, joined, leading_phrase, starts_with_phrase
from sitekit.text import AnyOf, ByIdentity, HintedPattern, norm, word_len

NAME_RE = re.compile(
    r"(?<!\w)([A-ZÀ-ÖØ-ÞА-ЯЁ][a-zà-öø-ÿа-яё'’-]+)\s+([A-ZÀ-ÖØ-ÞА-ЯЁ][a-zà-öø-ÿа-яё'’-]{2,})"
)
INITIAL_RE = re.compile(r"(?<!\w)[A-ZА-Я][a-zа-я]+\s+[A-ZА-Я]\.(?!\w)|—\s*[A-Z]\.")
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


def _content_blocks(page: PageSnapshot) -> list[Element]:
    return [b for b in page.blocks if not b.in_nav and not b.in_footer]


def _own_blocks(page: PageSnapshot, opts: Options) -> list[Element]:
    """Content blocks that speak of the seller: a sponsor's blurb on an event page ('BigBinary
    is a Rails consultancy with 40 contributors') is proof of the sponsor, not of the event."""
    markers = opts.words.get("third_party_markers", ())
    return [b for b in _content_blocks(page) if not (markers and _in_zone(b, markers))]


def _in_zone(el: Element, markers: tuple[str, ...]) -> bool:
    """Is the element inside a section whose class/id names one of `markers` (substring)?"""
    zone = el.attrs.get("zone", "")
    if not zone:
        return False
    seen = _zones_seen(markers)  # a page's blocks share a handful of zones: asked ~300 times
    found = seen.get(zone)
    if found is None:
        if len(seen) >= 1024:
            seen.clear()  # bounded memory over a long crawl
        found = seen[zone] = bool(_substring_re(markers).search(zone))
    return found


# each marker list's answers by zone (the list found by identity: no hashing of the tuple)
_ZONES: ByIdentity[tuple[str, ...], dict[str, bool]] = ByIdentity(lambda _: {}, maxsize=64)
_zones_seen = _ZONES.lookup


@lru_cache(maxsize=64)
def _substring_re(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(m) for m in markers if m) or r"(?!)")


QUOTE_OPEN = ('"', "\u201c", "\u201e", "\u00ab", "\u201d")  # " “ „ « ”
DASH_NAME_RE = re.compile(r"^\s*[—–―-]\s*[A-ZÀ-ÖØ-ÞА-ЯЁ]")
# '— Maria K., Lisbon': a first name, an initial and a place or role is a named customer
FIRST_INITIAL_RE = re.compile(
    r"[—–―-]\s*[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zà-öø-ÿа-яё]+\s+[A-ZÀ-ÖØ-ÞА-ЯЁ]\.,\s*[A-ZÀ-ÖØ-ÞА-ЯЁ]\w+"
)


def _is_quote(b: Element) -> bool:
    """Quoted words in running text: '“Fixed in a day.”' (4+ words in quotation marks)."""
    text = b.text.lstrip()
    return text.startswith(QUOTE_OPEN) and word_len(text) >= 4


def testimonial_blocks(page: PageSnapshot, opts: Options) -> list[Element]:
    """Blocks inside testimonial/review sections (by class or by heading), blockquotes and
    quoted praise with the attribution that follows it."""
    markers = opts.words.get("testimonial_markers", ())
    sections = _sections_under(page, opts.words.get("testimonial_headings", ()))
    not_names = opts.words.get("not_names", ())
    controls: set[str] | None = None  # the buttons' words, read once a name line is in question
    out = []
    after_quote = after_name = False
    pending: Element | None = None  # a plain paragraph in quotation marks, not yet signed
    for b in _content_blocks(page):
        quoted = (
            b.kind in ("blockquote", "q")
            or _in_zone(b, markers)
            or any(start < b.position < end for start, end in sections)
        )
        # praise in quotation marks signed in the same paragraph: '“…” — Maria K., Lisbon'
        signed = _is_quote(b) and bool(FIRST_INITIAL_RE.search(b.text) or _dash_signed(b.text))
        # '— Name' under the quoted words, but not a section label framed by dashes ('- Blog -')
        dashed = (
            pending is not None
            and bool(DASH_NAME_RE.match(b.text))
            and not DASH_FRAMED_RE.match(b.text)
        )
        # a card: the quoted words, then the name alone on its line ('Priya Nair'), its role
        named = pending is not None and not dashed and _name_line(b.text, not_names)
        if named:
            controls = _control_texts(page) if controls is None else controls
            named = norm(b.text) not in controls
        signed = signed or bool(quoting_user(b))
        # the attribution (figcaption, cite, "— Name") follows the quoted words
        if (dashed or named) and pending is not None:
            out.append(pending)
        if (
            quoted
            or signed
            or dashed
            or named
            or (after_quote and _attribution_kind(b, after_name))
        ):
            out.append(b)
        after_quote, after_name = quoted or named, named
        pending = b if _is_quote(b) and not (quoted or signed) else None
    return out


# '— Maria', '- M.': signed with a first name or an initial only
FIRST_NAME_SIGN_RE = re.compile(r"^\s*[—–―-]\s*[A-ZÀ-ÖØ-ÞА-ЯЁ][a-zà-öø-ÿа-яё]*\.?\s*$")
# a line framed by dashes is a section label ('- About -', '— My Blog —'), not a signature
DASH_FRAMED_RE = re.compile(r"^\s*[—–―-].*\S\s*[—–―-]\s*$")
NAME_LINE_WORDS = 8


def _name_line(text: str, not_names: tuple[str, ...]) -> bool:
    """'Priya Nair' or 'Priya Nair CTO at Brightline': a short line that opens with a First
    Last name."""
    m = NAME_RE.match(text.strip())
    return (
        m is not None
        and word_len(text) <= NAME_LINE_WORDS
        and not has_phrase(m.group(1), not_names)
        and not has_phrase(m.group(2), not_names)
    )


def _control_texts(page: PageSnapshot) -> set[str]:
    """The words of the page's buttons and button-styled links ('Book Today'): a call to
    action under quoted words is no signature."""
    return {norm(e.text) for e in (*page.buttons, *page.links) if looks_like_button(e)}


def _attribution_kind(b: Element, after_name: bool) -> bool:
    """After quoted words: a caption, citation or paragraph; after a name line, its role
    ('CTO, Brightline') in whatever short element holds it."""
    if b.kind in ("figcaption", "cite", "p", "footer"):
        return True
    return bool(after_name) and word_len(b.text) <= 8


def _sections_under(page: PageSnapshot, words: tuple[str, ...]) -> list[tuple[int, int]]:
    """(start, end) word positions of the sections under headings naming one of `words`
    ('What our clients say', 'Kundenstimmen'): from the heading to the next heading of the
    same or a higher level."""
    if not words:
        return []
    heads = [h for h in page.headings if not h.in_nav and not h.in_footer]
    spans = []
    for i, h in enumerate(heads):
        if not has_phrase(h.text, words) or word_len(h.text) > 8:
            continue
        level = h.kind[1:]
        end = next(
            (o.position for o in heads[i + 1 :] if o.kind[1:] <= level and o.position > h.position),
            10**9,
        )
        spans.append((h.position, end))
    return spans


# '“We rapidly built a file processor with it.”' inside the paragraph: 5+ quoted words
EMBEDDED_QUOTE_RE = re.compile(
    r"\S.*?[\"\u201c\u201e\u00ab](?:[^\"\u201c\u201d\u201e\u00ab\u00bb]+\s){4,}"
)
# a paragraph that opens with a proper name: 'Jane Miller', or a brand written with a capital
# inside the word ('SmartyStreets', 'MetaReader'), which no common word has
LEAD_NAME_RE = re.compile(
    r"^\s*(?:[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]+\s+[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ'’-]{2,}|"
    r"[A-ZÀ-ÖØ-Þ][a-zà-öø-ÿ]+[A-Z][A-Za-z]*|[A-Z][a-z]*[A-Z]{2,}[a-z]*)(?!\w)"
)


def quoting_user(b: Element) -> str:
    """'SmartyStreets verifies addresses... “We rapidly built an awesome file processor.”':
    a paragraph that opens with a named user and quotes them (a testimonial written into a
    'who uses it' paragraph). The name, or '' when the paragraph is not one."""
    if b.kind != "p" or b.text.lstrip().startswith(QUOTE_OPEN):
        return ""
    lead = LEAD_NAME_RE.match(b.text)
    if lead is None or not EMBEDDED_QUOTE_RE.match(b.text):
        return ""
    return lead.group(0).strip()


DASH_SIGNED_RE = re.compile(r"[\"\u201d\u00bb]\s*[—–―-]\s*(?=[A-ZÀ-ÖØ-ÞА-ЯЁ])")


def _dash_signed(text: str) -> bool:
    """'“…” — Jane Miller': the quotation ends and a dash introduces who said it."""
    return bool(DASH_SIGNED_RE.search(text))


def _signature(text: str) -> str:
    """'“…” - Priya Nair, CTO at Brightline' -> 'Priya Nair, CTO at Brightline' (the words
    after the last closing quotation mark and its dash; '' when the text is not signed)."""
    tail = ""
    for m in DASH_SIGNED_RE.finditer(text):
        tail = text[m.end() :]
    return tail if word_len(tail) <= 12 else ""


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
    blocks = testimonial_blocks(page, opts)
    case = [
        b for b in _content_blocks(page) if has_phrase(b.text, opts.words.get("case_study", ()))
    ]
    if not blocks and not case:
        return Outcome(0.0, (evidence(page, None, "no testimonials, reviews or case studies"),))
    text = " ".join(b.text for b in blocks)
    if has_phrase(text, opts.words.get("placeholder", ())):
        return Outcome(0.25, (evidence(page, blocks[0], "placeholder testimonials"),))
    max_words = int(opts.params["attribution_words"])
    # short lines, captions and citations, and the signature after '“…” - ' in a paragraph
    attributions = " | ".join(
        b.text
        if len(b.text.split()) <= max_words or "—" in b.text or b.kind in ("figcaption", "cite")
        else _signature(b.text)
        for b in blocks
        if len(b.text.split()) <= max_words
        or "—" in b.text
        or b.kind in ("figcaption", "cite")
        or _signature(b.text)
    )
    not_names = opts.words.get("not_names", ())
    names = [
        m.group(0)
        for m in NAME_RE.finditer(attributions)
        if not has_phrase(m.group(1), not_names) and not has_phrase(m.group(2), not_names)
    ]
    names += [n for n in map(quoting_user, blocks) if n and not has_phrase(n, not_names)]
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
    for b in _content_blocks(page):
        m = RATING_RE.search(b.text)
        if m:
            return Outcome(1.0, (evidence(page, b, f"rating: {m.group(0)}"),))
    return Outcome(0.0, (evidence(page, None, "no rating found"),))


# '2.43, on 22nd of March 2026': a version with its release date (a release history)
RELEASE_RE = HintedPattern(
    re.compile(r"(?<![\w.])v?\d+\.\d+(?:\.\d+)*\b[^.\n]{0,40}?\b(?:19|20)\d\d\b"),
    hint=r"\.(?<=\d\.)\d",  # '\d\.\d', in every version number, found by its dot
)


def _track_record(page: PageSnapshot, opts: Options) -> list[tuple[Element, str]]:
    """Thin proof a careful reader still counts: years in business, licences and
    certifications, a named client list, a release history."""
    w = opts.words
    out: list[tuple[Element, str]] = []
    releases = 0
    years = w.get("year_units", ())
    for b in _content_blocks(page):
        claims = number_claims(b.text)
        out += [(b, c) for c in claims if has_phrase(c, years)]
        out += [(b, c) for c in claims if c.lower().startswith(_SINCE)]
        out += [(b, c) for c in find_phrases(b.text, w.get("credentials", ()))]
        releases += len(RELEASE_RE.findall(b.text))
    for h in page.headings:
        if not h.in_footer and has_phrase(h.text, w.get("client_list", ())):
            out.append((h, quote(h.text, 40)))
    if releases >= 3:
        first = next(b for b in _content_blocks(page) if RELEASE_RE.search(b.text))
        out.append((first, f"{releases} dated releases"))
    return out


_SINCE = (
    "since",
    "seit",
    "desde",
    "dal",
    "depuis",
    "с ",
    "est",
    "established",
    "founded",
    "gegründet",
    "fond",
    "fundad",
    "основан",
)


def result_figures(page: PageSnapshot, opts: Options) -> list[tuple[Element, str]]:
    """Figures that report results ('500+ patients', '94%'): not years in business, not
    durations ('15 minutes', '24 hours'), not founding years."""
    w = opts.words
    skip = joined(w, "year_units", "time_units")
    spec = w.get("spec_units", ())
    return [
        (b, c)
        for b in _own_blocks(page, opts)
        for c in number_claims(b.text)
        if not _unit_in(b.text, c, skip, 1)
        and not c.lower().startswith(_SINCE)
        and not (spec and _unit_in(b.text, c, spec, 2))
    ]


def _unit_in(text: str, claim: str, units: tuple[str, ...], words: int) -> bool:
    """Is the figure's unit, in the claim or the `words` words after it, one of `units`?
    '30+ Years of Experience' is a track record like '30 years'; 'over 75 languages',
    '7 default colorschemes' count what the product has (a specification), no proof of how
    the seller performs for customers."""
    if has_phrase(claim, units):
        return True
    at = text.find(claim)
    after = text[at + len(claim) :].split()[:words] if at >= 0 else []
    return bool(after) and has_phrase(" ".join([claim, *after]), units)


@check(
    id="proof-figures",
    criterion="proof",
    title="Concrete figures back the claims (customers, results, ratings)",
    failure_title="Claims with nothing to back them",
    fix="Replace superlatives with figures: customers served, results achieved, years, awards.",
    params={"min_figures": 3, "track_record": 0.5, "min_credentials": 3, "credentials": 0.8},
)
def figures(page: PageSnapshot, opts: Options) -> Outcome:
    found = result_figures(page, opts)
    record = _track_record(page, opts)
    distinct = list(dict.fromkeys(c for _, c in found))
    need = int(opts.params["min_figures"])
    # with result figures, a track record counts as one more ('94%, 12.000 firms, since 2009')
    score = min(1.0, (len(distinct) + bool(distinct and record)) / need)
    thin = float(opts.params["track_record"])
    creds = _credentials(record, opts)
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
            for b in _content_blocks(page)
            if has_phrase(b.text, opts.words.get("superlatives", ()))
        ]
        el = superl[0] if superl else None
        note = "superlatives with no figures" if superl else "no figures or credentials"
        return Outcome(0.0, (evidence(page, el, note),))
    shown = ", ".join([*distinct[:4], *[c for _, c in record[:2]]])
    return Outcome(score, (evidence(page, found[0][0], f"figures: {quote(shown, 100)}"),))


def _credentials(record: list[tuple[Element, str]], opts: Options) -> list[str]:
    """The distinct credentials of a track record, in the page's order, leaving out what every
    trade must have ('licensed', 'insured': common_credentials) and counting 'insured' inside
    'fully insured' once."""
    words = opts.words.get("credentials", ())
    common = opts.words.get("common_credentials", ())
    found = list(
        dict.fromkeys(
            norm(c) for _, c in record if has_phrase(c, words) and not has_phrase(c, common)
        )
    )
    return [c for c in found if not any(c != o and c in o for o in found)]


def _strip(text: str, phrases: tuple[str, ...]) -> str:
    """`text` normalised, with every listed phrase cut out."""
    rest = norm(text)
    for p in find_phrases(rest, phrases):
        rest = rest.replace(p, " ")
    return rest


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
    for b in _own_blocks(page, opts) + [b for b in page.blocks if b.in_footer]:
        found = find_phrases(b.text, words)
        if found and nots and has_phrase(b.text, nots):
            found = find_phrases(_strip(b.text, nots), words)
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
    if found.score or not opts.words.get("emergency_line"):
        return found
    # 'Notdienst: 0180 ...', 'out-of-hours emergency line': who answers when something is
    # urgent, not how customers are treated after the sale (thin detail, "none" for readers)
    urgent = _phrase_check(page, "emergency_line", opts, "only an emergency line")
    if not urgent.score:
        return found
    (ev,) = urgent.evidence
    note = f"{ev.note} (an emergency or out-of-hours line is not after-sale care)"
    return Outcome(float(opts.params["emergency_only"]), (replace(ev, note=note),))


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
    hits = [b for b in copy if has_phrase(b.text, words)]
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
    demo = [
        b
        for b in page.blocks
        if has_phrase(b.text, opts.words.get("template_self", ()))
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
    samples = [b for b in _content_blocks(page) if _in_zone(b, markers)]
    if len(samples) >= int(opts.params["min_blocks"]):
        return Outcome(
            float(opts.params["score"]),
            (evidence(page, samples[0], f"{len(samples)} blocks in project/portfolio sections"),),
        )
    return Outcome(0.0, (evidence(page, None, "no projects, portfolio or case studies"),))
