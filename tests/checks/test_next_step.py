"""Next-step checks on hand-made calls to action and forms."""

from __future__ import annotations

from typing import Any

import pytest

from sitekit.audit.checks.calls_to_action import REPLY_FORM
from sitekit.audit.profile import load_profile

from .conftest import snap

HERO = (
    "<main><h1>Get paid twice as fast</h1><p>Invoices clients pay in days.</p>"
    "<a class='btn' href='/trial'>Start your free trial</a></main>"
)
VAGUE = (
    "<main><h1>Acme invoices</h1><form action='/x'><input name='q2' type='text'>"
    "<input type='submit' value='Submit'></form></main>"
)
FILLER = "<p>" + "filler words here " * 80 + "</p>"


def test_cta_first_screen(run):
    out = run("next-step-cta-first-screen", HERO)
    assert out.score == 1.0
    assert out.evidence[0].text == "Start your free trial"
    late = "<h1>Acme</h1>" + FILLER + "<a class='btn' href='/t'>Start free trial</a>"
    assert run("next-step-cta-first-screen", late).score == 0.0


def test_phone_only_is_partial(run):
    out = run("next-step-cta-first-screen", "<h1>Acme plumbing</h1><a href='tel:+1555'>Ring</a>")
    assert 0 < out.score < 0.5


def test_low_commitment(run):
    assert run("next-step-low-commitment", HERO).score == 1.0
    sales = "<h1>Acme</h1><a class='btn' href='/c'>Contact sales</a>"
    assert run("next-step-low-commitment", sales).score == 0.0
    pdf = "<h1>Club</h1><a class='btn' href='/statutes.pdf'>Download statutes</a>"
    assert run("next-step-low-commitment", pdf).score == 0.0


def test_vague_only(run):
    assert run("next-step-specific-cta", VAGUE).score < 0.5
    assert run("next-step-specific-cta", HERO).score == 1.0
    assert run("next-step-specific-cta", "<p>nothing</p>").score is None


def test_form_length(run):
    short = "<form><input type='email' name='email'><button>Get the guide</button></form>"
    long = "<form>" + "".join(f"<input name='f{i}'>" for i in range(8)) + "</form>"
    assert run("next-step-short-form", short).score == 1.0
    assert run("next-step-short-form", long).score < 0.5
    assert run("next-step-short-form", "<p>x</p>").score is None


def test_email_capture(run):
    short = "<form><input type='email' name='email'><button>Get the guide</button></form>"
    assert run("next-step-email-capture", short).score == 1.0
    assert run("next-step-email-capture", "<a href='mailto:a@b.c'>Mail</a>").score == 0.6
    assert run("next-step-email-capture", "<p>x</p>").score == 0.0


def test_repeated_at_end(run):
    html = HERO + FILLER + "<a class='btn' href='/trial'>Start your free trial</a>"
    assert run("next-step-repeated", html).score == 1.0
    assert run("next-step-repeated", HERO + FILLER).score < 0.5


def test_contact_visible(run):
    assert (
        run("next-step-contact-visible", "<header><a href='tel:+1555'>Call</a></header>").score
        == 1.0
    )
    assert run("next-step-contact-visible", "<p>x</p>").score == 0.0


def test_a_templates_sample_contact_reaches_nobody(run):
    """'The contact is example.com': a template's sample address and number are no way to
    reach a person, and the evidence says which sample was found."""
    sample = (
        "<header><a href='mailto:contact@example.com'>contact@example.com</a></header>"
        "<main><p>Call us: +1-212-456-7890</p></main>"
    )
    out = run("next-step-contact-visible", sample)
    assert out.score == 0.0
    assert (
        "sample e-mail address" in out.evidence[0].note
        and out.evidence[0].text == "contact@example.com"
    )
    real = sample.replace("+1-212-456-7890", "+1-212-639-2081")
    assert run("next-step-contact-visible", real).score == 1.0


def test_free_stated_in_the_hero_makes_the_step_low_commitment(run):
    html = (
        "<h1>Landing page template</h1><p>This free and open-source template is yours.</p>"
        "<a class='btn' href='https://github.com/x'>View on GitHub</a>"
    )
    assert run("next-step-low-commitment", html).score == 1.0
    assert run("next-step-cta-first-screen", html).score == 1.0
    paid = html.replace("free and open-source", "premium")
    assert run("next-step-low-commitment", paid).score == 0.0


def test_map_and_bare_contact_links_are_not_calls_to_action(run):
    html = (
        "<h1>Dental supplies</h1><a class='btn' href='https://goo.gl/maps/x'>Ver en Google Maps"
        "</a><a href='mailto:kontakt@dental-lager.de'>kontakt@dental-lager.de</a>"
    )
    out = run("next-step-cta-first-screen", html)
    assert out.score < 0.5  # only a contact point: partly at most
    assert out.evidence[0].note.endswith("mailto contact")


def test_japanese_free_trial_button(run):
    html = "<h1>請求書の回収を2倍速く</h1><a class='btn' href='/trial'>無料で試す</a>"
    assert run("next-step-low-commitment", html, lang="ja").score == 1.0


def test_get_started_beside_a_free_plan_is_a_low_commitment_step(run):
    hero = "<h1>Plan sprints</h1><p>Free plan forever.</p><a class='btn' href='/s'>Get started</a>"
    assert run("next-step-low-commitment", hero).score == 1.0
    assert run("next-step-cta-first-screen", hero).score == 1.0
    bare = "<h1>Plan sprints</h1><p>Sprints for teams.</p><a class='btn' href='/s'>Get started</a>"
    assert run("next-step-low-commitment", bare).score == 0.0


def test_an_offer_in_the_menu_and_store_links_are_next_steps(run):
    nav = "<nav><a href='/estimate'>Free Estimate</a><a href='/about'>About</a></nav><h1>Roofs</h1>"
    assert run("next-step-low-commitment", nav).score == 1.0
    plain = "<nav><a href='/services'>Services</a><a href='/about'>About</a></nav><h1>Roofs</h1>"
    assert run("next-step-low-commitment", plain).score == 0.0
    store = "<h1>Dark pages</h1><a href='https://addons.mozilla.org/x'>Reader for Firefox</a>"
    assert run("next-step-low-commitment", store).score == 1.0


