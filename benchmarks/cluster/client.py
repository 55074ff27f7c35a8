"""A visitor's browser for the cluster run: its own cookies (sent over plain HTTP on the loopback,
though production marks them Secure), its own address (X-Forwarded-For, as the proxy in front of
nginx would give it: TRUSTED_PROXIES=2), and any server as the next request's target."""

import re

import requests

TOKEN = re.compile(r'name="csrfmiddlewaretoken" value="([^"]+)"')


class Browser:
    def __init__(self, address):
        self.address = address
        self.cookies = {}

    def request(self, method, url, **kwargs):
        headers = {"X-Forwarded-For": f"{self.address}, 127.0.0.1", **kwargs.pop("headers", {})}
        response = requests.request(
            method, url, headers=headers, cookies=self.cookies, allow_redirects=False, timeout=30, **kwargs
        )
        self.cookies.update({name: value for name, value in response.cookies.items() if value})
        return response

    def get(self, url, **kwargs):
        return self.request("GET", url, **kwargs)

    def send_form(self, url, data, post_to=None, files=None):
        """GET the form at `url` for its token, then POST it (to `post_to`, another server's same URL)."""
        page = self.get(url)
        match = TOKEN.search(page.text)
        if not match:
            raise SystemExit(f"no CSRF token in {url} ({page.status_code})")
        return self.request(
            "POST", post_to or url, data={**data, "csrfmiddlewaretoken": match.group(1)}, files=files
        )
