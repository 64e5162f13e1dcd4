"""The platform set up for a benchmark: production-like settings (DEBUG off, a fresh
secret and master key, cached templates, hashed static files) on a throw-away
database, so a bench never touches a developer's data.

Imported by the site benches (``bench_play``, ``bench_verify_api``, ``bench_scale``),
which run as scripts from this folder.
"""

from __future__ import annotations

import os
import secrets
import subprocess
from urllib.parse import urlsplit

TEST_TASKS = "django_tasks.backends.immediate.ImmediateBackend"


def site_configure(
    *, data: str, database_url: str | None, tasks: str = TEST_TASKS,
    allowed_hosts: str = "testserver,localhost,127.0.0.1",
) -> str | None:  # fmt: skip
    """Configure and migrate the platform in this process (and the environment a server
    started from it inherits); returns the PostgreSQL database to drop, if any.

    ``database_url`` None: SQLite under ``data``; else a PostgreSQL database whose name
    starts with ``mixtape_bench``, created afresh.
    """
    os.environ.update(
        MIXTAPE_DEBUG="0",
        MIXTAPE_WARM_SKILLS="0",
        MIXTAPE_SECRET_KEY=secrets.token_urlsafe(50),
        MIXTAPE_MASTER_KEY=secrets.token_urlsafe(50),
        MIXTAPE_DATA_DIR=data,
        MIXTAPE_ALLOWED_HOSTS=allowed_hosts,
        MIXTAPE_VERIFY_FETCH_REMOTE="0",
        MIXTAPE_LOG_LEVEL="WARNING",
        DJANGO_SETTINGS_MODULE="mixtape_site.config.settings",
        MIXTAPE_TASK_BACKEND=tasks,
        MIXTAPE_EMAIL_BACKEND="django.core.mail.backends.locmem.EmailBackend",
    )
    pg_name = postgres_recreate(database_url) if database_url else None
    os.environ["DATABASE_URL"] = database_url or f"sqlite:///{data}/bench.sqlite3"
    import django  # noqa: PLC0415 - settings must be configured first

    django.setup()
    from django.core.management import call_command  # noqa: PLC0415

    call_command("migrate", verbosity=0)
    # DEBUG off serves hashed static names: the manifest must exist to render a page.
    call_command("collectstatic", verbosity=0, interactive=False)
    return pg_name


def postgres_recreate(database_url: str) -> str:
    """Drop and create the bench's own database; refuses any other name."""
    name = urlsplit(database_url).path.lstrip("/")
    if not name.startswith("mixtape_bench"):
        raise SystemExit(f"refusing to drop and create {name!r}: use a mixtape_bench… name")
    subprocess.run(["dropdb", "--if-exists", name], check=True)
    subprocess.run(["createdb", name], check=True)
    return name


def postgres_drop(name: str) -> None:
    from django.db import connections  # noqa: PLC0415

    connections.close_all()
    subprocess.run(["dropdb", "--if-exists", name], check=True)
