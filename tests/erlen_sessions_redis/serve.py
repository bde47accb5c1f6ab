"""One "host" of the scale-out test: the app on a Werkzeug server of its own.

Usage: ``python serve.py PORT REDIS_URL NAME``. Prints ``ready`` once it
listens, then serves until it is terminated.
"""

from __future__ import annotations

import sys

from werkzeug.serving import make_server

from erlen import Erlen
from erlen import session


def build(redis_url: str, name: str) -> Erlen:
    app = Erlen(__name__, plugins={"sessions": "redis"})
    app.config.update(
        SECRET_KEY="the scale-out test's key, shared by every host",
        SESSION_REDIS_URL=redis_url,
        SESSION_REDIS_TIMEOUT=0.5,
        SESSION_REDIS_CONNECT_TIMEOUT=0.5,
    )

    @app.post("/login/<user>")
    def login(user: str) -> str:
        session.regenerate()  # type: ignore[attr-defined]
        session.update(user=user, n=0)
        return f"{name}:{user}"

    @app.post("/next")
    def next_value() -> str:
        session["n"] += 1
        return f"{name}:{session['user']}:{session['n']}"

    @app.get("/n")
    def current() -> str:
        return f"{name}:{session['user']}:{session['n']}"

    @app.get("/health")
    def health() -> str:
        return name

    return app


def main() -> None:
    port, redis_url, name = int(sys.argv[1]), sys.argv[2], sys.argv[3]
    server = make_server("127.0.0.1", port, build(redis_url, name), threaded=True)
    print("ready", flush=True)
    server.serve_forever()


if __name__ == "__main__":
    main()
