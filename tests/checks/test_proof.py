"""Proof checks on hand-made testimonials, ratings, guarantees and FAQs."""

from __future__ import annotations

import pytest

from sitekit.audit.scoring import audit_page

from .conftest import snap

NAMED = (
    "<section class='testimonials'><blockquote>We got paid in 3 days instead of 30."
    "</blockquote><p>Jane Miller, CFO at Brightside</p></section>"
)
ANON = "<section class='testimonials'><blockquote>Great service!</blockquote><p>— J.</p></section>"


def test_testimonials(run):
    assert run("proof-testimonials", NAMED).score == 1.0
    assert run("proof-testimonials", ANON).score < 0.5
    assert run("proof-testimonials", "<p>We are great.</p>").score == 0.0
    lorem = "<div class='testimonial'><p>Lorem ipsum dolor sit amet</p></div>"
    assert run("proof-testimonials", lorem).score < 0.5


def test_ratings_text_and_jsonld(run):
    assert run("proof-ratings", "<p>4.9 ★ Google rating</p>").score == 1.0
    ld = (
        '<script type="application/ld+json">{"@type": "Product", "aggregateRating": '
        '{"@type": "AggregateRating", "ratingValue": 4.8}}</script>'
    )
    assert run("proof-ratings", ld).score == 1.0
    assert run("proof-ratings", "<p>Nice place.</p>").score == 0.0


def test_a_row_of_stars_alone_is_neither_a_rating_nor_a_testimonial(run):
    # '★★★★★' under the logo or over a paragraph rates nothing a reader can check, and quotes
    # nobody: no rating, no praise
    bare = (
        "<h1>Oakfield Roofing</h1><div class='reviews'><p>★★★★★</p></div>"
        "<h2>About us</h2><p>We fix roofs across the county.</p>"
    )
    assert run("proof-ratings", bare).score == 0.0
    assert "row of stars" in run("proof-ratings", bare).evidence[0].note
    assert run("proof-testimonials", bare).score == 0.0
    # with a count or the site it comes from, in the line or the card around it, it is one
    for counted, lang in (
        ("<p>★★★★★ (87)</p>", "en"),
        ("<p>★★★★★ 87 reviews</p>", "en"),
        ("<p>★★★★★</p><p>“Fixed our leak in a day.”</p><p>Ana • Google</p>", "en"),
        ("<p>★★★★★ 120 Bewertungen</p>", "de"),
        ("<p>★★★★★ 54 avis</p>", "fr"),
        ("<p>★★★★★ 32 reseñas</p>", "es"),
        ("<p>★★★★★ 41 recensioni</p>", "it"),
        ("<p>★★★★★ 29 avaliações</p>", "pt"),
        ("<p>★★★★★ 63 beoordelingen</p>", "nl"),
        ("<p>★★★★★ 120件の口コミ</p>", "ja"),
    ):
        assert run("proof-ratings", counted, lang=lang).score == 1.0, counted
    # a value is a rating as before
    assert run("proof-ratings", "<p>4.9 ★ average</p>").score == 1.0
    # the quote beside the stars is still praise
    card = "<div class='reviews'><p>★★★★★</p><p>“They came the same day and fixed it.”</p></div>"
    assert run("proof-testimonials", card).score > 0.0


def test_a_client_list_heading_is_proof_only_over_names(run):
    # 'Our clients' over two or more different names (lines, logos' alt texts, logo files) is
    # a track record; over sentences or numbered images ('Projekt 1', 'Projekt 2') it names
    # nobody
    for named, lang in (
        ("<h2>Our clients</h2><p>Acme Corp • Globex • Initech</p>", "en"),
        (
            "<h2>Unsere Kunden</h2><img src='/logos/stadtwerke.png' alt=''>"
            "<img src='/logos/baeckerei-horn.png' alt=''><h2>Kontakt</h2><p>Tel. 0421 55</p>",
            "de",
        ),
        ("<h2>Nos références</h2><ul><li>Mairie de Quimper</li><li>Hôtel Ker Moor</li></ul>", "fr"),
    ):
        got = run("proof-figures", named, lang=lang)
        assert got.score > 0.0, (lang, got.evidence)
    for empty, lang in (
        (
            "<h2>Our clients</h2><p>Your reviews will appear here as we finish more jobs.</p>"
            "<h3>Skilled technicians</h3><p>Fully trained.</p>",
            "en",
        ),
        (
            "<h2>Referenzen</h2><img src='/a.jpg' alt='Projekt 1'><img src='/b.jpg' "
            "alt='Projekt 2'><img src='/c.jpg' alt='Projekt 3'><h2>Kontakt</h2>",
            "de",
        ),
        (
            "<h2>Nos clients</h2><p>Cette section accueillera bientôt les avis de nos clients.</p>",
            "fr",
        ),
    ):
        got = run("proof-figures", empty, lang=lang)
        assert got.score == 0.0, (lang, got.evidence)


def test_fame_the_seller_claims_is_a_superlative(run):
    # 'world-renowned since 2012' is a seller claim with a date in it, not a track record
    for claim, lang in (
        ("<p>A world-renowned kitchen, serving since 2012.</p>", "en"),
        ("<p>Die weltberühmte Backstube, seit 1985 für Sie da.</p>", "de"),
        ("<p>Un restaurant renommé, depuis 1998.</p>", "fr"),
        ("<p>Un ristorante rinomato, dal 1990.</p>", "it"),
        ("<p>Un taller de renombre, desde 2001.</p>", "es"),
        ("<p>Uma padaria famosa, desde 1975.</p>", "pt"),
        ("<p>Een wereldberoemde bakkerij, al 60 jaar.</p>", "nl"),
    ):
        got = run("proof-figures", claim, lang=lang)
        assert 0.0 < got.score < 0.3 and "seller claim" in got.evidence[0].note, (lang, got)
    assert run("proof-figures", "<p>A family kitchen, serving since 2012.</p>").score == 0.5


def test_the_number_in_the_sites_name_is_not_a_figure(run):
    # 'Garage 2000' and 'Pizzeria Roma 54' say their name again and again: no result in it
    page = (
        "<h1>Pizzeria Roma 54</h1><p>Pizzeria Roma 54 sera ouverte le dimanche.</p>"
        "<p>Chez Roma 54 vous mangez bien.</p>"
    )
    got = run("proof-figures", page, lang="fr", title="Pizzeria Roma 54 - Accueil")
    assert got.score == 0.0, got.evidence
    # the same number as a result, or without the name's word, is still a figure
    figures = "<p>54 clients fidèles, 98% satisfaits, 1200 pizzas par mois.</p>"
    got = run("proof-figures", figures, lang="fr", title="Pizzeria Roma 54 - Accueil")
    assert got.score == 1.0, got.evidence


def test_figures_vs_superlatives(run):
    good = "<p>500+ patients treated, 94% repeat clients, 140+ campaigns delivered.</p>"
    assert run("proof-figures", good).score == 1.0
    bad = run("proof-figures", "<p>We are the best, world-class and unmatched.</p>")
    assert bad.score == 0.0
    assert "superlatives" in bad.evidence[0].note


