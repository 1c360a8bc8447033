"""The crawl's request template prepares what Session.prepare_request would, header order
included: headers, cookies (the site's and the server's), Basic auth, URL userinfo."""

from __future__ import annotations

import pytest
import requests
from requests.cookies import create_cookie

from sitekit.crawl.prepared import RequestTemplate


def _session(server_cookie: bool) -> requests.Session:
    session = requests.Session()
    session.trust_env = False
    session.headers.clear()
    session.headers.update({"User-Agent": "sitekit-test", "Accept": "text/html"})
    if server_cookie:
        session.cookies.set_cookie(create_cookie("srv", "v", domain="example.com", path="/"))
    return session


def _fields(p: requests.PreparedRequest) -> tuple[object, ...]:
    jar = sorted((c.name, c.value, c.domain) for c in p._cookies)  # type: ignore[attr-defined]
    return (p.method, p.url, list(p.headers.items()), p.body, p.hooks, jar)


OWN = ({"X-Site": "1", "accept": "x/y", "Authorization": "Bearer z"}, {"sid": "1"}, ("u", "p"))


@pytest.mark.parametrize("method", ["GET", "HEAD"])
@pytest.mark.parametrize("own", [(None, None, None), OWN, (None, None, ("ü", "p"))])
@pytest.mark.parametrize(
    "url", ["http://example.com/a?q=1", "http://u:pw@example.com/x", "http://bücher.example/ü"]
)
@pytest.mark.parametrize("server_cookie", [False, True])
def test_template_prepares_what_session_request_would(
    method: str, own: tuple, url: str, server_cookie: bool
) -> None:
    headers, cookies, auth = own
    session = _session(server_cookie)
    got = RequestTemplate(session, method, headers, cookies, auth, True).prepare(url)
    request = requests.Request(
        method, url, headers=headers, cookies=cookies, auth=auth, data={}, params={}
    )
    assert _fields(got) == _fields(session.prepare_request(request))


def test_template_sends_with_the_settings_session_request_uses() -> None:
    session = _session(False)
    template = RequestTemplate(session, "GET", None, None, None, False)
    assert template.settings == session.merge_environment_settings("", {}, True, False, None)


def test_an_invalid_header_raises_as_a_request_would() -> None:
    with pytest.raises(requests.exceptions.InvalidHeader):
        RequestTemplate(_session(False), "GET", {"X-Bad": "a\nb"}, None, None, True)
