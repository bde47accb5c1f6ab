"""A tutorial-style Flask blog: posts in SQLite, written and listed."""

from __future__ import annotations

import os
import typing as t

from flask import Flask
from flask_wtf.csrf import CSRFProtect

csrf = CSRFProtect()


def create_app(test_config: dict[str, t.Any] | None = None) -> Flask:
    """Create the app; ``test_config`` replaces the instance configuration."""
    app = Flask(__name__, instance_relative_config=True)
    app.config.from_mapping(
        SECRET_KEY="dev",
        DATABASE=os.path.join(app.instance_path, "flaskr.sqlite"),
    )
    if test_config is None:
        app.config.from_pyfile("config.py", silent=True)
    else:
        app.config.update(test_config)
    os.makedirs(app.instance_path, exist_ok=True)

    from . import blog
    from . import db

    db.init_app(app)
    csrf.init_app(app)
    app.register_blueprint(blog.bp)
    app.add_url_rule("/", endpoint="index")
    return app
