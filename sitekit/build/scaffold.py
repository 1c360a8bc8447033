"""`sitekit new`: write a small working site whose landing page shows every field."""

from __future__ import annotations

from pathlib import Path

from sitekit.errors import SitekitError

SITEKIT_TOML = """\
# sitekit.toml: the site's settings. Reference: README, section "sitekit.toml".
[site]
name = "Brightside Cleaning"          # shown in the header, titles and JSON-LD
base_url = "https://brightside.example" # for canonical URLs, sitemap.xml, Open Graph
language = "en"
theme = "default"                     # themes/NAME in this folder, or a bundled theme
# analytics = "<script defer src='https://stats.example/script.js'></script>"

# The theme's accent colour (buttons) and font: a system font stack keyword (system-ui,
# humanist, geometric-humanist, neo-grotesque, rounded-sans, transitional, old-style,
# slab-serif, monospace) or a font family name. The accent must pass WCAG AA (4.5:1).
[theme]
accent = "#0b6e4f"
font = "rounded-sans"

[[nav]]
label = "Prices"
url = "/prices/"

[[nav]]
label = "Book a free quote"
url = "/#next-steps"

[[nav]]
label = "Contact"
url = "#contact"

[contact]
email = "hello@brightside.example"
phone = "+1 555 0100"
address = "12 Main Street, Springfield"

# `sitekit check` (and `build --check`): fail when the built pages score below this.
[check]
fail_under = 80

# Pages are judged by their role (a privacy page on findability only); add
# [[check.ignore]] (url, check, reason) only for a deliberate exception.
"""

INDEX_MD = """\
---
# A landing page. Every field is shown; delete what you do not need.
# benefit: the visitor's main gain, said first (becomes the only h1). 12 words or fewer.
benefit: A spotless home every week, without lifting a finger
# summary: one or two sentences under the h1; also the default meta description.
summary: Vetted cleaners, the same person every visit, and a fixed weekly price.
# cta: the primary, low-commitment next step, shown in the hero and again at the end.
cta:
  label: Get a free quote
  url: /prices/
# hero_image: shown beside the benefit; a file of static/, with alt text (required). Add
# width variants as hero-640w.jpg beside hero.jpg for a responsive srcset.
hero_image:
  src: /images/hero.svg
  alt: A bright, tidy living room with a cleaning caddy on the floor
# trust: the strip under the hero; rating (1-5) with reviews, customers, certifications.
trust:
  rating: 4.8
  reviews: 126
  rating_source: Google
  customers: 900+
  customers_label: homes cleaned every week
  certifications: [Vetted and insured cleaners, Eco-certified products]
# next_steps: smaller steps for visitors not ready yet.
next_steps:
  - label: See our prices
    url: /prices/
    note: Fixed weekly prices, no contract.
# signup: an e-mail form (three fields at most) posting to your form service.
signup:
  label: Send me the moving-day checklist
  action: https://forms.example/brightside
  fields: [name, email]
# proof: real customers, with a specific result. rating (1-5) is optional.
proof:
  - quote: I got my Saturdays back. Same cleaner for two years now.
    name: Maria Lopez
    role: Customer since 2023
    company: Springfield
    result: 4 hours saved every week
    rating: 5
# guarantee: what takes the risk away.
guarantee: Not happy with a clean? Tell us within 24 hours and we come back for free.
# faq: answer the fears that stop people.
faq:
  - q: Do I need to sign a contract?
    a: No. Pause or cancel any time, with one message.
# title/description: for search results; default to benefit and summary.
title: Weekly home cleaning in Springfield
description: Vetted cleaners, the same person every visit, and a fixed weekly price.
# slug: the URL path (default: from the file name); draft: true hides the page;
# noindex: true keeps it out of search results and sitemap.xml.
draft: false
noindex: false
# image: used for social sharing (og:image); date: shown in sitemap.xml.
image: ""
date: 2026-01-01
# language: the page's language when it is not the site's (lang and dir, e.g. ar, he).
language: en
# role: what the page is, for the auditor (landing, offer, contact, story, article, legal,
# utility, welcome, referral); a page with a benefit is a landing page. Customer stories,
# welcome and referral pages have templates of their own (template: story / welcome /
# referral), with their own fields: see the README.
role: landing
---

## How it works

1. **Get a quote** in two minutes.
2. **Meet your cleaner**, the same one every week.
3. **Come home to a clean house.**
"""

