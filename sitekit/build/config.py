"""sitekit.toml -> SiteConfig; collects every problem before failing."""

from __future__ import annotations

import re
import tomllib
from pathlib import Path
from typing import Any

from sitekit.build import theme_settings
from sitekit.build.language import tag_problem
from sitekit.errors import ConfigError, Diagnostic, Location, did_you_mean
from sitekit.models import (
    CheckIgnore,
    CheckSettings,
    Contact,
    MarkdownSettings,
    NavItem,
    SiteConfig,
)

CONFIG_NAME = "sitekit.toml"
ENGINES = ("cmark-gfm", "python-markdown")

KNOWN_KEYS: dict[str, tuple[str, ...]] = {
    "site": ("name", "base_url", "language", "theme", "analytics", "description", "image"),
    "nav": ("label", "url"),
    "contact": ("email", "phone", "address"),
    "labels": (),  # free-form: section headings of the theme
    "markdown": ("raw_html", "engine", "extensions", "extension_configs"),
    "theme": theme_settings.KEYS,
    "check": ("fail_under", "profile", "criteria", "ignore"),
}
DEFAULT_LABELS: dict[str, str] = {
    "skip": "Skip to content",
    "next_steps": "Take the next step",
    "signup": "Get it by e-mail",
    "signup_privacy": "We use your e-mail only to send you this. Unsubscribe in one click.",
    "proof": "What customers say",
    "guarantee": "Our guarantee",
    "faq": "Questions people ask",
    "contact": "Contact",
    "not_found": "We could not find that page",
    "not_found_text": "The link may be old or mistyped. Here is where to go next:",
    "trust": "Why customers trust us",
    "trust_rating": "out of 5",
    "trust_reviews": "reviews",
    "trust_customers": "customers",
    "cta_bar": "Quick action",
    # page kinds: story, welcome, referral
    "stories": "Customer stories",
    "story_situation": "Before",
    "story_choice": "Why they chose us",
    "story_outcome": "What happened",
    "story_results": "Results",
    "story_fit": "Is this for you?",
    "story_fit_good": "Works well for",
    "story_fit_not_for": "Not a good fit for",
    "read_story": "Read the story",
    "welcome_steps": "What happens next",
    "welcome_contact": "Who to contact",
    "welcome_wrong": "If something goes wrong",
    "you_get": "What you get",
    "how_it_works": "How it works",
}


def key_line(text: str, table: str, key: str) -> int | None:
    """The 1-based line of `key =` inside `[table]` / `[[table]]` (table '' = top level)."""
    current = ""
    for number, raw in enumerate(text.splitlines(), start=1):
        line = raw.strip()
        header = re.match(r"^\[\[?\s*([^\]]+?)\s*\]\]?", line)
        if header:
            current = header.group(1)
            if key == "" and current == table:
                return number
            continue
        if current == table and re.match(rf"^{re.escape(key)}\s*=", line):
            return number
    return None


class _Collector:
    """Gathers located problems in sitekit.toml."""

    def __init__(self, path: str, text: str) -> None:
        self.path = path
        self.text = text
        self.diagnostics: list[Diagnostic] = []

    def add(self, level: str, message: str, table: str, key: str = "") -> None:
        line = key_line(self.text, table, key) if key else key_line(self.text, table, "")
        field = f"{table}.{key}" if key else table
        self.diagnostics.append(Diagnostic(level, message, Location(self.path, line), field))

    def add_at(self, level: str, message: str, line: int | None, field: str) -> None:
        self.diagnostics.append(Diagnostic(level, message, Location(self.path, line), field))

    def text_value(self, table: dict[str, Any], name: str, key: str, default: str = "") -> str:
        value = table.get(key, default)
        if isinstance(value, str):
            return value
        self.add("error", f"[{name}] {key} must be a string, got {type(value).__name__}", name, key)
        return default

    def unknown_keys(self, table: dict[str, Any], name: str) -> None:
        known = KNOWN_KEYS[name]
        for key in table:
            if known and key not in known:
                hint = did_you_mean(key, known)
                self.add("warning", f"unknown key '{key}' in [{name}]{hint}", name, key)


def load_config(site_dir: Path, base_url: str | None = None) -> SiteConfig:
    """Read SITE_DIR/sitekit.toml; raise ConfigError listing every problem found."""
    root = Path(site_dir).resolve()
    path = root / CONFIG_NAME
    if not path.is_file():
        raise ConfigError(
            f"{path} not found: not a sitekit site (start one with `sitekit new DIR`)"
        )
    text = path.read_text(encoding="utf-8")
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as exc:
        match = re.search(r"at line (\d+)", str(exc))
        line = int(match.group(1)) if match else None
        diag = Diagnostic("error", f"invalid TOML: {exc}", Location(CONFIG_NAME, line))
        raise ConfigError(f"{CONFIG_NAME} is not valid TOML", (diag,)) from None
    return parse_config(root, data, text, base_url)


