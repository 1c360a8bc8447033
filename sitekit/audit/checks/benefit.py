"""Benefit first: the main heading and the line under it say what the visitor gets."""

from __future__ import annotations

import re

from sitekit.audit.checks import Options, Outcome, check
from sitekit.audit.checks.text import (
    HEADINGS,
    SENTENCE_END_RE,
    LinkLabels,
    View,
    brand_words,
    evidence,
    first_heading,
    hero_lead,
    hero_text,
    in_menu,
    is_label,
    link_labels,
    main_heading,
    opening_lines,
    opening_text,
    per_viewport,
)
from sitekit.headline import (
    blank_in,
    is_filler,
    is_fragment_list,
    outcome_signals,
    seller_talk,
    track_record,
    vague_words,
    welcome_opening,
    yours_and_ours,
)
from sitekit.models import Element, Evidence, PageSnapshot
from sitekit.phrases import find_phrases, has_phrase, joined, starts_with_phrase
from sitekit.text import CJK_CONTENT_RE, CJK_RE, UNSPACED_RE, norm, word_len


def _headline_and_lead(
    page: PageSnapshot, view: View, opts: Options
) -> tuple[Element | None, Element | None]:
    """The main heading and the line under it; a line that introduces a list of posts ('Our
    latest thoughts, trends and tools') is no line about the offer."""
    head = main_heading(page, view)
    lead = hero_lead(page, view, head)
    if lead is not None and starts_with_phrase(lead.text, opts.words.get("posts_intro", ())):
        lead = None
    return head, lead


def _defines_product(page: PageSnapshot, text: str, head: Element | None, opts: Options) -> bool:
    """'cmus is a small, fast and powerful console music player', 'Primer is the self-hosted
    control plane for ...': the line opens by saying what the product is, its subject the
    site's name (in the heading, the title or the home link), or a template describing itself
    ('This free ... landing page template was built with ...'). A definition names a category
    and its features ('fast', 'free', 'run on your own hardware'), not what the visitor gets."""
    first = norm(SENTENCE_END_RE.split(text.strip(), maxsplit=1)[0])
    if has_phrase(first, opts.words.get("template_self", ())):
        return True  # 'This free and open-source landing page template was built ...'
    found = find_phrases(first, opts.words.get("definition_verbs", ()))
    if not found:
        return False
    at = min((first.find(f" {p} ") for p in found if f" {p} " in first), default=-1)
    subject = [t.strip(".,:;!?'\"()") for t in first[: max(at, 0)].split()]
    names = _name_words(page, head)
    return 0 < len(subject) <= 4 and any(t in names for t in subject if t)


def _name_words(page: PageSnapshot, head: Element | None) -> set[str]:
    """Words of the site's name as a page shows it: the title, the home link, the heading."""
    texts = (page.title, head.text if head is not None else "")
    words = {t.strip(".,:;!?&|-–—()'\"") for text in texts for t in norm(text).split()}
    return (words | brand_words(page)) - {""}


@check(
    id="benefit-headline",
    criterion="benefit",
    title="A single main heading (h1) opens the first screen",
    failure_title="No main heading in the first screen",
    fix="Put one h1 at the top of the page that says what the visitor gets.",
)
def benefit_headline(page: PageSnapshot, opts: Options) -> Outcome:
    def judge(label: str, view: View) -> tuple[float, Evidence]:
        head = main_heading(page, view)
        h1s = [h for h in page.headings if h.kind == "h1" and view(h) and not h.in_nav]
        if head is None:
            later = next((h for h in page.headings if h.kind == "h1"), None)
            if later:
                return 0.3, evidence(page, later, f"{label}: no heading; first h1 comes later")
            return 0.0, evidence(page, None, f"{label}: no heading at all")
        if head.kind == "h1":
            note = f"{label}: main heading" + (f" ({len(h1s)} h1s)" if len(h1s) > 1 else "")
            return (1.0 if len(h1s) <= 1 else 0.8), evidence(page, head, note)
        return 0.7, evidence(page, head, f"{label}: the main heading is an {head.kind}, no h1")

    return per_viewport(page, judge)


@check(
    id="benefit-headline-length",
    criterion="benefit",
    title="The main heading can be taken in at a glance",
    failure_title="The main heading is too short or too long to carry a benefit",
    fix="Make the main heading a short sentence (about 3-12 words) naming the outcome.",
    params={"min_words": 3, "max_words": 12},
)
def benefit_headline_length(page: PageSnapshot, opts: Options) -> Outcome:
    lo, hi = int(opts.params["min_words"]), int(opts.params["max_words"])

    def judge(label: str, view: View) -> tuple[float, Evidence] | None:
        head = main_heading(page, view)
        if head is None:
            return None
        n = word_len(head.text)
        score = 1.0 if lo <= n <= hi else (0.3 if n < lo else (0.5 if n <= 2 * hi else 0.2))
        return score, evidence(page, head, f"{label}: {n} words (aim for {lo}-{hi})")

    return per_viewport(page, judge)


