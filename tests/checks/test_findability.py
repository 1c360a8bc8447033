"""Findability checks on hand-made navigations and structures."""

from __future__ import annotations

from sitekit.audit.scoring import audit_page

from .conftest import snap

NAV = (
    "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/services'>Services</a></li>"
    "<li><a href='/pricing'>Pricing</a></li><li><a href='/how'>How it works</a></li>"
    "<li><a href='/contact'>Contact</a></li></ul></nav></header><main><h1>Fast invoices</h1>"
    "<h2>Why</h2><p>Text.</p><h2>How</h2><p>More text.</p></main>"
)


def _nav(labels: list[str]) -> str:
    """A <nav> of one link per label, each to its own page."""
    return "<nav>" + "".join(f"<a href='/{i}'>{t}</a>" for i, t in enumerate(labels)) + "</nav>"


def test_nav_sane_count(run):
    out = run("findability-nav", NAV)
    assert out.score == 1.0
    assert "4 navigation items" in out.evidence[0].note


def test_no_nav_and_wall(run):
    assert run("findability-nav", "<main><h1>Hello there</h1></main>").score == 0.0
    wall = "<nav><ul>" + "".join(f"<li><a href='/p{i}'>Page {i}</a></li>" for i in range(40))
    assert run("findability-nav", wall + "</ul></nav>").score < 0.5


def test_dropdown_entries_do_not_count(run):
    html = (
        "<nav><ul><li><a href='#'>Industries</a><ul><li><a href='/a'>Retail</a></li>"
        "<li><a href='/b'>Insurance</a></li></ul></li><li><a href='/s'>Services</a></li>"
        "<li><a href='/c'>Contact</a></li></ul></nav>"
    )
    assert run("findability-nav", html).score == 1.0


def test_labels_customer_vs_company(run):
    assert run("findability-nav-labels", NAV).score == 1.0
    company = (
        "<nav><a href='/a'>About us</a><a href='/h'>Our history</a><a href='/t'>Team</a>"
        "<a href='/n'>News</a></nav>"
    )
    assert run("findability-nav-labels", company).score < 0.3
    assert run("findability-nav-labels", "<p>no nav</p>").score is None


def test_dead_links(run):
    dead = "<nav><a href='#'>Home</a><a href='#!'>Pricing</a><a href='#missing'>FAQ</a></nav>"
    out = run("findability-dead-links", dead)
    assert out.score == 0.05  # 0 is kept for a menu of 3+ items that all go nowhere
    assert "go nowhere" in out.evidence[0].note
    assert run("findability-dead-links", NAV).score == 1.0


def test_headings(run):
    assert run("findability-headings", NAV).score == 1.0
    assert run("findability-headings", "<p>only text</p>").score == 0.0


def test_link_text(run):
    bad = "".join(f"<a href='/x{i}'>click here</a>" for i in range(4))
    assert run("findability-link-text", bad).score == 0.0
    assert run("findability-link-text", NAV).score == 1.0


def test_link_text_naming_its_place_after_a_vague_word(run):
    # 'Read more reviews' and 'Go to pricing' say where they go; 'Read more ->' does not
    named = "".join(
        f"<a href='/{i}'>{t}</a>"
        for i, t in enumerate(["Read more reviews", "Go to pricing", "More photos", "Menu"])
    )
    assert run("findability-link-text", named).score == 1.0
    vague = "".join(
        f"<a href='/{i}'>{t}</a>"
        for i, t in enumerate(["Read more \u2192", "Click here", "See more", "Menu"])
    )
    out = run("findability-link-text", vague)
    assert out.score == 0.0
    assert "3 vague" in out.evidence[0].note


def test_link_text_in_other_languages(run):
    page = "".join(
        f"<a href='/{i}'>{t}</a>"
        for i, t in enumerate(["Voir plus d'avis", "En savoir plus", "Lire la suite", "Tarifs"])
    )
    out = run("findability-link-text", page, "fr")
    assert "2 vague" in out.evidence[0].note


def test_contact(run):
    assert run("findability-contact", "<a href='tel:+15553182046'>Call</a>").score == 1.0
    assert run("findability-contact", NAV).score >= 0.9
    assert run("findability-contact", "<h1>Nothing</h1>").score == 0.0


def test_a_messenger_link_is_a_way_to_reach_the_seller(run):
    """LINE and Telegram, like WhatsApp and Messenger, open a written conversation with the
    seller: a contact ('LINEで予約' on a Japanese salon's page); a look-alike host is none."""
    for href in (
        "https://lin.ee/Or1Urb0",
        "https://page.line.me/acme",
        "https://t.me/acme_studio",
        "https://wa.me/5586999854705",
    ):
        page = snap(f"<main><h1>Salon</h1><a href='{href}'>LINE</a></main>", "ja")
        assert [c.kind for c in page.contacts] == ["chat"], href
        assert run("findability-contact", f"<a href='{href}'>Chat</a>").score == 1.0
    for href in ("https://about.me/acme", "https://chart.me/line.me", "https://line.me.example/"):
        assert not snap(f"<a href='{href}'>LINE</a>").contacts, href


def test_scannable(run):
    wall = "<p>" + "word " * 900 + "</p>"
    assert run("findability-scannable", wall).score < 0.5
    assert run("findability-scannable", NAV).score == 1.0


def test_links_work_needs_the_crawl(run):
    assert run("links-work", NAV).score is None


def test_empty_and_loading_sections(run):
    html = (
        "<h1>Acme</h1><p>We fix drains fast in Mason City today.</p><h2>Services</h2>"
        "<p>Loading...</p><h2>Menu</h2><h2>Contact</h2><p>Call us on weekdays from 8 to 5.</p>"
    )
    out = run("findability-empty-sections", html)
    assert out.score < 0.5
    assert "Services" in out.evidence[0].note and "Menu" in out.evidence[0].note
    full = (
        "<h1>Acme</h1><p>We fix drains fast in Mason City.</p><h2>Prices</h2>"
        "<p>A drain visit costs 90 dollars flat.</p>"
    )
    assert run("findability-empty-sections", full).score == 1.0


def test_hero_and_button_headings_are_not_empty_sections(run):
    html = (
        "<h1>Write in peace</h1><h2>Get started</h2><h3><a href='/ios'>Get for iOS</a></h3>"
        "<h2>Features</h2><p>Auto-save, version history and a calm screen.</p>"
        "<h2>Gallery</h2><img src='a.png' alt='Screen'>"
    )
    assert run("findability-empty-sections", html).score == 1.0


