"""Findability checks on hand-made navigations and structures."""

from __future__ import annotations

NAV = (
    "<header><nav><ul><li><a href='/'>Home</a></li><li><a href='/services'>Services</a></li>"
    "<li><a href='/pricing'>Pricing</a></li><li><a href='/how'>How it works</a></li>"
    "<li><a href='/contact'>Contact</a></li></ul></nav></header><main><h1>Fast invoices</h1>"
    "<h2>Why</h2><p>Text.</p><h2>How</h2><p>More text.</p></main>"
)


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
    assert out.score == 0.0
    assert "go nowhere" in out.evidence[0].note
    assert run("findability-dead-links", NAV).score == 1.0


def test_headings(run):
    assert run("findability-headings", NAV).score == 1.0
    assert run("findability-headings", "<p>only text</p>").score == 0.0


def test_link_text(run):
    bad = "".join(f"<a href='/x{i}'>click here</a>" for i in range(4))
    assert run("findability-link-text", bad).score == 0.0
    assert run("findability-link-text", NAV).score == 1.0


def test_contact(run):
    assert run("findability-contact", "<a href='tel:+15551234567'>Call</a>").score == 1.0
    assert run("findability-contact", NAV).score >= 0.9
    assert run("findability-contact", "<h1>Nothing</h1>").score == 0.0


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
    nav = "<nav>" + "".join(f"<a href='/{i}'>{t}</a>" for i, t in enumerate(labels)) + "</nav>"
    assert run("findability-nav-labels", nav).score <= 0.3
    labels = ["Services", "Pricing", "Book", "About us", "Contact"]
    nav = "<nav>" + "".join(f"<a href='/{i}'>{t}</a>" for i, t in enumerate(labels)) + "</nav>"
    assert run("findability-nav-labels", nav).score > 0.6
