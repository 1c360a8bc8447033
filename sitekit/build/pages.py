"""Templating: a page, and the 404 page, through the theme's Jinja2 templates."""

from __future__ import annotations

import json
import re
from typing import Any

import jinja2
from markupsafe import Markup

from sitekit.build.cache import Entry
from sitekit.build.context import SiteContext
from sitekit.build.images import lazy_body_images
from sitekit.build.kinds import KINDS
from sitekit.build.sitefiles import stories_data, structured_data
from sitekit.build.stories import STORIES_URL, quote_stories
from sitekit.build.themes import template_error
from sitekit.errors import BuildError, Diagnostic, Location
from sitekit.models import Page


def _json_script(data: Any) -> Markup:
    text = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    return Markup(text.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026"))


def render_page(page: Page, ctx: SiteContext) -> str:
    """One page through its template (landing.html, page.html, or `template:`)."""
    page = quote_stories(page, ctx.stories)
    rel = page.source.as_posix()
    lines = page.field_lines

    def src(field: str) -> str:
        line = lines.get(field)
        return f"{rel}:{line}" if line else rel

    body = ctx.markdown.source_mapped(page.body_md, rel, page.body_line)
    if page.is_landing or page.template in KINDS:  # the template's h1 is the only one
        body = re.sub(r"<(/?)h1\b", r"<\1h2", body)
    if "<img" in body:
        body = lazy_body_images(body, ctx.static)
    cfg = ctx.config
    title = page.title
    if cfg.name and cfg.name.lower() not in title.lower():
        title = f"{title} | {cfg.name}"
    template = ctx.env.get_template(f"{page.template}.html")
    hero = ctx.image(page.hero_image.src, page.hero_image.alt) if page.hero_image else None
    image = page.image or cfg.extra.get("image", "") or (hero.src if hero else "")
    return template.render(
        ctx.globals(page.url, page.language),
        page=page,
        hero=hero,
        src=src,
        body=Markup(body),
        title=title,
        description=page.description or cfg.extra.get("description", ""),
        canonical=ctx.absolute(page.url),
        image=ctx.absolute(image) if image else "",
        json_ld=_json_script(structured_data(page, ctx)),
    )


def render_404(ctx: SiteContext) -> str:
    """The theme's 404.html, site-wide values only."""
    try:
        template = ctx.env.get_template("404.html")
        return template.render(
            ctx.globals("/404.html"),
            title=f"Page not found | {ctx.config.name}",
            description="",
            canonical="",
            image="",
            json_ld=None,
        )
    except jinja2.TemplateError as exc:
        raise BuildError(
            "the 404 template failed", (template_error(exc, ctx.config.root),)
        ) from None


def render_stories_index(ctx: SiteContext) -> str:
    """The generated stories index: each story's customer, headline result and link."""
    stories = sorted(ctx.stories.values(), key=lambda s: (s["date"], s["title"]), reverse=True)
    cfg = ctx.config
    heading = cfg.extra.get("labels", {}).get("stories", "Customer stories")
    try:
        template = ctx.env.get_template("stories.html")
        return template.render(
            ctx.globals(STORIES_URL),
            page={"role": "story", "url": STORIES_URL, "noindex": False},  # the role mark
            stories=stories,
            heading=heading,
            title=f"{heading} | {cfg.name}",
            description=f"{heading}: " + "; ".join(s["title"] for s in stories)[:150],
            canonical=ctx.absolute(STORIES_URL),
            image="",
            json_ld=_json_script(stories_data(stories, ctx)),
        )
    except jinja2.TemplateError as exc:
        raise BuildError(
            "the stories index template failed", (template_error(exc, ctx.config.root),)
        ) from None


def check_templates(
    entries: dict[str, Entry], pages: dict[str, Page], env: jinja2.Environment
) -> list[Diagnostic]:
    """A located error for each page whose template is missing (that entry is marked not ok)."""
    problems = []
    for rel, page in pages.items():
        try:
            env.get_template(f"{page.template}.html")
        except jinja2.TemplateNotFound:
            line = page.field_lines.get("template")
            problems.append(
                Diagnostic(
                    "error",
                    f"template '{page.template}' not found (no {page.template}.html in the "
                    "site's templates/ or the theme)",
                    Location(rel, line),
                    "template",
                )
            )
            entries[rel] = entries[rel]._replace(ok=False)
        except jinja2.TemplateSyntaxError:
            pass  # reported with its file and line when rendering
    return problems
