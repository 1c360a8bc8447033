"""run_audit end to end: real files in tmp_path and real HTTP on 127.0.0.1."""

from __future__ import annotations

import difflib
import json
from pathlib import Path

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from sitekit.audit import pipeline
from sitekit.audit import pool as pool_module
from sitekit.audit.context import ignore_matches
from sitekit.audit.pipeline import run_audit
from sitekit.audit.profile import load_profile
from sitekit.audit.redact import redact, secrets_of
from sitekit.audit.report_data import to_dict
from sitekit.crawl.settings import CrawlSettings
from sitekit.errors import NothingAuditedError, TargetError
from sitekit.models import CheckIgnore
from sitekit.report.json_report import dumps

GOOD = """<!doctype html><html lang="en"><head><title>{title}</title>
<meta name="description" content="Get your leak fixed today at a fixed price."></head><body>
<header><nav><a href="/">Home</a> <a href="/pricing/">Pricing</a> <a href="/estimate/">Free
estimate</a> <a href="/contact/">Contact</a></nav></header>
<main><h1>{h1}</h1><p>You get a licensed plumber at your door today, at a price agreed first.</p>
<a class="button" href="/estimate/">Get a free estimate</a>
<h2>What customers say</h2><blockquote>"Fixed in four hours for the quoted $340." —
Dana Whitfield, homeowner</blockquote><p>12-month guarantee: if it leaks again we fix it free.</p>
{extra}<p>Call <a href="tel:+15035550142">+1 503 555 0142</a> or
<a href="mailto:help@example.com">help@example.com</a>.</p>
<a href="/estimate/">Get a free estimate</a></main></body></html>"""

BAD = """<!doctype html><html lang="en"><head><title>Welcome</title></head><body>
<h1>Welcome to Acme Global Solutions</h1><p>We are a leading provider of world-class
solutions. Founded in 1985, our mission is excellence.</p>{extra}</body></html>"""


def write_site(root: Path, pages: int = 3, broken: bool = True) -> Path:
    """A small site: home, pricing, estimate, a bad /about/ page, a broken link on the home."""
    extra = '<p><a href="/gone/">Our old offers</a></p>' if broken else ""
    root.mkdir(parents=True, exist_ok=True)
    (root / "index.html").write_text(
        GOOD.format(title="Leaks fixed today", h1="Your leak fixed today", extra=extra), "utf-8"
    )
    for name in ("pricing", "estimate", "contact")[: max(0, pages - 1)]:
        (root / name).mkdir(exist_ok=True)
        (root / name / "index.html").write_text(
            GOOD.format(title=name, h1=f"See {name} for your repair", extra=""), "utf-8"
        )
    (root / "about").mkdir(exist_ok=True)
    (root / "about" / "index.html").write_text(BAD.format(extra=""), "utf-8")
    return root


def many_pages(root: Path, count: int) -> Path:
    root.mkdir(parents=True, exist_ok=True)
    links = "".join(f'<a href="/p{n}/">Offer {n}</a> ' for n in range(count))
    (root / "index.html").write_text(
        GOOD.format(title="Home", h1="Your leak fixed today", extra=f"<p>{links}</p>"), "utf-8"
    )
    for n in range(count):
        (root / f"p{n}").mkdir()
        page = GOOD if n % 3 else BAD
        (root / f"p{n}" / "index.html").write_text(
            page.format(title=f"Offer {n}", h1=f"Get offer {n} for your home", extra=""), "utf-8"
        )
    return root


@pytest.fixture(scope="module")
def profile():
    return load_profile()


def test_folder_audit_scores_every_page_entry_first(tmp_path, profile):
    site = write_site(tmp_path / "site")
    report = run_audit(str(site), profile=profile, settings=CrawlSettings())
    urls = [p.url for p in report.pages]
    assert urls[0] == "/" and report.pages[0].is_entry
    assert urls[1:] == sorted(urls[1:])
    assert set(urls) == {"/", "/about/", "/estimate/", "/pricing/"}
    assert set(report.criteria) == {"benefit", "findability", "next_step", "proof"}
    assert report.score is not None and 0 <= report.score <= 100
    about = next(p for p in report.pages if p.url == "/about/")
    home = report.pages[0]
    assert about.score < home.score  # seller-talk page scores lower than the benefit page
    assert about.source_path and about.source_path.endswith("about/index.html")


