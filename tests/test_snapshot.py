"""make_snapshot on real HTML files: fields, positions, lines, hidden text, rendered mode,
source maps, not-auditable pages and hostile input."""

from __future__ import annotations

import time
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit.audit.snapshot import make_snapshot
from sitekit.models import FetchedPage

PAGE = """<!doctype html>
<html lang="de-CH">
<head><title> Get paid  fast </title>
<meta name="description" content="Invoices paid in days.">
<script type="application/ld+json">{"@context": "https://schema.org", "@graph": [
 {"@type": "Organization"}, {"@type": "FAQPage"}]}</script>
<style>.x{}</style></head>
<body>
<header><a href="/">Acme</a><nav><ul><li><a href="/pricing">Pricing</a></li>
<li><a href="#how">How it works</a></li><li><a href="#nowhere">FAQ</a></li></ul></nav></header>
<main>
<h1>Get paid twice as fast</h1>
<p>Send invoices <b>your</b> clients pay.</p>
<p hidden>secret hidden text</p><p style="display: none">also hidden</p>
<span aria-hidden="true">decor</span><script>var notText = 1;</script>
<a class="btn" href="/trial">Start free trial</a>
<form action="/s" method="post"><input type="hidden" name="t"><input type="email" name="em">
<input name="name"><button type="submit">Send me the guide</button></form>
<img src="a.png" alt="Dashboard">
<section id="how"><h2>How it works</h2><p>Call +41 44 268 45 10 or write.</p></section>
<address>Main St 1, Zürich</address>
<a href="mailto:hi@acme.test">hi@acme.test</a><a href="tel:+41442684510">Call</a>
<div itemscope itemtype="https://schema.org/Review">Great</div>
</main>
<footer><a href="/imprint">Imprint</a></footer>
</body></html>
"""


def _snap(tmp_path: Path, html: str, name: str = "index.html", source: bool = True):
    path = tmp_path / name
    path.write_text(html, encoding="utf-8")
    return make_snapshot(
        FetchedPage(
            url="http://127.0.0.1/",
            final_url="http://127.0.0.1/",
            status=200,
            body=path.read_bytes(),
            source_path=str(path) if source else None,
        )
    )


def test_fields(tmp_path: Path) -> None:
    s = _snap(tmp_path, PAGE)
    assert s.title == "Get paid fast"
    assert s.meta_description == "Invoices paid in days."
    assert s.lang == "de-CH"
    assert [h.text for h in s.headings] == ["Get paid twice as fast", "How it works"]
    assert [e.text for e in s.nav_links] == ["Pricing", "How it works", "FAQ"]
    assert s.nav_links[2].attrs.get("anchor-missing") == "1"
    assert "anchor-missing" not in s.nav_links[1].attrs
    assert [b.text for b in s.buttons] == ["Send me the guide"]
    form = s.forms[0]
    assert form.fields == ("em:email", "name:text") and form.has_email
    assert form.submit_text == "" and form.method == "post"
    assert s.images[0].text == "Dashboard"
    assert {"Organization", "FAQPage", "Review"} <= set(s.structured_types)
    kinds = {c.kind for c in s.contacts}
    assert {"mailto", "tel", "address", "phone-text"} <= kinds
    assert s.auditable


def test_visible_text_excludes_hidden_script_style(tmp_path: Path) -> None:
    s = _snap(tmp_path, PAGE)
    for gone in ("secret hidden text", "also hidden", "decor", "notText", ".x{}"):
        assert gone not in s.text
    assert "Send invoices your clients pay." in s.text
    assert s.word_count == len(s.text.split())


def test_positions_lines_and_first_screen(tmp_path: Path) -> None:
    s = _snap(tmp_path, PAGE)
    h1 = s.headings[0]
    assert s.text.split()[h1.position : h1.position + 5] == ["Get", "paid", "twice", "as", "fast"]
    assert h1.line == PAGE.splitlines().index("<h1>Get paid twice as fast</h1>") + 1
    assert h1.in_first_screen and not h1.in_nav
    assert s.first_screen_words == 6 + 150  # header ("Acme Pricing How it works FAQ") + hero
    footer = next(e for e in s.links if e.text == "Imprint")
    assert footer.in_footer and not footer.in_first_screen


