"""build_site(): config -> content -> pages -> templates -> output, read top to bottom."""

from __future__ import annotations

import contextlib
import hashlib
import os
import re
import time
from collections.abc import Iterator
from pathlib import Path

import jinja2

from sitekit.build.cache import (
    CACHE_DIR,
    BuildCache,
    Entry,
    Manifests,
    cache_salt,
    diag_from_row,
    entry_for,
)
from sitekit.build.content import load_page
from sitekit.build.context import SiteContext
from sitekit.build.cta_links import link_problems, site_paths
from sitekit.build.images import images_stamp, page_image_problems
from sitekit.build.lint import Words, guard_words, lint_page
from sitekit.build.output import MARKER, OutputWriter, check_out_dir, write_error
from sitekit.build.pages import check_templates, render_404, render_page, render_stories_index
from sitekit.build.sitefiles import robots, sitemap
from sitekit.build.sources import content_file_names, decode_source
from sitekit.build.static import collect_static, fingerprint_names
from sitekit.build.stories import STORIES_URL, resolve_refs, story_names
from sitekit.build.themes import load_theme, make_environment, template_error, theme_fingerprint
from sitekit.errors import BuildError, ContentError, Diagnostic, Location
from sitekit.models import MAX_PAGE_BYTES, BuildResult, Page, SiteConfig

_GENERATED_NAMES = ("sitemap.xml", "robots.txt", "404.html", MARKER)


def _duplicates(entries: dict[str, Entry]) -> list[Diagnostic]:
    seen: dict[str, str] = {}
    problems = []
    for rel, entry in entries.items():
        path = entry.output_path
        if not entry.ok or not path:
            continue
        # the first part of the path, split only when it can be a generated file's name
        top = path.split("/", 1)[0] if path.startswith(_GENERATED_NAMES) else ""
        if top in _GENERATED_NAMES:
            problems.append(
                Diagnostic(
                    "error",
                    f"this page would build {entry.url}, a folder in place of the generated "
                    f"{top}; choose another slug or file name",
                    Location(rel),
                    "slug",
                )
            )
        elif entry.output_path in seen:
            problems.append(
                Diagnostic(
                    "error",
                    f"duplicate output URL {entry.url}: {rel} and "
                    f"{seen[entry.output_path]} both build it",
                    Location(rel),
                    "slug",
                )
            )
        else:
            seen[entry.output_path] = rel
    return problems


def read_sources(
    config: SiteConfig,
    files: list[str],
    cache: BuildCache,
    salt: str,
    words: Words,
    drafts: bool,
) -> tuple[dict[str, Entry], dict[str, Page]]:
    """Entries for every content file (from the cache when its hash matches) and the Pages
    parsed this run, which are the ones to render."""
    entries: dict[str, Entry] = {}
    pages: dict[str, Page] = {}
    root_prefix = len(str(config.root)) + 1
    lookup_stamp = cache.lookup_stamp
    with _site_folder(config.root) as site_fd:
        for name in files:
            rel = name[root_prefix:] if os.sep == "/" else name[root_prefix:].replace(os.sep, "/")
            # by its path under the site folder's descriptor: the kernel walks two parts,
            # not the whole absolute path
            info = os.stat(rel, dir_fd=site_fd) if site_fd is not None else os.stat(name)
            stamp = (info.st_mtime_ns, info.st_size)
            entry = lookup_stamp(rel, stamp)  # unchanged since the last build: not read
            if entry is None:
                # a file changed within the last 2 s could change again within the same mtime
                # tick without its size changing; trust its stamp only when older (git's
                # "racy" rule)
                trusted = stamp if info.st_mtime_ns < time.time_ns() - 2_000_000_000 else None
                entry, page = _read_entry(config, name, rel, trusted, cache, salt, words)
                if page is not None and (not page.draft or drafts):
                    pages[rel] = page
            entries[rel] = entry
    return entries, pages


def _read_entry(
    config: SiteConfig,
    path: str,
    rel: str,
    stamp: tuple[int, int] | None,
    cache: BuildCache,
    salt: str,
    words: Words,
) -> tuple[Entry, Page | None]:
    """A changed (or new) content file's entry: from the cache when its content hash is
    known, else parsed and linted, with its Page to render."""
    with open(path, "rb") as handle:
        data = handle.read()
    key = hashlib.sha1(salt.encode() + rel.encode() + b"\0" + data).hexdigest()
    entry = cache.lookup(rel, key)
    if entry is not None:
        return entry._replace(stamp=stamp), None
    text, problems = decode_source(data, rel)  # strict UTF-8; None: no page
    page, more = load_page(text, rel, rel.split("/", 1)[1]) if text else (None, [])
    problems += more
    if page is not None:
        # a page in another language is judged with that language's word lists
        own = page.language and page.language != config.language
        problems += lint_page(page, guard_words(page.language) if own else words)
    return entry_for(page, key, problems, stamp), page


