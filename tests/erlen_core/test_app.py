"""The application object: constructor, folders, name, logger, debug, config."""

from __future__ import annotations

import io
import logging
import os
import subprocess
import sys
import sysconfig
import textwrap
import typing as t
from collections.abc import Iterator
from datetime import timedelta
from pathlib import Path

import pytest
from werkzeug.test import Client

from erlen import Blueprint
from erlen import Erlen
from erlen import g


@pytest.fixture
def app_name(request: pytest.FixtureRequest) -> Iterator[str]:
    """A logger name used by this test only, restored to a blank logger after."""
    name = f"erlen_test_app_{request.node.name}".replace("[", "_").replace("]", "")
    yield name
    logger = logging.getLogger(name)
    logger.handlers.clear()
    logger.setLevel(logging.NOTSET)
    logger.propagate = True


def make_static_app(
    tmp_path: Path, static_folder: str = "static", **kwargs: t.Any
) -> Erlen:
    static = tmp_path / static_folder
    static.mkdir()
    (static / "hello.txt").write_text("hello static", encoding="utf-8")
    return Erlen(
        "erlen_test_static",
        root_path=str(tmp_path),
        static_folder=static_folder,
        **kwargs,
    )


# --- static files -----------------------------------------------------------


def test_static_folder_is_served_under_its_name_by_default(tmp_path: Path) -> None:
    app = make_static_app(tmp_path)
    with Client(app).get("/static/hello.txt") as response:
        assert response.status_code == 200
        assert response.get_data(as_text=True) == "hello static"
    assert app.static_folder == os.path.join(str(tmp_path), "static")


def test_static_url_path_moves_the_static_route(tmp_path: Path) -> None:
    app = make_static_app(tmp_path, static_url_path="/assets/")
    client = Client(app)
    assert app.static_url_path == "/assets"
    with client.get("/assets/hello.txt") as response:
        assert response.get_data(as_text=True) == "hello static"
    assert client.get("/static/hello.txt").status_code == 404


def test_static_folder_name_sets_the_default_url_path(tmp_path: Path) -> None:
    app = make_static_app(tmp_path, static_folder="public")
    with Client(app).get("/public/hello.txt") as response:
        assert response.get_data(as_text=True) == "hello static"


def test_static_route_refuses_paths_outside_the_folder(tmp_path: Path) -> None:
    app = make_static_app(tmp_path)
    (tmp_path / "secret.txt").write_text("secret", encoding="utf-8")
    response = Client(app).get("/static/../secret.txt")
    assert response.status_code == 404
    assert b"secret" not in response.data


def test_no_static_folder_means_no_static_route(tmp_path: Path) -> None:
    app = Erlen("erlen_test_static", root_path=str(tmp_path), static_folder=None)
    assert not app.has_static_folder
    assert app.static_url_path is None
    assert "static" not in app.view_functions
    with pytest.raises(RuntimeError, match="has no static folder"):
        app.send_static_file("hello.txt")


def test_static_host_serves_static_files_on_that_host_only(tmp_path: Path) -> None:
    app = make_static_app(tmp_path, static_host="cdn.example.test", host_matching=True)
    client = Client(app)
    with client.get(
        "/static/hello.txt", headers={"Host": "cdn.example.test"}
    ) as served:
        assert served.get_data(as_text=True) == "hello static"
    other = client.get("/static/hello.txt", headers={"Host": "www.example.test"})
    assert other.status_code == 404


@pytest.mark.parametrize(
    "options",
    [{"static_host": "cdn.example.test"}, {"host_matching": True}],
    ids=["static_host-without-host_matching", "host_matching-without-static_host"],
)
def test_static_host_and_host_matching_must_come_together(
    tmp_path: Path, options: dict[str, object]
) -> None:
    with pytest.raises(ValueError, match="'static_host' exactly when 'host_matching'"):
        Erlen("erlen_test_static", root_path=str(tmp_path), **options)  # type: ignore[arg-type]
    # Also an AssertionError, as Flask raises there.
    with pytest.raises(AssertionError):
        Erlen("erlen_test_static", root_path=str(tmp_path), **options)  # type: ignore[arg-type]


