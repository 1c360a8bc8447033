"""Decoding tests: charset precedence, lying declarations, binary sniffing."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from sitekit.crawl.decode import decode_html, looks_binary, looks_like_html


def test_decode_html_prefers_bom_then_header_then_meta() -> None:
    text = "Grüße"
    assert decode_html(b"\xef\xbb\xbf" + text.encode(), "latin-1") == text
    assert decode_html(text.encode("utf-16"), None) == text
    assert decode_html(text.encode("cp1252"), "windows-1252") == text
    meta = b'<meta charset="iso-8859-1"><p>' + text.encode("latin-1")
    assert text in decode_html(meta, None)


def test_decode_html_falls_back_when_the_declared_charset_lies() -> None:
    text = "Café crème"
    assert decode_html(text.encode("latin-1"), "utf-8") == text  # says UTF-8, is Latin-1
    lying_meta = b'<meta charset="windows-1252">' + text.encode("utf-8")  # says 1252, is UTF-8
    assert text in decode_html(lying_meta, None)
    assert decode_html(b"ok \xff\xfe\xfd", "no-such-charset").startswith("ok ")


def test_looks_binary_spots_nul_bytes_and_magic_but_not_utf16_html() -> None:
    assert looks_binary(b"\x89PNG\r\n\x1a\n" + bytes(100))
    assert looks_binary(b"<html>\x00\x00\x00")
    assert not looks_binary("<html>é</html>".encode("utf-16"))
    assert not looks_binary(b"<!doctype html><p>plain</p>")


def test_looks_like_html_without_a_content_type() -> None:
    assert looks_like_html(b"\n  <!DOCTYPE html><title>x</title>")
    assert looks_like_html(b"<p>hello</p> and <a href='/'>home</a>")
    assert not looks_like_html(b'{"json": true}')
    assert not looks_like_html(b"plain text, no tags")


@settings(max_examples=500, deadline=None)
@given(
    st.binary(max_size=5000)
    | st.lists(st.sampled_from([b"\x01", b"\t", b"a", b"\n"])).map(b"".join)
)
def test_looks_binary_counts_control_bytes_as_a_loop_does(body: bytes) -> None:
    """Control bytes are counted in C (bytes.translate): the answer of the plain loop."""
    from sitekit.crawl.decode import _BINARY_MAGIC, _BOMS

    def reference(body: bytes) -> bool:
        if any(body.startswith(bom) for bom, _ in _BOMS):
            return False
        sample = body[:4096]
        if b"\x00" in sample or sample.startswith(_BINARY_MAGIC):
            return True
        controls = sum(1 for byte in sample if byte < 32 and byte not in (9, 10, 12, 13))
        return bool(sample) and controls / len(sample) > 0.1

    assert looks_binary(body) == reference(body)
