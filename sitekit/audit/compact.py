"""Page results kept as compressed pickles: a 5,000-page audit stays small in memory.

Pages of one site repeat most of their result (check titles, fixes, evidence wording, the
site's chrome), so an audit compresses its pages against a dictionary of its first pages'
results (zlib's preset dictionary): ~3.3 KB a page becomes ~0.3-1.3 KB. A blob packed without
the dictionary is read the same way with it (a dictionary only fills the window before the
blob's start, which such a blob never refers to).

The blobs are raw deflate (no zlib header, no checksum): they live in this audit's memory
only, never on disk. So reading one does not sum the 32 KB dictionary's checksum again (the
zlib format names its dictionary by that sum), and a packer primed with the dictionary once is
copied for each page instead of loading the dictionary into a fresh one.

Check results and their evidence (~60 objects a page) are pickled as their field values in
field order and rebuilt by filling a new object's __dict__ (the objects the constructor
makes): pickle's default for a dataclass writes each field's name beside its value and sets
them one by one, about a third more work to pack and to read."""

from __future__ import annotations

import copyreg
import io
import pickle
import zlib
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import fields
from operator import itemgetter
from typing import Any, TypeVar, overload

from sitekit.models import CheckResult, Evidence

T = TypeVar("T")

DICTIONARY_BYTES = 32 * 1024  # zlib's window: a longer dictionary's start is never used
RAW = -15  # wbits: raw deflate, 32 KB window
_primed: dict[bytes, Any] = {}  # the last dictionary -> a packer that has read it


_CHECK_FIELDS = tuple(f.name for f in fields(CheckResult))
_EVIDENCE_FIELDS = tuple(f.name for f in fields(Evidence))
_check_values = itemgetter(*_CHECK_FIELDS)
_evidence_values = itemgetter(*_EVIDENCE_FIELDS)
_new = object.__new__


def _rebuild_check(*values: Any) -> CheckResult:
    made: CheckResult = _new(CheckResult)
    made.__dict__.update(zip(_CHECK_FIELDS, values, strict=True))
    return made


def _rebuild_evidence(*values: Any) -> Evidence:
    made: Evidence = _new(Evidence)
    made.__dict__.update(zip(_EVIDENCE_FIELDS, values, strict=True))
    return made


def _reduce_check(result: CheckResult) -> tuple[Any, tuple[Any, ...]]:
    return _rebuild_check, _check_values(result.__dict__)


def _reduce_evidence(ev: Evidence) -> tuple[Any, tuple[Any, ...]]:
    return _rebuild_evidence, _evidence_values(ev.__dict__)


_REDUCERS = copyreg.dispatch_table.copy()
_REDUCERS[CheckResult] = _reduce_check
_REDUCERS[Evidence] = _reduce_evidence


def _dumps(page: Any) -> bytes:
    """pickle.dumps(page, HIGHEST_PROTOCOL), check results and evidence by their values."""
    out = io.BytesIO()
    pickler = pickle.Pickler(out, pickle.HIGHEST_PROTOCOL)
    pickler.dispatch_table = _REDUCERS
    pickler.dump(page)
    return out.getvalue()


def pack(page: Any, zdict: bytes = b"") -> bytes:
    """One page result as a compressed pickle (against `zdict` when given)."""
    data = _dumps(page)
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
    data = b"".join(_dumps(page) for page in pages)
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
