"""A stand-in for a browser on the blog, for the test-client tests."""

from __future__ import annotations

import typing as t

#: The password every test account gets: long enough to be accepted.
PASSWORD = "correct horse"


class Visitor:
    """The test client, sending the CSRF token the blog's forms carry."""

    def __init__(self, client: t.Any) -> None:
        self.client = client

    def get(self, url: str, **kwargs: t.Any) -> t.Any:
        return self.client.get(url, **kwargs)

    def post(
        self, url: str, data: dict[str, str] | None = None, **kwargs: t.Any
    ) -> t.Any:
        """POST ``data`` with the session's token, as the blog's forms do."""
        with self.client.session_transaction() as session:
            token = session.setdefault("csrf_token", "token-from-the-form")
        data = {"csrf_token": token, **(data or {})}
        return self.client.post(url, data=data, **kwargs)

    def register(self, username: str = "ada", password: str = PASSWORD) -> t.Any:
        return self.post("/auth/register", {"username": username, "password": password})

    def log_in(self, username: str = "ada", password: str = PASSWORD) -> t.Any:
        return self.post("/auth/login", {"username": username, "password": password})

    def write(self, title: str = "First", body: str = "Hello.") -> t.Any:
        return self.post("/new", {"title": title, "body": body})
