"""Trigram indexes for the issuer's search of credentials, on PostgreSQL only.

The search matches part of a name, e-mail address or external id (Django's
``icontains``: ``UPPER(column::text) LIKE UPPER('%…%')``). On PostgreSQL, GIN
trigram indexes over exactly those expressions answer it without reading every
row of the issuer; SQLite keeps the same query and scans (small databases). The
indexes live here, not in ``Meta.indexes``, because a GIN index cannot be created
on SQLite; without the pg_trgm extension (not installable) the search still works,
only slower, and a warning says so. The indexes are built CONCURRENTLY (outside a
transaction) so that a platform with millions of credentials keeps issuing meanwhile.
"""

import logging

from django.db import migrations, transaction

logger = logging.getLogger(__name__)

TABLE = "credentials_issuedcredential"
COLUMNS = {
    "credential_name_trgm": "recipient_name",
    "credential_email_trgm": "recipient_email",
    "credential_external_id_trgm": "external_id",
}


def trigram_indexes_create(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    try:
        with transaction.atomic(using=schema_editor.connection.alias):
            schema_editor.execute("CREATE EXTENSION IF NOT EXISTS pg_trgm")
    except Exception:  # no contrib package, or no right to create it: search scans
        logger.warning("pg_trgm is not available: the credential search will not be indexed")
        return
    for name, column in COLUMNS.items():
        schema_editor.execute(
            f"CREATE INDEX CONCURRENTLY IF NOT EXISTS {name} ON {TABLE} "
            f"USING gin ((UPPER({column}::text)) gin_trgm_ops)"
        )


def trigram_indexes_drop(apps, schema_editor):
    if schema_editor.connection.vendor != "postgresql":
        return
    for name in COLUMNS:
        schema_editor.execute(f"DROP INDEX CONCURRENTLY IF EXISTS {name}")


class Migration(migrations.Migration):
    atomic = False  # CREATE INDEX CONCURRENTLY cannot run in a transaction
    dependencies = [("credentials", "0002_credential_list_indexes")]

    operations = [migrations.RunPython(trigram_indexes_create, trigram_indexes_drop)]
