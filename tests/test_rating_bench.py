"""bench/rating.py: the text view raters read a page through, and the merge of raters' files
into a set's labels.json; on hand-made pages and ratings, and on bad files."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
import rating  # noqa: E402

PAGE = """<!doctype html><html lang="de"><head><title>Maler Roth | Weilheim</title>
<meta name="description" content="Fassaden und Innenräume"><style>h1{color:red}</style>
<script>var x = "not read";</script></head><body>
<header><nav><a href="/leistungen">Leistungen</a> <a href="/kontakt">Kontakt</a></nav></header>
<main><h1>Farbe, die hält</h1><p>Wir streichen Fassaden seit 1976.</p>
<div style="display: none"><p>Nur per Skript sichtbar</p></div>
<a href="/"><img src="logo.png" alt="Maler Roth"></a><img src="team.jpg">
<form action="/send" method="post"><input name="email" placeholder="E-Mail" required>
<input type="hidden" name="token" value="x"><button>Angebot anfordern</button></form>
</main></body></html>"""


def test_the_view_reads_the_page_in_document_order_with_a_word_count():
    view = rating.text_view(PAGE).splitlines()
    assert view[:3] == [
        "TITLE: Maler Roth | Weilheim",
        "META DESCRIPTION: Fassaden und Innenräume",
        "DECLARED LANG: de",
    ]
    text = "\n".join(view)
    assert "not read" not in text and "color:red" not in text
    nav = view.index("[NAV]")
    assert view[nav + 1].startswith("[link -> /leistungen] Leistungen [/link]")
    assert "(w=2)" in view[nav + 1]  # two visible words: the labels, not the markup around them
    assert "[h1] Farbe, die hält   (w=5)" in view
    assert "Wir streichen Fassaden seit 1976.   (w=10)" in view
    hidden = view.index("[HIDDEN in the markup: <div> shown only if a script reveals it]")
    assert (
        view[hidden + 1].startswith("Nur per Skript sichtbar")
        and view[hidden + 2] == "[END HIDDEN]"
    )
    assert "[link -> /] (image: Maler Roth) [/link] [image, no alt]" in text
    form = view.index("[FORM action=/send method=post]")
    assert "[field input type= 'E-Mail' required]" in view[form + 1]
    assert "token" not in text and "[button] Angebot anfordern [/button]" in view[form + 1]


def _rater(scores: dict[str, tuple[int, int, int, int]]) -> dict[str, dict[str, object]]:
    return {
        pid: {**dict(zip(rating.CRITERIA, s, strict=True)), "why": f"reason for {pid}"}
        for pid, s in scores.items()
    }


def _set(tmp_path: Path, raters: list[dict[str, dict[str, object]]]) -> Path:
    (tmp_path / "pages").mkdir()
    for pid in ("a", "b", "c", "d"):
        (tmp_path / "pages" / f"{pid}.html").write_text("<p>x</p>")
    for n, rated in enumerate(raters, 1):
        (tmp_path / f"ratings-r{n}.json").write_text(json.dumps(rated))
    return tmp_path


def test_the_view_shows_a_page_whose_body_tag_a_tag_left_open_swallowed():
    """'<link href=""\n<body>': the view showed only 'html'; it shows the page a browser shows."""
    html = (
        '<!doctype html><html><head><title>Snack</title>\n<link href=""\n\n<body>\n'
        "<nav><a href='#menu'>Menu</a></nav><h1>Friet en snacks</h1><p>Open elke dag.</p>"
        "</body></html>"
    )
    view = rating.text_view(html)
    assert "[h1] Friet en snacks" in view and "Open elke dag." in view
    assert "TITLE: Snack" in view


def test_merge_writes_labels_and_the_raters_agreement(tmp_path):
    same = {"a": (0, 0, 0, 0), "b": (1, 1, 1, 1), "c": (2, 2, 1, 2), "d": (2, 1, 0, 1)}
    other = {**same, "d": (1, 1, 0, 1)}
    folder = _set(tmp_path, [_rater(same), _rater(same), _rater(other)])
    agreement = rating.merge(folder)
    labels = json.loads((folder / "labels.json").read_text())
    assert sorted(labels) == ["a", "b", "c", "d"]
    assert labels["d"]["ratings"]["r3"]["benefit"] == 1
    assert labels["d"]["mean"]["benefit"] == 1.667 and labels["c"]["mean"]["proof"] == 2.0
    assert labels["a"]["why"] == {"r1": "reason for a", "r2": "reason for a", "r3": "reason for a"}
    assert agreement["findability"] == {"spearman": 1.0, "kappa": 1.0}
    assert agreement["benefit"]["spearman"] < 1.0 and agreement["benefit"]["kappa"] < 1.0


def test_merge_without_the_pages_takes_the_rated_ids(tmp_path):
    """A set kept in bench/rated/ has no pages/ folder: its ratings still merge, over the
    pages the raters rated, and a rater who rated another page is named."""
    same = {"a": (0, 0, 0, 0), "b": (1, 1, 1, 1), "c": (2, 2, 1, 2)}
    for n in (1, 2):
        (tmp_path / f"ratings-r{n}.json").write_text(json.dumps(_rater(same)))
    rating.merge(tmp_path)
    assert sorted(json.loads((tmp_path / "labels.json").read_text())) == ["a", "b", "c"]
    (tmp_path / "ratings-r2.json").write_text(json.dumps(_rater({**same, "z": (1, 1, 1, 1)})))
    with pytest.raises(rating.RatingError, match="rates page 'z', which the first rater did not"):
        rating.merge(tmp_path)
    (tmp_path / "ratings-r1.json").write_text("{}")
    (tmp_path / "ratings-r2.json").write_text("{}")
    with pytest.raises(rating.RatingError, match="no pages in pages/ and no rated pages"):
        rating.merge(tmp_path)


@pytest.mark.parametrize(
    ("change", "said"),
    [
        (lambda r: r.pop("c"), "no rating for page 'c'"),
        (lambda r: r["b"].update(proof=3), "page 'b', proof: 3 is not 0, 1 or 2"),
    ],
)
def test_a_bad_raters_file_is_named_with_its_page(tmp_path, change, said):
    good = {"a": (0, 0, 0, 0), "b": (1, 1, 1, 1), "c": (2, 2, 2, 2), "d": (1, 0, 1, 0)}
    bad = _rater(good)
    change(bad)
    folder = _set(tmp_path, [_rater(good), bad])
    with pytest.raises(rating.RatingError, match=said):
        rating.merge(folder)


def test_the_command_line_says_what_is_wrong_without_a_traceback(tmp_path):
    def run(*args: str) -> subprocess.CompletedProcess[str]:
        script = str(REPO / "bench" / "rating.py")
        return subprocess.run(
            [sys.executable, script, *args], capture_output=True, text=True, check=False
        )

    (tmp_path / "ratings-r1.json").write_text("{not json")
    (tmp_path / "ratings-r2.json").write_text("{}")
    done = run("merge", str(tmp_path))
    assert done.returncode == 2 and "ratings-r1.json: not JSON" in done.stderr
    assert "Traceback" not in done.stderr
    missing = run("view", str(tmp_path / "nothing.html"))
    assert missing.returncode == 2 and "no such file" in missing.stderr
    assert run("sideways").returncode == 2
    page = tmp_path / "p.html"
    page.write_text(PAGE, encoding="utf-8")
    shown = run("view", str(page))
    assert shown.returncode == 0 and shown.stdout.startswith("TITLE: Maler Roth")
