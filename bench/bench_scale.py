"""Scale: the wallet, the issuer's award list and search, and the catalogue at 10k and 1M.

Runs on a throw-away PostgreSQL database (``mixtape_benchscale``, created and dropped
here), with production settings (DEBUG off, the full middleware) and Django's test
Client, so a figure is the server time of one request: middleware, view, queries and
template, without the network. Each page is requested ``--repeat`` times after a
warm-up; the bench prints the median and p95, the number of SQL queries of one
request, and the ratio of the large to the small case (the target is 2x at most).
Figures only: nothing here asserts a timing.

How the rows are made: a few thousand credentials are issued for real
(``credentials_issue_batch``: signed documents, status slots, dedupe keys) over four
issuers, three micro-credentials each, and realistic names and e-mail addresses, plus
30 credentials for one learner (25 claimed into the wallet, 5 waiting). Signing a
million takes about 15 minutes, so the rest are copied server-side in PostgreSQL
(``INSERT … SELECT`` over ``generate_series``): each copy takes a real row's issuer,
micro-credential, signing key, status lists and signed document, and gets a new uuid,
recipient name and e-mail (from name lists), external id, issue date (spread over
years), dedupe key, claim token and status indexes (past the lists' length: the pages
measured never read the bits), and a state (2% revoked, 1% suspended).

    python bench/bench_scale.py            # 10,000 then 1,000,000 (about 10 minutes)
    python bench/bench_scale.py --quick    # 10,000 then 100,000 (about 2 minutes)
    python bench/bench_scale.py --size 300000 --repeat 50
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import timedelta
from pathlib import Path
from typing import Any

from benchsite import postgres_drop, site_configure

HERE = Path(__file__).resolve().parent
PG_NAME = "mixtape_benchscale"
DUMMY_TASKS = "django_tasks.backends.dummy.DummyBackend"
SMALL = 10_000
ORGANIZATIONS = 4
ACHIEVEMENTS_PER_ORGANIZATION = 3
CATALOGUE_EXTRA = 48  # published micro-credentials nobody was awarded yet
REAL = 3_000  # credentials signed for real before the copies
LEARNER_CREDENTIALS = 30
LEARNER_WAITING = 5
LEARNER_EMAIL = "lea.tremblay@example.org"
INSERT_ROWS = 100_000  # rows per INSERT … SELECT statement
FIRST = [
    "Léa",
    "Olivia",
    "Emma",
    "Alice",
    "Chloé",
    "Zoé",
    "Charlotte",
    "Florence",
    "Rosalie",
    "Béatrice",
    "Amélie",
    "Maya",
    "Noah",
    "Liam",
    "William",
    "Thomas",
    "Jacob",
    "Félix",
    "Nathan",
    "Samuel",
    "Gabriel",
    "Arthur",
    "Omar",
    "Mohamed",
    "Wei",
    "Priya",
    "Aisha",
    "Carlos",
    "Sofia",
    "Hiroshi",
    "Anika",
    "Mateo",
    "Fatima",
    "Jonas",
    "Ingrid",
    "Kwame",
    "Nadia",
    "Pablo",
    "Yara",
    "Tariq",
]
LAST = [
    "Tremblay",
    "Gagnon",
    "Roy",
    "Côté",
    "Bouchard",
    "Gauthier",
    "Morin",
    "Lavoie",
    "Fortin",
    "Gagné",
    "Ouellet",
    "Pelletier",
    "Bélanger",
    "Lévesque",
    "Bergeron",
    "Leblanc",
    "Paquette",
    "Girard",
    "Simard",
    "Boucher",
    "Caron",
    "Beaulieu",
    "Cloutier",
    "Dubé",
    "Poirier",
    "Fournier",
    "Lapointe",
    "Leclerc",
    "Lefebvre",
    "Poulin",
    "Thibault",
    "St-Pierre",
    "Nadeau",
    "Martin",
    "Landry",
    "Martel",
    "Bédard",
    "Grenier",
    "Lessard",
    "Bernier",
    "Smith",
    "Brown",
    "Wilson",
    "Singh",
    "Nguyen",
    "Patel",
    "Chen",
    "Khan",
    "Ali",
    "Garcia",
    "Rodriguez",
    "Kim",
    "Park",
    "Müller",
    "Rossi",
    "Silva",
    "Cohen",
    "Murphy",
    "Walsh",
    "Johnson",
]


def configure() -> None:
    data = tempfile.mkdtemp(prefix="mixtape-bench-scale-")
    # No task runs here (the rows are made directly): the dummy backend keeps it so.
    site_configure(data=data, database_url=f"postgresql:///{PG_NAME}", tasks=DUMMY_TASKS)


# --- the rows ---------------------------------------------------------------------------


def person(i: int) -> tuple[str, str]:
    first, last = FIRST[i % len(FIRST)], LAST[(i // len(FIRST)) % len(LAST)]
    ascii_ = str.maketrans("éèêàâçôöüÉÈ", "eeeaacoouEE")
    return f"{first} {last}", f"{first}.{last}.{i}@example.org".lower().translate(ascii_)


def fixtures() -> dict[str, Any]:
    sys.path.insert(0, str(HERE.parent))
    from tests.site.factories import published_achievement_create  # noqa: PLC0415

    from mixtape_site.accounts.models import User  # noqa: PLC0415
    from mixtape_site.organizations.models import Membership, Organization  # noqa: PLC0415

    staff = User.objects.create_user("staff@bench.example", password="a-long-bench-password-1")
    organizations, achievements = [], []
    for o in range(ORGANIZATIONS):
        organization = Organization.objects.create(
            slug=f"college-{o}",
            name={"en": f"College {o}", "fr": f"Collège {o}"},
            kind=Organization.Kind.INSTITUTION,
            url=f"https://college{o}.example",
            email=f"registrar@college{o}.example",
        )
        Membership.objects.create(
            organization=organization, user=staff, role=Membership.Role.ISSUER
        )
        organizations.append(organization)
        for a in range(ACHIEVEMENTS_PER_ORGANIZATION + CATALOGUE_EXTRA // ORGANIZATIONS):
            achievement = published_achievement_create(organization=organization, created_by=staff)
            achievement.name = {"en": f"Data Analysis {o}.{a}", "fr": f"Analyse de données {o}.{a}"}
            achievement.hours = 10 + 5 * a
            achievement.save()
            if a < ACHIEVEMENTS_PER_ORGANIZATION:
                achievements.append(achievement)
    learner = User.objects.create_user(LEARNER_EMAIL, password="a-long-bench-password-1")
    from allauth.account.models import EmailAddress  # noqa: PLC0415

    EmailAddress.objects.create(user=learner, email=LEARNER_EMAIL, verified=True, primary=True)
    return {
        "staff": staff,
        "organizations": organizations,
        "achievements": achievements,
        "learner": learner,
    }


def issue_real(rows: dict[str, Any]) -> None:
    """Sign REAL credentials over the micro-credentials, and the learner's 30."""
    from mixtape_site.credentials.bulk_issue import credentials_issue_batch  # noqa: PLC0415
    from mixtape_site.credentials.models import IssuedCredential  # noqa: PLC0415
    from mixtape_site.credentials.services import Recipient  # noqa: PLC0415
    from mixtape_site.wallet.services import wallet_claim_discovered  # noqa: PLC0415

    achievements, staff, learner = rows["achievements"], rows["staff"], rows["learner"]
    each = REAL // len(achievements)
    for a, achievement in enumerate(achievements):
        recipients = []
        for i in range(a * each, (a + 1) * each):
            name, email = person(i)
            recipients.append(Recipient(name=name, email=email, external_id=f"S-{i}"))
        credentials_issue_batch(achievement=achievement, recipients=recipients, issued_by=staff)
    for i in range(LEARNER_CREDENTIALS):
        achievement = achievements[i % len(achievements)]
        recipient = Recipient(
            name="Léa Tremblay",
            email=LEARNER_EMAIL,
            external_id=f"L-{i}",
            issued_on=_now() - timedelta(days=30 * i),
        )
        credentials_issue_batch(achievement=achievement, recipients=[recipient], issued_by=staff)
    held = IssuedCredential.objects.filter(recipient_email=LEARNER_EMAIL).order_by("id")
    for credential in held[: LEARNER_CREDENTIALS - LEARNER_WAITING]:
        wallet_claim_discovered(user=learner, issued_credential=credential)


