"""A page's calls to action, read for the next-step checks: what each asks of the visitor (a
purchase, a channel, a card, a reply form, a document or store link) and the hero's offer."""

from __future__ import annotations

from collections.abc import Mapping

from sitekit.audit.checks import Options
from sitekit.audit.checks.menus import is_dead
from sitekit.audit.checks.text import (
    View,
    hero_text,
    is_label,
    looks_like_button,
)
from sitekit.audit.sample_contacts import sample_contact
from sitekit.audit.snapshot.contact import opens_chat
from sitekit.audit.words import says_small_step
from sitekit.figures import PHONE_LIKE_RE, digit_count
from sitekit.models import Element, FormInfo, PageSnapshot
from sitekit.phrases import find_phrases, has_phrase, joined, without_phrases
from sitekit.text import FIRST_SCREEN_WORDS, word_len

MAP_HOSTS = (
    "google.com/maps",
    "goo.gl/maps",
    "maps.google.",
    "maps.app.goo.gl",
    "maps.apple.",
    "openstreetmap.org",
    "bing.com/maps",
)
CONTACT_SCHEMES = ("tel:", "mailto:", "sms:")
# a contact card to save (vCard): a way to reach the seller, never an offer
CARD_MARKS = ("vcard", "vcf")
ARROWS = " →↗↓›»>"  # 'Let's talk →': the arrow is decoration, not part of the label
CARD_HEADING_WORDS = 3  # a heading this close above the button names what it downloads
# an app or extension store page: installing is a free, low-commitment first step
STORE_HOSTS = (
    "chrome.google.com/webstore",
    "chromewebstore.google.com",
    "addons.mozilla.org",
    "microsoftedge.microsoft.com/addons",
    "apps.apple.com",
    "itunes.apple.com",
    "play.google.com/store",
    "marketplace.visualstudio.com",
    "flathub.org/apps",
    "snapcraft.io",
)

# where a stay is booked and paid: 'Book now' there is the purchase itself, not a first step
STAY_BOOKING_HOSTS = (
    "booking.com",
    "airbnb.",
    "expedia.",
    "hotels.com",
    "vrbo.com",
    "fewo-direkt.de",
    "agoda.com",
)


# schema.org types of a place that sells stays: there 'Book now' is the purchase itself
LODGING_TYPES = frozenset(
    [
        "Hotel",
        "Motel",
        "Hostel",
        "BedAndBreakfast",
        "LodgingBusiness",
        "Resort",
        "Campground",
        "VacationRental",
    ]
)


# what the first screen's best call to action is, when it is not the small first step
NOTES = {
    "commitment": "only the commitment itself (buying, booking the stay, hiring for the "
    "whole project), nothing smaller",
    "contact": "only a way to reach you (a phone number, an address, a contact card), not an offer",
}


# next-step-low-commitment without an offer in the first screen: a way there for the visitor to
# write to the seller now, a form that takes an e-mail address or a phone number (the least
# step criteria.md names) or a button that opens a message (WhatsApp, SMS), ranks above a small
# step offered only further down (buried); the caps in audits/default.toml read the gap
REPLY_FORM = 0.75
BURIED = 0.5

SEARCH_NAMES = ("q", "s")  # the usual names of a search box's field (WordPress: 's')


def is_search(form: FormInfo) -> bool:
    """A search box: a field named 'q' or 's' (the whole name: 'emailAddress' is no 's'), or
    one whose name or type says search or query."""
    if len(form.fields) > 2:
        return False
    for field in form.fields:
        name, _, kind = field.lower().partition(":")
        if name in SEARCH_NAMES or any(k in f"{name} {kind}" for k in ("search", "query")):
            return True
    return False


# the last page's answer: its calls to action, and the buttons that lead nowhere (see
# dead_ends)
_LAST: list[tuple[PageSnapshot, Options, list[Element], list[Element]]] = []


def calls_to_action(page: PageSnapshot, opts: Options) -> list[Element]:
    """Buttons, button-styled links and action-worded links (menu toggles and dead links out;
    none at all when every one of them leads nowhere: see dead_ends)."""
    return list(_read(page, opts)[0])