def test_host_matching_without_static_folder_needs_no_static_host(
    tmp_path: Path,
) -> None:
    app = Erlen(
        "erlen_test_static",
        root_path=str(tmp_path),
        static_folder=None,
        host_matching=True,
    )
    app.add_url_rule("/", "index", lambda: "on api", host="api.example.test")
    assert Client(app).get("/", headers={"Host": "api.example.test"}).data == b"on api"


# --- folders and paths --------------------------------------------------------


def test_template_folder_is_kept_relative_to_root_path(tmp_path: Path) -> None:
    default = Erlen("erlen_test_folders", root_path=str(tmp_path))
    custom = Erlen(
        "erlen_test_folders", root_path=str(tmp_path), template_folder="views"
    )
    none = Erlen("erlen_test_folders", root_path=str(tmp_path), template_folder=None)
    assert default.template_folder == "templates"
    assert custom.template_folder == "views"
    assert none.template_folder is None


def test_root_path_defaults_to_the_folder_of_the_import_name() -> None:
    app = Erlen(__name__)
    assert app.root_path == os.path.dirname(os.path.abspath(__file__))


def test_root_path_argument_wins_over_the_import_name(tmp_path: Path) -> None:
    app = Erlen(__name__, root_path=str(tmp_path))
    assert app.root_path == str(tmp_path)
    assert app.config.root_path == str(tmp_path)


def test_relative_instance_path_is_refused(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="'instance_path' must be absolute"):
        Erlen("erlen_test_folders", root_path=str(tmp_path), instance_path="instance")


def test_absolute_instance_path_is_kept(tmp_path: Path) -> None:
    instance = str(tmp_path / "deploy")
    app = Erlen("erlen_test_folders", root_path=str(tmp_path), instance_path=instance)
    assert app.instance_path == instance


