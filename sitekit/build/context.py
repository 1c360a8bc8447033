"""What every template shares in one build: the config, the Jinja2 environment, asset
names and the site's URLs (base path, origin)."""

from __future__ import annotations

import functools
import re
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import jinja2
from markupsafe import Markup

from sitekit.build.images import Picture, resolve
from sitekit.build.language import direction
from sitekit.build.markdown import Renderer, renderer_for
from sitekit.models import PageImage, SiteConfig


@dataclass
class SiteContext:
    """Everything templates share, computed once per build."""

    config: SiteConfig
    env: jinja2.Environment
    assets: dict[str, str]  # static name -> output name ("style.css" -> "style.1a2b3c4d.css")
    base_path: str  # "/docs" when base_url has a path, else ""
    home_cta: tuple[str, str] | None = None
    static: dict[str, Path] = field(default_factory=dict)  # output name -> file
    stories: dict[str, dict[str, str]] = field(default_factory=dict)  # reference -> summary

    def url(self, path: str) -> str:
        if path.startswith("/") and not path.startswith("//"):
            return self.base_path + path
        return path

    @functools.cached_property
    def origin(self) -> str:
        """The scheme and host of base_url ("https://example.com"); "" when unset."""
        base = self.config.base_url
        return re.sub(r"(https?://[^/]+).*", r"\1", base) if base else ""

    @functools.cached_property
    def markdown(self) -> Renderer:
        """The site's Markdown engine with its settings (body, FAQ answers)."""
        return renderer_for(self.config.markdown, bool(self.config.extra.get("raw_html")))

    def absolute(self, path: str) -> str:
        return self.origin + self.url(path)

    def asset(self, name: str) -> str:
        return self.url("/" + self.assets.get(name, name))

    def image(self, src: str, alt: str) -> Picture | None:
        """A static image with its size and variants, for templates; None when missing."""
        found = resolve(PageImage(src, alt), self.static)
        return found if isinstance(found, Picture) else None

    def globals(self, current_url: str, language: str = "") -> dict[str, Any]:
        cfg = self.config
        lang = language or cfg.language
        theme = cfg.extra.get("theme", {})
        nav = [
            {
                "label": n.label,
                "url": self.url(n.url),
                "current": n.url.rstrip("/") == current_url.rstrip("/"),
            }
            for n in cfg.nav
        ]
        return {
            "site": {
                "name": cfg.name,
                "language": cfg.language,
                "base_url": cfg.base_url,
                "contact": cfg.contact,
                "labels": cfg.extra.get("labels", {}),
                "description": cfg.extra.get("description", ""),
                "extra": cfg.extra,
            },
            "nav": nav,
            "lang": lang,
            "dir": direction(lang),
            "theme_css": Markup(theme.get("css", "")),  # validated colours and font names only
            "image": self.image,
            "asset": self.asset,
            "url": self.url,
            "analytics": Markup(cfg.analytics),
            "year": date.today().year,
            "home_cta": self.home_cta,
            "markdown_renderer": self.markdown,  # read by the `markdown` filter
        }