@check(
    id="benefit-outcome",
    criterion="benefit",
    title="The heading or the line under it names an outcome for the visitor",
    failure_title="The opening names a category or the seller, not what the visitor gets",
    fix="Say what the visitor gets, in their words: 'Get paid twice as fast', "
    "'Fresh flowers at her door by 5 pm'. Use 'you' or an imperative.",
    params={
        "min_signals": 2,
        "addressed_min": 3,
        "addressed_pair": 0.6,
        "statement": 0.45,
        "late_words": 40,
        "late": 0.5,
        "category_lead": 0.5,
        "lead_glance_words": 25,
    },
)
def benefit_outcome(page: PageSnapshot, opts: Options) -> Outcome:
    need = int(opts.params["min_signals"])
    brand = brand_words(page)
    category_lead = float(opts.params["category_lead"])
    glance = int(opts.params["lead_glance_words"])

    def judge(label: str, view: View) -> tuple[float, Evidence]:
        head, lead = _headline_and_lead(page, view, opts)
        section = _section_above(page, view, head, opts)
        if section is not None:
            # 'Features' > 'Easy to Use': a card of a feature list, not the opening message
            # (raters: 'concrete outcomes come only in the features list')
            note = f"the first heading is one item under '{section.text}', not the opening"
            return 0.0, evidence(page, head, f"{label}: {note}")
        if head is not None and starts_with_phrase(head.text, opts.words.get("notice_openers", ())):
            # 'Bitte beachten Sie folgende Regeln:' over the COVID rules: an instruction to the
            # visitor, however often it says 'Sie', tells nothing of what they get
            note = "the main heading is a notice to visitors, not what they get"
            return 0.0, evidence(page, head, f"{label}: {note}")
        best, best_ev = 0.0, evidence(page, head, f"{label}: no outcome language")
        # the line right above the heading, read with it ('Jetzt erreichbar · 24 Stunden,
        # 7 Tage' over 'Sicher ans Ziel.'), weighs as the line under it does
        above = _kicker(page, view, head) if head is not None else None
        for el, weight in ((head, 1.0), (lead, 0.9), (above, 0.9)):
            if el is None or _unwritten(el.text, opts.words):
                continue  # placeholder or lorem ipsum says nothing, whatever words it holds
            if el is lead and _defines_product(page, el.text, head, opts):
                continue  # a definition of the product: its category, not an outcome
            # the line under the heading is read at a glance: its first words, not a whole
            # paragraph ('... zodat uw bedrijf gezond kan groeien' 60 words in is intro copy)
            read = el.text if el is head else " ".join(el.text.split()[:glance])
            signals = outcome_signals(read, opts.words, brand)
            if el is not head and head is not None:
                signals += outcome_signals(head.text, opts.words, brand)[:1]
            kinds = {s.split(":")[0] for s in signals}
            concrete = {s for s in signals if s.split(":")[0] in ("outcome", "figure")}
            strength = max(len(kinds), min(len(concrete), need))  # two outcomes named count
            score = weight * min(1.0, strength / need)
            if not kinds & OUTCOME_KINDS:
                score = min(score, 0.3)  # 'you' alone is not an outcome
            if el is lead and _category_heading(head, opts, brand):
                # 'Fetchto WooCommerce Integration Plugin' over 'Simplify your eCommerce
                # shipping': what is read first is the category, the outcome only second
                # (raters: 'the H1 is a category; ... follows at once, a generic outcome')
                score = min(score, category_lead)
            if seller_talk(read, opts.words):
                score = min(score, 0.3)
            elif vague_words(read, opts.words, signals):
                score = min(score, 0.4)
            if score > best:
                best = score
                best_ev = evidence(page, el, f"{label}: " + ", ".join(signals))
        said = float(opts.params["statement"])
        if best < said and _states(page, head, opts):
            # raters, on such headings: 'names what the patient gets', 'a short, concrete
            # promise'; a name, a label or a category is seldom closed by a full stop
            note = "the main heading is a sentence that says something, not a name or a label"
            best, best_ev = said, evidence(page, head, f"{label}: {note}")
        pair = float(opts.params["addressed_pair"])
        if best < pair and _addressed_pair(head, lead, opts, brand):
            # 'Loving care for your pets while you're away' / 'Make sure your pets keep their
            # routine': the heading and the line under it both speak to the visitor, about
            # their own things (criteria.md: 'often in the second person'); more than 'you'
            # said once, less than a named outcome
            note = "the heading and the line under it both speak to the visitor"
            best, best_ev = pair, evidence(page, head, f"{label}: {note}")
        addressed = _addressed_throughout(page, view, head, opts)
        if best < 0.9 and len(addressed) >= int(opts.params["addressed_min"]):
            # 'Nutrição pensada para a sua vida. ... a partir da sua rotina, dos seus
            # objetivos': written around the visitor's own situation, line after line
            note = "the opening speaks to the visitor throughout: " + ", ".join(addressed)
            best, best_ev = 0.9, evidence(page, head, f"{label}: {note}")
        late = float(opts.params["late"])
        before = _words_before(page, view, head)
        if best > late and before > int(opts.params["late_words"]):
            # the heading the outcome is read in comes after a long run of other copy
            # (criteria.md: 'the benefit exists but only far down the page, after long intro
            # copy'): not the first thing read, so not 'meets'
            note = f"the main heading comes after {before} words of other copy: not read first"
            best, best_ev = late, evidence(page, head, f"{label}: {note}")
        return best, best_ev

    return per_viewport(page, judge)


