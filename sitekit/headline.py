"""What one line of copy says to the visitor (a main heading, a front-matter `benefit`):
outcome signals, a welcome opening, seller-talk, placeholder and vague words. Pure functions
over the profile's word lists, shared by the builder's guard and the auditor's benefit checks
so that both give the same verdict on the same sentence."""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from itertools import pairwise

from sitekit.figures import CURRENCY_SIGNS, number_claims
from sitekit.phrases import find_phrases, has_phrase, joined, leading_phrase, starts_with_phrase
from sitekit.text import UNSPACED_RE, ByIdentity, norm, word_len

Words = Mapping[str, Iterable[str]]  # list name -> phrases (the profile's, for one language)

_PUNCT = ".,:;!?"

# a word list as a set, made once per list: the profile's lists are tuples that never change,
# found by identity (a list of ~300 filler words cost ~3 us to make a set of at every call)
_WORD_SETS: ByIdentity[tuple[str, ...], frozenset[str]] = ByIdentity(frozenset, maxsize=64)
_word_set_of_tuple = _WORD_SETS.lookup


def _word_set(words: Words, key: str) -> frozenset[str]:
    found = words.get(key, ())
    return _word_set_of_tuple(found) if type(found) is tuple else frozenset(found)


# a '.' splits only before a space or the end ('Dr. C.Palaniappan' is one name, not three)
SPLIT_FRAGMENTS_RE = re.compile(
    r"\s*[·•|/,!;]\s*|\.(?:\s+|$)|\s+[-–—]\s+|\s+(?:and|und|y|e|et|и|&)\s+"
)


def is_fragment_list(
    text: str, max_fragment_words: int = 3, function_words: Iterable[str] = ()
) -> bool:
    """'Innovation. Passion. Excellence.' / 'build · integrate · deliver': 3+ tiny fragments,
    most of them single words ('Hi, I'm Dr. Rao. An Orthodontist.' is a sentence). A phrase
    built with one of the language's `function_words`, then the words that can end it ('Hilfe
    bei Sprachstörungen | Sprechstörungen | Stimmstörungen': a heading that rotates its last
    word), is no such list."""
    fragments = [f for f in SPLIT_FRAGMENTS_RE.split(text.strip()) if f.strip()]
    single = [f for f in fragments if word_len(f) == 1]
    if len(single) == len(fragments) - 1 and _is_phrase(fragments[0], function_words):
        return False
    return (
        len(fragments) >= 3
        and len(single) >= 2
        and 2 * len(single) > len(fragments)
        and all(word_len(f) <= max_fragment_words for f in fragments)
    )


def _imperative_form(text: str, words: Words) -> tuple[str, str]:
    """An imperative known by its form, not listed ('Séjournez au calme', 'Genießen Sie den
    Blick'): a first word of 5+ letters with one of the language's imperative endings ('-ez';
    '-en' then 'Sie'), not a question ('Suchen Sie einen Zahnarzt?') nor a listed exception
    ('chez', 'assez', verbs of contacting the seller), nor one with the seller in its first
    words ('Sprechen Sie mit uns'), nor a lone word ('Douarnenez'). Returns the verb and the
    normalised rest, as `leading_phrase` does."""
    endings = words.get("imperative_endings", ())
    said = norm(text).lstrip("¡¿\"'“«([ ").split()
    if not endings or not said or "?" in text:
        return "", ""
    first = said[0].strip(_PUNCT)
    if len(first) < 5 or not first.isalpha() or first in words.get("imperative_not", ()):
        return "", ""
    for ending in endings:
        tail, _, then = ending.partition(" ")
        if not first.endswith(tail):
            continue
        verb = [first] if not then else [first, then]
        if said[1 : len(verb)] != verb[1:]:
            continue
        rest = said[len(verb) :]
        if not rest:
            return "", ""  # a lone word ('Douarnenez'): a name, not a verb with its object
        if any(t.strip(_PUNCT) in words.get("imperative_not", ()) for t in rest[:3]):
            return "", ""  # 'Sprechen Sie mit uns', 'Appelez nous': the seller, a step to contact
        return " ".join(verb), " ".join(rest)
    return "", ""


def _is_phrase(fragment: str, function_words: Iterable[str]) -> bool:
    """Two words or more, one of them a small word of the language ('Hilfe bei X')."""
    said = norm(fragment).split()
    return len(said) >= 2 and not set(said[:-1]).isdisjoint(function_words)