def test_lxml_without_source_path_has_no_lines(tmp_path: Path) -> None:
    s = _snap(tmp_path, PAGE, source=False)
    assert s.headings[0].line is None
    assert s.headings[0].text == "Get paid twice as fast"


def test_rendered_viewports(tmp_path: Path) -> None:
    html = (
        '<html data-sitekit-rendered="1"><body><h1 data-sitekit-vp="1366x768 390x844">'
        'Big</h1><section data-sitekit-vp="1366x768"><a class="btn" href="/t">Try it free'
        "</a></section><p>After</p></body></html>"
    )
    s = _snap(tmp_path, html)
    assert s.rendered
    assert s.headings[0].in_viewport == {"1366x768": True, "390x844": True}
    assert s.links[0].in_viewport == {"1366x768": True, "390x844": False}


def test_source_map_points_to_markdown(tmp_path: Path) -> None:
    from sitekit.audit.checks.text import locate

    html = '<h1 data-sitekit-src="content/index.md:12">Get paid fast</h1>'
    s = _snap(tmp_path, html)
    assert str(s.source_map["content/index.md:12"]) == "content/index.md:12"
    assert str(locate(s, s.headings[0])) == "content/index.md:12"


def test_javascript_shell_not_auditable(tmp_path: Path) -> None:
    html = (
        "<html><head><title>App</title></head><body><noscript>You need to enable "
        'JavaScript to run this app.</noscript><div id="root"></div>'
        '<script src="/main.js"></script></body></html>'
    )
    s = _snap(tmp_path, html)
    assert not s.auditable
    assert "try --render" in s.not_auditable_reason
    assert 'id="root"' in s.not_auditable_reason


def test_interstitial_not_auditable(tmp_path: Path) -> None:
    html = (
        "<html><head><title>Just a moment...</title></head><body>"
        '<div id="cf-challenge-running">Checking your browser</div></body></html>'
    )
    s = _snap(tmp_path, html)
    assert not s.auditable and "try --render" in s.not_auditable_reason


def test_recaptcha_form_on_real_page_is_auditable(tmp_path: Path) -> None:
    html = (
        "<h1>Welcome to Gurkhas</h1><p>Contact us</p>"
        '<form><input name="n"><div class="g-recaptcha"></div></form>'
    )
    assert _snap(tmp_path, html).auditable


def test_under_construction_is_auditable(tmp_path: Path) -> None:
    html = "<h1>Coming soon</h1><p>Our new site is under construction.</p>"
    s = _snap(tmp_path, html)
    assert s.auditable and s.word_count == 8


def test_malformed_html(tmp_path: Path) -> None:
    html = "<div><p>Unclosed <b>bold <a href='/x'>link<h1>Head</div></table></span>text"
    s = _snap(tmp_path, html)
    assert s.links and s.headings[0].text.startswith("Head")


def test_deep_nesting_does_not_recurse(tmp_path: Path) -> None:
    depth = 100_000
    html = "<div>" * depth + "<h1>Deep benefit here</h1>" + "</div>" * depth
    for source in (True, False):
        start = time.perf_counter()
        s = _snap(tmp_path, html, source=source)
        assert time.perf_counter() - start < 60
        assert s.auditable


def test_many_links_bounded(tmp_path: Path) -> None:
    html = "<h1>Links</h1>" + "<a href='/p'>x</a>" * 200_000
    start = time.perf_counter()
    s = _snap(tmp_path, html, source=False)
    assert time.perf_counter() - start < 60
    assert len(s.links) <= 5_000  # stored links are capped; memory stays bounded


