"""TOML text parsed once: `loads(text)` is `tomllib.loads(text)`, kept in the user cache by
the text itself, so a start-up that finds the same `sitekit.toml` or `theme.toml` as the last
one neither imports `tomllib` (~13M instructions, 2% of a one-page rebuild) nor parses.

The cache is `$XDG_CACHE_HOME/sitekit/toml` (or `~/.cache/sitekit/toml`): one marshal file a
text, named by the text's checksum and holding the whole text, compared on reading, so a
changed file is a miss and a stale or unreadable entry is parsed again; deleting it is
safe. A table marshal cannot hold (a TOML date) is simply parsed every time."""

from __future__ import annotations

import marshal
import os
import sys
import zlib
from pathlib import Path
from typing import Any, cast


def loads(text: str) -> dict[str, Any]:
    """`tomllib.loads(text)`: the same table, the same `tomllib.TOMLDecodeError`."""
    key = f"{sys.version}|{text}"
    cached = _cache_file(key)
    try:
        found_key, data = marshal.loads(cached.read_bytes())
        if found_key == key:
            return cast("dict[str, Any]", data)
    except (OSError, EOFError, ValueError, TypeError):
        pass  # not cached yet (or unreadable): parse it
    import tomllib  # here: only a text not seen before is parsed

    data = tomllib.loads(text)
    _store(cached, (key, data))
    return data


def is_decode_error(exc: BaseException) -> bool:
    """Whether `exc` (a ValueError from `loads` or its caller) is tomllib's TOMLDecodeError."""
    import tomllib

    return isinstance(exc, tomllib.TOMLDecodeError)


def _cache_file(key: str) -> Path:
    root = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    name = f"{zlib.crc32(key.encode()):08x}{len(key):04x}"
    return Path(root) / "sitekit" / "toml" / f"{name}.marshal"


def _store(cached: Path, data: tuple[str, Any]) -> None:
    """Keep a parsed table (atomically); one that cannot be written or held is not kept."""
    try:
        blob = marshal.dumps(data)
        cached.parent.mkdir(parents=True, exist_ok=True)
        partial = cached.with_suffix(f".{os.getpid()}.tmp")
        partial.write_bytes(blob)
        os.replace(partial, cached)
    except (OSError, ValueError):
        pass
