"""Speedup: one-line JSON through the standard library's C encoder directly.

General path replaced: :meth:`json.JSONEncoder.encode`, which
:func:`erlen.json.provider._encoder` returns without the speedups. For a
one-line result with the C accelerator present, ``encode`` checks its
argument, calls ``iterencode``, which sets up markers and picks an encoder,
and joins the chunks: Python layers that cost more than the C encoding of a
small value.

Internals used: ``json.encoder.c_make_encoder`` (the C accelerator, absent
from the type stubs and ``None`` without it) and the argument order
``JSONEncoder.iterencode`` passes it. Held to the general path by
``tests/erlen_core/test_fast_paths.py`` (``test_cached_encoders_*``).
"""

from __future__ import annotations

import json
import typing as t


def one_line_encoder(encoder: json.JSONEncoder) -> t.Callable[[t.Any], str]:
    """A function that encodes as ``encoder.encode`` does, for ``indent=None``."""
    make_c_encoder = getattr(json.encoder, "c_make_encoder", None)
    if make_c_encoder is None:
        return encoder.encode
    # A C encoder with fresh circular-reference markers for each call, as
    # ``iterencode`` makes one.
    if encoder.ensure_ascii:
        encode_str = json.encoder.encode_basestring_ascii
    else:
        encode_str = json.encoder.encode_basestring
    options = (
        encoder.default,
        encode_str,
        None,
        encoder.key_separator,
        encoder.item_separator,
        encoder.sort_keys,
        encoder.skipkeys,
        encoder.allow_nan,
    )

    def encode(obj: t.Any) -> str:
        if isinstance(obj, str):
            return encode_str(obj)
        return "".join(make_c_encoder({}, *options)(obj, 0))

    return encode
