"""A page's sections, for `findability-empty-sections`: its blocks by word position, the
runs of headings that are a list set as headings, and the figures set as headings."""

from __future__ import annotations

import re
from bisect import bisect_left

from sitekit.models import Element
from sitekit.text import word_len


class Positions:
    """Blocks by word position: `between(start, end)` is the blocks at start <= position <
    end, in order, by two binary searches when the positions are in document order (the walk
    records them so; else a scan): a page costs blocks x log, not headings x blocks."""

    def __init__(self, blocks: list[Element]) -> None:
        self.blocks = blocks
        self.at = [b.position for b in blocks]
        self.ordered = all(a <= b for a, b in zip(self.at, self.at[1:], strict=False))

    def between(self, start: int, end: int) -> list[Element]:
        if self.ordered:
            return self.blocks[bisect_left(self.at, start) : bisect_left(self.at, end)]
        return [b for b, at in zip(self.blocks, self.at, strict=True) if start <= at < end]


FIGURE_OR_CODE_RE = re.compile(r"[\d$<>{}=|]")


def is_figure_label(text: str) -> bool:
    """'20+', '95%', '3': a statistic's number set as a heading, not a section title."""
    return word_len(text) <= 2 and bool(re.search(r"\d", text))


def not_a_heading_list(
    candidates: list[tuple[int, Element, bool]], heads: list[Element]
) -> list[Element]:
    """Empty sections, leaving out runs of 3+ consecutive headings of one level with nothing
    between them: a list set as headings (feature titles in a grid), not empty sections."""
    out: list[Element] = []
    run: list[tuple[int, Element, bool]] = []

    def flush() -> None:
        if len(run) < 3:
            out.extend(h for _, h, _ in run)
        else:
            out.extend(h for _, h, loading in run if loading)
        run.clear()

    for item in candidates:
        i, head, _ = item
        if run and (run[-1][0] != i - 1 or run[-1][1].kind != head.kind):
            flush()
        run.append(item)
    flush()
    return out
