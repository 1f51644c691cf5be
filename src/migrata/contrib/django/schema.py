"""``django:SETTINGS[:ALIAS]``: Django models as a desired schema for diff and autogenerate.

The models are materialised by Django itself — ``schema_editor().create_model`` for every
model of every installed app, M2M tables included, as Django's ``migrate --run-syncdb`` would —
in a scratch database of the target's kind, and read back by migrata's reflection. So the
types, indexes and constraints compared are exactly the ones Django would create there.
"""

from __future__ import annotations

import importlib
import os
import sys
from pathlib import Path
from typing import TYPE_CHECKING

from migrata.errors import ConfigError, MigrationFailed

if TYPE_CHECKING:
    from django.db.backends.base.base import BaseDatabaseWrapper
    from django.db.models import Model

    from migrata.schema.model import Schema

PREFIX = "django:"
#: The alias under which the scratch connection is known to Django while models are created
#: (Django's schema editor looks its connection up by alias to open a transaction).
SCRATCH_ALIAS = "migrata_scratch"


def parse_spec(spec: str) -> tuple[str, str]:
    """``django:mysite.settings:replica`` → (``mysite.settings``, ``replica``).

    An empty module means the settings Django is already configured with in this process.
    """
    module, _, alias = spec.removeprefix(PREFIX).partition(":")
    return module.strip(), alias.strip() or "default"


def setup_django(module: str) -> None:
    """Configure Django from the settings *module*, unless it already is (then it must match)."""
    try:
        import django
        from django.conf import settings
    except ImportError:
        raise ConfigError("the django: source needs Django: pip install 'migrata[django]'") from None
    if settings.configured:
        current = getattr(settings, "SETTINGS_MODULE", None)
        if module and current and module != current:
            raise ConfigError(
                f"Django is already configured with {current} in this process, so "
                f"django:{module} cannot be loaded too"
            )
    elif not module:
        raise ConfigError("the django: source needs a settings module, e.g. django:mysite.settings")
    else:
        _import_settings(module)
        # As manage.py does; django.setup() reads it.
        os.environ["DJANGO_SETTINGS_MODULE"] = module
    from django.apps import apps

    from migrata.contrib.django.databases import prepare_driver

    if not apps.ready:
        prepare_driver(settings.DATABASES)  # defining a model loads a backend (see apps.py)
        try:
            django.setup()
        except Exception as exc:
            raise ConfigError(f"Django could not set up {module or 'its settings'}: {type(exc).__name__}: {exc}") from None


def _import_settings(module: str) -> None:
    # manage.py runs with its folder on sys.path; the migrata command runs from the project
    # folder, so that folder is where the settings package is looked for.
    here = str(Path.cwd())
    if here not in sys.path and "" not in sys.path:
        sys.path.insert(0, here)
    try:
        importlib.import_module(module)
    except ImportError as exc:
        raise ConfigError(
            f"cannot import the Django settings {module!r} ({exc}); run migrata in the folder "
            "that holds manage.py, or put that folder on PYTHONPATH"
        ) from None


def materialize_models(url: str, spec: str, *, scratch_url: str | None = None) -> Schema:
    """The schema Django creates for the installed apps' models, on a database of *url*'s kind."""
    from django.db import Error as DjangoError

    from migrata.contrib.django.databases import hide_password, installed, new_connection
    from migrata.schema.materialize import OWN_TABLES, reflect_url, scratch_database

    module, alias = parse_spec(spec)
    setup_django(module)
    with scratch_database(url, scratch_url=scratch_url) as scratch:
        connection = new_connection(scratch, SCRATCH_ALIAS)
        try:
            with installed(SCRATCH_ALIAS, connection):
                create_models(connection, alias)
        except DjangoError as exc:
            reason = str(exc).strip().splitlines()[0] if str(exc).strip() else type(exc).__name__
            message = f"Django's schema editor failed in a scratch database: {reason}"
            raise MigrationFailed(hide_password(message, scratch), database="a scratch database") from exc
        finally:
            connection.close()
        return reflect_url(scratch, exclude=OWN_TABLES)


def create_models(connection: BaseDatabaseWrapper, alias: str = "default") -> None:
    """Create every model's table that Django's routers allow on *alias*, on *connection*."""
    with connection.schema_editor() as editor:
        for model in migratable_models(connection, alias):
            editor.create_model(model)


def migratable_models(connection: BaseDatabaseWrapper, alias: str) -> list[type[Model]]:
    """The models Django's ``migrate`` would create on *alias*, referenced tables first.

    Auto-created M2M tables are left to ``create_model`` of the model that declares the field.
    The order matters on backends that write foreign keys inline (SQLite); a cycle of foreign
    keys is broken in name order, which SQLite accepts (it checks references only on writes)
    and the other backends never see (their keys are added after every table).
    """
    from django.apps import apps
    from django.db import router

    models = [
        model
        for model in apps.get_models()
        if model._meta.managed
        and not model._meta.proxy
        and model._meta.can_migrate(connection)
        and router.allow_migrate_model(alias, model)
    ]
    models.sort(key=lambda m: (m._meta.app_label, m._meta.model_name))
    wanted = set(models)
    needs = {
        model: {
            field.related_model
            for field in model._meta.local_fields
            if field.remote_field is not None and field.related_model in wanted
            and field.related_model is not model
        }
        for model in models
    }
    ordered: list[type[Model]] = []
    done: set[type[Model]] = set()
    while len(ordered) < len(models):
        ready = [m for m in models if m not in done and needs[m] <= done]
        if not ready:  # a cycle: take the first remaining model
            ready = [next(m for m in models if m not in done)]
        for model in ready:
            ordered.append(model)
            done.add(model)
    return ordered
