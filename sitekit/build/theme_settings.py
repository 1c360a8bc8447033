"""`[theme]` in sitekit.toml: the accent colour (contrast checked against WCAG AA at build
time) and the font (a system font stack, never a remote font), as CSS custom properties."""

from __future__ import annotations

import re
from typing import Any, Protocol

AA_NORMAL_TEXT = 4.5  # WCAG 2.x AA, normal-size text
WHITE = "#ffffff"
DEFAULT_ACCENT = "#b8420a"
DEFAULT_ACCENT_TEXT = WHITE
KEYS = ("accent", "accent_text", "font")

# Font stacks made only of fonts already on the visitor's device (after modernfontstacks.com,
# CC0): nothing is downloaded, so pages stay fast and tell no font host about a visit.
FONT_STACKS: dict[str, str] = {
    "system-ui": 'system-ui,-apple-system,"Segoe UI",Roboto,"Helvetica Neue",Arial,sans-serif',
    "humanist": 'Seravek,"Gill Sans Nova",Ubuntu,Calibri,"DejaVu Sans",source-sans-pro,sans-serif',
    "geometric-humanist": 'Avenir,Montserrat,Corbel,"URW Gothic",source-sans-pro,sans-serif',
    "neo-grotesque": 'Inter,Roboto,"Helvetica Neue","Arial Nova","Nimbus Sans",Arial,sans-serif',
    "rounded-sans": 'ui-rounded,"Hiragino Maru Gothic ProN",Quicksand,Comfortaa,Manjari,'
    '"Arial Rounded MT","Arial Rounded MT Bold",Calibri,source-sans-pro,sans-serif',
    "transitional": 'Charter,"Bitstream Charter","Sitka Text",Cambria,serif',
    "old-style": '"Iowan Old Style","Palatino Linotype","URW Palladio L",P052,serif',
    "slab-serif": 'Rockwell,"Rockwell Nova","Roboto Slab","DejaVu Serif","Sitka Small",serif',
    "monospace": 'ui-monospace,"Cascadia Code","Source Code Pro",Menlo,Consolas,'
    '"DejaVu Sans Mono",monospace',
}
DEFAULT_FONT = "system-ui"
_HEX = re.compile(r"^#(?:[0-9a-fA-F]{3}|[0-9a-fA-F]{6})$")
_FAMILY = re.compile(r"^[A-Za-z0-9][A-Za-z0-9 \-]{0,59}$")


class Collector(Protocol):
    def add(self, level: str, message: str, table: str, key: str = "") -> None: ...


def hex6(colour: str) -> str:
    """'#abc' -> '#aabbcc', lower case."""
    colour = colour.lower()
    if len(colour) == 4:
        colour = "#" + "".join(ch * 2 for ch in colour[1:])
    return colour


def luminance(colour: str) -> float:
    """WCAG 2.x relative luminance of a '#rrggbb' colour."""
    channels = []
    for i in (1, 3, 5):
        c = int(colour[i : i + 2], 16) / 255
        channels.append(c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4)
    r, g, b = channels
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: str, b: str) -> float:
    """WCAG 2.x contrast ratio of two '#rrggbb' colours (1 to 21)."""
    la, lb = sorted((luminance(hex6(a)), luminance(hex6(b))), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def darker(colour: str, amount: float = 0.2) -> str:
    """The colour mixed with `amount` of black (the hover shade of a button)."""
    colour = hex6(colour)
    parts = (round(int(colour[i : i + 2], 16) * (1 - amount)) for i in (1, 3, 5))
    return "#" + "".join(f"{p:02x}" for p in parts)


def font_stack(value: str) -> str | None:
    """The CSS font-family for a keyword or a family name (with safe fallbacks); None when
    the value is neither."""
    if value in FONT_STACKS:
        return FONT_STACKS[value]
    if _FAMILY.match(value) and not value.lower().startswith(("http", "url")):
        return f'"{value}",{FONT_STACKS[DEFAULT_FONT]}'
    return None


def parse_theme(col: Collector, table: dict[str, Any]) -> dict[str, str]:
    """Validate `[theme]`; {"accent", "accent_text", "font", "css"} (css: '' with defaults)."""
    colours = {}
    for key, default in (("accent", DEFAULT_ACCENT), ("accent_text", DEFAULT_ACCENT_TEXT)):
        value = table.get(key, default)
        if not isinstance(value, str) or not _HEX.match(value.strip()):
            col.add(
                "error",
                f"[theme] {key} must be a hex colour like '#b8420a', got {value!r}",
                "theme",
                key,
            )
            value = default
        colours[key] = hex6(value.strip())
    accent, text = colours["accent"], colours["accent_text"]
    on_white = contrast(accent, WHITE)
    if on_white < AA_NORMAL_TEXT:
        col.add(
            "error",
            f"[theme] accent {accent} has a contrast of {on_white:.2f}:1 on white, below WCAG AA "
            f"({AA_NORMAL_TEXT}:1): links and buttons in it would be hard to read; choose a "
            "darker shade",
            "theme",
            "accent",
        )
    on_text = contrast(accent, text)
    if on_text < AA_NORMAL_TEXT and text != WHITE:  # on white: said just above
        col.add(
            "error",
            f"[theme] accent {accent} has a contrast of {on_text:.2f}:1 with its text colour "
            f"{text} (accent_text), below WCAG AA ({AA_NORMAL_TEXT}:1): button labels would be "
            "hard to read",
            "theme",
            "accent_text" if "accent_text" in table else "accent",
        )
    font_value = table.get("font", DEFAULT_FONT)
    stack = font_stack(font_value.strip()) if isinstance(font_value, str) else None
    if stack is None:
        col.add(
            "error",
            f"[theme] font must be one of {', '.join(FONT_STACKS)} or a font family name "
            f"(letters, digits, spaces, hyphens) installed on visitors' devices, got "
            f"{font_value!r}; sitekit loads no remote fonts",
            "theme",
            "font",
        )
        stack = FONT_STACKS[DEFAULT_FONT]
    css = ""
    if set(table) & set(KEYS):
        css = (
            f":root{{--act:{accent};--act-ink:{text};--act-hover:{darker(accent)};--font:{stack}}}"
        )
    return {"accent": accent, "accent_text": text, "font": stack, "css": css}
