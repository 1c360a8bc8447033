"""The content model: front-matter values validated into a Page (located problems, all at
once), and each page's URL and output path."""

from __future__ import annotations

import datetime as dt
import posixpath
import re
from pathlib import Path
from typing import Any

from sitekit.build import content_theme
from sitekit.build.frontmatter import SourceFile, parse_front_matter, split_front_matter
from sitekit.build.kinds import (
    KIND_FIELDS,
    KIND_REQUIRED,
    KIND_SHAPE_TEXT,
    KIND_SHAPES,
    KINDS,
    kind_fields,
)
from sitekit.errors import Diagnostic, Location, did_you_mean
from sitekit.models import ROLES, FaqItem, Link, Page, ProofItem, Signup

MAX_SIGNUP_FIELDS = 3
STRING_FIELDS = (
    "title",
    "description",
    "benefit",
    "summary",
    "guarantee",
    "slug",
    "template",
    "image",
    "date",
    "role",
)
FIELDS = (
    *STRING_FIELDS,
    "cta",
    "next_steps",
    "signup",
    "proof",
    "faq",
    "draft",
    "hero_image",
    "trust",
    "language",
    "noindex",
    *KIND_FIELDS,
)
SHAPES = {
    **KIND_SHAPES,
    "cta": ("label", "url"),
    "next_steps": ("label", "url", "note"),
    "signup": ("label", "action", "fields"),
    "proof": ("quote", "name", "role", "company", "result", "rating", "story"),
    "faq": ("q", "a"),
}
REQUIRED = {
    **KIND_REQUIRED,
    "cta": ("label", "url"),
    "next_steps": ("label", "url"),
    "signup": ("label", "action"),
    "proof": (),
    "faq": ("q", "a"),
}
SHAPE_TEXT = {
    **KIND_SHAPE_TEXT,
    "cta": "a mapping {label, url}",
    "next_steps": "a list of mappings {label, url, note}",
    "signup": "a mapping {label, action, fields}",
    "proof": "a list of mappings {quote, name, role, company, result} or {story}",
    "faq": "a list of mappings {q, a}",
}

_CONTROL = re.compile(r"[\x00-\x1f\x7f]")


def url_for_source(rel_in_content: str, slug: str = "") -> tuple[str, str] | None:
    """(site URL, output path) for a content path or slug; None when it escapes the site."""
    if slug:
        clean = slug.strip()
        if clean.startswith(("/", "\\")) and clean.strip("/\\") == "":
            parts: list[str] = []
        else:
            if "\\" in clean or clean.startswith("/") or ":" in clean:
                return None
            norm = posixpath.normpath(clean.strip("/"))
            if norm.startswith("..") or norm == "." or norm.startswith("/"):
                return None
            parts = norm.split("/")
            if any(len(p.encode()) > 200 or _CONTROL.search(p) for p in parts):
                return None  # no file system takes NUL; control characters; > 255 bytes
    else:
        stem = posixpath.splitext(rel_in_content)[0]
        parts = stem.split("/")
        if parts[-1] == "index":
            parts = parts[:-1]
    if any(p in ("", ".", "..") for p in parts):
        return None
    if not parts:
        return "/", "index.html"
    return "/" + "/".join(parts) + "/", "/".join(parts) + "/index.html"