def test_decoding_meta_charset_and_header(tmp_path: Path) -> None:
    html = '<meta charset="iso-8859-1"><h1>Grüße aus Zürich</h1>'.encode("latin-1")
    path = tmp_path / "l1.html"
    path.write_bytes(html)
    s = make_snapshot(FetchedPage("u", "u", 200, body=html))
    assert s.headings[0].text == "Grüße aus Zürich"
    s2 = make_snapshot(
        FetchedPage(
            "u", "u", 200, body="<h1>Привет мир</h1>".encode("cp1251"), encoding="windows-1251"
        )
    )
    assert s2.headings[0].text == "Привет мир"


def test_closed_dialogs_and_modals_are_hidden(tmp_path: Path) -> None:
    html = (
        '<h1>Page</h1><div class="modal"><button>Download image</button></div>'
        "<dialog><p>Later</p></dialog><dialog open><p>Shown now</p></dialog>"
    )
    s = _snap(tmp_path, html)
    assert not s.buttons and "Later" not in s.text and "Shown now" in s.text


def test_text_blocks_carry_source_lines(tmp_path: Path) -> None:
    s = _snap(tmp_path, PAGE)
    block = next(b for b in s.blocks if b.text.startswith("Send invoices"))
    assert (
        block.line == PAGE.splitlines().index("<p>Send invoices <b>your</b> clients pay.</p>") + 1
    )


def test_a_page_class_naming_nav_does_not_make_the_page_a_menu(tmp_path: Path) -> None:
    """A theme's class on <body> or <main> ('above-header-nav-padding-support', 'has-nav')
    styles the page; it must not turn every link, quote and heading into navigation. A
    <div class='main-nav'> still is one."""
    html = (
        "<html><body class='home above-header-nav-padding-support'>"
        "<header><div class='main-nav'><ul><li><a href='/s'>Services</a></li>"
        "<li><a href='/c'>Contact</a></li></ul></div></header>"
        "<main class='has-nav'><h1>Care for your cat, seven days a week</h1>"
        "<blockquote><p>They saved our kitten. Thank you!</p></blockquote><h3>Sarah</h3>"
        "<a href='/book'>Book a check-up</a></main></body></html>"
    )
    _assert_menu_apart(tmp_path, html, ["Services", "Contact"], "kitten")


def test_a_modifier_class_naming_the_navbar_does_not_make_a_menu(tmp_path: Path) -> None:
    """Bulma's 'is-fullheight-with-navbar' on a hero, or 'has-navbar-fixed-top' on a wrapper,
    says where the navigation bar sits; the hero's text, team and prices are content, not
    menu. A 'navbar' element is still navigation."""
    html = (
        "<html><body><nav class='navbar'><a href='/team'>Team</a><a href='/prices'>Preise</a>"
        "</nav><div class='has-navbar-fixed-top'><section class='hero is-fullheight-with-navbar'>"
        "<h1>Mobile Tierarztpraxis Dresden</h1><p>Julia Nestler approbierte 2010 in Leipzig.</p>"
        "</section></div></body></html>"
    )
    _assert_menu_apart(tmp_path, html, ["Team", "Preise"], "approbierte")


def _assert_menu_apart(tmp_path: Path, html: str, menu: list[str], content: str) -> None:
    """Through both parsers: the menu is `menu`, and the block holding `content` and every
    heading are no part of it."""
    for source in (True, False):
        s = _snap(tmp_path, html, source=source)
        assert [e.text for e in s.nav_links] == menu
        assert not any(b.in_nav for b in s.blocks if content in b.text)
        assert not any(h.in_nav for h in s.headings)


@settings(max_examples=2000, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            ["cf-challenge", "CF-Turnstile", "ddos-guard", "g-reCAPTCHA", "ſ", "K", "İ", "ı"]
        )
        | st.text(alphabet="abcdfghiknorstuvwxyzACDFS-_ ſKİı", max_size=12),
        max_size=4,
    )
)
def test_interstitial_marker_finds_what_the_marker_regex_finds(parts: list[str]) -> None:
    """The substring hints in front of the case-blind regex change no answer (Unicode case
    forms included: 'ſ' matches 's' and 'K' matches 'k' under re.I)."""
    from sitekit.audit.snapshot.auditable import INTERSTITIAL_MARKERS, interstitial_marker

    text = " ".join(parts)
    found = INTERSTITIAL_MARKERS.search(text)
    assert interstitial_marker(text) == (found.group(0) if found else "")


