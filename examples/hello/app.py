"""The example app: a few routes that show Erlen's core at work.

Run it with ``hatch run serve`` (see the README), then open
http://127.0.0.1:5000/.
"""

from __future__ import annotations

import os

from erlen import abort
from erlen import Blueprint
from erlen import Erlen
from erlen import request
from erlen import url_for

app = Erlen(__name__)

BOOKS = {1: "The Name of the Rose", 2: "Foucault's Pendulum"}

books = Blueprint("books", __name__, url_prefix="/books")


@books.get("/")
def index() -> dict[str, object]:
    return {
        "books": [
            {"id": id, "title": title, "url": url_for(".show", id=id)}
            for id, title in BOOKS.items()
        ]
    }


@books.get("/<int:id>")
def show(id: int) -> dict[str, object]:
    if id not in BOOKS:
        abort(404, description=f"There is no book {id}.")
    return {"id": id, "title": BOOKS[id]}


@app.get("/")
def home() -> str:
    name = request.args.get("name", "world")
    return f"<h1>Hello, {name}!</h1><p><a href='{url_for('books.index')}'>Books</a></p>"


app.register_blueprint(books)

if __name__ == "__main__":
    app.run(
        host=os.environ.get("ERLEN_RUN_HOST", "127.0.0.1"),
        port=int(os.environ.get("ERLEN_RUN_PORT", "5000")),
    )
