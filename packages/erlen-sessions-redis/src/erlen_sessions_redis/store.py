"""The Redis side: which server, with which limits, and the commands sent to it.

Every command a request sends is here, so what a request costs in round
trips can be read in one place: a read is one ``GET`` (``GETEX`` when
``SESSION_REFRESH_EACH_REQUEST`` renews the TTL), a write one ``SET`` with
its TTL, and the rare extras (deleting a regenerated id, the per-user index)
go in the same pipeline as the write.
"""

from __future__ import annotations

import typing as t
from urllib.parse import urlsplit
from urllib.parse import urlunsplit

import redis
from redis.backoff import NoBackoff
from redis.retry import Retry
from werkzeug.exceptions import ServiceUnavailable

#: Where sessions live when the app names no server.
DEFAULT_URL = "redis://127.0.0.1:6379/0"
#: Seconds to wait for a connection, and then for each reply: a Redis that
#: hangs makes a request fail after this, not hang the worker with it.
DEFAULT_TIMEOUT = 1.0


class StoreUnavailable(ServiceUnavailable):
    """The answer to a request whose session Redis could not read or write."""

    description = (
        "The session store is unavailable, so this request could not be"
        " completed. Please try again in a moment."
    )


def connect(config: t.Mapping[str, t.Any]) -> tuple[redis.Redis, str]:
    """The client the config asks for, and how to name its server in the log.

    ``SESSION_REDIS`` is a client the app built itself (a cluster or
    sentinel client, its own pool, TLS settings): it is used as it is.
    Otherwise the client connects to ``SESSION_REDIS_URL`` with bounded
    timeouts and one immediate retry, so a connection Redis dropped while
    restarting is replaced without the request noticing.
    """
    client = config.get("SESSION_REDIS")
    if client is not None:
        return client, describe_client(client)
    url = config.get("SESSION_REDIS_URL") or DEFAULT_URL
    client = redis.Redis.from_url(
        url,
        socket_connect_timeout=config.get(
            "SESSION_REDIS_CONNECT_TIMEOUT", DEFAULT_TIMEOUT
        ),
        socket_timeout=config.get("SESSION_REDIS_TIMEOUT", DEFAULT_TIMEOUT),
        retry=Retry(NoBackoff(), 1),
    )
    return client, redact(url)


def redact(url: str) -> str:
    """``url`` without its password, fit for a log line."""
    parts = urlsplit(url)
    if parts.password is None:
        return url
    host = parts.hostname or ""
    if parts.port is not None:
        host = f"{host}:{parts.port}"
    user = f"{parts.username}:***@" if parts.username else ":***@"
    return urlunsplit(parts._replace(netloc=user + host))


def describe_client(client: t.Any) -> str:
    """Name the server of a client the app built, without its password."""
    kwargs = getattr(getattr(client, "connection_pool", None), "connection_kwargs", {})
    if "path" in kwargs:
        return f"unix://{kwargs['path']}?db={kwargs.get('db', 0)}"
    if "host" in kwargs:
        return f"redis://{kwargs['host']}:{kwargs.get('port', 6379)}/{kwargs.get('db', 0)}"
    return f"the client in SESSION_REDIS ({type(client).__qualname__})"


class Store:
    """One app's sessions in one Redis database.

    :param client: the redis-py client (or one with the same commands).
    :param where: the server, as log lines name it.
    :param prefix: put before each session id to make its key.
    """

    def __init__(self, client: redis.Redis, where: str, prefix: str) -> None:
        self.client = client
        self.where = where
        self.prefix = prefix

    def key(self, sid: str) -> str:
        return self.prefix + sid

    def user_key(self, user: str) -> str:
        """The set of the ids of one user's sessions.

        Session ids never contain ``:``, so no id can name this key.
        """
        return f"{self.prefix}user:{user}"

    def read(self, sid: str, renew: int | None) -> bytes | str | None:
        """The stored text of ``sid``; with ``renew``, its TTL is reset to that.

        :raise redis.ResponseError: the key holds something other than a
            string, which is not session data.
        :raise redis.RedisError: Redis could not answer.
        """
        key = self.key(sid)
        if renew is None:
            return self.client.get(key)
        return self.client.getex(key, ex=renew)

    def write(
        self,
        sid: str,
        text: str,
        ttl: int,
        *,
        replaced: str | None = None,
        user: str | None = None,
        user_ttl: int = 0,
    ) -> None:
        """Store the whole session in one ``SET``, replacing what was there.

        :param replaced: an id to delete in the same round trip (the
            session's id before it was regenerated).
        :param user: add ``sid`` to this user's index, kept for ``user_ttl``.
        """
        if replaced is None and user is None:
            self.client.set(self.key(sid), text, ex=ttl)
            return
        pipe = self.client.pipeline(transaction=False)
        pipe.set(self.key(sid), text, ex=ttl)
        if replaced is not None:
            pipe.delete(self.key(replaced))
        if user is not None:
            pipe.sadd(self.user_key(user), sid)
            pipe.expire(self.user_key(user), user_ttl)
        pipe.execute()

    def delete(self, *sids: str) -> None:
        self.client.delete(*map(self.key, sids))

    def revoke_user(self, user: str) -> int:
        """Delete every session indexed under ``user``; how many still existed.

        Only the ids read are removed from the index, so a session a login
        adds meanwhile stays listed for the next revocation.
        """
        index = self.user_key(user)
        sids = [
            sid.decode() if isinstance(sid, bytes) else sid
            for sid in self.client.smembers(index)
        ]
        if not sids:
            return 0
        pipe = self.client.pipeline(transaction=False)
        for sid in sids:
            pipe.delete(self.key(sid))
        pipe.srem(index, *sids)
        results = pipe.execute()
        return sum(results[:-1])