def test_a_menu_with_more_org_chart_than_offer_is_company_centric(run):
    labels = ["About us", "Our team", "History", "News", "Services", "Contact"]
    nav = _nav(labels)
    assert run("findability-nav-labels", nav).score <= 0.3
    labels = ["Services", "Pricing", "Book", "About us", "Contact"]
    nav = _nav(labels)
    assert run("findability-nav-labels", nav).score > 0.6


def test_plain_menus_of_visitor_tasks_meet_it(run):
    for labels in (
        ["Home", "Menu", "Reservations", "Hours", "Location", "About"],
        ["Schedule", "Speakers", "Tickets", "Venue"],
        ["Home", "About", "Services", "Gallery", "Contact"],
    ):
        nav = _nav(labels)
        assert run("findability-nav-labels", nav).score >= 0.9, labels


def test_figures_grids_and_sentence_headings_are_not_empty_sections(run):
    stats = "<h1>Law firm</h1><p>We defend you.</p><h3>20+</h3><p>years</p><h3>95%</h3><p>won</p>"
    assert run("findability-empty-sections", stats).score == 1.0
    grid = (
        "<h1>Yoga</h1><p>Live classes every morning.</p><h2>Classes</h2>"
        "<h3>Breathwork</h3><h3>Back pain relief</h3><h3>Prenatal yoga</h3>"
        "<h2>Contact</h2><p>Write to us at any time.</p>"
    )
    assert run("findability-empty-sections", grid).score == 1.0
    sentence = (
        "<h1>Therapy</h1><p>Support in Spanish.</p>"
        "<h3>If you are in crisis or in danger please call the national helpline now</h3>"
        "<h2>Contact</h2><p>Write to us at any time.</p>"
    )
    assert run("findability-empty-sections", sentence).score == 1.0
    empty = (
        "<h1>Studio</h1><p>Photos for families.</p><h2>Pricing</h2><h2>FAQ</h2>"
        "<p>Ask us.</p><h2>Contact</h2><p>Write to us at any time.</p>"
    )
    assert run("findability-empty-sections", empty).score < 0.5


def test_opening_hours_repeated_are_not_filler(run):
    rows = "".join("<p>Monday 8:30 AM – 6:00 PM open</p>" for _ in range(4))
    html = f"<h1>Garage</h1><p>Repairs done.</p><h2>Hours</h2>{rows}"
    assert run("findability-empty-sections", html).score == 1.0
    filler = "".join("<p>Text about our great services here</p>" for _ in range(4))
    assert run("findability-empty-sections", f"<h1>Garage</h1><h2>About</h2>{filler}").score < 1
    # the rows, repeated first, are passed over: the filler after them is the one quoted
    both = f"<h1>Garage</h1><h2>About</h2>{rows}{filler}"
    out = run("findability-empty-sections", both)
    assert out.evidence[-1].text == "Text about our great services here"


def test_template_menu_labels_are_leftovers_but_a_plain_menu_is_not(run):
    template = ["Link 1", "Link 2", "Page 1", "Dropdown"]
    nav = _nav(template)
    out = run("findability-nav-labels", nav)
    assert out.score == 0.0 and "template leftovers" in out.evidence[0].note
    plain = ["Home", "About", "Services", "Portfolio", "Blog", "Contact"]
    nav = _nav(plain)
    assert run("findability-nav-labels", nav).score >= 0.6


def test_a_second_menu_further_down_is_not_more_items_of_the_first(run):
    """The menu is the first run of navigation links: a blog's 'recent posts' and tag lists
    set in <nav> further down the page do not turn a six-item menu into a wall of links."""
    menu = "".join(
        f"<li><a href='/{w.lower()}'>{w}</a></li>"
        for w in ("Services", "Prices", "Reviews", "Book", "Contact", "Blog")
    )
    body = "<p>" + "We fix leaking roofs across the county, the same week you call. " * 8
    posts = "".join(f"<li><a href='/blog/{i}'>Roof care tip {i}</a></li>" for i in range(12))
    tags = "".join(f"<li><a href='/tag/{i}'>Tag {i}</a></li>" for i in range(8))
    html = (
        f"<header><nav><ul>{menu}</ul></nav></header><main><h1>Dry roofs</h1>{body}</p>"
        f"<aside><nav><ul>{posts}</ul></nav><nav><ul>{tags}</ul></nav></aside></main>"
    )
    out = run("findability-nav", html)
    assert out.score == 1.0
    assert "6 navigation items" in out.evidence[0].note
    # the same 26 links set as one menu are a wall
    wall = f"<header><nav><ul>{menu}{posts}{tags}</ul></nav></header><main><h1>Dry roofs</h1>"
    assert run("findability-nav", wall + f"{body}</p></main>").score < 0.5


def test_home_and_two_tasks_is_a_menu(run):
    """'Home' is not counted as an item, but Home + About + Services is a small menu, not
    'only two items'; two links alone stay too few."""
    three = (
        "<nav><ul><li><a href='/'>Home</a></li><li><a href='/about'>About Us</a></li>"
        "<li><a href='/services'>Services</a></li></ul></nav>"
    )
    assert run("findability-nav", three).score == 1.0
    two = (
        "<nav><ul><li><a href='/about'>About Us</a></li>"
        "<li><a href='/s'>Services</a></li></ul></nav>"
    )
    assert run("findability-nav", two).score < 0.5


def test_a_row_of_links_in_the_header_is_its_menu(run):
    """No <nav> and no list: 'Demo Docs FAQ GitHub Help' in <header> is still the menu the
    raters read ('header links Demo, Docs, FAQ, GitHub, Help')."""
    html = (
        "<header><div class='links'><a href='/demo'>Demo</a><a href='/docs'>Docs</a>"
        "<a href='/faq'>FAQ</a><a href='/help'>Help</a></div></header>"
        "<main><h1>Parse CSV in the browser</h1><p>Fast, free, no dependencies.</p></main>"
    )
    out = run("findability-nav", html)
    assert out.score == 1.0 and "4 navigation items" in out.evidence[0].note


def test_links_with_no_word_are_not_menu_items(run):
    """Image links labelled '.' or '»' are not labels a visitor can read."""
    dots = "<nav>" + "".join(f"<a href='/p{i}'>.</a>" for i in range(4)) + "</nav>"
    assert run("findability-nav", dots + "<main><h1>Nieuws</h1></main>").score == 0.0
    mixed = dots.replace("</nav>", "<a href='/t'>Tarieven</a><a href='/c'>Contact</a></nav>")
    assert "2 navigation item" in run("findability-nav", mixed).evidence[0].note


def _findability(profile, html: str) -> float:
    score = audit_page(snap(html), profile, is_entry=True).criteria["findability"].score
    assert score is not None
    return score