def test_broken_internal_links_fail_the_links_check(tmp_path, profile):
    site = write_site(tmp_path / "site", broken=True)
    report = run_audit(str(site), profile=profile, settings=CrawlSettings())
    home_checks = {c.id: c for crit in report.pages[0].criteria.values() for c in crit.checks}
    links = home_checks["links-work"]
    assert links.score is not None and links.score < 1.0
    assert links.title == "Broken internal links"
    broken = {ev.text for ev in links.evidence}
    assert any("/gone/" in text for text in broken)
    assert any("/contact/" in text for text in broken)  # the nav links to a missing page
    assert not any("/pricing/" in text for text in broken)


def test_http_audit_with_groups_and_decisions(tmp_path, serve, profile):
    base = serve(write_site(tmp_path / "site"))
    report = run_audit(base, profile=profile, settings=CrawlSettings(max_pages=10))
    data = to_dict(report)
    assert data["pages"][0]["url"] == base
    assert {d["reason"].split(":")[0] for d in data["crawl"]} >= {"audited"}
    assert [e["url"] for e in data["errors"]] == [base + "contact/", base + "gone/"]  # 404s
    assert data["errors"][0]["status"] == 404
    groups = {g["check"]: g for g in data["groups"]}
    assert groups and all(g["pages"] <= g["of"] for g in groups.values())


def test_two_runs_give_byte_identical_json(tmp_path, serve, profile):
    base = serve(write_site(tmp_path / "site"))
    first = dumps(to_dict(run_audit(base, profile=profile, settings=CrawlSettings())))
    second = dumps(to_dict(run_audit(base, profile=profile, settings=CrawlSettings())))
    assert first == second


def test_process_pool_gives_the_same_results_as_in_process(tmp_path, profile, monkeypatch):
    site = many_pages(tmp_path / "site", 40)
    settings = CrawlSettings(max_pages=100)
    pooled = run_audit(str(site), profile=profile, settings=settings)
    assert len(pooled.pages) == 41
    monkeypatch.setattr(pool_module, "IN_PROCESS_PAGES", 10_000)
    in_process = run_audit(str(site), profile=profile, settings=settings)
    a, b = dumps(to_dict(pooled)).splitlines(), dumps(to_dict(in_process)).splitlines()
    assert a == b, "\n".join(list(difflib.unified_diff(a, b, lineterm="", n=2))[:40])
    # the pooled audit kept its pages packed against its first pages' dictionary, smaller
    assert pooled.pages.zdict and not in_process.pages.zdict
    assert sum(map(len, pooled.pages._blobs)) * 2 < sum(map(len, in_process.pages._blobs))


def test_pages_scored_while_checking_give_the_reports_of_pages_scored_after_the_crawl(
    tmp_path, serve, profile, monkeypatch
):
    """Over HTTP the pool scores each page it checks on the context most pages get; a page
    the crawl finds otherwise (broken links, links nobody checked) is scored again after the
    crawl. The report is the one scoring after the crawl only (no pool) gives, ignores too."""
    site = many_pages(tmp_path / "site", 40)
    for name in ("pricing", "estimate", "contact"):  # the menu's pages: no page links to a 404
        (site / name).mkdir()
        (site / name / "index.html").write_text(GOOD.format(title=name, h1=name, extra=""))
    for n in (5, 17):
        (site / f"p{n}" / "index.html").write_text(
            GOOD.format(title=f"Offer {n}", h1="Our offer", extra='<a href="/gone/">Old</a>')
        )
    (site / "p30" / "index.html").write_text(BAD.format(extra=""))  # no links at all
    base = serve(site)
    ignores = (
        CheckIgnore("/p1*", "benefit-headline", "by hand"),
        CheckIgnore("/p2*", "*", "legal copy"),
        CheckIgnore("/p5/", "links-work", "known"),
    )
    settings = CrawlSettings(max_pages=100)
    common: list[bool] = []
    real = pool_module.is_common
    monkeypatch.setattr(pool_module, "is_common", lambda ctx: common.append(real(ctx)) or real(ctx))
    pooled = run_audit(base, profile=profile, settings=settings, ignores=ignores)
    assert len(pooled.pages) == 44 and sum(common) > 10
    # every page scored while checked (as when the crawl has not yet found a link broken)
    monkeypatch.setattr(pipeline, "likely_common", lambda *args: True)
    common.clear()
    guessed = run_audit(base, profile=profile, settings=settings, ignores=ignores)
    assert sum(common) > 10 and common.count(False) >= 3  # p5, p17 and p30 scored again
    monkeypatch.setattr(pool_module, "IN_PROCESS_PAGES", 10_000)
    in_process = run_audit(base, profile=profile, settings=settings, ignores=ignores)
    for report in (pooled, guessed):
        a, b = dumps(to_dict(report)).splitlines(), dumps(to_dict(in_process)).splitlines()
        assert a == b, "\n".join(list(difflib.unified_diff(a, b, lineterm="", n=2))[:40])


