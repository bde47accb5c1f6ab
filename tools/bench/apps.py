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

    def environs(self) -> list[dict[str, t.Any]]:
        """Every request the scenario sends, in turn (for a server to be sent)."""
        return [self.environ]


def _app(fw: ModuleType) -> t.Any:
    """The application object of either framework, rooted in this folder."""
    cls = getattr(fw, "Flask", None) or fw.Erlen
    app = cls(__name__)
    # Erlen's own cookie sessions, as Flask's, though erlen-sessions-redis
    # is installed beside them here; Flask ignores the key.
    app.config["PLUGINS"] = {"sessions": "cookie"}
    return app


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
    """A scenario whose requests take turns among several environs.

    Each environ may come with its own body and its own check: the check
    of the scenario applies the one of the request made last, so a mix of
    answers (200, 404, 405...) is each held to what it should be.
    """

    def __init__(
        self,
        app: t.Any,
        environs: list[dict[str, t.Any]],
        check: t.Callable[[Answer], None],
        bodies: list[bytes] | None = None,
        checks: list[t.Callable[[Answer], None]] | None = None,
    ) -> None:
        super().__init__(app, environs[0], self._check_last)
        count = len(environs)
        self._requests = list(
            zip(
                environs,
                bodies or [b""] * count,
                checks or [check] * count,
                strict=True,
            )
        )
        self._next_request = itertools.cycle(self._requests).__next__
        self._last_check = check

    def make_environ(self) -> dict[str, t.Any]:
        environ, body, self._last_check = self._next_request()
        environ = environ.copy()
        environ["wsgi.input"] = io.BytesIO(body)
        return environ

    def environs(self) -> list[dict[str, t.Any]]:
        return [environ for environ, _body, _check in self._requests]

    def _check_last(self, answer: Answer) -> None:
        self._last_check(answer)


#: How many distinct paths a scenario with distinct paths takes turns over:
#: more than Erlen's match cache holds (1024), so none is remembered.
DISTINCT_PATHS = 4096


def _distinct(
    scenario: Scenario,
    paths: t.Callable[[int], str],
    check: t.Callable[[int], t.Callable[[Answer], None]],
) -> RotatingScenario:
    """``scenario``'s app, asked for a different path on each request.

    Real traffic rarely asks for the same path twice in a row: a cache of
    matches that one fixed path always hits hides what routing costs.
    ``paths(i)`` is the i-th path and ``check(i)`` its check.
    """
    base = scenario.environ
    environs = []
    for i in range(DISTINCT_PATHS):
        path = paths(i)
        environ = {**base, "PATH_INFO": path, "REQUEST_URI": path, "RAW_URI": path}
        environs.append(environ)
    return RotatingScenario(
        scenario.app,
        environs,
        scenario.check,
        checks=[check(i) for i in range(DISTINCT_PATHS)],
    )


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


def build_json_paths(fw: ModuleType) -> Scenario:
    """``json`` with a different user id in the path on each request."""
    return _distinct(
        build_json(fw),
        lambda i: f"/users/{i}",
        lambda i: _expect(
            "200 OK",
            b'{"admin":false,"id":%d,"name":"Ada"}\n' % i,
            content_type="application/json",
        ),
    )


def build_notfound_paths(fw: ModuleType) -> Scenario:
    """``notfound`` with a different missing path on each request."""
    scenario = build_notfound(fw)
    return _distinct(scenario, lambda i: f"/missing/{i}", lambda i: scenario.check)


def build_routes500_paths(fw: ModuleType) -> Scenario:
    """``routes500`` with requests spread over every rule and many ids."""
    return _distinct(
        build_routes500(fw),
        lambda i: f"/section{i % 500}/item/{i}",
        lambda i: _expect("200 OK", f"{i % 500}:{i}".encode()),
    )


def build_blueprint_paths(fw: ModuleType) -> Scenario:
    """``blueprint`` with a different item id on each request."""
    return _distinct(
        build_blueprint(fw),
        lambda i: f"/shop/items/{i}",
        lambda i: _expect("200 OK", f"shop:{i}".encode()),
    )


#: The posts the realistic page lists, ten of them, each linked with url_for.
POSTS = [{"id": i, "title": f"Post number {i}", "author": f"user{i % 3}"} for i in range(10)]


def build_page(fw: ModuleType) -> Scenario:
    """A realistic page: what a server-rendered app does on most requests.

    The logged-in user comes from the session, a flash message is added and
    shown, the page extends a base layout, loops over ten posts and links
    each with ``url_for`` (ten calls), on a different path each request.
    """
    app = _app(fw)
    app.secret_key = SECRET_KEY

    @app.route("/")
    def index() -> str:
        return "index"

    @app.route("/posts/<int:id>")
    def post(id: int) -> str:
        return str(id)

    @app.route("/users/<name>/feed/<int:page>")
    def feed(name: str, page: int) -> str:
        user = fw.session.get("user")
        fw.flash(f"Welcome back, {user}")
        return fw.render_template(  # type: ignore[no-any-return]
            "page.html", user=user, name=name, page=page, posts=POSTS
        )

    with app.test_request_context():
        serializer = app.session_interface.get_signing_serializer(app)
        cookie = serializer.dumps({"user": "ada"})
    base = _environ("/", headers={"Cookie": f"session={cookie}"})

    def check(i: int) -> t.Callable[[Answer], None]:
        def check_page(answer: Answer) -> None:
            body = answer.body
            if answer.status != "200 OK":
                raise AssertionError(f"status {answer.status!r}: {body[:300]!r}")
            for needle in (
                b"<title>user%d page %d</title>" % (i % 64, i),
                b"Welcome back, ada",
                b'<a href="/posts/9">Post number 9</a>',
                b"by user2",
            ):
                if needle not in body:
                    raise AssertionError(f"{needle!r} not in {body[:600]!r}")
            if not (answer.header("Set-Cookie") or "").startswith("session="):
                raise AssertionError("the flash did not save the session")

        return check_page

    return _distinct(
        Scenario(app, base, check(0)),
        lambda i: f"/users/user{i % 64}/feed/{i}",
        check,
    )


