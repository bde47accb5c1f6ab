import os
import tempfile

import pytest
from flaskr import create_app
from flaskr.db import get_db
from flaskr.db import init_db


@pytest.fixture
def app():
    db_fd, db_path = tempfile.mkstemp()
    app = create_app({"TESTING": True, "DATABASE": db_path, "WTF_CSRF_ENABLED": False})
    with app.app_context():
        init_db()
        get_db().execute("INSERT INTO post (title, body) VALUES ('first', 'hello')")
        get_db().commit()
    yield app
    os.close(db_fd)
    os.unlink(db_path)


@pytest.fixture
def client(app):
    return app.test_client()


@pytest.fixture
def runner(app):
    return app.test_cli_runner()