def test_a_name_and_a_button_with_no_menu_is_nothing_to_find(run, profile):
    bare = "<h1>Rosa's Pies</h1><a href='mailto:rosa@example.org'>Order now</a><p>© 2025</p>"
    out = run("findability-nav", bare)
    assert out.score == 0.0 and "nothing to find" in out.evidence[0].note
    assert _findability(profile, bare) < 25  # "0 = lost"
    # no menu, but sections a visitor can scan: "partly", as the raters say
    text = " ".join(["Fresh pies baked each morning with fruit from local farms."] * 6)
    sections = (
        f"<h1>Rosa's Pies</h1><p>{text}</p><h2>Prices</h2><p>A whole pie costs twelve dollars, "
        "a slice three.</p><h2>Hours</h2><p>Open Tuesday to Sunday, eight to four.</p>"
        "<h2>Contact</h2><p>Call 555 0100 or write to rosa@example.org any day.</p>"
    )
    assert run("findability-nav", sections).score > 0.0
    assert 25 <= _findability(profile, sections) < 75


def test_no_menu_no_contact_and_nowhere_to_go_is_lost(run, profile):
    text = " ".join(["Our swimming club has taught children to swim for fifty years."] * 6)
    lost = (
        f"<h2>Welcome</h2><p>{text}</p><h3>News</h3><p>Open day on Saturday.</p>"
        "<a href='/news'>Read the news</a>"
    )
    out = run("findability-nav", lost)
    assert out.score == 0.0 and "no way to contact" in out.evidence[0].note
    assert _findability(profile, lost) < 25  # "0 = lost"
    # a phone number to call, or sections a visitor can scan, is no longer lost
    assert run("findability-nav", lost + "<p><a href='tel:+15550100'>Call us</a></p>").score > 0.0
    assert run("findability-nav", lost + "<a href='/contact'>Contact</a>").score > 0.0
    more = "".join(f"<h2>{t}</h2><p>{t} of the lessons, said plainly.</p>" for t in "ABC")
    assert run("findability-nav", lost + more).score > 0.0


def test_a_menu_item_whose_section_is_missing_goes_nowhere(run, profile):
    body = "".join(
        f"<h2 id='{s}'>{s.title()}</h2><p>What we do for you in {s}, said plainly.</p>"
        for s in ("services", "prices")
    )
    html = (
        "<nav><a href='#services'>Services</a><a href='#prices'>Prices</a>"
        "<a href='#gallery'>Gallery</a><a href='#contact'>Contact</a></nav>"
        f"<h1>Clean windows every month</h1>{body}<p>Call 555 0100.</p>"
    )
    out = run("findability-dead-links", html)
    assert out.score <= 0.45 and "'Gallery' goes nowhere" in out.evidence[0].note
    assert _findability(profile, html) < 75
    fixed = html.replace(
        "<p>Call 555 0100.</p>",
        "<h2 id='gallery'>Gallery</h2><img src='w.jpg' alt='Windows'>"
        "<h2 id='contact'>Contact</h2><p>Call 555 0100.</p>",
    )
    assert run("findability-dead-links", fixed).score == 1.0


def test_home_on_hash_and_a_menu_toggle_are_not_dead_menu_items(run):
    html = (
        "<nav><a href='#'>Menu</a><a href='#'>Home</a><a href='/services'>Services</a>"
        "<a href='/prices'>Prices</a><a href='/contact'>Contact</a></nav>"
        "<h1>Clean windows every month</h1>" + "<p>Streak-free windows.</p>" * 20
    )
    out = run("findability-dead-links", html)
    assert "menu item" not in out.evidence[0].note  # the share of dead links still counts


def test_download_and_gallery_are_what_a_visitor_looks_for(run):
    labels = ["About", "News", "Downloads", "Documentation", "Gallery", "Community"]
    nav = _nav(labels)
    assert run("findability-nav-labels", nav).score > 0.5
    for lang, labels in (
        ("de", ["Über uns", "Aktuelles", "Galerie", "Leistungen"]),
        ("fr", ["À propos", "Actualités", "Galerie", "Téléchargements"]),
        ("es", ["Nosotros", "Noticias", "Galería", "Descargas"]),
        ("pt", ["Sobre", "Notícias", "Galeria", "Serviços"]),
        ("ja", ["会社概要", "ニュース", "ギャラリー", "ダウンロード"]),
    ):
        nav = _nav(labels)
        out = run("findability-nav-labels", nav, lang)
        assert "customer-centred" in " ".join(e.note for e in out.evidence), (lang, labels)


def test_a_row_of_tabs_with_nothing_under_them_is_an_empty_section(run):
    tabs = "".join(f"<button class='tab'>{t}</button>" for t in ("Pizzas", "Salads", "Drinks"))
    html = (
        "<h1>Wood-fired pizza on Elm Street</h1><p>Order at the counter or by phone.</p>"
        f"<h2>Our Menu</h2><div>{tabs}</div><div id='items'></div>"
        "<h2>Visit</h2><p>Open daily from noon to ten at 12 Elm Street.</p>"
    )
    out = run("findability-empty-sections", html)
    assert out.score < 0.5 and "Our Menu" in out.evidence[0].note
    # the same tabs over the dishes themselves: a menu with content
    filled = html.replace(
        "<div id='items'></div>", "<p>Margherita, tomato and basil, nine dollars.</p>"
    )
    assert run("findability-empty-sections", filled).score == 1.0
    # one button under a heading is a call to action, not a tab bar
    cta = html.replace(tabs, "<button>Order now</button>")
    assert run("findability-empty-sections", cta).score == 1.0


def test_a_menu_that_names_no_offer_only_a_contact_is_partly(run, profile):
    def page(labels: list[str]) -> str:
        nav = "".join(f"<a href='/{i}'>{t}</a>" for i, t in enumerate(labels))
        return (
            f"<nav>{nav}</nav><h1>Roofs that stay dry</h1><p>Roof repairs and new roofs "
            "across the county, done in a day.</p><h2>Why us</h2><p>A written quote before "
            "any work starts.</p><h2>Call us</h2><p>Phone 555 0100 on weekdays.</p>"
        )

    out = run("findability-nav-labels", page(["Team", "Gallery", "Contact Us"]))
    assert out.score > 0.35  # 'Gallery' shows the work: a visitor's path
    out = run("findability-nav-labels", page(["Home", "Team", "Contact Us"]))
    assert out.score <= 0.3 and "no menu item names the offer" in out.evidence[0].note
    assert _findability(profile, page(["Home", "Team", "Contact Us"])) < 75
    assert _findability(profile, page(["Home", "Services", "Team", "Contact Us"])) >= 75
    de = run("findability-nav-labels", page(["Hauptseite", "Impressum", "Kontakt"]), "de")
    assert de.score <= 0.3
    # a church's menu names what its visitors come for
    church = page(["Our beliefs", "Ministries", "Meet the pastor", "Contact us"])
    assert run("findability-nav-labels", church).score > 0.35


