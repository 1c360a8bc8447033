"""Easy to find: a short customer-centred navigation, scannable headings, working links."""

from __future__ import annotations

import re
from bisect import bisect_left

from sitekit.audit.checks import Options, Outcome, check
from sitekit.audit.checks.menus import (
    href_fragment,
    is_dead,
    is_toggle,
    language_links,
    mislabelled,
    nav_items,
    opens,
    primary_menu,
)
from sitekit.audit.checks.sections import (
    FIGURE_OR_CODE_RE,
    Positions,
    is_figure_label,
    not_a_heading_list,
)
from sitekit.audit.checks.text import (
    blocks_may_hold,
    content,
    evidence,
    looks_like_button,
    quote,
)
from sitekit.audit.snapshot.forms import is_form_address
from sitekit.models import Element, Evidence, PageSnapshot
from sitekit.phrases import find_phrases, has_phrase
from sitekit.text import norm, word_len


@check(
    id="findability-nav",
    criterion="findability",
    title="A navigation with a handful of items (about 3-8)",
    failure_title="No navigation, or a wall of links",
    fix="Add a short menu of 3-8 items naming what visitors come for "
    "(Services, Pricing, How it works, Contact).",
    params={
        "min_items": 3,
        "max_items": 8,
        "wall_items": 15,
        "nothing_words": 50,
        "lost_links": 4,
        "lost_headings": 4,
        "dropdown_wall": 24,
    },
)
def findability_nav(page: PageSnapshot, opts: Options) -> Outcome:
    lo, hi = int(opts.params["min_items"]), int(opts.params["max_items"])
    wall = int(opts.params["wall_items"])
    items = nav_items(page, opts)
    # every link of the first menu, its dropdown entries too
    menu = primary_menu([e for e in page.nav_links if any(c.isalnum() for c in e.text)])
    labels = ", ".join(e.text for e in items[:12])
    n = len(items)
    first = items[0] if items else None
    findable = any(c.kind in ("tel", "phone-text", "address") for c in page.contacts)
    if n == 0 and page.word_count < int(opts.params["nothing_words"]) and not findable:
        # a name and a button: no menu, no content, not even a phone number or an address
        note = f"no navigation, {page.word_count} words and no phone or address: nothing to find"
        return Outcome(0.0, (evidence(page, None, note),))
    live = [e for e in page.links if e.text.strip() and not is_dead(e)]
    heads = [h for h in page.headings if h.kind in ("h1", "h2", "h3") and h.text.strip()]
    if (
        n == 0
        and not page.contacts
        and not any(f.has_email for f in page.forms)
        and not any(has_phrase(e.text, opts.words.get("contact_words", ())) for e in live)
        and len(live) <= int(opts.params["lost_links"])
        and len(heads) < int(opts.params["lost_headings"])
    ):
        # no menu, no way to write or call, hardly a link onward and no sections to scan:
        # a visitor is lost ('0 = lost', criteria.md)
        note = (
            f"no navigation, no way to contact, {len(live)} links onward and "
            f"{len(heads)} headings: nothing to find"
        )
        return Outcome(0.0, (evidence(page, None, note),))
    if n == 0:
        return Outcome(0.1, (evidence(page, None, "no navigation found"),))
    # a 'Home' item is left out of the count, but a menu of Home and two tasks is a menu
    home = any(has_phrase(e.text, opts.words.get("home_labels", ())) for e in page.nav_links)
    company = opts.words.get("company_nav", ())
    if (
        n + home == lo - 1
        and n >= 2
        and not any(has_phrase(e.text, company) for e in items)
        and all(e.in_nav and not looks_like_button(e) for e in items)
    ):
        # 'Rechtsgebiete, Kontakt': two paths in a menu, neither about the company, is 'about
        # 3'; two buttons ('Réserver', 'Acquista — 34,90€') or a header's two links with no
        # menu around them are calls to action, no menu
        score, note = 0.8, f"{n} navigation items, none about the company"
    elif n + home < lo:
        score, note = 0.45, f"only {n} navigation item(s)"
    elif n <= hi and len(menu) >= int(opts.params["dropdown_wall"]):
        # 'a wall of dozens of links' (criteria.md): a few items whose dropdowns open two
        # dozen links or more are a crowded menu, however short its top level
        score, note = 0.6, f"{n} navigation items, {len(menu)} links with their dropdowns"
    elif n <= hi:
        score, note = 1.0, f"{n} navigation items"
    elif n < wall:
        score, note = 0.9, f"{n} navigation items (more than {hi})"
    else:
        score, note = 0.3, f"{n} navigation items: a wall of links"
    return Outcome(score, (evidence(page, first, note, text=labels),))