def test_a_hero_button_styled_as_one_counts_even_if_its_link_is_a_stub(run):
    """A script may open the step a '#' button shows; on a page with no script at all the
    '#' is a draft ("'Termin online buchen' ... point to '#' (a draft), so only the phone
    numbers work", rated 1)."""
    script = "<script src='/app.js'></script>"
    hero = "<h1>Drone spraying</h1><a class='btn btn-primary' href='#'>Request a free quote</a>"
    assert run("next-step-cta-first-screen", hero + script).score == 1.0
    assert run("next-step-cta-first-screen", hero).score == 0.0
    link = "<h1>Drone spraying</h1><p>Fields sprayed.</p><a href='#'>Request a free quote</a>"
    assert run("next-step-cta-first-screen", link + script).score == 0.0


def test_the_purchase_itself_is_not_a_low_commitment_step(run):
    """'Only "Buy now" with nothing smaller' (criteria.md): buying, ordering now, pre-ordering
    or booking the stay itself on a booking site is an action, not the small first step, and
    free words near it ('free Wi-Fi', 'free delivery') do not make it one."""
    for button in ("Order now", "Buy now", "Pre-order now", "Add to cart"):
        page = (
            "<main><h1>Sourdough baked on Saturday</h1><p>Free delivery in town.</p>"
            f"<a class='btn' href='/shop'>{button}</a></main>"
        )
        assert run("next-step-low-commitment", page).score == 0.0, button
        if button != "Add to cart":  # a shop control, not read as a call to action
            assert run("next-step-cta-first-screen", page).score == 0.85, button
    stay = (
        "<main><h1>A quiet flat by the old town</h1><p>Free Wi-Fi and parking.</p>"
        "<a class='btn' href='https://www.booking.com/hotel/x.html'>Book now</a></main>"
    )
    assert run("next-step-low-commitment", stay).score == 0.0
    german = (
        "<main><h1>Frisches Brot jeden Morgen</h1>"
        "<a class='btn' href='/shop'>Jetzt kaufen</a></main>"
    )
    assert run("next-step-low-commitment", german, "de").score == 0.0
    # still a small step: a free sample, a table, an appointment, a takeaway order online
    for button in ("Order your free sample", "Book a table", "Book an appointment"):
        page = f"<main><h1>Sourdough baked on Saturday</h1><a class='btn' href='/x'>{button}</a>"
        assert run("next-step-low-commitment", page + "</main>").score == 1.0, button


def test_a_step_only_in_the_menu_or_an_address_in_plain_text_is_partly(profile, run):
    """'There is no CTA ... the only step is the nav item Termine' and 'only hi@studio.com as
    plain text' are both rated 1 (partly): a step exists but is buried. Neither is 'none'."""
    from sitekit.audit.scoring import audit_page

    menu = (
        "<header><nav><ul><li><a href='/team.html'>Team</a></li>"
        "<li><a href='/termine.html'>Termine</a></li><li><a href='/leistungen.html'>Leistungen"
        "</a></li></ul></nav></header><main><h1>Physiotherapie in Weiterstadt</h1>"
        "<p>Krankengymnastik, Massage und Lymphdrainage.</p></main>"
    )
    out = run("next-step-cta-first-screen", menu, "de")
    assert out.score == 0.45 and "menu item" in out.evidence[0].note
    plain_mail = "<main><h1>A product studio</h1><p>Write to hi@studio-example.org</p></main>"
    shown = run("next-step-contact-visible", plain_mail)
    assert shown.score == 1.0 and shown.evidence[0].text == "hi@studio-example.org"
    nothing = "<main><h1>Physiotherapie in Weiterstadt</h1><p>Massage.</p></main>"
    for html, lang, low in ((menu, "de", 25), (plain_mail, "en", 25), (nothing, "de", 0)):
        score = audit_page(snap(html, lang), profile, is_entry=True).criteria["next_step"].score
        assert score is not None and (low <= score < 75 if low else score == 0), (html, score)
    # a phone number under its label, written as one run of digits ('Tel: 660867514'), is the
    # bare phone number a reader sees: partly, not none
    for lang, line in (("es", "Tel: 660867514"), ("de", "Telefon: 022127570")):
        bare = f"<main><h1>Restaurante</h1><p>Cocina.</p></main><footer><p>{line}</p></footer>"
        score = audit_page(snap(bare, lang), profile, is_entry=True).criteria["next_step"].score
        assert score is not None and 25 <= score < 75, (line, score)
    # a handle or a file name is no e-mail address
    handles = "<main><h1>Studio</h1><p>Follow @studio and see logo.png</p></main>"
    assert run("next-step-contact-visible", handles).score == 0.0


def test_a_way_to_reach_the_seller_is_no_offer(profile, run):
    """'The only step is the phone number (and a vCard Herunterladen); there is no offer' is
    rated 1: a phone number, an e-mail address or a contact card to download is a channel,
    not a low-commitment step, even on a button ('Call 0161 496 0000', 'Download')."""
    from sitekit.audit.scoring import audit_page

    card = (
        "<main><h1>Zahnarztpraxis am Markt</h1><p>Sprechzeiten Mo-Fr 8-12 Uhr.</p>"
        "<h6>Visitenkarte</h6><button type='button' class='btn-link'>Herunterladen</button>"
        "<script src='/vcard.js'></script></main>"
    )
    vcf = (
        "<main><h1>Harbour Law</h1><p>Conveyancing and wills.</p>"
        "<a class='btn' href='/files/harbour-law.vcf'>Download</a></main>"
    )
    call = (
        "<main><h1>Braces for adults and teens</h1><p>Seven years of practice.</p>"
        "<a class='btn' href='/call'>Call 0161 496 0000</a></main>"
    )
    for html, lang in ((card, "de"), (vcf, "en"), (call, "en")):
        first = run("next-step-cta-first-screen", html, lang)
        assert first.score == 0.45 and "contact" in first.evidence[0].note, (html, first)
        assert run("next-step-low-commitment", html, lang).score == 0.0, html
        score = audit_page(snap(html, lang), profile, is_entry=True).criteria["next_step"].score
        assert score is not None and 25 <= score < 75, (html, score)
    # a download that is an offer, and a call that names one, still are
    guide = card.replace("Visitenkarte", "Ratgeber Zahnpflege")
    assert run("next-step-low-commitment", guide, "de").score == 1.0
    estimate = call.replace("Call 0161 496 0000", "Call 0161 496 0000 for a free estimate")
    assert run("next-step-low-commitment", estimate).score == 1.0


