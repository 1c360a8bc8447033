"""Easy next step: a clear, low-commitment call to action, offered early and again at the end."""

from __future__ import annotations

from sitekit.audit.checks import Options, Outcome, check
from sitekit.audit.checks.findability import is_dead
from sitekit.audit.checks.text import (
    View,
    evidence,
    first_screen_views_within,
    hero_text,
    is_label,
    looks_like_button,
    per_viewport,
    quote,
)
from sitekit.figures import PHONE_LIKE_RE, digit_count
from sitekit.models import Element, Evidence, FormInfo, PageSnapshot
from sitekit.phrases import find_phrases, has_phrase, joined
from sitekit.text import word_len

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


# what the first screen's best call to action is, when it is not the small first step
NOTES = {
    "commitment": "only the commitment itself (buying, booking the stay, hiring for the "
    "whole project), nothing smaller",
    "contact": "only a way to reach you (a phone number, an address, a contact card), not an offer",
}


# next-step-low-commitment without an offer in the first screen: a form there that takes an
# e-mail address or a phone number (the least step criteria.md names, taken now) ranks above a
# small step offered only further down (buried); the caps in audits/default.toml read the gap
REPLY_FORM = 0.6
BURIED = 0.5

SEARCH_NAMES = ("q", "s")  # the usual names of a search box's field (WordPress: 's')


def _is_search(form: FormInfo) -> bool:
    """A search box: a field named 'q' or 's' (the whole name: 'emailAddress' is no 's'), or
    one whose name or type says search or query."""
    if len(form.fields) > 2:
        return False
    for field in form.fields:
        name, _, kind = field.lower().partition(":")
        if name in SEARCH_NAMES or any(k in f"{name} {kind}" for k in ("search", "query")):
            return True
    return False


_LAST: list[tuple[PageSnapshot, Options, list[Element]]] = []  # the last page's answer


def calls_to_action(page: PageSnapshot, opts: Options) -> list[Element]:
    """Buttons, button-styled links and action-worded links (menu toggles and dead links out)."""
    last = _LAST[0] if _LAST else None  # one read: safe if threads share the module
    if last is not None and last[0] is page and last[1].words is opts.words:
        return list(last[2])
    found = _calls_to_action(page, opts)
    _LAST[:] = [(page, opts, found)]
    return list(found)


def _calls_to_action(page: PageSnapshot, opts: Options) -> list[Element]:
    skip = opts.words.get("ui_controls", ())
    verbs = opts.words.get("cta_verbs", ())
    out = []
    for e in (*page.links, *page.buttons):
        text = e.text.strip()
        if not text or word_len(text) > 8 or has_phrase(text, skip):
            continue
        href = e.href.lower()
        styled = looks_like_button(e)
        dead = is_dead(e) and (not styled or not e.in_first_screen)
        if e.kind == "a" and (dead or any(h in href for h in MAP_HOSTS)):
            continue  # goes nowhere (in the first screen a button styled as one still shows
            # the step; further down it is no step), or directions
        worded = has_phrase(text, verbs) or has_phrase(text, opts.words.get("low_commitment", ()))
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


def _names_step(e: Element, opts: Options) -> bool:
    """A link whose words name a next step, small or not: 'Book', 'Termine', 'Tickets'."""
    w = opts.words
    return has_phrase(e.text, joined(w, "low_commitment", "purchase_cta", "start_cta"))


def _reply_form(page: PageSnapshot) -> FormInfo | None:
    """A form in the first screen that asks for an e-mail address or a phone number: the
    visitor can leave a way to be answered right there ("a short form ... name/e-mail"), even
    when its button is vague ('Submit'). A name gate or a search box is not one."""
    for form in page.forms:
        if form.position >= page.first_screen_words or _is_search(form):
            continue
        if form.has_email or any(f.endswith(":tel") for f in form.fields):
            return form
    return None


def _is_document(e: Element) -> bool:
    return e.href.lower().split("?")[0].endswith((".pdf", ".doc", ".docx", ".jpg", ".png"))