def _now() -> Any:
    from django.utils import timezone  # noqa: PLC0415

    return timezone.now()


COPY_SQL = """
INSERT INTO credentials_issuedcredential (
    uuid, organization_id, achievement_id, recipient_name, recipient_email, identity_salt,
    issued_on, valid_until, result, evidence_url, external_id, dedupe_key, document,
    signing_key_id, state, revocation_list_id, revocation_index, suspension_list_id,
    suspension_index, claim_token, claimed_by_id, claimed_at, batch_id, issued_by_id,
    created_at)
SELECT gen_random_uuid(), t.organization_id, t.achievement_id,
    f.name || ' ' || l.name,
    lower(translate(f.name || '.' || l.name, 'éèêàâçôöüÉÈ', 'eeeaacoouEE'))
        || '.' || g.n || '@example.org',
    t.identity_salt,
    now() - g.n * interval '2 minutes', t.valid_until, t.result, t.evidence_url,
    'S-' || g.n,
    encode(sha256(('dedupe-' || g.n)::bytea), 'hex'),
    t.document, t.signing_key_id,
    CASE WHEN g.n %% 50 = 0 THEN 'revoked' WHEN g.n %% 97 = 0 THEN 'suspended'
         ELSE 'active' END,
    t.revocation_list_id, 100000000 + g.n, t.suspension_list_id, 100000000 + g.n,
    encode(sha256(('claim-' || g.n)::bytea), 'hex'), NULL, NULL, NULL, t.issued_by_id,
    now() - g.n * interval '2 minutes'
FROM generate_series(%(start)s, %(stop)s) AS g(n)
JOIN bench_template t ON t.rn = g.n %% %(templates)s
JOIN bench_first f ON f.rn = g.n %% %(firsts)s
JOIN bench_last l ON l.rn = (g.n / %(firsts)s) %% %(lasts)s
"""