def dead_ends(page: PageSnapshot, opts: Options) -> list[Element]:
    """The buttons a page shows when none of them leads anywhere and nothing else on the page
    lets the visitor act (`_leads_nowhere`): a step shown that cannot be taken is no step."""
    return list(_read(page, opts)[1])


def _read(page: PageSnapshot, opts: Options) -> tuple[list[Element], list[Element]]:
    last = _LAST[0] if _LAST else None  # one read: safe if threads share the module
    if last is not None and last[0] is page and last[1].words is opts.words:
        return last[2], last[3]
    found = _calls_to_action(page, opts)
    dead: list[Element] = []
    if found and _leads_nowhere(page, found, opts):
        found, dead = [], found
    _LAST[:] = [(page, opts, found, dead)]
    return found, dead


def _calls_to_action(page: PageSnapshot, opts: Options) -> list[Element]:
    skip = opts.words.get("ui_controls", ())
    verbs = opts.words.get("cta_verbs", ())
    out = []
    for e in (*page.links, *page.buttons):
        text = e.text.strip()
        if not any(ch.isalnum() for ch in text):
            continue  # no letter or digit: an icon control ('❮', '›', '☰'), like '↑' and '×'
        if word_len(text) > 8 or has_phrase(text, skip):
            continue
        href = e.href.lower()
        styled = looks_like_button(e)
        draft = href.strip() == "#" and not page.scripts  # no script on the page to run it
        # an empty href is a link to nothing whatever the scripts ('Reserveer nu!' on href="":
        # "the buttons have empty links", rated 1), as _leads_nowhere reads it; '#' is where a
        # script's button conventionally points, so there it may still open the step
        draft = draft or (e.kind == "a" and not href.strip())
        dead = is_dead(e) and (not styled or not e.in_first_screen or draft)
        if e.kind == "a" and (dead or any(map(href.__contains__, MAP_HOSTS))):
            continue  # goes nowhere (in the first screen a button styled as one still shows
            # the step, a script may open it; further down it is no step, nor is a '#' draft
            # on a page with no script at all), or directions
        worded = has_phrase(text, verbs) or says_small_step(text, opts.words)
        worded = worded or _is_store(e)
        if e.in_nav and not styled and not has_phrase(text, opts.words.get("nav_cta", ())):
            continue  # a menu item, unless it is itself the offer ('Free estimate', 'Book now')
        if href.startswith(CONTACT_SCHEMES) and not (styled and worded):
            continue  # a bare phone number or address is contact, not a call to action
        if e.kind == "button" and e.in_nav and not worded:
            continue
        if styled or worded:
            out.append(e)
    return sorted(out, key=lambda e: e.position)


def _leads_nowhere(page: PageSnapshot, ctas: list[Element], opts: Options) -> bool:
    """Every call to action goes nowhere (a link to nothing or to an anchor with no target; a
    '#' link or a <button> on a page with no script to run it) and the page gives no other way
    to act: no phone, e-mail or chat, no form, no live link to the contact page or one naming
    a step. The buttons show a step the visitor cannot take: "none that works: 'Lees meer' has
    an empty href ... no phone, e-mail or form", "'Koop nu' buttons that do nothing" (0)."""
    for e in ctas:
        nowhere = e.kind == "a" and ("anchor-missing" in e.attrs or not e.href.strip())
        if not nowhere and (page.scripts or (e.kind == "a" and not is_dead(e))):
            return False  # a live link, or a script on the page that may run the button
    if page.embedded_forms or any(c.kind != "address" for c in page.contacts):
        return False
    if any(not is_search(f) for f in page.forms):
        return False
    contact = opts.words.get("contact_cta", ())
    return not any(
        not is_dead(e) and (has_phrase(e.text, contact) or names_step(e, opts)) for e in page.links
    )


def names_step(e: Element, opts: Options) -> bool:
    """A link whose words name a next step, small or not: 'Book', 'Termine', 'Tickets'. The
    booking words count here: a menu's 'Termine' or 'Agendamentos' may be the dates or the
    booking, either way a step is named, though no low-commitment offer."""
    w = opts.words
    steps = joined(w, "low_commitment", "purchase_cta", "start_cta", "booking_cta")
    return has_phrase(e.text, steps)


