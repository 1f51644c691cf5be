"""A small Django project for migrata's tests: Alice's blog and Ben's ticket tracker (seeds/002).

The tests point DATABASES and MIGRATA_MIGRATIONS_DIRECTORY at a fresh database and folder per
test; the values here only make the module importable on its own.
"""

import json
import os
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SECRET_KEY = "tests-only"
USE_TZ = True
DEFAULT_AUTO_FIELD = "django.db.models.BigAutoField"
INSTALLED_APPS = ["migrata.contrib.django", "blog", "tracker"]
DATABASES = json.loads(os.environ.get("MIGRATA_TEST_DJANGO_DATABASES", "null")) or {
    "default": {"ENGINE": "django.db.backends.sqlite3", "NAME": BASE_DIR / "db.sqlite3"}
}
MIGRATA_MIGRATIONS_DIRECTORY = os.environ.get("MIGRATA_TEST_DJANGO_MIGRATIONS")
