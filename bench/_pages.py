"""Realistic pages for the audit bench: 15-25 KB, built like a small business's pages.

Each page has a header with a logo and a nav of 5 links, an h1 hero with a call to action,
5-8 h2 sections of paragraphs (text drawn at random from a vocabulary, so no two pages and
few paragraphs repeat), 10 links to other pages, and a footer with address, phone and mail.
Markup is wrapped in the divs and classes a theme adds, so about a third of the bytes are
tags, as on real pages.
"""

from __future__ import annotations

import random

TOPICS = [
    "leak repair",
    "drain cleaning",
    "water heaters",
    "bathroom refits",
    "boiler service",
    "pipe relining",
    "emergency call-out",
    "kitchen plumbing",
    "sump pumps",
    "gas fitting",
]
NAMES = ["Dana Whitfield", "Luis Ortega", "Priya Raman", "Tom Becker", "Mia Chen", "Sam Osei"]
SUBJECTS = [
    "Our team",
    "Every visit",
    "A licensed plumber",
    "The quote you approve",
    "Each repair",
    "Our service van",
    "The engineer on call",
    "Your fixed price",
]
VERBS = [
    "covers",
    "includes",
    "explains",
    "checks",
    "replaces",
    "tests",
    "cleans",
    "protects",
    "documents",
    "schedules",
]
OBJECTS = [
    "the pipes under the sink",
    "every joint and valve",
    "the parts we fit",
    "the water pressure in the house",
    "the cost before work starts",
    "the time the job will take",
    "what we found and why it failed",
    "the boiler's safety controls",
    "the drains from the kitchen to the street",
    "a photo of the finished work",
]
TAILS = [
    "so you know what you pay for",
    "before we leave the house",
    "in plain words",
    "with a twelve-month guarantee",
    "on the same day in most cases",
    "without extra charges for evenings",
    "and we tidy up afterwards",
    "as the building code requires",
]
SECTIONS = [
    "How it works",
    "What it costs",
    "What we check",
    "Areas we cover",
    "Why homeowners call us",
    "Guarantee and insurance",
    "Questions before you book",
    "What happens on the day",
    "Parts and brands we fit",
    "After the repair",
]
NAV = [("/p0/", "Services"), ("/p1/", "Pricing"), ("/p2/", "How it works"), ("/p3/", "Book")]


def _sentence(rng: random.Random, n: int) -> str:
    return (
        f"{rng.choice(SUBJECTS)} {rng.choice(VERBS)} {rng.choice(OBJECTS)} "
        f"{rng.choice(TAILS)}; job {n}-{rng.randrange(1000)} is logged for you."
    )


def _paragraph(rng: random.Random, n: int) -> str:
    return " ".join(_sentence(rng, n) for _ in range(rng.randint(3, 6)))


def realistic_page(n: int, total: int, rng: random.Random) -> str:
    """One 15-25 KB page (size drawn uniformly) linking to 10 other pages of `total`."""
    topic = TOPICS[n % len(TOPICS)]
    target = rng.randint(15_000, 25_000)
    nav = "".join(f'<li class="nav__item"><a href="{h}">{t}</a></li>' for h, t in NAV)
    nav += '<li class="nav__item"><a href="/p4/">Contact</a></li>'
    others = [k for k in rng.sample(range(total), min(total, 11)) if k != n][:10]
    related = "".join(
        f'<li class="card"><a href="/p{k}/">{TOPICS[k % len(TOPICS)].title()} {k}</a></li>'
        for k in others
    )
    head = f"""<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<title>{topic.title()} today, fixed price | Northside Plumbing {n}</title>
<meta name="description" content="Get {topic} done today by licensed plumbers, price agreed.">
<meta name="viewport" content="width=device-width, initial-scale=1">
<link rel="stylesheet" href="/static/site.css"></head>
<body class="page page--service"><div class="site">
<header class="site-header"><div class="container"><a class="logo" href="/">Northside</a>
<nav class="site-nav" aria-label="Main"><ul class="nav">{nav}</ul></nav></div></header>
<main id="content" class="site-main"><section class="hero"><div class="container">
<h1 class="hero__title">Your {topic} done today, at a price agreed first</h1>
<p class="hero__lead">A licensed plumber at your door the same day. No surprises on the bill.</p>
<a class="button button--primary" href="/p3/">Get a free estimate</a></div></section>
"""
    foot = f"""<section class="related"><div class="container"><h2>Related services</h2>
<ul class="cards">{related}</ul></div></section></main>
<footer class="site-footer"><div class="container"><address>2217 N Killingsworth St,
Portland</address><p>Call <a href="tel:+15035550142">+1 503 555 0142</a>, 7 am to 7 pm, or
write to <a href="mailto:help@northside.example">help@northside.example</a>.</p>
<p class="copyright">&copy; 2026 Northside Plumbing</p></div></footer></div></body></html>
"""
    titles = rng.sample(SECTIONS, rng.randint(5, 8))
    sections = [[f'<section class="section"><div class="container"><h2>{t}</h2>'] for t in titles]
    sections[1].append(
        f'<blockquote class="quote"><p>"Fixed in four hours for exactly the quoted $340."</p>'
        f"<footer>{NAMES[n % len(NAMES)]}, homeowner, St. Johns</footer></blockquote>"
    )
    size = len(head) + len(foot) + sum(len(s[0]) + 30 for s in sections)
    k = 0
    while size < target:  # paragraphs dealt round the sections until the page is its size
        para = f'<p class="section__text">{_paragraph(rng, n)}</p>\n'
        sections[k % len(sections)].append(para)
        size += len(para)
        k += 1
    body = "".join("".join(s) + "</div></section>\n" for s in sections)
    return head + body + foot


__all__ = ["realistic_page"]