@check(
    id="findability-nav-labels",
    criterion="findability",
    title="Navigation labels name what the visitor wants",
    failure_title="Navigation labels are about the company, or template leftovers",
    fix="Lead the menu with the visitor's tasks (Services, Pricing, Book, Contact); "
    "move 'About us', 'Team', 'News' to the end or the footer.",
    params={
        "company_share_allowed": 0.2,
        "contact_only": 0.3,
        "mislabelled": 0.3,
        "unread_offer": 3,
    },
)
def findability_nav_labels(page: PageSnapshot, opts: Options) -> Outcome:
    items = [e for e in page.nav_links if e.text.strip()]
    if not items:
        return Outcome(None)
    wrong = mislabelled(nav_items(page, opts))
    w = opts.words
    company = [e for e in items if has_phrase(e.text, w.get("company_nav", ()))]
    filler = [e for e in items if has_phrase(e.text, w.get("placeholder_nav", ()))]
    customer = [e for e in items if has_phrase(e.text, w.get("customer_nav", ()))]
    # menu items no list knows ('Beavers, Cubs, Scouts', 'Sport, Femme enceinte, Nourrissons'):
    # neither the org chart nor a contact; three or more of them name an offer we cannot read
    lists = ("company_nav", "customer_nav", "social_networks", "placeholder_nav")
    unread = [
        e
        for e in nav_items(page, opts)
        if any(c.isalpha() for c in e.text)
        and "@" not in e.text
        and not any(has_phrase(e.text, w.get(k, ())) for k in lists)
    ]
    n = len(items)
    # one 'About' in a short menu of visitor tasks is normal: only company labels beyond a
    # fifth of the menu, or leading it, cost points
    allowed = float(opts.params["company_share_allowed"])
    score = 1.0 - 1.5 * max(0.0, len(company) / n - allowed) - 2.0 * len(filler) / n
    if company and customer and company[0].position < customer[0].position and len(company) > 1:
        score -= 0.1  # the org chart comes before the offer
    if not customer:
        score -= 0.3
    offer = [e for e in customer if not has_phrase(e.text, w.get("contact_words", ()))]
    if len(unread) >= int(opts.params["unread_offer"]):
        offer += unread
    if customer and not offer:
        # 'Team, Contact Us': the visitor can write, but no item leads to what is offered
        score = min(score, float(opts.params["contact_only"]))
    if len(company) >= 2 and len(company) > len(customer):
        score = min(score, 0.3)  # more org chart than offer: a company-centric menu
    if wrong:
        score = min(score, float(opts.params["mislabelled"]))
    score = max(0.0, min(1.0, score))
    ev: list[Evidence] = []
    if wrong:
        item, owner = wrong
        section = quote(href_fragment(item.href), 30)
        note = (
            f"the menu item '{quote(item.text, 30)}' leads to '{section}', "
            f"the section of '{quote(owner.text, 30)}', which leads elsewhere: labels and "
            "sections do not match"
        )
        ev.append(evidence(page, item, note))
    if customer and not offer:
        note = "no menu item names the offer (services, products, prices): only a contact"
        ev.append(evidence(page, customer[0], note))
    if company:
        ev.append(
            evidence(
                page,
                company[0],
                "company-centric: " + ", ".join(quote(e.text, 30) for e in company[:6]),
            )
        )
    if filler:
        ev.append(
            evidence(
                page,
                filler[0],
                "template leftovers: " + ", ".join(quote(e.text, 30) for e in filler[:6]),
            )
        )
    if customer:
        ev.append(
            evidence(
                page,
                customer[0],
                "customer-centred: " + ", ".join(quote(e.text, 30) for e in customer[:6]),
            )
        )
    else:
        ev.append(evidence(page, items[0], "no label names a visitor's task"))
    return Outcome(score, tuple(ev))


