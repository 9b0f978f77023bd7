"""PostgreSQL row-level security by area (ADR 0015): the role web requests take, and a
policy on every area table that exists now. ``post_migrate`` covers tables of apps
migrated later (``core.row_security.apply_after_migrate``). Nothing happens on SQLite."""

from django.db import migrations


def enable(apps, schema_editor):
    from django.apps import apps as current

    from sendassure.core import row_security

    row_security.apply(schema_editor.connection,
                       row_security.area_tables(current.get_models()))


class Migration(migrations.Migration):
    dependencies = [("core", "0005_revoked_session")]

    operations = [migrations.RunPython(enable, migrations.RunPython.noop, elidable=False)]