def grow(target: int, progress: Callable[[str], None]) -> float:
    """Copy real rows until the table holds ``target`` credentials; seconds taken."""
    from django.db import connection  # noqa: PLC0415

    start_time = time.perf_counter()
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT count(*), coalesce(max(revocation_index), 0) FROM credentials_issuedcredential"
        )
        count, _top = cursor.fetchone()
        cursor.execute("SELECT count(*) FROM pg_class WHERE relname = 'bench_template'")
        if not cursor.fetchone()[0]:
            _templates(cursor)
        cursor.execute("SELECT count(*) FROM bench_template")
        templates = cursor.fetchone()[0]
        cursor.execute("SELECT coalesce(max(n), 0) FROM bench_counter")
        made = cursor.fetchone()[0]
        while count < target:
            rows = min(INSERT_ROWS, target - count)
            params = {
                "start": made + 1,
                "stop": made + rows,
                "templates": templates,
                "firsts": len(FIRST),
                "lasts": len(LAST),
            }
            cursor.execute(COPY_SQL, params)
            made, count = made + rows, count + rows
            cursor.execute("INSERT INTO bench_counter VALUES (%s)", [made])
            progress(f"  … {count:,} credentials ({time.perf_counter() - start_time:.0f} s)")
        # A live table is vacuumed by autovacuum: without it, index-only scans read the heap.
        cursor.execute("VACUUM ANALYZE")
    return time.perf_counter() - start_time


def _templates(cursor: Any) -> None:
    cursor.execute(
        "CREATE TABLE bench_template AS SELECT row_number() OVER (ORDER BY id) - 1 AS rn, * "
        "FROM credentials_issuedcredential WHERE recipient_email <> %s",
        [LEARNER_EMAIL],
    )
    cursor.execute("CREATE UNIQUE INDEX ON bench_template (rn)")
    for table, names in (("bench_first", FIRST), ("bench_last", LAST)):
        cursor.execute(f"CREATE TABLE {table} (rn int PRIMARY KEY, name text)")
        cursor.executemany(f"INSERT INTO {table} VALUES (%s, %s)", list(enumerate(names)))
    cursor.execute("CREATE TABLE bench_counter (n bigint)")


# --- the measurements --------------------------------------------------------------------


