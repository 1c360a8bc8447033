"""`sitekit audit --targets`: many real HTTP servers on 127.0.0.1 (two normal, one slow, one
refusing connections, one JavaScript shell), the ranked table, the files, resume, exit codes."""

from __future__ import annotations

import csv
import functools
import http.server
import itertools
import json
import os
import pty
import socket
import subprocess
import sys
import threading
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from click.testing import CliRunner
from test_audit import BAD, write_site

from sitekit.batch import SiteRow
from sitekit.batch_summary import summary_csv, summary_html
from sitekit.batch_targets import read_targets, report_names
from sitekit.cli import main
from sitekit.errors import ConfigError
from sitekit.models import CRITERIA

JS_SHELL = (
    '<!doctype html><html lang="en"><head><title>App</title></head><body>'
    '<div id="root"></div><script src="/app.js"></script></body></html>'
)


class _Server(http.server.ThreadingHTTPServer):
    daemon_threads = True

    def handle_error(self, request: Any, client_address: Any) -> None:
        pass  # a client that gave up on the slow site (its timeout): expected here


class Site:
    """A real threaded HTTP server on 127.0.0.1 serving a folder; records each request."""

    def __init__(self, root: Path, delay: float = 0.0, robots: str | None = None) -> None:
        self.requests: list[tuple[float, str]] = []
        site = self

        class Handler(http.server.SimpleHTTPRequestHandler):
            def log_message(self, *args: Any) -> None:
                pass

            def do_GET(self) -> None:
                site.requests.append((time.monotonic(), self.path))
                time.sleep(delay)
                if self.path == "/robots.txt" and robots is not None:
                    body = robots.encode()
                    self.send_response(200)
                    self.send_header("Content-Type", "text/plain")
                    self.send_header("Content-Length", str(len(body)))
                    self.end_headers()
                    self.wfile.write(body)
                    return
                super().do_GET()

        self.server = _Server(("127.0.0.1", 0), functools.partial(Handler, directory=str(root)))
        threading.Thread(target=self.server.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}/"

    def pages(self) -> list[str]:
        return [path for _t, path in self.requests if path.endswith("/")]

    def close(self) -> None:
        self.server.shutdown()
        self.server.server_close()


@pytest.fixture
def sites(tmp_path: Path) -> Iterator[Callable[..., Site]]:
    started: list[Site] = []

    def start(root: Path, **kwargs: Any) -> Site:
        started.append(Site(root, **kwargs))
        return started[-1]

    yield start
    for site in started:
        site.close()