def test_a_button_further_down_that_goes_nowhere_is_no_step(run):
    """'The "Book An Appointment" buttons point to "#" and lead nowhere, leaving only the phone
    numbers' (rated 1): below the first screen a stub link is no step, neither the offer
    further down nor the repeat at the end. (In the hero it still shows the offer.)"""
    page = (
        "<main><h1>Family dentistry</h1><p>Check-ups and fillings.</p>"
        "<a class='btn' href='/about.html'>Know more</a>"
        + FILLER
        + "<a class='btn' href='#'>Book an appointment</a><p>Call 044 4359 2202</p></main>"
    )
    assert run("next-step-low-commitment", page).score == 0.0
    assert run("next-step-specific-cta", page).score < 0.5  # only 'Know more' is left
    working = page.replace("href='#'", "href='/book.html'")
    assert run("next-step-low-commitment", working).score == 0.5  # offered further down


# lang: (hiring for the whole project, buying, a contact card heading) in each profile language
COMMITMENTS = {
    "en": ("Start a project", "Buy now", "Business card"),
    "de": ("Projekt starten", "Jetzt kaufen", "Visitenkarte"),
    "fr": ("Lancer un projet", "Acheter maintenant", "Carte de visite"),
    "es": ("Inicia tu proyecto", "Comprar ahora", "Tarjeta de visita"),
    "pt": ("Inicie seu projeto", "Compre agora", "Cartão de visita"),
    "it": ("Avvia il tuo progetto", "Acquista ora", "Biglietto da visita"),
    "nl": ("Start je project", "Koop nu", "Visitekaartje"),
    "ja": ("プロジェクトを依頼", "今すぐ購入", "名刺"),
}


@pytest.mark.parametrize("lang", sorted(COMMITMENTS))
def test_the_commitment_itself_and_a_contact_card_in_each_language(run, lang):
    """'The hero CTA "Lancer un projet" asks for a project commitment with no free or low-risk
    offer' (rated 1): hiring for the whole job, like buying, is the commitment itself, never the
    small first step, in every profile language; a contact card is a channel."""
    project, buy, card = COMMITMENTS[lang]
    for button in (project, buy):
        page = f"<main><h1>Studio</h1><p>x</p><a class='btn' href='/c'>{button}</a></main>"
        assert run("next-step-low-commitment", page, lang).score == 0.0, button
        first = run("next-step-cta-first-screen", page, lang)
        assert "commitment itself" in first.evidence[0].note, (button, first)
    page = (
        f"<main><h1>Studio</h1><h6>{card}</h6><button type='button'>Download</button>"
        "<script src='/vcard.js'></script></main>"
    )
    first = run("next-step-cta-first-screen", page, lang)
    assert first.score == 0.45 and "contact card" in first.evidence[0].note, first


def test_a_form_for_an_address_in_the_first_screen_is_a_step_taken_now(run):
    """'A short "Schedule ... Service" form in the first screen' (one rater 2, two 1): a form
    that takes an e-mail or a phone number right there is a step the visitor can take now,
    however vague its button ('Send'); it is not the low-commitment offer by itself. A name
    gate ('Enter the shop') is no such form."""
    form = (
        "<main><h1>Drain cleaning in Mason City</h1><a class='btn' href='/about'>Learn more</a>"
        "<h2>Schedule a visit</h2><form action='/r'><input name='name'><input type='tel' "
        "name='phone'><input type='email' name='email'><button>Send</button></form></main>"
    )
    out = run("next-step-cta-first-screen", form)
    assert out.score == 0.85 and "e-mail or phone" in out.evidence[0].note, out
    assert run("next-step-low-commitment", form).score == REPLY_FORM  # partly: no offer named
    gate = form.replace("type='tel' name='phone'", "name='last'").replace(
        "type='email' name='email'", "name='town'"
    )
    assert run("next-step-cta-first-screen", gate).score == 0.55


def test_a_contact_button_is_a_channel_not_an_offer(run):
    """'Only Contact Us / Talk to our team; there is no free assessment or other
    low-commitment offer' (rated 1): a button whose whole label opens a channel is a contact,
    like a phone number; one that names an offer is still that offer."""
    buttons = (("Contact Us", "en"), ("Let’s talk →", "en"), ("Kontakt", "de"), ("Contato", "pt"))
    for button, lang in buttons:
        page = f"<main><h1>AI strategy</h1><p>x</p><a class='btn' href='/c'>{button}</a></main>"
        first = run("next-step-cta-first-screen", page, lang)
        assert first.score == 0.45 and "reach you" in first.evidence[0].note, (button, first)
    offer = "<main><h1>AI strategy</h1><a class='btn' href='/c'>Contact us for a free audit</a>"
    assert run("next-step-low-commitment", offer + "</main>").score == 1.0


# lang: an appointment booked directly, a step that is not the purchase ('a direct booking link')
BOOKINGS = {
    "en": "Book an appointment",
    "de": "Termin vereinbaren",
    "fr": "Réservez votre rendez-vous",
    "es": "Pide cita",
    "pt": "Reservar horário",
    "it": "Fissa un appuntamento",
    "nl": "Maak een afspraak",
    "ja": "予約する",
}


@pytest.mark.parametrize("lang", sorted(BOOKINGS))
def test_a_direct_booking_is_a_low_commitment_step_in_each_language(run, lang):
    page = f"<main><h1>Praxis</h1><p>x</p><a class='btn' href='/b'>{BOOKINGS[lang]}</a></main>"
    assert run("next-step-low-commitment", page, lang).score == 1.0


def test_an_address_form_in_the_first_screen_is_partly_the_small_step(run):
    """'A one-field e-mail signup right under the H1 ... though the button just says Submit'
    (one rater 2, two 1): criteria.md's "at the very least a way to get the prospect's e-mail
    address". With no offer in the first screen, a form there that takes an e-mail is more
    than half the low-commitment step (an offer only further down is half), not none;
    further down it is not. A field whose name merely ends in 's' ('emailAddress') is no
    search box."""
    page = (
        "<main><h1>An app to make your small business shine</h1><p>Launch in minutes.</p>"
        "<form><input type='email' name='emailAddress'><button class='btn'>Submit</button>"
        "</form>" + FILLER + "</main>"
    )
    out = run("next-step-low-commitment", page)
    assert out.score == REPLY_FORM and "e-mail or phone (emailAddress)" in out.evidence[0].note
    assert run("next-step-short-form", page).score == 1.0  # read as a form, not a search box
    late = page.replace("<p>Launch in minutes.</p>", FILLER)
    assert run("next-step-low-commitment", late).score == 0.0
    search = page.replace("type='email' name='emailAddress'", "type='text' name='s'")
    assert run("next-step-low-commitment", search).score == 0.0
    assert run("next-step-short-form", search).score is None