def test_menu_labels_that_lead_to_another_items_section_are_mislabelled(run, profile):
    def page(links: list[tuple[str, str]]) -> str:
        nav = "".join(f"<a href='#{h}'>{t}</a>" for t, h in links)
        body = "".join(
            f"<h2 id='{h}'>{h.replace('-', ' ').title()}</h2><p>What you get from {h}, "
            "said plainly for a busy visitor.</p>"
            for h in ("pricing", "features", "faq", "contact")
        )
        return f"<nav>{nav}</nav><h1>Invoices your clients pay in days</h1>{body}"

    # 'Features' leads to the prices and 'Pricing' to the questions: a visitor lands elsewhere
    swapped = page([("Features", "pricing"), ("Pricing", "faq"), ("Contact", "contact")])
    out = run("findability-nav-labels", swapped)
    assert out.score <= 0.3
    assert "'Features' leads to '#pricing', the section of 'Pricing'" in out.evidence[0].note
    assert _findability(profile, swapped) < 75
    # labels that differ from their anchors but name no other item's section are fine
    plain = page([("Features", "features"), ("Prices", "pricing"), ("Questions", "faq")])
    assert run("findability-nav-labels", plain).score > 0.35
    # two items on one section ('Order online' and 'Menu' on #menu) is no mismatch
    shared = page([("Order online", "menu"), ("Menu", "menu"), ("Contact", "contact")])
    assert run("findability-nav-labels", shared).score > 0.35
    fixed = page([("Features", "features"), ("Pricing", "pricing"), ("Contact", "contact")])
    assert _findability(profile, fixed) >= 75


def test_dropdowns_that_open_dozens_of_links_are_a_crowded_menu(run, profile):
    def page(per_item: int) -> str:
        tops = ("Services", "Prices", "Locations", "Book", "Contact")
        menu = "".join(
            f"<li><a href='/{t.lower()}'>{t}</a><ul>"
            + "".join(
                f"<li><a href='/{t.lower()}/{i}'>{t} option {i}</a></li>" for i in range(per_item)
            )
            + "</ul></li>"
            for t in tops
        )
        return (
            f"<header><nav><ul>{menu}</ul></nav></header><h1>Dry basements in a day</h1>"
            "<h2>How it works</h2><p>We pump, seal and dry your basement in one visit.</p>"
            "<h2>Contact</h2><p>Call 555 0100 any weekday.</p>"
        )

    # five items, each opening four more: 25 links, 'a wall of dozens of links'
    out = run("findability-nav", page(4))
    assert out.score == 0.6
    assert "5 navigation items, 25 links with their dropdowns" in out.evidence[0].note
    # five items with a couple of entries each: a short menu
    assert run("findability-nav", page(2)).score == 1.0
    assert _findability(profile, page(4)) < _findability(profile, page(2))


def test_a_menu_whose_every_item_goes_nowhere_is_no_path(run, profile):
    body = (
        "<h1>Crop spraying by drone</h1><h2 id='services'>Services</h2><p>We spray fields "
        "of any size in a day.</p><h2 id='faq'>Questions</h2><p>Prices start at ninety per "
        "hectare.</p><h2 id='contact'>Contact</h2><p>Call 555 0100 on weekdays.</p>"
    )

    def page(hrefs: list[str]) -> str:
        labels = ("Services", "Questions", "Contact")
        nav = "".join(f"<a href='{h}'>{t}</a>" for t, h in zip(labels, hrefs, strict=True))
        return f"<nav>{nav}</nav>{body}"

    out = run("findability-dead-links", page(["#", "#", "#"]))
    assert out.score == 0.0 and "every menu item goes nowhere" in out.evidence[0].note
    assert _findability(profile, page(["#", "#", "#"])) <= 30
    # one item on '#' is a broken item, not a menu that leads nowhere: 'partly', higher up
    one = page(["#services", "#", "#contact"])
    assert 0.0 < run("findability-dead-links", one).score <= 0.45
    assert 30 < _findability(profile, one) < 75
    assert _findability(profile, page(["#services", "#faq", "#contact"])) >= 75


def test_the_logo_linked_to_the_top_is_no_dead_menu_item(run):
    """A 6-item nav (Features, How It Works, Pricing, FAQ, Contact) 'with working anchors' (rated
    2): the logo on '#' goes to the top of a one-page site, whatever its class calls it."""
    sections = "".join(f"<section id='{s}'><h2>{s}</h2><p>x</p></section>" for s in ("f", "p", "c"))
    for logo in (
        "<a href='#' class='logo'>LabGuard HQ</a>",
        "<a href='#' class='site-logo'>Amanda Phillips Counseling</a>",
    ):
        nav = (
            f"<nav>{logo}<a href='#f'>Features</a><a href='#p'>Pricing</a>"
            "<a href='#c'>Contact</a></nav>"
        )
        assert run("findability-dead-links", nav + "<main><h1>Hi</h1>" + sections).score > 0.45
    broken = "<nav><a href='#f'>Features</a><a href='#'>Pricing</a><a href='#c'>Contact</a></nav>"
    assert run("findability-dead-links", broken + "<main><h1>Hi</h1>" + sections).score <= 0.45


def test_a_hotels_rooms_in_its_menu_name_the_offer(run):
    """'a 6-item anchor nav (Sobre, Quartos, Destaques, Contato)' (rated 2): the rooms are
    what a hotel offers, in each language's table as 'rooms' is in English."""
    for items, lang in (
        (("Sobre", "Quartos", "Contato"), "pt"),
        (("Über uns", "Zimmer", "Kontakt"), "de"),
        (("À propos", "Chambres", "Contact"), "fr"),
    ):
        nav = "<nav>" + "".join(f"<a href='/{i}'>{i}</a>" for i in items) + "</nav>"
        out = run("findability-nav-labels", nav + "<main><h1>Pousada</h1></main>", lang)
        assert not any("only a contact" in e.note for e in out.evidence), (items, out)


