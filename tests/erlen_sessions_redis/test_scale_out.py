"""One app on two server processes sharing one Redis, and Redis restarted under it.

Each process stands for a host: it has its own interpreter, its own Redis
connections and nothing in memory that the other can see. A client that
alternates between them sees every write it made, whichever host made it.
"""

from __future__ import annotations

import http.client
import subprocess
import sys
import typing as t
from pathlib import Path

import pytest

if t.TYPE_CHECKING:
    from .conftest import RedisServer

SERVE = Path(__file__).with_name("serve.py")
#: Write on one host, read on the other: two requests per round.
ROUNDS = 180
USERS = ("ada", "grace", "barbara")


class Host:
    """A server process of the app, and requests to it."""

    def __init__(self, name: str, port: int, redis_url: str, log: Path) -> None:
        self.name = name
        self.port = port
        with open(log, "ab") as errors:
            self.process = subprocess.Popen(
                [sys.executable, str(SERVE), str(port), redis_url, name],
                stdout=subprocess.PIPE,
                stderr=errors,
                text=True,
            )
        assert self.process.stdout is not None
        line = self.process.stdout.readline()
        assert line.strip() == "ready", f"host {name} did not start: see {log}"

    def request(
        self, method: str, path: str, cookie: str | None = None
    ) -> tuple[int, str, str | None]:
        """Status, body and the session cookie the response set, if any."""
        connection = http.client.HTTPConnection("127.0.0.1", self.port, timeout=10)
        try:
            headers = {"Cookie": f"session={cookie}"} if cookie else {}
            connection.request(method, path, headers=headers)
            response = connection.getresponse()
            body = response.read().decode()
            set_cookie = None
            for header in response.headers.get_all("Set-Cookie") or ():
                if header.startswith("session="):
                    set_cookie = header.split(";")[0].removeprefix("session=")
            return response.status, body, set_cookie
        finally:
            connection.close()

    def stop(self) -> None:
        self.process.terminate()
        self.process.wait(timeout=10)
        if self.process.stdout is not None:
            self.process.stdout.close()


@pytest.fixture
def hosts(
    redis_server: RedisServer, store: t.Any, tmp_path: Path
) -> t.Iterator[tuple[Host, Host]]:
    started: list[Host] = []
    try:
        for name in ("A", "B"):
            port = redis_server.free_port()
            started.append(Host(name, port, redis_server.url, tmp_path / f"{name}.log"))
        yield started[0], started[1]
    finally:
        for host in started:
            host.stop()


class Visitor:
    """A browser: one session cookie, and the last value it wrote."""

    def __init__(self, user: str) -> None:
        self.user = user
        self.cookie: str | None = None
        self.n = 0

    def send(self, host: Host, method: str, path: str) -> tuple[int, str]:
        status, body, cookie = host.request(method, path, self.cookie)
        if cookie is not None:
            self.cookie = cookie
        return status, body


def alternate(visitors: list[Visitor], a: Host, b: Host, rounds: int) -> int:
    """Write through one host and read through the other; return the requests sent."""
    sent = 0
    for number in range(rounds):
        writer, reader = (a, b) if number % 2 == 0 else (b, a)
        for visitor in visitors:
            visitor.n += 1
            expected = f"{visitor.user}:{visitor.n}"
            assert visitor.send(writer, "POST", "/next") == (200, f"{writer.name}:{expected}")
            assert visitor.send(reader, "GET", "/n") == (200, f"{reader.name}:{expected}")
            sent += 2
    return sent


def test_two_hosts_share_sessions_and_survive_a_redis_restart(
    hosts: tuple[Host, Host], redis_server: RedisServer
) -> None:
    a, b = hosts
    visitors = [Visitor(user) for user in USERS]
    for visitor in visitors:
        assert visitor.send(a, "POST", f"/login/{visitor.user}") == (200, f"A:{visitor.user}")

    sent = alternate(visitors, a, b, ROUNDS)
    assert sent >= 1000

    redis_server.stop()
    try:
        for host in (a, b):
            for visitor in visitors:
                status, body = visitor.send(host, "POST", "/next")
                assert status == 503, body
                assert "session store is unavailable" in body
                assert visitor.send(host, "GET", "/n")[0] == 503
            # A request that does not use the session does not notice.
            assert host.request("GET", "/health", visitors[0].cookie) == (200, host.name, None)
    finally:
        redis_server.start()

    # Nothing was lost, and nothing half-written: the sessions go on.
    for visitor in visitors:
        for host in (a, b):
            expected = f"{host.name}:{visitor.user}:{visitor.n}"
            assert visitor.send(host, "GET", "/n") == (200, expected)
    alternate(visitors, a, b, 10)
