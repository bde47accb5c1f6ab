"""Files that ship with an application or blueprint: static files, resources."""

from __future__ import annotations

import os
import typing as t
from datetime import timedelta

from erlen_contexts import current_app

from .helpers import send_from_directory

if t.TYPE_CHECKING:
    from .wrappers import Response


class PackageResources:
    """File access relative to ``root_path``, shared by apps and blueprints."""

    root_path: str
    static_folder: str | None

    def get_send_file_max_age(self, filename: str | None) -> int | None:
        """The cache max-age for a sent file: ``SEND_FILE_MAX_AGE_DEFAULT``.

        ``None`` by default, so browsers revalidate with a conditional
        request instead of using a stale copy. Override it to cache some
        files for longer.
        """
        value = current_app.config["SEND_FILE_MAX_AGE_DEFAULT"]  # type: ignore[attr-defined]
        if value is None:
            return None
        if isinstance(value, timedelta):
            return int(value.total_seconds())
        return int(value)

    def send_static_file(self, filename: str) -> Response:
        """The view of the ``static`` route: send a file from the static folder."""
        if self.static_folder is None:
            raise RuntimeError(
                f"{self!r} has no static folder, so it cannot send static"
                " files. Pass 'static_folder=' when creating it."
            )
        max_age = self.get_send_file_max_age(filename)
        return send_from_directory(self.static_folder, filename, max_age=max_age)

    def open_resource(
        self, resource: str, mode: str = "rb", encoding: str | None = "utf-8"
    ) -> t.IO[t.AnyStr]:
        """Open a file relative to ``root_path``, for reading only.

        :param encoding: used in text mode.
        """
        if mode not in {"r", "rt", "rb"}:
            raise ValueError(
                f"Resources can only be opened for reading, not with mode {mode!r}."
                " Use open_instance_resource to write files."
            )
        path = os.path.join(self.root_path, resource)
        if mode == "rb":
            return open(path, mode)
        return open(path, mode, encoding=encoding)