def refused_url() -> str:
    """A URL on 127.0.0.1 where nothing listens: connections are refused."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return f"http://127.0.0.1:{sock.getsockname()[1]}/"


def weak_site(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "index.html").write_text(BAD.format(extra=""), "utf-8")
    return root


def js_site(root: Path) -> Path:
    root.mkdir(parents=True)
    (root / "index.html").write_text(JS_SHELL, "utf-8")
    return root


@pytest.fixture
def five(tmp_path: Path, sites: Callable[..., Site]) -> dict[str, Site | str]:
    """Two normal sites (a good and a weak one), a slow one, a refusing one, a JavaScript shell."""
    return {
        "good": sites(write_site(tmp_path / "good")),
        "weak": sites(weak_site(tmp_path / "weak")),
        "slow": sites(write_site(tmp_path / "slow"), delay=2.0),
        "refused": refused_url(),
        "js": sites(js_site(tmp_path / "js")),
    }


def url(site: Site | str) -> str:
    return site if isinstance(site, str) else site.url


def targets_file(tmp_path: Path, five: dict[str, Site | str]) -> Path:
    lines = ["# prospects, March", ""] + [f"{url(s)}  # {name}" for name, s in five.items()]
    path = tmp_path / "targets.txt"
    path.write_text("\n".join(lines) + "\n", "utf-8")
    return path


def run(args: list[str], stdin: str | None = None) -> Any:
    return CliRunner().invoke(main, ["audit", *args, "--timeout", "0.5"], input=stdin)


def test_ranked_table_reports_and_failures_as_rows(tmp_path, five):
    out = tmp_path / "out"
    result = run(["--targets", str(targets_file(tmp_path, five)), "--out-dir", str(out)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[0].split()[:7] == ["#", "score", *CRITERIA, "pages"]
    assert url(five["good"]) in lines[1] and url(five["weak"]) in lines[2]  # best first
    assert lines[-1] == "2 of 5 sites audited"
    assert "\r" not in result.stderr  # no progress display when stderr is not a terminal

    summary = json.loads((out / "summary.json").read_text("utf-8"))
    rows = {row["target"]: row for row in summary["sites"]}
    assert [row["rank"] for row in summary["sites"]] == [1, 2, None, None, None]
    good, weak = rows[url(five["good"])], rows[url(five["weak"])]
    assert good["score"] > weak["score"] and set(good["criteria"]) == set(CRITERIA)
    assert "read timeout" in rows[url(five["slow"])]["reason"]
    assert rows[url(five["refused"])]["reason"] == "cannot reach: connection refused"
    assert "JavaScript-only page" in rows[url(five["js"])]["reason"]
    # one report per audited site, in the chosen format (JSON by default), for that site
    for row in (good, weak):
        report = json.loads((out / row["report"]).read_text("utf-8"))
        assert report["target"] == row["target"] and report["score"] == row["score"]
    assert sorted(p.name for p in out.iterdir()) == sorted(
        [good["report"], weak["report"], "summary.json", "summary.csv", "index.html"]
    )
    # the CSV and the index show the same ranking; the index links each report
    with (out / "summary.csv").open(encoding="utf-8") as handle:
        table = list(csv.DictReader(handle))
    assert [r["site"] for r in table] == [r["target"] for r in summary["sites"]]
    assert table[0]["score"] == f"{good['score']:.1f}" and table[4]["reason"]
    soup = BeautifulSoup((out / "index.html").read_text("utf-8"), "html.parser")
    links = [a["href"] for a in soup.select("tbody a")]
    assert links == [good["report"], weak["report"]]
    assert all((out / link).is_file() for link in links)
    assert len(soup.select("tbody tr")) == 5


def test_rerun_skips_audited_sites_unless_fresh(tmp_path, five):
    out = tmp_path / "out"
    args = ["--targets", str(targets_file(tmp_path, five)), "--out-dir", str(out)]
    assert run(args).exit_code == 0
    first = (out / "summary.json").read_text("utf-8")
    good, weak = five["good"], five["weak"]
    assert isinstance(good, Site) and isinstance(weak, Site)
    before = (len(good.requests), len(weak.requests), len(five["js"].requests))  # type: ignore[union-attr]

    again = run(args)
    assert again.exit_code == 0 and again.stdout.splitlines()[-1] == "2 of 5 sites audited"
    assert (len(good.requests), len(weak.requests)) == before[:2]  # audited ones: skipped
    assert len(five["js"].requests) > before[2]  # type: ignore[union-attr]  # failed: retried
    rows = json.loads((out / "summary.json").read_text("utf-8"))["sites"]
    assert [r["score"] for r in rows] == [r["score"] for r in json.loads(first)["sites"]]

    fresh = run([*args, "--fresh"])
    assert fresh.exit_code == 0
    assert len(good.requests) > before[0] and len(weak.requests) > before[1]


def test_a_deleted_report_is_audited_again(tmp_path, sites):
    good = sites(write_site(tmp_path / "good"))
    out = tmp_path / "out"
    args = ["--targets", "-", "--out-dir", str(out)]
    assert run(args, stdin=good.url + "\n").exit_code == 0
    seen = len(good.requests)
    next(out.glob("127.0.0.1-*.json")).unlink()
    assert run(args, stdin=good.url + "\n").exit_code == 0
    assert len(good.requests) > seen and len(list(out.glob("127.0.0.1-*.json"))) == 1


def test_exit_codes(tmp_path, five):
    targets = str(targets_file(tmp_path, five))
    below = run(["--targets", targets, "--fail-under", "70"])
    assert below.exit_code == 1
    assert f"audit: {url(five['weak'])}: site score" in below.stderr
    assert url(five["good"]) not in below.stderr
    per_criterion = run(["--targets", targets, "--fail-under", "proof=1"])
    assert per_criterion.exit_code == 1 and "proof" in per_criterion.stderr
    nothing = "\n".join(url(five[name]) for name in ("refused", "js", "slow"))
    none = run(["--targets", "-"], stdin=nothing)
    assert none.exit_code == 2 and "no site could be audited" in none.stderr
    assert none.stdout.splitlines()[-1] == "0 of 3 sites audited"


def _spans(group: list[Site]) -> list[tuple[float, float]]:
    """When each site's first and last request arrived."""
    return [(site.requests[0][0], site.requests[-1][0]) for site in group]


