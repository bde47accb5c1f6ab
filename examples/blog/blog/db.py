"""SQLite access: one connection per app context, closed when it ends.

SQLite keeps the example free of a database server. The file lives in the
instance folder, outside the package and version control. It is created
when the app starts without one; ``erlen --app blog init-db`` empties it.
"""

from __future__ import annotations

import os
import sqlite3

import click

from erlen import current_app
from erlen import Erlen
from erlen import g


def get_db() -> sqlite3.Connection:
    """The connection of the current app context, opened on first use."""
    if "db" not in g:
        # Dates stay the text SQLite stores ("2026-01-31 09:00:00"): Python's
        # own timestamp converter is deprecated since 3.12.
        g.db = sqlite3.connect(current_app.config["DATABASE"])
        # Rows behave like mappings, so templates can write post["title"].
        g.db.row_factory = sqlite3.Row
    return g.db  # type: ignore[no-any-return]


def close_db(exc: BaseException | None = None) -> None:
    """Close the context's connection, if something opened one."""
    db = g.pop("db", None)
    if db is not None:
        db.close()


def init_db() -> None:
    """Run schema.sql: drop the blog's tables and create them empty."""
    with current_app.open_resource("schema.sql") as file:
        get_db().executescript(file.read().decode("utf-8"))


def init_db_command() -> None:
    """Delete every user and post, and create empty tables."""
    init_db()
    click.echo("The database is empty and ready.")


def init_app(app: Erlen) -> None:
    """Register the teardown and the command; create the database if missing."""
    app.teardown_appcontext(close_db)
    # app.cli.command runs the command inside the app's context, where
    # get_db() finds the configured database.
    app.cli.command("init-db")(init_db_command)
    path = app.config["DATABASE"]
    if not os.path.exists(path):
        os.makedirs(os.path.dirname(path) or ".", exist_ok=True)
        with app.app_context():
            init_db()
