"""Phone numbers in page text: real numbers are contacts; dates, ZIP+4 postcodes and opening
hours shaped like them are not (bench/phones.py measures the regex against `phonenumbers`)."""

from __future__ import annotations

import pytest

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
    ],
)
def test_postcodes_dates_and_hours_are_not_phone_numbers(text: str) -> None:
    assert _phones(text) == []


@pytest.mark.parametrize(
    ("text", "number"),
    [
        ("Call us on (415) 555-0132 today", "(415) 555-0132"),
        ("Musterstraße 12, 50667 Köln, Tel. 0221 1234567", "0221 1234567"),
        ("Appelez le 06 22 36 79 56", "06 22 36 79 56"),
        ("Phone +44 161 879 4949", "+44 161 879 4949"),
    ],
)
def test_phone_numbers_are_found(text: str, number: str) -> None:
    assert _phones(text) == [number]
