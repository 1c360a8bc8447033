"""The accuracy bench's statistics on small cases worked out by hand."""

from __future__ import annotations

import importlib.util
import json
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
_spec = importlib.util.spec_from_file_location("accuracy", REPO / "bench" / "accuracy.py")
accuracy = importlib.util.module_from_spec(_spec)  # type: ignore[arg-type]
_spec.loader.exec_module(accuracy)  # type: ignore[union-attr]


def test_ranks_average_ties() -> None:
    assert accuracy.ranks([10, 20, 20, 30]) == [1.0, 2.5, 2.5, 4.0]


def test_spearman_known_values() -> None:
    assert accuracy.spearman([1, 2, 3, 4], [10, 20, 30, 40]) == pytest.approx(1.0)
    assert accuracy.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    # ranks x = 1,2,3 ; y = 1.5,1.5,3 -> pearson of ranks = 0.866...
    assert accuracy.spearman([1, 2, 3], [5, 5, 9]) == pytest.approx(0.8660254, abs=1e-6)


def test_raters_here_pairwise_and_against_the_others_mean() -> None:
    by = {"r1": [0, 1, 2, 2], "r2": [0, 1, 2, 1], "r3": [0, 2, 1, 2]}
    labels = {
        page: {"ratings": {r: {"benefit": by[r][i]} for r in by}}
        for i, page in enumerate(("a", "b", "c", "d"))
    }
    pairwise, against = accuracy.raters_here(labels, list(labels), "benefit")

    def others_mean(rater: str) -> list[float]:
        rest = [by[o] for o in by if o != rater]
        return [sum(values) / len(values) for values in zip(*rest, strict=True)]

    pairs = [("r1", "r2"), ("r1", "r3"), ("r2", "r3")]
    assert pairwise == pytest.approx(sum(accuracy.spearman(by[a], by[b]) for a, b in pairs) / 3)
    assert against == pytest.approx(sum(accuracy.spearman(by[r], others_mean(r)) for r in by) / 3)
    same = {page: {"ratings": {r: {"benefit": i % 3} for r in by}} for i, page in enumerate("abcd")}
    assert accuracy.raters_here(same, list(same), "benefit") == pytest.approx((1.0, 1.0))
    # a page with one reader's rating only (the hand-made pages): nothing to compare
    assert accuracy.raters_here({"a": {"mean": {"benefit": 1}}}, ["a"], "benefit") is None


def test_quadratic_kappa_known_values() -> None:
    assert accuracy.quadratic_kappa([0, 1, 2, 2], [0, 1, 2, 2]) == pytest.approx(1.0)
    # a = [0,0,1,2], b = [0,1,1,2]: one disagreement (0 vs 1, weight 1/4) -> observed 0.25.
    # Histograms a = (2,1,1), b = (1,2,1), n = 4; chance sum of w * ha_i * hb_j / n:
    # i=0: 2*2/4 + 2*1*1 = 3; i=1: 1*1/4 + 1*1/4 = 0.5; i=2: 1*1*1 + 1*2/4 = 1.5 -> 5/4.
    # kappa = 1 - 0.25 / 1.25 = 0.8
    assert accuracy.quadratic_kappa([0, 0, 1, 2], [0, 1, 1, 2]) == pytest.approx(0.8)


def test_rating_maps() -> None:
    assert [accuracy.to_rating(s) for s in (0, 24.9, 25, 74.9, 75, 100)] == [0, 0, 1, 1, 2, 2]
    assert [accuracy.round_mean(m) for m in (0.333, 0.5, 0.667, 1.333, 1.5, 1.667)] == [
        0,
        1,
        1,
        1,
        2,
        2,
    ]


def _run_bench(*args: str) -> subprocess.CompletedProcess[str]:
    """`python bench/accuracy.py ARGS` in a process of its own, as a user runs it."""
    command = [sys.executable, str(REPO / "bench" / "accuracy.py"), *args]
    return subprocess.run(command, capture_output=True, text=True, timeout=300, check=False)