def reply_form(page: PageSnapshot) -> FormInfo | None:
    """A form in the first screen that asks for an e-mail address or a phone number: the
    visitor can leave a way to be answered right there ("a short form ... name/e-mail"), even
    when its button is vague ('Submit'). A name gate or a search box is not one."""
    for form in page.forms:
        if form.position >= page.first_screen_words or is_search(form):
            continue
        if form.has_email or any(f.endswith(":tel") for f in form.fields):
            return form
    return None


def message_button(page: PageSnapshot, seen: list[Element]) -> Element | None:
    """The first of `seen` (calls to action in one first screen) that opens a written message
    to the seller: a WhatsApp, Messenger, LINE or Telegram chat, an SMS. Like a form that
    takes an e-mail address, it lets the visitor ask now, free, and be answered later, where a
    phone call asks for a conversation at once. A template's sample number reaches nobody."""
    for e in seen:
        href = e.href.lower()
        if not (href.startswith("sms:") or opens_chat(href)):
            continue
        if not reaches_nobody(e, page):
            return e
    return None


def _is_document(e: Element) -> bool:
    return e.href.lower().split("?")[0].endswith((".pdf", ".doc", ".docx", ".jpg", ".png"))


def _is_store(e: Element) -> bool:
    return any(map(e.href.lower().__contains__, STORE_HOSTS))  # (the href lowered once)


def is_start_cta(e: Element, opts: Options) -> bool:
    """'Get started', 'Sign up': vague alone, a low-commitment step beside 'free plan'."""
    return has_phrase(e.text, opts.words.get("start_cta", ()))


def _is_purchase(e: Element, opts: Options, page: PageSnapshot) -> bool:
    """'Buy now', 'Order now', 'Book now' on a site that sells the stay: the purchase itself
    (free words around it, 'free Wi-Fi', 'free shipping', do not make it a first step), unless
    the button itself says it is free ('Order your free sample')."""
    w = opts.words
    bought = has_phrase(e.text, joined(w, "purchase_cta", "commitment_cta"))
    bought = bought or any(h in e.href.lower() for h in STAY_BOOKING_HOSTS)
    if not bought and has_phrase(e.text, w.get("stay_booking", ())):
        # ... unless the booking is of something smaller: 'Book a demo' of hotel software
        rest = without_phrases(e.text, w.get("stay_booking", ()))
        smaller = says_small_step(rest, w)
        bought = not smaller and _sells_stays(page, opts)
    return bought and not has_phrase(e.text, w.get("offer_words", ()))


def _sells_stays(page: PageSnapshot, opts: Options) -> bool:
    """A hotel, inn, guest house or holiday home: its schema.org type says so, or its title or
    main heading names one ('Bon Hotel', 'Pousada Savacipo', '末広屋旅館'). Booking a room
    there is buying the stay (the raters: "'Book Now' (the purchase itself) ... no
    lower-commitment step"); an enquiry or a question about prices is the smaller step."""
    if not LODGING_TYPES.isdisjoint(page.structured_types):
        return True
    h1 = next((h.text for h in page.headings if h.kind == "h1"), "")
    return has_phrase(f"{page.title} {h1}", opts.words.get("lodging", ()))


def _is_card(e: Element, page: PageSnapshot, opts: Options) -> bool:
    """A contact card to download ('Visitenkarte: Herunterladen', a .vcf link)."""
    marks = " ".join((e.href, e.attrs.get("id", ""), e.attrs.get("class", ""))).lower()
    if any(m in marks for m in CARD_MARKS):
        return True
    cards = opts.words.get("contact_card", ())
    if has_phrase(e.text, cards):
        return True
    above = [
        h for h in page.headings if e.position - CARD_HEADING_WORDS <= h.position <= e.position
    ]
    return bool(above) and has_phrase(above[-1].text, cards)