def test_sites_run_concurrently_with_politeness_per_host(tmp_path, sites):
    # each site: robots.txt, the home page and three more pages, 0.3 s a request; read from
    # when each server saw its requests (not from wall-clock totals, which a busy machine moves)
    def slow(tag: str) -> list[Site]:
        return [sites(write_site(tmp_path / f"{tag}{n}", pages=3), delay=0.3) for n in range(3)]

    alone, together = slow("a"), slow("t")
    assert (
        run(["--targets", "-", "--sites", "1"], stdin="\n".join(s.url for s in alone)).exit_code
        == 0
    )
    for (_, end), (start, _) in itertools.pairwise(sorted(_spans(alone))):
        assert start > end  # one site at a time: the next starts after the last request
    listing = "\n".join(s.url for s in together)
    assert run(["--targets", "-", "--sites", "3"], stdin=listing).exit_code == 0
    for (a0, a1), (b0, b1) in itertools.combinations(_spans(together), 2):
        assert a0 < b1 and b0 < a1  # three at once: every two sites overlap in time

    # --rate 2: requests to each host at least ~0.5 s apart, while the hosts overlap in time
    polite = [sites(write_site(tmp_path / f"p{n}", pages=3)) for n in range(2)]
    listing = "\n".join(s.url for s in polite)
    assert run(["--targets", "-", "--sites", "2", "--rate", "2"], stdin=listing).exit_code == 0
    for site in polite:
        times = [t for t, _path in site.requests]
        assert len(times) >= 4
        assert min(b - a for a, b in itertools.pairwise(times)) > 0.4
    spans = [(s.requests[0][0], s.requests[-1][0]) for s in polite]
    assert spans[0][0] < spans[1][1] and spans[1][0] < spans[0][1]  # the two sites overlapped


def test_robots_kept_per_site(tmp_path, sites):
    closed = sites(write_site(tmp_path / "closed"), robots="User-agent: *\nDisallow: /pricing/\n")
    open_ = sites(write_site(tmp_path / "open"))
    result = run(["--targets", "-"], stdin=f"{closed.url}\n{open_.url}\n")
    assert result.exit_code == 0
    assert "/pricing/" not in closed.pages()
    assert "/pricing/" in open_.pages()


def test_report_format_follows_format_option(tmp_path, sites):
    good = sites(write_site(tmp_path / "good"))
    out = tmp_path / "out"
    result = run(["--targets", "-", "--out-dir", str(out), "--format", "html"], stdin=good.url)
    assert result.exit_code == 0
    (report,) = out.glob("127.0.0.1-*.html")
    assert "Content-Security-Policy" in report.read_text("utf-8")
    # a different format is a different report: the JSON run does not reuse the HTML one
    seen = len(good.requests)
    assert run(["--targets", "-", "--out-dir", str(out)], stdin=good.url).exit_code == 0
    assert len(good.requests) > seen and len(list(out.glob("127.0.0.1-*.json"))) == 1


def test_read_targets_comments_blanks_duplicates_and_located_errors():
    text = "# list\n\nhttps://a.example/  # ours\nhttps://b.example/#pricing\nhttps://a.example/\n"
    targets, warnings = read_targets(text, "t.txt")
    assert targets == ["https://a.example/", "https://b.example/#pricing"]
    assert [str(w) for w in warnings] == [
        "t.txt:5: https://a.example/ is listed again (first on line 3); audited once"
    ]
    with pytest.raises(ConfigError) as bad:
        read_targets(
            "https://ok.example/\nexample.com\nftp://x.example/\nhttps://u:p@y.example/", "t"
        )
    assert [str(d) for d in bad.value.diagnostics] == [
        "t:2: not an http(s) URL: 'example.com' (did you mean 'https://example.com'?)",
        "t:3: not an http(s) URL: 'ftp://x.example/'",
        "t:4: a user or password in the URL would be written to the summary; not here",
    ]
    assert "u:p" not in str(bad.value.diagnostics)
    with pytest.raises(ConfigError, match="no targets"):
        read_targets("# nothing yet\n\n", "t.txt")