class _PageBuilder:
    """Validates front-matter values into Page fields, collecting diagnostics."""

    def __init__(self, rel: str, lines: dict[str, int]) -> None:
        self.rel = rel
        self.lines = lines
        self.diagnostics: list[Diagnostic] = []

    def where(self, field: str) -> Location:
        line = self.lines.get(field) or self.lines.get(field.split(".")[0])
        return Location(self.rel, line)

    def problem(self, level: str, field: str, message: str) -> None:
        self.diagnostics.append(Diagnostic(level, message, self.where(field), field))

    def diagnostics_on(self, field: str) -> bool:
        return any(
            d.field == field or (d.field or "").startswith(field + ".") for d in self.diagnostics
        )

    def text(self, value: Any, field: str) -> str:
        if value is None:
            return ""
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            return value.strip()
        if isinstance(value, int | float) and not isinstance(value, bool):
            return str(value)
        self.problem("error", field, f"field '{field}' must be text, got {_kind(value)}")
        return ""

    def record(self, value: Any, field: str, shape: str) -> dict[str, str] | None:
        """A mapping with text values, checked against SHAPES[shape]."""
        if not isinstance(value, dict):
            self.problem(
                "error", field, f"field '{field}' must be {SHAPE_TEXT[shape]}, got {_kind(value)}"
            )
            return None
        out: dict[str, str] = {}
        for key, item in value.items():
            if key not in SHAPES[shape]:
                hint = did_you_mean(key, SHAPES[shape])
                self.problem(
                    "warning", f"{field}.{key}", f"unknown field '{key}' in '{field}'{hint}"
                )
                continue
            if shape == "signup" and key == "fields":
                continue
            if shape == "proof" and key == "rating":
                continue
            out[key] = self.text(item, f"{field}.{key}")
        missing = [k for k in REQUIRED[shape] if not out.get(k)]
        if missing:
            names = " and ".join(f"'{m}'" for m in missing)
            self.problem("error", field, f"field '{field}' needs {names} ({SHAPE_TEXT[shape]})")
            return None
        return out

    def records(self, value: Any, field: str) -> list[tuple[str, dict[str, str]]]:
        if value is None:
            return []
        if not isinstance(value, list):
            self.problem(
                "error", field, f"field '{field}' must be {SHAPE_TEXT[field]}, got {_kind(value)}"
            )
            return []
        out = []
        for index, item in enumerate(value):
            path = f"{field}.{index}"
            record = self.record(item, path, field)
            if record is not None:
                out.append((path, record))
        return out

    def rating(self, value: Any, field: str) -> float | None:
        if value is None:
            return None
        if isinstance(value, int | float) and not isinstance(value, bool) and 1 <= value <= 5:
            return float(value)
        self.problem("error", field, f"field '{field}' must be a number from 1 to 5")
        return None

    def signup(self, value: Any) -> Signup | None:
        if value is None:
            return None
        record = self.record(value, "signup", "signup")
        if record is None:
            return None
        fields = value.get("fields", ["email"])
        if isinstance(fields, str):
            fields = [fields]
        if not isinstance(fields, list) or not all(isinstance(f, str) and f for f in fields):
            self.problem(
                "error",
                "signup.fields",
                "field 'signup.fields' must be a list of field names, e.g. [name, email]",
            )
            return None
        if len(fields) > MAX_SIGNUP_FIELDS:
            self.problem(
                "error",
                "signup.fields",
                f"signup has {len(fields)} fields; keep it to "
                f"{MAX_SIGNUP_FIELDS} or fewer (every extra field costs sign-ups)",
            )
        if "email" not in fields:
            fields = ["email", *fields]
        return Signup(record["label"], record["action"], tuple(fields[:MAX_SIGNUP_FIELDS]))


def _kind(value: Any) -> str:
    names = {
        str: "a string",
        list: "a list",
        dict: "a mapping",
        bool: "true/false",
        int: "a number",
        float: "a number",
        type(None): "nothing",
    }
    return names.get(type(value), type(value).__name__)


