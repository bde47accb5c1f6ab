"""The example app the README serves answers over a real socket."""

from __future__ import annotations

import json
import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

EXAMPLE = Path(__file__).parents[2] / "examples" / "hello" / "app.py"


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


@pytest.fixture(scope="module")
def base_url():
    port = _free_port()
    env = {**os.environ, "ERLEN_RUN_PORT": str(port)}
    server = subprocess.Popen(
        [sys.executable, str(EXAMPLE)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 20
    try:
        while True:
            try:
                with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                    break
            except OSError:
                if server.poll() is not None or time.monotonic() > deadline:
                    raise RuntimeError(server.stderr.read().decode()) from None
                time.sleep(0.05)
        yield url
    finally:
        server.terminate()
        server.wait(timeout=10)
        server.stderr.close()


def test_home_page_greets(base_url: str) -> None:
    with urllib.request.urlopen(f"{base_url}/?name=Ada") as response:
        body = response.read().decode()
    assert response.status == 200
    assert "Hello, Ada!" in body
    assert "/books/" in body


def test_blueprint_lists_books_as_json(base_url: str) -> None:
    with urllib.request.urlopen(f"{base_url}/books/") as response:
        data = json.load(response)
    assert response.headers["Content-Type"] == "application/json"
    assert data["books"][0] == {"id": 1, "title": "The Name of the Rose", "url": "/books/1"}


def test_unknown_book_is_404(base_url: str) -> None:
    with pytest.raises(urllib.error.HTTPError) as info:
        urllib.request.urlopen(f"{base_url}/books/99")
    assert info.value.code == 404
    assert "There is no book 99." in info.value.read().decode()
    info.value.close()
