"""The behaviour goldens: the example site's built output, its audit JSON and the accuracy
bench's scores, produced exactly as a user produces them (the CLI and the bench script).

`python tests/golden/goldens.py` rewrites them; do that only on purpose, in a commit that says
what changed and why. tests/test_golden.py compares a fresh run with them byte for byte.
"""

from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parent.parent
CORPUS = REPO.parent / "shared" / "audit-corpus"
SITE_GOLDEN = HERE / "example_site"
AUDIT_GOLDEN = HERE / "example_audit.json"
ACCURACY_GOLDEN = HERE / "accuracy.txt"
_SKIP = {".sitekit-build"}  # the build stamp names the cache, not the output


def _run(*args: str, cwd: Path) -> str:
    done = subprocess.run(
        [sys.executable, *args], cwd=cwd, capture_output=True, text=True, check=False
    )
    if done.returncode != 0:
        raise RuntimeError(f"{args}: exit {done.returncode}\n{done.stderr}")
    return done.stdout


def example_copy(into: Path) -> Path:
    """The repository's example site copied into `into` (sitekit.toml, content/, static/)."""
    for name in ("sitekit.toml", "content", "static"):
        src = REPO / name
        if src.is_dir():
            shutil.copytree(src, into / name)
        elif src.exists():
            shutil.copy(src, into / name)
    return into


def built_files(site: Path) -> dict[str, bytes]:
    """Relative path -> bytes of every file the build wrote."""
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and p.name not in _SKIP
    }


def build_and_audit(work: Path) -> tuple[dict[str, bytes], str]:
    """Build the example site in `work` and audit the result as JSON (its path made neutral)."""
    site = example_copy(work)
    _run("-m", "sitekit", "build", str(site), "-q", cwd=work)
    out = site / "_site"
    report = _run("-m", "sitekit", "audit", str(out), "--format", "json", "-q", cwd=work)
    return built_files(out), report.replace(str(out), "<site>")


def accuracy() -> str:
    """bench/accuracy.py's agreement and per-page scores, without timings or paths."""
    text = _run(str(REPO / "bench" / "accuracy.py"), str(CORPUS), "--no-speed", cwd=REPO)
    return text.replace(str(CORPUS.resolve()), "<corpus>").replace(str(CORPUS), "<corpus>")


def main() -> int:
    with tempfile.TemporaryDirectory() as tmp:
        files, report = build_and_audit(Path(tmp))
    if SITE_GOLDEN.exists():
        shutil.rmtree(SITE_GOLDEN)
    for rel, data in files.items():
        dest = SITE_GOLDEN / rel
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(data)
    AUDIT_GOLDEN.write_text(report, encoding="utf-8")
    if CORPUS.is_dir():
        ACCURACY_GOLDEN.write_text(accuracy(), encoding="utf-8")
    print(f"wrote {len(files)} built files, the audit JSON and the accuracy scores")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