#: The API's resources: each has the five usual routes, six make thirty.
API_RESOURCES = ("users", "posts", "comments", "tags", "orders", "invoices")


def build_api(fw: ModuleType) -> Scenario:
    """A JSON API of 30 routes (6 resources x list, create, read, update,
    delete), asked in turn with GET, POST, PUT and DELETE on distinct ids,
    POST and PUT with a JSON body."""
    app = _app(fw)

    def routes(resource: str) -> None:
        def listing() -> t.Any:
            page = fw.request.args.get("page", 1, type=int)
            return {"resource": resource, "page": page, "items": [1, 2, 3]}

        def create() -> t.Any:
            data = fw.request.get_json()
            return {"resource": resource, "created": data["name"]}, 201

        def read(id: int) -> t.Any:
            return {"resource": resource, "id": id}

        def update(id: int) -> t.Any:
            data = fw.request.get_json()
            return {"resource": resource, "id": id, "name": data["name"]}

        def delete(id: int) -> t.Any:
            return "", 204

        prefix = f"/api/v1/{resource}"
        app.add_url_rule(prefix, f"{resource}_list", listing, methods=["GET"])
        app.add_url_rule(prefix, f"{resource}_create", create, methods=["POST"])
        item = f"{prefix}/<int:id>"
        app.add_url_rule(item, f"{resource}_read", read, methods=["GET"])
        app.add_url_rule(item, f"{resource}_update", update, methods=["PUT"])
        app.add_url_rule(item, f"{resource}_delete", delete, methods=["DELETE"])

    for resource in API_RESOURCES:
        routes(resource)
    assert len(list(app.url_map.iter_rules())) == 30 + 1  # and static

    environs, bodies, checks = [], [], []
    json_type = {"content_type": "application/json"}
    for i in range(DISTINCT_PATHS):
        resource = API_RESOURCES[i % len(API_RESOURCES)]
        prefix = f"/api/v1/{resource}"
        kind = (i // len(API_RESOURCES)) % 5
        body = b""
        if kind == 0:
            environ = _environ(prefix, query_string=f"page={i}")
            expected = b'{"items":[1,2,3],"page":%d,"resource":"%s"}\n' % (
                i, resource.encode())
            check = _expect("200 OK", expected, **json_type)
        elif kind == 1:
            body = b'{"name": "n%d"}' % i
            environ = _environ(prefix, method="POST", data=body, **json_type)
            expected = b'{"created":"n%d","resource":"%s"}\n' % (i, resource.encode())
            check = _expect("201 CREATED", expected, **json_type)
        elif kind == 2:
            environ = _environ(f"{prefix}/{i}")
            expected = b'{"id":%d,"resource":"%s"}\n' % (i, resource.encode())
            check = _expect("200 OK", expected, **json_type)
        elif kind == 3:
            body = b'{"name": "n%d"}' % i
            environ = _environ(f"{prefix}/{i}", method="PUT", data=body, **json_type)
            expected = b'{"id":%d,"name":"n%d","resource":"%s"}\n' % (
                i, i, resource.encode())
            check = _expect("200 OK", expected, **json_type)
        else:
            environ = _environ(f"{prefix}/{i}", method="DELETE")
            check = _expect("204 NO CONTENT", b"")
        environs.append(environ)
        bodies.append(body)
        checks.append(check)
    return RotatingScenario(app, environs, checks[0], bodies=bodies, checks=checks)


def build_errors(fw: ModuleType) -> Scenario:
    """An error-heavy mix on distinct paths: 404, 405 and 400 in turn.

    Scanners and broken clients: paths that do not exist, a method a route
    does not allow, and a JSON body that does not parse.
    """
    app = _app(fw)

    @app.route("/items/<int:id>", methods=["GET", "PUT"])
    def item(id: int) -> t.Any:
        if fw.request.method == "PUT":
            return {"id": id, "data": fw.request.get_json()}
        return {"id": id}

    environs, bodies, checks = [], [], []

    def status_page(status: str, words: bytes) -> t.Callable[[Answer], None]:
        def check(answer: Answer) -> None:
            if answer.status != status or words not in answer.body:
                raise AssertionError(f"{answer.status!r} {answer.body[:200]!r}")

        return check

    for i in range(DISTINCT_PATHS):
        kind = i % 3
        body = b""
        if kind == 0:
            environ = _environ(f"/wp-admin/{i}/setup.php")
            check = status_page("404 NOT FOUND", b"Not Found")
        elif kind == 1:
            environ = _environ(f"/items/{i}", method="DELETE")
            check = status_page("405 METHOD NOT ALLOWED", b"Method Not Allowed")
        else:
            body = b'{"broken": %d' % i
            environ = _environ(
                f"/items/{i}", method="PUT", data=body, content_type="application/json"
            )
            check = status_page("400 BAD REQUEST", b"Bad Request")
        environs.append(environ)
        bodies.append(body)
        checks.append(check)
    return RotatingScenario(app, environs, checks[0], bodies=bodies, checks=checks)


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
    "json_paths": build_json_paths,
    "notfound_paths": build_notfound_paths,
    "routes500_paths": build_routes500_paths,
    "blueprint_paths": build_blueprint_paths,
    "page": build_page,
    "api": build_api,
    "errors": build_errors,
}
