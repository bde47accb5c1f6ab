"""``flask.json.tag``: erlen-core's tagged JSON serializer."""

from __future__ import annotations

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
