"""Serve the blog on http://127.0.0.1:5000: what ``hatch run serve`` runs.

Stopping the command must stop the server. hatch runs a script through a
shell and does not pass its own signals on, so when something kills the
hatch process, the server would live on, orphaned, holding the port. The
script ``exec``s this file, so no shell stands between hatch and the server,
and this file watches its parent: when the parent is gone, it stops.
"""

from __future__ import annotations

import argparse
import os
import signal
import sys
import threading
import types
from pathlib import Path

from werkzeug.serving import make_server

#: How often, in seconds, the server checks that its parent still runs.
PARENT_POLL_INTERVAL = 0.2


def stop(signum: int, frame: types.FrameType | None) -> None:
    """Turn SIGTERM into SystemExit, so the server closes its socket on the way out."""
    raise SystemExit(0)


def watch_parent(parent: int) -> None:
    """Send this process SIGTERM once its parent has exited.

    An orphan is adopted by another process, so its parent id changes.
    """
    while os.getppid() == parent:
        threading.Event().wait(PARENT_POLL_INTERVAL)
    os.kill(os.getpid(), signal.SIGTERM)


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--host", default=os.environ.get("ERLEN_RUN_HOST", "127.0.0.1"))
    parser.add_argument(
        "--port", type=int, default=int(os.environ.get("ERLEN_RUN_PORT", "5000"))
    )
    options = parser.parse_args(argv)

    # The blog is an example, not an installed package: import it from here.
    sys.path.insert(0, str(Path(__file__).resolve().parent))
    from blog import create_app

    signal.signal(signal.SIGTERM, stop)
    threading.Thread(target=watch_parent, args=(os.getppid(),), daemon=True).start()
    server = make_server(options.host, options.port, create_app(), threaded=True)
    print(f"Serving the blog on http://{options.host}:{server.port}/", flush=True)
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    finally:
        server.server_close()


if __name__ == "__main__":
    main()