def _is_channel(e: Element, page: PageSnapshot, opts: Options) -> bool:
    """A way to reach the seller and nothing more: a phone number, an e-mail address, a
    contact card. 'Call for a free estimate' names an offer and is not one."""
    label = e.text.strip().rstrip(ARROWS).strip()
    if _is_card(e, page, opts) or is_label(label, opts.words.get("contact_cta", ())):
        return True
    if says_small_step(e.text, opts.words):
        return False
    phone = PHONE_LIKE_RE.search(e.text)
    href = e.href.lower()
    if opens_chat(href):
        return True  # 'WhatsApp', 'Chat with us' on wa.me: a channel, like a phone number
    return href.startswith(CONTACT_SCHEMES) or (
        phone is not None and digit_count(phone.group(0)) >= 8
    )


TARGET_WORDS = 150  # how far an in-page link's target section is read, at most
OPENING_WORDS = 12  # a heading this close to an anchor's target is that section's own title
SHORT_FORM_FIELDS = 4  # "about three fields or fewer": a message box beside name, e-mail, phone


def _books_by_phone(e: Element, page: PageSnapshot, opts: Options) -> bool:
    """'Prendre rendez-vous' that only scrolls to a section whose one way to book is a phone
    number or an e-mail address (no form, no booking link): "booking by phone only, with no
    online booking or smaller first step" (rated 1), and 'Reservar cita' that only dials the
    number (a tel: link) is the same phone call. A step named by its offer ('Get a free
    quote') stays the offer, whatever the channel."""
    at = e.attrs.get("anchor-at")
    w = opts.words
    phoned = e.href.lower().startswith("tel:")
    if (at is None and not phoned) or not has_phrase(e.text, w.get("booking_cta", ())):
        return False
    rest = without_phrases(e.text, w.get("booking_cta", ()))
    if has_phrase(rest, joined(w, "low_commitment", "offer_words", "lead_magnet")):
        return False  # 'Book a free consultation': the offer, by whatever channel
    if phoned or at is None:
        return phoned  # 'Reservar cita' that dials the number: booking by phone only
    start, end = _target_section(page, int(at))
    if any(start <= f.position < end for f in page.forms):
        return False
    reach = [c for c in page.contacts if start <= c.position < end and c.kind != "address"]
    if not reach:
        return False
    for other in (*page.links, *page.buttons):
        if other is e or not start <= other.position < end or other.href.startswith("#"):
            continue
        href = other.href.lower()
        if href.startswith(CONTACT_SCHEMES) or any(map(href.__contains__, MAP_HOSTS)):
            continue
        if names_step(other, opts):
            return False  # 'Book online' on Doctolib, a booking page: a direct booking
    return True


def _leads_to_nothing(e: Element, page: PageSnapshot, words: Mapping[str, tuple[str, ...]]) -> bool:
    """A booking or contact link ('予約・お問い合わせ', 'Book now' on '#contact') to a section that
    holds nothing the visitor can act on: no form, no phone, e-mail or chat, no link or button
    of its own (a booking widget a script builds there is not in the page). The step is
    judged by what it leads to, as a booking that scrolls to a phone number is that phone
    call: here it leads nowhere ("the LINE button is script-built ... no usable step"). An
    'Install' link is not one: the instructions it scrolls to are the step."""
    at = e.attrs.get("anchor-at")
    if at is None or not e.href.startswith("#") or page.embedded_forms:
        return False
    if not has_phrase(e.text, joined(words, "booking_cta", "contact_cta")):
        return False
    start, end = _target_section(page, int(at), OPENING_WORDS)
    if any(start <= f.position < end for f in page.forms):
        return False
    if any(start <= c.position < end and c.kind != "address" for c in page.contacts):
        return False
    return not any(
        other is not e and start <= other.position < end and other.text.strip()
        for other in (*page.links, *page.buttons)
    )


def _target_section(page: PageSnapshot, start: int, opening: int = 0) -> tuple[int, int]:
    """Where an in-page link's target section starts and ends (its next h1/h2, at most
    TARGET_WORDS words on; a heading within `opening` words of the start is the section's own
    title, not the next section)."""
    end = start + TARGET_WORDS
    for h in page.headings:
        if start + opening < h.position < end and h.kind in ("h1", "h2"):
            return start, h.position  # the next section
    return start, end


