"""``flask.templating``: erlen-templating's Jinja environment and loader."""

from __future__ import annotations

from erlen.templating import render_template as render_template
from erlen.templating import render_template_string as render_template_string
from erlen.templating import stream_template as stream_template
from erlen.templating import stream_template_string as stream_template_string
from erlen_templating import DispatchingJinjaLoader as DispatchingJinjaLoader
from erlen_templating import Environment as Environment