@contextlib.contextmanager
def _site_folder(root: Path) -> Iterator[int | None]:
    """A descriptor of the site folder to stat content files under (None where the platform
    has no dir_fd, as on Windows)."""
    if os.stat not in os.supports_dir_fd:
        yield None
        return
    fd = os.open(root, os.O_RDONLY | getattr(os, "O_DIRECTORY", 0))
    try:
        yield fd
    finally:
        os.close(fd)


def build_site(
    config: SiteConfig,
    out_dir: Path | None = None,
    drafts: bool = False,
    strict: bool = False,
    clean: bool = False,
) -> BuildResult:
    """Build the site; raise ContentError/BuildError with every problem, writing nothing."""
    started = time.perf_counter()
    out = check_out_dir(config, out_dir)
    theme = load_theme(config)
    fingerprint = theme_fingerprint(theme)
    env = make_environment(theme, fingerprint, config.root / CACHE_DIR / "jinja")
    words = guard_words(config.language)
    static, static_problems = collect_static(theme)
    # a page's width, height and srcset come from its images: a changed image re-renders
    salt = cache_salt(config, fingerprint, words, drafts) + images_stamp(static)[:12]
    cache = BuildCache(config.root, enabled=not clean, salt=salt)
    files, file_problems = content_file_names(config)
    diagnostics = [*config.diagnostics, *file_problems, *_config_warnings(config)]
    entries, pages = read_sources(config, files, cache, salt, words, drafts)
    for entry in entries.values():
        if entry.diagnostics:
            diagnostics += [diag_from_row(d) for d in entry.diagnostics]
    live = {rel: e for rel, e in entries.items() if e.ok and (not e.draft or drafts)}
    diagnostics += _duplicates(live)
    diagnostics += check_templates(entries, pages, env)
    diagnostics += page_image_problems(pages, static)
    # stories quoted by other pages: on the whole index, so a page quoting a story that
    # changed is rendered again though its own source did not change
    stories = story_names(live)
    ref_problems, stale = resolve_refs(live, stories)
    diagnostics += ref_problems
    _fail_on(diagnostics, strict)
    for rel, html_key in stale.items():
        live[rel] = entries[rel] = live[rel]._replace(html_key=html_key)
        if rel not in pages:
            pages[rel] = _reload(config, rel)
    diagnostics += static_problems
    generated = _generated_pages(live, stories)
    # where each CTA and next step leads: checked on the whole index, cached pages too
    links = link_problems(
        {rel: (e.url, e.links) for rel, e in live.items()},
        site_paths(((e.url, e.output_path) for e in (*live.values(), *generated)), static),
    )
    diagnostics += links
    if any(d.level == "error" for d in links) or (strict and links):
        _fail_on(diagnostics, strict)
    ctx = SiteContext(
        config,
        env,
        fingerprint_names(static),
        re.sub(r"^https?://[^/]+", "", config.base_url).rstrip("/"),
        _home_cta(live),
        static,
        stories,
    )
    writer = _open_writer(out, cache, clean)
    try:
        reused = _write_site(writer, live, pages, static, ctx, cache, generated)
    except OSError as exc:  # a read-only or full disk: one clear line, the output unchanged
        writer.abort()
        raise write_error(exc, out) from None
    except BaseException:
        writer.abort()
        raise
    cache.save(entries)
    warnings = tuple(d for d in diagnostics if d.level == "warning")
    return BuildResult(
        out,
        pages=len(live) + len(generated),  # the stories index is a page too
        files=writer.files,
        seconds=round(time.perf_counter() - started, 3),
        diagnostics=warnings,
        reused=reused,
    )


def _config_warnings(config: SiteConfig) -> list[Diagnostic]:
    if config.base_url:
        return []
    return [
        Diagnostic(
            "warning",
            "[site] base_url is not set: canonical URLs, "
            "sitemap.xml and Open Graph use site-relative paths",
            Location("sitekit.toml"),
            "site.base_url",
        )
    ]


def _reload(config: SiteConfig, rel: str) -> Page:
    """A cached page read again (a story it quotes changed); it parsed cleanly last time."""
    text, _ = decode_source((config.root / rel).read_bytes(), rel)
    page, _ = load_page(text or "", rel, rel.split("/", 1)[1])
    if page is None:  # changed since this build read it: the next build sees it
        raise BuildError(
            "a content file changed during the build; build again",
            (Diagnostic("error", "changed while it was being built", Location(rel)),),
        )
    return page


