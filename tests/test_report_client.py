"""The client report from the command line: why a compared site has no score, in every format
that compares, and where `-o FILE` wrote the report (real folders, a real refused port)."""

from __future__ import annotations

import json
import socket
import subprocess
import sys
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from test_audit import write_site

SHELL = (
    '<!doctype html><html><head><title>App</title></head><body><div id="root"></div>'
    '<script src="app.js"></script></body></html>'
)


def sitekit(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "sitekit", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        check=False,
        env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(Path(__file__).parents[1])},
    )


def refused_port() -> int:
    """A port on 127.0.0.1 nothing listens on (bound, then closed)."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture
def sites(tmp_path: Path) -> Path:
    write_site(tmp_path / "mine")
    (tmp_path / "shell").mkdir()
    (tmp_path / "shell" / "index.html").write_text(SHELL, "utf-8")
    return tmp_path


def test_an_unreachable_or_unauditable_competitor_says_why(sites: Path) -> None:
    down = f"http://127.0.0.1:{refused_port()}/"
    args = ("audit", "mine", "--vs", down, "--vs", "shell")
    data = json.loads(sitekit(*args, "--format", "json", cwd=sites).stdout)
    reasons = {c["target"]: c["errors"][0]["reason"] for c in data["competitors"]}
    assert "connection refused" in reasons[down]
    assert "nothing audited" in reasons["shell"] and "JavaScript-only" in reasons["shell"]
    for fmt in ("terminal", "markdown", "html"):
        done = sitekit(*args, "--format", fmt, cwd=sites)
        assert done.returncode == 0, done.stderr
        out = done.stdout
        if fmt == "html":
            out = BeautifulSoup(out, "lxml").get_text(" ")
        assert "connection refused" in out, fmt
        assert "JavaScript-only" in out, fmt


def test_output_file_says_where_the_report_went(sites: Path) -> None:
    done = sitekit("audit", "mine", "--format", "html", "-o", "report.html", cwd=sites)
    assert done.returncode == 0, done.stderr
    assert done.stdout == ""
    assert "html report written to report.html" in done.stderr
    assert (sites / "report.html").read_text("utf-8").startswith("<!doctype html>")
