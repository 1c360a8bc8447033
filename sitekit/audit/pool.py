"""The page stage's memory and processes: results kept compressed, and a bounded process pool
that snapshots and checks pages while the crawl goes on (a dead worker costs one batch)."""

from __future__ import annotations

import pickle
import zlib
from collections import deque
from collections.abc import Iterable, Iterator, Sequence
from typing import TYPE_CHECKING, Any, TypeVar, overload

from sitekit.audit.page import check_fetched
from sitekit.audit.profile import Profile
from sitekit.models import CheckedPage, FetchedPage, PageResult

# multiprocessing and concurrent.futures.process are imported only where a pool is used: a
# one-page audit never starts one, and importing them cost ~9 ms of its cold start (-X importtime).
if TYPE_CHECKING:
    from concurrent.futures import Future, ProcessPoolExecutor

T = TypeVar("T")


class CompactPages(Sequence[T]):
    """Page results kept as compressed pickles (~3 KB a page instead of ~30 KB as objects)
    and rebuilt one at a time when read, so a 5,000-page audit stays small in memory."""

    def __init__(self, pages: Iterable[T] = ()) -> None:
        self._blobs: list[bytes] = [self.pack(page) for page in pages]
        self.sort_keys: list[tuple[bool, str]] | None = None  # (not is_entry, url) per page

    @staticmethod
    def pack(page: Any) -> bytes:
        """One page result as a compressed pickle."""
        return zlib.compress(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL), 1)

    @classmethod
    def from_blobs(
        cls, blobs: Iterable[bytes], sort_keys: list[tuple[bool, str]] | None = None
    ) -> CompactPages[T]:
        out = cls()
        out._blobs = list(blobs)
        out.sort_keys = sort_keys
        return out

    def append(self, page: T) -> None:
        self._blobs.append(self.pack(page))

    def append_packed(self, blob: bytes) -> None:
        """A page result already packed (by a pool worker, so the main process need not)."""
        self._blobs.append(blob)

    def __len__(self) -> int:
        return len(self._blobs)

    @overload
    def __getitem__(self, index: int) -> T: ...

    @overload
    def __getitem__(self, index: slice) -> list[T]: ...

    def __getitem__(self, index: int | slice) -> T | list[T]:
        if isinstance(index, slice):
            return [pickle.loads(zlib.decompress(b)) for b in self._blobs[index]]
        page: T = pickle.loads(zlib.decompress(self._blobs[index]))
        return page

    def __iter__(self) -> Iterator[T]:
        for blob in self._blobs:
            yield pickle.loads(zlib.decompress(blob))

    def __repr__(self) -> str:
        return f"CompactPages({len(self)} pages)"


IN_PROCESS_PAGES = 8  # check this many pages in-process before starting the pool
POOL_WORKERS = 2
BATCH_PAGES = 16  # pages per task sent to a worker
MAX_IN_FLIGHT = 6  # batches queued in the pool at once: memory stays flat

_worker_profile: Profile | None = None


def _init_worker(profile: Profile) -> None:
    global _worker_profile
    _worker_profile = profile


def _check_batch(batch: list[tuple[FetchedPage, bool]]) -> list[bytes]:
    """Check a batch in a pool worker; results come back packed, ready to keep."""
    assert _worker_profile is not None
    return [
        CompactPages.pack(check_fetched(page, _worker_profile, is_entry))
        for page, is_entry in batch
    ]


class PagePool:
    """Checks pages as they arrive: in-process first, then in a bounded process pool."""

    def __init__(self, profile: Profile, max_pages: int) -> None:
        self.profile = profile
        self.use_pool = max_pages > IN_PROCESS_PAGES  # a small crawl never starts the pool
        self.results: CompactPages[CheckedPage] = CompactPages()
        self._seen = 0
        self._pool: ProcessPoolExecutor | None = None
        self._batch: list[tuple[FetchedPage, bool]] = []
        self._pending: deque[tuple[Future[list[bytes]], list[FetchedPage]]] = deque()

    def add(self, page: FetchedPage, is_entry: bool) -> None:
        self._seen += 1
        if not self.use_pool or self._seen <= IN_PROCESS_PAGES:
            self.results.append(check_fetched(page, self.profile, is_entry))  # compressed
            return
        self._batch.append((page, is_entry))
        if len(self._batch) >= BATCH_PAGES:
            self._submit()

    def keep(self, checked: CheckedPage) -> None:
        """A page checked elsewhere (a rendered one), kept in order with the others."""
        self.results.append(checked)

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
        self._pending.append((future, [page for page, _is_entry in batch]))
        while len(self._pending) > MAX_IN_FLIGHT:
            self._collect()

    def _ensure_pool(self) -> ProcessPoolExecutor:
        if self._pool is None:
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
                initargs=(self.profile,),
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
        for blob in results:
            self.results.append_packed(blob)

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
            self.results.append(
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
            self._batch = [(page, False) for page in pages]
            self._submit()

    def finish(self) -> CompactPages[CheckedPage]:
        self._submit()
        while self._pending:
            self._collect()
        self.close()
        return self.results

    def close(self) -> None:
        if self._pool is not None:
            for future, _pages in self._pending:
                future.cancel()
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None