ARROWS = frozenset("<>‹›«»←→❮❯〈〉")


def _arrows(text: str) -> bool:
    """Is `text` only arrows ('<', '›', '❯'): a carousel's previous and next?"""
    glyphs = text.replace(" ", "")
    return bool(glyphs) and all(c in ARROWS for c in glyphs)


@check(
    id="findability-dead-links",
    criterion="findability",
    title="Menu and page links lead somewhere",
    failure_title="Links that go nowhere ('#', 'javascript:', missing anchors)",
    fix="Point every menu item and button at a real page or section, or remove it.",
    params={"menu_item_dead": 0.45, "most_dead": 0.05, "min_items": 3, "menu_works": 0.5},
)
def findability_dead_links(page: PageSnapshot, opts: Options) -> Outcome:
    # a slider's '<' and '>' on '#' are its controls (a script turns the slides), not links
    links = [e for e in page.links if (e.text.strip() or e.in_nav) and not _arrows(e.text)]
    if not links:
        return Outcome(None)
    # a social network's icon on '#' ('Instagram', 'Síguenos en TikTok') is a profile not yet
    # linked, and a footer's '#' ('Privacy Policy', 'Report a bug') a template's leftover: no
    # path to what the visitor came for on this site
    social = opts.words.get("social_networks", ())
    # a switcher's link on '#' ('EN | IT' with EN on '#') is the language being read, when
    # another of its languages leads somewhere; a switcher all on '#' goes nowhere
    languages = language_links(links)
    switches = any(not is_dead(e) for e in languages)
    dead = []
    for i, link in enumerate(links):
        following = links[i + 1] if i + 1 < len(links) else None
        if (
            is_dead(link)
            and not is_toggle(link, following)
            and not opens(link)
            and not (social and has_phrase(link.text, social))
            and not link.in_footer
            and not (switches and link in languages)
        ):
            dead.append(link)
    nav_dead = [e for e in dead if e.in_nav]
    share = len(dead) / len(links)
    nav_share = len(nav_dead) / max(1, len([e for e in links if e.in_nav]))
    # 0 is kept for a menu none of whose items leads anywhere (below)
    score = max(float(opts.params["most_dead"]), 1.0 - 1.5 * max(share, nav_share))
    if not dead:
        return Outcome(1.0, (evidence(page, None, f"{len(links)} links, none dead"),))
    names = ", ".join(f"'{quote(e.text, 25)}' -> {e.href or '(empty)'}" for e in dead[:5])
    note = f"{len(dead)} of {len(links)} links go nowhere: {names}"
    items = [e for e in nav_items(page, opts) if not (social and has_phrase(e.text, social))]
    if len(items) >= int(opts.params["min_items"]) and all(e in nav_dead for e in items):
        # 'Services, FAQ, Contact' all on '#': the menu is no path at all, only scrolling is
        labels = ", ".join(f"'{quote(e.text, 25)}' -> {e.href or '(empty)'}" for e in items[:5])
        note = f"every menu item goes nowhere: {labels}; {len(dead)} of {len(links)} links dead"
        return Outcome(0.0, (evidence(page, items[0], note),))
    # a menu item the visitor clicks and nothing happens ('Gallery' -> a #gallery that is not
    # on the page): the menu promises what the page does not have. 'Home' -> '#' goes to the
    # top, where home is on a one-page site: nav_items leaves it out.
    # a 'Menu' or 'Search' control on '#' opens something by script: no menu item
    controls = opts.words.get("ui_controls", ())
    broken_item = next(
        (
            e
            for e in items
            if e in nav_dead
            and not ("anchor-missing" not in e.attrs and has_phrase(e.text, controls))
            and not looks_like_button(e)
        ),
        None,
    )
    if broken_item is not None:
        score = min(score, float(opts.params["menu_item_dead"]))
        note = f"the menu item '{quote(broken_item.text, 25)}' goes nowhere; {note}"
        return Outcome(score, (evidence(page, broken_item, note),))
    if len(items) >= int(opts.params["min_items"]):
        # every menu item leads somewhere: the paths work, only links in the text ('Learn
        # more' -> '#') are dead, which is no worse than a menu item that goes nowhere
        score = max(score, float(opts.params["menu_works"]))
    return Outcome(score, (evidence(page, dead[0], note),))


