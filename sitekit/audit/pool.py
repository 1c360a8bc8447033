"""The page stage's memory and processes: results kept compressed, and a bounded process pool
that snapshots and checks pages while the crawl goes on (a dead worker costs one batch), then
scores them once the crawl's links are known (the main process only fetches and routes).

A page the pool checks is scored at once, on the context most pages get (`common_context`:
links all answered, none broken); once the crawl is done, only a page whose context turned out
otherwise is scored again, from its scored result (`scoring.unscored`). The entry page and
pages read from files (their paths are shown relative to a folder) are scored after the crawl."""

from __future__ import annotations

import contextlib
import gc
import math
import sys
from array import array
from collections import deque
from collections.abc import Iterator, Sequence
from typing import TYPE_CHECKING, NamedTuple

from sitekit.audit.compact import CompactPages as CompactPages  # re-exported
from sitekit.audit.compact import dictionary_of, pack, unpack
from sitekit.audit.context import common_context, is_common
from sitekit.audit.page import check_fetched
from sitekit.audit.profile import Profile
from sitekit.audit.redact import relative_paths
from sitekit.audit.scoring import score_page, unscored
from sitekit.models import (
    CRITERIA,
    CheckedPage,
    CheckIgnore,
    CriterionResult,
    FetchedPage,
    PageContext,
    PageResult,
)
from sitekit.models_audit import fast_replace
from sitekit.text import forget_texts

# multiprocessing and concurrent.futures.process are imported only where a pool is used: a
# one-page audit never starts one, and importing them cost ~9 ms of its cold start (-X importtime).
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor


class PageMeta(NamedTuple):
    """What the pipeline needs of a checked page before scoring it (read without unpacking)."""

    url: str
    is_entry: bool
    auditable: bool
    role: str


def meta_of(checked: CheckedPage) -> PageMeta:
    page = checked.page
    return PageMeta(page.url, page.is_entry, page.auditable, page.role)


class Scored(NamedTuple):
    """One scored page: its report sort key, its result packed, and its scores only."""

    key: tuple[bool, str]  # (not is_entry, url): the report's order
    blob: bytes
    summary: PageResult  # without its checks: what the site score needs


def score_packed(
    blob: bytes,
    context: PageContext,
    profile: Profile,
    base: str | None,
    zdict: bytes,
    again: bool = False,
) -> Scored:
    """Score one packed checked page with its crawl context (in a worker or in-process);
    local paths (folder mode) shown relative to `base`; packed against `zdict`, both ways.
    `again`: the blob is a page scored on another context (never one read from a file)."""
    kept = unpack(blob, zdict)
    checked: CheckedPage = unscored(kept, profile) if again else kept
    result = score_page(checked, context, profile)
    if result.source_path and base is not None:
        result = relative_paths(result, base)
    return Scored((not result.is_entry, result.url), pack(result, zdict), scores_only(result))


def scores_only(result: PageResult) -> PageResult:
    """A page result without its checks: what the site score needs."""
    criteria = {cid: fast_replace(c, checks=()) for cid, c in result.criteria.items()}
    return fast_replace(result, criteria=criteria, screenshots={})


# A page scored in the check phase, as the site score needs it: (page score, each criterion's
# score in CRITERIA order), or (None,) when the page has no score
Scores = tuple[float | None, ...]
_WIDTH = 1 + len(CRITERIA)  # kept by the pool as this many doubles a page, NaN for None
_NO_SCORES = (math.nan,) * _WIDTH


def scores_of(result: PageResult) -> Scores:
    if not (result.auditable and result.score is not None):
        return (None,)
    return (result.score, *(result.criteria[crit].score for crit in CRITERIA))


def summary_of(meta: PageMeta, scores: Scores) -> PageResult:
    """The summary `scores_only` gives of a page scored in the check phase, for the site
    tallies (`SiteTally`, `ProofTally`): not the entry page, no status or checks."""
    if scores[0] is None:
        return PageResult(meta.url, None, None, auditable=meta.auditable, role=meta.role)
    criteria = {
        crit: CriterionResult(crit, s) for crit, s in zip(CRITERIA, scores[1:], strict=True)
    }
    return PageResult(meta.url, None, scores[0], criteria, role=meta.role)


IN_PROCESS_PAGES = 8  # check this many pages in-process before starting the pool
POOL_WORKERS = 2
BATCH_PAGES = 16  # pages per task sent to a worker
SCORE_BATCH_PAGES = 32  # checked pages per scoring task (scoring is cheaper than checking)
MAX_IN_FLIGHT = 6  # batches queued in the pool at once: memory stays flat

_worker_profile: Profile | None = None
_worker_zdict = b""  # the audit's preset dictionary (compact.py), the same in every process
_worker_ignores: tuple[CheckIgnore, ...] = ()

