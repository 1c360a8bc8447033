"""Phone numbers in page text: real numbers are contacts; dates, ZIP+4 postcodes and opening
hours shaped like them are not (bench/phones.py measures the regex against `phonenumbers`)."""

from __future__ import annotations

import pytest

from sitekit.audit.sample_contacts import is_sample_email
from sitekit.audit.snapshot import make_snapshot
from sitekit.models import FetchedPage


def _phones(text: str) -> list[str]:
    html = f"<!doctype html><html lang='en'><body><main><p>{text}</p></main></body></html>"
    page = FetchedPage(
        url="http://127.0.0.1/", final_url="http://127.0.0.1/", status=200, body=html.encode()
    )
    return [c.text for c in make_snapshot(page).contacts if c.kind == "phone-text"]


@pytest.mark.parametrize(
    "text",
    [
        "Springfield, IL 62704-1234",
        "Version 2.1 released 05.07.2022",
        "Open 08.00 - 18.00, Monday to Friday",
        "2024.05.01 新しい工場が稼働しました",  # a date, year first (Japan, Korea)
        "Posted 2019-12-31 by the team",
    ],
)
def test_postcodes_dates_and_hours_are_not_phone_numbers(text: str) -> None:
    assert _phones(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call us on (415) 555-0132 today", "(415) 555-0132"),
        ("Musterstraße 12, 50667 Köln, Tel. 0221 2757040", "0221 2757040"),
        ("Appelez le 06 22 36 79 56", "06 22 36 79 56"),
        ("Phone +44 161 879 4949", "+44 161 879 4949"),
        ("Ring 020 7000 0000", "020 7000 0000"),  # a round number is a real line
        ("お電話は 03-3941-2207 まで", "03-3941-2207"),
    ],
)
def test_phone_numbers_are_found(text: str, number: str) -> None:
    assert _phones(text) == [number]


def _placeholders(html_body: str) -> list[tuple[str, str]]:
    html = f"<!doctype html><html lang='en'><body><main>{html_body}</main></body></html>"
    page = FetchedPage(
        url="http://127.0.0.1/", final_url="http://127.0.0.1/", status=200, body=html.encode()
    )
    snap = make_snapshot(page)
    assert not snap.contacts, "a template's sample contact reaches nobody"
    return [(c.kind, c.text) for c in snap.placeholder_contacts]


@pytest.mark.parametrize(
    ("body", "found"),
    [
        ("<p>Call +1-212-456-7890</p>", ("phone-text", "+1-212-456-7890")),
        ("<p>Phone: (555) 123-4567</p>", ("phone-text", "(555) 123-4567")),
        ("<p>Write to contact@example.com</p>", ("email-text", "contact@example.com")),
        ("<p>info@yourdomain.com</p>", ("email-text", "info@yourdomain.com")),
        ("<a href='mailto:hello@example.org'>Mail us</a>", ("mailto", "Mail us")),
        ("<a href='tel:+11234567890'>Call</a>", ("tel", "Call")),
        ("<a href='sms:+15551234567'>Text us</a>", ("sms", "Text us")),
    ],
)
def test_a_templates_sample_contacts_are_kept_apart(body: str, found: tuple[str, str]) -> None:
    assert _placeholders(body) == [found]


@pytest.mark.parametrize(
    ("address", "sample"),
    [
        ("info@yourdomain.com", True),
        ("hello@your-company.co.uk", True),
        ("kontakt@yourwebsite.de", True),
        ("info@yourside-coffee.jp", False),  # a real name that starts with 'your'
        ("team@yourbrandnewshop.com", False),
        ("anna@studio-berg.de", False),
    ],
)
def test_a_sample_address_is_your_and_a_word_for_the_domain(address: str, sample: bool) -> None:
    assert is_sample_email(address) is sample


def test_real_contacts_beside_a_sample_still_count() -> None:
    html = (
        "<!doctype html><html lang='en'><body><main><p>Tel. 0221 1234567</p>"
        "<p>Call (415) 555-0132 or write to anna@studio-berg.de</p></main></body></html>"
    )
    page = FetchedPage(
        url="http://127.0.0.1/", final_url="http://127.0.0.1/", status=200, body=html.encode()
    )
    snap = make_snapshot(page)
    assert [(c.kind, c.text) for c in snap.contacts] == [
        ("phone-text", "(415) 555-0132"),
        ("email-text", "anna@studio-berg.de"),
    ]
    assert [c.text for c in snap.placeholder_contacts] == ["0221 1234567"]


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Tel: 660867514", "660867514"),  # es, written as one run of digits
        ("Telefon: 022127570", "022127570"),
        ("Tél. : 0622367956", "0622367956"),
        ("Phone (mobile): 07700900123", "07700900123"),
        ("Telefone 11973820465", "11973820465"),
        ("Telefono: 0516390247", "0516390247"),
        ("Telefoon 0206283915", "0206283915"),
        ("電話：0339412207", "0339412207"),
    ],
)
def test_an_ungrouped_number_after_a_phone_label_is_a_phone_number(text: str, number: str) -> None:
    """A phone label ('Tel:', 'Telefone', '電話') says what the digits after it are: a number
    written without groups there is the phone number a reader calls ('Tel: 660867514': "a
    bare phone number in the footer", a next step rated 1)."""
    assert _phones(text) == [number]


@pytest.mark.parametrize(
    "text", ["Order 660867514 shipped", "Ref: 660867514", "Tel Aviv 660867514", "660867514"]
)
def test_an_ungrouped_number_with_no_phone_label_is_no_phone_number(text: str) -> None:
    assert _phones(text) == []