def test_risk_reducers_and_after_sale(run):
    assert run("proof-risk-reducers", "<p>30-day money-back guarantee.</p>").score == 1.0
    assert run("proof-risk-reducers", "<p>Buy now.</p>").score == 0.0
    assert run("proof-after-sale", "<p>Our support replies within 24 hours.</p>").score == 1.0
    assert run("proof-after-sale", "<p>Buy now.</p>").score == 0.0


def test_faq(run):
    faq = "<h2>Frequently asked questions</h2>" + "<p>How long does setup take? One day.</p>" * 5
    assert run("proof-faq", faq).score == 1.0
    lorem = "<h2>FAQ</h2>" + "<p>Lorem ipsum dolor sit amet consectetur.</p>" * 5
    assert run("proof-faq", lorem).score < 0.5
    assert run("proof-faq", "<p>x</p>").score == 0.0


def test_no_placeholder(run):
    assert run("proof-no-placeholder", "<p>Lorem ipsum dolor sit amet</p>").score == 0.0
    assert run("proof-no-placeholder", "<p>Real text</p>").score == 1.0


def test_german_words(run):
    assert run("proof-risk-reducers", "<p>2 Jahre Garantie</p>", lang="de").score == 1.0


def test_work_samples(run):
    html = "<h1>Jo Doe</h1><h2>Projects</h2><p>A shop for a bakery, an app for a gym.</p>"
    assert run("proof-work-samples", html).score == 0.5
    assert run("proof-work-samples", "<h1>Jo Doe</h1><h2>Hello</h2>").score == 0.0


def test_work_samples_from_section_classes(run):
    html = "<h1>Jo</h1>" + "<div class='project'><h3>Shop</h3><p>A shop for a bakery.</p></div>" * 2
    assert run("proof-work-samples", html).score == 0.5


def test_figures_in_other_scripts(run):
    assert (
        run(
            "proof-figures", "<p>Über 12.000 Betriebe, 94% pünktlich, seit 2009.</p>", lang="de"
        ).score
        == 1.0
    )
    assert run("proof-figures", "<p>3025 East 3300 South, Salt Lake City</p>").score == 0.0
    assert (
        run(
            "proof-faq",
            "<h2>よくある質問</h2><p>設定にはどのくらいかかりますか？一日で完了します。"
            "料金はいくらですか？月額900円からです。解約はいつでもできますか？はい、できます。</p>",
            lang="ja",
        ).score
        == 1.0
    )


def test_an_unfilled_counter_or_a_priced_item_is_no_result(run):
    counters = "<p>1+ Years of experience</p><p>1+ Clients served</p><p>1% Committed</p>"
    assert run("proof-figures", counters).score == 0.0
    menu = "<p>Family box, $24: 2 pizzas, 6 wings and 4 drinks.</p><p>Kids plate 9 €: 3 tacos</p>"
    assert run("proof-figures", menu).score == 0.0
    # a sum the seller handled is a figure, and so are a million and a share above one
    sold = "<p>Over $300 million in sales, 1 million visitors, 15% more bookings.</p>"
    assert run("proof-figures", sold).score == 1.0


def test_a_credential_in_the_site_name_or_on_a_badge_is_a_track_record(run):
    signed = "<header><a href='/'>Jane Roe, LCSW</a></header><p>Counselling for adults.</p>"
    assert run("proof-figures", signed).score == 0.5
    badge = "<p>DJ for weddings.</p><a href='https://r.example'><img alt='Award winner'></a>"
    assert run("proof-figures", badge).score == 0.5
    # a menu entry for another page is proof nobody sees here
    menu = "<nav><a href='/'>Home</a><a href='/awards'>Awards</a></nav><p>DJ for weddings.</p>"
    assert run("proof-figures", menu).score == 0.0


def test_a_promise_of_help_or_a_bare_support_is_no_after_sale_detail(run):
    assert run("proof-after-sale", "<p>Call us today, we're happy to help.</p>").score == 0.0
    assert run("proof-after-sale", "<p>Aprender e crescer com suporte.</p>", lang="pt").score == 0.0
    assert run("proof-after-sale", "<p>Wir helfen gerne weiter.</p>", lang="de").score == 0.0
    # who answers, when, and how fast is a detail
    assert run("proof-after-sale", "<p>Our support team replies within 24 hours.</p>").score == 1.0
    assert run("proof-after-sale", "<p>Suporte técnico em até 24 horas.</p>", lang="pt").score > 0


def test_phone_numbers_are_not_figures(run):
    html = "<p>Sie erreichen uns unter 033094 / 70 24 94 oder 0155 / 60 49 89 10.</p>"
    assert run("proof-figures", html, lang="de").score == 0.0


def test_attribution_with_a_company_or_honorific_is_named(run):
    ja = (
        "<section class='testimonials'><blockquote>作業が半日になりました。</blockquote>"
        "<p>株式会社ミドリ 経理部長 田中 様</p></section>"
    )
    assert run("proof-testimonials", ja, lang="ja").score == 1.0
    ko = "<section class='reviews'><blockquote>좋았어요.</blockquote><p>김지현 님</p></section>"
    assert run("proof-testimonials", ko, lang="ko").score >= 0.8


def test_a_menu_link_to_another_page_is_not_work_shown_here(run):
    html = "<nav><a href='/projects'>Projects</a><a href='/contact'>Contact</a></nav><h1>Hi</h1>"
    assert run("proof-work-samples", html).score == 0.0
    html = "<nav><a href='#projects'>Projects</a></nav><h1>Hi</h1><h2 id='projects'>Projects</h2>"
    assert run("proof-work-samples", html).score == 0.5


def test_cjk_prices_and_minutes_are_not_proof_figures(run):
    assert (
        run(
            "proof-figures", "<p>昼の御膳 1,800円、駅から徒歩3分、夜 6,500円。</p>", lang="ja"
        ).score
        == 0.0
    )
    track = "<p>導入企業 5,000社以上、継続率 98%、利用者 10万人。</p>"
    assert run("proof-figures", track, lang="ja").score == 1.0


def test_a_faq_question_mentioning_projects_is_not_a_work_section(run):
    html = "<h1>Kit</h1><h3>Can I use the kit in open-source projects?</h3><p>Yes.</p>"
    assert run("proof-work-samples", html).score == 0.0


def test_founding_year_in_other_languages_is_a_track_record(run):
    assert run("proof-figures", "<p>Cabinet fondé en 1992.</p>", lang="fr").score > 0
    assert run("proof-figures", "<p>Empresa fundada en 1998.</p>", lang="es").score > 0


def test_title_case_praise_is_not_a_name(run):
    html = (
        "<section class='testimonials'><blockquote>Great Service!</blockquote>"
        "<p>— Happy Customer</p><blockquote>Highly Recommended</blockquote>"
        "<p>Verified Buyer</p></section>"
    )
    assert run("proof-testimonials", html).score < 0.5


