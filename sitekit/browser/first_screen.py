"""What each first screen shows: the viewports, the in-view marks and the outlined screenshot.

The scripts here run inside a Chromium page that `sitekit.browser.chromium` drives.
"""

from __future__ import annotations

import base64
from collections import Counter
from dataclasses import dataclass
from typing import Any

SCREENSHOT_QUALITY = 60  # JPEG quality of the embedded first-screen screenshots


@dataclass(frozen=True)
class Viewport:
    """A screen size a page is rendered at; `name` is how marks and screenshots refer to it."""

    name: str
    width: int
    height: int
    mobile: bool = False


VIEWPORTS: tuple[Viewport, ...] = (
    Viewport("1366x768", 1366, 768),
    Viewport("390x844", 390, 844, mobile=True),
)


# Elements whose first-screen position the checks care about.
CANDIDATES = ", ".join(
    (
        "h1, h2, h3, h4, h5, h6, a, button, [role=button], input, select, textarea, form",
        "img, picture, video, blockquote, figure, figcaption, q, p, li, address, dt, dd",
        "[class*=testimonial], [class*=review], [class*=quote], [class*=proof]",
        "[class*=rating], [itemtype*=Review]",
    )
)

# Returns [key, inFirstScreen] per candidate (a CANDIDATES match, or any element holding text
# of its own) and tags each with data-sitekit-i, its index. Reads all boxes before writing.
COLLECT_JS = """
(selector) => {
  window.scrollTo(0, 0);
  const W = window.innerWidth, H = window.innerHeight;
  const SKIP = new Set(['SCRIPT', 'STYLE', 'NOSCRIPT', 'TEMPLATE', 'HEAD', 'TITLE', 'META']);
  const ownText = (el) => Array.from(el.childNodes)
    .some((n) => n.nodeType === 3 && n.nodeValue.trim() !== '');
  const els = Array.from(document.querySelectorAll('body, body *'))
    .filter((el) => !SKIP.has(el.tagName) && (el.matches(selector) || ownText(el)));
  const out = els.map((el) => {
    const r = el.getBoundingClientRect();
    const shown = r.width >= 2 && r.height >= 2 && (!el.checkVisibility
      || el.checkVisibility({opacityProperty: true, visibilityProperty: true}));
    const inFirst = shown && r.bottom > 0 && r.top < H && r.right > 0 && r.left < W;
    const text = (el.textContent || el.getAttribute('alt') || el.getAttribute('value') || '')
      .slice(0, 400).replace(/\\s+/g, ' ').trim().slice(0, 80);
    const ref = el.getAttribute('href') || el.getAttribute('src') || el.getAttribute('name') || '';
    return [el.tagName + '|' + text + '|' + ref, inFirst];
  });
  els.forEach((el, i) => el.setAttribute('data-sitekit-i', String(i)));
  return out;
}
"""

# Writes data-sitekit-vp on every candidate from a list (index -> viewport names; an empty
# value means "in no first screen", so it does not inherit an ancestor's) and drops the tags.
APPLY_JS = """
([marks, viewports]) => {
  const root = document.documentElement;
  root.setAttribute('data-sitekit-rendered', '1');
  root.setAttribute('data-sitekit-viewports', viewports.join(' '));
  document.querySelectorAll('[data-sitekit-i]').forEach((el) => {
    const names = marks[Number(el.getAttribute('data-sitekit-i'))] || [];
    el.removeAttribute('data-sitekit-i');
    el.setAttribute('data-sitekit-vp', names.join(' '));
  });
}
"""

# Outlines the benefit headline and the primary CTA seen in the first screen, for a screenshot.
OUTLINE_JS = """
() => {
  window.scrollTo(0, 0);
  const H = window.innerHeight, W = window.innerWidth;
  const inView = (el) => {
    const r = el.getBoundingClientRect();
    return r.width >= 2 && r.height >= 2 && r.bottom > 0 && r.top < H && r.right > 0 && r.left < W
      && (!el.checkVisibility || el.checkVisibility({visibilityProperty: true}));
  };
  const first = (sel) => Array.from(document.querySelectorAll(sel)).find(inView);
  const isNav = (el) => el.closest('nav, header [role=navigation], footer');
  const cta = first('[data-sitekit-cta=primary]') || Array.from(document.querySelectorAll(
      'a.button, a.btn, a[class*=cta], button:not([type=reset]), [role=button], '
      + 'input[type=submit], a[class*=button], a[class*=btn]'))
    .find((el) => inView(el) && !isNav(el));
  const marked = [first('h1') || first('h2'), cta].filter(Boolean);
  // Inline CSSOM styles, not a <style> element: a page's CSP may forbid inline style sheets.
  window.sitekitOutlined = marked.map((el) => [el, el.getAttribute('style')]);
  marked.forEach((el) => {
    el.style.setProperty('outline', '4px solid #d6007a', 'important');
    el.style.setProperty('outline-offset', '3px', 'important');
  });
  return marked.length;
}
"""

UNOUTLINE_JS = """
() => {
  for (const [el, attr] of window.sitekitOutlined || []) {
    el.style.removeProperty('outline');
    el.style.removeProperty('outline-offset');
    // Reading the attribute flushes Chromium's lazy inline-style sync (else style="" comes
    // back later); then put back the exact original text (a CSP may have kept it unapplied).
    el.getAttribute('style');
    if (attr === null) el.removeAttribute('style'); else el.setAttribute('style', attr);
  }
  delete window.sitekitOutlined;
}
"""


def viewport_marks(
    desktop: list[tuple[str, bool]], mobile: list[tuple[str, bool]]
) -> list[list[str]]:
    """Per desktop candidate, the viewports whose first screen shows it.

    The two viewports are separate page loads, so a mobile element is matched to the desktop
    one with the same key (tag, text, link) and the same occurrence number of that key.
    """
    seen_mobile: Counter[str] = Counter()
    mobile_in_view: set[tuple[str, int]] = set()
    for key, in_view in mobile:
        seen_mobile[key] += 1
        if in_view:
            mobile_in_view.add((key, seen_mobile[key]))
    desktop_name, mobile_name = VIEWPORTS[0].name, VIEWPORTS[1].name
    seen: Counter[str] = Counter()
    marks: list[list[str]] = []
    for key, in_view in desktop:
        seen[key] += 1
        names = [desktop_name] if in_view else []
        if (key, seen[key]) in mobile_in_view:
            names.append(mobile_name)
        marks.append(names)
    return marks


def collect(page: Any) -> list[tuple[str, bool]]:
    """Tag the candidates with their index and return (key, in first screen) for each."""
    return [(key, bool(in_view)) for key, in_view in page.evaluate(COLLECT_JS, CANDIDATES)]


def outlined_screenshot(page: Any) -> str:
    """A small JPEG of the first screen with the headline and CTA outlined, as a data: URI."""
    page.evaluate(OUTLINE_JS)
    try:
        jpeg = page.screenshot(type="jpeg", quality=SCREENSHOT_QUALITY, animations="disabled")
    finally:
        page.evaluate(UNOUTLINE_JS)
    return "data:image/jpeg;base64," + base64.b64encode(jpeg).decode("ascii")
