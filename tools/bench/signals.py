"""What Erlen's lifecycle signals cost a request: nothing, until someone listens.

Usage: ``hatch run bench:signals``.

Times the same hello app in three fresh interpreters:

- ``none``: erlen-signals never imported, so core's hub holds null signals;
- ``loaded``: erlen-signals imported (Blinker signals bound), no receivers;
- ``listening``: one receiver connected to ``request_started``.

Each sends ten signals per request (contexts pushed and popped, request
started, finished, tearing down, ...). The report gives each time relative
to ``none``: ``loaded`` should be within noise of 1.0, because sending a
signal without receivers is one truth test.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
import textwrap

CHILD = textwrap.dedent(
    """
    import sys, time
    from erlen import Erlen

    mode = sys.argv[1]
    if mode != "none":
        import erlen_signals
    if mode == "listening":
        def receiver(sender, **extra):
            pass
        erlen_signals.request_started.connect(receiver)

    app = Erlen(__name__)

    @app.get("/")
    def hello():
        return "Hello, World!"

    environ = {
        "REQUEST_METHOD": "GET", "PATH_INFO": "/", "SERVER_NAME": "localhost",
        "SERVER_PORT": "80", "wsgi.url_scheme": "http", "SERVER_PROTOCOL": "HTTP/1.1",
    }

    def start_response(status, headers, exc_info=None):
        return None

    def once():
        body = app(dict(environ), start_response)
        assert b"".join(body) == b"Hello, World!"

    for _ in range(2000):
        once()
    best = float("inf")
    for _ in range(7):
        start = time.process_time()
        for _ in range(5000):
            once()
        best = min(best, (time.process_time() - start) / 5000)
    print(best)
    """
)

MODES = ("none", "loaded", "listening")


def measure(mode: str) -> float:
    """Best per-request CPU time, in seconds, of one fresh interpreter."""
    out = subprocess.run(
        [sys.executable, "-c", CHILD, mode], capture_output=True, text=True, check=True
    )
    return float(out.stdout)


def main() -> None:
    times: dict[str, list[float]] = {mode: [] for mode in MODES}
    for _ in range(3):  # interleaved, so drift in the machine hits all alike
        for mode in MODES:
            times[mode].append(measure(mode))
    base = statistics.median(times["none"])
    print(f"{'mode':<10} {'µs/request':>11} {'vs none':>8}")
    for mode in MODES:
        value = statistics.median(times[mode])
        print(f"{mode:<10} {value * 1e6:>11.2f} {value / base:>8.2f}")


if __name__ == "__main__":
    main()
