"""How a rated set is made: the text view raters read a page through, and the merge of three
raters' files into a set's labels.json (the corpus's format), with their agreement.

    python bench/rating.py view PAGE.html       the page as a rater reads it
    python bench/rating.py merge SET_DIR        SET_DIR/ratings-r*.json -> SET_DIR/labels.json

The view: title, meta description and declared language, then the body in document order with
a running count of visible words `(w=N)`; headings, links with their targets, buttons, forms and
their fields, image alt text; a part hidden in the markup (`hidden`, inline `display:none` or
`visibility:hidden`, `aria-hidden` on a block) is marked, since only a script would show it.
Scripts, styles and templates are left out. A rater's file maps each page id to
`{"benefit": 0-2, "findability": 0-2, "next_step": 0-2, "proof": 0-2, "why": "..."}`.
"""

from __future__ import annotations

import itertools
import json
import re
import sys
from pathlib import Path
from typing import Any

from bs4 import BeautifulSoup, Comment, NavigableString, Tag

sys.path.insert(0, str(Path(__file__).resolve().parent))

import accuracy  # (bench/accuracy.py, beside this script)

from sitekit.audit.snapshot.walk import body_in_head

CRITERIA = accuracy.CRITERIA
SKIP = {"script", "style", "noscript", "template", "svg", "head"}
BLOCK = {
    "p", "div", "section", "article", "aside", "li", "ul", "ol", "table", "tr", "td", "th",
    "blockquote", "figure", "figcaption", "address", "dl", "dt", "dd", "br", "hr", "fieldset",
    "body",
}  # fmt: skip
LANDMARKS = {"header", "footer", "main", "nav"}
HEADINGS = {"h1", "h2", "h3", "h4", "h5", "h6"}
HIDDEN_STYLE_RE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)


class RatingError(Exception):
    """A bad set or rater's file: said in one line, no traceback."""


def _spaced(text: str) -> str:
    return " ".join(text.split())


def _hidden(tag: Tag) -> bool:
    if tag.has_attr("hidden") or HIDDEN_STYLE_RE.search(str(tag.get("style", ""))):
        return True
    # aria-hidden on a block hides it from readers; on an icon (<i>, <span>) it hides the icon
    return tag.get("aria-hidden") == "true" and tag.name not in ("i", "span")


class _View:
    """The body's lines in document order, each closed by the running visible word count."""

    def __init__(self) -> None:
        self.lines: list[str] = []
        self.parts: list[tuple[str, str]] = []  # (as shown, its visible words)
        self.words = 0

    def flush(self) -> None:
        shown = _spaced(" ".join(shown for shown, _ in self.parts))
        visible = " ".join(words for _, words in self.parts)
        self.parts = []
        if shown:
            self.words += len(visible.split())
            self.lines.append(f"{shown}   (w={self.words})")

    def line(self, shown: str, visible: str = "") -> None:
        self.flush()
        self.words += len(visible.split())
        self.lines.append(f"{shown}   (w={self.words})" if visible else shown)

    def walk(self, node: Tag, in_hidden: bool = False) -> None:
        for child in node.children:
            if isinstance(child, Comment):
                continue
            if isinstance(child, NavigableString):
                self.parts.append((str(child), str(child)))
            elif isinstance(child, Tag) and child.name not in SKIP:
                self.element(child, in_hidden)

    def element(self, tag: Tag, in_hidden: bool) -> None:
        name = tag.name
        if _hidden(tag) and not in_hidden:
            self.line(f"[HIDDEN in the markup: <{name}> shown only if a script reveals it]")
            self.walk(tag, True)
            self.line("[END HIDDEN]")
        elif name in HEADINGS:
            text = _spaced(tag.get_text(" "))
            self.line(f"[{name}] {text}", text)
        elif name == "a":
            text = _spaced(tag.get_text(" "))
            alt = _spaced(" ".join(str(i.get("alt", "")) for i in tag.find_all("img")))
            label = text or (f"(image: {alt})" if alt else "(no text)")
            self.parts.append((f"[link -> {tag.get('href', '')}] {label} [/link]", text))
        elif name == "button" or (name == "input" and tag.get("type") in ("submit", "button")):
            text = _spaced(tag.get_text(" ")) or str(tag.get("value", ""))
            self.parts.append((f"[button] {text} [/button]", text))
        elif name == "img":
            shown = f"[image alt='{tag['alt']}']" if tag.get("alt") else "[image, no alt]"
            self.parts.append((shown, ""))
        elif name == "iframe":
            self.line(f"[embedded frame: {tag.get('src', '')}]")
        elif name == "form":
            self.line(f"[FORM action={tag.get('action', '')} method={tag.get('method', 'get')}]")
            self.walk(tag, in_hidden)
            self.line("[END FORM]")
        elif name in ("input", "select", "textarea"):
            if tag.get("type") != "hidden":
                said = tag.get("placeholder") or tag.get("name") or tag.get("id") or ""
                required = " required" if tag.has_attr("required") else ""
                self.parts.append(
                    (f"[field {name} type={tag.get('type', '')} '{said}'{required}]", "")
                )
        elif name in LANDMARKS:
            self.line(f"[{name.upper()}]")
            self.walk(tag, in_hidden)
            self.line(f"[END {name.upper()}]")
        elif name in BLOCK:
            self.flush()
            self.walk(tag, in_hidden)
            self.flush()
        else:
            self.walk(tag, in_hidden)


