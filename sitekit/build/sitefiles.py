"""Generated site files: sitemap.xml, robots.txt, and each page's JSON-LD structured data."""

from __future__ import annotations

import operator
import re
from typing import Any

from sitekit.build.cache import Entry
from sitekit.build.context import SiteContext
from sitekit.models import Page


def structured_data(page: Page, ctx: SiteContext) -> dict[str, Any]:
    """JSON-LD: Organization; FAQPage when faq; reviews and rating only from real proof."""
    cfg = ctx.config
    org: dict[str, Any] = {"@type": "Organization", "name": cfg.name}
    if cfg.base_url:
        org["url"] = ctx.absolute("/")
    for key, value in (
        ("email", cfg.contact.email),
        ("telephone", cfg.contact.phone),
        ("address", cfg.contact.address),
    ):
        if value:
            org[key] = value
    reviews = []
    for item in page.proof:
        if not (item.name and item.quote):
            continue
        review: dict[str, Any] = {
            "@type": "Review",
            "author": {"@type": "Person", "name": item.name},
            "reviewBody": item.quote,
        }
        if item.rating is not None:
            review["reviewRating"] = {
                "@type": "Rating",
                "ratingValue": item.rating,
                "bestRating": 5,
                "worstRating": 1,
            }
        reviews.append(review)
    if reviews:
        org["review"] = reviews
    ratings = [p.rating for p in page.proof if p.rating is not None and p.name]
    if ratings:
        org["aggregateRating"] = {
            "@type": "AggregateRating",
            "ratingValue": round(sum(ratings) / len(ratings), 2),
            "reviewCount": len(ratings),
            "bestRating": 5,
            "worstRating": 1,
        }
    graph: list[dict[str, Any]] = [org]
    graph += _kind_data(page, ctx, org)
    if page.faq:
        graph.append(
            {
                "@type": "FAQPage",
                "mainEntity": [
                    {
                        "@type": "Question",
                        "name": f.q,
                        "acceptedAnswer": {"@type": "Answer", "text": f.a},
                    }
                    for f in page.faq
                ],
            }
        )
    return {"@context": "https://schema.org", "@graph": graph}


def _kind_data(page: Page, ctx: SiteContext, org: dict[str, Any]) -> list[dict[str, Any]]:
    """A customer story is an Article about the customer, by the business: the business
    writes it, so it is no Review (a Review's author is the reviewer, and reviews a business
    publishes of itself are self-serving); the customer's words stay in the page. A
    referral page is a WebPage whose subject is the friend's offer."""
    if page.template == "story":
        article: dict[str, Any] = {
            "@type": "Article",
            "headline": page.title,
            "author": {"@type": "Organization", "name": org["name"]},
            "publisher": {"@type": "Organization", "name": org["name"]},
        }
        if ctx.config.base_url:
            article["url"] = ctx.absolute(page.url)
        if page.date:
            article["datePublished"] = page.date
        customer = page.customer
        if customer and customer.name:
            person: dict[str, Any] = {"@type": "Person", "name": customer.name}
            if customer.role:
                person["jobTitle"] = customer.role
            if customer.company:
                person["worksFor"] = {"@type": "Organization", "name": customer.company}
            if customer.photo:
                person["image"] = ctx.absolute(customer.photo)
            article["about"] = person
        return [article]
    if page.template == "referral":
        web: dict[str, Any] = {"@type": "WebPage", "name": page.friend_gets or page.title}
        if page.you_get:
            web["description"] = page.you_get
        if ctx.config.base_url:
            web["url"] = ctx.absolute(page.url)
        return [web]
    return []


def stories_data(stories: list[dict[str, str]], ctx: SiteContext) -> dict[str, Any]:
    """The stories index: a CollectionPage of the stories' Articles."""
    return {
        "@context": "https://schema.org",
        "@type": "CollectionPage",
        "name": ctx.config.extra.get("labels", {}).get("stories", "Customer stories"),
        "hasPart": [
            {"@type": "Article", "headline": s["title"], "url": ctx.absolute(s["url"])}
            for s in stories
        ],
    }


def xml_escape(text: str) -> str:
    """Escape &, < and > for XML text."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


_ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def sitemap(entries: list[Entry], ctx: SiteContext) -> str:
    rows = []
    origin = ctx.origin
    prefix = origin + ctx.base_path  # ctx.absolute() of a site path, once for all rows
    lastmods: dict[str, str] = {}  # date -> its <lastmod> element (dates repeat across pages)
    for entry in sorted(entries, key=operator.attrgetter("url")):
        url = entry.url
        loc = (prefix if url[:1] == "/" and url[:2] != "//" else origin) + url
        if "&" in loc or "<" in loc or ">" in loc:
            loc = xml_escape(loc)
        date = entry.date
        lastmod = lastmods.get(date)
        if lastmod is None:
            lastmod = lastmods[date] = (
                f"<lastmod>{xml_escape(date[:10])}</lastmod>" if _ISO_DATE.match(date) else ""
            )
        rows.append(f"<url><loc>{loc}</loc>{lastmod}</url>")
    return (
        '<?xml version="1.0" encoding="UTF-8"?>\n'
        '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
        + "\n".join(rows)
        + "\n</urlset>\n"
    )


def robots(ctx: SiteContext) -> str:
    text = "User-agent: *\nAllow: /\n"
    if ctx.config.base_url:
        text += f"Sitemap: {ctx.absolute('/sitemap.xml')}\n"
    return text
