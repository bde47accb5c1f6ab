"""``flask.json.tag``: erlen-core's tagged JSON serializer."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import typing as t
from base64 import b64decode
from base64 import b64encode
from datetime import datetime
from uuid import UUID

from markupsafe import Markup
from werkzeug.http import http_date
from werkzeug.http import parse_date

from erlen.json import dumps as dumps
from erlen.json import loads as loads
from erlen.json.tag import JSONTag as JSONTag
from erlen.json.tag import PassDict as PassDict
from erlen.json.tag import PassList as PassList
from erlen.json.tag import TagBytes as TagBytes
from erlen.json.tag import TagDateTime as TagDateTime
from erlen.json.tag import TagDict as TagDict
from erlen.json.tag import TaggedJSONSerializer as TaggedJSONSerializer
from erlen.json.tag import TagMarkup as TagMarkup
from erlen.json.tag import TagTuple as TagTuple
from erlen.json.tag import TagUUID as TagUUID