def test_the_main_process_lets_go_of_checking_once_the_pool_checks(tmp_path, profile, monkeypatch):
    """The first pages are checked in the main process, the rest in the pool: when the pool
    starts, the main process gives back what checking left (once, and only then)."""
    calls = []
    real = pool_module.release_checking_memory
    monkeypatch.setattr(pool_module, "release_checking_memory", lambda: calls.append(real()))
    site = many_pages(tmp_path / "site", 20)
    settings = CrawlSettings(max_pages=100)
    assert len(run_audit(str(site), profile=profile, settings=settings).pages) == 21
    assert len(calls) == 1
    monkeypatch.setattr(pool_module, "IN_PROCESS_PAGES", 10_000)  # never a pool: kept
    run_audit(str(site), profile=profile, settings=settings)
    assert len(calls) == 1


def test_forgetting_the_texts_empties_every_memo_and_changes_no_result(tmp_path, profile):
    from sitekit import figures, phrases, text
    from sitekit.audit.checks import text as check_text
    from sitekit.audit.page import check_fetched
    from sitekit.models import FetchedPage

    html = GOOD.format(title="Home", h1="Your leak fixed today", extra="<p>Over 500 homes.</p>")
    page = FetchedPage("http://x/", "http://x/", 200, "text/html", html.encode())
    first = check_fetched(page, profile, True)
    memos = {
        "norm": lambda: text.norm.cache_info().currsize,
        "word_len": lambda: text.word_len.cache_info().currsize,
        "words": lambda: len(phrases._WORDS_SEEN),
        "finders": lambda: phrases._phrase_finder.cache_info().currsize,
        "figures": lambda: len(figures._CLAIMS_SEEN),
        "home links": lambda: check_text._is_home_href.cache_info().currsize,
    }
    assert all(size() for size in memos.values()), {k: v() for k, v in memos.items()}
    pool_module.release_checking_memory()  # forget_texts, a collection, malloc_trim (glibc)
    assert {k: v() for k, v in memos.items()} == dict.fromkeys(memos, 0)
    assert check_fetched(page, profile, True) == first


def test_pages_packed_against_a_dictionary_read_back_the_same(tmp_path, profile):
    """A site's pages compressed against its first pages' results (zlib's preset dictionary)
    read back equal; a page packed without it reads the same with it."""
    from sitekit.audit.compact import CompactPages, dictionary_of, pack, unpack

    site = many_pages(tmp_path / "site", 12)
    report = run_audit(str(site), profile=profile, settings=CrawlSettings(max_pages=100))
    pages = list(report.pages)
    zdict = dictionary_of(pages[:4])
    assert 0 < len(zdict) <= 32 * 1024
    for page in pages[4:]:
        with_dict, plain = pack(page, zdict), pack(page)
        assert len(with_dict) < len(plain)
        assert unpack(with_dict, zdict) == page == unpack(plain, zdict) == unpack(plain)
    kept = CompactPages(pages, zdict=zdict)
    assert list(kept) == pages and kept[3] == pages[3] and kept[2:5] == pages[2:5]


