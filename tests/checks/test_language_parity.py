"""The same hand-made page, written in each language with a word list, gets the same benefit
band: a language is not judged harder (or softer) because its list is shorter than English's.

Each page is one of criteria.md's benefit archetypes, written as a native site would say it:
an outcome for the visitor (2), a welcome and the company's story (0), a slogan of vague
words (0), and the trade's name over seller-talk (1: "what is offered is clear early but it
is ... seller-centric")."""

from __future__ import annotations

import pytest

from sitekit.audit.profile import Profile
from sitekit.audit.scoring import audit_page
from sitekit.audit.snapshot import make_snapshot
from sitekit.models import FetchedPage

# lang: nav labels (services, prices, about, contact), then archetype: (title, h1, lead)
PAGES: dict[str, dict[str, tuple[str, ...]]] = {
    "en": {
        "nav": ("Services", "Prices", "About us", "Contact"),
        "outcome": (
            "Brightbooks",
            "Save 5 hours a week on your bookkeeping",
            "Send us photos of your receipts; we keep your books up to date and ready for "
            "your tax return.",
        ),
        "welcome_story": (
            "Brightbooks",
            "Welcome to Brightbooks",
            "Founded in 1998, our company is committed to excellence. Our mission is to be a "
            "trusted partner.",
        ),
        "slogan": (
            "Brightbooks",
            "Innovation. Passion. Excellence.",
            "Together we shape the future.",
        ),
        "seller_category": (
            "Brightbooks",
            "Brightbooks Accounting",
            "We are a leading provider of accounting services with 25 years of experience.",
        ),
    },
    "de": {
        "nav": ("Leistungen", "Preise", "Über uns", "Kontakt"),
        "outcome": (
            "Brightbooks",
            "Sparen Sie 5 Stunden pro Woche bei Ihrer Buchhaltung",
            "Schicken Sie uns Fotos Ihrer Belege; wir halten Ihre Bücher aktuell und bereit "
            "für Ihre Steuererklärung.",
        ),
        "welcome_story": (
            "Brightbooks",
            "Willkommen bei Brightbooks",
            "Gegründet 1998, ist unser Unternehmen der Exzellenz verpflichtet. Unsere Mission "
            "ist es, ein verlässlicher Partner zu sein.",
        ),
        "slogan": (
            "Brightbooks",
            "Innovation. Leidenschaft. Exzellenz.",
            "Gemeinsam gestalten wir die Zukunft.",
        ),
        "seller_category": (
            "Brightbooks",
            "Brightbooks Buchhaltung",
            "Wir sind ein führender Anbieter von Buchhaltungsdienstleistungen mit 25 Jahren "
            "Erfahrung.",
        ),
    },
    "fr": {
        "nav": ("Services", "Tarifs", "Qui sommes-nous", "Contact"),
        "outcome": (
            "Brightbooks",
            "Gagnez 5 heures par semaine sur votre comptabilité",
            "Envoyez-nous les photos de vos reçus ; nous tenons vos comptes à jour, prêts pour "
            "votre déclaration d'impôts.",
        ),
        "welcome_story": (
            "Brightbooks",
            "Bienvenue chez Brightbooks",
            "Fondée en 1998, notre entreprise est engagée dans l'excellence. Notre mission est "
            "d'être un partenaire de confiance.",
        ),
        "slogan": (
            "Brightbooks",
            "Innovation. Passion. Excellence.",
            "Ensemble, nous construisons l'avenir.",
        ),
        "seller_category": (
            "Brightbooks",
            "Brightbooks Comptabilité",
            "Nous sommes un leader des services de comptabilité avec 25 ans d'expérience.",
        ),
    },
    "es": {
        "nav": ("Servicios", "Precios", "Quiénes somos", "Contacto"),
        "outcome": (
            "Brightbooks",
            "Ahorra 5 horas a la semana en tu contabilidad",
            "Envíanos fotos de tus recibos; mantenemos tus libros al día y listos para tu "
            "declaración de impuestos.",
        ),
        "welcome_story": (
            "Brightbooks",
            "Bienvenidos a Brightbooks",
            "Fundada en 1998, nuestra empresa está comprometida con la excelencia. Nuestra "
            "misión es ser un socio de confianza.",
        ),
        "slogan": (
            "Brightbooks",
            "Innovación. Pasión. Excelencia.",
            "Juntos construimos el futuro.",
        ),
        "seller_category": (
            "Brightbooks",
            "Brightbooks Contabilidad",
            "Somos un proveedor líder de servicios de contabilidad con 25 años de experiencia.",
        ),
    },
    "pt": {
        "nav": ("Serviços", "Preços", "Quem somos", "Contato"),
        "outcome": (
            "Brightbooks",
            "Economize 5 horas por semana na sua contabilidade",
            "Envie-nos fotos dos seus recibos; mantemos os seus livros em dia e prontos para a "
            "sua declaração de impostos.",
        ),
        "welcome_story": (
            "Brightbooks",
            "Bem-vindo à Brightbooks",
            "Fundada em 1998, a nossa empresa está comprometida com a excelência. A nossa "
            "missão é ser um parceiro de confiança.",
        ),
        "slogan": ("Brightbooks", "Inovação. Paixão. Excelência.", "Juntos construímos o futuro."),
        "seller_category": (
            "Brightbooks",
            "Brightbooks Contabilidade",
            "Somos um fornecedor líder de serviços de contabilidade com 25 anos de experiência.",
        ),
    },
    "it": {
        "nav": ("Servizi", "Prezzi", "Chi siamo", "Contatti"),
        "outcome": (
            "Brightbooks",
            "Risparmia 5 ore a settimana sulla tua contabilità",
            "Inviaci le foto delle tue ricevute; teniamo i tuoi conti aggiornati e pronti per "
            "la tua dichiarazione dei redditi.",
        ),
        "welcome_story": (
            "Brightbooks",
            "Benvenuti da Brightbooks",
            "Fondata nel 1998, la nostra azienda è impegnata nell'eccellenza. La nostra "
            "missione è essere un partner di fiducia.",
        ),
        "slogan": (
            "Brightbooks",
            "Innovazione. Passione. Eccellenza.",
            "Insieme costruiamo il futuro.",
        ),
        "seller_category": (
            "Brightbooks",
            "Brightbooks Contabilità",
            "Siamo un fornitore leader di servizi di contabilità con 25 anni di esperienza.",
        ),
    },
    "nl": {
        "nav": ("Diensten", "Tarieven", "Over ons", "Contact"),
        "outcome": (
            "Brightbooks",
            "Bespaar 5 uur per week op uw boekhouding",
            "Stuur ons foto's van uw bonnetjes; wij houden uw boeken bij, klaar voor uw "
            "belastingaangifte.",
        ),
        "welcome_story": (
            "Brightbooks",
            "Welkom bij Brightbooks",
            "Opgericht in 1998, is ons bedrijf toegewijd aan uitmuntendheid. Onze missie is "
            "een betrouwbare partner te zijn.",
        ),
        "slogan": (
            "Brightbooks",
            "Innovatie. Passie. Uitmuntendheid.",
            "Samen bouwen we aan de toekomst.",
        ),
        "seller_category": (
            "Brightbooks",
            "Brightbooks Boekhouding",
            "Wij zijn een toonaangevende aanbieder van boekhouddiensten met 25 jaar ervaring.",
        ),
    },
    "ja": {
        "nav": ("サービス", "料金", "会社概要", "お問い合わせ"),
        "outcome": (
            "ブライトブックス",
            "経理の手間を週5時間削減",
            "領収書の写真を送るだけで、帳簿を毎月最新に保ち、確定申告の準備もできます。",
        ),
        "welcome_story": (
            "ブライトブックス",
            "ブライトブックスへようこそ",
            "1998年創業、当社は卓越性を追求しています。私たちの使命は信頼できるパートナーで"
            "あることです。",
        ),
        "slogan": ("ブライトブックス", "革新。情熱。卓越。", "共に未来を創ります。"),
        "seller_category": (
            "ブライトブックス",
            "ブライトブックス会計事務所",
            "当社は25年の経験を持つ会計サービスのリーディングカンパニーです。",
        ),
    },
}