def test_a_free_trial_button_is_a_next_step_not_a_reassurance(run):
    assert (
        run("proof-risk-reducers", "<a class='btn' href='/t'>Start your free trial</a>").score == 0
    )
    assert run("proof-risk-reducers", "<p>No credit card required.</p>").score == 1.0


def test_abbreviated_counts_are_figures(run):
    html = "<p>Join 1m+ founders, 5K+ teams and 2.5M users.</p>"
    assert run("proof-figures", html).score == 1.0
    assert run("proof-figures", "<p>5m from the beach.</p>").score == 0.0


def test_the_customer_honorific_alone_names_nobody(run):
    ja = (
        "<section class='testimonials'><blockquote>とても便利です。</blockquote>"
        "<p>30代 女性 お客様</p></section>"
    )
    assert run("proof-testimonials", ja, lang="ja").score < 0.5
    ko = "<section class='reviews'><blockquote>좋았어요.</blockquote><p>30대 고객님</p></section>"
    assert run("proof-testimonials", ko, lang="ko").score < 0.5


def test_template_pages_show_sample_proof(run):
    demo = "<p>This free landing page template was built with Tailwind.</p><p>600M users</p>"
    outcome = run("proof-no-placeholder", demo)
    assert outcome.score == 0.3 and "template" in outcome.evidence[0].note
    assert run("proof-no-placeholder", "<p>Our plumbers fixed 600 leaks.</p>").score == 1.0


def test_the_example_theme_markup_counts_as_named_testimonials(run):
    figure = (
        "<figure><blockquote><p>Fixed before the lunch rush, and they walked us through the "
        "warranty.</p></blockquote><figcaption><strong>New water heater with zero hours "
        "closed</strong><span>Luis Ortega, Owner, Alberta Street Café</span></figcaption>"
        "</figure>"
    )
    assert run("proof-testimonials", figure).score == 1.0


def test_disclaimers_are_not_reassurance(run):
    for html in (
        "<p>THE SOFTWARE IS PROVIDED AS IS, WITHOUT ANY WARRANTY of merchantability.</p>",
        "<p>All used bikes are sold as is, no warranty.</p>",
        "<p>No refunds on sale items.</p>",
        "<p>Our experienced crew is your guarantee of quality.</p>",
    ):
        assert run("proof-risk-reducers", html).score == 0.0, html
    both = "<p>No refunds on gift cards. Every repair has a 2-year warranty.</p>"
    assert run("proof-risk-reducers", both).score == 1.0


def test_praising_ones_own_service_is_not_after_sale_detail(run):
    assert run("proof-after-sale", "<p>We offer world-class customer service.</p>").score == 0
    assert run("proof-after-sale", "<p>Customer service answers within 24 hours.</p>").score == 1


def test_years_in_business_and_licences_are_thin_proof(run):
    for html in (
        "<p>Family owned, with over 20 years experience.</p>",
        "<p>Fully licensed and insured. Practice number 1069292.</p>",
        "<h2>Our clients</h2><p>Acme Corp, Globex, Initech</p>",
    ):
        outcome = run("proof-figures", html)
        assert outcome.score == 0.5 and "thin" in outcome.evidence[0].note, html
    # a consultation length or opening hours prove nothing
    assert run("proof-figures", "<p>A free 15 minutes call, open 24 hours, 7 days.</p>").score == 0
    # ... in Japanese too, where the unit is written onto the number; and a date is no figure
    japanese = "<p>無料相談30分、24時間受付、年中無休。2024年12月30日（月）。</p>"
    assert run("proof-figures", japanese, "ja").score == 0
    assert run("proof-figures", "<p>導入企業500社、満足度94%。</p>", "ja").score > 0.5


def test_a_release_history_is_a_track_record(run):
    html = (
        "<p>Previous releases: 2.43, on 22nd of March 2026; 2.42, on 28th of December 2025;"
        " 2.41, on 21st of June 2025.</p>"
    )
    assert run("proof-figures", html).score == 0.5
    assert run("proof-figures", "<p>Version 2.43 is out.</p>").score == 0.0


def test_a_bare_superlative_is_not_a_figure(run):
    outcome = run("proof-figures", "<p>The #1 plumber in town, world-class and the best.</p>")
    assert outcome.score == 0.0 and "superlatives" in outcome.evidence[0].note


def test_a_quoted_paragraph_signed_with_a_dash_is_a_named_testimonial(run):
    html = (
        "<h2>What neighbours say</h2><p>“They fixed our boiler the same afternoon.”</p>"
        "<p>— Maria K., Lisbon</p>"
    )
    assert run("proof-testimonials", html).score >= 0.8
    inline = "<p>“They fixed our boiler the same afternoon.” — Maria K., Lisbon</p>"
    assert run("proof-testimonials", inline).score >= 0.8
    assert run("proof-testimonials", "<p>“Great service!” — J.</p>").score < 0.5
    assert run("proof-testimonials", "<p>“Quality you can trust,” we say.</p>").score == 0.0


def test_a_founding_year_inside_superlatives_is_a_seller_claim(run):
    claim = run("proof-figures", "<p>The leading, world-class provider since 1985.</p>")
    assert claim.score == 0.25 and "seller claim" in claim.evidence[0].note
    assert run("proof-figures", "<p>Serving Mason City since 1985.</p>").score == 0.5


def test_code_samples_and_menu_notices_are_not_placeholder_copy(run):
    """'http://example.com/file.csv' in a code sample is the documented convention, and a menu
    entry 'Puppy class coming soon' announces a service; lorem ipsum in the copy still counts."""
    page = (
        "<nav><ul><li><a href='/vaccines'>Vaccinations</a></li>"
        "<li><a href='/puppy'>Puppy class coming soon</a></li></ul></nav>"
        "<main><h1>Parse CSV in the browser</h1>"
        "<pre><code>parse('http://example.com/file.csv', {download: true})</code></pre></main>"
    )
    assert run("proof-no-placeholder", page).score == 1.0
    lorem = page.replace("</main>", "<p>Lorem ipsum dolor sit amet, consectetur.</p></main>")
    assert run("proof-no-placeholder", lorem).score == 0.0


def test_figures_that_count_features_are_a_specification_not_proof(run):
    """'over 60 languages, 9 built-in themes' says what the product has, not how the seller
    performs for customers (criteria.md: proof is how you will treat me); results still count."""
    spec = "<p>Quill supports over 60 languages and ships 9 built-in themes and 40 plugins.</p>"
    found = run("proof-figures", spec)
    assert found.score == 0.0
    results = "<p>1,200 teams switched, 98% renew, 4,000 invoices sent a day.</p>"
    assert run("proof-figures", results).score == 1.0
    both = spec + results
    assert run("proof-figures", both).score == 1.0