@check(
    id="findability-headings",
    criterion="findability",
    title="One h1 and section headings make the page scannable",
    failure_title="The heading structure does not let a visitor scan the page",
    fix="Use one h1 for the page and an h2 for each section; keep headings short.",
    params={"max_words": 20},
)
def findability_headings(page: PageSnapshot, opts: Options) -> Outcome:
    heads = [h for h in content(page.headings) if h.text.strip()] or [
        h for h in page.headings if h.text.strip()
    ]
    if not heads:
        return Outcome(0.0, (evidence(page, None, "no headings at all"),))
    h1 = [h for h in heads if h.kind == "h1"]
    sections = [h for h in heads if h.kind in ("h2", "h3")]
    long_heads = [h for h in heads if word_len(h.text) > int(opts.params["max_words"])]
    score = (0.4 if len(h1) == 1 else 0.2 if h1 else 0.0) + (0.4 if len(sections) >= 2 else 0.2)
    score += 0.2 if not long_heads else 0.0
    note = f"{len(h1)} h1, {len(sections)} section headings"
    if long_heads:
        note += f", {len(long_heads)} paragraph-long"
    return Outcome(score, (evidence(page, h1[0] if h1 else heads[0], note),))


def _ends_vague(text: str, phrases: tuple[str, ...]) -> bool:
    """Nothing that names a place follows the text's last vague phrase: 'Read more' and
    'Click here ->' are vague, 'Read more reviews' and 'Go to pricing' name where they go."""
    normed = norm(text)
    end = max(
        (normed.rfind(p) + len(p) for p in find_phrases(text, phrases) if p in normed),
        default=0,
    )
    return not any(ch.isalnum() for ch in normed[end:])


@check(
    id="findability-link-text",
    criterion="findability",
    title="Link texts say where they go",
    failure_title="Links say 'click here' or nothing at all",
    fix="Name the destination in the link text ('See pricing', not 'click here'); give icon "
    "links an aria-label.",
)
def findability_link_text(page: PageSnapshot, opts: Options) -> Outcome:
    links = [e for e in page.links if not e.in_footer]
    if len(links) < 3:
        return Outcome(None)
    vague_words = opts.words.get("vague_link", ())
    vague = [
        e
        for e in links
        if has_phrase(e.text, vague_words)
        and word_len(e.text) <= 3
        and _ends_vague(e.text, vague_words)
    ]
    empty = [e for e in links if not e.text.strip()]
    share = (len(vague) + 0.5 * len(empty)) / len(links)
    score = max(0.0, 1.0 - 2.0 * share)
    bad = vague + empty
    if not bad:
        return Outcome(1.0, (evidence(page, None, f"{len(links)} links, all descriptive"),))
    return Outcome(
        score,
        (
            evidence(
                page,
                bad[0],
                f"{len(vague)} vague and {len(empty)} empty link texts of {len(links)}",
            ),
        ),
    )


# a software project's repository: where its users reach the people who make it
CODE_HOST_RE = re.compile(
    r"^https?://(?:www\.)?(?:github\.com|gitlab\.com|codeberg\.org|bitbucket\.org|"
    r"sourceforge\.net)/[^/?#]+",
    re.IGNORECASE,
)


