"""Commands other distributions declare in the ``erlen.commands`` entry-point group.

Each test installs a tiny distribution the way an installer lays one out
(a module plus a ``.dist-info`` folder) in a folder on ``PYTHONPATH``, so
``importlib.metadata`` finds it as it finds any installed distribution.
"""

from __future__ import annotations

import textwrap

import pytest

EXTENSION = textwrap.dedent(
    """\
    import click

    from erlen import current_app
    from erlen_cli import AppGroup


    @click.group()
    def db():
        \"\"\"Database commands from an extension.\"\"\"


    @db.command()
    def upgrade():
        click.echo("upgraded")


    cache = AppGroup("cache", help="Cache commands that need the app.")


    @cache.command()
    def clear():
        click.echo(f"cleared the cache of {current_app.name}")


    not_a_command = "oops"
    """
)


def install(site, entry_points: str) -> None:
    (site / "erlen_ext.py").write_text(EXTENSION)
    info = site / "erlen_ext-1.2.3.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: erlen-ext\nVersion: 1.2.3\n"
    )
    (info / "entry_points.txt").write_text(
        "[erlen.commands]\n" + textwrap.dedent(entry_points)
    )


@pytest.fixture
def site(tmp_path):
    site = tmp_path / "site"
    site.mkdir()
    return site


def test_extension_commands_run_without_an_app(erlen, site, tmp_path):
    install(site, "db = erlen_ext:db\n")
    result = erlen("db", "upgrade", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert result.returncode == 0, result.stderr
    assert result.stdout == "upgraded\n"


def test_extension_app_group_gets_the_app_context(erlen, site):
    install(site, "cache = erlen_ext:cache\n")
    result = erlen(
        "cache", "clear", env={"PYTHONPATH": str(site), "ERLEN_APP": "greeter"}
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout == "cleared the cache of greeter\n"


def test_extension_commands_are_listed_under_their_entry_point_names(erlen, site):
    install(site, "database = erlen_ext:db\n")
    result = erlen("--help", env={"PYTHONPATH": str(site), "ERLEN_APP": "greeter"})
    listed = result.stdout.split("Commands:")[1]
    assert "database  Database commands from an extension." in listed
    assert "hello" in listed


def test_a_broken_entry_point_is_reported_and_the_rest_works(erlen, site, tmp_path):
    install(
        site,
        """\
        db = erlen_ext:db
        gone = erlen_ext_missing:cli
        odd = erlen_ext:not_a_command
        """,
    )
    result = erlen("db", "upgrade", cwd=tmp_path, env={"PYTHONPATH": str(site)})
    assert result.returncode == 0
    assert result.stdout == "upgraded\n"
    message = " ".join(result.stderr.split())
    assert (
        "the command 'gone' (entry point 'erlen_ext_missing:cli' in group"
        " 'erlen.commands' of erlen-ext 1.2.3) could not be imported:"
        " ModuleNotFoundError" in message
    )
    assert "the command 'odd'" in message
    assert "is a 'str', not a click command" in message
