"""Bad content files get a clear, located error or warning at build, never a traceback or a
silently wrong page: encodings, binary files, empty files, dates, oversized pages."""

from __future__ import annotations

from pathlib import Path

from click.testing import CliRunner

from sitekit.cli import main

CONFIG = '[site]\nname = "Acme Plumbing"\nbase_url = "https://acme.example"\n'
HOME = """\
---
title: Leaks fixed today
---

# Your leak fixed today

Book a plumber in two minutes.
"""


def site(tmp_path: Path, files: dict[str, bytes | str]) -> Path:
    root = tmp_path / "site"
    (root / "content").mkdir(parents=True)
    (root / "sitekit.toml").write_text(CONFIG, "utf-8")
    (root / "content" / "index.md").write_text(HOME, "utf-8")
    for name, data in files.items():
        path = root / "content" / name
        path.parent.mkdir(parents=True, exist_ok=True)
        if isinstance(data, str):
            path.write_text(data, "utf-8")
        else:
            path.write_bytes(data)
    return root


def build(root: Path, *args: str):  # type: ignore[no-untyped-def]
    result = CliRunner().invoke(main, ["build", str(root), *args])
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    return result


def test_windows_1252_file_is_refused_with_offset_and_guess(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Caf\u00e9 prices\n---\n\n"
        "Our \u201cbest\u201d price for your caf\u00e9 \u2013 guaranteed, na\u00efve or not.\n"
    )
    data = text.encode("cp1252")
    offset = data.index(b"\xe9")
    result = build(site(tmp_path, {"prices.md": data}))
    assert result.exit_code == 2
    assert (
        f"content/prices.md:2: error: not UTF-8: byte 0xe9 at offset {offset} cannot be decoded"
        in result.stderr
    )
    assert "it looks like Windows-1252: re-save the file as UTF-8" in result.stderr
    assert not (tmp_path / "site" / "_site" / "prices").exists()


def test_binary_file_renamed_md_is_refused(tmp_path: Path) -> None:
    png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256)) * 8
    result = build(site(tmp_path, {"logo.md": png}))
    assert result.exit_code == 2
    assert (
        "content/logo.md:3: error: a binary file, not Markdown text (a NUL byte at offset 8)"
        in result.stderr
    )


def test_utf16_file_is_named(tmp_path: Path) -> None:
    data = "\ufeff---\ntitle: Hi\n---\nHello\n".encode("utf-16-le")
    result = build(site(tmp_path, {"hi.md": b"\xff\xfe" + data[2:]}))
    assert result.exit_code == 2
    assert "content/hi.md:1: error: saved as UTF-16; re-save it as UTF-8" in result.stderr


def test_empty_file_is_a_located_warning_and_no_page(tmp_path: Path) -> None:
    root = site(tmp_path, {"empty.md": "", "blank.md": "\n  \n"})
    result = build(root)
    assert result.exit_code == 0, result.stderr
    assert "content/empty.md:1: warning: empty file: no page built from it" in result.stderr
    assert "content/blank.md:1: warning: empty file" in result.stderr
    assert not (root / "_site" / "empty").exists()
    assert "Empty" not in (root / "_site" / "sitemap.xml").read_text("utf-8")


def test_date_in_another_shape_is_a_located_warning(tmp_path: Path) -> None:
    page = "---\ntitle: News\ndate: 05/12/2026\n---\n\nOur news.\n"
    result = build(site(tmp_path, {"news.md": page, "ok.md": "---\ndate: 2026-05-12\n---\nHi\n"}))
    assert result.exit_code == 0, result.stderr
    assert "content/news.md:3: warning: date '05/12/2026' is not YYYY-MM-DD" in result.stderr
    assert "content/ok.md" not in result.stderr


def test_page_over_the_auditors_limit_is_a_located_error(tmp_path: Path) -> None:
    paragraph = "Our plumbers fix leaks the same day, with a fixed price before any work. " * 20
    page = "---\ntitle: Everything\n---\n\n" + (paragraph + "\n\n") * 3600  # ~5.3 MB of HTML
    root = site(tmp_path, {"all.md": page})
    for _ in range(2):  # and again: the refused page is not cached as built
        result = build(root)
        assert result.exit_code == 2
        assert "content/all.md:1: error: the built page is" in result.stderr
        assert "over the auditor's limit of 5,000,000" in result.stderr
    assert not (root / "_site").exists()


def test_editor_temp_files_in_content_are_not_pages(tmp_path: Path) -> None:
    broken = "---\nbenefit: [broken\n---\n"
    root = site(tmp_path, {".#about.md": broken, "about.md~": broken, "about.md": "# About\n"})
    result = build(root)
    assert result.exit_code == 0, result.stderr
    assert (root / "_site" / "about" / "index.html").is_file()