def _category_heading(head: Element | None, opts: Options, brand: frozenset[str]) -> bool:
    """Does the main heading name what is sold ('Dallas / Fort Worth Plumbing Experts',
    'Servicio de Urgencias Plomería y Gas') and no outcome for the visitor?"""
    return (
        head is not None
        and has_phrase(head.text, opts.words.get("offer_nouns", ()))
        and not _names_outcome(head.text, opts.words, brand)
    )


def _words_before(page: PageSnapshot, view: View, head: Element | None) -> int:
    """The words of content read before the main heading (menus and footer aside)."""
    if head is None:
        return 0
    return sum(
        word_len(b.text)
        for b in page.blocks
        if b.position < head.position and view(b) and not b.in_footer and not in_menu(page, b)
    )


STATEMENT_END_RE = re.compile(r"[.。．]\s*$")
# a last word of initials ('B.V.', 'S.A.'), like a legal form ('Ltd.'), ends a name
INITIALS_RE = re.compile(r"(?:[A-Za-z]\.){2,}")


def _states(page: PageSnapshot, head: Element | None, opts: Options) -> bool:
    """Is the main heading a sentence closed by a full stop ('Beweglichkeit, die man wieder
    spürt.', '自分で焼いて、自分の味。'), a statement made to the reader, not a name, a label or
    a category ('Guzzo's Cafe', 'Psychologue')? No welcome, seller-talk or placeholder."""
    if head is None or word_len(head.text) < 2 or not STATEMENT_END_RE.search(head.text):
        return False
    last = head.text.split()[-1]
    markers = {norm(m) for m in opts.words.get("name_markers", ())}
    if INITIALS_RE.fullmatch(last) or norm(last) in markers or norm(last)[:-1] in markers:
        return False  # 'ANR Drywall Ltd.', 'Beernink B.V.': a company's name, not a sentence
    if _is_site_name(page, head.text.strip().rstrip(".。．")):
        return False
    w = opts.words
    return not has_phrase(head.text, joined(w, "welcome", "seller_talk", "placeholder"))


def _addressed_pair(
    head: Element | None, lead: Element | None, opts: Options, brand: frozenset[str]
) -> bool:
    """Do the main heading and the line right under it both say 'you/your' ('Loving care for
    your dog' / 'Walks and meals on the days you pick'), neither of them a welcome or
    seller-talk ('Your trusted partner')?"""
    if head is None or lead is None:
        return False
    if _seller_voiced(head.text, opts) or _seller_voiced(lead.text, opts):
        return False
    return all(
        any(s.startswith("you:") for s in outcome_signals(el.text, opts.words, brand))
        for el in (head, lead)
    )


def _section_above(
    page: PageSnapshot, view: View, head: Element | None, opts: Options
) -> Element | None:
    """The section label ('Features', 'Services', 'Leistungen') right above a main heading of
    a lower level (an h4 'Easy to Use' under an h2 'Features' when the page has no h1)."""
    if head is None or head.kind == "h1" or head.kind not in HEADINGS:
        return None
    above = [
        h
        for h in page.headings
        if h.position < head.position and view(h) and not h.in_footer and not in_menu(page, h)
    ]
    if not above or above[-1].kind not in HEADINGS or above[-1].kind >= head.kind:
        return None
    return above[-1] if is_label(above[-1].text, opts.words.get("section_labels", ())) else None


def _seller_voiced(text: str, opts: Options) -> bool:
    """Is a line of the opening seller-talk as `benefit-seller-talk` reads it: a welcome or a
    seller-talk phrase anywhere in it ('Tell us your name for a more personal welcome'), the
    seller's years in business, or the seller's own set beside the visitor's ('Il tuo sorriso
    è la nostra priorità')? The 'you' of such a line is the seller's voice, not the visitor
    spoken to about their own things."""
    return bool(_says_seller(text, opts)) or bool(yours_and_ours(text, opts.words))


def _addressed_throughout(
    page: PageSnapshot, view: View, head: Element | None, opts: Options
) -> list[str]:
    """The second-person words ('your', 'Ihr', 'sua') in the main heading and the first
    sentence of each line read right under it, when none of them is seller-talk, a welcome or
    placeholder ('Your trusted partner' is the seller's voice); [] otherwise."""
    if head is None:
        return []
    w = opts.words
    lines = [head.text, *opening_lines(page, view, head)]
    placeholder = w.get("placeholder", ())
    if any(_seller_voiced(line, opts) or has_phrase(line, placeholder) for line in lines):
        return []
    you = {norm(p) for p in w.get("second_person", ())}
    return [
        t for line in lines for t in (t.strip(".,:;!?¿¡()") for t in norm(line).split()) if t in you
    ]


