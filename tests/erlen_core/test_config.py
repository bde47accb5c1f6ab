from __future__ import annotations

import errno
import json
import os
import sys
import textwrap
import types
from pathlib import Path

import pytest
from werkzeug.utils import ImportStringError

from erlen.config import Config
from erlen.config import ConfigAttribute

if sys.version_info >= (3, 11):
    import tomllib
else:  # tomllib is new in 3.11; tomli is the same parser, on PyPI
    import tomli as tomllib


@pytest.fixture
def config(tmp_path: Path) -> Config:
    return Config(tmp_path)


def write(path: Path, text: str) -> Path:
    path.write_text(textwrap.dedent(text), encoding="utf-8")
    return path


# --- construction ----------------------------------------------------------


def test_defaults_seed_the_config_and_root_path_is_kept(tmp_path: Path) -> None:
    config = Config(tmp_path, {"DEBUG": False, "SECRET_KEY": None})
    assert config == {"DEBUG": False, "SECRET_KEY": None}
    assert config.root_path == tmp_path
    assert isinstance(config, dict)


def test_changing_config_leaves_the_defaults_dict_alone(tmp_path: Path) -> None:
    defaults = {"DEBUG": False}
    config = Config(tmp_path, defaults)
    config["DEBUG"] = True
    assert defaults == {"DEBUG": False}


def test_no_defaults_gives_an_empty_config(tmp_path: Path) -> None:
    assert Config(tmp_path) == {}


def test_repr_names_the_class_and_shows_the_items(tmp_path: Path) -> None:
    assert repr(Config(tmp_path, {"A": 1})) == "<Config {'A': 1}>"

    class MyConfig(Config):
        pass

    assert repr(MyConfig(tmp_path)) == "<MyConfig {}>"


# --- from_mapping ----------------------------------------------------------


def test_from_mapping_keeps_only_upper_case_keys(config: Config) -> None:
    assert config.from_mapping({"SECRET_KEY": "s", "lower": 1, "Mixed": 2}) is True
    assert config == {"SECRET_KEY": "s"}


def test_from_mapping_accepts_keywords_which_win(config: Config) -> None:
    config.from_mapping({"A": 1, "B": 2}, B=3, C=4, d=5)
    assert config == {"A": 1, "B": 3, "C": 4}


def test_from_mapping_without_arguments_changes_nothing(config: Config) -> None:
    config["A"] = 1
    assert config.from_mapping() is True
    assert config == {"A": 1}


# --- from_object -----------------------------------------------------------


def test_from_object_takes_upper_case_class_attributes(config: Config) -> None:
    class Settings:
        DEBUG = True
        SECRET_KEY = "dev"
        helper = "not config"

        def method(self) -> None: ...

    class Production(Settings):
        DEBUG = False

    config.from_object(Production)
    assert config == {"DEBUG": False, "SECRET_KEY": "dev"}


def test_from_object_imports_a_dotted_string(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("erlen_test_settings")
    module.TESTING = True  # type: ignore[attr-defined]
    module.private = 1  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "erlen_test_settings", module)
    config.from_object("erlen_test_settings")
    assert config == {"TESTING": True}


