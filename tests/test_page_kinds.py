"""The page kinds after first contact (customer story, welcome, referral): content model
errors located, the guard's warnings and their absence on good pages, a landing page quoting
a story, the stories index, the cache on a story change, JSON-LD, sitemap and noindex."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner

from sitekit.build.config import load_config
from sitekit.build.content import load_page
from sitekit.build.lint import lint_page, load_words
from sitekit.build.site import build_site
from sitekit.cli import main
from sitekit.errors import ContentError
from tests.test_build import make_site

WORDS = load_words()

STORY = """\
---
template: story
title: How the Bean Bar cut its call-outs in half
customer:
  name: Mia Chen
  role: Owner
  company: Bean Bar
  photo: /images/mia.svg
situation: The espresso machine's water line leaked every few weeks.
choice: They answered at 6 am and gave a fixed price on the phone.
outcome: The line was replaced in one morning; no leak since March.
results:
  - figure: 50%
    label: fewer call-outs
  - figure: $0
    label: spent on repeat visits
quote: We have not had a leak since, and the price was the one they quoted.
fit:
  good: Cafés and small kitchens.
  not_for: Restaurants that need a 24-hour on-site crew.
date: 2026-03-02
---

The longer story.
"""

WELCOME = """\
---
template: welcome
title: You're booked
steps:
  - when: Within 1 hour
    what: Your plumber calls you.
  - when: On the day
    what: We text you 30 minutes before.
contact:
  who: Sam
  how: +1 555 0100
  response_time: Within 15 minutes, 7 am to 7 pm
if_something_goes_wrong: Call Sam; we come back the same day at no charge.
guarantee: Fixed again for free if it comes back within 12 months.
refer:
  label: Give a friend $50 off
  url: /refer/
---
"""

REFERRAL = """\
---
template: referral
friend_gets: $50 off your first repair
you_get: $50 off your next repair for every friend who books.
steps:
  - Send your friend this page.
  - Your friend books a free estimate.
  - $50 comes off both bills after the repair.
cta:
  label: Book a free estimate with $50 off
  url: /estimate/
---
"""

LANDING = """\
---
benefit: Your leak fixed today
cta:
  label: Get a free estimate
  url: /estimate/
proof:
  - story: stories/bean-bar
