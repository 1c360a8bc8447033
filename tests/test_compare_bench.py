"""bench/compare.py: before and after a change on rated pages, with the interval of the change;
on scores worked out by hand, on bad arguments, and end to end in a clean clone where before
and after are the same code."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import accuracy  # noqa: E402
import compare  # noqa: E402

LABELS = {
    f"p{i}": {"mean": {"benefit": h, "findability": 1.0, "next_step": 1.0, "proof": 1.0}}
    for i, h in enumerate([0.0, 0.33, 1.0, 1.0, 1.67, 2.0])
}


def _scores(benefit: list[float | None]) -> compare.Scores:
    return {
        f"p{i}": (
            None
            if b is None
            else {"benefit": b, "findability": 50.0, "next_step": 50.0, "proof": 50.0}
        )
        for i, b in enumerate(benefit)
    }


def test_the_report_gives_before_after_and_the_change_per_group() -> None:
    before = _scores([60.0, 20.0, 50.0, 55.0, 70.0, 90.0])  # p0 and p1 out of order
    after = _scores([10.0, 20.0, 50.0, 55.0, 70.0, 90.0])  # p0 put in its place
    language = {"p0": "de", "p1": "en", "p2": "en", "p3": "de", "p4": "en", "p5": "de"}
    set_of = {p: "A" for p in LABELS}
    lines = compare.report(before, after, LABELS, language, set_of)
    human = [LABELS[p]["mean"]["benefit"] for p in sorted(LABELS)]
    rho_before = accuracy.spearman([60, 20, 50, 55, 70, 90], human)
    rho_after = accuracy.spearman([10, 20, 50, 55, 70, 90], human)
    assert rho_before < rho_after
    line = next(x for x in lines if x.strip().startswith("benefit"))  # the 'all' group first
    assert f"Spearman {rho_before:.3f} -> {rho_after:.3f}" in line
    assert f"({rho_after - rho_before:+.3f}," in line
    assert "1 page moved (1 towards the raters, 0 away)" in line
    assert lines[0] == "all (6 pages)" and "English (3 pages)" in lines
    assert "non-English (3 pages)" in lines
    # a criterion the raters put all level has no order to agree with
    assert any(x.strip().startswith("findability") and "nan" in x for x in lines)


def test_moved_pages_are_counted_towards_and_away_from_the_raters() -> None:
    """Read on the raters' scale (score / 50): p0 (raters 0) from 60 to 10 comes nearer, p5
    (raters 2) from 90 to 40 goes further, p2 (raters 1) from 40 to 60 is as far as before."""
    before = [60.0, 20.0, 40.0, 55.0, 70.0, 90.0]
    after = [10.0, 20.0, 60.0, 55.0, 70.0, 40.0]
    human = [LABELS[p]["mean"]["benefit"] for p in sorted(LABELS)]
    assert compare.towards_and_away(before, after, human) == (1, 1)
    assert compare.towards_and_away(before, before, human) == (0, 0)


def test_a_page_not_scored_on_either_side_is_left_out() -> None:
    before = _scores([60.0, 20.0, 50.0, None, 70.0, 90.0])
    after = _scores([10.0, 20.0, 50.0, 55.0, None, 90.0])
    lines = compare.report(before, after, LABELS, {}, {p: "A" for p in LABELS})
    assert "n=  4" in next(x for x in lines if x.strip().startswith("benefit"))


def test_moved_bands_name_the_page_only_when_asked() -> None:
    before = _scores([60.0, 20.0, 50.0, 55.0, 70.0, 90.0])
    after = _scores([10.0, 20.0, 50.0, 55.0, 74.0, 90.0])  # p0 moves a band, p4 does not
    assert compare.moved_bands(before, after, LABELS) == [
        "  p0 benefit: 60.0 -> 10.0 (raters' mean 0.0)"
    ]


def test_bad_arguments_are_one_line_errors(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    judgement = str(REPO / "tests" / "data" / "judgement")
    assert compare.main(["no-such-commit-zz9", judgement]) == 2
    err = capsys.readouterr().err
    assert "'no-such-commit-zz9' is not a commit" in err and "Traceback" not in err
    assert compare.main(["HEAD", str(tmp_path)]) == 2
    assert "no labels.json" in capsys.readouterr().err
    assert compare.main(["HEAD"]) == 2


def test_a_set_kept_without_its_pages_says_so(tmp_path: Path) -> None:
    """bench/rated/ keeps the ratings, not the pages: measuring before the pages are back is
    one line that names the set and the first missing page, no traceback."""
    rated = tmp_path / "rated" / "AA"
    (rated / "pages").mkdir(parents=True)
    (rated / "labels.json").write_text(json.dumps({"p1": LABELS["p0"], "p2": LABELS["p1"]}))
    (rated / "pages" / "p1.html").write_text("<h1>Hello</h1>")
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "compare.py"), "HEAD", str(rated)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert "1 of 2 rated pages are not there" in done.stderr
    assert "p2.html" in done.stderr and "bench/rated/README.md says how" in done.stderr


def test_the_same_code_before_and_after_moves_nothing(tmp_path: Path) -> None:
    """In a clean clone at HEAD, the worktree's scores and the checkout's are the same."""
    clone = tmp_path / "clone"
    subprocess.run(["git", "clone", "--quiet", str(REPO), str(clone)], check=True)
    done = subprocess.run(
        [sys.executable, str(clone / "bench" / "compare.py"), "HEAD", "tests/data/judgement"],
        cwd=clone,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    criteria = [x for x in done.stdout.splitlines() if x.startswith("  ")]
    assert len(criteria) == 12  # all, English, non-English: four criteria each
    assert all("0 pages moved" in x for x in criteria), done.stdout
    assert all("(+0.000, 95% +0.000 to +0.000)" in x for x in criteria if "nan" not in x)
    listed = subprocess.run(
        ["git", "-C", str(clone), "worktree", "list"], capture_output=True, text=True, check=True
    )
    assert len(listed.stdout.strip().splitlines()) == 1  # the temporary worktree is gone


def test_accuracy_on_a_folder_without_ratings_says_so(tmp_path: Path) -> None:
    """bench/accuracy.py run in a worktree looks for the corpus beside it; a folder with no
    labels.json is one line naming it, not a traceback."""
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "accuracy.py"), str(tmp_path), "--no-speed"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 1 and "Traceback" not in done.stderr
    assert f"{tmp_path}: no labels.json here" in done.stderr


def test_a_page_marked_unavailable_is_left_out_and_said(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A rated page that cannot be put back as it was rated (sources.json: `unavailable`) is
    left out of the set, with one line saying which and why; a missing page not so marked
    still stops the measurement."""
    rated = tmp_path / "rated" / "AA"
    (rated / "pages").mkdir(parents=True)
    (rated / "labels.json").write_text(json.dumps({"p1": LABELS["p0"], "p2": LABELS["p1"]}))
    (rated / "pages" / "p1.html").write_text("<h1>Hello</h1>")
    why = "stored only in a later version"
    (rated / "sources.json").write_text(json.dumps({"p2": {"unavailable": why}}))
    labels, _, files, _ = accuracy.load_sets([rated])
    assert sorted(labels) == ["p1"] and sorted(files) == ["p1"]
    assert f"AA: p2 left out: {why}" in capsys.readouterr().err
    # compare scores the pages load_sets chose, before and after: the page left out is not
    # looked for (it was, by the scoring process reading the labels again)
    done = subprocess.run(
        [sys.executable, str(REPO / "bench" / "compare.py"), "HEAD", str(rated)],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0 and "Traceback" not in done.stderr, done.stderr
    assert "all (1 pages)" in done.stdout and f"AA: p2 left out: {why}" in done.stderr
    (rated / "sources.json").write_text(json.dumps({}))
    with pytest.raises(SystemExit, match="1 of 2 rated pages are not there"):
        accuracy.load_sets([rated])