def _names_offer(
    text: str, opts: Options, heading: str = "", need: int = 0, small: frozenset[str] = frozenset()
) -> bool:
    """Does the text still say something concrete once seller-talk, vague words, the
    heading's own words (the brand in 'Welcome to Acme'), bare numbers and the `small` words
    are out?"""
    w = opts.words
    noise = joined(w, "welcome", "seller_talk", "vague_words")
    if has_phrase(text, w.get("placeholder", ())):
        return False
    if word_len(text) > int(opts.params["lead_max_words"]):
        return False  # long intro copy is not a line that makes the offer clear at once
    rest = norm(text)
    for phrase in find_phrases(rest, noise):
        rest = rest.replace(phrase, " ")
    brand = {t.strip(".,;:!?+") for t in norm(heading).split()}
    count = 0
    for token in (t.strip(".,;:!?()") for t in rest.split()):
        if token in brand or token[:1].isdigit() or token in small:
            continue  # the brand, or a number ('1985,', '1995년')
        if CJK_RE.search(token):
            # unspaced scripts: the content words are the runs of kanji or katakana (kana
            # between them is grammar: particles, verb endings), as words of 4+ letters are
            # in a spaced script
            count += len(CJK_CONTENT_RE.findall(token))
        elif UNSPACED_RE.search(token):
            # Korean: particles attach to words ('한빛산업은' is the brand '한빛산업에' names);
            # a token under 3 syllables is a function word, one ending in 다/요 the predicate
            stem_of_brand = any(len(b) >= 3 and token.startswith(b[:-1]) for b in brand)
            count += len(token) >= 3 and not stem_of_brand and not token.endswith(("다", "요"))
        elif len(token) >= 4:
            count += 1
    return count >= (need or int(opts.params["offer_words"]))


def _story_first(page: PageSnapshot, view: View, head: Element, opts: Options) -> Element | None:
    """The first section heading after a name-only main heading when it opens the company's
    story ('Our Story', 'Unsere Geschichte', 'Notre histoire') and nothing before it names
    what is offered (an address and a phone number do not)."""
    seller = opts.words.get("seller_talk", ())
    offers = opts.words.get("offer_nouns", ())
    for block in page.blocks:
        if block.position <= head.position or in_menu(page, block) or block.in_footer:
            continue
        if not view(block):
            return None
        if block.kind in HEADINGS and word_len(block.text) <= 4:
            return block if has_phrase(block.text, seller) else None
        if has_phrase(block.text, offers):
            return None
    return None


def _offered_to_visitor(text: str, opts: Options) -> bool:
    """Does a line of seller-talk still name the service ('counselling', 'dentist') and speak
    to the visitor ('to help you or your family')? 'We are more than just a club' does not."""
    w = opts.words
    return has_phrase(text, w.get("offer_nouns", ())) and has_phrase(
        text, w.get("second_person", ())
    )


def _is_site_name(page: PageSnapshot, text: str) -> bool:
    """'Kessler, DiGiovanni & Jesuele' under the title 'Kessler, DiGiovanni & Jesuele, LLP':
    every word of the heading is in the page title or the home link (a name, not a slogan)."""
    words = {t.strip(".,:;!?&|-–—()'\"") for t in norm(text).split()} - {""}
    known = {t.strip(".,:;!?&|-–—()'\"") for t in norm(page.title).split()} | brand_words(page)
    return bool(words) and words <= known