def outcome_signals(text: str, words: Words, brand: frozenset[str] = frozenset()) -> list[str]:
    """What in `text` speaks of the visitor's outcome: 'imperative: Get', 'you: your',
    'outcome: faster', 'figure: 94%' (the brand's own first word is no imperative)."""
    w = words
    found = []
    first = norm(text).split()[0].strip(_PUNCT) if text.split() else ""
    verb, after = leading_phrase(text, w.get("imperative_verbs", ()))
    if not verb:
        verb, after = _imperative_form(text, w)
    # 'Begin 2014 ben ik ... gestart': a verb's form before a year is a date ('at the start of')
    dated = bool(verb) and bool(_YEAR_RE.match(after.strip()))
    if verb and first not in brand and not dated and not points_to_step(after, w):
        found.append("imperative: " + text.split()[0])
    how, rest = leading_phrase(text, w.get("how_to", ()))
    if how and rest.split():  # 'How to enable dark mode': what the visitor will be able to do
        found.append(f"outcome: {how} {rest.split()[0]}")
        # ... asked in the visitor's own words, as their question: it speaks to them
        found.append(f"you: {how}")
    negations = w.get("pain_negations", ())
    if negations:  # 'No ads, no subscriptions, no data harvesting': pains taken away
        said = [t.strip(_PUNCT) for t in norm(text).split()]
        gone = [b for a, b in pairwise(said) if a in negations and b]
        if len(gone) >= 2:
            found.append(f"outcome: no {gone[0]}, no {gone[1]}")
    helps, rest = leading_phrase(text, w.get("help_openers", ()))
    if helps and len(rest.split()) >= 2:  # 'Helping families find hope': someone helped to
        found.append(f"outcome: {helps} {rest.split()[0]}")
    turned = _turned_into(text, w)
    if turned:  # 'Websites that turn visitors into customers': what becomes of the visitor's
        found.append(f"outcome: {turned}")  # thing, from before to after
    found += [f"you: {p}" for p in find_phrases(text, w.get("second_person", ()))[:2]]
    found += [f"outcome: {p}" for p in find_phrases(text, w.get("outcome_words", ()))[:2]]
    # '7 Days a Week' in a title-cased heading is the same figure as '7 days a week'
    figures = number_claims(text) or number_claims(text.lower())
    found += [f"figure: {p}" for p in [f for f in figures if _measures_gain(text, f, w)][:2]]
    if not figures and any(c in text for c in CURRENCY_SIGNS):
        found += [f"figure: {p}" for p in _money_off(text, w)[:1]]
    return found


def _turned_into(text: str, words: Words) -> str:
    """A change said from before to after: a verb of change ('turn', 'transform', 'verwandeln',
    'convertir', 'trasformare') with its 'into' ('into', 'in', 'en', 'em', 'tot') and a word
    after it within the next few words ('turn visitors into customers', 'transforme vos
    visiteurs en clients'): the outcome for the visitor's own thing. '' when none."""
    verbs = words.get("change_verbs", ())
    into = _word_set(words, "change_into")
    if not verbs or not into:
        return ""
    said = [t.strip(_PUNCT) for t in norm(text).split()]
    for at, token in enumerate(said):
        if not token or not has_phrase(token, verbs):
            continue
        near = said[at + 1 : at + 1 + _CHANGE_REACH]
        for i, t in enumerate(near[:-1]):
            if t in into and near[i + 1]:
                span = " ".join(near[: i + 2])
                if has_phrase(span, joined(words, "change_vague", "vague_words")):
                    # 'transforming ideas into digital experiences': the seller's craft
                    # said as a slogan, not a change to the visitor's own thing
                    break
                return f"{token} ... {t} {near[i + 1]}"
    return ""


_CHANGE_REACH = 6  # words after the verb its 'into' and its result are looked for in


# an amount of money with its sign before or after it, then the next word ('$50 off',
# '20 € de réduction' -> 'de' is skipped below, '50€ Rabatt')
_MONEY_RE = re.compile(
    rf"(?:[{CURRENCY_SIGNS}]\s?\d[\d.,]*|\d[\d.,]*\s?[{CURRENCY_SIGNS}])\s+(?:(?:de|di)\s+)?(\w+)"
)