def _asks_by_form(e: Element, page: PageSnapshot) -> bool:
    """'Réserver' or 'Demander une intervention' that only scrolls to a short form taking an
    e-mail address or a phone number (about three fields or fewer: criteria.md's "a short
    form (name/e-mail ...)"): what the button asks of the visitor is that form, an enquiry,
    not the purchase its words name ("'Réserver' in the hero leads to a 3-field form", rated
    2). The step is judged by what it asks, the way a booking that scrolls to a phone number
    is that phone call (_books_by_phone)."""
    at = e.attrs.get("anchor-at")
    if at is None or not e.href.startswith("#"):
        return False
    start, end = _target_section(page, int(at), OPENING_WORDS)
    for form in page.forms:
        if not start <= form.position < end or is_search(form):
            continue
        replies = form.has_email or any(f.endswith(":tel") for f in form.fields)
        if replies and len({f.split(":")[0] for f in form.fields}) <= SHORT_FORM_FIELDS:
            return True
    return False


def reaches_nobody(e: Element, page: PageSnapshot) -> bool:
    """A link to a template's sample number or address (tel:000-0000-0000, a WhatsApp chat
    with +49 123 4567890), or an in-page link on a page whose only ways to reach anyone are
    such samples (no form, no real contact): the step is shown, but nobody answers it
    ("'Kostenloses Audit anfragen' ... but every contact route is a placeholder")."""
    if sample_contact(e.href):
        return True
    if e.attrs.get("anchor-at") is None or not page.placeholder_contacts or page.forms:
        return False
    return not any(c.kind != "address" for c in page.contacts)


# the last page's kinds, by element: each check asks again for the same calls to action
_KINDS: list[tuple[PageSnapshot, dict[str, tuple[str, ...]], dict[int, str]]] = []


def kind_of(e: Element, opts: Options, page: PageSnapshot) -> str:
    """'low-commitment' (free, trial, demo...), 'action' (a verb), 'commitment' (the purchase
    or the whole job itself: 'Buy now', 'Start a project'), 'contact' (a phone number, an
    address, a contact card: a channel, not an offer) or 'vague'."""
    last = _KINDS[0] if _KINDS else None  # one read: safe if threads share the module
    if last is None or last[0] is not page or last[1] is not opts.words:
        last = (page, opts.words, {})
        _KINDS[:] = [last]
    kind = last[2].get(id(e))
    if kind is None:
        kind = last[2][id(e)] = _read_kind(e, opts, page)
    return kind


def _read_kind(e: Element, opts: Options, page: PageSnapshot) -> str:
    w = opts.words
    if _is_store(e):
        return "low-commitment"
    if _is_purchase(e, opts, page):
        if _asks_by_form(e, page):
            return "low-commitment"  # it scrolls to a short enquiry form: the form is the step
        return "commitment"  # 'Buy now', 'Order now', a stay booked: the purchase itself
    if _is_channel(e, page, opts) or _books_by_phone(e, page, opts) or reaches_nobody(e, page):
        return "contact"  # 'Call 0161 879 4949', 'Herunterladen' a vCard: partly at most
    if _leads_to_nothing(e, page, w):
        return "vague"  # 'Book now' that scrolls to a section with nothing to act on
    if says_small_step(e.text, w) and not (
        _is_document(e) and not has_phrase(e.text, w.get("lead_magnet", ()))
    ):
        return "low-commitment"
    if has_phrase(e.text, w.get("vague_cta", ())) or not has_phrase(e.text, w.get("cta_verbs", ())):
        return "vague"
    return "action"


def hero_offer(page: PageSnapshot, view: View, depth: int, opts: Options) -> list[str]:
    """Offer words ('free', 'no credit card') stated in the hero around its buttons."""
    header_end = page.first_screen_words - FIRST_SCREEN_WORDS
    _, start = hero_text(page, view, 1)
    hero, _ = hero_text(page, view, max(depth, header_end + depth - start))
    return find_phrases(hero, opts.words.get("offer_words", ()))
