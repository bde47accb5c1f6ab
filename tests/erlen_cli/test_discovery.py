"""``erlen`` finds the app the way users name it, and says what it tried when it cannot."""

from __future__ import annotations

from pathlib import Path

import pytest

APPS = Path(__file__).parent / "apps"


def test_module_with_an_app_attribute(erlen):
    result = erlen("hello", "--name", "Ada", env={"ERLEN_APP": "greeter"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "Hello, Ada, from greeter (debug=False)\n"


def test_app_option_wins_over_the_environment_variable(erlen):
    result = erlen("--app", "lone", "name", env={"ERLEN_APP": "greeter"})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "lone_website\n"


def test_short_app_option(erlen):
    result = erlen("-A", "made", "name")
    assert result.stdout == "made_by_make_app\n", result.stderr


@pytest.mark.parametrize(
    ("app", "expected"),
    [
        ("factory", "greeting=hi"),
        ("factory:create_app", "greeting=hi"),
        ("factory:create_app()", "greeting=hi"),
        ("factory:create_app('hello')", "greeting=hello"),
        ("factory:create_app(greeting='hey', shout=True)", "greeting=HEY"),
    ],
)
def test_factory_called_with_literal_arguments(erlen, app, expected):
    result = erlen("greet", env={"ERLEN_APP": app})
    assert result.returncode == 0, result.stderr
    assert result.stdout == f"{expected}\n"


def test_make_app_factory(erlen):
    assert erlen("name", env={"ERLEN_APP": "made"}).stdout == "made_by_make_app\n"


def test_single_instance_under_any_name(erlen):
    assert erlen("name", env={"ERLEN_APP": "lone"}).stdout == "lone_website\n"


def test_application_attribute_wins_over_other_instances(erlen):
    result = erlen("name", env={"ERLEN_APP": "wsgi_style"})
    assert result.stdout == "the_application\n", result.stderr


def test_named_instance(erlen):
    result = erlen("name", env={"ERLEN_APP": "wsgi_style:other"})
    assert result.stdout == "the_other\n", result.stderr


def test_path_to_a_file_inside_a_package(erlen, tmp_path):
    path = APPS / "nested" / "src" / "shop" / "web.py"
    result = erlen("--app", str(path), "name", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    # Imported as a module of its package, not as a loose file.
    assert result.stdout == "shop.web\n"


def test_relative_path_with_a_name(erlen):
    result = erlen("--app", "wsgi_style.py:other", "name")
    assert result.stdout == "the_other\n", result.stderr


def test_dotted_module_path(erlen):
    result = erlen("--app", "shop.web", "name", cwd=APPS / "nested" / "src")
    assert result.stdout == "shop.web\n", result.stderr


def test_wsgi_py_is_found_before_app_py(erlen):
    result = erlen("name", cwd=APPS / "with_wsgi")
    assert result.stdout == "from_wsgi_py\n", result.stderr


def test_app_py_is_found_without_app_option(erlen):
    result = erlen("name", cwd=APPS / "with_app_py")
    assert result.stdout == "from_app_py\n", result.stderr


def test_nothing_to_load_lists_what_was_tried(erlen, tmp_path):
    result = erlen("routes", cwd=tmp_path)
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "Could not locate the Erlen application." in message
    assert "the '--app' option and the ERLEN_APP environment variable" in message
    assert "'wsgi.py' and 'app.py'" in message
    assert str(tmp_path) in message


def test_unknown_module_names_it(erlen):
    result = erlen("routes", env={"ERLEN_APP": "no_such_module_here"})
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "Could not import 'no_such_module_here'" in message
    assert str(APPS) in message


def test_import_error_inside_the_app_shows_its_traceback(erlen):
    result = erlen("routes", env={"ERLEN_APP": "broken_import"})
    assert result.returncode == 2
    assert "While importing 'broken_import', an ImportError was raised" in result.stderr
    assert "Traceback (most recent call last)" in result.stderr
    assert 'broken_import.py", line 5' in result.stderr
    assert "No module named 'erlen_cli_tests_missing_dependency'" in result.stderr
    assert "Could not locate" not in result.stderr


def test_other_errors_while_importing_propagate_unchanged(erlen):
    result = erlen("routes", env={"ERLEN_APP": "broken_runtime"})
    assert result.returncode == 1
    assert "Traceback (most recent call last)" in result.stderr
    assert "KeyError: 'timeout'" in result.stderr


def test_module_without_an_app_says_what_was_looked_for(erlen):
    result = erlen("routes", env={"ERLEN_APP": "no_app"})
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert (
        "Failed to find an Erlen application or factory in module 'no_app'" in message
    )
    assert "'app' or 'application'" in message
    assert "'create_app' or 'make_app'" in message


def test_two_apps_ask_for_a_name(erlen):
    result = erlen("routes", env={"ERLEN_APP": "two_apps"})
    assert result.returncode == 2
    assert "Detected multiple Erlen applications in module 'two_apps'" in result.stderr
    assert "two_apps:name" in result.stderr


def test_factory_needing_arguments_says_how_to_pass_them(erlen):
    result = erlen("routes", env={"ERLEN_APP": "needs_args"})
    assert result.returncode == 2
    message = " ".join(result.stderr.split())
    assert "could not call it without arguments" in message
    assert "'needs_args:create_app(args)'" in message


def test_factory_called_with_wrong_arguments(erlen):
    result = erlen("routes", env={"ERLEN_APP": "needs_args:create_app(1, 2)"})
    assert result.returncode == 2
    assert "could not be called with the specified arguments" in result.stderr


def test_type_error_inside_a_factory_is_not_hidden(erlen):
    result = erlen("routes", env={"ERLEN_APP": "factory_bug"})
    assert result.returncode == 1
    assert 'factory_bug.py", line 10, in create_app' in result.stderr
    assert "TypeError" in result.stderr
    assert "could not call it" not in result.stderr


@pytest.mark.parametrize(
    ("app", "message"),
    [
        ("factory:create_app(", "Failed to parse 'create_app(' as an attribute name"),
        ("factory:create_app.x", "Failed to parse 'create_app.x' as an attribute name"),
        ("factory:create_app(os.sep)", "Failed to parse the arguments of"),
        ("factory:nothing", "Failed to find attribute 'nothing' in module 'factory'"),
        ("not_an_app:thing", "A valid Erlen application was not obtained from"),
        ("not_an_app:create_thing()", "got 'dict'"),
    ],
)
def test_bad_app_names_are_explained(erlen, app, message):
    result = erlen("routes", env={"ERLEN_APP": app})
    assert result.returncode == 2
    assert message in " ".join(result.stderr.split())