def pages(rows: dict[str, Any]) -> dict[str, tuple[str, Any]]:
    """Page label -> (URL, user): the pages the issue names."""
    organization = rows["organizations"][0].slug
    staff, learner = rows["staff"], rows["learner"]
    name, email = person(7)
    listing = f"/manage/{organization}/credentials/"
    return {
        "wallet (30 credentials)": ("/wallet/", learner),
        "award list, page 1": (listing, staff),
        "award list, page 40": (f"{listing}?page=40", staff),
        f"award search, name {name!r}": (f"{listing}?q={name.replace(' ', '+')}", staff),
        f"award search, e-mail {email.split('@')[0]}…": (
            f"{listing}?q={email.split('@')[0]}",
            staff,
        ),
        # One person: the same single row at every size (a name shared by 1 in 2,400
        # learners shows a full page at 1M, a row or two at 10k).
        "award search, one person's e-mail": (f"{listing}?q={email}", staff),
        "catalogue": ("/achievements/", None),
        "catalogue search 'data'": ("/achievements/?q=data", None),
        "catalogue search, nothing found": ("/achievements/?q=zzyzx", None),
    }


def measure(rows: dict[str, Any], repeat: int) -> dict[str, tuple[float, float, int, int]]:
    """Page label -> (median ms, p95 ms, queries, status)."""
    from django.db import connection  # noqa: PLC0415
    from django.test import Client  # noqa: PLC0415

    figures = {}
    for label, (url, user) in pages(rows).items():
        client = Client()
        if user is not None:
            client.force_login(user)
        for _ in range(3):  # warm: caches, templates, the catalogue index
            client.get(url, secure=True)
        queries: list[str] = []
        with connection.execute_wrapper(_counting(queries)):
            response = client.get(url, secure=True)
        times = []
        for _ in range(repeat):
            start = time.perf_counter()
            client.get(url, secure=True)
            times.append((time.perf_counter() - start) * 1000)
        p95 = statistics.quantiles(times, n=20)[-1] if len(times) > 1 else times[0]
        figures[label] = (statistics.median(times), p95, len(queries), response.status_code)
    return figures


def _counting(queries: list[str]) -> Callable[..., Any]:
    def wrapper(execute: Callable[..., Any], sql: str, *args: Any) -> Any:
        queries.append(sql)
        return execute(sql, *args)

    return wrapper


def table_size() -> str:
    from django.db import connection  # noqa: PLC0415

    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pg_size_pretty(pg_total_relation_size('credentials_issuedcredential'))"
        )
        return str(cursor.fetchone()[0])


def report(small: dict[str, Any], large: dict[str, Any], size: int, repeat: int) -> None:
    print(f"\nserver time per request, median / p95 of {repeat} (ms), queries per request")
    print(f"{'page':42} {SMALL:>10,} {'':14} {size:>10,} {'':14} {'ratio':>6}")
    for label, (median, p95, queries, status) in small.items():
        big = large[label]
        flag = "" if status == big[3] == 200 else f"  (HTTP {status}/{big[3]})"
        print(
            f"{label:42} {median:8.1f} /{p95:6.1f} q{queries:<3} "
            f"{big[0]:8.1f} /{big[1]:6.1f} q{big[2]:<3} {big[0] / median:5.2f}x{flag}"
        )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--size", type=int, default=1_000_000, help="the large case")
    parser.add_argument("--quick", action="store_true", help="100,000 as the large case")
    parser.add_argument("--repeat", type=int, default=30, help="requests per page")
    parser.add_argument("--keep", action="store_true", help="keep the database")
    args = parser.parse_args()
    size = 100_000 if args.quick else args.size
    configure()
    try:
        run(size, args.repeat)
    finally:
        if not args.keep:
            postgres_drop(PG_NAME)


def run(size: int, repeat: int) -> None:
    def say(line: str) -> None:
        print(line, flush=True)

    say(f"scale bench, PostgreSQL, {os.cpu_count()} cores: {SMALL:,} then {size:,} credentials")
    rows = fixtures()
    start = time.perf_counter()
    issue_real(rows)
    say(
        f"signed for real: {REAL + LEARNER_CREDENTIALS:,} credentials "
        f"({time.perf_counter() - start:.0f} s), "
        f"{ORGANIZATIONS} issuers x {ACHIEVEMENTS_PER_ORGANIZATION} micro-credentials; "
        f"{CATALOGUE_EXTRA} more in the catalogue"
    )
    say(f"copied server-side to {SMALL:,}: {grow(SMALL, say):.0f} s, table {table_size()}")
    small = measure(rows, repeat)
    say(f"copied server-side to {size:,}: {grow(size, say):.0f} s, table {table_size()}")
    large = measure(rows, repeat)
    report(small, large, size, repeat)


if __name__ == "__main__":
    main()
