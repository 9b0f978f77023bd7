"""A database made by the previous release upgrades to this one with every row kept.

The previous release's migrations are hard-coded below: they are the last migration of
each app at commit 5e0ce30 (the parent of f044605, the last commit landed before issue
13's enquiries hub and issue 12's health app added apps; found with
``git ls-tree -r --name-only 5e0ce30 | grep migrations/0``). When a release is cut, move
them on to that release's leaves.
"""

from __future__ import annotations

import pytest
from django.core.management import call_command
from django.db import connection, transaction
from django.db.migrations.executor import MigrationExecutor

from sendassure.core.backups.tables import columns, insert, models_of, rows

from .test_backups import empty_every_table
from .test_url_roles import sample_url_kwargs

PREVIOUS_RELEASE = {
    "benchmarks": "0003_published_outcomes",
    "casework": "0003_exclusions",
    "core": "0005_revoked_session",
    "figures": "0001_initial",
    "ingest": "0003_mask_values_failing_their_format",
    "plan": "0003_coproduction",
    "quality": "0001_initial",
    "voice": "0003_remedies_lessons_comments",
    "web": "0002_remove_dashboardfact",
}


def previous_release_targets(executor) -> list[tuple[str, str | None]]:
    """Every app at the previous release: ours at its leaves (an app it did not have at
    none), Django's and other packages' as they are now."""
    ours = _our_apps()
    targets = []
    for app, name in executor.loader.graph.leaf_nodes():
        if app in PREVIOUS_RELEASE:
            targets.append((app, PREVIOUS_RELEASE[app]))
        elif app in ours:
            targets.append((app, None))
        else:
            targets.append((app, name))
    return targets


def _our_apps() -> set[str]:
    from django.apps import apps

    return {c.label for c in apps.get_app_configs() if c.name.startswith("sendassure.")}


def test_the_previous_release_knew_these_migrations():
    from django.db.migrations.loader import MigrationLoader

    graph = MigrationLoader(None, ignore_no_migrations=True).graph
    for app, name in PREVIOUS_RELEASE.items():
        assert (app, name) in graph.nodes


@pytest.mark.django_db(transaction=True)
def test_a_database_of_the_previous_release_upgrades_with_every_row_kept(
        tmp_path, settings, make_user):
    """Rows the real importer and the app's own services made, written into the previous
    release's schema (its columns only), survive ``migrate`` to this release unchanged."""
    settings.EVIDENCE_ROOT = str(tmp_path / "evidence")
    make_user("analyst")
    sample_url_kwargs(tmp_path)
    executor = MigrationExecutor(connection)
    targets = previous_release_targets(executor)
    old = executor.loader.project_state([t for t in targets if t[1]], at_end=True).apps
    old_models = models_of(old)
    made = {m._meta.db_table: ([f.attname for f in columns(m)], list(rows(m)))
            for m in old_models}
    assert made["casework_person"][1] and made["plan_plan"][1] and made["voice_complaint"][1]

    empty_every_table()
    try:
        MigrationExecutor(connection).migrate(targets)
        assert "enquiries_enquiry" not in connection.introspection.table_names()
        with transaction.atomic():
            for model in old_models:
                names, data = made[model._meta.db_table]
                if data:
                    insert(connection, model, names, data)
    finally:
        call_command("migrate", interactive=False, verbosity=0)

    assert "enquiries_enquiry" in connection.introspection.table_names()
    for model in old_models:
        table = model._meta.db_table
        assert sorted(rows(model), key=repr) == sorted(made[table][1], key=repr), table
