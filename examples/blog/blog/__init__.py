"""A small multi-user blog: the example application Erlen's tutorial builds.

``create_app`` is an application factory, so tests and the server each get a
fresh app with their own configuration instead of sharing a module-level one.
"""

from __future__ import annotations

import os
import secrets
import typing as t

from erlen import Erlen

from . import auth
from . import csrf
from . import db
from . import posts


def create_app(config: t.Mapping[str, t.Any] | None = None) -> Erlen:
    """Build the blog: configuration, database, CSRF check and blueprints.

    Settings come, each overriding the one before, from the defaults here,
    ``instance/config.py`` if it exists, ``ERLEN_*`` environment variables,
    and last ``config``, which is how tests point the blog at a temporary
    database.
    """
    app = Erlen(__name__, instance_relative_config=True)
    app.config.from_mapping(
        # A fresh key per process: sessions end when the server restarts.
        # Set ERLEN_SECRET_KEY (or SECRET_KEY in instance/config.py) to keep
        # them.
        SECRET_KEY=secrets.token_hex(32),
        DATABASE=os.path.join(app.instance_path, "blog.sqlite"),
        # Named, so that installing another sessions or templating plugin
        # never changes which one the blog runs on.
        PLUGINS={"sessions": "cookie", "templating": "jinja"},
    )
    app.config.from_pyfile("config.py", silent=True)
    app.config.from_prefixed_env()
    if config is not None:
        app.config.from_mapping(config)

    db.init_app(app)
    csrf.init_app(app)
    app.register_blueprint(auth.bp)
    app.register_blueprint(posts.bp)
    return app
