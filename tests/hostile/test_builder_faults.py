"""Builder faults: a build killed part-way, a read-only and a full output location."""

from __future__ import annotations

import errno
import os
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from sitekit import build_site, load_config
from sitekit.build.output import MARKER, recover_output
from sitekit.errors import BuildError

REPO = Path(__file__).resolve().parents[2]
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
SECTION = "## Section {n}\n\n" + "Words and more words for {version}. " * 40
# What may stay next to the output between builds: the output, the previous version kept
# for incremental writes (complete, marked), and the lock file.
ALLOWED_SIBLINGS = {"_site", "._site.sitekit-shadow", "._site.sitekit-lock"}


def make_site(root: Path, pages: int, version: str) -> Path:
    """A site with a landing page and `pages` long plain pages, all mentioning `version`."""
    (root / "content").mkdir(parents=True, exist_ok=True)
    (root / "sitekit.toml").write_text(CONFIG, encoding="utf-8")
    (root / "content" / "index.md").write_text(LANDING.format(version=version), encoding="utf-8")
    body = "\n\n".join(SECTION.format(n=n, version=version) for n in range(12))
    for i in range(pages):
        (root / "content" / f"p{i}.md").write_text(
            f"---\ntitle: Page {i}\n---\n{body}\n", encoding="utf-8"
        )
    return root


def snapshot(folder: Path) -> dict[str, bytes]:
    """Every file's bytes by relative path; the build marker (a random build id) left out."""
    return {
        p.relative_to(folder).as_posix(): p.read_bytes()
        for p in sorted(folder.rglob("*"))
        if p.is_file() and p.name != MARKER
    }