def test_from_object_imports_an_attribute_by_string(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    module = types.ModuleType("erlen_test_settings")

    class Production:
        ENV = "production"

    module.Production = Production  # type: ignore[attr-defined]
    monkeypatch.setitem(sys.modules, "erlen_test_settings", module)
    config.from_object("erlen_test_settings.Production")
    assert config == {"ENV": "production"}


def test_from_object_with_a_bad_import_string_raises(config: Config) -> None:
    with pytest.raises(ImportStringError):
        config.from_object("erlen_no_such_module_anywhere.Settings")
    assert config == {}


# --- from_pyfile -----------------------------------------------------------


def test_from_pyfile_runs_the_file_relative_to_root_path(
    tmp_path: Path, config: Config
) -> None:
    write(
        tmp_path / "settings.cfg",
        """
        import os
        SECRET_KEY = "from file"
        PORT = 4000 + 1
        PATH_SEP = os.sep
        helper = "skipped"
        """,
    )
    assert config.from_pyfile("settings.cfg") is True
    assert config == {"SECRET_KEY": "from file", "PORT": 4001, "PATH_SEP": os.sep}


def test_from_pyfile_sets_dunder_file_to_the_loaded_path(
    tmp_path: Path, config: Config
) -> None:
    write(tmp_path / "settings.py", "HERE = __file__\n")
    config.from_pyfile("settings.py")
    assert config["HERE"] == os.path.join(tmp_path, "settings.py")


def test_from_pyfile_accepts_an_absolute_path_like(
    tmp_path: Path, config: Config
) -> None:
    other = tmp_path / "elsewhere"
    other.mkdir()
    path = write(other / "settings.py", "DEBUG = True\n")
    config.from_pyfile(path)
    assert config["DEBUG"] is True


def test_from_pyfile_missing_file_raises_with_path_and_reason(
    tmp_path: Path, config: Config
) -> None:
    with pytest.raises(FileNotFoundError) as info:
        config.from_pyfile("missing.cfg")
    assert info.value.errno == errno.ENOENT
    message = str(info.value)
    assert "Unable to load configuration file" in message
    assert os.path.join(tmp_path, "missing.cfg") in message


def test_from_pyfile_missing_file_is_skipped_when_silent(config: Config) -> None:
    assert config.from_pyfile("missing.cfg", silent=True) is False
    assert config == {}


def test_from_pyfile_directory_is_skipped_when_silent(
    tmp_path: Path, config: Config
) -> None:
    (tmp_path / "conf.d").mkdir()
    assert config.from_pyfile("conf.d", silent=True) is False


def test_from_pyfile_silent_forgives_only_missing_files(config: Config) -> None:
    # A name too long for the filesystem is a real error, not a missing file.
    with pytest.raises(OSError, match="Unable to load configuration file") as info:
        config.from_pyfile("x" * 300 + ".cfg", silent=True)
    assert info.value.errno == errno.ENAMETOOLONG


def test_from_pyfile_errors_in_the_file_propagate_even_when_silent(
    tmp_path: Path, config: Config
) -> None:
    write(tmp_path / "broken.py", "DEBUG = (\n")
    with pytest.raises(SyntaxError):
        config.from_pyfile("broken.py", silent=True)
    write(tmp_path / "raises.py", "A = 1\nraise ValueError('bad setting')\n")
    with pytest.raises(ValueError, match="bad setting"):
        config.from_pyfile("raises.py", silent=True)
    assert "A" not in config


# --- from_envvar -----------------------------------------------------------


def test_from_envvar_loads_the_file_the_variable_names(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = write(tmp_path / "prod.cfg", "SECRET_KEY = 'prod'\n")
    monkeypatch.setenv("ERLEN_TEST_SETTINGS", str(path))
    assert config.from_envvar("ERLEN_TEST_SETTINGS") is True
    assert config["SECRET_KEY"] == "prod"


@pytest.mark.parametrize("value", [None, ""])
def test_from_envvar_unset_raises_an_explanation(
    config: Config, monkeypatch: pytest.MonkeyPatch, value: str | None
) -> None:
    if value is None:
        monkeypatch.delenv("ERLEN_TEST_SETTINGS", raising=False)
    else:
        monkeypatch.setenv("ERLEN_TEST_SETTINGS", value)
    with pytest.raises(RuntimeError) as info:
        config.from_envvar("ERLEN_TEST_SETTINGS")
    message = str(info.value)
    assert "'ERLEN_TEST_SETTINGS'" in message
    assert "is not set" in message
    assert "silent=True" in message


def test_from_envvar_unset_is_skipped_when_silent(
    config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("ERLEN_TEST_SETTINGS", raising=False)
    assert config.from_envvar("ERLEN_TEST_SETTINGS", silent=True) is False


def test_from_envvar_pointing_at_a_missing_file(
    tmp_path: Path, config: Config, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ERLEN_TEST_SETTINGS", str(tmp_path / "gone.cfg"))
    with pytest.raises(OSError, match="Unable to load configuration file"):
        config.from_envvar("ERLEN_TEST_SETTINGS")
    assert config.from_envvar("ERLEN_TEST_SETTINGS", silent=True) is False


# --- from_prefixed_env -----------------------------------------------------


def test_from_prefixed_env_strips_the_prefix_and_parses_json(
    config: Config, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("ERLEN_STRING", "plain text")
    clean_env.setenv("ERLEN_QUOTED", '"quoted"')
    clean_env.setenv("ERLEN_INT", "42")
    clean_env.setenv("ERLEN_BOOL", "true")
    clean_env.setenv("ERLEN_LIST", "[1, 2]")
    clean_env.setenv("ERLEN_NULL", "null")
    clean_env.setenv("OTHER_KEY", "ignored")
    clean_env.setenv("ERLENX_KEY", "ignored")
    assert config.from_prefixed_env() is True
    assert config == {
        "STRING": "plain text",
        "QUOTED": "quoted",
        "INT": 42,
        "BOOL": True,
        "LIST": [1, 2],
        "NULL": None,
    }


def test_from_prefixed_env_custom_prefix_and_loads(
    config: Config, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("ERLEN_IGNORED", "1")
    clean_env.setenv("MYAPP_PORT", "8080")
    clean_env.setenv("MYAPP_NAME", "shop")

    def loads(value: str) -> object:
        return int(value)  # raises for "shop", which stays a string

    config.from_prefixed_env("MYAPP", loads=loads)
    assert config == {"PORT": 8080, "NAME": "shop"}


def test_from_prefixed_env_double_underscore_creates_nested_dict(
    config: Config, clean_env: pytest.MonkeyPatch
) -> None:
    clean_env.setenv("ERLEN_DB__HOST", "localhost")
    clean_env.setenv("ERLEN_DB__PORT", "5432")
    clean_env.setenv("ERLEN_A__B__C", "deep")
    config.from_prefixed_env()
    assert config == {
        "DB": {"HOST": "localhost", "PORT": 5432},
        "A": {"B": {"C": "deep"}},
    }


def test_from_prefixed_env_nested_updates_an_existing_dict(
    tmp_path: Path, clean_env: pytest.MonkeyPatch
) -> None:
    config = Config(tmp_path, {"DB": {"HOST": "db", "USER": "app"}})
    clean_env.setenv("ERLEN_DB__HOST", "replica")
    config.from_prefixed_env()
    assert config["DB"] == {"HOST": "replica", "USER": "app"}


def test_from_prefixed_env_applies_variables_in_sorted_order(
    config: Config, clean_env: pytest.MonkeyPatch
) -> None:
    # Set the nested key first: sorting must still apply the whole dict
    # ("ERLEN_DB") before the key inside it ("ERLEN_DB__PORT").
    clean_env.setenv("ERLEN_DB__PORT", "1")
    clean_env.setenv("ERLEN_DB", '{"HOST": "h", "PORT": 0}')
    config.from_prefixed_env()
    assert config["DB"] == {"HOST": "h", "PORT": 1}


# --- from_file -------------------------------------------------------------


def test_from_file_json_relative_to_root_path(tmp_path: Path, config: Config) -> None:
    (tmp_path / "config.json").write_text(
        json.dumps({"SECRET_KEY": "naïve", "lower": 1}), encoding="utf-8"
    )
    assert config.from_file("config.json", load=json.load) is True
    assert config == {"SECRET_KEY": "naïve"}


def test_from_file_reads_text_as_utf8(tmp_path: Path, config: Config) -> None:
    (tmp_path / "config.json").write_bytes('{"NAME": "Zürich"}'.encode())
    config.from_file("config.json", load=json.load)
    assert config["NAME"] == "Zürich"


def test_from_file_toml_in_binary_mode(tmp_path: Path, config: Config) -> None:
    write(
        tmp_path / "config.toml",
        """
        SECRET_KEY = "toml"
        PORT = 8000

        [DATABASE]
        HOST = "db"
        """,
    )
    assert config.from_file("config.toml", load=tomllib.load, text=False) is True
    assert config == {"SECRET_KEY": "toml", "PORT": 8000, "DATABASE": {"HOST": "db"}}


def test_from_file_accepts_an_absolute_path(tmp_path: Path) -> None:
    path = tmp_path / "config.json"
    path.write_text('{"DEBUG": true}', encoding="utf-8")
    config = Config(tmp_path / "unrelated_root")
    config.from_file(path, load=json.load)
    assert config["DEBUG"] is True


def test_from_file_missing_raises_with_path_and_reason(
    tmp_path: Path, config: Config
) -> None:
    with pytest.raises(FileNotFoundError) as info:
        config.from_file("missing.json", load=json.load)
    message = str(info.value)
    assert "Unable to load configuration file" in message
    assert os.path.join(tmp_path, "missing.json") in message


def test_from_file_missing_is_skipped_when_silent(config: Config) -> None:
    assert config.from_file("missing.json", load=json.load, silent=True) is False
    assert config == {}


def test_from_file_bad_content_raises_even_when_silent(
    tmp_path: Path, config: Config
) -> None:
    (tmp_path / "config.json").write_text("{not json", encoding="utf-8")
    with pytest.raises(json.JSONDecodeError):
        config.from_file("config.json", load=json.load, silent=True)


# --- get_namespace ---------------------------------------------------------


@pytest.fixture
def store_config(tmp_path: Path) -> Config:
    return Config(
        tmp_path,
        {
            "IMAGE_STORE_TYPE": "fs",
            "IMAGE_STORE_PATH": "/var/app/images",
            "IMAGE_STORE_BASE_URL": "http://img.website.com",
            "DEBUG": True,
        },
    )


def test_get_namespace_trims_and_lowercases(store_config: Config) -> None:
    assert store_config.get_namespace("IMAGE_STORE_") == {
        "type": "fs",
        "path": "/var/app/images",
        "base_url": "http://img.website.com",
    }


def test_get_namespace_can_keep_case(store_config: Config) -> None:
    assert store_config.get_namespace("IMAGE_STORE_", lowercase=False) == {
        "TYPE": "fs",
        "PATH": "/var/app/images",
        "BASE_URL": "http://img.website.com",
    }


def test_get_namespace_can_keep_the_prefix(store_config: Config) -> None:
    result = store_config.get_namespace("IMAGE_STORE_", trim_namespace=False)
    assert result == {
        "image_store_type": "fs",
        "image_store_path": "/var/app/images",
        "image_store_base_url": "http://img.website.com",
    }


def test_get_namespace_without_matches_is_empty(store_config: Config) -> None:
    assert store_config.get_namespace("MAIL_") == {}


# --- ConfigAttribute -------------------------------------------------------


class FakeApp:
    debug: ConfigAttribute[bool] = ConfigAttribute("DEBUG")
    port: ConfigAttribute[int] = ConfigAttribute("PORT", get_converter=int)

    def __init__(self, config: Config) -> None:
        self.config = config


def test_config_attribute_reads_and_writes_the_config(tmp_path: Path) -> None:
    app = FakeApp(Config(tmp_path, {"DEBUG": False}))
    assert app.debug is False
    app.debug = True
    assert app.config["DEBUG"] is True
    app.config["DEBUG"] = False
    assert app.debug is False


def test_config_attribute_converts_on_read(tmp_path: Path) -> None:
    app = FakeApp(Config(tmp_path, {"PORT": "5000"}))
    assert app.port == 5000
    assert app.config["PORT"] == "5000"


def test_config_attribute_missing_key_raises_key_error(tmp_path: Path) -> None:
    app = FakeApp(Config(tmp_path))
    with pytest.raises(KeyError, match="DEBUG"):
        app.debug  # noqa: B018


def test_config_attribute_on_the_class_is_the_descriptor() -> None:
    descriptor = FakeApp.__dict__["debug"]
    assert FakeApp.debug is descriptor
    assert descriptor.__name__ == "DEBUG"
