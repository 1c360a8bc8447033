"""Phone numbers in page text: sitekit's regex (audit.phone: PHONE_RE + is_phone_number) against the
`phonenumbers` library, on hand-made lines (real numbers, postcodes, dates, prices) and on
the corpus pages' text blocks.

Usage: python bench/phones.py [CORPUS_DIR]
For phonenumbers a number with + needs no region; a national number is tried in the regions
where the page's language is spoken (the page's country is not known), VALID leniency.
"""

from __future__ import annotations

import importlib.metadata as md
import json
import subprocess
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sitekit.audit.language import code_of  # noqa: E402
from sitekit.audit.phone import PHONE_RE, is_phone_number  # noqa: E402
from sitekit.audit.snapshot import make_snapshot  # noqa: E402
from sitekit.models import FetchedPage  # noqa: E402

REGIONS = {
    "en": ("US", "GB", "CA", "AU", "IE", "NZ", "IN", "ZA", "NG", "PH"),
    "de": ("DE", "AT", "CH"),
    "fr": ("FR", "BE", "CH", "CA"),
    "es": ("ES", "MX", "CO", "AR", "US"),
    "pt": ("BR", "PT"),
    "it": ("IT", "CH"),
    "nl": ("NL", "BE"),
    "ru": ("RU",),
    "ja": ("JP",),
}

# (language, line, the phone number in it or "" for none); written for this bench
HAND_MADE = (
    ("en", "Call us on (415) 555-0132 today", "(415) 555-0132"),
    ("en", "Springfield, IL 62704-1234", ""),  # ZIP+4
    ("en", "Released 05.07.2022, fixed 22.01.2021", ""),  # dates
    ("en", "Unit 4, 1200 Main St, Boston, MA 02118 4455", ""),  # postcode + PO box number
    ("en", "Phone 0161 879 4949 (Manchester)", "0161 879 4949"),
    ("en", "Ring 03 9497 3003 for appointments", "03 9497 3003"),
    ("de", "Musterstraße 12, 50667 Köln, Tel. 0221 1234567", "0221 1234567"),
    ("de", "Postfach 10 12 34 50452 Köln", ""),  # PO box + postcode
    ("de", "Öffnungszeiten 08.00 - 18.00 Uhr, 10115 Berlin", ""),
    ("fr", "Appelez le 06 22 36 79 56", "06 22 36 79 56"),
    ("fr", "12 rue de la Paix 75002 Paris 2e 1234", ""),
    ("es", "Calle Mayor 5, 28013 Madrid. Teléfono 912 345 678", "912 345 678"),
    ("nl", "Bloemenheuvellaan 22 3769 AB Soesterberg, T. 06-25218121", "06-25218121"),
    ("nl", "KvK 12345678 BTW NL123456789B01", ""),  # registration numbers
    ("it", "Prezzo 1.250.000 euro", ""),
    ("pt", "Ligue (11) 98765-4321", "(11) 98765-4321"),
)


def regex_numbers(text: str) -> list[str]:
    out = []
    for match in PHONE_RE.finditer(text):
        number = match.group(0).strip()
        if is_phone_number(number):
            out.append(number)
    return out


def lib_numbers(text: str, lang: str) -> list[str]:
    import phonenumbers

    found: dict[str, None] = {}
    for region in REGIONS.get(lang, ("US",)):
        for m in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID):
            found[m.raw_string.strip()] = None
    return list(found)


def main(argv: list[str]) -> int:
    corpus = (Path(argv[0]) if argv else REPO.parent / "shared" / "audit-corpus").resolve()
    try:
        version = md.version("phonenumbers")
    except md.PackageNotFoundError:
        print("phonenumbers not installed")
        return 0
    files = md.files("phonenumbers") or []
    size = sum(f.locate().stat().st_size for f in files if Path(f.locate()).is_file())
    code = "import time; t = time.perf_counter(); import phonenumbers; "
    code += "print((time.perf_counter() - t) * 1000)"
    runs = sorted(
        float(subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                             check=True).stdout)
        for _ in range(3)
    )  # fmt: skip
    print(f"phonenumbers {version}: {size / 1e6:.1f} MB installed, import {runs[1]:.0f} ms\n")
    print("hand-made lines: right/total (a line is right when the numbers found are exactly")
    print("the one it holds, or none)")
    right = {"regex": 0, "phonenumbers": 0}
    for lang, line, phone in HAND_MADE:
        want = [phone] if phone else []
        got = {"regex": regex_numbers(line), "phonenumbers": lib_numbers(line, lang)}
        for name, found in got.items():
            ok = found == want
            right[name] += ok
            if not ok:
                print(f"  {name} wrong on {line!r}: found {found}")
    for name, n in right.items():
        print(f"  {name}: {n}/{len(HAND_MADE)}")

    sources = json.loads((corpus / "sources.json").read_text(encoding="utf-8"))
    only_regex: list[str] = []
    only_lib: list[str] = []
    t_regex = t_lib = 0.0
    pages_with = {"regex": 0, "phonenumbers": 0}
    for pid, src in sources.items():
        path = corpus / "pages" / f"{pid}.html"
        snap = make_snapshot(
            FetchedPage(url=path.as_uri(), final_url=path.as_uri(), status=200,
                        body=path.read_bytes())
        )  # fmt: skip
        lang = code_of(src["language"])
        a, b = set(), set()
        for block in snap.blocks:
            t0 = time.perf_counter()
            a.update(regex_numbers(block.text))
            t1 = time.perf_counter()
            b.update(lib_numbers(block.text, lang))
            t_regex += t1 - t0
            t_lib += time.perf_counter() - t1
        pages_with["regex"] += bool(a)
        pages_with["phonenumbers"] += bool(b)
        only_regex += [f"{pid}: {n!r}" for n in sorted(a - b)]
        only_lib += [f"{pid}: {n!r}" for n in sorted(b - a)]
    n = len(sources)
    print(f"\ncorpus ({n} pages): pages with a phone in the text: {pages_with}")
    print(f"  ms/page: regex {t_regex / n * 1000:.2f}, phonenumbers {t_lib / n * 1000:.2f}")
    print("  found by the regex only:\n    " + "\n    ".join(only_regex or ["-"]))
    print("  found by phonenumbers only:\n    " + "\n    ".join(only_lib or ["-"]))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
