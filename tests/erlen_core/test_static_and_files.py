"""Sending files: send_file, send_from_directory and the static route."""

from __future__ import annotations

import io
import typing as t
from datetime import timedelta
from pathlib import Path

import pytest
from werkzeug.test import Client
from werkzeug.test import TestResponse

from erlen import Erlen
from erlen import send_file
from erlen import send_from_directory
from erlen import url_for


def get(client: Client, url: str, **kwargs: t.Any) -> TestResponse:
    """GET ``url``, buffered: the file is read and closed as a server would."""
    return client.get(url, buffered=True, **kwargs)


@pytest.fixture
def root(tmp_path: Path) -> Path:
    """An app folder with static files, a downloads folder and a secret beside them."""
    (tmp_path / "static").mkdir()
    (tmp_path / "static" / "style.css").write_text("body { color: red }")
    (tmp_path / "static" / "sub").mkdir()
    (tmp_path / "static" / "sub" / "app.js").write_text("let x = 1;")
    (tmp_path / "downloads").mkdir()
    (tmp_path / "downloads" / "report.txt").write_text("quarterly report")
    (tmp_path / "secret.txt").write_text("top secret")
    return tmp_path


@pytest.fixture
def app(root: Path) -> Erlen:
    app = Erlen(__name__, root_path=str(root))
    app.testing = True

    @app.route("/downloads/<path:name>")
    def download(name: str) -> object:
        return send_from_directory(root / "downloads", name)

    return app


@pytest.fixture
def client(app: Erlen) -> Client:
    return Client(app)


# --- the static route --------------------------------------------------------


def test_static_route_serves_files(client: Client) -> None:
    response = get(client, "/static/style.css")
    assert response.status_code == 200
    assert response.mimetype == "text/css"
    assert response.text == "body { color: red }"
    assert get(client, "/static/sub/app.js").text == "let x = 1;"


def test_static_url_for(app: Erlen) -> None:
    with app.test_request_context():
        assert url_for("static", filename="sub/app.js") == "/static/sub/app.js"


def test_static_missing_file_is_404(client: Client) -> None:
    assert get(client, "/static/missing.css").status_code == 404


@pytest.mark.parametrize(
    "url",
    [
        "/static/..%2Fsecret.txt",
        "/static/sub/..%2F..%2Fsecret.txt",
        "/static/%2E%2E/secret.txt",
    ],
)
def test_static_refuses_paths_outside_the_folder(client: Client, url: str) -> None:
    response = get(client, url)
    assert response.status_code == 404
    assert b"top secret" not in response.data


def test_static_default_cache_revalidates(client: Client) -> None:
    response = get(client, "/static/style.css")
    assert response.cache_control.max_age is None
    assert response.cache_control.no_cache


def test_static_max_age_from_config(app: Erlen, client: Client) -> None:
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 3600
    response = get(client, "/static/style.css")
    assert response.cache_control.max_age == 3600
    assert response.cache_control.public
    assert response.expires is not None


def test_static_max_age_as_timedelta(app: Erlen, client: Client) -> None:
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = timedelta(hours=2)
    assert get(client, "/static/style.css").cache_control.max_age == 7200


def test_get_send_file_max_age_can_be_overridden(root: Path) -> None:
    class LongCacheForJs(Erlen):
        def get_send_file_max_age(self, filename: str | None) -> int | None:
            if filename is not None and filename.endswith(".js"):
                return 86400
            return super().get_send_file_max_age(filename)

    client = Client(LongCacheForJs(__name__, root_path=str(root)))
    assert get(client, "/static/sub/app.js").cache_control.max_age == 86400
    assert get(client, "/static/style.css").cache_control.max_age is None


def test_static_conditional_request_is_304(client: Client) -> None:
    first = get(client, "/static/style.css")
    etag = first.headers["ETag"]
    again = get(client, "/static/style.css", headers={"If-None-Match": etag})
    assert again.status_code == 304
    assert again.data == b""
    other = get(client, "/static/style.css", headers={"If-None-Match": '"other"'})
    assert other.status_code == 200