def test_an_image_links_name_is_its_alt_before_its_title(tmp_path: Path) -> None:
    """A link that holds only an image is named by the image's alt text, as a screen reader
    and the eye read it ('Prendre rendez-vous' on a calendar button); the link's title
    attribute names it only when there is no alt (accname)."""
    html = (
        "<html><body><header><a href='https://cal.example.net/' title='Lien vers le "
        "calendrier'><img src='cal.png' alt='Prendre rendez-vous'></a>"
        "<a href='/plan' title='Plan du site'><img src='map.png' alt=''></a></header>"
        "<main><h1>Kinésiologie à Saint-Malo</h1></main></body></html>"
    )
    for source in (True, False):
        s = _snap(tmp_path, html, source=source)
        assert [e.text for e in s.links] == ["Prendre rendez-vous", "Plan du site"]


def test_a_hidden_menu_drawer_is_the_menu_when_nothing_else_is(tmp_path: Path) -> None:
    """'a hamburger drawer (opened by a button) with Diensten, Werkwijze, Projecten, Over Ons,
    FAQ, Contact' (rated 2): an aria-hidden drawer a button opens is the menu on a page whose
    visible bar holds one link; beside a full visible menu it is that menu's mobile copy."""
    drawer = (
        "<aside class='menu-drawer' id='m' aria-hidden='true'><nav><ul>"
        + "".join(f"<li><a href='#{t.lower()}'>{t}</a></li>" for t in ("Diensten", "Projecten"))
        + "<li><a href='#contact'><img src='c.svg' alt='Contact'></a></li></ul></nav></aside>"
    )
    html = (
        "<html><body><header><a class='btn' href='#offerte'>Offerte aanvragen</a>"
        f"<button aria-controls='m'>Menu</button></header>{drawer}"
        "<main><h1>Hovenier in Zeeland</h1></main></body></html>"
    )
    full = html.replace(
        "<a class='btn'",
        "<nav><a href='/a'>Tuinaanleg</a><a href='/b'>Onderhoud</a>"
        "<a href='/c'>Over ons</a></nav><a class='btn'",
    )
    for source in (True, False):
        s = _snap(tmp_path, html, source=source)
        assert [e.text for e in s.nav_links][-3:] == ["Diensten", "Projecten", "Contact"]
        assert all(e.in_first_screen for e in s.nav_links)
        assert "Diensten" not in [e.text for e in s.links]  # still hidden: no page link
        f = _snap(tmp_path, full, source=source)
        assert [e.text for e in f.nav_links] == ["Tuinaanleg", "Onderhoud", "Over ons"]


def _both_parsers(tmp_path: Path, html: str) -> list:
    """The page's snapshot as html.parser reads it (a local file, with lines) and as lxml does."""
    return [_snap(tmp_path, html, source=source) for source in (True, False)]


def _reads(s, title: str, heading: str, nav: list[str]) -> None:
    """The snapshot holds the page a browser shows: its title, one heading and its menu."""
    assert s.title == title
    assert [h.text for h in s.headings] == [heading]
    assert [e.text for e in s.nav_links] == nav


SECOND_HEAD = (  # '<head><head prefix=...>': html.parser never closes the first head
    "<!doctype html><html lang='en'><head>\n<head prefix='og: https://ogp.me/ns#'>"
    "<title>Kominka stay</title><meta name='description' content='An old house.'>"
    "</head>\n<body><nav><a href='/rooms'>Rooms</a><a href='/access'>Access</a></nav>"
    "<h1>Stay in a 100-year-old townhouse</h1><p>Two rooms, a garden and a kitchen.</p>"
    "</body></html>"
)
SWALLOWED_BODY = (  # '<link href=""\n<body>': the open tag takes '<body' as an attribute
    "<!doctype html>\n<html>\n<head>\n<title>Acme Plumbing</title>\n"
    "<script src='/a.js'></script>\n<link href=\"\"\n\n<body>\n"
    "<nav><a href='/services'>Services</a> <a href='/prices'>Prices</a></nav>\n"
    "<h1>Fix your leak today, fixed price</h1>\n<script src='/b.js'></script>\n"
    "<p>Licensed plumbers in Leeds.</p>\n</body></html>\n"
)