def _is_store(e: Element) -> bool:
    return any(h in e.href.lower() for h in STORE_HOSTS)


def _starts(e: Element, opts: Options) -> bool:
    """'Get started', 'Sign up': vague alone, a low-commitment step beside 'free plan'."""
    return has_phrase(e.text, opts.words.get("start_cta", ()))


def _is_purchase(e: Element, opts: Options) -> bool:
    """'Buy now', 'Order now', 'Book now' on a site that sells the stay: the purchase itself
    (free words around it, 'free Wi-Fi', 'free shipping', do not make it a first step), unless
    the button itself says it is free ('Order your free sample')."""
    w = opts.words
    bought = has_phrase(e.text, joined(w, "purchase_cta", "commitment_cta"))
    bought = bought or any(h in e.href.lower() for h in STAY_BOOKING_HOSTS)
    return bought and not has_phrase(e.text, w.get("offer_words", ()))


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
    if has_phrase(e.text, opts.words.get("low_commitment", ())):
        return False
    phone = PHONE_LIKE_RE.search(e.text)
    return e.href.lower().startswith(CONTACT_SCHEMES) or (
        phone is not None and digit_count(phone.group(0)) >= 8
    )


# the last page's kinds, by element: each check asks again for the same calls to action
_KINDS: list[tuple[PageSnapshot, dict[str, tuple[str, ...]], dict[int, str]]] = []


def _kind_of(e: Element, opts: Options, page: PageSnapshot) -> str:
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
    if _is_purchase(e, opts):
        return "commitment"  # 'Buy now', 'Order now', a stay booked: the purchase itself
    if _is_channel(e, page, opts):
        return "contact"  # 'Call 0161 879 4949', 'Herunterladen' a vCard: partly at most
    if has_phrase(e.text, w.get("low_commitment", ())) and not (
        _is_document(e) and not has_phrase(e.text, w.get("lead_magnet", ()))
    ):
        return "low-commitment"
    if has_phrase(e.text, w.get("vague_cta", ())) or not has_phrase(e.text, w.get("cta_verbs", ())):
        return "vague"
    return "action"


def _hero_offer(page: PageSnapshot, view: View, depth: int, opts: Options) -> list[str]:
    """Offer words ('free', 'no credit card') stated in the hero around its buttons."""
    hero, _ = hero_text(page, view, depth)
    return find_phrases(hero, opts.words.get("offer_words", ()))


@check(
    id="next-step-cta-first-screen",
    criterion="next_step",
    title="A call to action in the first screen",
    failure_title="No call to action in the first screen",
    fix="Put one button in the hero with an action verb and a concrete offer "
    "('Get a free estimate').",
    params={"first_screen_words": 100},
)
def cta_first_screen(page: PageSnapshot, opts: Options) -> Outcome:
    ctas = calls_to_action(page, opts)
    scores, ev = [], []
    rank = {
        "low-commitment": 1.0,
        "action": 0.85,
        "commitment": 0.85,
        "vague": 0.55,
        "contact": 0.45,
    }
    depth = int(opts.params["first_screen_words"])
    for label, view in first_screen_views_within(page, depth):
        seen = [e for e in ctas if view(e)]
        if seen:
            best = max(seen, key=lambda e: rank[_kind_of(e, opts, page)])
            kind = _kind_of(best, opts, page)
            starts = kind == "vague" and _starts(best, opts)
            acts = kind == "action" or starts
            offer = _hero_offer(page, view, depth, opts) if acts else []
            reply = _reply_form(page)
            if not offer and rank[kind] < rank["action"] and reply is not None:
                scores.append(rank["action"])  # a form to leave an address: a step taken now
                fields = ", ".join(_distinct(reply))
                note = f"{label}: a form that takes an e-mail or phone ({fields})"
                ev.append(evidence(page, None, note, text=reply.submit_text))
                continue
            scores.append(1.0 if offer else rank[kind])
            note = f"{label}: " + NOTES.get(kind, f"{kind} call to action")
            ev.append(evidence(page, best, note + (f" ({', '.join(offer)})" if offer else "")))
            continue
        contact = [c for c in page.contacts if view(c)]
        form = next((f for f in page.forms if f.fields and not _is_search(f)), None)
        menu = [e for e in page.nav_links if view(e) and _names_step(e, opts) and not is_dead(e)]
        if form is not None and form.position < page.first_screen_words:
            scores.append(0.6)
            ev.append(
                evidence(page, None, f"{label}: a form but no button text", text=form.submit_text)
            )
        elif contact:
            scores.append(0.45)
            ev.append(evidence(page, contact[0], f"{label}: only a {contact[0].kind} contact"))
        elif menu:  # 'Termine', 'Tickets' in the menu: a step exists, but buried
            scores.append(0.45)
            ev.append(evidence(page, menu[0], f"{label}: the next step is only a menu item"))
        else:
            scores.append(0.0)
            ev.append(evidence(page, None, f"{label}: no call to action"))
    return Outcome(sum(scores) / len(scores), tuple(ev))


