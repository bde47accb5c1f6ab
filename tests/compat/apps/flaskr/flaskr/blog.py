"""Listing and writing posts."""

from __future__ import annotations

from flask import Blueprint
from flask import flash
from flask import redirect
from flask import render_template
from flask import request
from flask import url_for
from werkzeug.wrappers import Response

from .db import get_db

bp = Blueprint("blog", __name__)


@bp.route("/")
def index() -> str:
    posts = get_db().execute(
        "SELECT id, title, body, created FROM post ORDER BY created DESC, id DESC"
    ).fetchall()
    return render_template("blog/index.html", posts=posts)


@bp.route("/create", methods=("GET", "POST"))
def create() -> str | Response:
    if request.method == "POST":
        title = request.form["title"].strip()
        if not title:
            flash("Title is required.")
        else:
            db = get_db()
            db.execute(
                "INSERT INTO post (title, body) VALUES (?, ?)",
                (title, request.form.get("body", "")),
            )
            db.commit()
            return redirect(url_for("blog.index"))
    return render_template("blog/create.html")
