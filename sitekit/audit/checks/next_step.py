"""Easy next step: a clear, low-commitment call to action, offered early and again at the end."""

from __future__ import annotations

from sitekit.audit.checks import Options, Outcome, check
from sitekit.audit.checks.calls_to_action import (
    BURIED,
    NOTES,
    REPLY_FORM,
    calls_to_action,
    dead_ends,
    hero_offer,
    is_search,
    is_start_cta,
    kind_of,
    message_button,
    names_step,
    reaches_nobody,
    reply_form,
)
from sitekit.audit.checks.menus import is_dead
from sitekit.audit.checks.text import (
    View,
    evidence,
    first_screen_views_within,
    per_viewport,
    quote,
)
from sitekit.models import Element, Evidence, FormInfo, PageSnapshot


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
            best = max(seen, key=lambda e: rank[kind_of(e, opts, page)])
            kind = kind_of(best, opts, page)
            starts = kind == "vague" and is_start_cta(best, opts)
            acts = kind == "action" or starts
            asks = not acts and _takes_offer(page, view, seen, opts)  # a phone, chat or form
            offer = hero_offer(page, view, depth, opts) if acts or asks else []
            reply = reply_form(page)
            message = message_button(page, seen) if not offer else None
            if message is not None and rank[kind] < rank["action"]:
                scores.append(rank["action"])  # a message sent now, as a form's address is
                note = f"{label}: a button to write to you now ({quote(message.text, 25)})"
                ev.append(evidence(page, message, note))
                continue
            if not offer and rank[kind] < rank["action"] and reply is not None:
                scores.append(rank["action"])  # a form to leave an address: a step taken now
                fields = ", ".join(_distinct(reply))
                note = f"{label}: a form that takes an e-mail or phone ({fields})"
                ev.append(evidence(page, None, note, text=reply.submit_text))
                continue
            scores.append(1.0 if offer else rank[kind])
            note = f"{label}: " + NOTES.get(kind, f"{kind} call to action")
            if offer and asks:
                note = f"{label}: the hero says {', '.join(offer)} beside a way to ask for it"
            elif offer:
                note += f" ({', '.join(offer)})"
            ev.append(evidence(page, best, note))
            continue
        contact = [c for c in page.contacts if view(c)]
        form = next((f for f in page.forms if f.fields and not is_search(f)), None)
        menu = [e for e in page.nav_links if view(e) and names_step(e, opts) and not is_dead(e)]
        if form is not None and form.position < page.first_screen_words:
            scores.append(0.6)
            ev.append(
                evidence(page, None, f"{label}: a form but no button text", text=form.submit_text)
            )
        elif contact:
            takes = _takes_offer(page, view, [], opts)  # 'まずは無料' above a tap-to-call number
            offer = hero_offer(page, view, depth, opts) if takes else []
            scores.append(1.0 if offer else 0.45)
            note = f"{label}: only a {contact[0].kind} contact"
            if offer:
                note = f"{label}: the hero says {', '.join(offer)} beside a {contact[0].kind}"
            ev.append(evidence(page, contact[0], note))
        elif menu:  # 'Termine', 'Tickets' in the menu: a step exists, but buried
            scores.append(0.45)
            ev.append(evidence(page, menu[0], f"{label}: the next step is only a menu item"))
        else:
            scores.append(0.0)
            ev.append(_none(page, opts, f"{label}: no call to action"))
    return Outcome(sum(scores) / len(scores), tuple(ev))


