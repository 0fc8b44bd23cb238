"""Settings for the test suite: the web platform's own, with a throwaway data folder and tasks run inline."""

from __future__ import annotations

import os
import tempfile

os.environ.setdefault("RIGHTSCOPE_WEB_DATA", tempfile.mkdtemp(prefix="rightscope-web-test-"))
os.environ.setdefault("RIGHTSCOPE_TASKS", "immediate")

from rightscope.web.settings import *  # noqa: F403

PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]  # fast hashing for test users only
AXES_ENABLED = True

os.makedirs(STATIC_ROOT, exist_ok=True)  # noqa: F405 (whitenoise warns about a missing folder)