@check(
    id="benefit-seller-talk",
    criterion="benefit",
    title="The opening speaks to the visitor, not about the seller",
    failure_title="The opening is seller-talk ('Welcome to…', 'We are a leading…')",
    fix="Replace the welcome or company story with the visitor's benefit; "
    "move 'who we are' further down.",
    params={"opening_words": 40, "lead_max_words": 40, "offer_words": 3},
)
def benefit_seller_talk(page: PageSnapshot, opts: Options) -> Outcome:
    seller = opts.words.get("seller_talk", ())

    def judge(label: str, view: View) -> tuple[float, Evidence]:
        head, lead = _headline_and_lead(page, view, opts)
        opening, _start = hero_text(page, view, int(opts.params["opening_words"]))
        score, note, el = 1.0, "no seller-talk in the opening", head
        # a heading of a word or two, or the site's name however long ('Pet Central Animal
        # Hospital', every word in the title or the home link), says who, not what you get
        name_only = head is None or word_len(head.text) <= 2 or _is_site_name(page, head.text)
        kicker = _welcome_kicker(page, view, head, opts) if head is not None else None
        if head is not None and (kicker is not None or welcome_opening(head.text, opts.words)):
            # the raters' rule: a welcome fails unless the line under it makes the offer clear
            # (the welcome read first, the heading's or the line just above it: 'Welcome to
            # Living Waters', then the heading)
            # ... 'at once': the first sentence of any line read right after the heading
            # (a line of seller-talk, 'We are dedicated to serving our customers', names none)
            lines = opening_lines(page, view, head)
            clear_lead = any(
                _names_offer(line, opts, head.text) and (i == 0 or not has_phrase(line, seller))
                for i, line in enumerate(lines)
            )
            # ... or the page's title, read before anything else, names the trade
            # ('Zahnarztpraxis Frömming' over 'Herzlich Willkommen in unserer Praxis!')
            titled = not clear_lead and has_phrase(page.title, opts.words.get("offer_nouns", ()))
            score = 0.35 if clear_lead or titled else 0.0
            opener = "the line above the main heading" if kicker is not None else "the main heading"
            note = f"{opener} is a welcome" + (
                "; the line under it says what is offered" if clear_lead else ""
            )
        elif head is not None and (
            has_phrase(head.text, seller)
            or yours_and_ours(head.text, opts.words)
            or track_record(head.text, opts.words)
        ):
            # 'Best dentist in Pune' still names the offer; 'Our story' does not; 'Your smile,
            # our priority' sets the seller's own beside the visitor's: a line about the seller
            offer = _names_offer(head.text, opts, need=2) or (
                lead is not None and _names_offer(lead.text, opts, head.text)
            )
            score = 0.45 if offer else 0.1
            found = (
                find_phrases(head.text, seller)
                or track_record(head.text, opts.words)
                or [yours_and_ours(head.text, opts.words)]
            )
            note = "seller-talk in the main heading: " + ", ".join(found)
            note += "" if offer else "; nothing says what is offered"
        elif lead is not None and _says_seller(lead.text, opts):
            found = _says_seller(lead.text, opts)
            # under a heading that says something (not a name), the seller-talk is read
            # second, not first: weighed as seller-talk further down the opening (0.8); raters
            # rate such openings on the heading ('Beweglichkeit, die man wieder spürt.' over
            # '... seit über 30 Jahren': 2)
            score = 0.2 if name_only else 0.8
            note, el = "seller-talk right under the heading: " + ", ".join(found), lead
            # ... unless nothing read first names the offer: the heading is a name, or says
            # nothing and is no sentence either (one closed by a full stop, 'Your words, cut
            # into a sticker.', says something by the statement rule: the seller-talk under it
            # is still read second)
            unnamed = name_only or (
                head is not None
                and not _offer_said(page, view, head, opts)
                and not _states(page, head, opts)
            )
            if unnamed and _offered_to_visitor(lead.text, opts):
                # 'Mission' / 'our mission is to help you ... with counselling', 'Somos uma
                # agência especializada em design ... para o seu negócio': seller-framed, but
                # the service and who it is for are clear at once (criteria.md: '1 = what is
                # offered is clear early but ... seller-centric'; the welcome rule)
                score = 0.35
                note += "; it still says what is offered, to the visitor"
            elif name_only and _trade_named(page, head, opts):
                # 'Rana Bakery' over 'We serve the best baked items around': the name or the
                # title says the trade at once, as under a welcome (the welcome rule)
                score = 0.35
                note += "; the name or the title says what is offered"
            elif unnamed and not name_only:
                score, note = 0.2, note + "; nothing read first says what is offered"
        elif name_only and head is not None and (story := _story_first(page, view, head, opts)):
            # 'Avant Salon', an address, then 'Our Story': the company's story is the first
            # thing said (criteria.md: 'company story' fails), the name aside
            score, note, el = 0.2, "the site's name, then straight into the company's story", story
        elif _says_seller(opening, opts):
            found = _says_seller(opening, opts)
            score, note = 0.8, "seller-talk in the opening: " + ", ".join(found)
            if (
                head is not None
                and _says_seller(
                    opening_text(page, view, int(opts.params["opening_words"]), skip=head), opts
                )
                and not _offer_said(page, view, head, opts)
                and not _described_under(page, view, head, opts)
                and not _states(page, head, opts)
            ):
                # a heading that names nothing, then a welcome or the company's story: the
                # raters' 'welcome text, company story' with no offer up front ('Welcome home
                # to a spotless house' is the heading's own outcome, not a welcome after it;
                # nor is a name over a line of its own, 'Votre terrain de paintball à ...',
                # with the welcome only after it: the welcome is not what is read first)
                score, note = 0.2, note + "; nothing read first says what is offered"
        return score, evidence(page, el, f"{label}: {note}", text="" if el else opening)

    return per_viewport(page, judge)


def _says_seller(text: str, opts: Options) -> list[str]:
    """The welcome and seller-talk phrases of `text`, and the seller's years in business
    ('Más de 20 años', 'since 1995': criteria.md's 'Founded in 1985...'); [] when none."""
    w = opts.words
    found = find_phrases(text, joined(w, "welcome", "seller_talk")) + track_record(text, w)
    return list(dict.fromkeys(found))  # 'seit 1994' is one phrase, found twice


def _offer_said(page: PageSnapshot, view: View, head: Element, opts: Options) -> bool:
    """Does anything read first name what is offered or an outcome: the heading, the title,
    or the opening under the heading? A word for the offer inside the welcome or the company's
    story ('founded by five friends who love tennis', a paragraph under 'Our story') is the
    story, not the offer made clear."""
    w = opts.words
    said = joined(w, "offer_nouns", "outcome_words")
    if has_phrase(head.text, said) or _trade_named(page, head, opts):
        return True
    if _names_outcome(head.text, w, brand_words(page)):
        return True
    noise = joined(w, "welcome", "seller_talk")
    labels = link_labels(page)
    budget, story = int(opts.params["opening_words"]), False
    for block in page.blocks:
        if block.position <= head.position or in_menu(page, block) or block.in_footer:
            continue
        if not view(block) or labels.only_labels(block.text):
            continue
        if block.kind in HEADINGS:
            story = has_phrase(block.text, noise)  # 'Our story', 'Wer sind wir'
        if not story and any(
            has_phrase(part, said) and not has_phrase(part, noise)
            for part in SENTENCE_END_RE.split(block.text)
        ):
            return True
        budget -= word_len(block.text)
        if budget <= 0:
            return False
    return False


