"""The tagged JSON serializer, kept importable here for code written against it.

It moved to erlen-core as :mod:`erlen.json.tag` (where Flask keeps it, as
``flask.json.tag``), so that every sessions backend can store values the same
safe way without importing this plugin. The names below are the same
objects: a tag registered through either import path is the same tag.
"""

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