def test_packed_results_rebuild_the_objects_pickle_makes(tmp_path, profile):
    """Check results and evidence, packed by their field values, read back as the objects
    plain pickle rebuilds: equal, the same repr and fields in the same order, whole pages too."""
    import pickle

    from sitekit.audit.compact import pack, unpack
    from sitekit.models import CheckResult, Evidence

    site = many_pages(tmp_path / "site", 6)
    report = run_audit(str(site), profile=profile, settings=CrawlSettings(max_pages=100))
    for page in report.pages:
        back, plain = unpack(pack(page)), pickle.loads(pickle.dumps(page))
        assert back == plain == page and repr(back) == repr(plain)
        checks = [c for crit in back.criteria.values() for c in crit.checks]
        plain_checks = [c for crit in plain.criteria.values() for c in crit.checks]
        evidence = [e for c in checks for e in c.evidence]
        assert len(checks) > 20 and len(evidence) > 20
        for made, made_plain in zip(checks, plain_checks, strict=True):
            assert type(made) is CheckResult and list(vars(made)) == list(vars(made_plain))
        for e in evidence:
            assert type(e) is Evidence and list(vars(e)) == [
                "element",
                "text",
                "position",
                "location",
                "note",
            ]


def test_nothing_audited_fails_closed(tmp_path, profile):
    shell = tmp_path / "shell"
    shell.mkdir()
    (shell / "index.html").write_text(
        '<!doctype html><html><head><title>App</title></head><body><div id="root"></div>'
        '<script src="/app.js"></script></body></html>',
        "utf-8",
    )
    with pytest.raises(NothingAuditedError, match="nothing audited"):
        run_audit(str(shell), profile=profile, settings=CrawlSettings())


def test_unreachable_target_is_a_target_error(profile):
    with pytest.raises(TargetError):
        run_audit("http://127.0.0.1:9/", profile=profile, settings=CrawlSettings(timeout=2))


def test_secrets_never_reach_the_report(httpserver: HTTPServer, profile):
    def echo(request: Request) -> Response:
        token = request.headers.get("X-Token", "")
        cookie = request.cookies.get("session", "")
        body = GOOD.format(title=f"Hi {token} {cookie}", h1=f"Your leak fixed {token}", extra="")
        return Response(body, content_type="text/html")

    httpserver.expect_request("/").respond_with_handler(echo)
    settings = CrawlSettings(
        headers=(("X-Token", "s3cret-token-value"),),
        cookies=(("session", "cookie-secret-42"),),
        auth=("ann", "hunter2-password"),
        use_sitemaps=False,
        respect_robots=False,
    )
    report = run_audit(httpserver.url_for("/"), profile=profile, settings=settings)
    text = dumps(to_dict(report))
    assert "s3cret-token-value" not in text and "cookie-secret-42" not in text
    assert "[redacted]" in text


def test_competitors_are_audited_without_credentials(tmp_path, serve, profile):
    seen: list[str] = []
    other = HTTPServer(host="127.0.0.1", port=0)
    other.start()
    try:

        def record(request: Request) -> Response:
            seen.append(request.headers.get("X-Token", ""))
            page = BAD.format(extra="")
            return Response(page, content_type="text/html")

        other.expect_request("/").respond_with_handler(record)
        base = serve(write_site(tmp_path / "site"))
        settings = CrawlSettings(
            headers=(("X-Token", "s3cret-token-value"),),
            max_pages=5,
            respect_robots=False,
            use_sitemaps=False,
        )
        report = run_audit(base, profile=profile, settings=settings, vs=[other.url_for("/")])
    finally:
        other.clear()
        other.stop()
    assert seen and all(value == "" for value in seen)
    (competitor,) = report.competitors
    assert competitor.score is not None and competitor.score < report.score
    data = to_dict(report)
    assert data["competitors"][0]["target"] == other.url_for("/")


def test_unreachable_competitor_is_reported_not_fatal(tmp_path, profile):
    site = write_site(tmp_path / "site")
    report = run_audit(
        str(site), profile=profile, settings=CrawlSettings(timeout=2), vs=["http://127.0.0.1:9/"]
    )
    assert report.competitors[0].score is None
    assert report.competitors[0].errors[0]["url"] == "http://127.0.0.1:9/"


