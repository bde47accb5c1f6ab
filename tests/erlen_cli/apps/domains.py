"""Apps whose routes carry a domain: one by subdomain, one by host."""

from __future__ import annotations

from erlen import Erlen

by_subdomain = Erlen(__name__, subdomain_matching=True, static_folder=None)
by_subdomain.config["SERVER_NAME"] = "example.test"


@by_subdomain.route("/", subdomain="api")
def api_index() -> str:
    return "api"


@by_subdomain.route("/about")
def about() -> str:
    return "about"


by_host = Erlen(__name__, host_matching=True, static_folder=None)


@by_host.route("/", host="shop.example.test")
def shop() -> str:
    return "shop"


@by_host.route("/", host="blog.example.test", endpoint="blog")
def blog() -> str:
    return "blog"


empty = Erlen(__name__, static_folder=None)