def _generated_pages(live: dict[str, Entry], stories: dict[str, dict[str, str]]) -> list[Entry]:
    """The stories index at /stories/, when any story exists and no page of the site's own
    builds that URL."""
    if not stories or any(e.url == STORIES_URL for e in live.values()):
        return []
    return [Entry("", url=STORIES_URL, output_path=STORIES_URL.strip("/") + "/index.html")]


def _home_cta(live: dict[str, Entry]) -> tuple[str, str] | None:
    """The home page's CTA, else the first page's that has one (for templates' headers)."""
    home = live.get(next((r for r, e in live.items() if e.url == "/"), ""))
    return home.cta if home and home.cta else next((e.cta for e in live.values() if e.cta), None)


def _open_writer(out: Path, cache: BuildCache, clean: bool) -> OutputWriter:
    try:
        return OutputWriter(out, Manifests(cache.dir, out), fresh=clean)
    except OSError as exc:
        raise write_error(exc, out) from None


def _write_site(
    writer: OutputWriter,
    live: dict[str, Entry],
    pages: dict[str, Page],
    static: dict[str, Path],
    ctx: SiteContext,
    cache: BuildCache,
    generated: list[Entry],
) -> int:
    """Render the pages read this run, reuse the cached ones, add static and generated files,
    and swap the result in; the number of pages reused from the cache."""
    # the cached pages: most are in the shadow as they are; the others linked from the cache,
    # or read and rendered again when the cache lost them
    cached = [(e.output_path, e.html_key) for rel, e in live.items() if rel not in pages]
    left = writer.keep_unchanged(cached)
    lost = cache.missing([key for _, key in left]) if left else set()
    for rel in [rel for rel, e in live.items() if e.html_key in lost and rel not in pages]:
        pages[rel] = _reload(ctx.config, rel)
    for output_path, key in left:
        if key not in lost:
            writer.write(output_path, source=cache.html_path(key), digest=key)
    render_errors = []
    too_large: list[Diagnostic] = []
    for rel, entry in live.items():
        if rel in pages:
            try:
                html = render_page(pages[rel], ctx)
            except Exception as exc:  # template bugs of any kind become located errors
                if isinstance(
                    exc,
                    jinja2.TemplateError | TypeError | AttributeError | ValueError | KeyError,
                ):
                    render_errors.append(template_error(exc, ctx.config.root, rel))
                    continue
                raise
            if len(html) > MAX_PAGE_BYTES // 4 and len(html.encode()) > MAX_PAGE_BYTES:
                too_large.append(_too_large(rel, len(html.encode())))
                continue
            written = writer.write(entry.output_path, html, digest=entry.html_key)
            if not render_errors and not too_large:
                cache.keep(written, entry.html_key)
    if render_errors:
        raise BuildError("the theme failed to render", tuple(render_errors + too_large))
    if too_large:
        raise ContentError(
            f"{len(too_large)} page(s) too large; nothing was written", tuple(too_large)
        )
    for rel, path in static.items():
        writer.write(ctx.assets.get(rel, rel), source=path)
    for entry in generated:
        writer.write(entry.output_path, render_stories_index(ctx))
    indexed = [e for e in (*live.values(), *generated) if not e.noindex]
    writer.write("sitemap.xml", sitemap(indexed, ctx))
    writer.write("robots.txt", robots(ctx))
    writer.write("404.html", render_404(ctx))
    writer.commit()
    return len(cached) - len(lost)


def _too_large(rel: str, size: int) -> Diagnostic:
    return Diagnostic(
        "error",
        f"the built page is {size:,} bytes, over the auditor's limit of {MAX_PAGE_BYTES:,}: "
        "no audit or crawler would read it whole; split it into several pages",
        Location(rel, 1),
    )


def _fail_on(diagnostics: list[Diagnostic], strict: bool) -> None:
    errors = [d for d in diagnostics if d.level == "error"]
    warnings = [d for d in diagnostics if d.level == "warning"]
    ordered = tuple(sorted(diagnostics, key=_order))
    if errors:
        raise ContentError(
            f"{len(errors)} error(s), {len(warnings)} warning(s); nothing was written", ordered
        )
    if strict and warnings:
        raise ContentError(
            f"{len(warnings)} warning(s) with --strict; nothing was written", ordered
        )


def _order(diag: Diagnostic) -> tuple[str, int]:
    loc = diag.location
    return (loc.path if loc else "", (loc.line or 0) if loc else 0)