def test_ignores_mark_the_check_and_rescore(tmp_path, profile):
    site = write_site(tmp_path / "site")
    plain = run_audit(str(site), profile=profile, settings=CrawlSettings())
    about = next(p for p in plain.pages if p.url == "/about/")
    failed = [
        c
        for crit in about.criteria.values()
        for c in crit.checks
        if c.score is not None and not c.passed
    ]
    target = failed[0]
    ignores = (CheckIgnore("/about/", target.id, "legal page"),)
    report = run_audit(str(site), profile=profile, settings=CrawlSettings(), ignores=ignores)
    about2 = next(p for p in report.pages if p.url == "/about/")
    check = next(c for c in about2.criteria[target.criterion].checks if c.id == target.id)
    assert check.ignored == "legal page"
    assert about2.criteria[target.criterion].score >= about.criteria[target.criterion].score
    assert about2.score >= about.score
    home = report.pages[0]
    assert not any(c.ignored for crit in home.criteria.values() for c in crit.checks)
    page_ignored = run_audit(
        str(site),
        profile=profile,
        settings=CrawlSettings(),
        ignores=(CheckIgnore("/about/", "*", "not a landing page"),),
    )
    skipped = next(p for p in page_ignored.pages if p.url == "/about/")
    assert not skipped.auditable and skipped.reason == "ignored: not a landing page"


def test_ignore_patterns():
    assert ignore_matches("/about/", "/about/")
    assert ignore_matches("/about/", "/about")
    assert not ignore_matches("/about/team/", "/about/")
    assert ignore_matches("/blog/2024/x/", "/blog/*")
    assert ignore_matches("https://a.example/x/", "*")


def test_redact_walks_the_report_and_urls():
    settings = CrawlSettings(
        headers=(("Authorization", "Bearer abcdef"),), auth=("ann", "pw-123456")
    )
    secrets = secrets_of(settings)
    assert "Bearer abcdef" in secrets and "pw-123456" in secrets
    assert redact({"a": ("x Bearer abcdef y",)}, secrets) == {"a": ("x [redacted] y",)}
    assert redact("https://ann:pw@host/", ()) == "https://[redacted]@host/"


def test_report_json_is_the_documented_shape(tmp_path, profile):
    report = run_audit(str(write_site(tmp_path / "s")), profile=profile, settings=CrawlSettings())
    data = json.loads(dumps(to_dict(report)))
    for key in ("schema_version", "target", "score", "criteria", "pages", "errors"):
        assert key in data
    page = data["pages"][0]
    check = page["criteria"]["benefit"]["checks"][0]
    assert {"id", "score", "evidence", "fix"} <= set(check)


@pytest.mark.browser
def test_rendered_audit_reads_the_dom_a_visitor_sees(tmp_path, serve, profile):
    from sitekit.browser.chromium import find_browser

    try:
        browser = find_browser(None)
    except Exception as exc:  # no Chromium here: say so rather than pass
        pytest.skip(f"real-browser test: {exc}")
    site = tmp_path / "spa"
    site.mkdir()
    body = GOOD.format(title="Leaks fixed today", h1="Your leak fixed today", extra="")
    inner = body.split("<body>", 1)[1].split("</body>", 1)[0]
    (site / "index.html").write_text(
        "<!doctype html><html lang='en'><head><title>Leaks fixed today</title></head><body>"
        "<div id='root'></div><script>document.getElementById('root').innerHTML = "
        + json.dumps(inner)
        + ";</script></body></html>",
        "utf-8",
    )
    url = serve(site)
    settings = CrawlSettings(max_pages=1)
    with pytest.raises(NothingAuditedError):  # statically it is a JavaScript shell
        run_audit(url, profile=profile, settings=settings)
    report = run_audit(url, profile=profile, settings=settings, render=True, browser=browser)
    page = report.pages[0]
    assert page.auditable and page.score is not None and page.score > 50
    assert page.screenshots and all(v.startswith("data:image/") for v in page.screenshots.values())