def test_a_kicker_over_a_section_title_is_no_empty_section(run):
    """'Was ich mache' (h5) set right above its section's title 'Therapieangebot' (h2): a
    kicker, read with the title, not a section of its own; a heading left with nothing
    under it before the next section still counts as empty."""
    body = "<p>Sprachtherapie für Kinder und Erwachsene, in der Praxis oder zu Hause.</p>"
    page = (
        "<main><h1>Logopädie in Elmshorn</h1><p>Hilfe bei Sprachstörungen jeder Art.</p>"
        f"<div class='section-header'><h5>Was ich mache</h5><h2>Therapieangebot</h2></div>{body}"
        f"<h5>Das sollten Sie wissen</h5><h2>Informationen</h2>{body}</main>"
    )
    out = run("findability-empty-sections", page)
    assert out.score == 1.0, out
    empty = page.replace("</main>", f"<h2>Preise</h2><h2>Kontakt</h2>{body}</main>")
    assert "Preise" in run("findability-empty-sections", empty).evidence[0].note


def test_a_japanese_companys_services_and_works_are_what_a_visitor_looks_for(run):
    """'事業内容, 施工実績 and お問い合わせ sit beside company items (新着情報, 採用情報, 会社情報)'
    (rated 2): 事業内容 (what the company does) and 施工実績 (work done) are a Japanese site's
    Services and Portfolio."""
    labels = ["新着情報", "事業内容", "施工実績", "採用情報", "会社情報", "お問い合わせ"]
    nav = _nav(labels)
    out = run("findability-nav-labels", nav, "ja")
    assert out.score > 0.5 and "事業内容" in " ".join(e.note for e in out.evidence), out


def test_a_dropdown_opened_by_a_button_is_a_menu_item(run):
    """'a nav with a Services dropdown (Wellness, Surgery, ...), Payment Options, FAQs,
    Contact' (rated 2): the 'Services' and 'Client Corner' buttons that open dropdowns are
    menu items, as the links that open dropdowns are."""

    def drop(name: str, entries: list[str]) -> str:
        links = "".join(f"<li><a href='/{t.lower()}'>{t}</a></li>" for t in entries)
        return f"<li><button type='button'>{name}</button><ul>{links}</ul></li>"

    nav = (
        "<nav><ul>"
        + drop("Services", ["Wellness", "Surgery", "Dentistry"])
        + drop("Client Corner", ["Payments", "FAQs"])
        + "<li><a href='/contact'>Contact</a></li></ul></nav>"
    )
    out = run("findability-nav", nav + "<h1>A new kind of animal hospital</h1>")
    assert out.score == 1.0 and "3 navigation items" in out.evidence[0].note, out
    linked = nav.replace("<button type='button'>Services</button>", "<a href='/s'>Services</a>")
    out = run("findability-nav", linked + "<h1>A new kind of animal hospital</h1>")
    assert "3 navigation items" in out.evidence[0].note, out


def test_projects_name_the_offer_in_every_language(run):
    """'a 4-item nav (Inicio, Nosotros, Proyectos, Contacto) ... the two projects each with its
    own page' (rated 2): projects and work done are what a buyer of a trade or a developer
    looks for, in every language as in English ('Projects', 'Portfolio')."""
    for lang, labels in (
        ("es", ["Inicio", "Nosotros", "Proyectos", "Contacto"]),
        ("fr", ["Accueil", "L'entreprise", "Nos réalisations", "Contact"]),
        ("de", ["Start", "Über uns", "Projekte", "Kontakt"]),
        ("it", ["Home", "Chi siamo", "Progetti", "Contatti"]),
        ("pt", ["Início", "Sobre nós", "Projetos", "Contato"]),
        ("nl", ["Home", "Over ons", "Projecten", "Contact"]),
    ):
        nav = _nav(labels)
        out = run("findability-nav-labels", nav, lang)
        assert out.score > 0.5, (lang, out)


def test_a_dropdown_of_divs_is_not_a_wall_of_links(run):
    """'an 8-item nav with hover dropdowns of visitor labels' (rated 2): a Bulma menu whose
    dropdowns are <div class='navbar-dropdown'>, not nested lists, has its top-level items,
    not one item a link."""

    def item(name: str, entries: list[str]) -> str:
        drop = "".join(f"<a class='navbar-item' href='#{t.lower()}'>{t}</a>" for t in entries)
        return (
            "<div class='navbar-item has-dropdown is-hoverable'>"
            f"<a class='navbar-link' href='#{name.lower()}'>{name}</a>"
            f"<div class='navbar-dropdown'>{drop}</div></div>"
        )

    nav = (
        "<nav class='navbar'><div class='navbar-menu'><div class='navbar-start'>"
        + item("Leistungen", ["Kleintiere", "Pferde", "Nutztiere", "Exoten"])
        + item("Kosten", ["GOT", "Anfahrt", "Zahlung", "Versicherung"])
        + item("Praxis", ["Team", "Ausbildung", "Geräte", "Partner"])
        + "<a class='navbar-item' href='#kontakt'>Kontakt</a></div></div></nav>"
    )
    out = run("findability-nav", nav + "<h1>Ihre mobile Tierarztpraxis</h1>", "de")
    assert out.score == 1.0 and "4 navigation items" in out.evidence[0].note, out


def test_a_sliders_arrows_are_no_dead_links(run):
    """A carousel's '<' and '>' on '#' turn the slides by script: the visitor never reads them
    as links that go nowhere. A text link on '#' still does."""
    slider = "<div class='carousel'><a href='#'>&lt;</a><a href='#'>&gt;</a><a href='#'>❯</a></div>"
    page = (
        "<nav><a href='#services'>Services</a><a href='#about'>About</a></nav><h1>Roofing</h1>"
        f"{slider}<h2 id='services'>Services</h2><p>Roof repair.</p><h2 id='about'>About</h2>"
    )
    assert run("findability-dead-links", page).score == 1.0
    dead = page.replace("</div>", "<a href='#'>Our work</a></div>")
    assert "Our work" in run("findability-dead-links", dead).evidence[0].note


def test_listings_name_the_offer(run):
    """'a clean four-item nav (About, For Sale, Featured Rentals, Contact)' (rated 2): what an
    agent or a landlord has for sale or to rent is what the visitor came for, in every
    language table."""
    for lang, labels in (
        ("en", ["About", "For Sale", "Featured Rentals", "Contact"]),
        ("es", ["Nosotros", "En venta", "Propiedades", "Contacto"]),
        ("it", ["Chi siamo", "In vendita", "In affitto", "Contatti"]),
        ("nl", ["Over ons", "Te koop", "Te huur", "Contact"]),
    ):
        nav = _nav(labels)
        assert run("findability-nav-labels", nav, lang).score > 0.5, (lang, labels)


