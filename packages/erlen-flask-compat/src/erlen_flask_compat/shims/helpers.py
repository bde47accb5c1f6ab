"""``flask.helpers``."""

from __future__ import annotations

from erlen import flash as flash
from erlen import get_flashed_messages as get_flashed_messages
from erlen.helpers import abort as abort
from erlen.helpers import make_response as make_response
from erlen.helpers import redirect as redirect
from erlen.helpers import send_file as send_file
from erlen.helpers import send_from_directory as send_from_directory
from erlen.helpers import url_for as url_for
from erlen.sansio.paths import get_root_path as get_root_path
from erlen_contexts import stream_with_context as stream_with_context
from erlen_flask_compat.helpers import get_debug_flag as get_debug_flag
from erlen_flask_compat.helpers import get_load_dotenv as get_load_dotenv
from erlen_templating import get_template_attribute as get_template_attribute
