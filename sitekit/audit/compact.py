"""Page results kept as compressed pickles: a 5,000-page audit stays small in memory.

Pages of one site repeat most of their result (check titles, fixes, evidence wording, the
site's chrome), so an audit compresses its pages against a dictionary of its first pages'
results (zlib's preset dictionary): ~3.3 KB a page becomes ~0.3-1.3 KB. A blob packed without
the dictionary is read the same way with it (a dictionary only fills the window before the
blob's start, which such a blob never refers to).

The blobs are raw deflate (no zlib header, no checksum): they live in this audit's memory
only, never on disk. So reading one does not sum the 32 KB dictionary's checksum again (the
zlib format names its dictionary by that sum), and a packer primed with the dictionary once is
copied for each page instead of loading the dictionary into a fresh one."""

from __future__ import annotations

import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from typing import Any, TypeVar, overload

T = TypeVar("T")

DICTIONARY_BYTES = 32 * 1024  # zlib's window: a longer dictionary's start is never used
RAW = -15  # wbits: raw deflate, 32 KB window
_primed: dict[bytes, Any] = {}  # the last dictionary -> a packer that has read it


def pack(page: Any, zdict: bytes = b"") -> bytes:
    """One page result as a compressed pickle (against `zdict` when given)."""
    data = pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL)
    primed = _primed.get(zdict)
    if primed is None:
        if zdict:
            primed = zlib.compressobj(1, zlib.DEFLATED, RAW, zdict=zdict)
        else:
            primed = zlib.compressobj(1, zlib.DEFLATED, RAW)
        _primed.clear()  # one audit's dictionary at a time
        _primed[zdict] = primed
    packer = primed.copy()
    return packer.compress(data) + packer.flush()


def unpack(blob: bytes, zdict: bytes = b"") -> Any:
    """The page result `pack` packed, with the dictionary it was packed with (if any)."""
    if not zdict:
        return pickle.loads(zlib.decompress(blob, RAW))
    reader = zlib.decompressobj(RAW, zdict=zdict)
    return pickle.loads(reader.decompress(blob) + reader.flush())


def dictionary_of(pages: Iterable[Any]) -> bytes:
    """A preset dictionary for a site's pages: the pickles of its first results (the last
    DICTIONARY_BYTES of them: zlib finds matches at a short distance first)."""
    data = b"".join(pickle.dumps(page, protocol=pickle.HIGHEST_PROTOCOL) for page in pages)
    return data[-DICTIONARY_BYTES:]


class CompactPages(Sequence[T]):
    """Page results kept as compressed pickles (~3 KB a page instead of ~30 KB as objects)
    and rebuilt one at a time when read, so a 5,000-page audit stays small in memory."""

    def __init__(self, pages: Iterable[T] = (), zdict: bytes = b"") -> None:
        self.zdict = zdict  # the preset dictionary its blobs were packed against (b"": none)
        self._blobs: list[bytes] = [pack(page, zdict) for page in pages]
        self.sort_keys: list[tuple[bool, str]] | None = None  # (not is_entry, url) per page

    @classmethod
    def from_blobs(
        cls,
        blobs: Iterable[bytes],
        sort_keys: list[tuple[bool, str]] | None = None,
        zdict: bytes = b"",
    ) -> CompactPages[T]:
        out = cls(zdict=zdict)
        out._blobs = list(blobs)
        out.sort_keys = sort_keys
        return out

    def append(self, page: T) -> None:
        self._blobs.append(pack(page, self.zdict))

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
            return [unpack(b, self.zdict) for b in self._blobs[index]]
        page: T = unpack(self._blobs[index], self.zdict)
        return page

    def __iter__(self) -> Iterator[T]:
        for blob in self._blobs:
            yield unpack(blob, self.zdict)

    def __repr__(self) -> str:
        return f"CompactPages({len(self)} pages)"