def _trade_named(page: PageSnapshot, head: Element | None, opts: Options) -> bool:
    """Does the main heading ('Rana Bakery', "Queen's Cleaners") or the page's title ('Optishq
    | Eye Care') name the trade?"""
    offers = opts.words.get("offer_nouns", ())
    return has_phrase(page.title, offers) or (head is not None and has_phrase(head.text, offers))


KICKER_WORDS = 12  # a line this close above the main heading is read with it


def _kicker(page: PageSnapshot, view: View, head: Element) -> Element | None:
    """The line of running text just above the main heading, read with it (an eyebrow or a
    kicker: 'Jetzt erreichbar · 24 Stunden, 7 Tage' over 'Sicher ans Ziel.'): `_line_above`
    with rows of link or button labels aside, of 4+ words; None when there is none."""
    above = _line_above(page, view, head, link_labels(page))
    return above if above is not None and word_len(above.text) >= 4 else None


def _welcome_kicker(page: PageSnapshot, view: View, head: Element, opts: Options) -> Element | None:
    """A welcome in the line of the hero just above the main heading, read with it ('Welcome
    to Living Waters' over 'Real People. Real Community.'); None when no such line is there or
    it is no welcome."""
    above = _line_above(page, view, head)
    return above if above is not None and welcome_opening(above.text, opts.words) else None


def _line_above(
    page: PageSnapshot, view: View, head: Element, labels: LinkLabels | None = None
) -> Element | None:
    """The last block before the main heading, within KICKER_WORDS words of it (menus, footer
    and, given `labels`, rows of nothing but link or button labels aside); None when there is
    none."""
    above = None
    for block in page.blocks:
        if block.position >= head.position:
            break
        if in_menu(page, block) or block.in_footer or not view(block) or not block.text.strip():
            continue
        if labels is not None and labels.only_labels(block.text):
            continue
        above = block
    if above is None or head.position - above.position > KICKER_WORDS:
        return None
    return above


def _offer_unnamed(
    page: PageSnapshot, view: View, head: Element | None, lead: Element | None, opts: Options
) -> tuple[float, str, Element | None] | None:
    """The raters' '0 = no offer readable': a first screen that opens on a section label
    ('Hours of Operation', 'Nieuws'), on the site's name alone, or on no heading, with no word
    for what is sold or done ('drain cleaning', 'dentist', 'bakery', 'text editor') and no
    outcome in what is read first. None when an offer is named (or the page's language has
    no such list)."""
    offers = opts.words.get("offer_nouns", ())
    if not offers:
        return None
    first = first_heading(page, view)
    found: tuple[str, Element | None]
    if first is not None and is_label(first.text, opts.words.get("section_labels", ())):
        found = "the first heading is a section label; nothing says what is offered", first
    elif _bare_subheading(page, view, head, opts):
        found = "the first heading is a bare sub-heading, no h1; nothing says what is offered", head
    elif head is None:
        found = "no heading, and nothing in the first screen says what is offered", None
    elif _is_site_name(page, head.text):
        found = "the site's name alone; nothing says what is offered", head
    else:
        return None  # the common case: a heading that is neither, judged by the other rules
    said = joined(opts.words, "offer_nouns", "outcome_words")
    if head is not None and has_phrase(head.text, said):
        return None  # 'Henry Street Bakery', 'Get paid faster': an offer or an outcome is said
    rest = opening_text(page, view, int(opts.params["opening_words"]), skip=head)
    if has_phrase(rest, offers):
        return None
    if _outcome_named(page, head, lead, opts):
        # 'Lar São Vicente' over 'Você já pensou em um Sertão em que todos idosos tenham os
        # seus direitos garantidos?': no word for the offer, but an outcome is named at once,
        # so something is on offer to the visitor: "partly", not "no offer readable"
        return 0.3, found[0].replace("nothing says", "no word says") + UNDER_NOTE, found[1]
    if head is not None and found[1] is head and _described_under(page, view, head, opts):
        # 'Apple Cottage, Creetown' over 'Energy-smart three-bed home with annex, EV charging &
        # landscaped gardens': no listed word for the trade, but the line read right under the
        # name says in its own words what it is (raters: 'clear at once, but as a feature
        # list'), as the line under a welcome does (the welcome rule): "partly", low end
        return 0.3, "the site's name, then a line that says what it is", head
    return 0.1, found[0], found[1]


UNDER_NOTE = "; the heading or the line under it names an outcome"


def _bare_subheading(page: PageSnapshot, view: View, head: Element | None, opts: Options) -> bool:
    """Is the main heading read only a short sub-heading ('Letture di oggi', '最新情報',
    'Continue navegando'): an h2-h6 on a page with no h1 in view, of at most `label_words`
    words, not the site's name? Such a heading labels a section of the page; it is not a
    statement of what is offered (criteria.md: 'a main heading (h1, or the first prominent
    heading)'; '0 = ... nothing readable')."""
    if head is None or head.kind == "h1":
        return False
    if any(h.kind == "h1" and h.text.strip() and view(h) and not h.in_nav for h in page.headings):
        return False
    if word_len(head.text) > int(opts.params.get("label_words", 3)):
        return False
    return not _is_site_name(page, head.text)