@pytest.mark.parametrize("lang", sorted(COMMITMENTS))
def test_a_form_in_the_first_screen_ranks_above_a_small_step_buried_further_down(
    profile, run, lang
):
    """Both are "partly" (criteria.md: "1 = a next step exists but it is high-commitment, vague
    or buried"), but not the same: 'a one-field e-mail signup right under the H1' and 'a short
    form in the first screen' (one rater of three 2) against 'the hero CTA "Start a project" is
    a high-commitment step; the lower-commitment "Book a call" only appears at the end' (all
    raters 1). A form in the first screen that takes an e-mail address is a step the visitor
    takes now ("at the very least ... a way to get the prospect's e-mail address"); a small
    step offered only further down is buried. The gap holds in every profile language (it
    reads field types, not words); a form further down earns nothing, and a first-screen form
    still counts when a small step is also offered further down."""
    from sitekit.audit.scoring import audit_page

    project = COMMITMENTS[lang][0]
    call = "<p><a href='tel:+15550100'>+1 555 0100</a></p>"  # both otherwise alike
    buried = (
        f"<main><h1>Studio</h1>{call}<a class='btn' href='/c'>{project}</a>"
        + FILLER
        + f"<a class='btn' href='/b'>{BOOKINGS[lang]}</a></main>"
    )
    signup = "<form action='/s'><input type='email' name='email'><button>OK</button></form>"
    form = f"<main><h1>Studio</h1>{call}{signup}{FILLER}{signup}</main>"
    low = run("next-step-low-commitment", buried, lang)
    assert low.score == 0.5 and "further down" in low.evidence[0].note, low
    assert run("next-step-low-commitment", form, lang).score == REPLY_FORM
    both = form.replace(FILLER, FILLER + f"<a class='btn' href='/b'>{BOOKINGS[lang]}</a>")
    assert run("next-step-low-commitment", both, lang).score == REPLY_FORM

    def score(html: str, rules: Any = profile) -> float:
        result = audit_page(snap(html, lang), rules, is_entry=True).criteria["next_step"].score
        assert result is not None
        return result

    # the hand-set rules rank them; the fitted calibration (audits/calibration.toml: the "no
    # clear small step" caps, refitted on the corpus, AA and AB and kept on the closed set AC,
    # docs/judgement.md, thirteenth stop) holds both at the low end of "partly": the form's
    # own hand-set cap (60) was fitted to 25
    hand = load_profile(calibrated=False)
    assert 25 <= score(buried, hand) < score(form, hand) <= 60
    assert score(buried, hand) <= 65
    assert score(buried) == score(form) == 25.0


# lang: (a place to stay, named in its main heading; its booking button)
STAYS = {
    "en": ("Harbour View Hotel", "Book now"),
    "de": ("Ferienwohnung am Markt", "Jetzt buchen"),
    "fr": ("Hôtel du Port", "Réserver"),
    "es": ("Hostal del Río", "Reservar"),
    "pt": ("Pousada da Serra", "Reserve agora"),
    "it": ("Albergo del Lago", "Prenota ora"),
    "nl": ("Vakantiehuis De Duinen", "Boek nu"),
    "ja": ("湖畔の旅館", "ご予約"),
}


@pytest.mark.parametrize("lang", sorted(STAYS))
def test_booking_the_stay_at_a_hotel_is_the_purchase_itself(run, lang):
    """ "'Book Now' (the purchase itself) ... no lower-commitment step" (rated 1): at a hotel,
    inn or holiday home, booking a room is buying the stay, named by the title, the main
    heading or the schema.org type; the same words book a table or an appointment elsewhere."""
    name, button = STAYS[lang]
    page = f"<main><h1>{name}</h1><p>x</p><a class='btn' href='/book'>{button}</a></main>"
    assert run("next-step-low-commitment", page, lang).score == 0.0
    first = run("next-step-cta-first-screen", page, lang)
    assert first.score == 0.85 and "commitment itself" in first.evidence[0].note, first
    elsewhere = page.replace(name, "Praxis am Markt" if lang == "de" else "Studio")
    assert run("next-step-low-commitment", elsewhere, lang).score == 1.0


@pytest.mark.parametrize("lang", sorted(STAYS))
def test_a_booking_that_scrolls_to_a_short_enquiry_form_is_the_small_step(run, lang):
    """ "'Réserver' in the hero leads to a 3-field form" (rated 2): a button named for the
    purchase that only scrolls to a short form taking an e-mail or a phone number asks for that
    form, an enquiry ("a short form (name/e-mail, about three fields or fewer)"), not the
    purchase. A long form, one that takes no address, or a form in another section does not."""
    name, button = STAYS[lang]

    def page(form: str, between: str = "") -> float | None:
        html = (
            f"<main><h1>{name}</h1><p>x</p><a class='btn' href='#ask'>{button}</a>"
            f"<section><h2>Rooms</h2>{FILLER}</section>"  # the form is below the first screen
            f"<section id='ask'><h2>{button}</h2>{between}{form}</section></main>"
        )
        return run("next-step-low-commitment", html, lang).score

    short = (
        "<form><input name='name'><input type='email' name='email'>"
        "<textarea name='message'></textarea><button>OK</button></form>"
    )
    long = short.replace("<button>", "".join(f"<input name='f{i}'>" for i in range(4)) + "<button>")
    no_reply = short.replace("type='email' name='email'", "name='date'")
    later = "<p>" + "a few words about it " * 4 + "</p><h2>Prices</h2><p>From 90 a night.</p>"
    assert page(short) == 1.0
    assert page(long) == 0.0
    assert page(no_reply) == 0.0
    assert page(short, later) == 0.0


LINKS_TO_NOTHING = {
    "en": "Book now",
    "de": "Jetzt reservieren",
    "fr": "Réservez",
    "es": "Reservar",
    "pt": "Reservar",
    "it": "Prenota",
    "nl": "Reserveer nu",
    "ja": "ご予約",
}


@pytest.mark.parametrize("lang", sorted(LINKS_TO_NOTHING))
def test_a_first_screen_button_with_an_empty_href_is_no_step(run, lang):
    """ "'Reserveer nu!' buttons have empty links; phone and a newsletter" (rated 1): a styled
    link whose href is empty goes nowhere, scripts or not, so it is not the small step in the
    first screen; on '#' a script may still open it, and a real target is the step."""
    label = LINKS_TO_NOTHING[lang]
    script = "<script>var x = 1;</script>"

    def page(href: str) -> float | None:
        html = (
            f"<main><h1>Bakery</h1><p>Bread every day.</p>"
            f"<a class='btn' href='{href}'>{label}</a><a href='tel:+31548512752'>0548 512752</a>"
            f"</main>{script}"
        )
        return run("next-step-low-commitment", html, lang).score

    assert page("") == 0.0
    assert page("#") == 1.0
    assert page("/reserveren") == 1.0