def test_static_if_modified_since_is_304(client: Client) -> None:
    first = get(client, "/static/style.css")
    since = first.headers["Last-Modified"]
    again = get(client, "/static/style.css", headers={"If-Modified-Since": since})
    assert again.status_code == 304


def test_static_range_request(client: Client) -> None:
    response = get(client, "/static/style.css", headers={"Range": "bytes=0-3"})
    assert response.status_code == 206
    assert response.data == b"body"


def test_static_url_path_argument(root: Path) -> None:
    app = Erlen(__name__, root_path=str(root), static_url_path="/assets")
    client = Client(app)
    assert get(client, "/assets/style.css").status_code == 200
    assert get(client, "/static/style.css").status_code == 404
    with app.test_request_context():
        assert url_for("static", filename="style.css") == "/assets/style.css"


def test_static_url_path_empty_serves_from_root(root: Path) -> None:
    app = Erlen(__name__, root_path=str(root), static_url_path="")
    assert get(Client(app), "/style.css").status_code == 200


def test_static_folder_argument(root: Path) -> None:
    (root / "public").mkdir()
    (root / "public" / "robots.txt").write_text("User-agent: *")
    app = Erlen(__name__, root_path=str(root), static_folder="public")
    assert app.static_folder == str(root / "public")
    client = Client(app)
    assert get(client, "/public/robots.txt").text == "User-agent: *"
    assert get(client, "/static/style.css").status_code == 404


def test_static_folder_absolute_path(root: Path) -> None:
    app = Erlen(
        __name__, static_folder=str(root / "downloads"), static_url_path="/files"
    )
    assert get(Client(app), "/files/report.txt").text == "quarterly report"


def test_static_files_served_only_from_static_host(root: Path) -> None:
    app = Erlen(
        __name__, root_path=str(root), host_matching=True, static_host="cdn.test"
    )
    client = Client(app)
    response = get(client, "/static/style.css", base_url="http://cdn.test")
    assert response.text == "body { color: red }"
    assert (
        get(client, "/static/style.css", base_url="http://www.test").status_code == 404
    )


def test_static_folder_none_has_no_static_route(root: Path) -> None:
    app = Erlen(__name__, root_path=str(root), static_folder=None)
    assert not app.has_static_folder
    assert app.static_url_path is None
    assert "static" not in app.view_functions
    assert get(Client(app), "/static/style.css").status_code == 404


def test_send_static_file_without_folder_explains(root: Path) -> None:
    app = Erlen(__name__, root_path=str(root), static_folder=None)
    with app.test_request_context():
        with pytest.raises(RuntimeError, match="no static folder"):
            app.send_static_file("style.css")


# --- send_from_directory -----------------------------------------------------


def test_send_from_directory_serves_file(client: Client) -> None:
    response = get(client, "/downloads/report.txt")
    assert response.status_code == 200
    assert response.mimetype == "text/plain"
    assert response.text == "quarterly report"


def test_send_from_directory_missing_file_is_404(client: Client) -> None:
    assert get(client, "/downloads/nothing.txt").status_code == 404


@pytest.mark.parametrize(
    "url", ["/downloads/..%2Fsecret.txt", "/downloads/%2E%2E/secret.txt"]
)
def test_send_from_directory_refuses_escape_from_url(client: Client, url: str) -> None:
    response = get(client, url)
    assert response.status_code == 404
    assert b"top secret" not in response.data


@pytest.mark.parametrize("name", ["../secret.txt", "sub/../../secret.txt"])
def test_send_from_directory_refuses_relative_escape(
    app: Erlen, root: Path, name: str
) -> None:
    with app.test_request_context():
        with pytest.raises(Exception) as info:
            send_from_directory(root / "downloads", name)
    assert getattr(info.value, "code", None) == 404


def test_send_from_directory_refuses_absolute_path(app: Erlen, root: Path) -> None:
    with app.test_request_context():
        with pytest.raises(Exception) as info:
            send_from_directory(root / "downloads", str(root / "secret.txt"))
    assert getattr(info.value, "code", None) == 404


def test_send_from_directory_relative_directory_uses_root_path(app: Erlen) -> None:
    @app.route("/rel/<path:name>")
    def relative(name: str) -> object:
        return send_from_directory("downloads", name)

    assert get(Client(app), "/rel/report.txt").text == "quarterly report"


