"""Posts: everyone reads them; their authors write, edit and delete them."""

from __future__ import annotations

import sqlite3
import typing as t

from erlen import abort
from erlen import Blueprint
from erlen import flash
from erlen import g
from erlen import redirect
from erlen import render_template
from erlen import request
from erlen import url_for

from .auth import login_required
from .db import get_db

bp = Blueprint("posts", __name__)


@bp.get("/")
def index() -> str:
    """Every post, newest first."""
    rows = get_db().execute(
        "SELECT post.id, title, body, created, author_id, username"
        " FROM post JOIN user ON user.id = post.author_id"
        " ORDER BY created DESC, post.id DESC"
    )
    return render_template("posts/index.html", posts=rows.fetchall())


def get_own_post(id: int) -> sqlite3.Row:
    """The post ``id`` if the logged-in user wrote it; 404 or 403 if not."""
    post = get_db().execute("SELECT * FROM post WHERE id = ?", (id,)).fetchone()
    if post is None:
        abort(404, description=f"There is no post {id}.")
    if post["author_id"] != g.user["id"]:
        abort(403, description="Only its author can change a post.")
    return post  # type: ignore[no-any-return]


def read_form() -> tuple[str, str, str | None]:
    """The title and body of the submitted form, and what is wrong, if anything."""
    title = request.form.get("title", "").strip()
    body = request.form.get("body", "").strip()
    return title, body, None if title else "A post needs a title."


@bp.route("/new", methods=("GET", "POST"))
@login_required
def create() -> t.Any:
    """Write a new post."""
    if request.method == "POST":
        title, body, error = read_form()
        if error is None:
            with get_db() as db:
                db.execute(
                    "INSERT INTO post (author_id, title, body) VALUES (?, ?, ?)",
                    (g.user["id"], title, body),
                )
            flash(f"Published “{title}”.", "success")
            return redirect(url_for("posts.index"))
        flash(error, "error")
    return render_template("posts/edit.html", post=None)


@bp.route("/<int:id>/edit", methods=("GET", "POST"))
@login_required
def update(id: int) -> t.Any:
    """Change the title or body of one's own post."""
    post = get_own_post(id)
    if request.method == "POST":
        title, body, error = read_form()
        if error is None:
            with get_db() as db:
                db.execute(
                    "UPDATE post SET title = ?, body = ? WHERE id = ?",
                    (title, body, id),
                )
            flash(f"Saved “{title}”.", "success")
            return redirect(url_for("posts.index"))
        flash(error, "error")
    return render_template("posts/edit.html", post=post)


@bp.post("/<int:id>/delete")
@login_required
def delete(id: int) -> t.Any:
    """Delete one's own post."""
    post = get_own_post(id)
    with get_db() as db:
        db.execute("DELETE FROM post WHERE id = ?", (id,))
    flash(f"Deleted “{post['title']}”.", "info")
    return redirect(url_for("posts.index"))
