"""An app with routes, its own commands, a blueprint's commands and a shell context."""

from __future__ import annotations

import click

from erlen import Blueprint
from erlen import current_app
from erlen import Erlen

app = Erlen(__name__)


@app.route("/")
def index() -> str:
    return f"Hello from greeter (debug={app.debug})"


@app.route("/boom")
def boom() -> str:
    raise RuntimeError("the view failed on purpose")


@app.route("/items", methods=["POST", "PUT"])
def items() -> str:
    return "stored"


@app.cli.command()
@click.option("--name", default="world")
def hello(name: str) -> None:
    """Greet someone from inside the app context."""
    click.echo(f"Hello, {name}, from {current_app.name} (debug={current_app.debug})")


@app.cli.command("show-env", with_appcontext=False)
@click.argument("names", nargs=-1)
def show_env(names: tuple[str, ...]) -> None:
    """Print environment variables, without loading the app context."""
    import os

    for name in names:
        click.echo(f"{name}={os.environ.get(name, '<unset>')}")


@app.shell_context_processor
def shell_names() -> dict[str, object]:
    return {"answer": 42}


admin = Blueprint("admin", __name__)


@admin.cli.command("wipe")
def wipe() -> None:
    """A blueprint command, grouped under the blueprint's name."""
    click.echo(f"wiped by {current_app.name}")


@admin.route("/")
def dashboard() -> str:
    return "admin"


app.register_blueprint(admin, url_prefix="/admin")
