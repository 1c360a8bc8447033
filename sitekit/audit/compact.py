"""Page results kept as compressed pickles: a 5,000-page audit stays small in memory."""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

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

    def blob(self, index: int) -> bytes:
        """The packed result at `index`, as kept."""
        return self._blobs[index]

    def release(self, indexes: Iterable[int]) -> None:
        """Forget the pages at `indexes` (read for the last time): memory stays flat while
        their scored copies are kept."""
        for index in indexes:
            self._blobs[index] = b""

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