def test_a_lodging_schema_type_says_the_stay_is_sold(run):
    data = '<script type="application/ld+json">{"@type": "BedAndBreakfast"}</script>'
    page = "<main><h1>Quiet rooms by the sea</h1><a class='btn' href='/b'>Book now</a></main>"
    assert run("next-step-low-commitment", data + page).score == 0.0
    assert run("next-step-low-commitment", page).score == 1.0


def test_scheduling_the_job_itself_is_the_commitment(run):
    """ "'Schedule Service' (booking the job itself) ... no free estimate" (rated 1)."""
    page = "<main><h1>Plumbing repairs</h1><a class='btn' href='/s'>Schedule Service</a></main>"
    assert run("next-step-low-commitment", page).score == 0.0
    estimate = page.replace("Schedule Service", "Get a free estimate")
    assert run("next-step-low-commitment", estimate).score == 1.0


def test_a_waitlist_a_first_visit_and_a_quote_request_are_small_steps(run):
    """'Join waitlist', a free, low-commitment step' and "'Plan Your Visit' (the natural
    low-commitment step for a church)" (rated 2); 'Angebot anfragen' is a quote request."""
    for button, lang in (
        ("Join waitlist", "en"),
        ("Plan your visit", "en"),
        ("Angebot anfragen", "de"),
    ):
        page = f"<main><h1>Hello</h1><a class='btn' href='/next'>{button}</a></main>"
        assert run("next-step-low-commitment", page, lang).score == 1.0, button


def test_a_video_is_no_step_of_engagement(run):
    """'Watch the Video' with no order, contact or sign-up step (rated 1): watching asks
    nothing of the seller; a demo still is a step."""
    page = "<main><h1>Treats for dogs</h1><a class='btn' href='/v'>Watch the video</a></main>"
    assert run("next-step-low-commitment", page).score == 0.0
    demo = page.replace("Watch the video", "Watch the demo")
    assert run("next-step-low-commitment", demo).score == 1.0


def test_a_sections_own_footer_is_not_the_pages_footer(run):
    """A <footer> inside a <section> closes that section (HTML-AAM maps only a page-level
    footer to contentinfo): the hero's 'Book free consultation' there is in the first screen."""
    button = "<a class='button' href='/book'>Book free consultation</a>"
    hero = (
        f"<section><header><h1>Selkirk Accounting</h1></header><footer>{button}</footer></section>"
    )
    assert run("next-step-cta-first-screen", hero).score == 1.0
    page_footer = f"<section><h1>Selkirk Accounting</h1></section><footer>{button}</footer>"
    assert run("next-step-cta-first-screen", page_footer).score == 0.0


def test_a_booking_that_only_scrolls_to_a_phone_number_is_a_phone_number(run):
    """'Prendre rendez-vous' only jumps to the contact section, where booking is by phone
    ('Les consultations se font sur rendez-vous: 06...'): "no online booking or free offer"
    (rated 1). A booking link or a form there, or an offer in the button, is still the step."""

    def page(button: str, contact: str, lang: str = "fr") -> float | None:
        html = (
            f"<main><h1>Ostéopathe à Paris</h1><a class='button' href='#contact'>{button}</a>"
            "<section><h2>Présentation</h2><p>Une thérapie manuelle.</p></section>"
            f"<section id='contact'><h2>Contact</h2><p>52 rue Michel-Ange</p>{contact}</section>"
            "</main>"
        )
        return run("next-step-low-commitment", html, lang).score

    phone = "<p>Sur rendez-vous : <a href='tel:0646752530'>06 46 75 25 30</a></p>"
    online = "<p><a href='https://www.doctolib.fr/x'>Réserver en ligne</a></p>"
    form = "<form><input type='email' name='email'><button>Envoyer</button></form>"
    assert page("Prendre rendez-vous", phone) == 0.0
    assert page("Prendre rendez-vous", phone + online) == 1.0
    assert page("Prendre rendez-vous", phone + form) == 1.0
    assert page("Réserver une consultation gratuite", phone) == 1.0
    assert page("Book an appointment", phone.replace("Sur rendez-vous", "Call"), "en") == 0.0


def test_booking_something_smaller_at_a_hotel_site_is_still_a_small_step(run):
    """Hotel software's 'Book a demo' (a title naming hotels) books a demo, not a stay."""
    page = (
        "<main><h1>The channel manager for every hotel</h1>"
        "<a class='btn' href='/demo'>Book a demo</a></main>"
    )
    assert run("next-step-low-commitment", page).score == 1.0
    stay = page.replace("Book a demo", "Book now")
    assert run("next-step-low-commitment", stay).score == 0.0


def test_booking_the_callout_is_the_job_and_installing_is_the_free_step(run):
    """'Book Mobile Callout ... the step is booking the job itself' (rated 1): a tradesman's
    callout is hiring him, as 'Schedule service' is. 'Installation' and a quick start in an
    open-source project's hero are its free, low-risk first step (rated 2), as 'Install' is."""
    callout = (
        "<main><h1>Locked out? A locksmith at your car in 30 minutes</h1>"
        "<a class='btn' href='#book'>Book Mobile Callout</a></main>"
    )
    assert run("next-step-low-commitment", callout).score == 0.0
    for button in ("Installation", "Quick start"):
        oss = (
            "<main><h1>A language built for developer happiness</h1>"
            f"<a class='btn' href='#install'>{button}</a><h2 id='install'>Install</h2>"
            "<pre>brew install goby</pre></main>"
        )
        assert run("next-step-low-commitment", oss).score == 1.0, button


def test_rdv_is_an_appointment(run):
    """'RDV' (rendez-vous) as a header button leads to online booking (rated 2: 'a direct
    booking link up front'): the French short form books as 'Prendre rendez-vous' does."""
    page = (
        "<header><a class='btn btn-primary' href='https://cal.com/jml'>RDV</a></header>"
        "<main><h1>Sophrologie à Blausasc</h1><p>Séances au cabinet ou en ligne.</p></main>"
    )
    assert run("next-step-low-commitment", page, "fr").score == 1.0


# lang: (a request for a price or an enquiry, as a hero button)
PRICE_REQUESTS = {
    "pt": ("Usinagem de peças sob medida", "Solicitar cotação"),
    "nl": ("Onderdelen op maat gefreesd", "Prijs aanvragen"),
    "es": ("Hostal del Río", "Consultar disponibilidad y tarifas"),
}


