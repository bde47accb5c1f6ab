"""The kept signer and keys sign exactly as a fresh itsdangerous serializer."""

from __future__ import annotations

import hashlib
import typing as t

import pytest
from itsdangerous import BadSignature
from itsdangerous import URLSafeTimedSerializer

from erlen_sessions.speedups.signing import SessionSerializer

if t.TYPE_CHECKING:
    from .conftest import FrozenClock

SETTINGS: dict[str, t.Any] = {
    "salt": "cookie-session",
    "signer_kwargs": {"key_derivation": "hmac", "digest_method": hashlib.sha1},
}


def test_every_cookie_is_signed_as_a_fresh_serializer_signs_it(
    clock: FrozenClock,
) -> None:
    ours = SessionSerializer(["old", "new"], **SETTINGS)
    data = {"user": "ada", "n": 1}
    # The second and third cookies use the kept signer and key.
    for _ in range(3):
        theirs = URLSafeTimedSerializer(["old", "new"], **SETTINGS)
        assert ours.dumps(data) == theirs.dumps(data)


def test_each_key_is_checked_with_its_own_derived_key(clock: FrozenClock) -> None:
    ours = SessionSerializer(["old", "new"], **SETTINGS)
    by_old = URLSafeTimedSerializer("old", **SETTINGS).dumps({"a": 1})
    by_new = URLSafeTimedSerializer("new", **SETTINGS).dumps({"b": 2})
    for _ in range(2):
        assert ours.loads(by_old) == {"a": 1}
        assert ours.loads(by_new) == {"b": 2}
    by_other = URLSafeTimedSerializer("other", **SETTINGS).dumps({"c": 3})
    with pytest.raises(BadSignature):
        ours.loads(by_other)


def test_another_salt_gets_its_own_signer(clock: FrozenClock) -> None:
    ours = SessionSerializer("key", **SETTINGS)
    salted = ours.dumps({"a": 1}, salt="other")
    theirs = URLSafeTimedSerializer(
        "key", salt="other", signer_kwargs=SETTINGS["signer_kwargs"]
    )
    assert salted == theirs.dumps({"a": 1})
    with pytest.raises(BadSignature):
        ours.loads(salted)
    assert ours.loads(salted, salt="other") == {"a": 1}