def test_questions_under_their_own_headings_are_an_faq(run):
    """A Q&A written as question headings with their answers answers worries like an FAQ."""
    qa = (
        "<h3>Does my file leave my computer?</h3><p>No. Everything is read in your browser, so "
        "nothing is uploaded anywhere.</p>"
        "<h3>What if the file is broken?</h3><p>Malformed rows are reported with their line "
        "number and the rest is read.</p>"
        "<h3>Can I use it with my framework?</h3><p>Yes, it has no dependencies and works in "
        "any page or build.</p>"
    )
    found = run("proof-faq", qa)
    assert found.score == 1.0 and "3 questions" in found.evidence[0].note
    # rhetorical question headings with no answer under them are no FAQ
    bare = "<h2>Need a plumber?</h2><h2>Why us?</h2><h2>Ready?</h2><p>Call.</p>"
    assert run("proof-faq", bare).score == 0.0
    # two answered questions are not yet an FAQ
    assert run("proof-faq", qa.split("<h3>Can I")[0]).score == 0.0


def test_a_named_user_quoted_inside_a_who_uses_it_paragraph_is_named(run):
    """'BrightLedger keeps its books in CSV. “We built our importer in an afternoon.”': a
    paragraph that opens with a named user and quotes them is a named testimonial."""
    html = (
        "<h2>Who uses it</h2>"
        "<p>BrightLedger keeps client books in CSV files. “We built our importer in an "
        "afternoon with it.”</p>"
        "<p>Anna Kowalski runs a data desk. “It reads our 2 GB exports without a hiccup at "
        "all.”</p>"
    )
    found = run("proof-testimonials", html)
    assert found.score >= 0.8
    assert "BrightLedger" in found.evidence[0].note
    # a paragraph that quotes a slogan with no name opening it is no testimonial
    unnamed = "<p>Our motto is simple. “Quality and care in every single job we do.”</p>"
    assert run("proof-testimonials", unnamed).score == 0.0


def test_everyday_words_are_not_placeholder_copy(run):
    """A painter's 'Baustelle' (the site he works on), 'wir melden uns in Kürze', a photo 'not
    a placeholder', a salad ('sla') on a Dutch menu: everyday copy. The phrases that say the
    page is unfinished still count, and a Dutch menu's 'sla' is no service-level agreement."""
    for lang, copy in (
        ("de", "<p>Dieter Müller steht danach mit auf der Baustelle.</p>"),
        ("de", "<p>Schreiben Sie uns, wir melden uns in Kürze.</p>"),
        ("de", "<p>Demnächst: unser Sommerfest am 12. Juli.</p>"),
        ("de", "<p>Ihre Anfrage ist in Bearbeitung.</p>"),
        ("en", "<p>The decoy image IS your encrypted photo, not a placeholder.</p>"),
    ):
        assert run("proof-no-placeholder", copy, lang).score == 1.0, copy
    for lang, copy in (
        ("de", "<p>Unsere Seite ist noch eine Baustelle.</p>"),
        ("de", "<p>Die Webseite wird gerade überarbeitet und ist in Kürze online.</p>"),
        ("de", "<p>Hier entsteht eine neue Webseite.</p>"),
        ("en", "<p>This is placeholder text for the hero.</p>"),
    ):
        assert run("proof-no-placeholder", copy, lang).score == 0.0, copy
    menu = "<h2>Lunch</h2><p>Gemengde sla, pijnboompitten, rucola, tomaat</p>"
    assert run("proof-after-sale", menu, "nl").score == 0.0
    assert run("proof-after-sale", "<p>A 99.9% uptime SLA on every plan.</p>").score == 1.0


def test_lorem_ipsum_in_a_type_specimen_is_not_placeholder_copy(run):
    """A style guide sets lorem ipsum under 'Typography' or 'Wide Measure' to show a typeface
    or a line length: a specimen, not unfinished copy. Lorem ipsum elsewhere still counts."""
    specimen = (
        "<h1>A small CSS toolkit</h1><h2>Typography</h2><h3>Wide Measure</h3>"
        "<p class='measure-wide'>Lorem ipsum dolor sit amet, consetetur sadipscing elitr.</p>"
    )
    assert run("proof-no-placeholder", specimen).score == 1.0
    copy = specimen + "<h2>What our clients say</h2><p>Lorem ipsum dolor sit amet.</p>"
    assert run("proof-no-placeholder", copy).score == 0.0


def test_years_written_after_the_figure_are_a_track_record(run):
    """'30+ Years of Experience' (the unit after a '30+' figure) is years in business, thin
    proof like '30 years', not a result figure."""
    found = run("proof-figures", "<h4>30+ Years of Experience</h4><p>Certified technicians.</p>")
    assert found.score == 0.5 and "track record" in found.evidence[0].note
    results = "<p>2,000+ cars repaired, 98% on time, 600 insurance claims handled.</p>"
    assert run("proof-figures", results).score == 1.0


def test_a_product_showcase_is_not_work_done_for_clients(run):
    """A 'showcase' section shows the thing sold (a dish, a product), not work done for
    customers: no work samples. A portfolio or project section still is."""
    dish = (
        "<h1>Fish and chips on wheels</h1>"
        + "<section class='food-showcase'><h2>Crispy cod sandwich</h2>"
        "<p>Beer-battered cod on a brioche bun.</p><p>Hand-cut chips.</p></section>" * 2
    )
    assert run("proof-work-samples", dish).score == 0.0
    work = dish.replace("food-showcase", "portfolio-item")
    assert run("proof-work-samples", work).score == 0.5


def _proof(profile, html: str, lang: str = "en") -> float:
    from sitekit.audit.scoring import audit_page

    from .conftest import snap

    score = audit_page(snap(html, lang), profile, is_entry=True).criteria["proof"].score
    assert score is not None
    return score


def test_named_accreditations_are_specific_proof_one_licence_is_thin(run, profile):
    accredited = (
        "<h1>Boilers fitted in a day</h1><h2>Accreditations</h2><p>We are Gas Safe "
        "registered engineers and Which? Trusted Traders, approved installers for two boiler "
        "makers.</p><p>Every boiler comes with a 10-year guarantee.</p>"
    )
    out = run("proof-figures", accredited)
    assert out.score == 0.8 and "credentials" in out.evidence[0].note
    assert _proof(profile, accredited) >= 75  # specific proof and a risk reducer: "2"
    one = accredited.replace(
        "<h2>Accreditations</h2><p>We are Gas Safe registered engineers and Which? Trusted "
        "Traders, approved installers for two boiler makers.</p>",
        "<p>We are licensed and insured.</p>",
    )
    assert run("proof-figures", one).score == 0.5  # a licence alone: thin proof
    assert _proof(profile, one) < 75
    de = (
        "<h1>Heizung in einem Tag</h1><p>Meisterbetrieb und Innungsbetrieb, TÜV-zertifiziert."
        "</p><p>Fünf Jahre Garantie auf jede Anlage.</p>"
    )
    assert run("proof-figures", de, "de").score == 0.8
    pt = "<h1>Drones</h1><p>Operadores certificados pela ANAC, credenciados e licenciados.</p>"
    assert run("proof-figures", pt, "pt").score == 0.8


