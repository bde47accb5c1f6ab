"""Limits on what a request may send, enforced where Werkzeug leaves gaps.

Werkzeug enforces ``MAX_CONTENT_LENGTH`` against a Content-Length header
and ``MAX_FORM_MEMORY_SIZE`` and ``MAX_FORM_PARTS`` on multipart forms. A
body without a length (chunked, which a server passes with
``wsgi.input_terminated``) is silently cut at the limit, a URL-encoded
form has neither limit, deeply nested JSON overflows the stack, and a raw
non-UTF-8 byte in the URL raises ``UnicodeDecodeError``: each a 500, a
truncated body or unbounded memory, from input the app does not control.
Here each is a 4xx. ``docs/security.md`` lists them with their defaults.
"""

from __future__ import annotations

import io
import json as _json
import re
import typing as t
from itertools import accumulate
from urllib.parse import parse_qsl

import werkzeug.urls  # noqa: F401 - registers the error handler form parsing names
from werkzeug.exceptions import BadRequest
from werkzeug.exceptions import RequestEntityTooLarge
from werkzeug.formparser import FormDataParser as _WerkzeugFormDataParser

if t.TYPE_CHECKING:
    from _typeshed.wsgi import WSGIEnvironment

#: What a URL-encoded form is read in: small enough that a field too large
#: is refused long before the whole body is in memory.
_CHUNK = 64 * 1024


class CappedInput(io.RawIOBase):
    """A request body without a length, refused with 413 past ``limit`` bytes.

    Werkzeug stops reading such a body at the limit and hands the app the
    truncated bytes as if they were the whole body. This reads at most one
    byte more than the limit, and that byte is the proof the body is too
    large: nothing beyond it is ever buffered.
    """

    def __init__(self, stream: t.IO[bytes], limit: int) -> None:
        self._stream = stream
        self._limit = limit
        self._read = 0

    def readable(self) -> bool:
        return True

    def readinto(self, buffer: t.Any) -> int:
        view = memoryview(buffer).cast("B")
        wanted = min(len(view), self._limit - self._read + 1)
        data = self._stream.read(wanted)
        self._read += len(data)
        if self._read > self._limit:
            raise RequestEntityTooLarge(
                f"The body is larger than MAX_CONTENT_LENGTH ({self._limit} bytes)."
            )
        view[: len(data)] = data
        return len(data)


def capped_input(
    environ: WSGIEnvironment, limit: int, length: int | None
) -> CappedInput:
    """The body of a request whose server ends the stream, held to ``limit``."""
    if length is not None and length > limit:
        raise RequestEntityTooLarge(
            f"The body is larger than MAX_CONTENT_LENGTH ({limit} bytes)."
        )
    return CappedInput(environ["wsgi.input"], limit)


class FormDataParser(_WerkzeugFormDataParser):
    """Werkzeug's form parser, with limits on URL-encoded forms too.

    Werkzeug applies ``MAX_FORM_MEMORY_SIZE`` and ``MAX_FORM_PARTS`` to
    multipart forms only, and turns a URL-encoded body that is not UTF-8
    into an empty form without a word. Here a URL-encoded form with more
    fields, or a field (``name=value`` as sent) larger, than the limits is
    refused with 413 while it is read, and one that is not UTF-8 with 400.
    """

    def _parse_urlencoded(
        self,
        stream: t.IO[bytes],
        mimetype: str,
        content_length: int | None,
        options: dict[str, str],
    ) -> tuple[t.IO[bytes], t.Any, t.Any]:
        body = read_urlencoded(
            stream, content_length, self.max_form_memory_size, self.max_form_parts
        )
        try:
            text = body.decode()
        except UnicodeDecodeError as error:
            raise BadRequest(
                f"The form body is not valid UTF-8 (byte {error.start}):"
                " percent-encode what is not ASCII."
            ) from None
        # Parsed as Werkzeug parses it: an escape that is not UTF-8 is kept.
        fields = parse_qsl(text, keep_blank_values=True, errors="werkzeug.url_quote")
        return stream, self.cls(fields), self.cls()