Checked = tuple[bytes, PageMeta, Scores | None]  # a page the pool checked (Scores: and scored)


def _init_worker(profile: Profile, zdict: bytes, ignores: tuple[CheckIgnore, ...]) -> None:
    global _worker_profile, _worker_zdict, _worker_ignores
    _worker_profile, _worker_zdict, _worker_ignores = profile, zdict, ignores


def _check_batch(batch: list[tuple[FetchedPage, bool, bool]]) -> list[Checked]:
    """Check a batch in a pool worker, and score each page the crawl expects to get the
    context most pages get (`likely_common`) on that context (not the entry page, nor a page
    read from a file, nor one ignored whole: those come back only checked, with Scores None);
    results come back packed, ready to keep."""
    profile, zdict = _worker_profile, _worker_zdict
    assert profile is not None
    out: list[Checked] = []
    for page, is_entry, common in batch:
        checked = check_fetched(page, profile, is_entry)
        meta, facts = meta_of(checked), checked.page
        context = None
        if common and not (facts.is_entry or facts.source_path):
            context = common_context(facts.url, _worker_ignores)
        if context is None or "*" in context.ignored:
            out.append((pack(checked, zdict), meta, None))
            continue
        result = score_page(checked, context, profile)
        out.append((pack(result, zdict), meta, scores_of(result)))
    return out


def _score_batch(batch: list[tuple[bytes, PageContext, bool]], base: str | None) -> list[Scored]:
    """Score a batch in a pool worker."""
    assert _worker_profile is not None
    return [
        score_packed(blob, context, _worker_profile, base, _worker_zdict, again)
        for blob, context, again in batch
    ]


def release_checking_memory() -> None:
    """What checking pages left in this process, given back once it stops checking them: the
    memos of their texts, the reference cycles of their parse trees, and (glibc) the heap
    pages that freed. A first page with thousands of links peaks at ~15 MB of Python objects;
    without this the main process kept most of it for the rest of the audit."""
    forget_texts()
    gc.collect()
    if sys.platform.startswith("linux"):
        import ctypes

        # not glibc (musl has no malloc_trim): the freed memory stays reusable here
        with contextlib.suppress(OSError, AttributeError):
            ctypes.CDLL("libc.so.6").malloc_trim(0)


_Batch = list[tuple[bytes, PageContext, bool]]  # (blob, context, scored on another already)