def parse_config(
    root: Path, data: dict[str, Any], text: str = "", base_url: str | None = None
) -> SiteConfig:
    """Turn parsed TOML into a SiteConfig, collecting every problem."""
    col = _Collector(CONFIG_NAME, text)
    for key in data:
        if key not in KNOWN_KEYS:
            hint = did_you_mean(key, tuple(KNOWN_KEYS))
            col.add("warning", f"unknown table '{key}'{hint}", key)
    site = _table(col, data, "site")
    col.unknown_keys(site, "site")
    name = col.text_value(site, "site", "name")
    if not name:
        col.add("error", "[site] name is required (the business name shown in the header)", "site")
    url = base_url if base_url is not None else col.text_value(site, "site", "base_url")
    if url and not re.match(r"^https?://[^/\s]+", url):
        col.add(
            "error",
            f"[site] base_url must start with http:// or https://, got {url!r}",
            "site",
            "base_url",
        )
    contact_table = _table(col, data, "contact")
    col.unknown_keys(contact_table, "contact")
    contact = Contact(*(col.text_value(contact_table, "contact", k) for k in KNOWN_KEYS["contact"]))
    labels = dict(DEFAULT_LABELS)
    for key, value in _table(col, data, "labels").items():
        labels[key] = str(value)
    markdown = _table(col, data, "markdown")
    col.unknown_keys(markdown, "markdown")
    extra = {k: v for k, v in data.items() if k not in KNOWN_KEYS}
    extra["labels"] = labels
    extra["raw_html"] = bool(markdown.get("raw_html", False))
    markdown_settings = _markdown(col, markdown, extra["raw_html"])
    extra["description"] = col.text_value(site, "site", "description")
    extra["image"] = col.text_value(site, "site", "image")
    theme = _table(col, data, "theme")
    col.unknown_keys(theme, "theme")
    extra["theme"] = theme_settings.parse_theme(col, theme)
    language = col.text_value(site, "site", "language", "en") or "en"
    if tag_problem(language):
        col.add("error", f"[site] language {tag_problem(language)}", "site", "language")
    config = SiteConfig(
        root=root,
        name=name,
        base_url=url.rstrip("/"),
        language=language,
        theme=col.text_value(site, "site", "theme", "default") or "default",
        nav=_nav(col, data.get("nav", [])),
        contact=contact,
        analytics=col.text_value(site, "site", "analytics"),
        check=_check(col, data.get("check", {})),
        markdown=markdown_settings,
        extra=extra,
        diagnostics=tuple(col.diagnostics),
    )
    errors = [d for d in col.diagnostics if d.level == "error"]
    if errors:
        raise ConfigError(f"{CONFIG_NAME} has {len(errors)} error(s)", tuple(col.diagnostics))
    return config


def _table(col: _Collector, data: dict[str, Any], name: str) -> dict[str, Any]:
    value = data.get(name, {})
    if isinstance(value, dict):
        return value
    col.add("error", f"'{name}' must be a table ([{name}])", "", name)
    return {}


def _nav(col: _Collector, value: Any) -> tuple[NavItem, ...]:
    if not isinstance(value, list):
        col.add("error", "'nav' must be a list of [[nav]] tables with label and url", "nav")
        return ()
    items = []
    for item in value:
        if not isinstance(item, dict) or not item.get("label") or not item.get("url"):
            col.add("error", "each [[nav]] needs a label and a url", "nav")
            continue
        col.unknown_keys(item, "nav")
        items.append(NavItem(str(item["label"]), str(item["url"])))
    return tuple(items)


