"""Before and after a change, on rated pages: does it agree better with the raters, and by more
than the luck of which pages were rated?

Usage: python bench/compare.py BASE SET_DIR [SET_DIR ...] [--pages]

BASE is a git commit (a hash, a tag, `HEAD~3`, `main`). The pages of every set are scored
twice, as `sitekit audit page.html` scores each: by the code at BASE (checked out in a
temporary git worktree, removed afterwards) and by this checkout as it is on disk (uncommitted
changes included). For each criterion it prints Spearman and kappa against the raters' mean,
before -> after, and the change with its 95% interval from 1,000 paired resamples of the pages
(the same pages before and after; bench/accuracy.py's `paired_bootstrap`), for all pages,
English, the other languages as a group, and each set; and how many pages moved, and of those
how many came nearer the raters' mean and how many went further from it.

Only totals are printed: no page's name or score, so a set kept closed stays closed. `--pages`
also lists each page whose band moved (for sets that are read, never for a closed one).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy  # (bench/accuracy.py, beside this script)

HERE = Path(__file__).resolve().parent
ROOT = HERE.parent
Scores = dict[str, dict[str, float | None] | None]


class CompareError(Exception):
    """A bad argument or a base that cannot be checked out: said in one line, no traceback."""


def scores(code: Path, files: dict[str, Path]) -> Scores:
    """The scores of the pages in `files` (id -> page file) by the sitekit in `code` (a
    checkout), run in a fresh process in an empty folder so that nothing else on sys.path is
    imported instead."""
    env = {**os.environ, "PYTHONPATH": str(code)}
    with tempfile.TemporaryDirectory() as empty:
        done = subprocess.run(
            [sys.executable, str(HERE / "_scores.py")],
            input=json.dumps({pid: str(path) for pid, path in files.items()}),
            cwd=empty,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
    if done.returncode != 0:
        last = (done.stderr.strip().splitlines() or ["no message"])[-1]
        raise CompareError(f"scoring with the code in {code} failed: {last}")
    result: Scores = json.loads(done.stdout)
    return result


def rows(
    before: Sequence[float], after: Sequence[float], human: Sequence[float]
) -> tuple[float, float, float, float, float, float, float]:
    """Spearman before and after, the change and its 95% interval, kappa before and after."""
    rho_before, kappa_before = accuracy.agreement(before, human)
    _, kappa_after = accuracy.agreement(after, human)
    change, low, high = accuracy.paired_bootstrap(before, after, human)
    return rho_before, rho_before + change, change, low, high, kappa_before, kappa_after


def report(
    before: Scores,
    after: Scores,
    labels: dict[str, dict],
    language: dict[str, str],
    set_of: dict[str, str],
) -> list[str]:
    """The printed comparison: per group of pages, per criterion, one line."""
    groups: list[tuple[str, list[str]]] = [("all", sorted(labels))]
    groups.append(("English", [p for p in sorted(labels) if language.get(p) == "en"]))
    groups.append(
        ("non-English", [p for p in sorted(labels) if language.get(p) not in ("en", "", None)])
    )
    if len(set(set_of.values())) > 1:
        for name in sorted(set(set_of.values())):
            groups.append((f"set {name}", [p for p in sorted(labels) if set_of[p] == name]))
    lines = []
    for name, members in groups:
        lines.append(f"{name} ({len(members)} pages)")
        for crit in accuracy.CRITERIA:
            pages = [
                p
                for p in members
                if (before.get(p) or {}).get(crit) is not None
                and (after.get(p) or {}).get(crit) is not None
                and crit in labels[p]["mean"]
            ]
            if len(pages) < 3:
                lines.append(f"  {crit:12s} fewer than 3 pages scored")
                continue
            b = [float(before[p][crit]) for p in pages]  # type: ignore[index,arg-type]
            a = [float(after[p][crit]) for p in pages]  # type: ignore[index,arg-type]
            h = [float(labels[p]["mean"][crit]) for p in pages]
            rb, ra, change, low, high, kb, ka = rows(b, a, h)
            moved = sum(x != y for x, y in zip(b, a, strict=True))
            towards, away = towards_and_away(b, a, h)
            said = f" ({towards} towards the raters, {away} away)" if moved else ""
            lines.append(
                f"  {crit:12s} n={len(pages):3d}  Spearman {rb:.3f} -> {ra:.3f}  "
                f"({change:+.3f}, 95% {low:+.3f} to {high:+.3f})  kappa {kb:.2f} -> {ka:.2f}  "
                f"{moved} {'page' if moved == 1 else 'pages'} moved{said}"
            )
    return lines


def towards_and_away(
    before: Sequence[float], after: Sequence[float], human: Sequence[float]
) -> tuple[int, int]:
    """Of the pages whose score moved, how many came nearer the raters' mean and how many went
    further from it, a score of 0-100 read on the raters' 0-2 scale (score / 50). A count, not
    a page: it says whether a change that moves few pages of a closed set moves them the right
    way without naming them."""
    nearer = further = 0
    for b, a, h in zip(before, after, human, strict=True):
        if a != b:
            gap_before, gap_after = abs(b / 50 - h), abs(a / 50 - h)
            nearer += gap_after < gap_before
            further += gap_after > gap_before
    return nearer, further


def moved_bands(before: Scores, after: Scores, labels: dict[str, dict]) -> list[str]:
    """Each page whose band moved on a criterion: id, criterion, before -> after (raters)."""
    out = []
    for pid in sorted(labels):
        for crit in accuracy.CRITERIA:
            b, a = (before.get(pid) or {}).get(crit), (after.get(pid) or {}).get(crit)
            if b is None or a is None or accuracy.to_rating(b) == accuracy.to_rating(a):
                continue
            mean = labels[pid]["mean"].get(crit)
            out.append(f"  {pid} {crit}: {b:.1f} -> {a:.1f} (raters' mean {mean})")
    return out


def _worktree(base: str, where: Path) -> str:
    """Check out `base` at `where`; its full hash."""
    found = subprocess.run(
        ["git", "-C", str(ROOT), "rev-parse", "--verify", "--quiet", f"{base}^{{commit}}"],
        capture_output=True,
        text=True,
        check=False,
    )
    if found.returncode != 0:
        raise CompareError(f"{base!r} is not a commit of {ROOT}")
    commit = found.stdout.strip()
    made = subprocess.run(
        ["git", "-C", str(ROOT), "worktree", "add", "--detach", "--quiet", str(where), commit],
        capture_output=True,
        text=True,
        check=False,
    )
    if made.returncode != 0:
        raise CompareError(f"cannot check out {base}: {made.stderr.strip()}")
    return commit


def main(argv: list[str]) -> int:
    args = [a for a in argv if not a.startswith("--")]
    flags = {a for a in argv if a.startswith("--")}
    if len(args) < 2 or flags - {"--pages"}:
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    base, sets = args[0], [Path(a).resolve() for a in args[1:]]
    for folder in sets:
        if not (folder / "labels.json").is_file():
            print(f"compare: {folder}: no labels.json (a rated set's folder)", file=sys.stderr)
            return 2
    labels, sources, files, set_of = accuracy.load_sets(sets)
    language = {p: str(sources.get(p, {}).get("language", "")) for p in labels}
    with tempfile.TemporaryDirectory() as tmp:
        where = Path(tmp) / "base"
        try:
            commit = _worktree(base, where)
            try:
                before = scores(where, files)
            finally:
                subprocess.run(
                    ["git", "-C", str(ROOT), "worktree", "remove", "--force", str(where)],
                    capture_output=True,
                    check=False,
                )
            after = scores(ROOT, files)
        except CompareError as exc:
            print(f"compare: {exc}", file=sys.stderr)
            return 2
    print(f"before: {base} ({commit[:10]}); after: this checkout ({ROOT})")
    print(f"sets: {', '.join(str(s) for s in sets)}")
    print(
        "Spearman and kappa against the raters' mean, before -> after; the change with its "
        f"95% interval ({accuracy.BOOTSTRAP} paired resamples of the pages, seed {accuracy.SEED})"
    )
    print("\n".join(report(before, after, labels, language, set_of)))
    if "--pages" in flags:
        moved = moved_bands(before, after, labels)
        print(f"pages whose band moved ({len(moved)}):")
        print("\n".join(moved) if moved else "  none")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