class PagePool:
    """Checks pages as they arrive: in-process first, then in a bounded process pool."""

    def __init__(
        self, profile: Profile, max_pages: int, ignores: tuple[CheckIgnore, ...] = ()
    ) -> None:
        self.profile = profile
        self.ignores = ignores  # [[check.ignore]]: the workers score on them while checking
        self.use_pool = max_pages > IN_PROCESS_PAGES  # a small crawl never starts the pool
        self.results: CompactPages[CheckedPage] = CompactPages()
        self.zdict = b""  # set once, from the in-process pages, when the pool starts
        self.metas: list[PageMeta] = []  # one per result, in the same order
        # one a result: 1 when it was scored in the check phase, then its Scores in _scores
        self.prescored = bytearray()
        self._scores = array("d")  # _WIDTH doubles a result (40 bytes, not a tuple's ~250)
        self._seen = 0
        self._pool: ProcessPoolExecutor | None = None
        self._batch: list[tuple[FetchedPage, bool, bool]] = []
        self._pending: deque[tuple[Future[list[Checked]], list[FetchedPage]]] = deque()

    def add(self, page: FetchedPage, is_entry: bool, common: bool = False) -> None:
        """Check `page` (and when `common`, the crawl expecting it to get the context most pages
        get, score it on that context while checking it: see `likely_common`)."""
        self._seen += 1
        if not self.use_pool or self._seen <= IN_PROCESS_PAGES:
            self.keep(check_fetched(page, self.profile, is_entry))  # compressed
            return
        self._batch.append((page, is_entry, common))
        if len(self._batch) >= BATCH_PAGES:
            self._submit()

    def keep(self, checked: CheckedPage) -> None:
        """A page checked elsewhere (a rendered one), kept in order with the others."""
        self.results.append(checked)
        self.metas.append(meta_of(checked))
        self.prescored.append(0)
        self._scores.extend(_NO_SCORES)

    def _submit(self) -> None:
        if not self._batch:
            return  # (a one-page audit ends here: no pool, no multiprocessing import)
        from concurrent.futures.process import BrokenProcessPool

        batch, self._batch = self._batch, []
        try:
            future = self._ensure_pool().submit(_check_batch, batch)
        except BrokenProcessPool:  # found broken while idle: recover, then run this batch
            self._recover(None)
            future = self._ensure_pool().submit(_check_batch, batch)
        self._pending.append((future, [page for page, _is_entry, _common in batch]))
        while len(self._pending) > MAX_IN_FLIGHT:
            self._collect()

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
            if not self.zdict:  # once: blobs packed against it are never read without it
                self.zdict = self.results.zdict = dictionary_of(self.results)
                release_checking_memory()  # from here on the workers check the pages
            import multiprocessing
            from concurrent.futures import ProcessPoolExecutor

            context = multiprocessing.get_context("forkserver")
            context.set_forkserver_preload(
                [
                    "sitekit.audit.pool",
                    "sitekit.audit.page",
                    "sitekit.audit.snapshot",
                    "sitekit.audit.scoring",
                ]
            )
            self._pool = ProcessPoolExecutor(
                POOL_WORKERS,
                mp_context=context,
                initializer=_init_worker,
                initargs=(self.profile, self.zdict, self.ignores),
            )
        return self._pool

    def _collect(self) -> None:
        from concurrent.futures.process import BrokenProcessPool

        future, pages = self._pending.popleft()
        try:
            results = future.result()
        except BrokenProcessPool:  # a worker died (out of memory, a crash in a C parser...)
            self._recover(pages)
            return
        for blob, meta, scores in results:
            self.results.append_packed(blob)
            self.metas.append(meta)
            self.prescored.append(scores is not None)
            if scores is None or scores[0] is None:
                self._scores.extend(_NO_SCORES)
            else:
                self._scores.extend(math.nan if s is None else s for s in scores)

    def _recover(self, lost: list[FetchedPage] | None) -> None:
        """After a worker died: `lost` pages are reported not scored, a fresh pool redoes the
        other queued batches (each crash costs at most one batch, never the audit)."""
        broken, self._pool = self._pool, None
        if broken is not None:
            broken.shutdown(wait=True, cancel_futures=True)
        queued = [pages for _future, pages in self._pending]
        self._pending.clear()
        if lost is None and queued:
            lost = queued.pop(0)
        reason = "not scored: the worker process reading it died; the audit went on"
        for page in lost or ():
            self.keep(
                CheckedPage(
                    PageResult(
                        page.url,
                        page.status,
                        None,
                        auditable=False,
                        reason=reason,
                        source_path=page.source_path,
                    )
                )
            )
        for pages in queued:
            self._batch = [(page, False, False) for page in pages]
            self._submit()

    def finish(self) -> CompactPages[CheckedPage]:
        """Every page checked (the pool stays up for `score`; `close` ends it)."""
        self._submit()
        while self._pending:
            self._collect()
        return self.results

    def score(self, order: Sequence[tuple[int, PageContext]], base: str | None) -> Iterator[Scored]:
        """Score the checked pages `order` names (index into `results`, context), yielded in
        that order as they come (the caller folds each in and keeps only its packed result):
        a page scored in the check phase on what turned out its context is yielded as kept;
        the others are scored (again) in the pool's workers when it runs (the main process
        only routes packed results), else here. A batch whose worker died is scored here."""
        from concurrent.futures.process import BrokenProcessPool

        pending: deque[tuple[list[Scored | None], Future[list[Scored]] | None, _Batch]]
        pending = deque()

        def collect() -> list[Scored]:
            ready, future, batch = pending.popleft()
            scored = None
            if future is not None:
                with contextlib.suppress(BrokenProcessPool):
                    scored = future.result()
            if scored is None:
                scored = [
                    score_packed(blob, ctx, self.profile, base, self.zdict, again)
                    for blob, ctx, again in batch
                ]
            made = iter(scored)
            return [item if item is not None else next(made) for item in ready]

        for start in range(0, len(order), SCORE_BATCH_PAGES):
            chunk = order[start : start + SCORE_BATCH_PAGES]
            ready: list[Scored | None] = []
            batch: _Batch = []
            for i, ctx in chunk:
                scored, meta = self.prescored[i], self.metas[i]
                if scored and (not meta.auditable or is_common(ctx)):
                    summary = summary_of(meta, self._scores_at(i))
                    ready.append(Scored((True, meta.url), self.results.blob(i), summary))
                else:
                    ready.append(None)
                    batch.append((self.results.blob(i), ctx, bool(scored)))
            self.results.release(i for i, _ctx in chunk)  # the scored copy replaces it
            future: Future[list[Scored]] | None = None
            if batch and self._pool is not None:  # (a pool never started is not started now)
                try:
                    future = self._ensure_pool().submit(_score_batch, batch, base)
                except BrokenProcessPool:
                    future = None
            pending.append((ready, future, batch))
            while len(pending) > MAX_IN_FLIGHT:
                yield from collect()
        while pending:
            yield from collect()

    def _scores_at(self, index: int) -> Scores:
        at = index * _WIDTH
        return tuple(None if math.isnan(s) else s for s in self._scores[at : at + _WIDTH])

    def close(self) -> None:
        if self._pool is not None:
            for future, _pages in self._pending:
                future.cancel()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