def test_a_block_whose_id_names_the_menu_is_a_navigation(run):
    # no <nav> and no menu class: the id says it, and its text is links to the site's pages
    menu = (
        "<div id='sitemenu'><ul><li><a href='services.html'>Services</a></li>"
        "<li><a href='prices.html'>Prices</a></li><li><a href='contact.html'>Contact</a></li>"
        "</ul></div><main><h1>Garden care</h1><p>We mow, prune and plant.</p></main>"
    )
    assert run("findability-nav", menu).score == 1.0
    # a restaurant's food menu under id 'menu': dishes, prices and delivery services' links
    food = (
        "<div id='menu'><h2>Menu</h2><p>Dal soup with rice and bread, 9 dollars</p>"
        "<a href='https://delivery.example/r/1'>Order delivery</a>"
        "<a href='https://takeout.example/r/1'>Order takeout</a></div>"
    )
    assert run("findability-nav", food).score < 0.5


def test_dead_text_links_under_a_working_menu_cost_no_more_than_a_dead_menu_item(run):
    menu = _nav(["Services", "Prices", "Contact"])
    dead = "".join(f"<p>Item {i}. <a href='#'>Learn more</a></p>" for i in range(6))
    out = run("findability-dead-links", menu + "<main><h1>Repairs</h1>" + dead + "</main>")
    assert out.score == 0.5  # not the 'most links go nowhere' floor: the paths work
    broken = _nav(["Services", "Prices", "Contact"]).replace("'/1'", "'#'")
    assert run("findability-dead-links", broken + "<main>" + dead + "</main>").score < 0.3


def test_two_items_none_about_the_company_are_about_three(run):
    out = run("findability-nav", _nav(["Practice areas", "Contact"]) + "<h1>Tenancy law</h1>")
    assert out.score == 0.8
    assert run("findability-nav", _nav(["About us", "Contact"])).score == 0.45
    assert run("findability-nav", _nav(["Practice areas"])).score == 0.45


def test_a_contact_link_to_a_section_of_this_page_without_details_is_no_route(run):
    page = (
        _nav(["Services", "Gallery"]).replace("</nav>", "<a href='#contact'>Contact</a></nav>")
        + "<main><h1>Plumbing</h1><h2 id='contact'>Contact</h2><p>Follow us online.</p></main>"
    )
    assert run("findability-contact", page).score == 0.0
    form = "<form><input type='email' name='email'><button>Send</button></form>"
    assert run("findability-contact", page.replace("</main>", form + "</main>")).score == 0.9
    other = page.replace("href='#contact'", "href='/contact'")
    assert run("findability-contact", other).score == 0.9


def test_a_colour_named_brand_does_not_hide_the_menu(run):
    # Tailwind colours the links with the site's 'brand' colour: they are still the menu
    links = "".join(
        f"<a class='px-3 hover:text-brand-brown' href='/{x.lower()}'>{x}</a>"
        for x in ("Services", "Prices", "Booking", "Contact")
    )
    html = f"<header><nav>{links}</nav></header><main><h1>Hair and beauty</h1></main>"
    out = run("findability-nav", html)
    assert out.score == 1.0, out.evidence
    # ... while a link marked as the logo is left out of the count
    logo = "<a class='navbar-brand' href='/'>Studio Nine</a>"
    three = "".join(f"<a href='/{x.lower()}'>{x}</a>" for x in ("Services", "Prices", "Contact"))
    html = f"<header><nav>{logo}{three}</nav></header><main><h1>Hair and beauty</h1></main>"
    assert "3 navigation items" in run("findability-nav", html).evidence[0].note


def test_two_buttons_are_no_two_item_menu(run):
    # two calls to action styled as buttons, in a <nav> or a header with no menu, are no
    # 'Practice areas, Contact' menu: 'only 2 items', as before
    buttons = (
        "<nav><a href='/book' class='nav-cta'>Book a room</a>"
        "<a href='/rooms' class='btn'>See the rooms</a></nav><h1>Bed and breakfast</h1>"
    )
    assert run("findability-nav", buttons).score == 0.45
    header = "<header><a href='/book'>Book a room</a><a href='/rooms'>See the rooms</a></header>"
    assert run("findability-nav", header + "<h1>Bed and breakfast</h1>").score == 0.45
    menu = _nav(["Book a room", "See the rooms"]) + "<h1>Bed and breakfast</h1>"
    assert run("findability-nav", menu).score == 0.8


def test_a_menu_button_on_hash_is_no_dead_menu_item(run):
    # 'Book now' styled as a button on '#': a script opens the booking widget; the menu's
    # paths all work, so it is no 'menu item that goes nowhere' (capped at 0.45)
    links = "".join(f"<a href='/{p}'>{p.title()}</a>" for p in ("services", "prices", "contact"))
    body = "<main><h1>Physiotherapy</h1>" + "".join(
        f"<p><a href='/{i}'>Treatment {i}</a></p>" for i in range(12)
    )
    button = "<nav>" + links + "<a href='#' class='btn btn-primary'>Book now</a></nav>"
    out = run("findability-dead-links", button + body + "</main>")
    assert out.score > 0.6 and "menu item" not in out.evidence[0].note
    plain = "<nav>" + links + "<a href='#'>Gallery</a></nav>"
    out = run("findability-dead-links", plain + body + "</main>")
    assert out.score == 0.45 and "'Gallery' goes nowhere" in out.evidence[0].note


def test_lorem_ipsum_is_a_section_with_no_content(run):
    sections = "".join(
        f"<h2>Service {i}</h2><p>What we repair for you in workshop {i}, and how fast.</p>"
        for i in range(3)
    )
    page = "<main><h1>Pump repairs</h1>" + sections + "<h2>Partners</h2><p>{}</p></main>"
    real = page.format("Three pump makers send us their customers' repairs every week.")
    assert run("findability-empty-sections", real).score == 1.0
    lorem = page.format("Lorem ipsum dolor sit amet, consectetur adipiscing elit, sed do eiusmod.")
    out = run("findability-empty-sections", lorem)
    assert out.score < 0.5 and "lorem ipsum" in out.evidence[-1].note
    # a link named so leads to a text generator: a tool, no filler
    tool = "<a href='/tools#lorem'>Lorem Ipsum</a> makes placeholder text for mock-ups"
    out = run("findability-empty-sections", page.format(tool))
    assert not any("blocks of lorem ipsum" in e.note for e in out.evidence)