def _descendants(root: int) -> list[int]:
    parents = {}
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            parents[int(entry.name)] = int(stat.rsplit(")", 1)[1].split()[1])
    found, frontier = [], [root]
    while frontier:
        current = frontier.pop()
        kids = [pid for pid, parent in parents.items() if parent == current]
        found += kids
        frontier += kids
    return found


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_a_dead_worker_costs_one_batch_not_the_audit(tmp_path, profile):
    import os
    import signal

    site = many_pages(tmp_path / "site", 120)
    killed: list[int] = []

    def kill_workers_once(done: int, queued: int, url: str) -> None:
        if killed or done < 60:
            return
        tree = _descendants(os.getpid())
        servers = [p for p in tree if b"forkserver" in Path(f"/proc/{p}/cmdline").read_bytes()]
        for pid in (w for server in servers for w in _descendants(server)):
            os.kill(pid, signal.SIGKILL)  # the pool's workers are the fork server's children
            killed.append(pid)

    report = run_audit(
        str(site),
        profile=profile,
        settings=CrawlSettings(max_pages=200),
        progress=kill_workers_once,
    )
    assert killed, "the pool never started"
    assert len(report.pages) == 121
    lost = [p for p in report.pages if "worker process" in p.reason]
    scored = [p for p in report.pages if p.score is not None]
    assert 1 <= len(lost) <= 16 * 2 and len(scored) >= 121 - len(lost)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="needs /proc (Linux)")
def test_pages_are_scored_in_process_when_the_pool_dies_before_scoring(tmp_path, profile):
    """The pool's workers score the checked pages once the crawl is done; when they are gone
    by then, the main process scores every page itself, with the same results."""
    import os
    import signal

    from sitekit.audit.pool import PagePool, score_packed
    from sitekit.crawl.crawler import Crawler
    from sitekit.models import PageContext

    site = many_pages(tmp_path / "site", 30)
    settings = CrawlSettings(max_pages=100)
    pool = PagePool(profile, settings.max_pages)
    try:
        for n, page in enumerate(Crawler(str(site), settings)):
            if page.body is not None:  # (the links to absent pages come back failed)
                pool.add(page, n == 0)
        pool.finish()
        tree = _descendants(os.getpid())
        servers = [p for p in tree if b"forkserver" in Path(f"/proc/{p}/cmdline").read_bytes()]
        workers = [w for server in servers for w in _descendants(server)]
        assert workers, "the pool never started"
        for pid in workers:
            os.kill(pid, signal.SIGKILL)
        order = [(n, PageContext()) for n in reversed(range(len(pool.metas)))]
        expected = [
            score_packed(pool.results.blob(n), ctx, profile, str(tmp_path), pool.zdict)
            for n, ctx in order
        ]
        scored = list(pool.score(order, str(tmp_path)))
    finally:
        pool.close()
    assert len(scored) == len(pool.metas) == 31, (len(scored), len(pool.metas))
    assert [s.key for s in scored] == [e.key for e in expected]  # in the order asked
    assert [s.summary for s in scored] == [e.summary for e in expected]
    assert all(s.summary.score is not None for s in scored)


def test_the_crawl_expects_the_common_context_of_a_page_with_no_link_known_broken():
    from sitekit.audit.context import common_context, is_common, likely_common, page_context

    links = {"/a": ("/b", "/c"), "/b": ("/a",), "/c": (), "/d": ("/gone", "/a")}
    statuses = {"/a": 200, "/b": 301, "/gone": 404}
    assert likely_common("/a", links, statuses)  # /c not fetched yet: not known broken
    assert likely_common("/b", links, statuses)
    assert not likely_common("/c", links, statuses)  # no links: nobody checks them
    assert not likely_common("/d", links, statuses)
    assert not likely_common("/e", links, statuses)
    ignores = (CheckIgnore("/b", "links-work", "known"),)
    assert page_context("/b", links, statuses, ignores) == common_context("/b", ignores)
    assert is_common(page_context("/b", links, statuses, ignores))
    assert not is_common(page_context("/d", links, statuses, ignores))
    assert not is_common(page_context("/c", links, statuses, ignores))