def _money_off(text: str, words: Words) -> list[str]:
    """Amounts of money taken off a price for the visitor ('Your friend gets $50 off', '20 €
    Rabatt'): a gain in money, as '30% off' is. A bare price ('from $49') is none."""
    off = _word_set(words, "discount_words")
    return [m.group(0) for m in _MONEY_RE.finditer(text) if m.group(1).lower() in off]


def _measures_gain(text: str, figure: str, words: Words) -> bool:
    """Does a figure measure what the visitor gets: a share ('30% less'), a multiple ('2x',
    '3倍'), a time ('in 2 days', '7 days a week', '10分') or an amount of money ('save 200
    euros', '$500')? A count of things ('4 pentes', '18名'), a date ('11 juillet'), an address
    ('4860 Calle Real'), a name ('448 Plumbing') is none, nor are years in business ('Over 29
    Years': the seller's track record) or a head count ('Join 500+ students': proof)."""
    if figure[:1].isalpha():
        return False
    lowered = text.lower()
    at = lowered.find(figure.lower())
    if at > 0 and lowered[at - 1] in CURRENCY_SIGNS:
        return True
    if _SHARE_RE.search(figure):
        return True
    after = lowered[at + len(figure) :].split()[:1] if at >= 0 else []
    counted = " ".join([figure.lower(), *after])  # the figure and the word after it
    if has_phrase(counted, joined(words, "year_units", "audience_units", "month_names")):
        return False
    return has_phrase(counted, joined(words, "time_units", "price_units"))


_SHARE_RE = re.compile(r"%|×|倍|\dx$|\d\s*x\b", re.IGNORECASE)


_YEAR_RE = re.compile(r"(19|20)\d\d\b")
_CLAUSE_END_RE = re.compile(r"[.,:;!?()–—|·•]|\s-\s")


def points_to_step(after_verb: str, words: Words) -> bool:
    """Is an imperative a call to action rather than an outcome? `after_verb` is what follows
    the verb: the seller's own things ('See our work', 'Découvrez nos services'), a step
    ('Get a tailored quote', 'Start your free trial', 'Get in touch') or a head count to join
    ('Join 500+ students') name the next step or proof, not what the visitor gets. A polite
    'Sie' or a 'your' before the object is skipped."""
    w = words
    obj = _CLAUSE_END_RE.split(after_verb, maxsplit=1)[0].split()
    you = {norm(p) for p in w.get("second_person", ())}
    while obj and obj[0] in you and len(obj) > 1:
        obj = obj[1:]  # 'Entdecken Sie unsere Leistungen', 'Get your free quote'
    obj = obj[:4]
    if not obj:
        return False
    if starts_with_phrase(" ".join(obj), w.get("seller_possessive", ())):
        return True
    if has_phrase(" ".join(obj), w.get("step_objects", ())):
        return True
    counted = any(t[:1].isdigit() for t in obj)
    return counted and has_phrase(" ".join(obj), w.get("audience_units", ()))


def welcome_opening(text: str, words: Words) -> str:
    """The welcome `text` opens with ('Welcome to Acme', 'Welcome!', 'Willkommen im Adler'),
    or, in Japanese and Korean word order, ends with; '' when there is none. A welcome word
    followed by anything but a small word of the language is not a greeting: 'Welcome home
    to a spotless house' is a benefit."""
    welcome = tuple(words.get("welcome", ()))
    unspaced = tuple(w for w in welcome if UNSPACED_RE.search(w))
    found = find_phrases(text, unspaced) if unspaced else []
    if found:
        return found[0]
    phrase, rest = leading_phrase(text, welcome)
    if not phrase:
        return ""
    after = rest.split()[0].strip(_PUNCT) if rest.split() else ""
    small = {norm(w) for w in words.get("function_words", ())}
    greets = not after or not rest.lstrip()[:1].isalnum() or " " in phrase or after in small
    return phrase if greets else ""


def seller_talk(text: str, words: Words) -> str:
    """The welcome that opens `text`, else the first seller-talk phrase in it, else ''."""
    found = welcome_opening(text, words)
    return found or next(iter(find_phrases(text, words.get("seller_talk", ()))), "")


