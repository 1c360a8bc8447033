"""Theme lookup (site templates -> chosen theme -> its parents -> default) and Jinja2 setup."""

from __future__ import annotations

import contextlib
import hashlib
import tomllib
from dataclasses import dataclass
from pathlib import Path
from types import TracebackType
from typing import Any

import jinja2

from sitekit.build.config import CONFIG_NAME, key_line
from sitekit.build.markdown import markdown_filter
from sitekit.errors import BuildError, ConfigError, Diagnostic, Location
from sitekit.models import SiteConfig
from sitekit.resources import themes_dir

DEFAULT_THEME = "default"
MAX_PARENTS = 5


@dataclass(frozen=True)
class Theme:
    """A resolved theme: template and static folders, highest priority first."""

    name: str
    folders: tuple[Path, ...]  # theme roots: chosen theme first, default theme last
    template_dirs: tuple[Path, ...]  # site templates/ first
    static_dirs: tuple[Path, ...]  # theme statics, lowest priority first; site static/ last


def find_theme_folder(config: SiteConfig, name: str) -> Path | None:
    """A theme folder by name: the site's own themes/ first, then the bundled themes."""
    for base in (config.root / "themes", themes_dir()):
        folder = base / name
        if (folder / "templates").is_dir():
            return folder
    return None


def load_theme(config: SiteConfig) -> Theme:
    """Resolve `[site] theme` and its `parent` chain into search paths."""
    folders: list[Path] = []
    name: str | None = config.theme
    while name and len(folders) <= MAX_PARENTS:
        folder = find_theme_folder(config, name)
        if folder is None:
            where = Location(CONFIG_NAME, key_line(_config_text(config), "site", "theme"))
            raise ConfigError(
                f"theme '{name}' not found",
                (
                    Diagnostic(
                        "error",
                        f"theme '{name}' not found in {config.root / 'themes'} or "
                        f"{themes_dir()} (a theme folder has theme.toml, templates/, static/)",
                        where,
                        "site.theme",
                    ),
                ),
            )
        if folder in folders:
            break
        folders.append(folder)
        name = _theme_meta(folder).get("parent") or (
            DEFAULT_THEME if name != DEFAULT_THEME else None
        )
    templates = [config.templates_dir] if config.templates_dir.is_dir() else []
    templates += [f / "templates" for f in folders]
    statics = [f / "static" for f in reversed(folders) if (f / "static").is_dir()]
    if config.static_dir.is_dir():
        statics.append(config.static_dir)
    return Theme(config.theme, tuple(folders), tuple(templates), tuple(statics))


def _config_text(config: SiteConfig) -> str:
    try:
        return (config.root / CONFIG_NAME).read_text(encoding="utf-8")
    except OSError:
        return ""


def _theme_meta(folder: Path) -> dict[str, Any]:
    path = folder / "theme.toml"
    try:
        return tomllib.loads(path.read_text(encoding="utf-8"))
    except FileNotFoundError:
        return {}
    except tomllib.TOMLDecodeError as exc:
        raise BuildError(f"{path}: invalid TOML: {exc}") from None


def theme_fingerprint(theme: Theme) -> str:
    """A hash of every template and static file (name, size, content) in the search path."""
    digest = hashlib.sha1()
    for folder in (*theme.template_dirs, *theme.static_dirs):
        for path in sorted(p for p in folder.rglob("*") if p.is_file()):
            digest.update(str(path).encode())
            digest.update(path.read_bytes())
    return digest.hexdigest()


_ENVIRONMENTS: dict[tuple[tuple[Path, ...], str, Path | None], jinja2.Environment] = {}


class _BytecodeCache(jinja2.FileSystemBytecodeCache):
    """Compiled templates on disk; a missing or unwritable cache folder only costs time."""

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            super().load_bytecode(bucket)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        with contextlib.suppress(OSError):
            Path(self.directory).mkdir(parents=True, exist_ok=True)
            super().dump_bytecode(bucket)


def make_environment(
    theme: Theme, fingerprint: str = "", bytecode_dir: Path | None = None
) -> jinja2.Environment:
    """A Jinja2 environment over the theme's search path; undefined names are errors.

    Kept per search path and theme fingerprint, so a long-running `serve` compiles each
    template once and starts afresh when any template or static file changes.
    """
    key = (theme.template_dirs, fingerprint, bytecode_dir)  # the cache folder is per site
    if key not in _ENVIRONMENTS:
        _ENVIRONMENTS.clear()
        _ENVIRONMENTS[key] = _new_environment(theme, bytecode_dir)
    return _ENVIRONMENTS[key]


def _new_environment(theme: Theme, bytecode_dir: Path | None) -> jinja2.Environment:
    cache = None
    if bytecode_dir is not None:  # compiled templates survive between processes
        cache = _BytecodeCache(str(bytecode_dir))
    env = jinja2.Environment(
        bytecode_cache=cache,
        loader=jinja2.FileSystemLoader([str(p) for p in theme.template_dirs]),
        autoescape=True,
        auto_reload=False,  # no stat of each template per page: a template change makes a
        # new fingerprint, hence a new environment (make_environment)
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=False,
    )
    env.filters["markdown"] = markdown_filter  # FAQ answers: Markdown, as the body
    return env


def template_error(exc: Exception, root: Path, page: str = "") -> Diagnostic:
    """A Diagnostic naming the template file and line of a Jinja2 failure."""
    filename, line = None, None
    if isinstance(exc, jinja2.TemplateSyntaxError):
        filename, line = exc.filename, exc.lineno
    else:
        filename, line = _template_frame(exc.__traceback__)
    path = _display(filename, root) if filename else "template"
    what = f" while rendering {page}" if page else ""
    kind = type(exc).__name__
    return Diagnostic("error", f"template error{what}: {kind}: {exc}", Location(path, line))


def _template_frame(tb: TracebackType | None) -> tuple[str | None, int | None]:
    """The innermost traceback frame that belongs to a template (Jinja2 rewrites them)."""
    found: tuple[str | None, int | None] = (None, None)
    while tb is not None:
        name = tb.tb_frame.f_code.co_filename
        if name.endswith((".html", ".xml", ".txt", ".j2", ".jinja")):
            found = (name, tb.tb_lineno)
        tb = tb.tb_next
    return found


def _display(filename: str, root: Path) -> str:
    path = Path(filename)
    for base in (root, themes_dir().parent):
        try:
            return path.resolve().relative_to(base.resolve()).as_posix()
        except ValueError:
            continue
    return filename
