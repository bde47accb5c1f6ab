"""Accounts: register, log in, log out, and the ``login_required`` guard."""

from __future__ import annotations

import functools
import sqlite3
import typing as t

from werkzeug.security import check_password_hash
from werkzeug.security import generate_password_hash

from erlen import Blueprint
from erlen import flash
from erlen import g
from erlen import is_safe_redirect_url
from erlen import redirect
from erlen import render_template
from erlen import request
from erlen import session
from erlen import url_for

from .db import get_db

bp = Blueprint("auth", __name__, url_prefix="/auth")

F = t.TypeVar("F", bound=t.Callable[..., t.Any])

#: Shorter passwords are refused at registration.
MIN_PASSWORD_LENGTH = 8


@bp.before_app_request
def load_user() -> None:
    """Put the logged-in user's row, or None, in ``g.user`` for every view."""
    user_id = session.get("user_id")
    g.user = (
        None
        if user_id is None
        else get_db().execute("SELECT * FROM user WHERE id = ?", (user_id,)).fetchone()
    )


def login_required(view: F) -> F:
    """Send visitors who are not logged in to the login page, then back."""

    @functools.wraps(view)
    def wrapped(*args: t.Any, **kwargs: t.Any) -> t.Any:
        if g.user is None:
            flash("Log in to do that.", "info")
            return redirect(url_for("auth.login", next=request.full_path))
        return view(*args, **kwargs)

    return t.cast(F, wrapped)


def registration_error(username: str, password: str) -> str | None:
    """What is wrong with a registration form, or None if nothing is."""
    if not username:
        return "Choose a username."
    if len(password) < MIN_PASSWORD_LENGTH:
        return f"Choose a password of at least {MIN_PASSWORD_LENGTH} characters."
    return None


@bp.route("/register", methods=("GET", "POST"))
def register() -> t.Any:
    """Create an account, then ask the new user to log in."""
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        password = request.form.get("password", "")
        error = registration_error(username, password)
        if error is None:
            try:
                with get_db() as db:
                    db.execute(
                        "INSERT INTO user (username, password_hash) VALUES (?, ?)",
                        (username, generate_password_hash(password)),
                    )
            except sqlite3.IntegrityError:
                error = f"The username {username!r} is taken."
            else:
                flash("Your account is ready. Log in to start writing.", "success")
                return redirect(url_for("auth.login"))
        flash(error, "error")
    return render_template("auth/register.html")


@bp.route("/login", methods=("GET", "POST"))
def login() -> t.Any:
    """Log in, then go where ``next`` says if it stays on this site."""
    if request.method == "POST":
        username = request.form.get("username", "").strip()
        user = (
            get_db()
            .execute("SELECT * FROM user WHERE username = ?", (username,))
            .fetchone()
        )
        # One message for both mistakes, so the form does not reveal which
        # usernames exist.
        if user is None or not check_password_hash(
            user["password_hash"], request.form.get("password", "")
        ):
            flash("Wrong username or password.", "error")
        else:
            # A new session on login: a session fixed by someone else before
            # the login does not become a logged-in one.
            session.clear()
            session["user_id"] = user["id"]
            flash(f"Welcome back, {user['username']}.", "success")
            # Only back to this site: a login link that sends the visitor
            # elsewhere afterwards would lend the blog's name to phishing.
            target = request.args.get("next", "")
            if is_safe_redirect_url(target):
                return redirect(target)
            return redirect(url_for("posts.index"))
    return render_template("auth/login.html")


@bp.post("/logout")
def logout() -> t.Any:
    """Log out. A POST, so a link on another site cannot log anyone out."""
    session.clear()
    flash("You are logged out.", "info")
    return redirect(url_for("posts.index"))