def text_view(html: bytes | str) -> str:
    """The page as a rater reads it (see the module's docstring)."""
    soup = BeautifulSoup(html, "html.parser")
    title = _spaced(soup.title.get_text(" ")) if soup.title else ""
    meta = soup.find("meta", attrs={"name": re.compile("^description$", re.IGNORECASE)})
    root = soup.find("html")
    head = [
        f"TITLE: {title}",
        f"META DESCRIPTION: {meta.get('content', '') if isinstance(meta, Tag) else ''}",
        f"DECLARED LANG: {root.get('lang', '') if isinstance(root, Tag) else ''}",
        "-" * 60,
    ]
    head_tag = soup.find("head")
    at = body_in_head(head_tag) if soup.body is None and isinstance(head_tag, Tag) else None
    if isinstance(head_tag, Tag) and at is not None:
        # a tag left open swallowed <body> ('<link href=""\n<body>'): html.parser left the
        # page in the head; a browser shows it, from the head's first element that is not a
        # head's (as the audit reads it)
        shown = soup.new_tag("body")
        for child in list(head_tag.contents[at:]):
            shown.append(child.extract())
        head_tag.insert_after(shown)
    view = _View()
    body = soup.body or soup
    view.walk(body)
    view.flush()
    return "\n".join(head + view.lines)


def merge(folder: Path) -> dict[str, dict[str, float]]:
    """Write `folder/labels.json` from its raters' files (`ratings-r1.json` ...) over the
    pages in `folder/pages`; return each criterion's agreement between raters: the mean
    pairwise Spearman and quadratic-weighted kappa."""
    files = sorted(folder.glob("ratings-r*.json"))
    if len(files) < 2:
        raise RatingError(f"{folder}: needs two or more ratings-r*.json files, found {len(files)}")
    raters: dict[str, dict[str, Any]] = {}
    for f in files:
        try:
            rated = json.loads(f.read_text(encoding="utf-8"))
        except (ValueError, UnicodeDecodeError) as exc:
            raise RatingError(f"{f}: not JSON ({exc})") from None
        if not isinstance(rated, dict):
            raise RatingError(f"{f}: not an object of page ids")
        raters[f.stem.split("-", 1)[1]] = rated
    # the pages rated: those in `pages/`, or, for a set kept without its pages (bench/rated/),
    # those the first rater rated (every other rater must then have rated the same pages)
    ids = sorted(p.stem for p in (folder / "pages").glob("*.html"))
    if not ids:
        ids = sorted(next(iter(raters.values())))
        for rater, rated in raters.items():
            extra = sorted(set(rated) - set(ids))
            if extra:
                raise RatingError(
                    f"{folder}/ratings-{rater}.json: rates page {extra[0]!r}, which the first "
                    "rater did not"
                )
    if not ids:
        raise RatingError(f"{folder}: no pages in pages/ and no rated pages")
    for rater, rated in raters.items():
        for pid in ids:
            entry = rated.get(pid)
            if not isinstance(entry, dict):
                raise RatingError(f"{folder}/ratings-{rater}.json: no rating for page {pid!r}")
            for c in CRITERIA:
                if entry.get(c) not in (0, 1, 2):
                    raise RatingError(
                        f"{folder}/ratings-{rater}.json: page {pid!r}, {c}: "
                        f"{entry.get(c)!r} is not 0, 1 or 2"
                    )
    labels: dict[str, dict[str, Any]] = {}
    for pid in ids:
        ratings = {r: {c: int(raters[r][pid][c]) for c in CRITERIA} for r in raters}
        labels[pid] = {
            "ratings": ratings,
            "mean": {
                c: round(sum(v[c] for v in ratings.values()) / len(ratings), 3) for c in CRITERIA
            },
            "why": {r: str(raters[r][pid].get("why", "")) for r in raters},
        }
    (folder / "labels.json").write_text(
        json.dumps(labels, indent=1, ensure_ascii=False) + "\n", encoding="utf-8"
    )
    agreement: dict[str, dict[str, float]] = {}
    pairs = list(itertools.combinations(raters, 2))
    for c in CRITERIA:
        here = accuracy.raters_here(labels, ids, c)  # (pairwise Spearman, each against the rest)
        given = {r: [int(labels[p]["ratings"][r][c]) for p in ids] for r in raters}
        agreement[c] = {
            "spearman": here[0] if here else float("nan"),
            "kappa": sum(accuracy.quadratic_kappa(given[a], given[b]) for a, b in pairs)
            / len(pairs),
        }
    return agreement


def main(argv: list[str]) -> int:
    if len(argv) != 2 or argv[0] not in ("view", "merge"):
        print(__doc__.split("\n\n")[1], file=sys.stderr)
        return 2
    command, target = argv
    path = Path(target)
    try:
        if command == "view":
            if not path.is_file():
                raise RatingError(f"{path}: no such file")
            print(text_view(path.read_bytes()))
        else:
            for c, a in merge(path).items():
                print(
                    f"{c:12s} raters pairwise: Spearman {a['spearman']:.2f}, kappa {a['kappa']:.2f}"
                )
    except RatingError as exc:
        print(f"rating: {exc}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
