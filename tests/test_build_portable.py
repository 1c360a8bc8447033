"""The writer's portable fallbacks (forced with SITEKIT_PORTABLE_FALLBACKS=1, as on a platform
without renameat2, renamex_np, flock or msvcrt) and --clean putting the old copy aside."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from sitekit import build_site, load_config
from sitekit.build.output import MARKER
from sitekit.build.portable import (
    FORCE_ENV,
    Busy,
    OutputLock,
    swap_folders,
    wait_for_background_removals,
)

REPO = Path(__file__).resolve().parent.parent
CONFIG = '[site]\nname = "Acme"\nbase_url = "https://acme.example"\n'
LANDING = """\
---
benefit: Your leak fixed today ({version})
cta:
  label: Get a free estimate
  url: "#estimate"
---

## How it works

We come, we fix, we leave.
"""


def make_site(root: Path, pages: int, version: str) -> Path:
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "sitekit.toml").write_text(CONFIG, encoding="utf-8")
    (root / "content" / "index.md").write_text(LANDING.format(version=version), encoding="utf-8")
    for i in range(pages):
        (root / "content" / f"p{i}.md").write_text(
            f"---\ntitle: Page {i}\n---\n## Page {i}\n\nText of {version}.\n", encoding="utf-8"
        )
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def cli(*args: str, forced: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    if forced:
        env[FORCE_ENV] = "1"
    else:
        env.pop(FORCE_ENV, None)
    return subprocess.run(
        [sys.executable, "-m", "sitekit", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


def dead_pid() -> int:
    proc = subprocess.run(
        [sys.executable, "-c", "import os; print(os.getpid())"],
        text=True,
        capture_output=True,
        check=True,
    )
    return int(proc.stdout)


def test_forced_fallbacks_swap_with_renames_and_lock_with_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(FORCE_ENV, "1")
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    assert swap_folders(a, b) is False  # no atomic swap: the writer uses renames
    lock = OutputLock(tmp_path / ".out.sitekit-lock")
    assert lock.path.name == ".out.sitekit-lockfile"
    assert lock.path.read_text().strip() == str(os.getpid())
    with pytest.raises(Busy):
        OutputLock(tmp_path / ".out.sitekit-lock")
    lock.close()
    assert not lock.path.exists()
    # a lock file left by a build that died is taken over
    lock.path.write_text(f"{dead_pid()}\n")
    taken = OutputLock(tmp_path / ".out.sitekit-lock")
    assert taken.path.read_text().strip() == str(os.getpid())
    taken.close()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="renameat2 is Linux's")
def test_the_system_swap_exchanges_two_folders(tmp_path: Path) -> None:
    a, b = tmp_path / "a", tmp_path / "b"
    a.mkdir()
    b.mkdir()
    (a / "x").write_text("a")
    (b / "x").write_text("b")
    assert swap_folders(a, b) is True
    assert (a / "x").read_text() == "b" and (b / "x").read_text() == "a"


def test_full_build_cycle_with_every_fallback_forced(tmp_path: Path) -> None:
    """Cold, incremental, --clean, and a second build refused by the lock, all through the
    portable code paths, give the output the system paths give."""
    site = make_site(tmp_path / "s", 30, "v1")
    reference = make_site(tmp_path / "ref", 30, "v1")
    assert cli("build", str(reference), forced=False).returncode == 0

    cold = cli("build", str(site))
    assert cold.returncode == 0, cold.stderr
    assert snapshot(site / "_site") == snapshot(reference / "_site")
    assert not (site / "._site.sitekit-lockfile").exists()  # released

    again = cli("build", str(site))  # the shadow copy now holds the previous version
    assert again.returncode == 0, again.stderr
    (site / "content" / "p7.md").write_text("---\ntitle: Page 7\n---\n## Changed\n\nNew.\n")
    incremental = cli("build", str(site))
    assert incremental.returncode == 0, incremental.stderr
    assert b"New." in (site / "_site" / "p7" / "index.html").read_bytes()
    assert (site / "_site" / "p3" / "index.html").is_file()
    assert (site / "._site.sitekit-shadow" / MARKER).is_file()

    make_site(site, 30, "v2")
    clean = cli("build", str(site), "--clean")
    assert clean.returncode == 0, clean.stderr
    make_site(reference, 30, "v2")
    assert cli("build", str(reference), forced=False).returncode == 0
    assert snapshot(site / "_site") == snapshot(reference / "_site")

    # a build while another holds the lock is refused, and the output is left as it was
    before = snapshot(site / "_site")
    holder = subprocess.Popen(
        [
            sys.executable,
            "-c",
            "import sys; from pathlib import Path; from sitekit.build.portable import "
            "OutputLock; lock = OutputLock(Path(sys.argv[1])); print('held', flush=True); "
            "sys.stdin.read()",
            str(site / "._site.sitekit-lock"),
        ],
        env={**os.environ, "PYTHONPATH": str(REPO), FORCE_ENV: "1"},
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        assert holder.stdout is not None and holder.stdout.readline().strip() == "held"
        refused = cli("build", str(site))
    finally:
        holder.communicate("", timeout=30)
    assert refused.returncode == 2
    assert "another sitekit build is writing" in refused.stderr
    assert "Traceback" not in refused.stderr
    assert snapshot(site / "_site") == before
    assert cli("build", str(site)).returncode == 0  # free again once the holder ended


def test_clean_puts_the_old_copy_aside_and_deletes_it_after(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", 20, "v1")
    build_site(load_config(site))
    build_site(load_config(site))
    shadow = site / "._site.sitekit-shadow"
    for i in range(3000):  # an old copy that takes a while to delete
        (shadow / f"old-{i}.html").write_text("old")
    old_shadow = shadow.stat().st_ino
    marker = (site / "_site" / MARKER).read_text()
    make_site(site, 20, "v2")
    build_site(load_config(site), clean=True)
    # the old copy was renamed aside, not deleted before the build: it is still being
    # deleted (by a background process) when the build has returned
    aside = list(site.glob("._site.sitekit-trash-*"))
    assert [p.stat().st_ino for p in aside] == [old_shadow]
    assert b"(v2)" in (site / "_site" / "index.html").read_bytes()
    assert (shadow / MARKER).read_text() == marker  # the output before is the new shadow
    wait_for_background_removals()
    assert not list(site.glob("._site.sitekit-trash-*"))


def test_aside_folders_left_by_a_killed_run_are_deleted_next_time(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", 5, "v1")
    build_site(load_config(site))
    leftover = site / f"._site.sitekit-trash-{dead_pid()}-0badc0de"
    (leftover / "deep" / "er").mkdir(parents=True)
    (leftover / "deep" / "er" / "index.html").write_text("old")
    ours = site / f"._site.sitekit-trash-{os.getpid()}-0000cafe"  # a live process's: kept
    ours.mkdir()
    build_site(load_config(site))
    wait_for_background_removals()  # the next build deletes it, without waiting for it
    assert not leftover.exists()
    assert ours.exists()
