"""Decoding tests: charset precedence, lying declarations, binary sniffing."""

from __future__ import annotations

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