def build_page(
    src: SourceFile, rel_in_content: str, values: dict[str, Any], lines: dict[str, int]
) -> tuple[Page | None, list[Diagnostic]]:
    """Validate front-matter values into a Page; the Page is None when it has errors."""
    pb = _PageBuilder(src.rel, lines)
    extra: dict[str, Any] = {}
    for key in values:
        if key not in FIELDS:
            pb.problem("warning", key, f"unknown field '{key}'{did_you_mean(key, FIELDS)}")
            extra[key] = values[key]
    text = {name: pb.text(values.get(name), name) for name in STRING_FIELDS}
    if text["date"] and not re.match(r"\d{4}-\d{2}-\d{2}", text["date"]):
        pb.problem(
            "warning",
            "date",
            f"date {text['date']!r} is not YYYY-MM-DD (write 2026-05-12): it is left out of "
            "the sitemap's lastmod",
        )
    cta_value = values.get("cta")
    cta_record = pb.record(cta_value, "cta", "cta") if cta_value is not None else None
    cta = Link(cta_record["label"], cta_record["url"]) if cta_record else None
    steps = tuple(
        Link(r["label"], r["url"], r.get("note", ""))
        for _, r in pb.records(values.get("next_steps"), "next_steps")
    )
    proof = tuple(
        ProofItem(
            r.get("name", ""),
            r.get("quote", ""),
            r.get("role", ""),
            r.get("company", ""),
            r.get("result", ""),
            pb.rating(values["proof"][int(path.split(".")[1])].get("rating"), f"{path}.rating"),
            r.get("story", "").strip("/").removesuffix(".md"),
        )
        for path, r in pb.records(values.get("proof"), "proof")
    )
    faq = tuple(FaqItem(r["q"], r["a"]) for _, r in pb.records(values.get("faq"), "faq"))
    signup = pb.signup(values.get("signup"))
    hero_image = content_theme.hero_image(pb, values.get("hero_image"))
    trust = content_theme.trust(pb, values.get("trust"))
    language = content_theme.language(pb, values.get("language"))
    draft = values.get("draft", False)
    if not isinstance(draft, bool):
        pb.problem("error", "draft", "field 'draft' must be true or false")
        draft = False
    template = text["template"] or ("landing" if text["benefit"] else "page")
    noindex = values.get("noindex", template == "welcome")
    if not isinstance(noindex, bool):
        pb.problem("error", "noindex", "field 'noindex' must be true or false")
        noindex = False
    kind = kind_fields(pb, template, values)
    if template == "referral" and not cta and not signup and not pb.diagnostics_on("cta"):
        pb.problem(
            "error",
            "template",
            "a referral page needs 'cta' ({label, url}) or 'signup' ({label, action}): "
            "the one step the friend takes",
        )
    if text["role"] and text["role"] not in ROLES[1:]:
        hint = did_you_mean(text["role"], ROLES[1:])
        pb.problem(
            "error", "role", f"unknown role {text['role']!r}{hint} (roles: {', '.join(ROLES[1:])})"
        )
    if template == "landing":
        for name, present in (("benefit", text["benefit"]), ("cta", cta)):
            if not present and not any(d.field == name for d in pb.diagnostics):
                pb.diagnostics.append(
                    Diagnostic(
                        "error",
                        f"a landing page needs '{name}'"
                        + (
                            " (the customer's main benefit, shown as the h1)"
                            if name == "benefit"
                            else " ({label, url}: the primary low-commitment next step)"
                        ),
                        Location(src.rel, lines.get("template") or src.front_matter_line),
                        name,
                    )
                )
    where = url_for_source(rel_in_content, text["slug"])
    if where is None:
        pb.problem(
            "error",
            "slug",
            f"slug {text['slug']!r} escapes the output folder or is no usable folder name; use a "
            "relative path like 'pricing' or 'services/roofing'",
        )
    if any(d.level == "error" for d in pb.diagnostics) or where is None:
        return None, pb.diagnostics
    title = (
        text["title"]
        or text["benefit"]
        or kind.get("friend_gets", "")
        or _first_heading(src.body)
        or _title_from(rel_in_content)
    )
    page = Page(
        source=Path(src.rel),
        url=where[0],
        output_path=where[1],
        title=title,
        body_md=src.body,
        body_line=src.body_line,
        description=text["description"] or text["summary"],
        benefit=text["benefit"],
        summary=text["summary"],
        cta=cta,
        next_steps=steps,
        signup=signup,
        proof=proof,
        guarantee=text["guarantee"],
        faq=faq,
        template=template,
        draft=draft,
        image=text["image"],
        date=text["date"],
        hero_image=hero_image,
        trust=trust,
        language=language,
        role=text["role"] or (template if template in KINDS else ""),
        noindex=noindex,
        **kind,
        extra=extra,
        field_lines=dict(lines),
    )
    return page, pb.diagnostics


def _first_heading(body: str) -> str:
    match = re.search(r"^#\s+(.+?)\s*#*\s*$", body, re.MULTILINE)
    return match.group(1) if match else ""


def _title_from(rel_in_content: str) -> str:
    stem = posixpath.splitext(posixpath.basename(rel_in_content))[0]
    return stem.replace("-", " ").replace("_", " ").capitalize()


def load_page(text: str, rel: str, rel_in_content: str) -> tuple[Page | None, list[Diagnostic]]:
    """One content file's text -> (Page or None, diagnostics)."""
    src = split_front_matter(text, rel)
    values, lines, problems = parse_front_matter(src)
    if any(d.level == "error" for d in problems):
        return None, problems
    page, more = build_page(src, rel_in_content, values, lines)
    return page, problems + more