def _check(col: _Collector, value: Any) -> CheckSettings:
    if not isinstance(value, dict):
        col.add("error", "'check' must be a table ([check])", "check")
        return CheckSettings()
    col.unknown_keys(value, "check")
    fail_under = value.get("fail_under")
    if fail_under is not None and not isinstance(fail_under, int | float):
        col.add("error", "[check] fail_under must be a number 0-100", "check", "fail_under")
        fail_under = None
    criteria = value.get("criteria", {})
    if not isinstance(criteria, dict) or not all(
        isinstance(v, int | float) for v in criteria.values()
    ):
        col.add("error", "[check.criteria] must map criterion ids to numbers", "check.criteria")
        criteria = {}
    ignores = []
    for item in value.get("ignore", []):
        if not isinstance(item, dict):
            col.add("error", "each [[check.ignore]] must be a table", "check.ignore")
            continue
        if not str(item.get("reason", "")).strip():
            col.add(
                "error",
                "[[check.ignore]] needs a reason (why is this check silenced?)",
                "check.ignore",
            )
            continue
        ignores.append(
            CheckIgnore(str(item.get("url", "*")), str(item.get("check", "*")), str(item["reason"]))
        )
    profile = value.get("profile")
    return CheckSettings(
        fail_under=float(fail_under) if fail_under is not None else None,
        criteria_fail_under={str(k): float(v) for k, v in criteria.items()},
        ignore=tuple(ignores),
        profile=str(profile) if profile else None,
    )


def _markdown(col: _Collector, table: dict[str, Any], raw_html: bool) -> MarkdownSettings:
    """[markdown] engine, extensions and extension_configs (Python-Markdown's names, as in
    MkDocs' markdown_extensions and Pelican's MARKDOWN setting)."""
    engine = col.text_value(table, "markdown", "engine", "cmark-gfm") or "cmark-gfm"
    if engine not in ENGINES:
        col.add(
            "error",
            f"[markdown] engine '{engine}' is not known: use 'cmark-gfm' (the default) or "
            f"'python-markdown'{did_you_mean(engine, ENGINES)}",
            "markdown",
            "engine",
        )
        return MarkdownSettings()
    names = table.get("extensions", [])
    if not isinstance(names, list) or not all(isinstance(n, str) and n for n in names):
        col.add("error", "[markdown] extensions must be a list of names", "markdown", "extensions")
        names = []
    configs = table.get("extension_configs", {})
    if not isinstance(configs, dict) or not all(isinstance(v, dict) for v in configs.values()):
        col.add(
            "error",
            "[markdown] extension_configs must be a table of tables "
            "([markdown.extension_configs.toc] permalink = true)",
            "markdown",
            "extension_configs",
        )
        configs = {}
    if engine != "python-markdown":
        if names or configs:
            col.add(
                "warning",
                "[markdown] extensions are Python-Markdown's: they do nothing unless "
                'engine = "python-markdown"',
                "markdown",
                "extensions" if names else "extension_configs",
            )
        return MarkdownSettings()
    # imported only for sites that choose this engine (Python-Markdown loads in ~15 ms)
    from sitekit.build.md_extensions import extension_problems

    for name in configs:
        if name not in names:
            col.add_at(
                "warning",
                f"settings for extension '{name}', which is not in [markdown] extensions"
                f"{did_you_mean(name, names)}",
                _settings_line(col.text, name),
                f"markdown.extension_configs.{name}",
            )
    bad = False
    for name in dict.fromkeys(names):
        settings = configs.get(name, {})
        for message, key in extension_problems(name, settings):
            bad = True
            if key or name in configs:
                line = _settings_line(col.text, name, key)
                field = f"markdown.extension_configs.{name}" + (f".{key}" if key else "")
            else:
                line, field = (
                    _item_line(col.text, "markdown", "extensions", name),
                    "markdown.extensions",
                )
            col.add_at("error", f"[markdown] {message}", line, field)
    if "md_in_html" in names and not raw_html:
        col.add(
            "warning",
            "[markdown] md_in_html reads Markdown inside raw HTML, which is omitted unless "
            "raw_html = true",
            "markdown",
            "extensions",
        )
    if bad:
        return MarkdownSettings()
    return MarkdownSettings("python-markdown", tuple(dict.fromkeys(names)), configs)


def _item_line(text: str, table: str, key: str, item: str) -> int | None:
    """The line of "item" in the list `key = [...]` of [table] (the list may span lines)."""
    start = key_line(text, table, key)
    if start is None:
        return key_line(text, table, "")
    lines = text.splitlines()
    for number in range(start, len(lines) + 1):
        if re.search(rf"""["']{re.escape(item)}["']""", lines[number - 1]):
            return number
        if number > start and re.match(r"^\s*\[", lines[number - 1]):  # the next table
            break
    return start


def _settings_line(text: str, name: str, key: str = "") -> int | None:
    """The line of [markdown.extension_configs.NAME] (or of KEY in it), written with or
    without quotes, else of extension_configs in [markdown]."""
    for table in (f"markdown.extension_configs.{name}", f'markdown.extension_configs."{name}"'):
        found = key_line(text, table, key) if key else None
        found = found or key_line(text, table, "")
        if found:
            return found
    return key_line(text, "markdown", "extension_configs") or key_line(text, "markdown", "")