def test_a_sponsors_blurb_is_not_the_events_proof(run, profile):
    sponsors = (
        "<section class='sponsors'><h2>Sponsors</h2><p>Acme Loans serves 40,000 borrowers, "
        "lends 12 million a year and is open source at heart, with 95% happy clients.</p>"
        "</section>"
    )
    event = "<h1>RubyDay 2026</h1><p>One day of talks in Pune, 10 August.</p>"
    assert run("proof-figures", event + sponsors).score == 0.0
    assert run("proof-risk-reducers", event + sponsors).score == 0.0
    own = sponsors.replace("class='sponsors'", "class='about'")
    assert run("proof-figures", event + own).score == 1.0


def test_an_emergency_line_is_not_after_sale_care(run):
    # who answers when something is urgent, not how customers are treated after the sale
    urgent = "<h2>Hours</h2><p>Mon-Fri 8-18.</p><p>Out-of-hours emergency line: 0161 555 0100</p>"
    thin = run("proof-after-sale", urgent)
    assert 0.0 < thin.score < 0.5, thin.evidence
    assert "not after-sale care" in thin.evidence[0].note
    de = "<h2>Sprechzeiten</h2><p>Mo-Fr 8-12 Uhr.</p><p>Zahnärztlicher Notdienst: 01805 986700</p>"
    assert 0.0 < run("proof-after-sale", de, lang="de").score < 0.5
    # with real after-sale detail beside it, the page still has it
    care = urgent + "<p>Our support team replies within 24 hours.</p>"
    assert run("proof-after-sale", care).score == 1.0


def test_round_the_clock_hours_say_when_the_service_can_be_had_not_after_sale_care(run):
    # 'Open 24/7' on a locksmith's page is when the service can be had, like an emergency line:
    # thin detail, not support hours, onboarding or what happens when something goes wrong
    for lang, hours in (
        ("en", "<h2>Locksmith in Leeds</h2><p>Open 24/7 and around the clock for lock-outs.</p>"),
        ("de", "<h2>Schlüsseldienst Köln</h2><p>Rund um die Uhr für Sie da.</p>"),
        ("fr", "<h2>Serrurier à Lyon</h2><p>Dépannage 7j/7 et 24h/24.</p>"),
        ("es", "<h2>Cerrajero en Sevilla</h2><p>Abierto las 24 horas, 7 días a la semana.</p>"),
        ("it", "<h2>Fabbro a Torino</h2><p>Pronti 24 ore su 24, 7 giorni su 7.</p>"),
        ("pt", "<h2>Chaveiro em Campinas</h2><p>Atendimento 24 horas, 7 dias por semana.</p>"),
        ("nl", "<h2>Slotenmaker Utrecht</h2><p>Wij zijn 24 uur per dag bereikbaar.</p>"),
        ("ja", "<h2>鍵の救急センター</h2><p>年中無休・24時間対応で駆けつけます。</p>"),
    ):
        thin = run("proof-after-sale", hours, lang=lang)
        assert 0.0 < thin.score < 0.5, (lang, thin.evidence)
        assert "not after-sale care" in thin.evidence[0].note
    # support hours are after-sale detail, round the clock or not
    assert run("proof-after-sale", "<p>24/7 support by chat and phone.</p>").score == 1.0
    assert run("proof-after-sale", "<p>Kundenservice rund um die Uhr.</p>", lang="de").score == 1
    assert run("proof-after-sale", "<p>Service client 7j/7.</p>", lang="fr").score == 1.0


def test_a_template_offered_for_download_is_not_the_page_being_a_template(run):
    # a framework's page offers a starter file: the page itself is no template
    offered = (
        "<h1>Style any page in minutes</h1><h3>Starter template</h3>"
        "<p>This template is always linked to the latest release. Save this file and start.</p>"
    )
    assert run("proof-no-placeholder", offered).score == 1.0
    # a page that describes itself as a template keeps its cap, wherever it says so
    itself = "<h1>Grow your startup</h1><p>This free landing page template was built with care.</p>"
    assert run("proof-no-placeholder", itself).score < 0.5
    under_feature = "<h1>Launch fast</h1><h3>Fully responsive</h3><p>This theme looks great.</p>"
    assert run("proof-no-placeholder", under_feature).score < 0.5


QUOTE = "“We cut our invoicing time from two days to an hour in the first month.”"


def test_testimonial_markup_variants_name_the_customer(run):
    # a card: the quoted words, the name alone on its line, the role and company under it
    card = f"<div class='card'><p>{QUOTE}</p><h4>Priya Nair</h4><span>CTO, Brightline</span></div>"
    assert run("proof-testimonials", card).score == 1.0
    strong = (
        f"<div class='card'><p>{QUOTE}</p>"
        "<p><strong>Priya Nair</strong><br>CTO at Brightline</p></div>"
    )
    assert run("proof-testimonials", strong).score == 1.0
    # a plain paragraph signed after a hyphen in the same paragraph
    hyphen = f"<p>{QUOTE} - Priya Nair, CTO at Brightline</p>"
    assert run("proof-testimonials", hyphen).score == 1.0
    # a section under a heading naming testimonials, with no quotation marks or class at all
    headed = (
        "<h2>What our clients say</h2><p>We cut our invoicing time from two days to an hour.</p>"
        "<p>Priya Nair, CTO at Brightline</p><h2>Pricing</h2><p>From 9 € a month.</p>"
    )
    assert run("proof-testimonials", headed).score == 1.0
    de = (
        "<h2>Was unsere Kunden sagen</h2><p>Die Heizung lief am selben Tag wieder.</p>"
        "<p>Anna Schmidt, Inhaberin, Café Linde</p>"
    )
    assert run("proof-testimonials", de, lang="de").score == 1.0
    # a link or a button after the quoted words is no name
    button = f"<p>{QUOTE}</p><a class='btn' href='/book'>Book Today</a>"
    assert run("proof-testimonials", button).score < 0.5


def test_a_section_label_framed_by_dashes_is_no_signature(run):
    # '"A saying." ... - My Blog -': the next section's label, not who said it
    page = "<p>“Yoga is the journey of the self, to the self.”</p><h1>- My Blog -</h1><p>Post</p>"
    found = run("proof-testimonials", page)
    assert "My Blog" not in found.evidence[0].note
    assert found.score < 0.5


def test_trying_the_service_without_committing_is_a_risk_reducer(run):
    # a free first class, paying class by class with no block or membership
    assert (
        run("proof-risk-reducers", "<p>Your first class is free: First Class Free.</p>").score
        == 1.0
    )
    dropin = "<p>Buy a block of six, or pay the drop-in rate week by week.</p>"
    assert run("proof-risk-reducers", dropin).score == 1.0
    assert run("proof-risk-reducers", "<p>Erste Stunde kostenlos.</p>", lang="de").score == 1.0
    assert run("proof-risk-reducers", "<p>Premier cours gratuit.</p>", lang="fr").score == 1.0
    # a class timetable alone reassures nobody
    assert run("proof-risk-reducers", "<p>Classes on Monday at 10:30.</p>").score == 0.0