@check(
    id="next-step-low-commitment",
    criterion="next_step",
    title="A low-commitment first step is offered (free, trial, sample, demo, quote, guide)",
    failure_title="No low-commitment step: only 'buy' or 'contact sales'",
    fix="Offer a small first step: a free estimate, a trial, a sample, a demo, a checklist.",
    params={"first_screen_words": 100},
)
def low_commitment(page: PageSnapshot, opts: Options) -> Outcome:
    all_ctas = calls_to_action(page, opts)
    ctas = [e for e in all_ctas if _kind_of(e, opts, page) == "low-commitment"]
    depth = int(opts.params["first_screen_words"])
    reply = _reply_form(page)
    scores, ev = [], []
    for label, view in first_screen_views_within(page, depth):
        early = [e for e in ctas if view(e)]
        acting = [
            e
            for e in all_ctas
            if view(e) and (_kind_of(e, opts, page) == "action" or _starts(e, opts))
        ]
        offer = _hero_offer(page, view, depth, opts)
        if early:
            scores.append(1.0)
            ev.append(evidence(page, early[0], f"{label}: low-commitment offer"))
        elif acting and offer:
            scores.append(1.0)
            ev.append(evidence(page, acting[0], f"{label}: the hero says {', '.join(offer)}"))
        elif reply is not None:  # "at the very least ... a way to get the e-mail address"
            scores.append(REPLY_FORM)  # a step taken in the first screen, but no offer named
            fields = ", ".join(_distinct(reply))
            note = f"{label}: only a form that takes an e-mail or phone ({fields}), no offer"
            ev.append(evidence(page, None, note, text=reply.submit_text))
        elif ctas:
            scores.append(BURIED)  # "offered early": a small step only further down is buried
            ev.append(evidence(page, ctas[0], f"{label}: offered only further down"))
        else:
            scores.append(0.0)
            ev.append(evidence(page, None, f"{label}: no low-commitment offer"))
    return Outcome(sum(scores) / len(scores), tuple(ev))


@check(
    id="next-step-specific-cta",
    criterion="next_step",
    title="Buttons say what happens ('Get my free quote')",
    failure_title="Only vague buttons ('Submit', 'Learn more')",
    fix="Rename vague buttons to say what the visitor gets: 'Send me the guide', "
    "'Book my free call'.",
)
def specific_cta(page: PageSnapshot, opts: Options) -> Outcome:
    ctas = calls_to_action(page, opts)
    submits = [f for f in page.forms if f.fields and not _is_search(f)]
    if not ctas and not submits:
        return Outcome(None)
    marked = [e for e in ctas if e.attrs.get("data-sitekit-cta") == "primary"]
    if marked:  # a page that marks its primary CTA (sitekit's theme) is judged on it alone
        ctas = marked[:1]  # never a form button or a smaller step beside it
    vague = [e for e in ctas if _kind_of(e, opts, page) == "vague"]
    specific = [e for e in ctas if _kind_of(e, opts, page) != "vague"]
    if specific:
        return Outcome(1.0, (evidence(page, specific[0], "specific call to action"),))
    el = vague[0] if vague else None
    return Outcome(
        0.3,
        (
            evidence(
                page,
                el,
                "only vague calls to action: " + ", ".join(quote(e.text, 25) for e in vague[:4]),
            ),
        ),
    )