@check(
    id="findability-contact",
    criterion="findability",
    title="A way to contact the seller is easy to find",
    failure_title="No contact route (phone, e-mail, contact page) is easy to find",
    fix="Put a Contact item in the menu and the phone or e-mail in the header or footer.",
    params={"anchor_only": 0.0, "sample_contact": 0.5},
)
def findability_contact(page: PageSnapshot, opts: Options) -> Outcome:
    if page.contacts and page.placeholder_contacts:
        # a template's sample phone or e-mail (555-123-4567, contact@example.com) beside the
        # seller's: which one reaches a person, the visitor cannot tell (a sample alone is no
        # contact at all: the snapshot keeps it out of page.contacts)
        sample = page.placeholder_contacts[0]
        note = f"a template's sample contact beside the real one: {quote(sample.text, 40)}"
        return Outcome(float(opts.params["sample_contact"]), (evidence(page, sample, note),))
    if page.contacts:
        c = page.contacts[0]
        return Outcome(1.0, (evidence(page, c, f"contact: {c.kind}"),))
    words = opts.words.get("contact_words", ())
    for e in page.links:
        if has_phrase(e.text, words) or any(k in e.href.lower() for k in ("contact", "kontakt")):
            if is_dead(e):
                continue
            if e.href.startswith("#") and not _writes(page):
                # 'Contact' -> '#contact' on a page with no phone, e-mail, address or form
                # that asks for an e-mail: the section it scrolls to offers no way to write
                note = "a contact link to this page, which shows no phone, e-mail, address or form"
                return Outcome(float(opts.params["anchor_only"]), (evidence(page, e, note),))
            if page.placeholder_contacts:
                # 'Contact' beside a template's sample ('TEL: XXX-XXXX', info@example.com) and
                # no real phone, e-mail or address: the page's own contact details are filler
                sample = page.placeholder_contacts[0]
                note = f"a contact link; the page's contact is a sample: {quote(sample.text, 30)}"
                return Outcome(float(opts.params["sample_contact"]), (evidence(page, e, note),))
            return Outcome(0.9, (evidence(page, e, "a contact link"),))
    repo = next((e for e in page.links if CODE_HOST_RE.search(e.href)), None)
    if repo is not None:
        # a software project's repository (GitHub, GitLab, Codeberg): its issues and
        # discussions are where a user reaches the people who make it
        return Outcome(0.9, (evidence(page, repo, "a link to the project's repository"),))
    return Outcome(0.0, (evidence(page, None, "no phone, e-mail, address or contact link"),))


def _writes(page: PageSnapshot) -> bool:
    """Can a visitor write to the seller from this page: a form asking for an e-mail, a
    form served by another site in an iframe (a Google or Microsoft form), or a link to one?"""
    return (
        any(f.has_email for f in page.forms)
        or bool(page.embedded_forms)
        or any(is_form_address(e.href) for e in page.links)
    )


@check(
    id="findability-scannable",
    criterion="findability",
    title="The text is broken into short blocks",
    failure_title="A single giant block of text",
    fix="Break long text into sections with headings, short paragraphs and lists.",
    params={"max_block_words": 250},
)
def findability_scannable(page: PageSnapshot, opts: Options) -> Outcome:
    limit = int(opts.params["max_block_words"])
    if not page.blocks:
        return Outcome(0.0, (evidence(page, None, "no readable text"),))

    # each block's size once, in a list: its first largest is what max(key=...) picks
    sizes = [int(b.attrs.get("words", 0)) or word_len(b.text) for b in page.blocks]
    n = max(sizes)
    biggest = page.blocks[sizes.index(n)]
    score = 1.0 if n <= limit else max(0.2, limit / n)
    return Outcome(score, (evidence(page, biggest, f"longest block: {n} words"),))


@check(
    id="links-work",
    criterion="findability",
    title="Internal links work",
    failure_title="Broken internal links",
    fix="Fix or remove the links that return errors.",
    description="Scored after the crawl from the status of every internal link.",
    params={"penalty_per_link": 0.25},
    needs_crawl=True,
)
def links_work(page: PageSnapshot, opts: Options) -> Outcome:
    crawl = page.context  # set by scoring.score_page once the crawl is done
    if crawl is None or not crawl.links_checked:
        return Outcome(None)
    broken = crawl.broken_links
    if not broken:
        return Outcome(1.0, (Evidence(element="page", note="every internal link answered"),))
    per_link = float(opts.params["penalty_per_link"])
    score = min(max(0.0, 1.0 - per_link * len(broken)), 0.4)  # any broken link fails
    return Outcome(
        score,
        tuple(
            Evidence(element="<a>", text=quote(url), note=f"status {status or 'no response'}")
            for url, status in broken[:10]
        ),
    )