@pytest.mark.parametrize("lang", sorted(PRICE_REQUESTS))
def test_asking_for_a_price_is_a_small_step(run, lang):
    """A quote by its Portuguese name ('cotação', as 'orçamento'), a price request in Dutch
    ('prijs aanvragen', as 'prijsopgave') and an enquiry in Spanish ('consultar', as
    'consulta'; even at a guest house it asks, it does not book): nothing bought yet."""
    heading, button = PRICE_REQUESTS[lang]
    page = f"<main><h1>{heading}</h1><p>x</p><a class='btn' href='/q'>{button}</a></main>"
    assert run("next-step-low-commitment", page, lang).score == 1.0
    buy = page.replace(button, "Comprar" if lang != "nl" else "Koop nu")
    assert run("next-step-low-commitment", buy, lang).score == 0.0


def test_a_small_step_in_the_wordings_the_lists_missed(run):
    """'Prendre rendez‑vous' typeset with a non-breaking hyphen is 'prendre rendez-vous';
    Dutch 'kennismaken' is the verb of the listed 'kennismaking'; a trial lesson named in the
    hero ('cours d'essai possible') beside an action button is its offer, as 'trial' is."""
    nbh = "<main><h1>Droit du travail</h1><a class='btn' href='/r'>Prendre rendez\u2011vous</a>"
    assert run("next-step-low-commitment", nbh, "fr").score == 1.0
    intro = "<main><h1>Boekhouding op orde</h1><a class='btn' href='/k'>Laten we kennismaken</a>"
    assert run("next-step-low-commitment", intro, "nl").score == 1.0
    hero = (
        "<main><h1>Aïkido à Porrentruy</h1><p>Débutants bienvenus, cours d'essai possible.</p>"
        "<a class='btn' href='/h'>Voir les horaires</a></main>"
    )
    assert run("next-step-low-commitment", hero, "fr").score == 1.0
    plain = hero.replace(", cours d'essai possible", "")
    assert run("next-step-low-commitment", plain, "fr").score == 0.0


def test_booking_a_homestay_or_by_phone_is_no_small_step(run):
    """A homestay or a 'B & B' sells stays as a hotel does: 'Book Now' there is the purchase
    (rated 1). 'Book an appointment' that only dials the number is booking by phone only
    (rated 1: "only tel: links ... no online booking, form or free first check"); named by
    its offer ('Book a free consultation') it stays the offer, whatever the channel."""
    for name in ("Riverside Homestay", "B & B am Wald"):
        stay = f"<main><h1>{name}</h1><p>x</p><a class='btn' href='/b'>Book now</a></main>"
        assert run("next-step-low-commitment", stay).score == 0.0, name
    call = (
        "<main><h1>Family dentistry in Irun</h1>"
        "<a class='btn' href='tel:+34943638545'>Book an appointment</a></main>"
    )
    assert run("next-step-low-commitment", call).score == 0.0
    online = call.replace("tel:+34943638545", "/booking")
    assert run("next-step-low-commitment", online).score == 1.0
    free = call.replace("Book an appointment", "Book a free consultation")
    assert run("next-step-low-commitment", free).score == 1.0


def test_an_offer_the_hero_states_beside_a_phone_a_chat_or_a_form_is_the_small_step(run):
    """'Tap-to-call and WhatsApp in the hero, "Devis gratuit avant intervention" early' (rated
    2): the offer stated beside a way to take it up is that offer, as 'Call for a free
    estimate' is. Beside a purchase ('Book now' at a hotel) 'free Wi-Fi' offers no step."""
    hero = (
        "<main><h1>Emergency locksmith in Leeds</h1><p>Doors opened without damage.</p>"
        "<a class='btn' href='tel:+441132496000'>Call now</a>"
        "<a class='btn' href='https://wa.me/441132496000'>WhatsApp</a>"
        "<p>Free quote before any work.</p></main>"
    )
    assert run("next-step-low-commitment", hero).score == 1.0
    first = run("next-step-cta-first-screen", hero)
    assert first.score == 1.0 and "beside a way to ask" in first.evidence[0].note
    plain = hero.replace("Free quote before any work.", "Open day and night.")
    # no offer: the WhatsApp button is a way to write now, as a form that takes an address
    assert run("next-step-low-commitment", plain).score == REPLY_FORM
    assert run("next-step-cta-first-screen", plain).score == 0.85
    phoned = plain.replace("<a class='btn' href='https://wa.me/441132496000'>WhatsApp</a>", "")
    assert run("next-step-low-commitment", phoned).score == 0.0
    assert run("next-step-cta-first-screen", phoned).score == 0.45  # a phone call: a channel
    phone = (
        "<header><a href='tel:+441132496000'>0113 249 6000</a></header>"
        "<main><h1>Websites for small shops</h1><p>Your first sample page is free.</p></main>"
    )
    assert run("next-step-cta-first-screen", phone).score == 1.0
    assert run("next-step-low-commitment", phone).score == 1.0
    form = (
        "<main><h1>Farm records on your phone</h1><p>Free to start, no commitment.</p>"
        "<form><input type='email' name='email'><button>Count me in</button></form></main>"
    )
    assert run("next-step-low-commitment", form).score == 1.0
    hotel = (
        "<main><h1>Seaview Hotel</h1><p>Free Wi-Fi in every room.</p>"
        "<a class='btn' href='/book'>Book now</a><a href='tel:+441132496000'>Call us</a></main>"
    )
    assert run("next-step-low-commitment", hotel).score == 0.0


def test_the_hero_is_read_to_the_first_screens_depth_after_a_long_header(run):
    """The first screen is the header and 100 words after it: an offer 113 words into a page
    whose header takes 20 is still in the hero."""
    header = "<header><p>" + "Locksmith Leeds " * 10 + "</p></header>"
    body = (
        "<main><h1>Emergency locksmith</h1><a class='btn' href='tel:+441132496000'>Call</a>"
        "<p>" + "doors opened fast " * 30 + "</p><p>Free quote before any work.</p></main>"
    )
    assert run("next-step-low-commitment", header + body).score == 1.0


