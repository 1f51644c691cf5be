"""migrata for Django projects (``INSTALLED_APPS += ["migrata.contrib.django"]``).

* ``manage.py upgradedb --list | --execute | --seed NAME | --create`` and ``manage.py comparedb``
  (nashvegas's interface, seeds/000) over the project's ``DATABASES``;
* ``django:SETTINGS`` as a desired-schema source for ``migrata diff`` and ``autogenerate``: the
  models materialised by Django's own schema editor in a scratch database;
* Python migrations that use the ORM, on migrata's connection and transaction.

Nothing here is imported by migrata unless one of these is used. See docs/django.md.
"""
