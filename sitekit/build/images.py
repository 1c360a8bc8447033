"""Images of the site's static files: their size read from the file header (imagesize), their
responsive variants (`hero-640w.jpg` beside `hero.jpg`) and the attributes that keep a page
fast and steady (width, height, srcset, lazy loading below the first screen)."""

from __future__ import annotations

import hashlib
import posixpath
import re
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from sitekit.build.content_theme import IMAGE_TYPES
from sitekit.errors import Diagnostic, Location
from sitekit.models import Page, PageImage

_VARIANT = re.compile(r"^(?P<stem>.+)-(?P<width>\d{2,5})w$")
_BODY_IMG = re.compile(r'<img src="(?P<src>[^"]*)"(?P<rest>[^>]*?)\s*/?>')


@dataclass(frozen=True)
class Picture:
    """A resolved image: what a template needs for one `<img>`."""

    src: str  # site path of the largest file
    alt: str
    width: int
    height: int
    srcset: tuple[tuple[str, int], ...] = ()  # (site path, width), narrowest first


def image_size(path: Path) -> tuple[int, int] | None:
    """(width, height) from the file's header; None when it cannot be read."""
    # imported here: imagesize imports urllib.request (http, email, ssl: ~13 ms), which a
    # build whose pages changed nothing with an image (a one-page rebuild) never needs
    import imagesize

    try:
        width, height = imagesize.get(str(path))
    except (OSError, ValueError):
        return None
    if width <= 0 or height <= 0:  # imagesize says -1 for what it does not know
        return None
    return int(width), int(height)


def variants(rel: str, static: Mapping[str, Path]) -> list[tuple[str, Path]]:
    """The file itself and its width variants: `images/hero-640w.jpg` for `images/hero.jpg`."""
    folder, name = posixpath.split(rel)
    stem, ext = posixpath.splitext(name)
    found = [(rel, static[rel])] if rel in static else []
    for other, path in static.items():
        other_folder, other_name = posixpath.split(other)
        other_stem, other_ext = posixpath.splitext(other_name)
        match = _VARIANT.match(other_stem)
        if other_folder == folder and other_ext == ext and match and match["stem"] == stem:
            found.append((other, path))
    return found


def resolve(image: PageImage, static: Mapping[str, Path]) -> Picture | str:
    """The Picture of `image`, or why it cannot be shown (for a located error)."""
    rel = image.src.lstrip("/")
    if rel not in static:
        return (
            f"{image.src} is not a file of the site's static/ folder (put it at "
            f"static/{rel}, or fix the path)"
        )
    size = image_size(static[rel])
    if size is None:
        return (
            f"{image.src} is not an image sitekit can read the size of ({', '.join(IMAGE_TYPES)})"
        )
    if rel.lower().endswith(".svg"):
        return Picture(image.src, image.alt, *size)
    sized = []
    for name, path in variants(rel, static):
        dims = image_size(path)
        if dims is not None:
            sized.append(("/" + name, dims[0]))
    sized.sort(key=lambda item: item[1])
    return Picture(image.src, image.alt, size[0], size[1], tuple(sized) if len(sized) > 1 else ())


def page_image_problems(pages: Mapping[str, Page], static: Mapping[str, Path]) -> list[Diagnostic]:
    """A located error for each page whose hero image is missing or unreadable."""
    found = []
    for rel, page in pages.items():
        if page.hero_image is None:
            continue
        outcome = resolve(page.hero_image, static)
        if isinstance(outcome, str):
            line = page.field_lines.get("hero_image.src") or page.field_lines.get("hero_image")
            found.append(
                Diagnostic("error", f"hero_image: {outcome}", Location(rel, line), "hero_image.src")
            )
    return found


def images_stamp(static: Mapping[str, Path]) -> str:
    """A digest of every static image's name, size and time: a changed image re-renders
    the pages (their width, height and srcset come from the file)."""
    digest = hashlib.sha1()
    for rel in sorted(static):
        if rel.lower().endswith(IMAGE_TYPES):
            info = static[rel].stat()
            digest.update(f"{rel}\0{info.st_size}\0{info.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def lazy_body_images(body: str, static: Mapping[str, Path]) -> str:
    """Body images load lazily and keep their place: width and height from the file when it
    is one of the site's, `loading="lazy"` and `decoding="async"` on every one."""

    def fix(match: re.Match[str]) -> str:
        import html  # here: its entity table costs ~8M instructions, and most pages have no image

        src, rest = match["src"], match["rest"]
        extra = ' loading="lazy" decoding="async"'
        path = html.unescape(src)
        if path.startswith("/") and not path.startswith("//"):
            file = static.get(path.lstrip("/").split("?")[0].split("#")[0])
            size = image_size(file) if file is not None else None
            if size is not None:
                extra = f' width="{size[0]}" height="{size[1]}"' + extra
        return f'<img src="{src}"{rest}{extra}>'

    return _BODY_IMG.sub(fix, body)