def test_a_sample_contact_reaches_nobody_as_a_step_either(run):
    """A button that dials a template's number ('000-0000-0000', rated 1: "the number is a
    placeholder"), or that scrolls to a section whose only contacts are samples
    (kontakt@example.de, +49 000 0000000, rated 1.33), shows a step nobody answers: a channel
    at most, never the offer, even beside 'kostenlos'."""
    call = (
        "<main><h1>Bonesetting in Osaka</h1><p>Walk-ins welcome.</p>"
        "<a class='btn' href='tel:000-0000-0000'>Book a consultation by phone</a></main>"
    )
    assert run("next-step-low-commitment", call).score == 0.0
    real = call.replace("000-0000-0000", "06-6543-2109")
    assert run("next-step-low-commitment", real).score == 1.0
    audit = (
        "<main><h1>SEO für Handwerker</h1><p>Das erste Audit ist kostenlos.</p>"
        "<a class='btn' href='#kontakt'>Audit anfragen</a>"
        + "<p>Mehr Anfragen.</p>"
        * 40
        + "<section id='kontakt'><h2>Schreiben Sie uns</h2>"
        "<a href='mailto:kontakt@example.de'>kontakt@example.de</a>"
        "<a href='tel:+490000000000'>+49 000 0000000</a></section></main>"
    )
    assert run("next-step-low-commitment", audit, "de").score < 1.0
    reached = audit.replace("kontakt@example.de", "kontakt@seo-handwerk.de")
    assert run("next-step-low-commitment", reached, "de").score == 1.0
    chat = "<main><h1>Hausmeister</h1><a href='https://wa.me/491234567890'>WhatsApp</a></main>"
    page = snap(chat, "de")
    assert not page.contacts and page.placeholder_contacts


def test_a_timetable_is_no_step_but_its_booking_is(run):
    """'Only Unsere Termine and Auf Instagram folgen; no invitation to a concert' and 'only
    Appuntamenti settimanali' are rated 1: the noun, a calendar of dates ('View Schedule',
    'Alle Termine'), is a thing to look at; the verb that opens the label, or the plural with
    its verb, is the step. In a menu the same words still name a step (buried: partly)."""
    for lang, label in (
        ("en", "View Schedule"),
        ("en", "Full schedule"),
        ("de", "Unsere Termine"),
        ("it", "Appuntamenti settimanali"),
    ):
        page = f"<main><h1>Brass band of the valley</h1><a class='btn' href='/d'>{label}</a></main>"
        assert run("next-step-low-commitment", page, lang).score == 0.0, label
    for lang, label in (
        ("en", "Schedule a free call"),
        ("en", "Schedule your visit"),
        ("en", "Schedule inspection"),
        ("de", "Termine vereinbaren"),
        ("de", "Termin buchen"),
        ("it", "Prenota un appuntamento"),
    ):
        page = f"<main><h1>Physio in the valley</h1><a class='btn' href='/b'>{label}</a></main>"
        assert run("next-step-low-commitment", page, lang).score == 1.0, label
    menu = (
        "<header><nav><ul><li><a href='/sobre.html'>Sobre</a></li>"
        "<li><a href='/contato.html'>Agendamentos</a></li></ul></nav></header>"
        "<main><h1>Terapias holísticas</h1><p>Reiki e massagem.</p></main>"
    )
    out = run("next-step-cta-first-screen", menu, "pt")
    assert out.score == 0.45 and "menu item" in out.evidence[0].note


def test_a_vague_button_under_the_stated_offer_says_what_happens(profile, run):
    """'Track your speed now (free) ... Get Started' and a one-field e-mail form 'Grátis para
    começar' under a vague button are rated 2: the hero says what the button gives, so the
    'vague buttons only' cap does not hold the page in 'partly'."""
    from sitekit.audit.scoring import audit_page

    start = (
        "<main><h1>Time your sprint to the hundredth</h1><p>Free for every runner, forever.</p>"
        "<a class='btn' href='/app'>Get started</a></main>"
    )
    out = run("next-step-specific-cta", start)
    assert out.score == 1.0 and "free" in out.evidence[0].note
    form = (
        "<main><h1>Your harvest log in one place</h1><p>Free to begin, no commitment.</p>"
        "<form action='/join'><input type='email' name='email'><button>Send</button></form>"
        "</main>"
    )
    assert run("next-step-specific-cta", form).score == 1.0
    for html in (start, form):
        score = audit_page(snap(html), profile, is_entry=True).criteria["next_step"].score
        assert score is not None and score >= 75, (html, score)
    # no offer said: the vague button alone is still vague
    bare = "<main><h1>Time your sprint</h1><a class='btn' href='/app'>Get started</a></main>"
    assert run("next-step-specific-cta", bare).score < 0.5
    learn = "<main><h1>Acme</h1><p>Free shipping.</p><a class='btn' href='/a'>Learn more</a></main>"
    assert run("next-step-specific-cta", learn).score < 0.5


def test_buttons_that_lead_nowhere_are_no_step(profile, run):
    """'Koop nu' buttons with nothing behind them (no script to run them, no form) and 'Lees
    meer' on an empty link, with no phone, e-mail, form or contact page: raters say "none that
    works" (0), not "a next step exists" (partly). A slider's arrows ('❮', '❯') are controls,
    never a call to action."""
    from sitekit.audit.scoring import audit_page

    shop = (
        "<main><h1>Fresh dog food, made weekly</h1><p>Three recipes for every dog.</p>"
        "<button class='btn'>Koop nu</button><a class='btn' href=''>Lees meer</a>"
        "<button class='slider'>❮</button><button class='slider'>❯</button></main>"
    )
    out = run("next-step-cta-first-screen", shop, "nl")
    assert out.score == 0.0 and "leading nowhere" in out.evidence[0].note
    assert run("next-step-repeated", shop, "nl").score == 0.0
    score = audit_page(snap(shop, "nl"), profile, is_entry=True).criteria["next_step"].score
    assert score == 0.0
    # any way to act keeps the buttons a step shown: a phone, a script that runs them, a form,
    # or a live link to the contact page
    for way in (
        "<p>Bel <a href='tel:+31206248137'>020 624 8137</a></p>",
        "<script>document.querySelector('button').onclick = order;</script>",
        "<form action='/n'><input type='email' name='email'><button>Send</button></form>",
        "<nav><a href='/contact'>Contact</a></nav>",
    ):
        assert run("next-step-repeated", shop.replace("</main>", way + "</main>"), "nl").score
    arrows = "<main><h1>Our parish</h1><button class='btn'>❮</button><a class='btn' href='/n'>›</a>"
    assert run("next-step-repeated", arrows + "</main>").score == 0.0


