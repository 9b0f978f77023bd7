"""PostgreSQL row-level security by area: a second barrier behind query scoping (ADR 0015).

Every table of an area-owned model (``scoping.AreaScoped``, found, not listed: a new
app's tables are covered when ``migrate`` runs) has row-level security enabled and one
policy for the role ``sendassure_web``: a row is seen, added or changed only if its
``la`` is among the codes in the session setting ``sendassure.la_codes``. Web requests
switch to that role with their user's areas (``AreaRowSecurityMiddleware``); the
connecting user (the tables' owner, or a superuser) is not subject to the policy, so
imports, the CLI and migrations read and write every area as before.
On SQLite nothing here runs.
"""

from __future__ import annotations

from contextlib import contextmanager

ROLE = "sendassure_web"
SETTING = "sendassure.la_codes"
POLICY = "sendassure_area"


def enabled(connection) -> bool:
    return connection.vendor == "postgresql"


def area_tables(models) -> list[str]:
    from .scoping import AreaScoped

    return sorted({m._meta.db_table for m in models
                   if issubclass(m, AreaScoped) and not m._meta.proxy and m._meta.managed})


def create_role(connection) -> None:
    """The role web requests take (no login, no superuser, no bypass), granted to the
    connecting user so that it may ``SET ROLE`` to it. A role made by a DBA is used as it
    is."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT 1 FROM pg_roles WHERE rolname = %s", [ROLE])
        if not cursor.fetchone():
            cursor.execute(f"""
                DO $$ BEGIN
                    CREATE ROLE {ROLE} NOLOGIN NOSUPERUSER NOBYPASSRLS NOINHERIT;
                EXCEPTION WHEN duplicate_object OR unique_violation THEN NULL;
                END $$""")
        cursor.execute("SELECT pg_has_role(current_user, %s, 'MEMBER')", [ROLE])
        if not cursor.fetchone()[0]:
            cursor.execute(f"GRANT {ROLE} TO CURRENT_USER")


def apply(connection, tables: list[str]) -> list[str]:
    """Enable the policy on ``tables`` that exist and lack it; grant the role the use of
    every table. Idempotent; returns the tables it changed."""
    if not enabled(connection):
        return []
    create_role(connection)
    quote = connection.ops.quote_name
    with connection.cursor() as cursor:
        cursor.execute("SELECT tablename FROM pg_policies WHERE policyname = %s", [POLICY])
        done = {row[0] for row in cursor.fetchall()}
        existing = set(connection.introspection.table_names(cursor))
        changed = [t for t in tables if t in existing and t not in done]
        codes = f"string_to_array(current_setting('{SETTING}', true), ',')"
        for table in changed:
            cursor.execute(f"ALTER TABLE {quote(table)} ENABLE ROW LEVEL SECURITY")
            cursor.execute(f"CREATE POLICY {POLICY} ON {quote(table)} TO {ROLE} "
                           f"USING (la = ANY ({codes})) WITH CHECK (la = ANY ({codes}))")
        cursor.execute(f"GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA "
                       f"public TO {ROLE}")
        cursor.execute(f"GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {ROLE}")
    return changed


def apply_after_migrate(sender, using="default", **kwargs) -> None:
    """``post_migrate``: cover the area tables of apps migrated since (all exist now)."""
    from django.apps import apps
    from django.db import connections

    apply(connections[using], area_tables(apps.get_models()))


def enter(connection, codes) -> None:
    """From here on this connection sees only the areas ``codes``."""
    with connection.cursor() as cursor:
        cursor.execute("SELECT set_config(%s, %s, false), set_config('role', %s, false)",
                       [SETTING, ",".join(codes), ROLE])


def leave(connection) -> None:
    with connection.cursor() as cursor:
        cursor.execute(f"RESET ROLE; RESET {SETTING}")


@contextmanager
def only_areas(connection, codes):
    """Run the block as a web request of a user of ``codes`` would (PostgreSQL only)."""
    enter(connection, codes)
    try:
        yield
    finally:
        leave(connection)


@contextmanager
def as_connecting_user(connection):
    """Run the block as the connecting user even inside a web request: for trusted
    writers that check the areas themselves first (the SEN2 importer, whose PostgreSQL
    ``COPY`` row-level security does not allow)."""
    if not enabled(connection):
        yield
        return
    with connection.cursor() as cursor:
        cursor.execute("SELECT current_setting('role')")
        web = cursor.fetchone()[0] == ROLE
        if web:
            cursor.execute("RESET ROLE")
    try:
        yield
    finally:
        if web:
            with connection.cursor() as cursor:
                cursor.execute("SELECT set_config('role', %s, false)", [ROLE])
