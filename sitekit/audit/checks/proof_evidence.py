"""What proof a page holds, read for the proof checks: the page's own blocks, customers' words
and who signed them, result figures and a track record."""

from __future__ import annotations

import re
from functools import lru_cache

from sitekit.audit.checks import Options
from sitekit.audit.checks.text import blocks_may_hold, looks_like_button, number_claims, quote
from sitekit.figures import CURRENCY_SIGNS
from sitekit.models import Element, PageSnapshot
from sitekit.phrases import find_phrases, has_phrase, joined
from sitekit.text import ByIdentity, HintedPattern, norm, remembers_texts, word_len

NAME_RE = re.compile(
    r"(?<!\w)([A-ZÀ-ÖØ-ÞА-ЯЁ][a-zà-öø-ÿа-яё'’-]+)\s+([A-ZÀ-ÖØ-ÞА-ЯЁ][a-zà-öø-ÿа-яё'’-]{2,})"
)
INITIAL_RE = re.compile(r"(?<!\w)[A-ZА-Я][a-zа-я]+\s+[A-ZА-Я]\.(?!\w)|—\s*[A-Z]\.")


# The proof checks ask for a page's content blocks nine times and its own blocks three times:
# both are worked out once per page, remembered for the last page's blocks (its tuple, held
# here, so no other object can take its id), and handed out as new lists.
_last_content: tuple[tuple[Element, ...] | None, tuple[Element, ...]] = (None, ())
_last_own: tuple[tuple[Element, ...] | None, tuple[str, ...], tuple[Element, ...]] = (None, (), ())


def _forget_last() -> None:
    global _last_content, _last_own
    _last_content, _last_own = (None, ()), (None, (), ())


remembers_texts(_forget_last)


def content_blocks(page: PageSnapshot) -> list[Element]:
    global _last_content
    blocks = page.blocks
    if _last_content[0] is not blocks:
        _last_content = (blocks, tuple(b for b in blocks if not b.in_nav and not b.in_footer))
    return list(_last_content[1])


def own_blocks(page: PageSnapshot, opts: Options) -> list[Element]:
    """Content blocks that speak of the seller: a sponsor's blurb on an event page ('BigBinary
    is a Rails consultancy with 40 contributors') is proof of the sponsor, not of the event."""
    global _last_own
    markers = opts.words.get("third_party_markers", ())
    if _last_own[0] is not page.blocks or _last_own[1] is not markers:
        own = tuple(b for b in content_blocks(page) if not (markers and in_zone(b, markers)))
        _last_own = (page.blocks, markers, own)
    return list(_last_own[2])


def in_zone(el: Element, markers: tuple[str, ...], unless: tuple[str, ...] = ()) -> bool:
    """Is the element inside a section whose class/id names one of `markers` (substring)?
    Words in `unless` are taken out of the class/id first: 'services-preview' holds 'review',
    'fa-file-invoice' 'voice', and neither names a review section."""
    zone = el.attrs.get("zone", "")
    if unless and zone:
        zone = _without(zone, unless)
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
remembers_texts(_ZONES.clear)
# each 'unless' list's zones with its words taken out, by zone
_CLEANED: ByIdentity[tuple[str, ...], dict[str, str]] = ByIdentity(lambda _: {}, maxsize=64)
remembers_texts(_CLEANED.clear)


def _without(zone: str, unless: tuple[str, ...]) -> str:
    seen = _CLEANED.lookup(unless)
    cleaned = seen.get(zone)
    if cleaned is None:
        if len(seen) >= 1024:
            seen.clear()  # bounded memory over a long crawl
        cleaned = seen[zone] = _substring_re(unless).sub(" ", zone).strip()
    return cleaned


@lru_cache(maxsize=64)
def _substring_re(markers: tuple[str, ...]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(m) for m in markers if m) or r"(?!)")


