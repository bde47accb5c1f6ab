"""``erlen run`` serves the app on a real socket and stops cleanly."""

from __future__ import annotations

import http.client
import os
import signal
import socket
import ssl
import subprocess
import time
import urllib.error
import urllib.request
from contextlib import contextmanager

import pytest


def wait_for_port(server: subprocess.Popen[str], port: int) -> None:
    deadline = time.monotonic() + 30
    while True:
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.2):
                return
        except OSError:
            if server.poll() is not None or time.monotonic() > deadline:
                out, err = server.communicate(timeout=10)
                raise AssertionError(f"the server did not start:\n{out}\n{err}")
            time.sleep(0.05)


@contextmanager
def serving(erlen, *args, env=None, stop=signal.SIGINT):
    """Start ``erlen run``, wait until it listens, and stop it with ``stop``.

    The outputs and exit code are available on the yielded ``server``
    after the block.
    """
    port = int(args[args.index("--port") + 1]) if "--port" in args else None
    port = port or int((env or {})["ERLEN_RUN_PORT"])
    server = erlen.popen("run", *args, env=env)
    try:
        wait_for_port(server, port)
        yield server
    finally:
        # The whole session: with the reloader, the child serves.
        os.killpg(server.pid, stop)
        server.output = server.communicate(timeout=20)


def get(url: str, context: ssl.SSLContext | None = None) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10, context=context) as response:
            return response.status, response.read().decode()
    except urllib.error.HTTPError as e:
        with e:
            return e.code, e.read().decode()


def test_serves_a_request_and_stops_on_sigint(erlen, free_port):
    with serving(
        erlen, "--port", str(free_port), env={"ERLEN_APP": "greeter"}
    ) as server:
        assert get(f"http://127.0.0.1:{free_port}/") == (
            200,
            "Hello from greeter (debug=False)",
        )
    assert server.returncode == 0
    out, err = server.output
    assert " * Serving Erlen app 'greeter'" in out
    assert " * Debug mode: off" in out
    assert f"Running on http://127.0.0.1:{free_port}" in err
    assert '"GET / HTTP/1.1" 200' in err


def test_terminate_ends_the_server(erlen, free_port):
    with serving(
        erlen,
        "--port",
        str(free_port),
        env={"ERLEN_APP": "greeter"},
        stop=signal.SIGTERM,
    ) as server:
        assert get(f"http://127.0.0.1:{free_port}/")[0] == 200
    assert server.returncode == -signal.SIGTERM
    with pytest.raises(OSError):
        socket.create_connection(("127.0.0.1", free_port), timeout=1).close()


def test_port_from_the_environment(erlen, free_port):
    env = {"ERLEN_APP": "greeter", "ERLEN_RUN_PORT": str(free_port)}
    with serving(erlen, env=env) as server:
        assert get(f"http://127.0.0.1:{free_port}/")[0] == 200
    assert server.returncode == 0


def test_debug_turns_on_the_debugger(erlen, free_port):
    with serving(
        erlen,
        "--debug",
        "--no-reload",
        "--port",
        str(free_port),
        env={"ERLEN_APP": "greeter"},
    ) as server:
        assert get(f"http://127.0.0.1:{free_port}/") == (
            200,
            "Hello from greeter (debug=True)",
        )
        status, body = get(f"http://127.0.0.1:{free_port}/boom")
        assert status == 500
        assert "RuntimeError: the view failed on purpose" in body
        assert "Werkzeug Debugger" in body
    assert " * Debug mode: on" in server.output[0]


def test_no_debugger_in_debug_mode(erlen, free_port):
    with serving(
        erlen,
        "--debug",
        "--no-reload",
        "--no-debugger",
        "--port",
        str(free_port),
        env={"ERLEN_APP": "greeter"},
    ):
        status, body = get(f"http://127.0.0.1:{free_port}/boom")
    assert status == 500
    assert "Werkzeug Debugger" not in body


def test_debug_mode_reloader_serves_and_stops(erlen, free_port):
    env = {"ERLEN_APP": "greeter", "ERLEN_DEBUG": "1"}
    with serving(erlen, "--port", str(free_port), env=env) as server:
        assert get(f"http://127.0.0.1:{free_port}/")[1].endswith("(debug=True)")
    out, err = server.output
    assert "Restarting with stat" in err
    # The banner is shown by the watching process only, not again by the child.
    assert out.count(" * Debug mode: on") == 1


def test_adhoc_certificate_serves_https(erlen, free_port):
    with serving(
        erlen,
        "--cert",
        "adhoc",
        "--port",
        str(free_port),
        env={"ERLEN_APP": "greeter"},
    ) as server:
        context = ssl.create_default_context()
        context.check_hostname = False
        context.verify_mode = ssl.CERT_NONE
        assert get(f"https://127.0.0.1:{free_port}/", context)[0] == 200
    assert f"Running on https://127.0.0.1:{free_port}" in server.output[1]


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["--key", "{file}"], '"--cert" must also be specified.'),
        (
            ["--cert", "adhoc", "--key", "{file}"],
            'When "--cert" is "adhoc", "--key" is not used.',
        ),
        (["--cert", "{file}"], 'Required when using "--cert".'),
        (["--cert", "no.such.module:context"], "Invalid value for '--cert'"),
    ],
)
def test_certificate_options_are_checked(erlen, tmp_path, args, message):
    pem = tmp_path / "file.pem"
    pem.write_text("not really a certificate")
    args = [arg.format(file=pem) for arg in args]
    result = erlen("run", *args, env={"ERLEN_APP": "greeter"})
    assert result.returncode == 2
    assert message in result.stderr