@check(
    id="findability-empty-sections",
    criterion="findability",
    title="Every section has content",
    failure_title="Sections that are empty, still 'Loading…', or repeat filler text",
    fix="Fill or remove empty sections; content loaded by scripts should also be in the HTML.",
    params={"min_words": 4, "sentence_words": 10},
)
def findability_empty_sections(page: PageSnapshot, opts: Options) -> Outcome:
    min_words = int(opts.params["min_words"])
    sentence = int(opts.params["sentence_words"])
    heads = [h for h in page.headings if not h.in_nav and not h.in_footer and h.text.strip()]
    loading = opts.words.get("loading_text", ())
    body = [b for b in page.blocks if not b.in_nav and not b.in_footer]
    labels = {e.text for e in (*page.links, *page.buttons) if e.text and not e.in_nav}
    # a <button> that submits nothing (a tab, a filter) shows content a script loads: a row of
    # them with nothing under it ('Sandwiches | Sides | Drinks' over an empty menu) is empty
    tabs = [e for e in page.buttons if e.kind == "button" and e.attrs.get("type") != "submit"]
    things = sorted(e.position for e in (*page.links, *page.buttons, *page.images))
    candidates: list[tuple[int, Element, bool]] = []  # (index, heading, loading)
    by_position = Positions(body)
    may_load = blocks_may_hold(page, loading)  # (most pages: no block can say 'Loading…')
    for i, head in enumerate(heads):
        nxt = heads[i + 1] if i + 1 < len(heads) else None
        if i == 0 or head.text in labels or is_figure_label(head.text):
            continue  # the hero heading, a button label, or a figure's label ('20+', '95%')
        if word_len(head.text) >= sentence:
            continue  # a sentence set as a heading is itself the content
        if nxt is not None and int(nxt.kind[1:]) > int(head.kind[1:]):
            continue  # a section that opens with sub-sections
        end = nxt.position if nxt is not None else page.word_count + 1
        start = head.position + word_len(head.text)
        if nxt is not None and end == start and int(nxt.kind[1:]) < int(head.kind[1:]):
            prev = heads[i - 1]
            if prev.kind != head.kind or prev.position + word_len(prev.text) < head.position:
                continue  # a kicker over its section's title ('Was ich mache' h5, then h2)
        inside = by_position.between(start, end)
        words = sum(word_len(b.text) for b in inside)
        # `things` is sorted: its count in [start, end) by two binary searches, not a scan
        inside_things = bisect_left(things, end) - bisect_left(things, start) if start < end else 0
        inside_tabs = [e for e in tabs if start <= e.position < end]
        has_things = inside_things > 0
        if len(inside_tabs) >= 2 and len(inside_tabs) == inside_things:
            has_things = False  # only the tabs' own labels: nothing under them
            words -= sum(word_len(e.text) for e in inside_tabs)
        is_loading = may_load and any(has_phrase(b.text, loading) for b in inside)
        if (words < min_words and not has_things) or is_loading:
            candidates.append((i, head, is_loading))
    empty = not_a_heading_list(candidates, heads)
    counts: dict[str, int] = {}
    for b in body:  # filler repeated: running words, not an opening-hours row or a command
        if word_len(b.text) >= 5:
            counts[b.text] = counts.get(b.text, 0) + 1
    # the figure-or-code test reads every character of a text: only the few texts repeated
    # 3+ times need it (a text's count does not depend on the test, so the same list)
    repeated = [t for t, n in counts.items() if n >= 3 and not FIGURE_OR_CODE_RE.search(t)]
    if not heads:
        return Outcome(None)
    # lorem ipsum is filler whatever its heading says: its section has no content yet; a
    # link named so ('Lorem Ipsum' -> a text generator) is a tool, not filler
    filler_words = opts.words.get("filler_text", ())
    filler = []
    if blocks_may_hold(page, filler_words):
        named = [e.text for e in page.links if has_phrase(e.text, filler_words)]
        filler = [
            b
            for b in body
            if has_phrase(b.text, filler_words)
            and b.text not in repeated
            and not any(label in b.text for label in named)
        ]
    share = (len(empty) + len(repeated) + len(filler)) / len(heads)
    score = max(0.0, 1.0 - 2.5 * share)
    ev: list[Evidence] = []
    if empty:
        names = ", ".join(quote(h.text, 30) for h in empty[:5])
        ev.append(evidence(page, empty[0], f"{len(empty)} empty or loading sections: {names}"))
    if repeated:
        ev.append(evidence(page, None, "the same text repeated 3+ times", text=repeated[0]))
    if filler:
        ev.append(evidence(page, filler[0], f"{len(filler)} blocks of lorem ipsum"))
    if not ev:
        ev.append(evidence(page, None, f"{len(heads)} sections, all with content"))
    return Outcome(score, tuple(ev))