def test_praise_of_ones_own_support_is_no_after_sale_detail(run):
    # 'award-winning customer service', 'our world-class support team': claims
    for claim in (
        "<p>Award-winning customer service.</p>",
        "<p>Our world-class support team is here for you.</p>",
        "<p>Friendly support whenever you need it.</p>",
    ):
        assert run("proof-after-sale", claim).score == 0.0, claim
    assert run("proof-after-sale", "<p>Un support de qualité exceptionnelle.</p>", "fr").score == 0
    assert run("proof-after-sale", "<p>Un'assistenza di prima classe.</p>", "it").score == 0
    # the detail beside the praise still counts
    detail = "<p>Our friendly support team replies within 4 hours, Monday to Friday.</p>"
    assert run("proof-after-sale", detail).score == 1.0
    # '24/7' qualified by an emergency is the emergency line, not 24/7 support
    urgent = run("proof-after-sale", "<p>24/7 emergency plumber: call 0161 555 0100</p>")
    assert 0.0 < urgent.score < 0.5
    assert run("proof-after-sale", "<p>24/7 support by chat and phone.</p>").score == 1.0


def test_detailed_praise_signed_with_initials_is_some_proof(run):
    detailed = (
        "<section class='reviews'>"
        "<blockquote>The chair class helped my back more than a year of physio, and Sam "
        "adapts every pose when my knee plays up.</blockquote><p>— M.</p>"
        "<blockquote>I came for the breathing and stayed for the people: two years on I sleep "
        "better and my shoulders no longer ache after work.</blockquote><p>— Ellen</p>"
        "</section>"
    )
    found = run("proof-testimonials", detailed)
    assert 0.45 < found.score < 0.8, found.evidence
    assert "initials or a first name" in found.evidence[0].note
    # short generic praise signed the same way stays thin
    generic = (
        "<section class='reviews'><blockquote>This is fantastic!</blockquote><p>— M.</p>"
        "<blockquote>Thanks so much, great class.</blockquote><p>— Ellen</p></section>"
    )
    assert run("proof-testimonials", generic).score == 0.45


def test_maintenance_and_returns_with_terms_are_care_after_the_sale(run):
    assert (
        run("proof-after-sale", "<p>Annual maintenance visit included for 2 years.</p>").score == 1
    )
    assert run("proof-risk-reducers", "<p>30-day returns on every order.</p>").score == 1.0
    assert run("proof-risk-reducers", "<p>Return it within 14 days for a refund.</p>").score == 1
    # the service itself ('lawn maintenance') is no care after the sale
    assert run("proof-after-sale", "<p>Lawn maintenance and garden design.</p>").score == 0.0


def test_prices_distances_and_sizes_are_no_proof_figures(run):
    """'Clear prices (60 euros) ... but no patient reviews or results, so thin' (rated 1): a
    price, a distance ('a 2 cuadras de la plaza') or a bed's size ('160×200') says nothing of
    how the seller performs for its customers; results still count."""
    filler = "<p>Consultations by appointment.</p>"
    for text, lang in (
        ("Une séance coûte 60 euros, 70 euros le dimanche, remboursée à 100%.", "fr"),
        ("A 2 cuadras de la plaza y 5 metros del río.", "es"),
        ("Rooms with beds of 160×200 and 180 × 200 cm.", "en"),
    ):
        out = run("proof-figures", f"<main><h1>Hi</h1>{filler}<p>{text}</p></main>", lang)
        assert out.score < 0.5, (text, out)
    results = "<p>1,200 patients treated, 94% back at work in 6 weeks, 3× faster recovery.</p>"
    assert run("proof-figures", f"<main><h1>Hi</h1>{filler}{results}</main>").score == 1.0


def test_a_founding_date_with_its_month_is_a_track_record(run):
    """'Seit Februar 1992 ... no reviews ... so thin' (rated 1): 'since' with a month before the
    year is the same track record as 'since 1992', thin proof rather than none."""
    for text, lang in (
        ("Seit Februar 1992 für Sie in Berlin.", "de"),
        ("Serving Leeds since March 2005.", "en"),
        ("Atendiendo desde enero de 2010.", "es"),
    ):
        out = run("proof-figures", f"<main><h1>Praxis</h1><p>{text}</p></main>", lang)
        assert out.score == 0.5 and "track record" in out.evidence[0].note, (text, out)


def test_a_town_after_a_first_name_is_no_full_name(run):
    """'three short testimonials with first names and cities only ('— Sarah, Dallas')' (rated
    thin): 'Fort Worth' after '— Miguel,' is where the customer lives, not a surname."""
    quotes = "".join(
        f"<blockquote><p>“Arrived fast and fixed the leak.”</p><p>— {who}</p></blockquote>"
        for who in ("Miguel, Fort Worth", "Lisa, San Antonio")
    )
    page = f"<main><h1>Plumbing</h1><section><h2>Testimonials</h2>{quotes}</section></main>"
    out = run("proof-testimonials", page)
    assert out.score < 0.8 and "Fort Worth" not in out.evidence[0].note, out
    named = page.replace("Miguel, Fort Worth", "Miguel Ortiz, Fort Worth")
    assert "Miguel Ortiz" in run("proof-testimonials", named).evidence[0].note


def test_a_privacy_commitment_reduces_the_risk(run):
    """'only risk reducers ("We don't sell data — not as a policy, as an architecture",
    "Anonymous by default")' (rated 1, thin proof rather than none): a privacy commitment
    answers a fear criteria.md names."""
    for line in (
        "We don't sell data, not as a policy but as an architecture.",
        "Your health data never leaves your phone.",
    ):
        page = f"<main><h1>Min</h1><p>{line}</p></main>"
        assert run("proof-risk-reducers", page).score == 1.0, line
    assert run("proof-risk-reducers", "<main><h1>Min</h1><p>We love data.</p></main>").score == 0


def test_a_request_a_quote_section_is_no_testimonial_section(run):
    """A trade site's 'Request a Quote' section (class 'quote-home') asks for a price; its
    paragraphs are no customers' words, and 'Send Message' is no name. A section of quotes
    with no form is still read as testimonials."""
    form = "<form><input type='email' name='email'><button>Send Message</button></form>"
    section = (
        "<div class='quote-home'><h2>Request a Quote</h2>"
        "<p>Licensed Electricians Serving Oakland and Berkeley since 2015.</p>"
        "<p>Tell us what you need help with, Jacky Chen will answer.</p>"
        f"<div class='quote-panel'>{form}</div></div>"
    )
    page = f"<main><h1>Electrician</h1>{section}</main>"
    assert run("proof-testimonials", page).score == 0.0
    praise = (
        "<div class='quote-slide'><p>Fixed our panel in a day, clean and on budget.</p>"
        "<p>Jacky Chen, Berkeley homeowner</p></div>"
    )
    assert run("proof-testimonials", f"<main><h1>Electrician</h1>{praise}</main>").score > 0


def _proof_score(profile, html: str, lang: str = "en") -> float:
    page = snap(f"<main><h1>Praxis am Markt</h1>{html}</main>", lang)
    return audit_page(page, profile, is_entry=True).criteria["proof"].score