def test_run_without_an_app_fails_before_serving(erlen, tmp_path, free_port):
    result = erlen("run", "--port", str(free_port), cwd=tmp_path)
    assert result.returncode == 2
    assert "Could not locate the Erlen application" in result.stderr
    assert "Running on" not in result.stderr


RELOADING_APP = """\
import http.client
import os
from pathlib import Path

from erlen import Erlen

# Each import, in each reloaded child, records the process that made it.
with open(Path(__file__).with_name("imports.log"), "a") as log:
    log.write(f"{os.getpid()}\\n")

app = Erlen(__name__)


@app.route("/")
def index():
    return "version 1"
"""


#: No bytecode cache: a fast edit can leave the source with the time and size
#: a cached .pyc was made from, and the old code would be imported again.
RELOADING_ENV = {"ERLEN_APP": "reloading", "PYTHONDONTWRITEBYTECODE": "1"}


def try_get(url: str) -> tuple[int | None, str]:
    """Like :func:`get`, but no answer while reloading.

    The reloader may refuse the connection, or stop the old server halfway
    through a response (``IncompleteRead``).
    """
    try:
        return get(url)
    except (OSError, http.client.HTTPException):
        return None, ""


def wait_until(condition, what: str, server: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 30
    while not condition():
        if server.poll() is not None or time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")
        time.sleep(0.1)


def bump(path) -> None:
    """Move a file's time past every time it had, so the stat reloader sees a change.

    The reloader only reacts to a time later than the one it recorded; a
    plain write may set an earlier one than an earlier bump did.
    """
    stat = path.stat()
    later = max(stat.st_mtime, time.time()) + 5
    os.utime(path, (stat.st_atime, later))


def bump_until(path, condition, what: str, server: subprocess.Popen[str]) -> None:
    """Bump ``path`` once a second until ``condition`` holds.

    The reloader records the files' times when its watch loop starts, a
    moment after the server answers; a change made before that becomes its
    starting point and is never seen. Bumping again is a new change.
    """
    deadline = time.monotonic() + 30
    while True:
        bump(path)
        step = time.monotonic() + 1
        while time.monotonic() < step:
            if condition():
                return
            if server.poll() is not None:
                raise AssertionError(f"the server stopped before {what}")
            time.sleep(0.1)
        if time.monotonic() > deadline:
            raise AssertionError(f"gave up waiting for {what}")


def test_extra_files_trigger_a_reload(erlen, tmp_path, free_port):
    (tmp_path / "reloading.py").write_text(RELOADING_APP)
    settings = tmp_path / "settings.toml"
    settings.write_text("answer = 1\n")
    log = tmp_path / "imports.log"
    server = erlen.popen(
        "run",
        "--debug",
        "--port",
        str(free_port),
        "--extra-files",
        str(settings),
        cwd=tmp_path,
        env=RELOADING_ENV,
    )
    try:
        wait_for_port(server, free_port)
        # The watching parent imported the app, then the first child did.
        wait_until(lambda: len(log.read_text().split()) == 2, "the first child", server)
        bump_until(settings, lambda: len(log.read_text().split()) >= 3, "a reload", server)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        _, err = server.communicate(timeout=20)
    assert f"Detected change in '{settings}', reloading" in err


def test_an_app_broken_by_an_edit_is_served_as_an_error(erlen, tmp_path, free_port):
    source = tmp_path / "reloading.py"
    source.write_text(RELOADING_APP)
    server = erlen.popen(
        "run",
        "--debug",
        "--port",
        str(free_port),
        cwd=tmp_path,
        env=RELOADING_ENV,
    )
    url = f"http://127.0.0.1:{free_port}/"
    try:
        wait_for_port(server, free_port)
        assert get(url) == (200, "version 1")
        source.write_text(RELOADING_APP + "\nraise LookupError('edited into a bug')\n")

        def serves_the_error() -> bool:
            status, body = try_get(url)
            return status == 500 and "LookupError: edited into a bug" in body

        # The reloader keeps watching instead of exiting with the child.
        bump_until(source, serves_the_error, "the error page", server)
        source.write_text(RELOADING_APP.replace("version 1", "version 2"))
        bump_until(source, lambda: try_get(url) == (200, "version 2"), "the fix", server)
    finally:
        os.killpg(server.pid, signal.SIGINT)
        _, err = server.communicate(timeout=20)
    assert "LookupError: edited into a bug" in err


def test_path_lists_are_split_on_the_path_separator(tmp_path):
    from erlen_cli import SeparatedPathType

    value = os.pathsep.join([str(tmp_path / "a.toml"), "*.log"])
    assert SeparatedPathType().convert(value, None, None) == [
        str(tmp_path / "a.toml"),
        "*.log",
    ]


def test_a_load_error_served_again_keeps_its_traceback(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    from erlen_cli import ScriptInfo
    from erlen_cli.commands.run import _load_app

    def broken_factory():
        raise LookupError("edited into a bug")

    # As in the reloader's child, where a load error is served, not raised.
    monkeypatch.setenv("WERKZEUG_RUN_MAIN", "true")
    app = _load_app(ScriptInfo(create_app=broken_factory))

    depths = []
    for _ in range(3):
        with pytest.raises(LookupError) as info:
            app({}, lambda *args: None)
        depths.append(len(info.traceback))
    # Each request shows the same traceback, not one a frame longer each time.
    assert depths[0] == depths[1] == depths[2]
