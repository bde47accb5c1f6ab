"""``ERLEN_NO_SPEEDUPS=1`` runs the libraries' general paths, and only those.

The proof has two halves:

- with the switch on, serving requests of every kind (routing, JSON, forms,
  cookies, sessions, flashes, templates, errors) imports no module of any
  ``speedups`` package but the packages themselves, which hold nothing but
  the switch; the general classes and functions are the ones bound;
- outside the ``speedups`` packages, no Erlen module names a private name
  Werkzeug or itsdangerous defines (static: every attribute read, every
  import and every string constant of every module), but for the few listed
  in :data:`NOT_SPEEDUPS`, each Flask's own use of the same name for
  behaviour, not speed, which the switch does not change.

So nothing run under the switch reaches a library's private name for speed.
"""

from __future__ import annotations

import ast
import importlib.util
import json
import os
import subprocess
import sys
import textwrap
import typing as t
from pathlib import Path

PACKAGES = Path(__file__).resolve().parents[2] / "packages"

#: Library private names Erlen modules outside ``speedups`` use on purpose,
#: where Flask uses them too, for behaviour rather than speed.
NOT_SPEEDUPS = {
    # The debug-mode hint about a form sent without an enctype, Flask's
    # Request does the same.
    ("erlen-core/src/erlen/wrappers.py", "_load_form_data"),
    # The size limits of URL-encoded forms (erlen.limits), which Werkzeug
    # does not hold to; a limit, not a speedup.
    ("erlen-core/src/erlen/limits.py", "_parse_urlencoded"),
    # The proxied object: Werkzeug's LocalProxy documents this method.
    ("erlen-cli/src/erlen_cli/commands/shell.py", "_get_current_object"),
    ("erlen-cli/src/erlen_cli/groups.py", "_get_current_object"),
    # The test client keeps the cookie jar as Flask's FlaskClient does,
    # through Werkzeug's test Client's hooks.
    ("erlen-testing/src/erlen_testing/client.py", "_cookies"),
    ("erlen-testing/src/erlen_testing/client.py", "_add_cookies_to_wsgi"),
    ("erlen-testing/src/erlen_testing/client.py", "_update_cookies_from_response"),
}

SERVE_UNDER_THE_SWITCH = """
import json, sys, types
import erlen, erlen.routing, erlen.error_pages, erlen.wrappers
import werkzeug.local
from erlen import Erlen, abort, flash, get_flashed_messages, request, session

app = Erlen(__name__, plugins={"sessions": "cookie"})
app.secret_key = "key"

@app.route("/users/<int:id>", methods=["GET", "POST"])
def user(id):
    session["seen"] = session.get("seen", 0) + 1
    flash("hi")
    data = request.get_json(silent=True) or dict(request.form)
    response = erlen.jsonify(id=id, data=data, flashes=get_flashed_messages())
    response.set_cookie("plain", "1")
    response.headers["X-Plain"] = "yes"
    return response

@app.route("/page")
def page():
    return erlen.render_template_string("{% for i in x %}{{ i }}{% endfor %}", x=[1, 2])

@app.route("/bad")
def bad():
    abort(400)

client = app.test_client()
client.set_cookie("other", "2")
answers = [
    client.get("/users/1").status_code,
    client.post("/users/2", json={"a": 1}).status_code,
    client.post("/users/3", data={"b": "2"}).status_code,
    client.get("/users/4", headers={"Cookie": 'q="x y"; other=2'}).status_code,
    client.get("/page").status_code,
    client.get("/missing").status_code,
    client.delete("/users/5").status_code,
    client.get("/bad").status_code,
]
interface = app.session_interface
with app.test_request_context():
    codec = interface._codec(app)
print(json.dumps({
    "answers": answers,
    "speedups": sorted(m for m in sys.modules if ".speedups." in m),
    "bound": {
        "Request": erlen.wrappers.Request.__module__,
        "Response": erlen.wrappers.Response.__module__,
        "Headers": erlen.wrappers.Headers.__module__,
        "bind_request": erlen.routing.bind_request.__module__,
        "error_response": erlen.error_pages.error_response.__module__,
        "codec": type(codec).__module__ + "." + type(codec).__name__,
        "serializer": type(interface.get_signing_serializer(app)).__module__,
        "proxy": type(erlen.g).__module__ + "." + type(erlen.g).__name__,
        "werkzeug": type(sys.modules["werkzeug"]) is types.ModuleType,
    },
}))
"""


