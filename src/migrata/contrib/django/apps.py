"""The Django application: it has no models (the history is migrata's own table)."""

from __future__ import annotations

from types import ModuleType

from django.apps import AppConfig


class MigrataConfig(AppConfig):
    name = "migrata.contrib.django"
    label = "migrata"  # "django" would be the default label, and it reads like Django's own
    verbose_name = "migrata"

    def __init__(self, app_name: str, app_module: ModuleType | None) -> None:
        super().__init__(app_name, app_module)
        from django.conf import settings

        from migrata.contrib.django.databases import prepare_driver

        # Django's MySQL backend imports MySQLdb as soon as a model is defined (models read
        # the connection's name limits), which is before any ready() runs: app configs are
        # made first, so this is the place to let PyMySQL stand in for mysqlclient.
        prepare_driver(settings.DATABASES)