def _described_under(page: PageSnapshot, view: View, head: Element, opts: Options) -> bool:
    """Does the first line read under a name-only heading say something concrete (three
    content words once the name, numbers and vague words are out: `_names_offer`), with no
    welcome, seller-talk or placeholder in it ('McLean, VA', 'Depuis 1881', 'Founded in
    1998 ...' do not)?"""
    if not _is_site_name(page, head.text):
        return False
    lines = opening_lines(page, view, head)
    return bool(lines) and _says_what(lines[0], head, opts)


def _says_what(line: str, head: Element, opts: Options) -> bool:
    """Does a line read right under the main heading say something concrete in its own words
    (three content words once the heading's words, numbers and vague words are out:
    `_names_offer`), with no welcome, seller-talk or placeholder in it?"""
    w = opts.words
    noise = joined(w, "welcome", "seller_talk", "placeholder")
    # grammar and pronouns are no content ('Ensemble, nous construisons l'avenir': 'nous')
    small = {norm(t) for t in joined(w, "function_words", "second_person", "seller_possessive")}
    return not has_phrase(line, noise) and _names_offer(
        line, opts, head.text, small=frozenset(small)
    )


def _outcome_named(
    page: PageSnapshot, head: Element | None, lead: Element | None, opts: Options
) -> bool:
    """Does the main heading or the line under it name an outcome for the visitor (an
    imperative, an outcome word, a figure of what they gain), placeholder and filler aside?
    'You' alone does not: it addresses the visitor without saying what they get."""
    brand = brand_words(page)
    return any(
        el is not None
        and not _unwritten(el.text, opts.words)
        and _names_outcome(el.text, opts.words, brand)
        for el in (head, lead)
    )


# the kinds of outcome signal that say what the visitor gets ('you' alone only addresses them)
OUTCOME_KINDS = frozenset(("imperative", "outcome", "figure"))


def _names_outcome(text: str, words: dict[str, tuple[str, ...]], brand: frozenset[str]) -> bool:
    """Does `text` name an outcome: an imperative, an outcome word or a figure of a gain?"""
    return any(s.split(":")[0] in OUTCOME_KINDS for s in outcome_signals(text, words, brand))


def _unwritten(text: str, words: dict[str, tuple[str, ...]]) -> bool:
    """Copy not written yet: placeholder words ('Your headline here') or lorem ipsum."""
    return (
        has_phrase(text, words.get("placeholder", ()))
        or is_filler(text, words)
        or bool(blank_in(text))
    )


def _hero_text(page: PageSnapshot, view: View, head: Element, max_words: int) -> str:
    """The running text read with the main heading, up to `max_words` words and before the
    next section: a heading of the main heading's level or above (a feature section further
    down, 'Built for builders', does not say what a slogan over it offers)."""
    level = max(int(head.kind[1]), 2) if head.kind in HEADINGS else 2
    labels = link_labels(page)
    parts: list[str] = []
    for block in page.blocks:
        if block.position <= head.position or in_menu(page, block) or block.in_footer:
            continue
        if not view(block):
            continue
        if block.kind in HEADINGS and int(block.kind[1]) <= level:
            break
        if not labels.only_labels(block.text):
            parts.append(block.text)
    return " ".join(" ".join(parts).split()[:max_words])


