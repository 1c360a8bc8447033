"""Requests prepared from a per-session template: what `Session.request` would build for a
crawl's GET or HEAD, with the parts that never change between requests (merged and validated
headers, auth, send settings) worked out once instead of for every page."""

from __future__ import annotations

from typing import Any

import requests
from requests.cookies import RequestsCookieJar, cookiejar_from_dict, merge_cookies
from requests.sessions import merge_setting
from requests.structures import CaseInsensitiveDict

BODYLESS = ("GET", "HEAD")  # the only methods the template prepares (no body to encode)


class RequestTemplate:
    """One session's requests of one method, to the site (`own_site`: with the crawl's own
    headers, cookies and auth) or elsewhere; `prepare(url)` equals what
    `session.prepare_request(requests.Request(method, url, headers, cookies=cookies,
    auth=auth, data={}, params={}))` gives, header order included.

    Built where the request is made: an invalid header raises here as it would there.
    """

    def __init__(
        self,
        session: requests.Session,
        method: str,
        headers: dict[str, str] | None,
        cookies: dict[str, str] | None,
        auth: tuple[str, str] | None,
        verify: bool,
    ) -> None:
        if method not in BODYLESS or session.trust_env or session.auth or session.params:
            raise ValueError("a template prepares only a bare GET or HEAD")
        self.session = session
        self.method = method
        scratch = requests.PreparedRequest()
        scratch.prepare_headers(
            merge_setting(headers, session.headers, dict_class=CaseInsensitiveDict)
        )
        self.headers = scratch.headers  # validated, in Session.request's order
        self.cookies = cookies  # the site's own cookies (a fresh jar each request, as there)
        self.authorization: str | None = None  # Authorization from `auth`, added after Cookie
        if auth is not None:
            scratch.headers = CaseInsensitiveDict()
            requests.auth.HTTPBasicAuth(*auth)(scratch)
            self.authorization = scratch.headers["Authorization"]
        # what merge_environment_settings gives without the environment (trust_env is off)
        self.settings = session.merge_environment_settings("", {}, True, verify, None)

    def prepare(self, url: str) -> requests.PreparedRequest:
        """The request for `url`, as Session.prepare_request builds it."""
        p = requests.PreparedRequest()
        p.method = self.method
        p.prepare_url(url, None)
        p.headers = self.headers.copy()
        jar = self.session.cookies
        if jar or self.cookies:  # else the merged jar is empty: no Cookie header
            own = cookiejar_from_dict(self.cookies or {})
            p.prepare_cookies(merge_cookies(merge_cookies(RequestsCookieJar(), jar), own))
        else:
            p._cookies = RequestsCookieJar()  # type: ignore[attr-defined]  # as prepare_cookies sets
        if self.authorization is not None:
            p.headers["Authorization"] = self.authorization
        elif "@" in url:  # user:password@ in the URL: Basic auth from it, as requests does
            p.prepare_auth(None, url)
        return p

    def send(self, url: str, timeout: tuple[float, float]) -> requests.Response:
        """Send the request for `url` as Session.request does (no redirects followed, the
        body streamed)."""
        kwargs: dict[str, Any] = dict(self.settings, proxies=dict(self.settings["proxies"]))
        return self.session.send(
            self.prepare(url), timeout=timeout, allow_redirects=False, **kwargs
        )