def test_one_piece_of_thin_proof_is_partly_not_fails(profile):
    """'1 = some proof but thin': a page whose only proof is one figure ('3 locaties' beside a
    press interview, rated 1) is "partly", not "fails", as a lone track record or credential
    is; a page with none still fails, and so does a template's sample testimonial."""
    none = "<p>We look forward to seeing you.</p>"
    assert _proof_score(profile, none) < 25
    for line, lang in (
        ("Wij behandelen u op 3 locaties in Hilversum.", "nl"),
        ("Over 1,200 patients treated.", "en"),
        ("Serving the town for over 30 years.", "en"),
    ):
        assert 25 <= _proof_score(profile, f"<p>{line}</p>", lang) < 75, line
    sample = (
        "<section><h2>Testimonials</h2><blockquote><p>Lorem ipsum dolor sit amet, consectetur "
        "adipiscing elit.</p><p>— John Doe</p></blockquote></section>"
    )
    assert _proof_score(profile, sample) < 25


def test_professional_registrations_are_credentials(run):
    """A lawyer's bar number ('OAB/MA 13.544'), a therapist's state recognition, a printer's
    certification ('FSC認証'): credentials a reader can check, so thin proof at least."""
    for line, lang in (
        ("Dr. William Garcez, advogado, OAB/MA 13.544.", "pt"),
        ("Seit 1996 staatlich anerkannte Logopädin.", "de"),
        ("Approbiert 2010 in Leipzig.", "de"),
        ("FSC認証の用紙を使っています。", "ja"),
        ("Certified to ISO9001 since 2004.", "en"),
    ):
        out = run("proof-figures", f"<main><h1>Hi</h1><p>{line}</p></main>", lang)
        assert out.score >= 0.3, (line, out)
    plain = run("proof-figures", "<main><h1>Hi</h1><p>Advogado em São Luís.</p></main>", "pt")
    assert plain.score == 0


def test_a_fee_only_on_success_reduces_the_risk(run):
    """'a real risk reducer ("contingent fee basis ... you will not owe us anything")': a
    lawyer paid only on success takes the visitor's risk."""
    for line in (
        "We take cases on a contingent fee basis.",
        "If we are unable to obtain compensation for you, you will not owe us anything.",
        "No fee unless we recover money for you.",
    ):
        assert run("proof-risk-reducers", f"<main><h1>Law</h1><p>{line}</p></main>").score == 1.0


def test_dates_are_no_result_figures(run):
    """'Nato il 2 ottobre 1993 ... 10 settembre ... 17 gennaio' (a lawyer's life, rated thin):
    a day of the month is a date, not a figure of how the seller performs."""
    for text, lang in (
        ("Nato il 2 ottobre 1993, laureato il 10 settembre 2019, avvocato dal 17 gennaio.", "it"),
        ("Opened on 5 March, renovated on 12 October, reopened 3 June.", "en"),
    ):
        out = run("proof-figures", f"<main><h1>Studio</h1><p>{text}</p></main>", lang)
        assert out.score < 0.6 and "ottobre" not in str(out.evidence), (text, out)
    results = "<p>212 cases won, 96% of clients settled within 6 weeks, 3 offices.</p>"
    assert run("proof-figures", f"<main><h1>Studio</h1>{results}</main>").score == 1.0


def test_best_prices_guaranteed_is_a_claim_not_a_guarantee(run):
    """'only the unbacked "best rates guaranteed"' (rated 0): a superlative with 'guaranteed'
    is the seller's claim ('the best prices', criteria.md), with no terms; a guarantee with
    terms still reduces the risk."""
    for line in ("Best rates guaranteed", "Lowest prices guaranteed on every room"):
        page = f"<main><h1>Hotel</h1><h3>{line}</h3></main>"
        assert run("proof-risk-reducers", page).score == 0, line
    kept = "<main><h1>Hotel</h1><p>Free cancellation up to 24 hours before arrival.</p></main>"
    assert run("proof-risk-reducers", kept).score == 1.0


def test_the_service_itself_is_no_after_sale_care(run):
    """'Lo Studio fornisce assistenza e consulenza' (a law firm's legal assistance) and 'un
    accompagnement personnalisé' (a sophrologist's sessions) name the service sold, not how
    customers are looked after once they have bought; 'assistenza clienti' and 'service
    après-vente' still do."""
    for line, lang in (
        ("Lo Studio fornisce assistenza e consulenza giudiziale.", "it"),
        ("Je vous propose un accompagnement personnalisé en sophrologie.", "fr"),
    ):
        assert (
            run("proof-after-sale", f"<main><h1>Studio</h1><p>{line}</p></main>", lang).score == 0
        )
    for line, lang in (
        ("Assistenza clienti dal lunedì al venerdì.", "it"),
        ("Notre service après-vente répond sous 24 heures.", "fr"),
    ):
        assert run("proof-after-sale", f"<main><h1>Studio</h1><p>{line}</p></main>", lang).score > 0


def test_a_credential_or_track_record_in_the_footer_is_thin_proof(run):
    """'the only evidence is "Komal Dhokiya, R.SLP (BC)" in the footer' (rated 1): a
    registration or 'since 1985' in the footer is read as in the page; a footer of links and
    a copyright alone is none."""
    body = "<main><h1>Speech therapy in Vancouver</h1><p>Sessions for children.</p></main>"
    for line in ("Komal Dhokiya, R.SLP (BC)", "Family run since 1985"):
        out = run("proof-figures", f"{body}<footer><p>{line}</p></footer>")
        assert out.score == 0.5, (line, out)
    plain = run("proof-figures", f"{body}<footer><p>© 2024 Polyglot Speech</p></footer>")
    assert plain.score == 0


def test_no_pressure_to_commit_reduces_the_risk(run):
    """'There is no pressure to commit before your questions are answered' (a risk reducer to
    the raters): as 'no obligation' does."""
    page = "<main><h1>Therapy</h1><p>There is no pressure to commit.</p></main>"
    assert run("proof-risk-reducers", page).score == 1.0


def test_a_release_history_is_read_in_the_page_not_the_footer(run):
    """The footer is read for credentials and years, not for a release history: three dated
    releases there, beside a version number in the page, are no record (and no error); in
    the page they are one."""
    page = "<main><h1>Tool</h1><p>Version 2.0 is fast.</p></main>"
    dated = "".join(f"<p>v1.{i} released 20{18 + i}</p>" for i in range(3))
    out = run("proof-figures", f"{page}<footer>{dated}</footer>")
    assert out.score == 0, out
    inside = run("proof-figures", page.replace("</main>", f"{dated}</main>"))
    assert "3 dated releases" in inside.evidence[0].note, inside