@pytest.mark.parametrize(
    ("html", "title", "heading", "nav", "shown", "not_shown"),
    [
        (
            SECOND_HEAD,
            "Kominka stay",
            "Stay in a 100-year-old townhouse",
            ["Rooms", "Access"],
            "garden",
            "An old house",
        ),
        (
            SWALLOWED_BODY,
            "Acme Plumbing",
            "Fix your leak today, fixed price",
            ["Services", "Prices"],
            "Licensed plumbers",
            "Acme Plumbing",
        ),
    ],
    ids=["a second head tag", "a tag left open that swallows body"],
)
def test_a_malformed_head_does_not_hide_the_page(
    tmp_path: Path, html: str, title: str, heading: str, nav: list[str], shown: str, not_shown: str
) -> None:
    """html.parser (local files) left the page in the head, where a browser shows it as the
    body, so the page read as empty: a second <head> tag (a browser ignores it), or a tag left
    open that takes '<body' as an attribute (a browser ends the head at its first element that
    is not a head's, as the URL audit's lxml always did)."""
    for s in _both_parsers(tmp_path, html):
        _reads(s, title, heading, nav)
        assert shown in s.text and not_shown not in s.text


def test_the_scripts_of_a_head_that_swallowed_body_are_counted_once(tmp_path: Path) -> None:
    assert [s.scripts for s in _both_parsers(tmp_path, SWALLOWED_BODY)] == [2, 2]
    # a head with only what a head holds is read as before
    plain = "<html><head><title>T</title><meta charset='utf-8'></head><body><p>Hi</p></body>"
    assert _snap(tmp_path, plain).text == "Hi"


def test_a_head_tag_inside_the_body_is_ignored_as_a_browser_does(tmp_path: Path) -> None:
    """'<body><head>...<nav>...</nav></head>': a browser ignores a <head> start tag (and its end
    tag) in the body and shows what it wraps; the walk skipped it all, nav and heading too."""
    html = (
        "<!doctype html><html lang='fr'><head><title>Cabinet</title></head><body>\n"
        "<head><meta charset='utf-8'><nav><a href='/seances'>S\u00e9ances</a>"
        "<a href='/tarifs'>Tarifs</a><a href='/contact'>Contact</a></nav>"
        "<h1>Retrouver le sommeil en six s\u00e9ances</h1></head>"
        "<p>Consultations au cabinet ou en ligne.</p></body></html>"
    )
    for s in _both_parsers(tmp_path, html):
        nav = ["S\u00e9ances", "Tarifs", "Contact"]
        _reads(s, "Cabinet", "Retrouver le sommeil en six s\u00e9ances", nav)
        assert "en ligne" in s.text


def test_elements_made_without_init_equal_the_constructors():
    """to_element fills an Element's __dict__ instead of calling its __init__ (speed): the
    same objects, equal and pickling alike, and the shortcut is on."""
    import pickle
    from dataclasses import fields

    from sitekit.audit.snapshot.elements import FAST_ELEMENTS
    from sitekit.models import Element

    assert FAST_ELEMENTS
    page = FetchedPage("https://x.test/", "https://x.test/", 200, "text/html", PAGE.encode())
    snap = make_snapshot(page)
    made = [*snap.links, *snap.headings, *snap.blocks, *snap.images, *snap.buttons]
    assert len(made) > 10
    for element in made:
        built = Element(**{f.name: getattr(element, f.name) for f in fields(Element)})
        assert element == built and repr(element) == repr(built)
        assert pickle.dumps(element) == pickle.dumps(built)