PRICES_MD = """\
---
# A second landing page: visitors from search often land here first.
benefit: Know your weekly price before we start
summary: One fixed price per visit, no contract, and the same cleaner every week.
cta:
  label: Get a free quote
  url: /#next-steps
proof:
  - quote: The price on the site is exactly what I pay, every week.
    name: Tom Becker
    role: Customer since 2024
    result: $80 a visit, unchanged for two years
guarantee: Not happy with a clean? Tell us within 24 hours and we come back for free.
title: Weekly cleaning prices
description: Fixed weekly cleaning prices, no contract.
---

## Weekly cleaning

| Home | Price per visit |
|---|---|
| Apartment | $80 |
| House, up to 3 bedrooms | $120 |
"""

HERO_SVG = """\
<svg xmlns="http://www.w3.org/2000/svg" width="960" height="720" viewBox="0 0 960 720">
<rect width="960" height="720" fill="#eef5f1"/>
<rect x="600" y="80" width="260" height="220" rx="8" fill="#fff"
 stroke="#b9d3c6" stroke-width="10"/>
<path d="M730 80v220M600 190h260" stroke="#b9d3c6" stroke-width="8"/>
<rect x="0" y="560" width="960" height="160" fill="#d9c6a5"/>
<rect x="90" y="330" width="420" height="170" rx="30" fill="#0b6e4f"/>
<rect x="70" y="420" width="460" height="140" rx="30" fill="#128a63"/>
<rect x="110" y="300" width="120" height="90" rx="20" fill="#f4d35e"/>
<path d="M640 560 l20 -120 h120 l20 120 z" fill="#4f8fc0"/>
<path d="M690 440 q30 -70 60 0" fill="none" stroke="#2e5f85" stroke-width="10"/>
<path d="M300 170 l10 30 l30 10 l-30 10 l-10 30 l-10 -30 l-30 -10 l30 -10 z" fill="#f4d35e"/>
<path d="M430 120 l6 18 l18 6 l-18 6 l-6 18 l-6 -18 l-18 -6 l18 -6 z" fill="#f4d35e"/>
</svg>
"""

PRIVACY_MD = """\
---
title: Privacy
---

We keep your name and e-mail only to answer you. We never sell them.
"""

TEMPLATES_README = """\
Put a template here with the same name as one of the theme's to override it, e.g.
landing.html, page.html, base.html, 404.html, partials/footer.html. Copy the original from
the theme (sitekit/_themes/default/templates/ when installed, themes/default/templates/ in
a checkout) and edit it. Files in this folder win over the theme.
"""

FILES = {
    "sitekit.toml": SITEKIT_TOML,
    "content/index.md": INDEX_MD,
    "content/prices.md": PRICES_MD,
    "content/privacy.md": PRIVACY_MD,
    "static/images/hero.svg": HERO_SVG,
    "templates/README.txt": TEMPLATES_README,
    ".gitignore": (
        "_site/\n.sitekit-cache/\n._site.sitekit-shadow/\n._site.sitekit-lock*\n"
        "._site.sitekit-trash-*/\n"
    ),
}


def scaffold_site(directory: Path) -> list[Path]:
    """Write a new site into `directory` (new or empty); refuse to overwrite a site."""
    directory = Path(directory)
    if directory.exists() and not directory.is_dir():
        raise SitekitError(f"{directory} exists and is not a folder")
    clashes = [name for name in FILES if (directory / name).exists()]
    if clashes:
        raise SitekitError(
            f"{directory} already has {', '.join(clashes)}; refusing to "
            "overwrite (choose a new or empty folder)"
        )
    created = []
    for name, text in FILES.items():
        path = directory / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        created.append(path)
    return created
