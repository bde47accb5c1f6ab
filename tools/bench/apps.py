"""The benchmark apps: one Flask-style app per scenario, written once.

Each ``build_*`` function takes the framework module (``flask`` or
``erlen``) and writes the same app against it, so both frameworks run
identical view code. It returns a :class:`Scenario`: the app, the request to
send (a prebuilt WSGI environ, the same for both) and a check of the answer,
which the runner applies before timing anything.
"""

from __future__ import annotations

import io
import itertools
import typing as t
from dataclasses import dataclass
from types import ModuleType

from werkzeug.test import EnvironBuilder

SECRET_KEY = "bench secret key, not secret"


@dataclass
class Answer:
    """What the app sent back for one request."""

    status: str
    headers: list[tuple[str, str]]
    body: bytes

    def header(self, name: str) -> str | None:
        for key, value in self.headers:
            if key.lower() == name.lower():
                return value
        return None


@dataclass
class Scenario:
    """An app, the request it answers, and what a correct answer looks like."""

    app: t.Any
    environ: dict[str, t.Any]
    check: t.Callable[[Answer], None]
    #: The request body, given a fresh stream on each call.
    body: bytes = b""

    def make_environ(self) -> dict[str, t.Any]:
        """A fresh copy of the request: apps may write into their environ."""
        environ = self.environ.copy()
        environ["wsgi.input"] = io.BytesIO(self.body)
        return environ


def _app(fw: ModuleType) -> t.Any:
    """The application object of either framework, rooted in this folder."""
    cls = getattr(fw, "Flask", None) or fw.Erlen
    return cls(__name__)


def _environ(path: str, **kwargs: t.Any) -> dict[str, t.Any]:
    builder = EnvironBuilder(path, **kwargs)
    try:
        return builder.get_environ()
    finally:
        builder.close()


def _expect(status: str, body: bytes, **headers: str) -> t.Callable[[Answer], None]:
    def check(answer: Answer) -> None:
        if answer.status != status:
            raise AssertionError(f"status {answer.status!r}, expected {status!r}")
        if answer.body != body:
            raise AssertionError(f"body {answer.body[:200]!r}, expected {body!r}")
        for name, value in headers.items():
            got = answer.header(name.replace("_", "-"))
            if got is None or not got.startswith(value):
                raise AssertionError(f"header {name} {got!r}, expected {value!r}")

    return check


def build_hello(fw: ModuleType) -> Scenario:
    app = _app(fw)

    @app.route("/")
    def hello() -> str:
        return "Hello, World!"

    return Scenario(
        app,
        _environ("/"),
        _expect("200 OK", b"Hello, World!", content_type="text/html"),
    )


def build_json(fw: ModuleType) -> Scenario:
    app = _app(fw)

    @app.route("/users/<int:id>")
    def user(id: int) -> dict[str, t.Any]:
        return {"id": id, "name": "Ada", "admin": False}

    return Scenario(
        app,
        _environ("/users/42"),
        _expect(
            "200 OK",
            b'{"admin":false,"id":42,"name":"Ada"}\n',
            content_type="application/json",
        ),
    )


def build_notfound(fw: ModuleType) -> Scenario:
    app = _app(fw)

    @app.route("/")
    def index() -> str:
        return "index"

    def check(answer: Answer) -> None:
        if answer.status != "404 NOT FOUND" or b"Not Found" not in answer.body:
            raise AssertionError(f"expected a 404 page, got {answer.status!r}")

    return Scenario(app, _environ("/missing"), check)


def build_form(fw: ModuleType) -> Scenario:
    app = _app(fw)

    @app.route("/login", methods=["POST"])
    def login() -> str:
        form = fw.request.form
        return f"{form['user']}:{len(form['password'])}"

    body = b"user=ada&password=correct+horse+battery+staple"
    environ = _environ(
        "/login",
        method="POST",
        data=body,
        content_type="application/x-www-form-urlencoded",
    )
    return Scenario(app, environ, _expect("200 OK", b"ada:28"), body=body)


def build_hooks(fw: ModuleType) -> Scenario:
    app = _app(fw)

    for i in range(3):

        @app.before_request
        def before(i: int = i) -> None:
            fw.g.setdefault("seen", []).append(i)

        @app.after_request
        def after(response: t.Any, i: int = i) -> t.Any:
            response.headers[f"X-After-{i}"] = "1"
            return response

    @app.route("/")
    def index() -> str:
        return ",".join(map(str, fw.g.seen))

    return Scenario(app, _environ("/"), _expect("200 OK", b"0,1,2", X_After_0="1"))