def test_instance_folder_sits_beside_a_module(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "erlen_test_module_app.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    app = Erlen("erlen_test_module_app")
    assert app.instance_path == os.path.join(str(tmp_path), "instance")


def test_instance_folder_sits_beside_a_package_not_inside_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    package = tmp_path / "erlen_test_package_app"
    (package / "views").mkdir(parents=True)
    (package / "__init__.py").write_text("", encoding="utf-8")
    (package / "views" / "__init__.py").write_text("", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    app = Erlen("erlen_test_package_app.views")
    assert app.instance_path == os.path.join(str(tmp_path), "instance")


def test_instance_folder_of_an_installed_package_is_under_the_prefix() -> None:
    # Werkzeug is a real, non-editable install in the test environment.
    purelib = os.path.normcase(sysconfig.get_paths()["purelib"])
    import werkzeug

    assert (
        os.path.normcase(os.path.dirname(os.path.dirname(werkzeug.__file__))) == purelib
    )
    app = Erlen("werkzeug")
    assert app.instance_path == os.path.join(sys.prefix, "var", "werkzeug-instance")


def test_instance_relative_config_loads_files_from_the_instance_folder(
    tmp_path: Path,
) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    (instance / "settings.py").write_text(
        "SECRET_KEY = 'from instance'\n", encoding="utf-8"
    )
    (tmp_path / "settings.py").write_text(
        "SECRET_KEY = 'from root'\n", encoding="utf-8"
    )
    app = Erlen(
        "erlen_test_folders",
        root_path=str(tmp_path),
        instance_path=str(instance),
        instance_relative_config=True,
    )
    app.config.from_pyfile("settings.py")
    assert app.config["SECRET_KEY"] == "from instance"


def test_config_is_relative_to_root_path_by_default(tmp_path: Path) -> None:
    (tmp_path / "settings.py").write_text(
        "SECRET_KEY = 'from root'\n", encoding="utf-8"
    )
    app = Erlen(
        "erlen_test_folders", root_path=str(tmp_path), instance_path=str(tmp_path / "i")
    )
    app.config.from_pyfile("settings.py")
    assert app.config["SECRET_KEY"] == "from root"


# --- name and extensions ------------------------------------------------------


def test_name_is_the_import_name(tmp_path: Path) -> None:
    assert Erlen("shop.web", root_path=str(tmp_path)).name == "shop.web"


def _run_python(tmp_path: Path, *args: str) -> str:
    result = subprocess.run(
        [sys.executable, *args],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout.strip()


_PRINT_NAME = "from erlen import Erlen; print(Erlen('__main__').name)"


def test_name_of_a_main_script_is_the_script_file_name(tmp_path: Path) -> None:
    script = tmp_path / "shopfront.py"
    script.write_text(_PRINT_NAME + "\n", encoding="utf-8")
    assert _run_python(tmp_path, str(script)) == "shopfront"


def test_name_of_main_without_a_file_stays_main(tmp_path: Path) -> None:
    assert _run_python(tmp_path, "-c", _PRINT_NAME) == "__main__"


def test_extensions_start_empty_and_belong_to_one_app(tmp_path: Path) -> None:
    first = Erlen("erlen_test_ext", root_path=str(tmp_path))
    second = Erlen("erlen_test_ext", root_path=str(tmp_path))
    first.extensions["cache"] = object()
    assert second.extensions == {}
    assert "cache" in first.extensions


# --- logger -------------------------------------------------------------------


def test_logger_is_the_logging_logger_named_after_the_app(
    tmp_path: Path, app_name: str
) -> None:
    app = Erlen(app_name, root_path=str(tmp_path))
    assert app.logger is logging.getLogger(app_name)
    assert app.logger.name == app.name


def test_default_handler_is_added_when_nothing_would_show_errors(
    tmp_path: Path, app_name: str
) -> None:
    from erlen.logging import default_handler

    logging.getLogger(app_name).propagate = False
    app = Erlen(app_name, root_path=str(tmp_path))
    assert app.logger.handlers == [default_handler]


def test_default_handler_is_not_added_when_a_handler_would_emit(
    tmp_path: Path, app_name: str
) -> None:
    logger = logging.getLogger(app_name)
    logger.propagate = False
    existing = logging.StreamHandler(io.StringIO())
    logger.addHandler(existing)
    app = Erlen(app_name, root_path=str(tmp_path))
    assert app.logger.handlers == [existing]


def test_default_handler_is_added_when_the_only_handler_is_too_strict(
    tmp_path: Path, app_name: str
) -> None:
    from erlen.logging import default_handler

    logger = logging.getLogger(app_name)
    logger.propagate = False
    critical_only = logging.StreamHandler(io.StringIO())
    critical_only.setLevel(logging.CRITICAL)
    logger.addHandler(critical_only)
    app = Erlen(app_name, root_path=str(tmp_path))
    assert app.logger.handlers == [critical_only, default_handler]


def test_debug_mode_sets_the_logger_to_debug(tmp_path: Path, app_name: str) -> None:
    app = Erlen(app_name, root_path=str(tmp_path))
    app.debug = True
    assert app.logger.level == logging.DEBUG


def test_debug_mode_keeps_a_level_the_user_set(tmp_path: Path, app_name: str) -> None:
    logging.getLogger(app_name).setLevel(logging.ERROR)
    app = Erlen(app_name, root_path=str(tmp_path))
    app.debug = True
    assert app.logger.level == logging.ERROR


def test_logger_level_is_untouched_outside_debug(
    tmp_path: Path, app_name: str, clean_env: pytest.MonkeyPatch
) -> None:
    app = Erlen(app_name, root_path=str(tmp_path))
    assert app.logger.level == logging.NOTSET


def test_unhandled_error_is_logged_with_path_and_method(
    tmp_path: Path, app_name: str, caplog: pytest.LogCaptureFixture
) -> None:
    app = Erlen(app_name, root_path=str(tmp_path))

    @app.post("/orders")
    def create_order() -> str:
        raise ZeroDivisionError("no stock")

    response = Client(app).post("/orders")
    assert response.status_code == 500
    (record,) = [r for r in caplog.records if r.name == app_name]
    assert record.levelno == logging.ERROR
    assert record.getMessage() == "Exception on /orders [POST]"
    assert record.exc_info is not None
    assert isinstance(record.exc_info[1], ZeroDivisionError)


def test_default_handler_writes_to_the_wsgi_error_stream(
    tmp_path: Path, app_name: str
) -> None:
    logging.getLogger(app_name).propagate = False
    app = Erlen(app_name, root_path=str(tmp_path))

    @app.get("/boom")
    def boom() -> str:
        raise ZeroDivisionError("no stock")

    server_log = io.StringIO()
    response = Client(app).get("/boom", errors_stream=server_log)
    assert response.status_code == 500
    text = server_log.getvalue()
    assert "ERROR in app: Exception on /boom [GET]" in text
    assert "ZeroDivisionError: no stock" in text


# --- debug flag ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("1", True),
        ("true", True),
        ("0", False),
        ("false", False),
        ("no", False),
        ("", False),
    ],
)
def test_debug_flag_comes_from_erlen_debug(
    tmp_path: Path, clean_env: pytest.MonkeyPatch, value: str, expected: bool
) -> None:
    clean_env.setenv("ERLEN_DEBUG", value)
    app = Erlen("erlen_test_debug", root_path=str(tmp_path))
    assert app.debug is expected
    assert app.config["DEBUG"] is expected


def test_debug_is_off_without_the_environment_variable(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("FLASK_DEBUG", "1")
    app = Erlen("erlen_test_debug", root_path=str(tmp_path))
    assert app.debug is False


def test_debug_setter_writes_the_config_key(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    app = Erlen("erlen_test_debug", root_path=str(tmp_path))
    app.debug = True
    assert app.config["DEBUG"] is True
    app.config["DEBUG"] = False
    assert app.debug is False


# --- config -------------------------------------------------------------------


def test_config_has_flasks_default_keys(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    config = Erlen("erlen_test_config", root_path=str(tmp_path)).config
    expected = {
        "DEBUG": False,
        "TESTING": False,
        "PROPAGATE_EXCEPTIONS": None,
        "SECRET_KEY": None,
        "PERMANENT_SESSION_LIFETIME": timedelta(days=31),
        "MAX_CONTENT_LENGTH": None,
        "MAX_FORM_MEMORY_SIZE": 500_000,
        "MAX_FORM_PARTS": 1_000,
        "TRUSTED_HOSTS": None,
        "SERVER_NAME": None,
        "APPLICATION_ROOT": "/",
        "PREFERRED_URL_SCHEME": "http",
        "TRAP_HTTP_EXCEPTIONS": False,
        "TRAP_BAD_REQUEST_ERRORS": None,
        "SEND_FILE_MAX_AGE_DEFAULT": None,
        "PROVIDE_AUTOMATIC_OPTIONS": True,
        "SESSION_COOKIE_NAME": "session",
        "MAX_COOKIE_SIZE": 4093,
    }
    assert {key: config[key] for key in expected} == expected


def test_changing_one_apps_config_leaves_the_defaults_alone(tmp_path: Path) -> None:
    first = Erlen("erlen_test_config", root_path=str(tmp_path))
    first.config["MAX_FORM_PARTS"] = 5
    second = Erlen("erlen_test_config", root_path=str(tmp_path))
    assert second.config["MAX_FORM_PARTS"] == 1_000
    assert Erlen.default_config["MAX_FORM_PARTS"] == 1_000


def test_config_attributes_mirror_their_keys(tmp_path: Path) -> None:
    app = Erlen("erlen_test_config", root_path=str(tmp_path))
    app.testing = True
    app.secret_key = "s3cret"
    app.config["PERMANENT_SESSION_LIFETIME"] = 60
    assert app.config["TESTING"] is True
    assert app.config["SECRET_KEY"] == "s3cret"
    assert app.permanent_session_lifetime == timedelta(seconds=60)


def test_from_prefixed_env_reads_erlen_variables(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("ERLEN_SECRET_KEY", "from-env")
    clean_env.setenv("ERLEN_MAX_CONTENT_LENGTH", "1024")
    clean_env.setenv("ERLEN_TRUSTED_HOSTS", '["example.test"]')
    clean_env.setenv("FLASK_SERVER_NAME", "flask.test")
    app = Erlen("erlen_test_config", root_path=str(tmp_path))
    app.config.from_prefixed_env()
    assert app.config["SECRET_KEY"] == "from-env"
    assert app.config["MAX_CONTENT_LENGTH"] == 1024
    assert app.config["TRUSTED_HOSTS"] == ["example.test"]
    assert app.config["SERVER_NAME"] is None


def test_config_from_the_environment_limits_requests(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("ERLEN_MAX_CONTENT_LENGTH", "10")
    app = Erlen("erlen_test_config", root_path=str(tmp_path))
    app.config.from_prefixed_env()

    @app.post("/upload")
    def upload() -> str:
        from erlen import request

        return str(len(request.get_data()))

    client = Client(app)
    assert client.post("/upload", data=b"x" * 10).data == b"10"
    assert client.post("/upload", data=b"x" * 11).status_code == 413


# --- setup after the first request --------------------------------------------


def _noop(*args: object) -> None:
    return None


#: One call of each kind of setup method, by the method's name.
SETUP_CALLS: dict[str, t.Callable[[Erlen], object]] = {
    "route": lambda app: app.route("/late")(_noop),
    "add_url_rule": lambda app: app.add_url_rule("/late", "late", _noop),
    "before_request": lambda app: app.before_request(_noop),
    "after_request": lambda app: app.after_request(_noop),
    "teardown_request": lambda app: app.teardown_request(_noop),
    "teardown_appcontext": lambda app: app.teardown_appcontext(_noop),
    "errorhandler": lambda app: app.errorhandler(404)(_noop),
    "register_error_handler": lambda app: app.register_error_handler(KeyError, _noop),
    "url_value_preprocessor": lambda app: app.url_value_preprocessor(_noop),
    "url_defaults": lambda app: app.url_defaults(_noop),
    "template_filter": lambda app: app.template_filter()(_noop),
    "register_blueprint": lambda app: app.register_blueprint(
        Blueprint("late", __name__)
    ),
}


@pytest.mark.parametrize("method", sorted(SETUP_CALLS))
def test_setup_after_the_first_request_is_refused(tmp_path: Path, method: str) -> None:
    app = Erlen("erlen_test_setup", root_path=str(tmp_path))
    app.add_url_rule("/", "index", lambda: "ok")
    assert Client(app).get("/").status_code == 200
    with pytest.raises(AssertionError) as info:
        SETUP_CALLS[method](app)
    message = str(info.value)
    assert f"'{method}'" in message
    assert "already handled its first request" in message
    assert "before running it" in message


def test_setup_before_any_request_is_allowed(tmp_path: Path) -> None:
    app = Erlen("erlen_test_setup", root_path=str(tmp_path))
    for call in SETUP_CALLS.values():
        call(app)
    assert "late" in app.blueprints


def test_a_not_found_request_also_ends_setup(tmp_path: Path) -> None:
    app = Erlen("erlen_test_setup", root_path=str(tmp_path))
    assert Client(app).get("/missing").status_code == 404
    with pytest.raises(AssertionError, match="'before_request'"):
        app.before_request(lambda: None)


# --- resources ----------------------------------------------------------------


def test_open_resource_reads_relative_to_root_path(tmp_path: Path) -> None:
    (tmp_path / "schema.sql").write_text("CREATE TABLE café;", encoding="utf-8")
    app = Erlen("erlen_test_files", root_path=str(tmp_path))
    with app.open_resource("schema.sql") as f:
        assert f.read() == "CREATE TABLE café;".encode()
    with app.open_resource("schema.sql", "r") as f:
        assert f.read() == "CREATE TABLE café;"
    with app.open_resource("schema.sql", "rt", encoding="latin-1") as f:
        assert f.read() == "CREATE TABLE cafÃ©;"


@pytest.mark.parametrize("mode", ["w", "wb", "a", "r+"])
def test_open_resource_refuses_to_write(tmp_path: Path, mode: str) -> None:
    app = Erlen("erlen_test_files", root_path=str(tmp_path))
    with pytest.raises(ValueError, match="open_instance_resource"):
        app.open_resource("schema.sql", mode)
    assert not (tmp_path / "schema.sql").exists()


def test_open_instance_resource_writes_and_reads_in_the_instance_folder(
    tmp_path: Path,
) -> None:
    instance = tmp_path / "instance"
    instance.mkdir()
    app = Erlen(
        "erlen_test_files", root_path=str(tmp_path), instance_path=str(instance)
    )
    with app.open_instance_resource("notes.txt", "w") as f:
        f.write("grüße\n")
    with app.open_instance_resource("notes.txt", "a") as f:
        f.write("more\n")
    assert (instance / "notes.txt").read_bytes() == "grüße\nmore\n".encode()
    with app.open_instance_resource("notes.txt", "r") as f:
        assert f.read() == "grüße\nmore\n"
    with app.open_instance_resource("notes.txt") as f:
        assert f.read() == "grüße\nmore\n".encode()
    assert not (tmp_path / "notes.txt").exists()


def test_open_instance_resource_honours_the_encoding(tmp_path: Path) -> None:
    app = Erlen(
        "erlen_test_files", root_path=str(tmp_path), instance_path=str(tmp_path)
    )
    with app.open_instance_resource("legacy.txt", "w", encoding="latin-1") as f:
        f.write("é")
    assert (tmp_path / "legacy.txt").read_bytes() == b"\xe9"
    with app.open_instance_resource("data.bin", "wb") as f:
        f.write(b"\x00\xff")
    assert (tmp_path / "data.bin").read_bytes() == b"\x00\xff"


def test_open_instance_resource_of_a_missing_file_raises(tmp_path: Path) -> None:
    app = Erlen(
        "erlen_test_files", root_path=str(tmp_path), instance_path=str(tmp_path)
    )
    with pytest.raises(FileNotFoundError):
        app.open_instance_resource("missing.cfg")


def test_app_repr_names_the_app(tmp_path: Path) -> None:
    assert repr(Erlen("shop", root_path=str(tmp_path))) == "<Erlen 'shop'>"


def test_instance_folder_of_a_script_sits_beside_it(tmp_path: Path) -> None:
    script = tmp_path / "standalone.py"
    script.write_text(
        textwrap.dedent(
            """
            from erlen import Erlen
            print(Erlen(__name__).instance_path)
            """
        ),
        encoding="utf-8",
    )
    assert _run_python(tmp_path, str(script)) == os.path.join(str(tmp_path), "instance")


def test_shell_context_holds_app_g_and_processor_values() -> None:
    app = Erlen(__name__)

    @app.shell_context_processor
    def extra() -> dict[str, object]:
        return {"answer": 42}

    with app.app_context():
        context = app.make_shell_context()
        context["g"].marker = "set"
        assert g.marker == "set"

    assert context["app"] is app
    assert context["answer"] == 42
