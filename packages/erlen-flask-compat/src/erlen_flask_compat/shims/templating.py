"""``flask.templating``: erlen-templating's Jinja environment and loader."""

# Flask's module holds these names, used or not: they are its namespace.
# ruff: noqa: F401

from __future__ import annotations

import typing as t

from jinja2 import BaseLoader
from jinja2 import Environment as BaseEnvironment
from jinja2 import Template
from jinja2 import TemplateNotFound

from erlen.templating import render_template as render_template
from erlen.templating import render_template_string as render_template_string
from erlen.templating import stream_template as stream_template
from erlen.templating import stream_template_string as stream_template_string
from erlen_contexts import app_ctx_var as _cv_app
from erlen_contexts import current_app as current_app
from erlen_contexts import request as request
from erlen_contexts import request_ctx_var as _cv_request
from erlen_contexts import stream_with_context as stream_with_context
from erlen_signals import before_render_template as before_render_template
from erlen_signals import template_rendered as template_rendered
from erlen_templating import DispatchingJinjaLoader as DispatchingJinjaLoader
from erlen_templating import Environment as Environment