def test_a_section_heading_or_a_sentence_start_names_nobody(run):
    # a section title over the quotes ('Sunny Mornings') and a question opening with a small
    # word of the language ('Waren Sie ...') are no customer's name: anonymous praise
    quote = "<blockquote>They fixed the roof in a day and cleaned up after themselves.</blockquote>"
    heading = f"<section class='testimonials'><h2>Sunny Mornings</h2>{quote}</section>"
    assert run("proof-testimonials", heading).score < 0.8
    asked = (
        "<section class='testimonials'><blockquote>Schnell, sauber und pünktlich erledigt."
        "</blockquote><p>Waren Sie zufrieden?</p></section>"
    )
    assert run("proof-testimonials", asked, "de").score < 0.8
    # the name on a card, under its own small heading, still names the customer
    card = f"<section class='testimonials'>{quote}<h4>Jane Miller</h4><p>Owner, Brightside</p>"
    assert run("proof-testimonials", card + "</section>").score >= 0.8


def test_a_motto_signed_with_the_sites_own_name_is_no_testimonial(run):
    motto = (
        "<section class='testimonials'><blockquote>Every cake tells a story, let us tell yours."
        "</blockquote><p>— Rosewood Bakery</p></section>"
    )
    assert run("proof-testimonials", motto, title="Home – Rosewood Bakery").score < 0.8
    assert run("proof-testimonials", motto, title="Cakes in Leeds").score >= 0.8


def test_personal_attention_and_a_facility_are_no_after_sale_detail(run):
    # 'personalised attention' is a claim of every seller (English never had one), and an
    # 'Einrichtung' is most often a facility or its furnishings: neither says what happens
    # after the sale; setting the product up for the customer still does
    claim = "<p>Vinos seleccionados. Pedido rápido. Atención personalizada.</p>"
    assert run("proof-after-sale", claim, "es").score == 0.0
    care = "<p>Wir besuchen Sie regelmäßig in der Einrichtung, in der Sie wohnen.</p>"
    assert run("proof-after-sale", care, "de").score == 0.0
    setup = "<p>Einrichtung inklusive: wir richten das Gerät bei Ihnen zu Hause ein.</p>"
    assert run("proof-after-sale", setup, "de").score == 1.0
    begleitung = "<p>Persoonlijke begeleiding bij elke stap.</p>"
    assert run("proof-after-sale", begleitung, "nl").score == 0.0


def test_measures_of_the_product_and_a_rooms_capacity_are_not_proof(run):
    """'400 gramos', '30 toneladas', '9.8% ABV' measure what is sold, and 'a room for 2 to
    5 people' says what it holds: none tells how the seller performs for customers."""
    measures = "<p>Pasta dental 400 gramos; tarro de 3 kilogramos; montacargas de 30 toneladas.</p>"
    bottles = "<p>Botella de 1 litro, 2 litros o 5 litros.</p>"
    assert run("proof-figures", bottles, lang="es").score == 0.0
    assert run("proof-figures", measures, lang="es").score == 0.0
    beer = "<p>Grainfather Stout 9.8% ABV. Pale ale 5.2% ABV. Lager 4.8% ABV.</p>"
    assert run("proof-figures", beer).score == 0.0
    rooms = "<p>La chambre familiale accueille de 2 à 5 personnes, la suite 4 personnes.</p>"
    assert run("proof-figures", rooms, lang="fr").score == 0.0
    # a head count of people served is still a result
    served = "<p>Plus de 1.200 personnes accueillies, 300 familles et 98% de clients ravis.</p>"
    assert run("proof-figures", served, lang="fr").score == 1.0


@pytest.mark.parametrize(
    ("html", "lang", "score"),
    [
        # a number and a word count what is on offer
        ("<p>Party platters: 12 tacos, 24 tacos or 48 tacos, served hot.</p>", "en", 0.0),
        ("<p>La casa consta de 3 plantas y 2 habitaciones, con jardín.</p>", "es", 0.0),
        ("<p>Une grande table familiale et 110 places pour accueillir les tribus.</p>", "fr", 0.0),
        # counted work, reviews and staff, in the word or the two after it
        ("<p>120 projets réalisés, 350 avis et 42 salariés à votre service.</p>", "fr", 1.0),
        (
            "<p>Over 800 completed kitchen renovations and 1,200 satisfied homeowners.</p>",
            "en",
            2 / 3,
        ),
        ("<p>Über 300 zufriedene Kunden und 1.200 Projekte in der Region.</p>", "de", 2 / 3),
        # a mark of scale or result; a sum of money (the crews and trucks are a count)
        ("<p>500+ jobs a year, 98% on time, 3x faster repairs.</p>", "en", 1.0),
        ("<p>Covered by $2,000,000 insurance, 15 crews and 40 trucks.</p>", "en", 1 / 3),
    ],
)
def test_a_count_of_what_the_offer_holds_is_no_proof(run, html, lang, score):
    """'12 tacos', '3 plantas y 2 habitaciones', '110 places': a number and a word count what
    is on offer, not how the seller performs. Counted people, work done, reviews and the size
    of the business stay proof, as do figures with a mark of scale or result."""
    assert run("proof-figures", html, lang).score == pytest.approx(score)


def test_years_after_a_plus_are_a_track_record(run):
    """'10+ years in production' is years in business as '10 years' is: thin proof."""
    assert run("proof-figures", "<p>10+ years in production. Clear timelines.</p>").score == 0.5
    assert run("proof-figures", "<p>Más de 15+ años de experiencia.</p>", lang="es").score == 0.5


def test_french_years_and_yrs_are_a_track_record(run):
    """'ans' and 'yrs' are three letters, shorter than the words a figure's unit is read
    from: 'depuis 20 ans' was no figure at all."""
    assert run("proof-figures", "<p>Kinésithérapeute depuis 20 ans.</p>", lang="fr").score == 0.5
    assert run("proof-figures", "<p>Roofing for 15 yrs in Leeds.</p>").score == 0.5
    # a word that merely opens with the letters is no year: '5 ansichten' counts views
    assert run("proof-figures", "<p>Die Galerie zeigt 5 Ansichten.</p>", lang="de").score == 0.0


def test_an_inflected_dutch_no_obligation_is_a_risk_reducer(run):
    """Dutch inflects the adjective before a noun: 'vrijblijvende offerte' is 'vrijblijvend'."""
    found = run("proof-risk-reducers", "<p>Vrijblijvende offerte binnen twee dagen.</p>", lang="nl")
    assert found.score == 1.0


def test_a_class_that_only_contains_a_marker_is_no_review_section(run):
    """'services-preview' holds 'review', 'fa-file-invoice' 'voice' and the Spanish notice box
    'aviso' 'avis': none is a section of customers' words, whatever the words in it."""
    copy = "<p>Travel inside the city is included in every job we quote for you.</p>"
    for cls in ("services-preview", "team-preview-content", "fa-file-invoice", "precio-aviso"):
        html = f"<h1>Locks opened</h1><div class='{cls}'>{copy}</div>"
        assert run("proof-testimonials", html).score == 0.0, cls
    # the marker itself, or beside such a word, still names the section
    for cls in ("reviews", "reviews preview", "customer-voices", "avis-clients"):
        html = f"<h1>Locks opened</h1><div class='{cls}'>{copy}</div>"
        assert run("proof-testimonials", html).score > 0.0, cls