def read_urlencoded(
    stream: t.IO[bytes],
    length: int | None,
    max_field: int | None,
    max_parts: int | None,
) -> bytes:
    """Read a URL-encoded body, refusing it with 413 as soon as it breaks a limit.

    Fields are counted by their ``&`` separators, empty ones included, and
    measured as sent. Both are checked chunk by chunk, so at most one
    chunk more than the limits allow is ever held. A body of known
    ``length`` is read without a last read to find its end: a small form
    takes one read.
    """
    chunks: list[bytes] = []
    separators = 0
    field = 0  # bytes of the field still open at the end of the last chunk
    remaining = length
    while remaining is None or remaining > 0:
        chunk = stream.read(_CHUNK if remaining is None else min(_CHUNK, remaining))
        if not chunk:
            break
        if remaining is not None:
            remaining -= len(chunk)
        chunks.append(chunk)
        if max_parts is not None:
            separators += chunk.count(b"&")
            if separators >= max_parts:
                raise RequestEntityTooLarge(
                    f"The form has more than MAX_FORM_PARTS ({max_parts}) fields."
                )
        if max_field is not None:
            field = _open_field_size(chunk, field, max_field)
    return b"".join(chunks)


def _open_field_size(chunk: bytes, open_field: int, limit: int) -> int:
    """Check the fields ``chunk`` ends; return the size of the one it leaves open.

    :param open_field: bytes of the field the previous chunk left open.
    """
    first = chunk.find(b"&")
    if first == -1:
        open_field += len(chunk)
    else:
        last = chunk.rfind(b"&")
        longest = open_field + first
        if last - first - 1 > limit:  # only then can a middle field be too large
            longest = max(longest, *map(len, chunk[first + 1 : last].split(b"&")))
        if longest > limit:
            _field_too_large(limit)
        open_field = len(chunk) - last - 1
    if open_field > limit:
        _field_too_large(limit)
    return open_field


def _field_too_large(limit: int) -> t.NoReturn:
    raise RequestEntityTooLarge(
        f"A form field is larger than MAX_FORM_MEMORY_SIZE ({limit} bytes)."
    )


def check_url_encoding(environ: WSGIEnvironment) -> None:
    """Refuse with 400 a path or query string whose raw bytes are not UTF-8.

    Werkzeug decodes the query string strictly when ``request.args`` is
    first read, so such a request fails with ``UnicodeDecodeError`` (a 500)
    wherever the app happens to read it. Checked once, before routing, the
    request is refused before any of the app's code runs. A percent-escaped
    byte (``%E9``) is not raw and is left to Werkzeug, which keeps it.
    Callers test ``str.isascii()`` first: only then can a byte be invalid.
    """
    for key, part in (("PATH_INFO", "path"), ("QUERY_STRING", "query string")):
        value = environ.get(key) or ""
        try:
            value.encode("latin1").decode()
        except UnicodeError:
            raise BadRequest(
                f"The URL {part} is not valid UTF-8: percent-encode what is not ASCII."
            ) from None


#: Default for ``MAX_JSON_DEPTH``: far deeper than any document a client
#: means to send, well short of the interpreter's recursion limit.
DEFAULT_JSON_DEPTH = 500

#: A JSON string, escapes included: its brackets are not nesting.
_JSON_STRING = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"', re.DOTALL)
_NOT_BRACKET = re.compile(r"[^\[\]{}]+")
_STEP = {"[": 1, "{": 1, "]": -1, "}": -1}


class JSONDepthError(ValueError):
    """A JSON document nested deeper than ``MAX_JSON_DEPTH``.

    A ``ValueError``, as any other JSON the parser refuses: a request
    answers it with 400, and ``get_json(silent=True)`` with ``None``.
    """


def check_json_depth(data: str | bytes, limit: int) -> None:
    """Raise :exc:`JSONDepthError` if ``data`` nests arrays and objects past ``limit``.

    Counting the opening brackets costs two C-speed scans and settles
    almost every document: one with fewer of them than the limit cannot
    nest deeper. Only a document with more is measured exactly.
    """
    opening = (
        data.count("[") + data.count("{")
        if isinstance(data, str)
        else (data.count(b"[") + data.count(b"{"))
    )
    if opening <= limit:
        return
    if isinstance(data, bytes):
        try:
            data = data.decode(_json.detect_encoding(data), "surrogatepass")
        except (UnicodeError, LookupError):
            return  # not text: the parser refuses it without recursing
    brackets = _NOT_BRACKET.sub("", _JSON_STRING.sub("", data))
    if max(accumulate(map(_STEP.__getitem__, brackets)), default=0) > limit:
        raise JSONDepthError(f"JSON nested deeper than MAX_JSON_DEPTH ({limit}).")