@check(
    id="benefit-not-vague",
    criterion="benefit",
    title="The opening is concrete (no slogan, placeholder or 'coming soon')",
    failure_title="The opening is a vague slogan or placeholder text",
    fix="Replace the slogan or placeholder with one concrete sentence about what the visitor "
    "gets from you.",
    params={"opening_words": 40, "lead_max_words": 40, "offer_words": 3, "label_words": 3},
)
def benefit_not_vague(page: PageSnapshot, opts: Options) -> Outcome:
    w = opts.words
    placeholder = w.get("placeholder", ())
    flowery = w.get("vague_words", ())

    def judge(label: str, view: View) -> tuple[float, Evidence]:
        head, lead = _headline_and_lead(page, view, opts)
        opening, _ = hero_text(page, view, int(opts.params["opening_words"]))
        near = f"{head.text if head else ''} {lead.text if lead else ''}"
        blank = blank_in(near)
        if blank or has_phrase(near, placeholder):
            found = find_phrases(near, placeholder) or [f"a blank to fill in, '{blank}'"]
            return 0.0, evidence(page, head, f"{label}: placeholder text: {', '.join(found)}")
        filler = _filler_read_first(page, view, int(opts.params["opening_words"]), w)
        if filler is not None:
            # 'A repudiandae ipsam labore ipsa voluptatum...' under the heading: lorem ipsum
            # from another generator, the copy not written yet (criteria.md: 'placeholder text
            # (lorem ipsum)' fails)
            note = "placeholder text: lorem-ipsum filler"
            return 0.0, evidence(page, filler, f"{label}: {note}")
        if head is None and not opening:
            return 0.0, evidence(page, None, f"{label}: nothing readable in the first screen")
        small = opts.words.get("function_words", ())
        if (
            head is not None
            and is_fragment_list(head.text, 3, small)
            and not _is_site_name(page, head.text)
        ):
            offers = opts.words.get("offer_nouns", ())
            rest = lead.text if lead is not None else ""
            if offers and not _offer_named_near(head, rest, lead, opts):
                # 'build · integrate · deliver': a slogan, and nothing read first says what is
                # offered (criteria.md: 'Innovation. Passion. Excellence.' fails)
                note = "a list of single words, no outcome; nothing says what is offered"
                return 0.1, evidence(page, head, f"{label}: {note}")
            # 'Schneiden • Biegen • Schweißen', 'Comfort. Reliability. HVAC.': terse, but the
            # list or the line under it names what is offered, by a listed word or in its own
            # words (raters: 'clear at once, but a category, not an outcome'): the flowery
            # heading's 'partly'
            note = "a list of single words, no outcome; what is offered is named"
            return 0.3, evidence(page, head, f"{label}: {note}")
        unnamed = _offer_unnamed(page, view, head, lead, opts)
        if unnamed is not None:
            return unnamed[0], evidence(page, unnamed[2], f"{label}: {unnamed[1]}")
        if (
            head is not None
            and _is_site_name(page, head.text)
            and not opening_text(page, view, int(opts.params["opening_words"]), skip=head)
        ) or (head is None and _is_site_name(page, opening)):
            # 'Henry Street Bakery' and nothing under it (or, with no heading, a loader that
            # shows the name): the name says the category at most, nothing about what the
            # visitor gets (raters: 'only the name')
            note = "the site's name is all the first screen says: a category at most"
            return 0.25, evidence(page, head, f"{label}: {note}", text="" if head else opening)
        if (
            head is not None
            and has_phrase(head.text, flowery)
            and not outcome_signals(head.text, opts.words, brand_words(page))
        ):
            found = find_phrases(head.text, flowery)
            under = outcome_signals(lead.text, opts.words, brand_words(page)) if lead else []
            if any(s.startswith(("outcome:", "figure:")) for s in under):
                # 'その場で変わる。未来まで変える。' over '痛みの改善から再発予防まで。': a slogan,
                # and the line right under it names the outcome (criteria.md: 'the heading
                # or the sentence right under it')
                note = f"vague words {', '.join(found)}, an outcome right under them"
                return 0.6, evidence(page, head, f"{label}: {note}")
            offers = opts.words.get("offer_nouns", ())
            rest = _hero_text(page, view, head, int(opts.params["opening_words"]))
            # ... the offer named by a listed word, or by the line right under the slogan in
            # its own words ('Perfektion bis ins Detail.' over 'Professionelle
            # Fahrzeugaufbereitung ...'): 'partly'
            if offers and not _offer_named_near(head, rest, lead, opts):
                # 'Every startup begins with spark': a slogan, and nothing read first says
                # what is offered (criteria.md: 'flowery or vague words ... fails')
                note = f"vague words {', '.join(found)}; nothing says what is offered"
                return 0.1, evidence(page, head, f"{label}: {note}")
            return 0.3, evidence(page, head, f"{label}: vague words {', '.join(found)}")
        return 1.0, evidence(page, head, f"{label}: concrete")

    return per_viewport(page, judge)


def _offer_named_near(head: Element, rest: str, lead: Element | None, opts: Options) -> bool:
    """Is what is offered named right away: by a listed word in the heading or in `rest`
    (what is read with it), or in its own words by the line right under it (`_says_what`)?"""
    offers = opts.words.get("offer_nouns", ())
    return has_phrase(f"{head.text} {rest}", offers) or (
        lead is not None and _says_what(lead.text, head, opts)
    )


def _filler_read_first(
    page: PageSnapshot, view: View, max_words: int, words: dict[str, tuple[str, ...]]
) -> Element | None:
    """The first block of filler copy ('A repudiandae ipsam labore...', 'bla bla') read in
    the opening's first `max_words` words of content, with its first words inside them (a
    card of lorem ipsum that only starts there is further down); None when there is none."""
    count = 0
    for block in page.blocks:
        if in_menu(page, block) or block.in_footer or not view(block):
            continue
        size = word_len(block.text)
        if count + min(size, 5) > max_words:
            return None
        if is_filler(block.text, words):
            return block
        count += size
    return None


@check(
    id="benefit-title-description",
    criterion="benefit",
    title="The page title and meta description carry the benefit",
    failure_title="The title and description do not repeat the benefit",
    fix="Write a page title and meta description that state the same benefit as the heading.",
)
def benefit_title_description(page: PageSnapshot, opts: Options) -> Outcome:
    ev: list[Evidence] = []
    title, desc = page.title.strip(), page.meta_description.strip()
    if not title and not desc:
        return Outcome(0.0, (evidence(page, None, "no <title> and no meta description"),))
    score = 0.0
    for name, text in (("title", title), ("meta description", desc)):
        if not text:
            ev.append(evidence(page, None, f"no {name}"))
            continue
        signals = outcome_signals(text, opts.words, brand_words(page))
        seller = has_phrase(text, joined(opts.words, "welcome", "placeholder"))
        part = (0.5 if signals else 0.25) if not seller else 0.0
        if name == "meta description" and word_len(text) >= 8:
            part += 0.15
        score += part
        ev.append(
            evidence(
                page, None, f"{name}: " + (", ".join(signals) or "no outcome words"), text=text
            )
        )
    return Outcome(min(1.0, score), tuple(ev))