@pytest.mark.parametrize(
    ("lang", "button", "text"),
    [
        ("en", "Book now", "Book through our messenger app."),
        ("de", "Termin buchen", "Termine vergeben wir über unsere App."),
        ("fr", "Réserver", "Réservations via notre application."),
        ("es", "Reservar cita", "Las citas se reservan en nuestra aplicación."),
        ("pt", "Agendar", "Agendamentos pelo nosso aplicativo."),
        ("it", "Prenota", "Le prenotazioni si fanno nella nostra app."),
        ("nl", "Afspraak maken", "Afspraken maakt u via onze app."),
        ("ja", "予約する", "ご予約はアプリからお願いします。"),
    ],
)
def test_a_booking_that_scrolls_to_nothing_to_act_on_is_no_step(run, lang, button, text):
    """'予約・お問い合わせ' jumps to a section that only says to book through an app whose
    button a script builds ("the LINE button is script-built ... no usable step", rated 0-1):
    the step is judged by what it leads to. With a phone, a form or a link there, it is the
    step it names."""

    def page(contact: str) -> float | None:
        html = (
            f"<main><h1>Studio</h1><a class='button' href='#book'>{button}</a>"
            "<section><h2>Studio</h2><p>Yoga und Pilates.</p></section>"
            f"<section id='book'><h2>{button}</h2><p>{text}</p>{contact}</section></main>"
        )
        return run("next-step-low-commitment", html, lang).score

    assert page("") == 0.0
    assert page("<p><a href='https://booking.example.org/studio'>App</a></p>") == 1.0
    assert page("<form><input type='email' name='email'><button>OK</button></form>") == 1.0


# lang: a consultation said as a verb ('Free consultation' in criteria.md's list of small steps)
CONSULTS = {
    "en": "Talk to an expert",
    "de": "Lassen Sie sich beraten",
    "fr": "Parlez à un expert",
    "es": "Hable con un experto",
    "pt": "Consultar especialista",
    "it": "Parla con un esperto",
    "nl": "Spreek een specialist",
}


@pytest.mark.parametrize("lang", sorted(CONSULTS))
def test_a_consultation_said_as_a_verb_is_a_low_commitment_step(run, lang):
    page = f"<main><h1>Kanzlei</h1><p>x</p><a class='btn' href='/k'>{CONSULTS[lang]}</a></main>"
    assert run("next-step-low-commitment", page, lang).score == 1.0
    # the seller's trade named as a noun is no offer of one; nor is 'consultez' (look up)
    trade = "<main><h1>Kanzlei</h1><p>x</p><a class='btn' href='/k'>Our consultants</a></main>"
    assert run("next-step-low-commitment", trade).score < 1.0
    prices = (
        "<main><h1>Cabinet</h1><p>x</p><a class='btn' href='/t'>Consultez nos tarifs</a></main>"
    )
    assert run("next-step-low-commitment", prices, "fr").score < 1.0


# lang: (a main heading, a button that opens a message to the seller)
MESSAGES = {
    "en": ("Drain cleaning in Leeds", "Message us on WhatsApp"),
    "de": ("Rechtsanwalt für Mietrecht", "Schreiben Sie uns"),
    "fr": ("Lavage auto à domicile", "Envoyer un SMS"),
    "es": ("Fontanero en Madrid", "Escríbenos"),
    "pt": ("Advogado trabalhista", "Falar com Advogado"),
    "it": ("Parrucchiere a Torino", "Scrivici"),
    "nl": ("Kapsalon in Utrecht", "WhatsApp"),
    "ja": ("整体院", "メッセージを送る"),
}


@pytest.mark.parametrize("lang", sorted(MESSAGES))
def test_a_button_to_write_to_the_seller_ranks_as_a_form_that_takes_an_address(profile, run, lang):
    """'"Falar com Advogado" (WhatsApp) in the hero' (rated 2), 'WhatsApp/SMS in the hero'
    (rated 2), 'only a WhatsApp/phone button ... no estimate or quote offer' (rated 1): with
    no offer named, a button in the first screen that opens a written message (WhatsApp,
    Messenger, LINE, Telegram, SMS) is a step the visitor takes now, free, and is answered
    later, as a form that takes an e-mail address is (criteria.md: "at the very least ... a
    way to get the prospect's e-mail"). It is not the low-commitment offer: "partly", above a
    page whose first screen offers only a phone call, a vague button or a step buried further
    down. The reading is the link's address, so it holds in every language. A WhatsApp link to
    a template's sample number reaches nobody; a message button only further down is none, and
    a page on a look-alike host ('about.me') is no messenger."""
    from sitekit.audit.scoring import audit_page

    heading, label = MESSAGES[lang]
    hrefs = {"fr": "sms:+33664363433", "ja": "https://lin.ee/Or1Urb0", "it": "https://t.me/acme"}
    href = hrefs.get(lang, "https://wa.me/5586999854705")
    page = f"<main><h1>{heading}</h1><p>x</p><a class='btn' href='{href}'>{label}</a></main>"
    low = run("next-step-low-commitment", page, lang)
    assert low.score == REPLY_FORM and "write to you" in low.evidence[0].note, low
    assert run("next-step-cta-first-screen", page, lang).score == 0.85

    hand = load_profile(calibrated=False)

    def score(html: str, rules: Any = profile) -> float:
        result = audit_page(snap(html, lang), rules, is_entry=True).criteria["next_step"].score
        assert result is not None
        return result

    phone = page.replace(href, "tel:+5586999854705").replace(label, "+55 86 99985-4705")
    assert run("next-step-low-commitment", phone, lang).score == 0.0
    # both "partly": the hand-set rules put the message above the phone; the fitted
    # calibration (thirteenth stop) holds both at 25, where a bare phone number sits
    assert score(phone, hand) < score(page, hand) <= 60
    assert score(phone) == score(page) == 25.0
    sample = page.replace(href, "https://wa.me/491234567890")
    assert run("next-step-low-commitment", sample, lang).score == 0.0
    late = page.replace("<p>x</p>", FILLER)
    assert run("next-step-low-commitment", late, lang).score == 0.0
    profile_page = page.replace(href, "https://about.me/acme")
    assert run("next-step-low-commitment", profile_page, lang).score == 0.0


# lang: a button asking the seller to call the visitor back, in the words people write it
CALLBACKS = {
    "en": ("Call me back", "Request a call"),
    "fr": ("Rappelez-moi", "Être rappelé"),
    "nl": ("Bel me terug", "Bel mij terug"),
}


@pytest.mark.parametrize("lang", sorted(CALLBACKS))
def test_a_callback_asked_for_is_the_small_step_however_it_is_worded(run, lang):
    """'"Bel me terug" in the hero to a phone-only callback form' (two raters of three 2): a
    callback is the seller's free call at the visitor's asking, a listed small step ('call
    back', 'bel mij terug', 'être rappelé'); its everyday wordings are the same step."""
    for label in CALLBACKS[lang]:
        page = f"<main><h1>Catering</h1><p>x</p><a class='btn' href='/r'>{label}</a></main>"
        assert run("next-step-low-commitment", page, lang).score == 1.0, label