@check(
    id="next-step-short-form",
    criterion="next_step",
    title="Forms are short (three fields or fewer)",
    failure_title="The only form is long",
    fix="Ask only for what the first step needs (name and e-mail); collect the rest later.",
    params={"max_fields": 3},
)
def short_form(page: PageSnapshot, opts: Options) -> Outcome:
    limit = int(opts.params["max_fields"])
    forms = [f for f in page.forms if f.fields and not _is_search(f)]
    if not forms:
        return Outcome(None)
    shortest = min(forms, key=lambda f: len(_distinct(f)))
    n = len(_distinct(shortest))
    score = 1.0 if n <= limit else max(0.2, 1.0 - 0.2 * (n - limit))
    return Outcome(
        score,
        (evidence(page, None, f"shortest form: {n} fields", text=", ".join(_distinct(shortest))),),
    )


def _distinct(form: FormInfo) -> list[str]:
    return list(dict.fromkeys(f.split(":")[0] for f in form.fields))


@check(
    id="next-step-email-capture",
    criterion="next_step",
    title="The visitor can leave an e-mail address",
    failure_title="No way to leave an e-mail address",
    fix="Offer something of value (a guide, a checklist, updates) in exchange for an e-mail.",
)
def email_capture(page: PageSnapshot, opts: Options) -> Outcome:
    form = next((f for f in page.forms if f.has_email), None)
    if form is not None:
        return Outcome(
            1.0,
            (
                evidence(
                    page,
                    None,
                    f"form with e-mail ({len(form.fields)} fields)",
                    text=form.submit_text,
                ),
            ),
        )
    mail = next((c for c in page.contacts if c.kind == "mailto"), None)
    if mail is not None:
        return Outcome(0.6, (evidence(page, mail, "only a mailto: link"),))
    return Outcome(0.0, (evidence(page, None, "no e-mail form or address"),))


@check(
    id="next-step-repeated",
    criterion="next_step",
    title="The next step is repeated at the end of the page",
    failure_title="The call to action is not repeated at the end",
    fix="Close the page with the same offer as the hero.",
    params={"end_share": 0.6},
)
def repeated(page: PageSnapshot, opts: Options) -> Outcome:
    ctas = [e for e in calls_to_action(page, opts) if not e.in_nav]
    if not ctas:
        return Outcome(0.0, (evidence(page, None, "no call to action at all"),))
    tail = page.word_count * float(opts.params["end_share"])
    ctas = [e for e in ctas if _kind_of(e, opts, page) != "vague"] or ctas
    late = [e for e in ctas if e.position >= tail and not e.in_footer]
    if late:
        return Outcome(1.0, (evidence(page, late[-1], "call to action near the end"),))
    footer = [e for e in ctas if e.in_footer]
    if footer:
        return Outcome(0.5, (evidence(page, footer[-1], "repeated only in the footer"),))
    return Outcome(0.3, (evidence(page, ctas[-1], "last call to action is mid-page"),))


@check(
    id="next-step-contact-visible",
    criterion="next_step",
    title="Phone or e-mail is easy to see",
    failure_title="No phone or e-mail to reach a person",
    fix="Show a phone number or e-mail address in the header and near each call to action.",
)
def contact_visible(page: PageSnapshot, opts: Options) -> Outcome:
    kinds = ("tel", "mailto", "phone-text", "email-text", "chat")
    direct = [c for c in page.contacts if c.kind in kinds]
    if not direct:
        return Outcome(0.0, (evidence(page, None, "no phone, e-mail or chat link"),))

    def judge(label: str, view: View) -> tuple[float, Evidence]:
        early = [c for c in direct if view(c) or c.in_header]
        shown = (early or direct)[0]
        where = "in the first screen" if early else "further down"
        return (1.0 if early else 0.5), evidence(page, shown, f"{label}: {shown.kind} {where}")

    return per_viewport(page, judge)