def track_record(text: str, words: Words) -> list[str]:
    """The seller's years in business in `text`: a count of years ('Over 29 years', 'Más de
    20 años', 'Al 35 jaar') or a year it began ('since 1995', 'Depuis 2009', 'est. 2014'),
    the track record criteria.md's 'Founded in 1985...' stands for. A warranty's years ('2
    years warranty', '5 Jahre Garantie') are a risk reducer, not the seller's age."""
    lowered = text.lower()  # 'For Over 29 Years' is the same figure as 'for over 29 years'
    claims = number_claims(lowered)
    if not claims or has_phrase(text, words.get("risk_reducers", ())):
        return []
    years = joined(words, "year_units")
    out = []
    for claim in claims:
        if claim[:1].isalpha():  # 'since 1995', 'Desde 2024': number_claims' track record
            out.append(claim)
            continue
        at = lowered.find(claim)
        after = lowered[at + len(claim) :].split()[:1] if at >= 0 else []
        if claim.startswith("1 ") or not has_phrase(" ".join([claim, *after]), years):
            continue
        if _RANGE_END_RE.search(lowered[:at]):
            continue  # '3 to 12 years', '4-10 Jahre': an age range, not the seller's age
        out.append(claim)
    return out


_RANGE_END_RE = re.compile(r"\d\s*(?:[-–]|to|bis|à|a|al|tot|até|~|〜)\s*$")


def yours_and_ours(text: str, words: Words) -> str:
    """The seller's possessive in a line that also says 'your': 'Your smile, our priority',
    'Il tuo trasporto. La nostra priorità.', 'Your business. My passion.' set what the visitor
    has beside what the seller cares about, a line about the seller; '' when there is none."""
    if not has_phrase(text, words.get("second_person", ())):
        return ""
    return next(iter(find_phrases(text, words.get("seller_possessive", ()))), "")


def vague_words(text: str, words: Words, signals: Iterable[str]) -> list[str]:
    """The vague words of `text` ('innovative', 'solutions') when `signals` (its
    outcome_signals) name no concrete outcome or figure; [] otherwise."""
    if any(s.split(":")[0] in ("outcome", "figure") for s in signals):
        return []
    return find_phrases(text, words.get("vague_words", ()))


_LETTERS_RE = re.compile(r"[^\W\d_]+")


# a blank left for the site's owner to fill in ('Há __ anos', 'desde 19__', 'Call ___ today'):
# two or more underscores standing as a word, not inside a name ('__init__', 'snake__case')
BLANK_RE = re.compile(r"(?<![^\s(\"'“«])\d{0,2}_{2,}\d{0,2}(?![^\s).,;:!?\"'”»])")


def blank_in(text: str) -> str:
    """The first fill-in blank in `text` ('__', '19__'), '' when there is none."""
    found = BLANK_RE.search(text) if "__" in text else None
    return found.group(0) if found else ""


def is_filler(text: str, words: Words, min_words: int = 5) -> bool:
    """Is `text` filler copy: nothing but filler words ('bla bla'), or at least `min_words`
    words, half of them or more the pseudo-Latin of a lorem-ipsum generator ('A repudiandae
    ipsam labore ipsa voluptatum', 'Vis omnis abhorreant cu, ea modo sensibus')? A Latin word
    or two in a sentence of the page's own language ('magna cum laude'), or 'Pas de blabla'
    said of a burger, is not."""
    said = [t.lower() for t in _LETTERS_RE.findall(text)]
    filler = _word_set(words, "filler_vocabulary")
    found = sum(t in filler for t in said)
    if len(said) >= 2 and found == len(said):
        return True
    return len(said) >= min_words and 2 * found >= len(said)


def benefit_flaw(text: str, words: Words, brand: frozenset[str] = frozenset()) -> tuple[str, str]:
    """What keeps `text` from stating the visitor's benefit, by the rules the auditor's
    benefit checks apply to a heading, and the phrase that shows it: ("placeholder", 'lorem
    ipsum'), ("seller", 'welcome to' / 'a leading'), ("vague", 'innovative, solutions'),
    ("fragments", 'Build. Integrate. Deliver.') or ("", "") when none applies."""
    placeholder = find_phrases(text, words.get("placeholder", ()))
    if placeholder:
        return "placeholder", placeholder[0]
    if is_filler(text, words):
        return "placeholder", text.strip()
    blank = blank_in(text)
    if blank:
        return "placeholder", blank
    seller = seller_talk(text, words)
    if seller:
        return "seller", seller
    vague = vague_words(text, words, outcome_signals(text, words, brand))
    if vague:
        return "vague", ", ".join(vague)
    small = words.get("function_words", ())
    return ("fragments", text.strip()) if is_fragment_list(text, 3, small) else ("", "")