def _asks_for_quote(b: Element, markers: tuple[str, ...], asks: set[str]) -> bool:
    """Is the block in a testimonial zone only through a 'quote' class of a section that also
    holds a form (a price quote is asked for there)?"""
    named = [t for t in b.attrs.get("zone", "").split() if any(m in t for m in markers)]
    return bool(named) and all(t in asks for t in named)


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
    unless = opts.words.get("testimonial_markers_not", ())
    sections = _sections_under(page, opts.words.get("testimonial_headings", ()))
    not_names = opts.words.get("not_names", ())
    controls: set[str] | None = None  # the buttons' words, read once a name line is in question
    # the 'quote' tokens of the sections that hold a form: 'Request a Quote' ('quote-home'),
    # where the visitor asks for a price, not where customers speak
    asks = {
        t
        for f in page.blocks
        if f.kind == "form"
        for t in f.attrs.get("zone", "").split()
        if "quote" in t
    }
    out = []
    after_quote = after_name = False
    pending: Element | None = None  # a plain paragraph in quotation marks, not yet signed
    for b in content_blocks(page):
        quoted = (
            b.kind in ("blockquote", "q")
            or (in_zone(b, markers, unless) and not (asks and _asks_for_quote(b, markers, asks)))
            or (bool(sections) and any(start < b.position < end for start, end in sections))
        )
        is_quote = _is_quote(b)
        # praise in quotation marks signed in the same paragraph: '“…” — Maria K., Lisbon'
        signed = is_quote and bool(FIRST_INITIAL_RE.search(b.text) or dash_signed(b.text))
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
        pending = b if is_quote and not (quoted or signed) else None
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


def dash_signed(text: str) -> bool:
    """'“…” — Jane Miller': the quotation ends and a dash introduces who said it."""
    return bool(DASH_SIGNED_RE.search(text))


def signature(text: str) -> str:
    """'“…” - Priya Nair, CTO at Brightline' -> 'Priya Nair, CTO at Brightline' (the words
    after the last closing quotation mark and its dash; '' when the text is not signed)."""
    tail = ""
    for m in DASH_SIGNED_RE.finditer(text):
        tail = text[m.end() :]
    return tail if word_len(tail) <= 12 else ""


# '2.43, on 22nd of March 2026': a version with its release date (a release history)
RELEASE_RE = HintedPattern(
    re.compile(r"(?<![\w.])v?\d+\.\d+(?:\.\d+)*\b[^.\n]{0,40}?\b(?:19|20)\d\d\b"),
    hint=r"\.(?<=\d\.)\d",  # '\d\.\d', in every version number, found by its dot
)


def track_record(page: PageSnapshot, opts: Options) -> list[tuple[Element, str]]:
    """Thin proof a careful reader still counts: years in business, licences and
    certifications, a named client list, a release history."""
    w = opts.words
    out: list[tuple[Element, str]] = []
    releases = 0
    years = w.get("year_units", ())
    creds = w.get("credentials", ())
    may_credit = blocks_may_hold(page, creds)
    blocks = content_blocks(page)
    # the release hint ('\d\.\d') holds no newline: a block it matches, it matches in the
    # blocks joined by newlines, so one scan rules most pages out instead of one a block
    may_release = bool(RELEASE_RE.hint.search("\n".join([b.text for b in blocks])))
    # ... and the footer's: 'Komal Dhokiya, R.SLP (BC)', 'Schon seit mehr als 60 Jahren' under
    # 'Über uns' are read there too (a release history is not looked for in it)
    footer = [b for b in page.blocks if b.in_footer and not b.in_nav]
    for b in (*blocks, *footer):
        claims = number_claims(b.text)
        if claims:  # (most blocks hold none: no comprehensions run for them)
            # '10+ years in production': the unit may follow the '+' as the next word
            out += [
                (b, c) for c in claims if _unit_in(b.text, c, years, 1) and not _ONE_RE.match(c)
            ]
            out += [(b, c) for c in claims if c.lower().startswith(_SINCE)]
        if may_credit:
            out += [(b, c) for c in find_phrases(b.text, creds)]
        if may_release and not b.in_footer:
            releases += len(RELEASE_RE.findall(b.text))
    if creds:
        # the name the site signs with, in its header ('Rachel Stanton, LICSW'), and a badge
        # shown as an image ('WeddingWire Couples' Choice Award Winner 2014')
        signs = [a for a in page.links if (a.in_header or a.in_nav) and a.href in _HOME]
        signs += [i for i in page.images if not i.in_footer and not i.in_nav]
        for e in signs:
            out += [(e, c) for c in find_phrases(e.text, creds)]
    for h in page.headings:
        if (
            not h.in_footer
            and has_phrase(h.text, w.get("client_list", ()))
            and _names_under(page, h)
        ):
            out.append((h, quote(h.text, 40)))
    if releases >= 3:
        first = next(b for b in blocks if RELEASE_RE.search(b.text))
        out.append((first, f"{releases} dated releases"))
    return out