def test_send_from_directory_as_attachment(app: Erlen, root: Path) -> None:
    @app.route("/attach")
    def attach() -> object:
        return send_from_directory(root / "downloads", "report.txt", as_attachment=True)

    response = get(Client(app), "/attach")
    assert response.headers["Content-Disposition"] == "attachment; filename=report.txt"


def test_send_from_directory_conditional_304(client: Client) -> None:
    etag = get(client, "/downloads/report.txt").headers["ETag"]
    response = get(client, "/downloads/report.txt", headers={"If-None-Match": etag})
    assert response.status_code == 304


def test_send_from_directory_follows_max_age_config(app: Erlen, client: Client) -> None:
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 60
    assert get(client, "/downloads/report.txt").cache_control.max_age == 60


# --- send_file ---------------------------------------------------------------


def test_send_file_relative_to_root_path(app: Erlen) -> None:
    @app.route("/secret")
    def secret() -> object:
        return send_file("secret.txt")

    response = get(Client(app), "/secret")
    assert response.text == "top secret"
    assert response.mimetype == "text/plain"


def test_send_file_from_file_object(app: Erlen) -> None:
    @app.route("/generated")
    def generated() -> object:
        data = io.BytesIO(b"a,b\n1,2\n")
        return send_file(
            data, mimetype="text/csv", as_attachment=True, download_name="t.csv"
        )

    response = get(Client(app), "/generated")
    assert response.mimetype == "text/csv"
    assert response.data == b"a,b\n1,2\n"
    assert response.headers["Content-Disposition"] == "attachment; filename=t.csv"


def test_send_file_object_without_name_or_mimetype_is_error(app: Erlen) -> None:
    with app.test_request_context():
        with pytest.raises(TypeError, match="mimetype"):
            send_file(io.BytesIO(b"x"))


def test_send_file_download_name_sets_mimetype(app: Erlen) -> None:
    @app.route("/named")
    def named() -> object:
        return send_file(io.BytesIO(b"{}"), download_name="data.json")

    response = get(Client(app), "/named")
    assert response.mimetype == "application/json"
    assert response.headers["Content-Disposition"] == "inline; filename=data.json"


def test_send_file_missing_path_is_file_not_found(app: Erlen) -> None:
    with app.test_request_context():
        with pytest.raises(FileNotFoundError):
            send_file("no-such-file.txt")


def test_send_file_conditional_with_etag(app: Erlen) -> None:
    @app.route("/secret")
    def secret() -> object:
        return send_file("secret.txt")

    client = Client(app)
    etag = get(client, "/secret").headers["ETag"]
    assert get(client, "/secret", headers={"If-None-Match": etag}).status_code == 304


def test_send_file_custom_etag_and_no_conditional(app: Erlen) -> None:
    @app.route("/fixed")
    def fixed() -> object:
        return send_file("secret.txt", etag="v1", conditional=False)

    client = Client(app)
    response = get(client, "/fixed")
    assert response.headers["ETag"] == '"v1"'
    assert get(client, "/fixed", headers={"If-None-Match": '"v1"'}).status_code == 200


def test_send_file_explicit_max_age_wins(app: Erlen) -> None:
    app.config["SEND_FILE_MAX_AGE_DEFAULT"] = 60

    @app.route("/secret")
    def secret() -> object:
        return send_file("secret.txt", max_age=5)

    assert get(Client(app), "/secret").cache_control.max_age == 5


def test_send_file_needs_a_request(app: Erlen) -> None:
    with app.app_context():
        with pytest.raises(RuntimeError, match="need an active request"):
            send_file("secret.txt")
    with pytest.raises(RuntimeError, match="need an active request"):
        send_from_directory("downloads", "report.txt")


def test_use_x_sendfile(app: Erlen, root: Path) -> None:
    app.config["USE_X_SENDFILE"] = True

    @app.route("/secret")
    def secret() -> object:
        return send_file("secret.txt")

    response = get(Client(app), "/secret")
    assert response.headers["X-Sendfile"] == str(root / "secret.txt")
    assert response.data == b""