---
"""


def load(text: str, rel_in_content: str = "stories/bean-bar.md"):  # type: ignore[no-untyped-def]
    return load_page(text, f"content/{rel_in_content}", rel_in_content)


def guard(text: str, rel_in_content: str = "stories/bean-bar.md") -> list[str]:
    page, problems = load(text, rel_in_content)
    assert page is not None, problems
    assert [d for d in problems if d.level == "error"] == []
    return [str(d) for d in lint_page(page, WORDS)]


def kinds_site(tmp_path: Path, **extra: str) -> Path:
    pages = {
        "index.md": LANDING,
        "stories/bean-bar.md": STORY,
        "welcome.md": WELCOME,
        "refer.md": REFERRAL,
        **extra,
    }
    site = make_site(tmp_path / "site", pages)
    (site / "static" / "images").mkdir(parents=True)
    (site / "static" / "images" / "mia.svg").write_text(
        '<svg xmlns="http://www.w3.org/2000/svg" width="8" height="8"/>'
    )
    return site


def soup(path: Path) -> BeautifulSoup:
    return BeautifulSoup(path.read_text(), "lxml")


def json_ld(html: BeautifulSoup) -> dict:  # type: ignore[type-arg]
    script = html.find("script", type="application/ld+json")
    assert script is not None
    return json.loads(script.string)


# --------------------------------------------------------------------------- content model


def test_every_field_of_each_kind_is_read() -> None:
    story, problems = load(STORY)
    assert problems == [] and story is not None
    assert story.customer is not None and story.customer.company == "Bean Bar"
    assert (story.results[0].figure, story.results[0].label) == ("50%", "fewer call-outs")
    assert story.fit is not None and story.fit.not_for.startswith("Restaurants")
    assert story.role == "story" and story.situation and story.choice and story.outcome
    welcome, problems = load(WELCOME, "welcome.md")
    assert problems == [] and welcome is not None
    assert welcome.noindex and welcome.role == "welcome"
    assert welcome.steps[0].when == "Within 1 hour" and welcome.contact is not None
    assert welcome.refer is not None and welcome.refer.url == "/refer/"
    referral, problems = load(REFERRAL, "refer.md")
    assert problems == [] and referral is not None
    assert referral.title == "$50 off your first repair"  # friend_gets is the h1 and title
    assert [s.when for s in referral.steps] == ["", "", ""]
    assert referral.steps[2].what == "$50 comes off both bills after the repair."


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            STORY.replace("  - figure: 50%\n", "  - figur: 50%\n"),
            "content/stories/bean-bar.md:13: unknown field 'figur' in 'results.0' "
            "(did you mean 'figure'?)",
        ),
        (
            STORY.replace("customer:\n  name: Mia Chen", "customer: Mia Chen\n  name: x"),
            "content/stories/bean-bar.md:",
        ),
        (
            STORY.replace("fit:\n", "fit: nope\nx:\n"),
            "content/stories/bean-bar.md:18: field 'fit' must be a mapping {good, not_for}, "
            "got a string",
        ),
        (
            WELCOME.replace("  response_time:", "  respons_time:"),
            "content/welcome.md:12: unknown field 'respons_time' in 'contact' "
            "(did you mean 'response_time'?)",
        ),
        (
            WELCOME.replace("refer:\n  label: Give a friend $50 off\n", "refer:\n"),
            "content/welcome.md:15: field 'refer' needs 'label' (a mapping {label, url})",
        ),
        (
            REFERRAL.replace(
                "cta:\n  label: Book a free estimate with $50 off\n  url: /estimate/\n", ""
            ),
            "content/refer.md:2: a referral page needs 'cta' ({label, url}) or 'signup'",
        ),
        (
            REFERRAL.replace("steps:\n", "steps:\n  - One more.\n"),
            "content/refer.md:5: a referral page has 4 steps; keep it to 3 or fewer",
        ),
        (
            WELCOME.replace("noindex", "x").replace(
                "---\ntemplate", "---\nnoindex: maybe\ntemplate"
            ),
            "content/welcome.md:2: field 'noindex' must be true or false",
        ),
        (
            STORY.replace("template: story\n", "template: story\nfriend_get: x\n"),
            "content/stories/bean-bar.md:3: unknown field 'friend_get' (did you mean "
            "'friend_gets'?)",
        ),
        (
            STORY.replace("template: story\n", "template: story\nsteps: [a]\n"),
            "content/stories/bean-bar.md:3: field 'steps' belongs to a welcome or referral "
            "page (template: welcome); this page's template is 'story', so it does not show",
        ),
    ],
)
def test_content_model_problems_are_located(text: str, expected: str) -> None:
    rel = expected.split(":")[0].removeprefix("content/")
    _page, problems = load(text, rel)
    said = [str(d) for d in problems]
    assert any(m.startswith(expected) for m in said), said


def test_a_bad_field_fails_the_build_with_its_location(tmp_path: Path) -> None:
    site = kinds_site(
        tmp_path,
        **{
            "welcome.md": WELCOME.replace(
                "  - when: On the day\n    what: We text you 30 minutes before.\n", "  - 3\n"
            )
        },
    )
    with pytest.raises(ContentError) as caught:
        build_site(load_config(site))
    said = [str(d) for d in caught.value.diagnostics]
    assert any(m.startswith("content/welcome.md:7: field 'steps.1' must be") for m in said), said


# --------------------------------------------------------------------------- the guard


def test_good_pages_of_each_kind_have_no_warnings() -> None:
    assert guard(STORY) == []
    assert guard(WELCOME, "welcome.md") == []
    assert guard(REFERRAL, "refer.md") == []


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("  name: Mia Chen\n", ""), "content/stories/bean-bar.md:4: story has no named customer"),
        (("  name: Mia Chen\n", "  name: Happy Customer\n"), "story has no named customer"),
        (
            ("  - figure: 50%\n    label: fewer call-outs\n  - figure: $0\n", "  - figure: many\n"),
            "content/stories/bean-bar.md:12: story has no specific result",
        ),
        (
            ("  not_for: Restaurants that need a 24-hour on-site crew.\n", ""),
            "content/stories/bean-bar.md:18: story does not say where the offer would not be",
        ),
        (
            (
                "quote: We have not had a leak since, and the price was the one they quoted.",
                "quote: The best plumbers, simply world-class!",
            ),
            "content/stories/bean-bar.md:17: the story's quote is only superlatives ('the best')",
        ),
    ],
)
def test_story_guard(change: tuple[str, str], expected: str) -> None:
    found = guard(STORY.replace(*change))
    assert any(m.startswith(expected) or expected in m for m in found), found


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("  - when: On the day\n    what:", "  - what:"), "content/welcome.md:7: step 'We text"),
        (
            ("  response_time: Within 15 minutes, 7 am to 7 pm\n", ""),
            "content/welcome.md:9: welcome page does not say how fast you answer",
        ),
        (
            (
                "contact:\n  who: Sam\n  how: +1 555 0100\n"
                "  response_time: Within 15 minutes, 7 am to 7 pm\n",
                "",
            ),
            "welcome page has no contact",
        ),
        (
            ("if_something_goes_wrong: Call Sam; we come back the same day at no charge.\n", ""),
            "welcome page does not say what to do if something goes wrong",
        ),
    ],
)
def test_welcome_guard(change: tuple[str, str], expected: str) -> None:
    found = guard(WELCOME.replace(*change), "welcome.md")
    assert any(m.startswith(expected) or expected in m for m in found), found


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (("friend_gets: $50 off your first repair\n", ""), "referral page has no friend_gets"),
        (
            ("friend_gets: $50 off your first repair", "friend_gets: We are a leading plumber"),
            "content/refer.md:3: friend_gets talks about the seller",
        ),
        (  # one step with a `when` badge and two without read as inconsistent
            (
                "  - $50 comes off both bills after the repair.",
                "  - when: After the repair\n    what: $50 comes off both bills.",
            ),
            "content/refer.md:6: step 'Send your friend this page.' has no when while another "
            "step has one",
        ),
    ],
)
def test_referral_guard(change: tuple[str, str], expected: str) -> None:
    found = guard(REFERRAL.replace(*change), "refer.md")
    assert any(m.startswith(expected) or expected in m for m in found), found


def test_guard_warnings_show_in_build_and_fail_check(tmp_path: Path) -> None:
    site = kinds_site(
        tmp_path, **{"refer.md": REFERRAL.replace("$50 off your first", "We are a leading")}
    )
    result = CliRunner().invoke(main, ["build", str(site)])
    assert result.exit_code == 0 and "friend_gets talks about the seller" in result.output
    result = CliRunner().invoke(main, ["check", str(site)])
    assert result.exit_code == 1, result.output
    assert "content/refer.md:3: friend_gets talks about the seller" in result.output
    assert "the gate refuses it" in result.output


# --------------------------------------------------------------------------- built pages


def test_a_landing_page_quotes_its_story_and_links_to_it(tmp_path: Path) -> None:
    site = kinds_site(tmp_path)
    build_site(load_config(site))
    home = soup(site / "_site" / "index.html")
    figure = home.select_one(".proof-list figure")
    assert figure is not None
    text = figure.get_text(" ", strip=True)
    assert "We have not had a leak since" in text and "Mia Chen" in text and "Bean Bar" in text
    assert "50% fewer call-outs" in text  # the story's first result
    assert figure.select_one("a.story-link")["href"] == "/stories/bean-bar/"
    reviews = json_ld(home)["@graph"][0]["review"]
    assert reviews[0]["author"]["name"] == "Mia Chen"


def test_an_unknown_story_reference_is_located_with_did_you_mean(tmp_path: Path) -> None:
    site = kinds_site(tmp_path, **{"index.md": LANDING.replace("bean-bar", "bean-bra")})
    with pytest.raises(ContentError) as caught:
        build_site(load_config(site))
    said = [str(d) for d in caught.value.diagnostics]
    assert (
        "content/index.md:7: proof quotes story 'stories/bean-bra', which no content file is "
        "(did you mean 'stories/bean-bar'?); write it as the story's path under content/ "
        "without .md"
    ) in said


def test_story_page_template_and_json_ld(tmp_path: Path) -> None:
    site = kinds_site(tmp_path)
    build_site(load_config(site))
    page = soup(site / "_site" / "stories" / "bean-bar" / "index.html")
    assert [h.get_text() for h in page.find_all("h1")] == [
        "How the Bean Bar cut its call-outs in half"
    ]
    assert page.find("meta", attrs={"name": "sitekit:role"})["content"] == "story"
    text = page.get_text(" ", strip=True)
    for said in ("Mia Chen", "The espresso machine", "fixed price on the phone", "no leak since"):
        assert said in text
    assert "Restaurants that need a 24-hour on-site crew." in page.select_one(".fit").get_text()
    img = page.select_one(".customer img")
    assert img["alt"] == "Mia Chen" and img["width"] and img["height"]
    article = json_ld(page)["@graph"][1]
    assert article["@type"] == "Article" and article["about"]["name"] == "Mia Chen"
    assert article["about"]["worksFor"]["name"] == "Bean Bar"
    assert article["author"]["@type"] == "Organization"  # the business wrote it: no Review


def test_welcome_page_is_noindex_and_left_out_of_the_sitemap(tmp_path: Path) -> None:
    site = kinds_site(tmp_path)
    build_site(load_config(site))
    page = soup(site / "_site" / "welcome" / "index.html")
    assert page.find("meta", attrs={"name": "robots"})["content"] == "noindex"
    assert page.find("meta", attrs={"name": "sitekit:role"})["content"] == "welcome"
    assert [li.get_text(" ", strip=True)[:13] for li in page.select(".timeline li")] == [
        "Within 1 hour",
        "On the day We",
    ]
    sitemap = (site / "_site" / "sitemap.xml").read_text()
    assert "/welcome/" not in sitemap and "/refer/" in sitemap and "/stories/bean-bar/" in sitemap
    home = soup(site / "_site" / "index.html")
    assert home.find("meta", attrs={"name": "robots"}) is None
    # noindex: false lists it
    (site / "content" / "welcome.md").write_text(
        WELCOME.replace("---\ntemplate", "---\nnoindex: false\ntemplate")
    )
    build_site(load_config(site))
    assert "/welcome/" in (site / "_site" / "sitemap.xml").read_text()
    page = soup(site / "_site" / "welcome" / "index.html")
    assert page.find("meta", attrs={"name": "robots"}) is None


def test_referral_page_leads_with_the_friends_benefit(tmp_path: Path) -> None:
    site = kinds_site(tmp_path)
    build_site(load_config(site))
    page = soup(site / "_site" / "refer" / "index.html")
    assert page.find("h1").get_text() == "$50 off your first repair"
    assert page.select_one('[data-sitekit-cta="primary"]')["href"] == "/estimate/"
    assert len(page.select(".timeline li")) == 3
    web = json_ld(page)["@graph"][1]
    assert web == {
        "@type": "WebPage",
        "name": "$50 off your first repair",
        "description": "$50 off your next repair for every friend who books.",
        "url": "https://acme.example/refer/",
    }


def test_stories_index_lists_each_story(tmp_path: Path) -> None:
    second = STORY.replace("Mia Chen", "Raj Patel").replace("Bean Bar", "Kenton Deli")
    second = second.replace("50%", "3 hours").replace("2026-03-02", "2026-04-01")
    second = second.replace("How the Bean Bar cut", "How Kenton Deli cut")
    site = kinds_site(tmp_path, **{"stories/kenton-deli.md": second})
    build_site(load_config(site))
    index = soup(site / "_site" / "stories" / "index.html")
    assert index.find("h1").get_text() == "Customer stories"
    items = index.select(".story-list li")
    assert [i.find("a")["href"] for i in items] == ["/stories/kenton-deli/", "/stories/bean-bar/"]
    assert "3 hours fewer call-outs" in items[0].get_text() and "Raj Patel" in items[0].get_text()
    assert "https://acme.example/stories/</loc>" in (site / "_site" / "sitemap.xml").read_text()
    assert json_ld(index)["@type"] == "CollectionPage"


def test_no_stories_index_without_stories_or_over_the_sites_own(tmp_path: Path) -> None:
    site = make_site(tmp_path / "plain")
    build_site(load_config(site))
    assert not (site / "_site" / "stories").exists()
    own = "---\ntitle: Our customers\n---\n\nTheir words.\n"
    site = kinds_site(tmp_path, **{"stories/index.md": own})
    build_site(load_config(site))
    index = soup(site / "_site" / "stories" / "index.html")
    assert index.find("h1").get_text() == "Our customers"


def test_a_landing_page_is_rebuilt_when_the_story_it_quotes_changes(tmp_path: Path) -> None:
    site = kinds_site(tmp_path, **{"p.md": "# Plain\n"})
    first = build_site(load_config(site))
    assert first.reused == 0 and first.pages == 6  # 5 content files and the stories index
    content = 5  # pages the cache can hold (the index is generated on every build)
    assert build_site(load_config(site)).reused == content
    story = site / "content" / "stories" / "bean-bar.md"
    story.write_text(STORY.replace("We have not had a leak since", "Dry floors since March"))
    third = build_site(load_config(site))
    assert third.reused == content - 2  # the story and the landing page that quotes it
    home = (site / "_site" / "index.html").read_text()
    assert "Dry floors since March" in home and "We have not had a leak since" not in home
    assert "Dry floors since March" in (site / "_site" / "stories" / "index.html").read_text()
    # and once more without a change: everything comes from the cache, still up to date
    fourth = build_site(load_config(site))
    assert fourth.reused == content
    assert "Dry floors since March" in (site / "_site" / "index.html").read_text()
    # a story's body is not quoted: editing it leaves the quoting page cached
    story.write_text(story.read_text() + "\nMore.\n")
    assert build_site(load_config(site)).reused == content - 1


def test_the_example_site_has_each_kind_using_every_field() -> None:
    from sitekit.build.kinds import OWN_FIELDS

    repo = Path(__file__).resolve().parent.parent
    found = {}
    quoting = []
    for path in sorted((repo / "content").rglob("*.md")):
        rel = path.relative_to(repo / "content").as_posix()
        page, problems = load_page(path.read_text(), f"content/{rel}", rel)
        assert page is not None and not problems, problems
        found[page.template] = page
        quoting += [item.story for item in page.proof if item.story]
    for kind, fields in OWN_FIELDS.items():
        page = found[kind]
        for name in fields:
            assert getattr(page, name), f"the example's {kind} page leaves '{name}' empty"
    assert found["story"].customer and all(vars(found["story"].customer).values())
    assert found["welcome"].guarantee and found["referral"].cta and found["referral"].signup
    assert quoting == ["stories/alberta-street-cafe"]


# --------------------------------------------------------------------------- the auditor


def _audit(folder: Path):  # type: ignore[no-untyped-def]
    from sitekit.audit.pipeline import run_audit
    from sitekit.audit.profile import load_profile
    from sitekit.crawl.settings import CrawlSettings

    return run_audit(str(folder), profile=load_profile(), settings=CrawlSettings())


def _check(report, url_end: str, check_id: str):  # type: ignore[no-untyped-def]
    page = next(p for p in report.pages if p.url.endswith(url_end))
    return next(c for crit in page.criteria.values() for c in crit.checks if c.id == check_id)


def test_built_kinds_get_their_roles_and_what_they_are_judged_on(tmp_path: Path) -> None:
    site = kinds_site(tmp_path)
    build_site(load_config(site))
    report = _audit(site / "_site")
    roles = {p.url.split("/_site", 1)[-1] or p.url: p.role for p in report.pages}
    by_end = {u.rstrip("/").rsplit("/", 1)[-1]: r for u, r in roles.items()}
    assert by_end["bean-bar"] == "story" and by_end["stories"] == "story"
    assert by_end["welcome"] == "welcome" and by_end["refer"] == "referral"
    welcome = next(p for p in report.pages if p.url.rstrip("/").endswith("welcome"))
    assert welcome.criteria["benefit"].score is None  # not applicable to a welcome page
    assert welcome.criteria["proof"].score is not None  # after-sale detail is its proof
    referral = next(p for p in report.pages if p.url.rstrip("/").endswith("refer"))
    assert referral.criteria["benefit"].score is not None
    assert referral.criteria["proof"].score is None


@pytest.mark.parametrize(
    ("html", "role"),
    [
        ("<title>Customer stories | Acme</title><h1>How Dana got her Saturdays back</h1>", "story"),
        ("<title>Welcome aboard | Acme</title><h1>What happens next</h1>", "welcome"),
        ("<title>Refer a friend | Acme</title><h1>Give a friend $50 off</h1>", "referral"),
    ],
)
def test_kinds_are_recognised_on_any_site_from_their_words(html: str, role: str) -> None:
    from sitekit.audit.profile import load_profile
    from sitekit.audit.roles import detect_role
    from sitekit.audit.snapshot import make_snapshot
    from sitekit.models import FetchedPage

    doc = f"<!doctype html><html lang='en'><head>{html.split('<h1>')[0]}</head><body><main>"
    doc += "<h1>" + html.split("<h1>")[1] + "<p>Text.</p></main></body></html>"
    url = "https://acme.example/page-7/"
    snapshot = make_snapshot(FetchedPage(url, url, 200, "text/html", doc.encode(), "utf-8"))
    assert detect_role(snapshot, False, load_profile().roles)[0] == role


def test_a_story_one_click_from_the_entry_page_is_reachable_proof(tmp_path: Path) -> None:
    site = kinds_site(tmp_path)
    build_site(load_config(site))
    report = _audit(site / "_site")
    linked = _check(report, "/", "proof-stories-linked")
    assert linked.score == 1.0
    assert any("bean-bar" in ev.text for ev in linked.evidence)
    places = report.proof_places
    assert any(u.endswith("/stories/bean-bar/") for u in places["one_click"])
    assert any(u.endswith("/stories/") for u in places["deeper"])  # nothing links the index
    story = next(p for p in report.pages if p.url.endswith("/stories/bean-bar/"))
    ids = [c.id for crit in story.criteria.values() for c in crit.checks]
    assert "proof-stories-linked" in ids
    assert _check(report, "/stories/bean-bar/", "proof-stories-linked").score is None


def test_a_story_nobody_reaches_from_the_entry_page_counts_for_little(tmp_path: Path) -> None:
    landing = LANDING.replace(
        "  - story: stories/bean-bar\n", "  - name: Ann Lee\n    result: Fixed in 1 hour\n"
    )
    site = kinds_site(tmp_path, **{"index.md": landing})
    build_site(load_config(site))
    report = _audit(site / "_site")  # the folder audit still finds the story (sitemap)
    unlinked = _check(report, "/", "proof-stories-linked")
    assert unlinked.score is not None and unlinked.score < 50
    assert any("bean-bar" in ev.text for ev in unlinked.evidence)
    assert not report.proof_places["one_click"]
    assert any(u.endswith("/stories/bean-bar/") for u in report.proof_places["deeper"])


def test_every_format_says_where_the_proof_lives(tmp_path: Path) -> None:
    from sitekit.audit.report_data import from_dict, to_dict
    from sitekit.report import FORMATS, format_report

    site = kinds_site(tmp_path)
    build_site(load_config(site))
    data = to_dict(_audit(site / "_site"))
    assert from_dict(data).proof_places == data["proof_places"]
    for fmt in FORMATS:
        text = format_report(data, fmt)
        if fmt == "json":  # the canonical data itself
            assert '"one_click": ["/stories/bean-bar/"]' in text
            continue
        assert "one click from it: /stories/bean-bar/" in text, fmt


def test_a_one_page_audit_has_no_stories_check_score(tmp_path: Path) -> None:
    site = kinds_site(tmp_path)
    build_site(load_config(site))
    from sitekit.audit.pipeline import run_audit
    from sitekit.audit.profile import load_profile
    from sitekit.crawl.settings import CrawlSettings

    one = run_audit(
        str(site / "_site" / "index.html"), profile=load_profile(), settings=CrawlSettings()
    )
    assert len(one.pages) == 1 and one.proof_places["one_click"] == []
    assert _check(one, "", "proof-stories-linked").score is None