def test_bench_runs_on_the_hand_written_pages() -> None:
    """`python bench/accuracy.py tests/data/judgement` (its documented use) runs to the end:
    the JavaScript shell among those pages, which `sitekit audit` refuses, is listed as not
    auditable with its reason instead of stopping the bench."""
    done = _run_bench(str(REPO / "tests/data/judgement"), "--no-speed", "--quiet")
    assert done.returncode == 0, done.stderr
    assert "not auditable: js_shell: " in done.stdout
    assert "JavaScript-only page" in done.stdout
    assert "pages scored, 1 not auditable" in done.stdout
    # sources.json records each page's language: English and the rest are reported apart
    assert re.search(r"^English +15 ", done.stdout, re.M), done.stdout
    assert re.search(r"^non-English +11 ", done.stdout, re.M), done.stdout
    assert "language not recorded" not in done.stdout
    assert "Traceback" not in done.stderr


def test_bench_groups_pages_whose_language_is_not_recorded(tmp_path: Path) -> None:
    """A corpus without sources.json: its pages are grouped as 'language not recorded', never
    dropped from the figures."""
    source = REPO / "tests/data/judgement"
    labels = json.loads((source / "labels.json").read_text(encoding="utf-8"))
    chosen = ["saas_strong", "company_welcome", "restaurant_phone", "named_guarantee"]
    (tmp_path / "labels.json").write_text(json.dumps({k: labels[k] for k in chosen}))
    for page in chosen:
        shutil.copy(source / f"{page}.html", tmp_path / f"{page}.html")
    done = _run_bench(str(tmp_path), "--no-speed")
    assert done.returncode == 0, done.stderr
    assert "(4 pages scored, 0 not auditable)" in done.stdout
    assert re.search(r"^language not recorded +4 ", done.stdout, re.M), done.stdout


def _judgement_subset(folder: Path, chosen: list[str]) -> Path:
    source = REPO / "tests/data/judgement"
    labels = json.loads((source / "labels.json").read_text(encoding="utf-8"))
    sources = json.loads((source / "sources.json").read_text(encoding="utf-8"))
    folder.mkdir()
    (folder / "labels.json").write_text(json.dumps({k: labels[k] for k in chosen}))
    (folder / "sources.json").write_text(json.dumps({k: sources[k] for k in chosen}))
    for page in chosen:
        shutil.copy(source / f"{page}.html", folder / f"{page}.html")
    return folder


def test_bench_measures_several_sets_as_one(tmp_path: Path) -> None:
    """Two rated folders are measured together, each with a row of its own; --totals prints
    the tables and no page's name (a set kept closed is read by its figures only)."""
    one = _judgement_subset(tmp_path / "one", ["saas_strong", "company_welcome"])
    two = _judgement_subset(tmp_path / "two", ["restaurant_phone", "named_guarantee"])
    done = _run_bench(str(one), str(two), "--no-speed", "--totals")
    assert done.returncode == 0, done.stderr
    assert "(4 pages scored, 0 not auditable)" in done.stdout
    assert re.search(r"^set one +2 ", done.stdout, re.M), done.stdout
    assert re.search(r"^set two +2 ", done.stdout, re.M), done.stdout
    for page in ("saas_strong", "company_welcome", "restaurant_phone", "named_guarantee"):
        assert page not in done.stdout
    again = _run_bench(str(one), str(one), "--no-speed")
    assert again.returncode != 0
    assert "page ids already in another set: company_welcome, saas_strong" in again.stderr
    assert "Traceback" not in again.stderr


def test_paired_bootstrap_of_a_change_in_spearman() -> None:
    human = [0, 0.33, 0.67, 1, 1.33, 1.67, 2, 2, 1, 0.67]
    same = [10, 20, 30, 40, 50, 60, 70, 80, 45, 35]
    # no change: no interval either
    assert accuracy.paired_bootstrap(same, same, human, resamples=200) == (0.0, 0.0, 0.0)
    # from the reverse order to the raters' own: a change of 2, well clear of zero
    reverse = [-x for x in human]
    change, low, high = accuracy.paired_bootstrap(reverse, list(human), human, resamples=200)
    assert change == pytest.approx(2.0) and 0 < low <= high <= 2.0 + 1e-9
    # a change that moves one page: the interval spans zero, and a fixed seed repeats it
    nudged = [*same[:-1], 25]
    change, low, high = accuracy.paired_bootstrap(same, nudged, human, resamples=300)
    assert low <= 0 <= high and low <= change <= high
    assert accuracy.paired_bootstrap(same, nudged, human, resamples=300) == (change, low, high)