def test_bad_input_is_a_clear_usage_error(tmp_path):
    bad = tmp_path / "targets.txt"
    bad.write_text("https://ok.example/\nnot a url\n", "utf-8")
    result = run(["--targets", str(bad)])
    assert result.exit_code == 2 and f"{bad}:2: error: not an http(s) URL" in result.stderr
    latin = tmp_path / "latin.txt"
    latin.write_bytes(b"https://caf\xe9.example/\n")
    result = run(["--targets", str(latin)])
    assert result.exit_code == 2 and "not UTF-8 text" in result.stderr
    missing = run(["--targets", str(tmp_path / "nope.txt")])
    assert missing.exit_code == 2 and "cannot read" in missing.stderr
    for args, hint in [
        (["https://a.example/", "--targets", str(bad)], "not both"),
        (["--out-dir", str(tmp_path)], "only with --targets"),
        (["--targets", str(bad), "--header", "A: b"], "credentials"),
        (["--targets", str(bad), "-o", "x.json"], "--out-dir"),
        (["--targets", str(bad), "--fresh"], "needs --out-dir"),
        (["--targets", str(bad), "--sites", "0"], "--sites"),
        ([], "give a TARGET"),
    ]:
        result = run(args)
        assert result.exit_code == 2 and hint in result.stderr, (args, result.output)
        assert "Traceback" not in result.output


def test_names_and_summaries_are_safe():
    names = report_names(
        ["https://a.example/", "https://a.example:8080/", "https://A.example/"], "json"
    )
    assert list(names.values()) == ["a.example.json", "a.example-8080.json", "a.example-2.json"]
    rows = [
        SiteRow("https://x.example/<script>alert(1)</script>", 50.0, {}, 1, "x.json"),
        SiteRow("https://y.example/", reason='=HYPERLINK("http://evil")'),
    ]
    page = summary_html(rows)
    assert "<script>alert" not in page and "&lt;script&gt;" in page
    assert "'=HYPERLINK" in summary_csv(rows)


def _stderr_on_a_terminal(args: list[str], stdin: str) -> str:
    """Run the real command with stderr on a pseudo-terminal; what it wrote there."""
    main_fd, term_fd = pty.openpty()
    process = subprocess.Popen(
        [sys.executable, "-m", "sitekit", "audit", *args],
        stdin=subprocess.PIPE,
        stdout=subprocess.DEVNULL,
        stderr=term_fd,
    )
    os.close(term_fd)
    process.communicate(stdin.encode(), timeout=60)
    chunks = []
    while True:
        try:
            chunk = os.read(main_fd, 65536)
        except OSError:  # EIO: the terminal's other end is closed and drained
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(main_fd)
    return b"".join(chunks).decode("utf-8", "replace")


def test_progress_over_sites_and_pages_on_a_terminal_only_without_quiet(tmp_path, sites):
    listing = "\n".join(sites(write_site(tmp_path / f"s{n}")).url for n in range(2))
    shown = _stderr_on_a_terminal(["--targets", "-"], listing)
    assert "/2 sites done" in shown and " pages fetched " in shown and "\r\x1b[2K" in shown
    assert "2/2 sites done" in shown
    assert _stderr_on_a_terminal(["--targets", "-", "-q"], listing) == ""


def test_out_dir_that_is_a_file_is_a_clear_error(tmp_path, sites):
    good = sites(write_site(tmp_path / "good"))
    blocker = tmp_path / "taken"
    blocker.write_text("x", "utf-8")
    result = run(["--targets", "-", "--out-dir", str(blocker)], stdin=good.url)
    assert result.exit_code == 2 and "Traceback" not in result.output
    assert "taken" in result.stderr