def _none(page: PageSnapshot, opts: Options, note: str) -> Evidence:
    """'No call to action', naming the buttons that lead nowhere when the page shows some."""
    dead = dead_ends(page, opts)
    if not dead:
        return evidence(page, None, note)
    shown = ", ".join(list(dict.fromkeys(quote(e.text, 25) for e in dead))[:3])
    return evidence(
        page, dead[0], f"{note}: only {shown}, leading nowhere; no phone, e-mail or form"
    )


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
    ctas = [e for e in all_ctas if kind_of(e, opts, page) == "low-commitment"]
    depth = int(opts.params["first_screen_words"])
    reply = reply_form(page)
    scores, ev = [], []
    for label, view in first_screen_views_within(page, depth):
        early = [e for e in ctas if view(e)]
        acting = [
            e
            for e in all_ctas
            if view(e) and (kind_of(e, opts, page) == "action" or is_start_cta(e, opts))
        ]
        offer = hero_offer(page, view, depth, opts)
        seen = [e for e in all_ctas if view(e)]
        if early:
            scores.append(1.0)
            ev.append(evidence(page, early[0], f"{label}: low-commitment offer"))
        elif offer and not acting and _takes_offer(page, view, seen, opts):
            scores.append(1.0)  # 'Devis gratuit' beside the phone, the chat or an e-mail form
            note = f"{label}: the hero says {', '.join(offer)} beside a way to ask for it"
            ev.append(evidence(page, seen[0] if seen else None, note))
        elif acting and offer:
            scores.append(1.0)
            ev.append(evidence(page, acting[0], f"{label}: the hero says {', '.join(offer)}"))
        elif (message := message_button(page, seen)) is not None:
            scores.append(REPLY_FORM)  # a message written now, as a form takes an address
            note = f"{label}: only a button to write to you ({quote(message.text, 25)}), no offer"
            ev.append(evidence(page, message, note))
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
    params={"first_screen_words": 100},
)
def specific_cta(page: PageSnapshot, opts: Options) -> Outcome:
    ctas = calls_to_action(page, opts)
    submits = [f for f in page.forms if f.fields and not is_search(f)]
    if not ctas and not submits:
        return Outcome(None)
    marked = [e for e in ctas if e.attrs.get("data-sitekit-cta") == "primary"]
    if marked:  # a page that marks its primary CTA (sitekit's theme) is judged on it alone
        ctas = marked[:1]  # never a form button or a smaller step beside it
    vague = [e for e in ctas if kind_of(e, opts, page) == "vague"]
    specific = [e for e in ctas if kind_of(e, opts, page) != "vague"]
    if specific:
        return Outcome(1.0, (evidence(page, specific[0], "specific call to action"),))
    said = _offer_beside(page, vague, opts)
    if said is not None:  # 'Get started' under 'Free for 30 days': the hero says what happens
        return Outcome(1.0, (said,))
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
    forms = [f for f in page.forms if f.fields and not is_search(f)]
    if not forms:
        return Outcome(None)
    shortest = min(forms, key=lambda f: len(_distinct(f)))
    n = len(_distinct(shortest))
    score = 1.0 if n <= limit else max(0.2, 1.0 - 0.2 * (n - limit))
    return Outcome(
        score,
        (evidence(page, None, f"shortest form: {n} fields", text=", ".join(_distinct(shortest))),),
    )


CHANNELS = ("tel", "chat", "mailto", "sms")  # a contact a visitor takes in one tap


def _offer_beside(page: PageSnapshot, vague: list[Element], opts: Options) -> Evidence | None:
    """A vague button in the first screen whose hero states the offer, the way
    next-step-low-commitment reads it: 'Get started' or 'Sign up' under 'free', or a form's
    'Submit' (a form that takes the visitor's e-mail or phone) under 'Free trial lesson'. The
    label is vague, but what happens is said beside it: no 'vague buttons only' page."""
    depth = int(opts.params["first_screen_words"])
    for label, view in first_screen_views_within(page, depth):
        seen = [e for e in vague if view(e)]
        starts = any(is_start_cta(e, opts) for e in seen)
        if not starts and not (seen or reply_form(page)):
            continue
        if not starts and not _takes_offer(page, view, seen, opts):
            continue
        offer = hero_offer(page, view, depth, opts)
        if offer:
            note = f"{label}: a vague button, but the hero says {', '.join(offer)} beside it"
            return evidence(page, seen[0] if seen else None, note)
    return None


def _takes_offer(page: PageSnapshot, view: View, seen: list[Element], opts: Options) -> bool:
    """A way in the first screen to take up an offer the hero states ('Devis gratuit avant
    intervention' beside 'Appeler' and WhatsApp): a contact button, a tap-to-call or chat
    link, or a form that takes an e-mail address or a phone number, and no purchase beside
    it (a hotel's 'free Wi-Fi' beside 'Book now' is no offer of a first step)."""
    kinds = {kind_of(e, opts, page) for e in seen if not reaches_nobody(e, page)}
    if "commitment" in kinds:
        return False
    reach = any(view(c) and c.kind in CHANNELS for c in page.contacts)
    return "contact" in kinds or reach or reply_form(page) is not None


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
        return Outcome(0.0, (_none(page, opts, "no call to action at all"),))
    tail = page.word_count * float(opts.params["end_share"])
    ctas = [e for e in ctas if kind_of(e, opts, page) != "vague"] or ctas
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
    if not direct and page.placeholder_contacts:
        sample = page.placeholder_contacts[0]
        what = "e-mail address" if sample.kind in ("mailto", "email-text") else "phone number"
        note = f"only a template's sample {what}: nobody answers there"
        return Outcome(0.0, (evidence(page, sample, note),))
    if not direct:
        return Outcome(0.0, (evidence(page, None, "no phone, e-mail or chat link"),))

    def judge(label: str, view: View) -> tuple[float, Evidence]:
        early = [c for c in direct if view(c) or c.in_header]
        shown = (early or direct)[0]
        where = "in the first screen" if early else "further down"
        return (1.0 if early else 0.5), evidence(page, shown, f"{label}: {shown.kind} {where}")

    return per_viewport(page, judge)
