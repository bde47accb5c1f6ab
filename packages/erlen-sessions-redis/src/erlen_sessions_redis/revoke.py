"""Ending every session of one user, from any process that serves the app."""

from __future__ import annotations

import typing as t

from .interface import RedisSessionInterface

if t.TYPE_CHECKING:
    from erlen import Erlen


def revoke_user_sessions(app: Erlen, user: object) -> int:
    """Delete every session of ``user``; return how many were still alive.

    Sessions are listed per user when ``SESSION_REDIS_USER_KEY`` names the
    session key that holds the user's id (``"user_id"``, or ``"_user_id"``
    for Flask-Login). Each revoked session ends at its next request, on
    whichever host it arrives. To log the current request out too, clear
    its session as well: saved afterwards, it would be stored again.

    :param user: the id as the session holds it; compared as text.
    :raise TypeError: the app's sessions are not this plugin's.
    :raise RuntimeError: ``SESSION_REDIS_USER_KEY`` is not set, so no
        session was listed under its user.
    :raise redis.RedisError: Redis could not be reached.
    """
    interface = app.session_interface
    if not isinstance(interface, RedisSessionInterface):
        raise TypeError(
            f"The app's sessions are served by {type(interface).__qualname__},"
            " not by erlen-sessions-redis: choose it with"
            " Erlen(__name__, plugins={'sessions': 'redis'})."
        )
    if not app.config.get("SESSION_REDIS_USER_KEY"):
        raise RuntimeError(
            "Sessions are not listed per user, so they cannot be revoked per"
            " user. Set SESSION_REDIS_USER_KEY to the session key that holds"
            " the user's id (such as 'user_id'); sessions written from then on"
            " are listed."
        )
    return interface.store(app).revoke_user(str(user))