def test_a_schools_or_clubs_enrolment_and_programs_name_the_offer(run):
    # what a school, a club or a practice offers, in each language as English 'program',
    # 'registration' and 'areas' already were: no 'only a contact' menu
    for items, lang in (
        (("About", "Programs", "Admissions", "Contact"), "en"),
        (("Sobre", "Matrículas", "Contato"), "pt"),
        (("Chi siamo", "Materie", "Contatti"), "it"),
        (("Nosotros", "Inscripciones", "Contacto"), "es"),
    ):
        nav = "<nav>" + "".join(f"<a href='/{i}'>{i}</a>" for i in items) + "</nav>"
        out = run("findability-nav-labels", nav + "<main><h1>Escola</h1></main>", lang)
        assert not any("only a contact" in e.note for e in out.evidence), (items, out)


def test_a_menu_of_nine_to_fourteen_items_is_about_eight_not_a_wall(run):
    # 'about 3-8' (criteria.md): eleven clear items are a little over, not a wall of dozens
    labels = [f"Service {i}" for i in range(10)] + ["Contact"]
    out = run("findability-nav", _nav(labels) + "<h1>Garden care</h1>")
    assert out.score == 0.9 and "more than 8" in out.evidence[0].note
    wall = [f"Page {i}" for i in range(20)]
    assert run("findability-nav", _nav(wall) + "<h1>Garden care</h1>").score == 0.3


def test_dead_text_links_under_a_working_menu_do_not_cap_the_criterion(profile):
    # 'Book your free class' -> '#' buttons (a script opens the form) under a menu whose
    # every item works: points lost, but not the 'a menu item leads nowhere' cap at 70
    menu = "<nav><a href='/about'>About</a><a href='/schedule'>Schedule</a>"
    menu += "<a href='/contact'>Contact</a></nav>"
    dead = "".join(
        f"<h2>Class {i}</h2><p>Kids and adults. <a href='#'>Book</a></p>" for i in range(6)
    )
    page = menu + "<main><h1>Jiu jitsu in town</h1>" + dead + "<p>Call 555 0100.</p></main>"
    assert _findability(profile, page) > 75


def test_a_social_icon_on_hash_is_no_dead_path(run):
    # 'Instagram' -> '#' is a profile not linked yet, no path on the site; 'Prices' -> '#' is
    menu = _nav(["Services", "Prices", "Contact"])
    social = "<footer><a href='#'>Instagram</a><a href='#'>Síguenos en TikTok</a></footer>"
    out = run("findability-dead-links", menu + "<main><h1>Dentist</h1></main>" + social)
    assert out.score == 1.0
    dead = "<main><h1>Dentist</h1><p><a href='#'>Prices</a> <a href='#'>Opening hours</a></p>"
    assert run("findability-dead-links", menu + dead + "</main>").score < 1
    # a menu of nothing but '#' stays 'every menu item goes nowhere', its icons aside
    hashes = "<nav>" + "".join(f"<a href='#'>{t}</a>" for t in ("About", "Prices", "Contact"))
    hashes += "<a href='#'>Instagram</a></nav>"
    assert run("findability-dead-links", hashes + "<main><h1>Dentist</h1></main>").score == 0.0


def test_a_footer_link_on_hash_is_no_dead_path(run):
    menu = _nav(["Services", "Prices", "Contact"])
    footer = "<footer><a href='#'>Privacy policy</a><a href='#'>Terms of use</a></footer>"
    out = run("findability-dead-links", menu + "<main><h1>Dentist</h1></main>" + footer)
    assert out.score == 1.0
    body = "<main><h1>Dentist</h1><p><a href='#'>Our prices</a> <a href='#'>Book</a></p></main>"
    assert run("findability-dead-links", menu + body).score < 1.0


def test_a_form_embedded_from_a_form_service_is_a_way_to_write(run):
    # 'Contact' -> '#contact' over a Google or Microsoft form in an iframe: the visitor can
    # write from the section it scrolls to; over a map alone, not
    nav = _nav(["Lessons", "Prices"]) + "<nav><a href='#contact'>Contact</a></nav>"
    body = "<main><h1>Piano lessons</h1><h2 id='contact'>Contact</h2><p>Tell me about you.</p>"
    form = "<iframe src='https://docs.google.com/forms/d/e/abc/viewform?embedded=true'></iframe>"
    assert run("findability-contact", nav + body + form + "</main>").score == 0.9
    where = "<iframe src='https://www.google.com/maps/embed?pb=1'></iframe>"
    assert run("findability-contact", nav + body + where + "</main>").score == 0.0
    link = "<a href='https://forms.gle/abc'>Open the form</a>"
    assert run("findability-contact", nav + body + link + "</main>").score == 0.9


def test_only_a_form_services_address_is_a_form():
    from sitekit.audit.snapshot.forms import is_form_address

    assert is_form_address("https://forms.cloud.microsoft/Pages/ResponsePage.aspx?id=1")
    assert is_form_address("https://docs.google.com/forms/d/e/abc/viewform")
    assert not is_form_address("https://www.reformhaus-mueller.de/")  # 'form' in a name
    assert not is_form_address("https://docs.google.com/document/d/1")
    assert not is_form_address("/contact-form.html")  # the site's own page: read as a link


def test_a_menu_of_legal_pages_is_no_menu_of_the_offer(run):
    # one task and the pages the law asks for: privacy, terms, imprint are not what a visitor
    # came for, however short the menu
    for lang, labels in (
        ("en", ["Features", "Privacy Policy", "Terms of Use", "Imprint"]),
        ("de", ["Funktionen", "Datenschutz", "Impressum", "AGB"]),
        ("ja", ["サポート", "プライバシーポリシー", "利用規約", "特定商取引法に基づく表記"]),
    ):
        out = run("findability-nav-labels", _nav(labels), lang)
        assert out.score <= 0.35, (lang, out)
        assert "company-centric" in " ".join(e.note for e in out.evidence)
    # the same legal page at the end of a menu of tasks costs little
    nav = _nav(["Features", "Pricing", "Download", "Contact", "Privacy"])
    assert run("findability-nav-labels", nav).score >= 0.9


def test_a_link_that_opens_a_dropdown_or_a_modal_is_no_dead_link(run):
    page = (
        "<nav><a href='/'>Home</a><a href='#' id='places-dropdown-trigger'>Places</a>"
        "<a href='#' data-toggle='modal'>Menus</a><a href='#' aria-haspopup='true'>Shop</a>"
        "<a href='/contact'>Contact</a></nav><main><h1>Fresh bread every morning</h1>"
        "<p>Three bakeries in town.</p></main>"
    )
    assert run("findability-dead-links", page).score == 1.0
    # an entry of a dropdown on '#' opens nothing: it is a dead link
    dead = page.replace("<a href='/contact'>", "<a href='#' class='dropdown-item'>")
    out = run("findability-dead-links", dead)
    assert out.score < 1.0 and "Contact" in out.evidence[0].note
    # a tooltip is no dropdown
    tip = page.replace("data-toggle='modal'", "data-toggle='tooltip'")
    assert "Menus" in run("findability-dead-links", tip).evidence[0].note