def _serve(switched_off: bool) -> t.Any:
    """What :data:`SERVE_UNDER_THE_SWITCH` reports, in a fresh interpreter."""
    env = {k: v for k, v in os.environ.items() if k != "ERLEN_NO_SPEEDUPS"}
    if switched_off:
        env["ERLEN_NO_SPEEDUPS"] = "1"
    result = subprocess.run(
        [sys.executable, "-c", textwrap.dedent(SERVE_UNDER_THE_SWITCH)],
        capture_output=True,
        text=True,
        check=True,
        env=env,
    )
    return json.loads(result.stdout)


def test_the_switch_binds_the_general_paths_and_no_speedup() -> None:
    seen = _serve(switched_off=True)
    assert seen["answers"] == [200, 200, 200, 200, 200, 404, 405, 400]
    assert seen["speedups"] == []
    assert seen["bound"] == {
        "Request": "erlen.wrappers",
        "Response": "erlen.wrappers",
        "Headers": "erlen.wrappers",
        "bind_request": "erlen.routing",
        "error_response": "erlen.error_pages",
        "codec": "erlen_sessions._codec.SerializerCodec",
        "serializer": "itsdangerous.url_safe",
        "proxy": "werkzeug.local.LocalProxy",
        "werkzeug": True,
    }


def test_without_the_switch_the_speedups_are_bound() -> None:
    # The other half of the same assertion: the test above would pass on a
    # build that never took a shortcut at all.
    bound = _serve(switched_off=False)["bound"]
    assert bound["Response"] == "erlen.speedups.responses"
    assert bound["bind_request"] == "erlen.speedups.routing"
    assert bound["codec"] == "erlen_sessions.speedups.codec.FlaskCookieCodec"
    assert bound["proxy"] == "erlen_contexts.speedups.proxy.LocalProxy"


def _private_names_defined_by(package: str) -> set[str]:
    """Every ``_name`` (not dunder) ``package`` defines: functions, classes,
    module and class variables, and attributes it assigns."""
    origin = importlib.util.find_spec(package).origin  # type: ignore[union-attr]
    assert origin is not None
    names: set[str] = set()
    for path in Path(origin).parent.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
                names.add(node.name)
            elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
                names.add(node.attr)
            elif isinstance(node, ast.Name) and isinstance(node.ctx, ast.Store):
                names.add(node.id)
            elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
                names.add(node.target.id)
    return {
        name for name in names if name.startswith("_") and not name.startswith("__")
    } - {"_"}


def _names_erlen_defines(path: Path, private: set[str]) -> set[str]:
    """The private names a module of Erlen's defines itself (its own attributes).

    A method of a subclass of a library class, named as the library's
    private method, overrides it (as ``_load_form_data`` does): that is a
    use, not a definition (:func:`_overrides`).
    """
    names = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef, ast.ClassDef)):
            names.add(node.name)
        elif isinstance(node, ast.Attribute) and isinstance(node.ctx, ast.Store):
            names.add(node.attr)
        elif isinstance(node, ast.AnnAssign) and isinstance(node.target, ast.Name):
            names.add(node.target.id)
    return names


def _overrides(tree: ast.Module, private: set[str]) -> set[str]:
    """Private library methods overridden in subclasses of library classes."""
    library_names = {
        alias.asname or alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.ImportFrom)
        and (node.module or "").split(".")[0] in ("werkzeug", "itsdangerous")
        for alias in node.names
    }
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ClassDef) and any(
            isinstance(base, ast.Name) and base.id in library_names
            for base in node.bases
        ):
            for item in node.body:
                if (
                    isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef))
                    and item.name in private
                ):
                    found.add(item.name)
    return found


def test_no_library_private_name_outside_the_speedups() -> None:
    private = _private_names_defined_by("werkzeug") | _private_names_defined_by(
        "itsdangerous"
    )
    assert {"_list", "_on_close", "_remap", "_converters"} <= private
    found = set()
    for path in sorted(PACKAGES.glob("*/src/**/*.py")):
        if "speedups" in path.parts:
            continue
        own = _names_erlen_defines(path, private)
        where = path.relative_to(PACKAGES).as_posix()
        tree = ast.parse(path.read_text(encoding="utf-8"))
        found.update((where, name) for name in _overrides(tree, private))
        for node in ast.walk(tree):
            if isinstance(node, ast.Attribute) and node.attr in private:
                if node.attr not in own:
                    found.add((where, node.attr))
            elif isinstance(node, ast.ImportFrom) and node.module:
                top = node.module.split(".")[0]
                if top in ("werkzeug", "itsdangerous"):
                    for alias in node.names:
                        if alias.name.startswith("_"):
                            found.add((where, alias.name))
                    if any(part.startswith("_") for part in node.module.split(".")):
                        found.add((where, node.module))
            elif (
                isinstance(node, ast.Constant)
                and isinstance(node.value, str)
                and node.value in private
                and node.value not in own
            ):
                found.add((where, repr(node.value)))
    assert found == NOT_SPEEDUPS
