"""Proof a visitor can reach: the site's customer stories, linked from the entry page.

Proof only on a page nobody will find counts for little (criteria.md); a story one click
from the entry page is proof the visitor of the entry page can reach.
"""

from __future__ import annotations

from sitekit.audit.checks import Options, Outcome, check
from sitekit.audit.checks.text import quote
from sitekit.models import Evidence, PageSnapshot


@check(
    id="proof-stories-linked",
    criterion="proof",
    title="Customer stories are one click from the entry page",
    failure_title="Customer stories nobody reaches from the entry page",
    fix="Link your customer stories from the entry page (a quote that links to its story, "
    "or a 'Customer stories' link in the menu): proof a visitor cannot find persuades nobody.",
    description="Scored after the crawl, on the entry page of a site that has story pages.",
    params={"unlinked_score": 0.25},
    needs_crawl=True,
)
def stories_linked(page: PageSnapshot, opts: Options) -> Outcome:
    crawl = page.context  # set by scoring.score_page once the crawl is done
    if crawl is None or not crawl.stories:
        return Outcome(None)  # not the entry page, or a site without story pages
    if crawl.linked_stories:
        return Outcome(
            1.0,
            tuple(
                Evidence(element="<a>", text=quote(url), note="a customer story one click away")
                for url in crawl.linked_stories[:3]
            ),
        )
    return Outcome(
        float(opts.params["unlinked_score"]),
        tuple(
            Evidence(element="page", text=quote(url), note="a story the entry page does not link")
            for url in crawl.stories[:3]
        ),
    )
