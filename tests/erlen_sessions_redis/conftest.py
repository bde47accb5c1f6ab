"""A real redis-server for the erlen-sessions-redis tests, and apps that use it.

One server per test session, on a free loopback port, in a temporary
folder, with append-only persistence on so that a restart keeps what was
written. It is stopped by its process id. Without redis-server the tests
fail and say how to install it: CI installs it (.ci/run), and a skipped
suite would look like a passing one.
"""

from __future__ import annotations

import os
import shutil
import signal
import socket
import subprocess
import time
import typing as t
from pathlib import Path

import pytest
import redis

from erlen import Erlen

SECRET_KEY = "a test key that is long enough"


def free_port() -> int:
    """A loopback port nothing listens on right now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class RedisServer:
    """A redis-server process this test session owns.

    :param folder: where it keeps its append-only file and its log.
    """

    def __init__(self, folder: Path) -> None:
        executable = shutil.which("redis-server")
        if executable is None:
            pytest.fail(
                "redis-server is not installed, and the erlen-sessions-redis"
                " tests need a real one. Install it from the operating system's"
                " packages (Debian: apt-get install -y redis-server), as .ci/run"
                " does.",
                pytrace=False,
            )
        self.executable = executable
        self.folder = folder
        self.port = free_port()
        self.url = f"redis://127.0.0.1:{self.port}/0"
        self.process: subprocess.Popen[bytes] | None = None

    def start(self) -> None:
        """Start the server and wait until it answers ``PING``."""
        log = open(self.folder / "redis.log", "ab")
        with log:
            self.process = subprocess.Popen(
                [
                    self.executable,
                    "--port", str(self.port),
                    "--bind", "127.0.0.1",
                    "--dir", str(self.folder),
                    "--save", "",
                    "--appendonly", "yes",
                    "--daemonize", "no",
                ],
                stdout=log,
                stderr=subprocess.STDOUT,
            )
        probe = redis.Redis(port=self.port, socket_connect_timeout=0.2)
        deadline = time.monotonic() + 10
        while True:
            try:
                probe.ping()
                break
            except redis.ConnectionError:
                if self.process.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(
                        f"redis-server did not start: see {self.folder / 'redis.log'}"
                    ) from None
                time.sleep(0.02)
            finally:
                probe.close()

    def stop(self) -> None:
        """Shut the server down by its process id; it writes its data first."""
        if self.process is None:
            return
        os.kill(self.process.pid, signal.SIGTERM)
        self.process.wait(timeout=10)
        self.process = None

    def client(self) -> redis.Redis:
        return redis.Redis(port=self.port)

    @staticmethod
    def free_port() -> int:
        """Another free loopback port, for servers the tests start beside it."""
        return free_port()


@pytest.fixture(scope="session")
def redis_server(tmp_path_factory: pytest.TempPathFactory) -> t.Iterator[RedisServer]:
    server = RedisServer(tmp_path_factory.mktemp("redis"))
    server.start()
    try:
        yield server
    finally:
        server.stop()


@pytest.fixture
def store(redis_server: RedisServer) -> t.Iterator[redis.Redis]:
    """A client of the test server, which starts each test empty."""
    client = redis_server.client()
    client.flushall()
    try:
        yield client
    finally:
        client.close()


@pytest.fixture
def make_app(redis_server: RedisServer, store: redis.Redis) -> t.Callable[..., Erlen]:
    """An app whose sessions are this plugin's, on the test server."""

    def make(**config: t.Any) -> Erlen:
        app = Erlen(__name__, plugins={"sessions": "redis"})
        app.config.update(
            {"SECRET_KEY": SECRET_KEY, "SESSION_REDIS_URL": redis_server.url, **config}
        )
        return app

    return make


class CommandCounter:
    """Counts the commands the server runs, from ``INFO commandstats``."""

    def __init__(self, client: redis.Redis) -> None:
        self.client = client

    def reset(self) -> None:
        self.client.config_resetstat()

    def counts(self) -> dict[str, int]:
        """Commands run since :meth:`reset`, but for this counter's own."""
        stats = self.client.info("commandstats")
        counts = {
            name.removeprefix("cmdstat_"): int(value["calls"])
            for name, value in stats.items()
        }
        for own in ("info", "config|resetstat", "config"):
            counts.pop(own, None)
        return counts


@pytest.fixture
def commands(store: redis.Redis) -> CommandCounter:
    counter = CommandCounter(store)
    counter.reset()
    return counter


@pytest.fixture
def unused_port() -> int:
    """A loopback port where no Redis answers."""
    return free_port()