def build_routes500(fw: ModuleType) -> Scenario:
    app = _app(fw)

    def make_view(i: int) -> t.Callable[[int], str]:
        def view(id: int) -> str:
            return f"{i}:{id}"

        return view

    for i in range(500):
        app.add_url_rule(f"/section{i}/item/<int:id>", f"route{i}", make_view(i))

    return Scenario(app, _environ("/section499/item/7"), _expect("200 OK", b"499:7"))


def build_template_file(fw: ModuleType) -> Scenario:
    app = _app(fw)
    items = [f"item {i}" for i in range(10)]

    @app.route("/list")
    def listing() -> str:
        return fw.render_template("list.html", title="Items", items=items)  # type: ignore[no-any-return]

    expected = "<h1>Items</h1>\n<ul>\n" + "".join(
        f"  <li>{item}</li>\n" for item in items
    )
    return Scenario(
        app, _environ("/list"), _expect("200 OK", (expected + "</ul>").encode())
    )


def _counter_app(fw: ModuleType) -> t.Any:
    """An app whose one view counts visits in the session."""
    app = _app(fw)
    app.secret_key = SECRET_KEY

    @app.route("/count")
    def count() -> str:
        fw.session["count"] = fw.session.get("count", 0) + 1
        return str(fw.session["count"])

    return app


def _session_cookies(app: t.Any, counts: range) -> list[str]:
    """Signed session cookies holding each of ``counts``, made by ``app`` itself."""
    # Each app signs its own cookies; the formats are the same by design.
    with app.test_request_context():
        serializer = app.session_interface.get_signing_serializer(app)
        return [serializer.dumps({"count": count}) for count in counts]


def build_session(fw: ModuleType) -> Scenario:
    app = _counter_app(fw)
    (cookie,) = _session_cookies(app, range(41, 42))
    environ = _environ("/count", headers={"Cookie": f"session={cookie}"})
    return Scenario(app, environ, _expect("200 OK", b"42", Set_Cookie="session="))


#: More distinct cookies than Erlen's sessions remember (1024 per codec and
#: per serializer), sent in turn, so that every one arrives unremembered.
UNSEEN_COOKIES = 4096


class RotatingScenario(Scenario):
    """A scenario whose requests take turns among several environs."""

    def __init__(
        self,
        app: t.Any,
        environs: list[dict[str, t.Any]],
        check: t.Callable[[Answer], None],
    ) -> None:
        super().__init__(app, environs[0], check)
        self._next_environ = itertools.cycle(environs).__next__

    def make_environ(self) -> dict[str, t.Any]:
        environ = self._next_environ().copy()
        environ["wsgi.input"] = io.BytesIO(self.body)
        return environ


def build_session_unseen(fw: ModuleType) -> Scenario:
    """The session scenario with a cookie the app has not seen, on every request.

    A browser sends the same cookie until the session changes, and Erlen
    remembers what a cookie it has read holds; this scenario shows what a
    session costs without that, as in an app that changes the session on
    every request of every user.
    """
    app = _counter_app(fw)
    base = _environ("/count")
    environs = [
        {**base, "HTTP_COOKIE": f"session={cookie}"}
        for cookie in _session_cookies(app, range(UNSEEN_COOKIES))
    ]

    def check(answer: Answer) -> None:
        cookie = answer.header("Set-Cookie") or ""
        if not (answer.status == "200 OK" and answer.body.isdigit()):
            raise AssertionError(f"{answer.status} {answer.body[:200]!r}")
        if not cookie.startswith("session="):
            raise AssertionError(f"Set-Cookie {cookie!r}, expected a session")

    return RotatingScenario(app, environs, check)


def build_blueprint(fw: ModuleType) -> Scenario:
    app = _app(fw)
    bp = fw.Blueprint("shop", __name__, url_prefix="/shop")

    @bp.route("/items/<int:id>")
    def item(id: int) -> str:
        return f"{fw.request.blueprint}:{id}"

    app.register_blueprint(bp)
    return Scenario(app, _environ("/shop/items/3"), _expect("200 OK", b"shop:3"))


#: Every request scenario, in the order the report lists them.
SCENARIOS: dict[str, t.Callable[[ModuleType], Scenario]] = {
    "hello": build_hello,
    "json": build_json,
    "notfound": build_notfound,
    "form": build_form,
    "hooks": build_hooks,
    "routes500": build_routes500,
    "template_file": build_template_file,
    "session": build_session,
    "session_unseen": build_session_unseen,
    "blueprint": build_blueprint,
}