EXPECTED = {"outcome": 2, "welcome_story": 0, "slogan": 0, "seller_category": 1}


def band(score: float) -> int:
    """0-24 -> 0, 25-74 -> 1, 75-100 -> 2 (as bench/accuracy.py)."""
    return 0 if score < 25 else (1 if score < 75 else 2)


def page_html(lang: str, kind: str) -> bytes:
    nav = "".join(
        f"<li><a href='#s{i}'>{label}</a></li>" for i, label in enumerate(PAGES[lang]["nav"])
    )
    title, h1, lead = PAGES[lang][kind]
    sections = "".join(
        f"<section id='s{i}'><h2>{label}</h2></section>"
        for i, label in enumerate(PAGES[lang]["nav"])
    )
    return (
        f"<!doctype html><html lang='{lang}'><head><meta charset='utf-8'><title>{title}</title>"
        f"</head><body><header><a href='/' class='logo'>{title}</a><nav><ul>{nav}</ul></nav>"
        f"</header><main><section class='hero'><h1>{h1}</h1><p>{lead}</p></section>{sections}"
        f"</main><footer><p>{title}</p></footer></body></html>"
    ).encode()


CASES = [(lang, kind) for lang in PAGES for kind in EXPECTED]


@pytest.mark.parametrize(("lang", "kind"), CASES, ids=[f"{lang}-{kind}" for lang, kind in CASES])
def test_each_language_gives_the_archetype_its_band(profile: Profile, lang: str, kind: str) -> None:
    fetched = FetchedPage(
        url="http://127.0.0.1/",
        final_url="http://127.0.0.1/",
        status=200,
        body=page_html(lang, kind),
    )
    result = audit_page(make_snapshot(fetched), profile, is_entry=True)
    benefit = result.criteria["benefit"]
    notes = [(c.id, c.score, [e.note for e in c.evidence]) for c in benefit.checks]
    assert band(benefit.score) == EXPECTED[kind], (benefit.score, notes)
