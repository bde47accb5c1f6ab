"""Cross-site request forgery protection for the blog's forms.

Another site can make a visitor's browser POST to the blog, and the browser
sends the session cookie along. It cannot read the blog's pages, though, so
it cannot know a random token the blog puts in each form and in the session.
Every POST must echo that token back, or it is refused.
"""

from __future__ import annotations

import hmac
import secrets

from erlen import abort
from erlen import Erlen
from erlen import request
from erlen import session

#: The session key and the form field that carry the token.
FIELD = "csrf_token"


def csrf_token() -> str:
    """The session's token, made on first use; forms put it in a hidden field."""
    if FIELD not in session:
        session[FIELD] = secrets.token_urlsafe(32)
    return session[FIELD]  # type: ignore[no-any-return]


def check_csrf_token() -> None:
    """Refuse a POST whose form does not carry the session's token."""
    if request.method != "POST":
        return
    expected = session.get(FIELD)
    sent = request.form.get(FIELD, "")
    # compare_digest takes as long for a near miss as for a far one, so the
    # timing of refusals tells an attacker nothing about the token.
    if expected is None or not hmac.compare_digest(expected, sent):
        abort(400, description="The form expired. Reload the page and try again.")


def init_app(app: Erlen) -> None:
    """Check every POST, and let templates call ``csrf_token()``."""
    app.before_request(check_csrf_token)
    app.add_template_global(csrf_token)
