"""Bytes to text as browsers decode them, and sniffing whether bytes are an HTML page at all."""

from __future__ import annotations

import codecs
import re

_META_CHARSET = re.compile(
    rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([A-Za-z0-9_:.\-]{1,40})""", re.I
)
_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_SINGLE_BYTE = ("cp125", "iso8859", "latin", "ascii", "koi8", "mac-", "cp437", "cp850")
_BINARY_MAGIC = (b"%PDF", b"\x89PNG", b"GIF8", b"\xff\xd8\xff", b"PK\x03\x04", b"\x1f\x8b")


def sniff_meta_charset(body: bytes) -> str | None:
    """The charset a <meta> tag declares in the first 4 KB, if any."""
    match = _META_CHARSET.search(body[:4096])
    return match.group(1).decode("ascii", errors="replace") if match else None


def _codec(name: str | None) -> str | None:
    """Python's codec name for a declared charset (Latin-1 read as cp1252), or None."""
    if not name:
        return None
    try:
        canonical = codecs.lookup(name.strip().strip("\"'")).name
    except LookupError:
        return None
    if canonical in ("latin-1", "iso8859-1", "ascii"):
        return "cp1252"  # what browsers do (WHATWG Encoding)
    return canonical


def decode_html(body: bytes, header_encoding: str | None) -> str:
    """Decode HTML bytes: BOM > HTTP header > meta charset > UTF-8, falling back when one fails.

    Bytes that are valid UTF-8 with non-ASCII characters beat a declared single-byte charset
    (a lying header or meta); the last resort is UTF-8 with replacement characters.
    """
    for bom, encoding in _BOMS:
        if body.startswith(bom):
            return body[len(bom) :].decode(encoding, errors="replace")
    candidates: list[str] = []
    for name in (header_encoding, sniff_meta_charset(body)):
        codec = _codec(name)
        if codec and codec not in candidates:
            candidates.append(codec)
    if candidates and candidates[0].startswith(_SINGLE_BYTE) and not body.isascii():
        try:
            return body.decode("utf-8")
        except UnicodeDecodeError:
            pass
    for encoding in [*candidates, "utf-8", "cp1252"]:
        try:
            return body.decode(encoding)
        except (UnicodeDecodeError, LookupError):
            continue
    return body.decode("utf-8", errors="replace")


# Control characters no text has (tab, line feed, form feed and carriage return excepted)
_CONTROL_BYTES = bytes(b for b in range(32) if b not in (9, 10, 12, 13))


def looks_binary(body: bytes) -> bool:
    """True for bytes no HTML page starts with: NUL bytes, image/archive magic, control soup."""
    if any(body.startswith(bom) for bom, _ in _BOMS):
        return False
    sample = body[:4096]
    if b"\x00" in sample or sample.startswith(_BINARY_MAGIC):
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))  # counted in C
    return bool(sample) and controls / len(sample) > 0.1


def looks_like_html(body: bytes) -> bool:
    """Sniff a body without a Content-Type: does it start like an HTML document?"""
    head = decode_html(body[:1024], None).lstrip().lower()
    return head.startswith(("<!doctype html", "<html", "<head", "<body", "<!--")) or any(
        tag in head for tag in ("<html", "<body", "<title", "<div", "<p>", "<a ")
    )
