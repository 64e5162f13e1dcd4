"""The demo's pathways: micro-credentials of both colleges that stack into certificates.

Built through the services the management pages use. The learners' progress follows from
their credentials (web/demo/achievements.py AWARDS):

- Amira completes Northern's Data Analytics pathway, Statistics 101 from an academy outside
  the platform standing in for Applied Statistics: the certificate is issued by the award
  task the wallet queues. She also meets Collège Lumière's pathway, whose certificate waits
  for Lumière's approval, and is halfway to the advanced certificate that stacks hers.
- Jean-Philippe is halfway along Lumière's pathway's requirements, and his wayfinding project
  micro-credential (demo/projects.py) covers its visualisation skill: two parts of three.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any, Final

from django_tasks_db.compat import TASKS_LOGGER
from django_tasks_db.management.commands.db_worker import Worker
from django_tasks_db.models import DBTaskResult

from mixtape_site.accounts.models import User
from mixtape_site.achievements.models import Achievement
from mixtape_site.organizations.models import Organization
from mixtape_site.pathways.models import Pathway
from mixtape_site.pathways.services import (
    equivalence_add,
    group_save,
    pathway_create,
    pathway_publish,
)
from mixtape_site.pathways.tasks import awards_check_task
from mixtape_site.web.demo.content import DATA_ANALYSIS, VISUALISATION, text

# The outside credential Amira imports (build.py, _import_external).
STATISTICS_101: Final = {
    "achievement_uri": "https://open-stats-academy.example/courses/statistics-101",
    "name": "Statistics 101",
    "issuer_name": "Open Stats Academy",
}


def group(
    name: dict[str, str], rule: str, steps: list[str], *, count: int | None = None
) -> dict[str, Any]:
    """A requirement group: ``rule`` all / any / at_least (``count``) of the ``steps`` slugs."""
    return {"name": name, "rule": rule, "count": count, "steps": steps}


# Each pathway: its owner, co-defining partners, goal, groups (name, rule, count, steps),
# and per step slug the equivalents accepted in its place. Published in this order: the
# advanced certificate stacks the Data Analytics one, which must be published first.
PATHWAYS: Final[list[dict[str, Any]]] = [
    {
        "organization": "northern-college",
        "partners": ["college-lumiere"],
        "goal": "certificate-data-analytics",
        "name": text("Data Analytics", "Analyse de données"),
        "description": text(
            "Program in Python, query databases, apply statistics and present your results. "
            "Micro-credentials from Northern College and Collège Lumière count alike.",
            "Programmer en Python, interroger des bases de données, appliquer la statistique "
            "et présenter vos résultats. Les microcertifications du Collège Northern et du "
            "Collège Lumière comptent également.",
        ),
        "approval": Pathway.Approval.AUTOMATIC,
        "min_hours": 90,
        "groups": [
            group(
                text("Core skills", "Compétences de base"), "all", ["python-data", "sql-databases"]
            ),
            group(text("Statistics", "Statistique"), "all", ["applied-statistics"]),
            group(
                text("Communicating results", "Communication des résultats"),
                "any",
                ["visualisation-donnees", "communication-affaires"],
            ),
        ],
        "equivalences": {"applied-statistics": [STATISTICS_101]},
    },
    {
        "organization": "college-lumiere",
        "partners": [],
        "goal": "certificat-analytique-affaires",
        "name": text("Business Analytics", "Analytique d'affaires"),
        "description": text(
            "Analyze business data with spreadsheets and dashboards, then add programming or "
            "professional communication. Collège Lumière reviews each certificate.",
            "Analyser des données d'affaires avec des tableurs et des tableaux de bord, puis "
            "y ajouter la programmation ou la communication professionnelle. Le Collège "
            "Lumière examine chaque certificat.",
        ),
        "approval": Pathway.Approval.REVIEW,
        "skills": [DATA_ANALYSIS, VISUALISATION],
        "groups": [
            group(
                text("Analysis tools", "Outils d'analyse"),
                "all",
                ["analyse-tableurs", "visualisation-donnees"],
            ),
            group(
                text("A complementary skill", "Une compétence complémentaire"),
                "at_least",
                ["communication-affaires", "python-data"],
                count=1,
            ),
        ],
        "equivalences": {},
    },
    {
        "organization": "northern-college",
        "partners": [],
        "goal": "advanced-certificate-ml",
        "name": text("Applied Machine Learning", "Apprentissage automatique appliqué"),
        "description": text(
            "The Certificate in Data Analytics and Machine Learning Foundations together "
            "lead to the advanced certificate.",
            "Le Certificat en analyse de données et les Fondements de l'apprentissage "
            "automatique mènent ensemble au certificat avancé.",
        ),
        "approval": Pathway.Approval.AUTOMATIC,
        "groups": [
            group(
                text("Certificate and specialization", "Certificat et spécialisation"),
                "all",
                ["certificate-data-analytics", "ml-foundations"],
            ),
        ],
        "equivalences": {},
    },
]


def demo_pathways(
    *,
    organizations: dict[str, Organization],
    achievements: dict[str, Achievement],
    creators: dict[str, User],
) -> list[Pathway]:
    """Define and publish every demo pathway; ``creators`` by organization slug."""
    return [
        _pathway(data, organizations, achievements, creators[data["organization"]])
        for data in PATHWAYS
    ]


def _pathway(
    data: dict[str, Any],
    organizations: dict[str, Organization],
    achievements: dict[str, Achievement],
    creator: User,
) -> Pathway:
    fields = {key: data[key] for key in ("name", "description", "approval") if key in data}
    fields |= {key: data[key] for key in ("min_hours", "skills") if key in data}
    fields["goal"] = achievements[data["goal"]]
    fields["partners"] = [organizations[slug] for slug in data["partners"]]
    pathway = pathway_create(
        organization=organizations[data["organization"]], data=fields, created_by=creator
    )
    for wanted in data["groups"]:
        saved = group_save(
            pathway=pathway, name=wanted["name"], rule=wanted["rule"], count=wanted["count"],
            achievements=[achievements[slug] for slug in wanted["steps"]],
        )  # fmt: skip
        for slug in wanted["steps"]:
            for equivalent in data["equivalences"].get(slug, []):
                step = saved.steps.get(achievement=achievements[slug])
                equivalence_add(step=step, **equivalent)
    return pathway_publish(pathway=pathway)


def award_checks_run() -> int:
    """Run the award checks the wallets queued, as the task worker would.

    ``make demo`` queues tasks in the database and its worker starts with the web server;
    running these now means the stacked certificates exist when ``demo_data`` reports.
    Other queued tasks (e-mails) are left to the worker. Returns how many checks ran.
    """
    worker = Worker(
        queue_names=["*"], interval=0, batch=True, backend_name="default",
        startup_delay=False, max_tasks=None, worker_id="demo-data", excluded_queue_names=[],
    )  # fmt: skip
    queued = DBTaskResult.objects.ready().filter(task_path=awards_check_task.module_path)
    ran = 0
    with _quiet(TASKS_LOGGER):  # the worker logs each task's start and end
        while (result := queued.first()) is not None:  # a check may queue another (stacking)
            result.claim(worker.worker_id)
            worker.run_task(result)
            result.refresh_from_db()
            if result.traceback:
                raise RuntimeError(f"a demo award check failed:\n{result.traceback}")
            ran += 1
    return ran


@contextmanager
def _quiet(name: str) -> Iterator[None]:
    logger = logging.getLogger(name)
    level = logger.level
    logger.setLevel(logging.WARNING)
    try:
        yield
    finally:
        logger.setLevel(level)