def test_a_dropdown_panel_holds_entries_not_menu_items(run):
    entries = "".join(f"<a href='/s{i}'>Service {i}</a>" for i in range(12))
    html = (
        "<nav><ul><li><a href='/about'>About</a></li><li class='has-dropdown'>"
        f"<button aria-haspopup='true'>Services</button><div class='dropdown'>{entries}</div>"
        "</li><li><a href='/gallery'>Gallery</a></li><li><a href='/contact'>Contact</a></li>"
        "</ul></nav><main><h1>Pools built to last</h1><p>Since 1990.</p></main>"
    )
    out = run("findability-nav", html)  # About, Gallery, Contact: the panel's 12 are entries
    assert out.score == 1.0 and "3 navigation items" in out.evidence[0].note
    # the link of an <li class="dropdown"> with its entries nested under it is the item
    nested = (
        "<nav><ul><li class='dropdown'><a href='/services'>Services</a><ul>"
        "<li><a href='/a'>Audits</a></li><li><a href='/b'>Training</a></li></ul></li>"
        "<li><a href='/pricing'>Pricing</a></li><li><a href='/contact'>Contact</a></li></ul></nav>"
    )
    out = run("findability-nav", nested)
    assert "3 navigation items" in out.evidence[0].note


def test_a_menu_of_unread_labels_and_a_contact_is_no_contact_only_menu(run):
    # 'Team, Contact': nothing but the company and a way to write
    assert run("findability-nav-labels", _nav(["Team", "Contact"])).score <= 0.3
    # three items no list knows (the groups a club runs) and a contact: the menu names what
    # the club offers in its own words, it is not 'only a contact'
    nav = _nav(["Juniors", "Seniors", "Veterans", "Contact"])
    out = run("findability-nav-labels", nav)
    assert out.score > 0.35
    assert "only a contact" not in " ".join(e.note for e in out.evidence)
    # two unread items are not enough to say so
    assert run("findability-nav-labels", _nav(["Juniors", "Seniors", "Contact"])).score <= 0.3


def test_a_template_sample_contact_reaches_nobody(run):
    real = "<h1>Bike repairs</h1><p>Call <a href='tel:+31501234987'>050 123 4987</a>.</p>"
    assert run("findability-contact", real).score == 1.0
    # the theme's sample number beside the real one: the visitor may call the wrong one
    both = real + "<footer><p>Phone: 555-123-4567</p></footer>"
    out = run("findability-contact", both)
    assert out.score == 0.5 and "sample" in out.evidence[0].note
    # only the sample: no way to reach the seller
    only = "<h1>Bike repairs</h1><p>Write to contact@example.com</p>"
    assert run("findability-contact", only).score == 0.0


def test_a_page_with_no_headings_at_all_is_partly_findable_at_most(profile):
    body = (
        "<nav><a href='/services'>Services</a><a href='/pricing'>Pricing</a>"
        "<a href='/contact'>Contact</a></nav>"
        "<p>Fresh sourdough, rye and pastries every morning from six.</p>"
        "<p>Order by phone: <a href='tel:+441234987650'>01234 987650</a>.</p>"
    )
    assert _findability(profile, body) <= 70  # 'missing headings' is a fail signal
    headed = body.replace("<p>Fresh", "<h1>Bread from our oven</h1><p>Fresh", 1)
    headed = headed.replace("<p>Order", "<h2>Order</h2><p>Order").replace(
        "</p><h2>", "</p><h2>Visit</h2><p>Open daily from seven in the morning.</p><h2>", 1
    )
    assert _findability(profile, headed) > 70


def test_language_switcher_and_controls_are_no_menu_items(run):
    # nine paths, a 'Toggle menu' on '#' and a switcher whose current language sits on '#':
    # the menu is nine items (no more than 'about 8' by much), and no link goes nowhere
    paths = "".join(f"<li><a href='/p{i}'>Offer {i}</a></li>" for i in range(8))
    html = (
        "<nav><ul><li><a href='#'>Toggle menu</a></li>" + paths + "<li><a href='#'>EN</a></li>"
        "<li><a href='/fr/'>FR</a></li><li><a href='/de/'>Deutsch</a></li></ul></nav>"
        "<main><h1>Boat trips</h1></main>"
    )
    out = run("findability-nav", html)
    assert out.score == 1.0
    assert "8 navigation items" in out.evidence[0].note
    switcher = html.replace("<li><a href='#'>Toggle menu</a></li>", "")
    assert run("findability-dead-links", switcher).score == 1.0
    # a switcher all on '#' leads nowhere: its links are dead
    dead = switcher.replace("'/fr/'", "'#'").replace("'/de/'", "'#'")
    assert run("findability-dead-links", dead).score < 1.0
    # a lone 'IT' is a label (IT services), not a switcher: it stays a menu item
    lone = "<nav><a href='/it'>IT</a><a href='/cloud'>Cloud</a><a href='/c'>Contact</a></nav>"
    assert "3 navigation items" in run("findability-nav", lone).evidence[0].note


def test_contact_link_beside_only_a_sample_contact(run):
    # a Contact item, and the only phone and e-mail on the page are a template's samples
    html = (
        "<nav><a href='/services'>Services</a><a href='/contact'>Contact</a></nav>"
        "<main><h1>Garden care</h1></main><footer><p>Phone: "
        "<a href='tel:123-456-7890'>123-456-7890</a> · "
        "<a href='mailto:info@example.com'>info@example.com</a></p></footer>"
    )
    out = run("findability-contact", html)
    assert out.score == 0.5
    assert "sample" in out.evidence[0].note
    real = html.replace("123-456-7890", "0471 22 81 90")
    real = real.replace("info@example.com", "tuin@groenrand.be")
    assert run("findability-contact", real).score == 1.0


def test_a_projects_repository_is_a_way_to_reach_its_makers(run):
    # a software project with no phone or e-mail: its repository (issues, discussions) is
    # where users reach the people who make it; a link to some other site is not
    page = (
        "<nav><a href='/docs'>Docs</a><a href='/download'>Download</a></nav>"
        "<main><h1>Fast local search</h1><p>Index your notes in seconds.</p>"
        "<p><a href='https://codeberg.org/quill/quill'>Source and issues</a></p></main>"
    )
    out = run("findability-contact", page)
    assert out.score == 0.9
    assert "repository" in out.evidence[0].note
    other = page.replace("https://codeberg.org/quill/quill", "https://example.org/quill")
    assert run("findability-contact", other).score == 0.0
