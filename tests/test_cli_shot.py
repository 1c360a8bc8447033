"""`sitekit shot` without Playwright: one line with the install command, before any build."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

NO_PLAYWRIGHT = (
    "import sys; sys.modules['playwright'] = None  # this interpreter has no Playwright\n"
    "from sitekit.cli import main; main(sys.argv[1:])"
)


def test_shot_without_playwright_says_how_to_install_it(tmp_path: Path) -> None:
    site = tmp_path / "site"
    (site / "content").mkdir(parents=True)
    (site / "sitekit.toml").write_text('[site]\nname = "Acme"\n', "utf-8")
    (site / "content" / "index.md").write_text("---\ntitle: Hi\n---\n\nHello.\n", "utf-8")
    out = tmp_path / "shots"
    done = subprocess.run(
        [sys.executable, "-c", NO_PLAYWRIGHT, "shot", str(site), "--out", str(out)],
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2
    assert "Traceback" not in done.stderr
    assert done.stderr.startswith("error: rendered audits need Playwright (pip install playwright")
    assert len(done.stderr.splitlines()) == 1
    assert not out.exists() and not (site / ".sitekit-cache").exists()  # nothing was built