_HOME = ("/", "./", "#", "index.html", "/index.html", "")
# how a list of names is written on one line: 'Acme, Brightside • Northwind'
_LIST_SEP_RE = re.compile(r"[,;•|·\n]")
_NOT_LETTERS_RE = re.compile(r"[\W\d_]+")
NAME_WORDS = 5  # a client's name is a few words ('Brightside Dental Group'), not a sentence


def _names_under(page: PageSnapshot, h: Element) -> bool:
    """Does the section under a client-list heading ('Our clients', 'Referenzen') name two or
    more different clients, in its lines or its images (alt text, else file name)? A heading
    is a promise: over sentences ('Our clients' reviews will appear here') or numbered images
    ('Projekt 1', 'Projekt 2') it names nobody."""
    # to the next heading: a subheading opens another part ('Techniciens expérimentés')
    end = next((o.position for o in page.headings if o.position > h.position), 10**9)
    names = set()
    for e in (*page.blocks, *page.images):
        # an image holds no words: the last ones sit where the next heading's words start
        last = end if e.kind == "img" else end - 1
        if not h.position <= e.position <= last or e.in_footer or e.in_nav or e.text == h.text:
            continue
        # a logo with no alt text still shows a name to the eye: its file names it
        text = e.text or (e.href.rsplit("/", 1)[-1].rsplit(".", 1)[0] if e.kind == "img" else "")
        for part in _LIST_SEP_RE.split(text):
            if 0 < word_len(part) <= NAME_WORDS:
                names.add(_NOT_LETTERS_RE.sub(" ", part.lower()).strip())
    names.discard("")
    return len(names) >= 2


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
    durations ('15 minutes', '24 hours'), not prices ('60 euros'), distances ('2 cuadras') or
    measures of the product ('400 gramos'), not a room's capacity ('4 personnes'), not
    founding years."""
    w = opts.words
    skip = joined(
        w,
        "year_units",
        "time_units",
        "month_names",
        "price_units",
        "distance_units",
        "measure_units",
    )
    people = w.get("person_units", ())
    spec = w.get("spec_units", ())
    counted = joined(w, "audience_units", "work_units")
    named = _numbers_in_name(page)
    return [
        (b, c)
        for b in own_blocks(page, opts)
        for c in number_claims(b.text)
        if not (_bare_count(b.text, c) and not _unit_in(b.text, c, counted, 2))
        and not _unit_in(b.text, c, skip, 1)
        and not (named and _in_name(b.text, c, named))
        and not c.lower().startswith(_SINCE)
        and not (spec and _unit_in(b.text, c, spec, 2))
        and not _ONE_RE.match(c)
        and not PRICED_RE.search(b.text)
        and not (people and _capacity(b.text, c, people, opts))
    ]


# a number and a word, nothing else ('12 tacos', '3 plantas', '110 places', '2 chambres'): a
# count of something. It is proof only when it counts the people served, the work done, the
# reviews and awards, or the size of the business ('500 clients', '120 projets', '42 salariés':
# audience_units, work_units, in the word or the two after it); else it counts what the offer
# holds, a specification. A figure with a mark of scale or result ('94%', '500+', '3x', '2.3
# million', '4,9 ★') and a CJK counter ('32万', '120件') are not bare counts.
_BARE_COUNT_RE = re.compile(
    r"([\d.,\s]+)(?!(?:mil|mill|mio|thousand|tausend|mille|milhares?)\b)"
    r"(?!(?:million|millones|milioni|milhões|miljoen|milliard|billion|млн|миллион|тыс))"
    r"[a-zà-öø-ÿа-яё]+$",
    re.IGNORECASE,
)


def _bare_count(text: str, claim: str) -> bool:
    """A count of things ('12 tacos'): a number under a thousand and a word, and no currency
    sign before it ('$2,000,000 insurance' is a sum). A count in the thousands ('1,200
    pizzas a month', '4.000 Betriebe') is a scale no offer's parts reach: a volume of business."""
    bare = _BARE_COUNT_RE.match(claim)
    if not bare or len(re.sub(r"\D", "", bare.group(1))) >= 4:
        return False
    at = text.find(claim)
    return at <= 0 or text[:at].rstrip()[-1:] not in CURRENCY_SIGNS


# a number a word leads in the page's title: part of the site's name ('Le Nouveau Wok 95',
# 'Studio 54', 'Fitness 24'), said again wherever the name is
_NAME_NUMBER_RE = re.compile(r"([^\W\d_]+)\s+(\d+)(?!\w)")


def _numbers_in_name(page: PageSnapshot) -> dict[str, set[str]]:
    """Number -> the words that lead it in the page's title."""
    out: dict[str, set[str]] = {}
    for m in _NAME_NUMBER_RE.finditer(norm(page.title)):
        out.setdefault(m.group(2), set()).add(m.group(1))
    return out


def _in_name(text: str, claim: str, named: dict[str, set[str]]) -> bool:
    """Is the claim's number the site's name's number, led here by the same word ('Wok 95
    sera ouvert'), not a figure?"""
    num = re.match(r"\d+", claim)
    if num is None or num.group(0) not in named:
        return False
    words = named[num.group(0)]
    return any(
        m.group(1) in words
        for m in _NAME_NUMBER_RE.finditer(norm(text))
        if m.group(2) == num.group(0)
    )


def _capacity(text: str, claim: str, people: tuple[str, ...], opts: Options) -> bool:
    """'2 à 5 personnes', 'hasta 6 personas': a small count of people is what a room or a
    class takes; '1.200 personas atendidas' is a head count of customers."""
    digits = re.match(r"\d+(?:[.,\s]\d{3})*(?!\d)", claim)  # '1.200' is twelve hundred
    count = int(re.sub(r"\D", "", digits.group(0))) if digits else 0
    small = 0 < count <= int(opts.params["capacity_max"])
    return small and _unit_in(text, claim, people, 1)


# '1+', '1 +', '1%': a counter a script never filled in (it counts up from 1), or one of a
# thing; no result ('1 million' and '1.200' are figures, and no years in business either)
_ONE_RE = re.compile(r"1\s*(?:[+%]|$)")
# a price ('$110', '12 €', '$3 each'): the figures beside it count what the item holds. A sum
# the seller handled or is insured for ('$300 million', '$2,000,000') is no price
_SIGN = f"[{re.escape(CURRENCY_SIGNS)}]"
PRICED_RE = re.compile(
    rf"{_SIGN}\s?\d{{1,4}}(?:[.,]\d\d)?(?![\d.,]*\d)(?!\s*(?:k|m|mil|mio|mn|bn)\b)(?!\s*[mb]illi)"
    rf"|(?<![\d.,])\d{{1,4}}(?:[.,]\d\d)?\s?{_SIGN}",
    re.I,
)


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


def credentials(record: list[tuple[Element, str]], opts: Options) -> list[str]:
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