def siblings(site: Path) -> set[str]:
    """What is next to the output once the old copies put aside have been deleted (by a
    background process the build started: it must end within 30 s)."""
    deadline = time.monotonic() + 30
    while list(site.glob("._site.sitekit-trash-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    return {p.name for p in site.iterdir()} - {"content", "sitekit.toml", ".sitekit-cache"}


def cli(*args: str) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    return subprocess.run(
        [sys.executable, "-m", "sitekit", *args],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
    )


@contextmanager
def building(site: Path) -> Iterator[subprocess.Popen[str]]:
    """A `sitekit build --clean` running in the background; whatever the test asserts, the
    process is gone and its pipes are closed when the block ends."""
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    proc = subprocess.Popen(
        [sys.executable, "-m", "sitekit", "build", str(site), "--clean"],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    with proc:  # closes stdout and stderr, then waits
        try:
            yield proc
        finally:
            if proc.poll() is None:
                proc.kill()


def wait_for_writes(site: Path, proc: subprocess.Popen[str], files: int) -> None:
    """Return once the build has written `files` pages into its shadow folder."""
    shadow = site / "._site.sitekit-shadow"
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline and proc.poll() is None:
        try:
            if sum(1 for _ in shadow.glob("p*/index.html")) >= files:
                return
        except OSError:
            pass
        time.sleep(0.01)


# --------------------------------------------------------------------------- killed builds


@pytest.mark.slow
@pytest.mark.parametrize("written", [1, 300, 700])
def test_build_killed_part_way_leaves_old_output_whole_and_next_run_clean(
    tmp_path: Path, written: int
) -> None:
    # 1,000 pages: the latest kill still leaves 300 pages to write, so a fast or loaded
    # machine cannot finish the build between the count and the kill
    site = make_site(tmp_path / "s", 1000, "v1")
    build_site(load_config(site))
    old = snapshot(site / "_site")
    expected = make_site(tmp_path / "reference", 1000, "v2")
    build_site(load_config(expected))
    new = snapshot(expected / "_site")
    make_site(site, 1000, "v2")
    with building(site) as proc:
        wait_for_writes(site, proc, written)
        assert proc.poll() is None, "the build ended before it could be killed"
        proc.send_signal(signal.SIGKILL)
        proc.communicate(timeout=30)
    # all of the old version, never a mix
    assert snapshot(site / "_site") == old
    assert (site / "_site" / MARKER).is_file()
    # the next run finishes the job and leaves no stray work folder behind
    started = time.monotonic()
    done = cli("build", str(site))
    assert done.returncode == 0, done.stderr
    assert time.monotonic() - started < 60
    assert snapshot(site / "_site") == new
    assert siblings(site) <= ALLOWED_SIBLINGS, siblings(site)
    assert (site / "._site.sitekit-shadow" / MARKER).is_file()


@pytest.mark.slow
def test_build_interrupted_with_ctrl_c_says_so_and_keeps_old_output(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", 600, "v1")
    build_site(load_config(site))
    old = snapshot(site / "_site")
    make_site(site, 600, "v2")
    with building(site) as proc:
        wait_for_writes(site, proc, 100)
        assert proc.poll() is None, "the build ended before it could be interrupted"
        proc.send_signal(signal.SIGINT)
        _, stderr = proc.communicate(timeout=30)
    assert proc.returncode == 130
    assert "interrupted" in stderr and "Traceback" not in stderr
    assert snapshot(site / "_site") == old
    assert siblings(site) <= ALLOWED_SIBLINGS, siblings(site)


KILL_MID_SWAP = """
import os, signal, sys
from pathlib import Path
import sitekit.build.output as output
from sitekit import build_site, load_config

output._exchange = lambda a, b: False  # as on a kernel without renameat2: two renames
real_rename = Path.rename


def rename(self, target):
    result = real_rename(self, target)
    if ".sitekit-old-" in str(target):  # the output is aside, the new one not yet in
        os.kill(os.getpid(), signal.SIGKILL)
    return result


Path.rename = rename
build_site(load_config(Path(sys.argv[1])), clean=True)
"""


def test_build_killed_between_the_two_renames_of_a_swap_is_recovered(tmp_path: Path) -> None:
    site = make_site(tmp_path / "s", 20, "v1")
    build_site(load_config(site))
    build_site(load_config(site))  # a kept previous version exists from here on
    old = snapshot(site / "_site")
    make_site(site, 20, "v2")
    env = {**os.environ, "PYTHONPATH": str(REPO)}
    done = subprocess.run(
        [sys.executable, "-c", KILL_MID_SWAP, str(site)], env=env, capture_output=True, timeout=120
    )
    assert done.returncode == -signal.SIGKILL, done.stderr
    assert not (site / "_site").exists(), "the kill did not land between the renames"
    recover_output(site / "_site")  # what the next build does first
    assert snapshot(site / "_site") == old
    assert cli("build", str(site)).returncode == 0
    assert b"(v2)" in (site / "_site" / "index.html").read_bytes()
    assert siblings(site) <= ALLOWED_SIBLINGS, siblings(site)


# --------------------------------------------------------------------------- read-only, full


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Callable[[str, str], Path]]:
    """mount(name, options) -> a real tmpfs (size= for a full disk, ro for read-only)."""
    mounted: list[Path] = []

    def mount(name: str, options: str) -> Path:
        point = tmp_path / name
        point.mkdir()
        done = subprocess.run(
            ["mount", "-t", "tmpfs", "-o", options, "tmpfs", str(point)],
            capture_output=True,
            text=True,
        )
        if done.returncode != 0:
            pytest.skip(f"cannot mount a tmpfs here (needs root): {done.stderr.strip()}")
        mounted.append(point)
        return point

    yield mount
    for point in reversed(mounted):
        if subprocess.run(["umount", str(point)], capture_output=True).returncode != 0:
            subprocess.run(["umount", "-l", str(point)], capture_output=True)


def remount(point: Path, options: str) -> None:
    subprocess.run(["mount", "-o", f"remount,{options}", str(point)], check=True)


def test_read_only_output_location_is_a_clear_error(
    tmp_path: Path, tmpfs: Callable[[str, str], Path]
) -> None:
    site = make_site(tmp_path / "s", 3, "v1")
    disk = tmpfs("ro", "size=1m,ro")
    done = cli("build", str(site), "--out", str(disk / "out"))
    assert done.returncode == 2, done.stderr
    assert "Read-only file system" in done.stderr and str(disk) in done.stderr
    assert "Traceback" not in done.stderr
    assert list(disk.iterdir()) == []


def test_output_that_became_read_only_keeps_the_previous_build(
    tmp_path: Path, tmpfs: Callable[[str, str], Path]
) -> None:
    site = make_site(tmp_path / "s", 3, "v1")
    disk = tmpfs("disk", "size=4m")
    out = disk / "out"
    build_site(load_config(site), out_dir=out)
    old = snapshot(out)
    make_site(site, 3, "v2")
    remount(disk, "ro")
    with pytest.raises(BuildError, match="Read-only file system"):
        build_site(load_config(site), out_dir=out)
    assert snapshot(out) == old
    remount(disk, "rw")
    build_site(load_config(site), out_dir=out)
    assert b"(v2)" in (out / "index.html").read_bytes()


def test_full_output_location_is_a_clear_error_and_keeps_the_previous_build(
    tmp_path: Path, tmpfs: Callable[[str, str], Path]
) -> None:
    site = make_site(tmp_path / "s", 60, "v1")
    disk = tmpfs("full", "size=4m")  # room for the output and its kept previous version
    out = disk / "out"
    build_site(load_config(site), out_dir=out)
    old = snapshot(out)
    make_site(site, 60, "v2")
    filler = disk / "filler"
    fd = os.open(filler, os.O_WRONLY | os.O_CREAT)  # fill the disk to its last byte
    try:
        while True:
            os.write(fd, b"\0" * 4096)
    except OSError as exc:
        assert exc.errno == errno.ENOSPC
    finally:
        os.close(fd)
    started = time.monotonic()
    done = cli("build", str(site), "--out", str(out))
    assert done.returncode == 2, done.stderr
    assert "No space left on device" in done.stderr and str(out) in done.stderr
    assert "Traceback" not in done.stderr
    assert time.monotonic() - started < 60
    assert snapshot(out) == old
    filler.unlink()  # space again: the next build works and leaves no stray folder
    assert cli("build", str(site), "--out", str(out)).returncode == 0
    assert b"(v2)" in (out / "index.html").read_bytes()
    deadline = time.monotonic() + 30  # the half-written copy is deleted in the background
    while list(disk.glob(".out.sitekit-trash-*")) and time.monotonic() < deadline:
        time.sleep(0.02)
    assert {p.name for p in disk.iterdir()} <= {"out", ".out.sitekit-shadow", ".out.sitekit-lock"}
