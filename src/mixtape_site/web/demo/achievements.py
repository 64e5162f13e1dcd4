"""The demo's micro-credentials: every Ontario framework field, in English and French."""

from __future__ import annotations

from decimal import Decimal
from typing import Any, Final

from mixtape_site.web.demo.content import (
    COMMUNICATION,
    DATA_ANALYSIS,
    DATA_MINING,
    FRENCH,
    MACHINE_LEARNING,
    POSTGRESQL,
    PYTHON,
    SPREADSHEETS,
    SQL,
    STATISTICS,
    VISUALISATION,
    text,
)


def micro_credential(
    slug: str,
    *,
    organization: str,
    name: dict[str, str],
    description: dict[str, str],
    skills: list[dict[str, Any]],
    hours: int,
    outcomes: list[dict[str, str]],
    **extra: Any,
) -> dict[str, Any]:
    return {
        "slug": slug,
        "organization": organization,
        "name": name,
        "description": description,
        "skills": skills,
        "hours": hours,
        "learning_outcomes": outcomes,
        "criteria": text(
            "Complete every module and pass the summative assessment.",
            "Terminer tous les modules et réussir l'évaluation sommative.",
        ),
        "assessment": text(
            "A practical project reviewed by an instructor.",
            "Un projet pratique évalué par un ou une enseignante.",
        ),
        "assessment_evidence": text(
            "The submitted project and its review.", "Le projet remis et son évaluation."
        ),
        "delivery_mode": "online",
        "languages": ["en", "fr"],
        "cost": Decimal("350.00"),
        "duration_weeks": 6,
        "status": "published",
        **extra,
    }


ACHIEVEMENTS: Final = [
    micro_credential(
        "python-data",
        organization="northern-college",
        name=text("Python for Data Analysis", "Python pour l'analyse de données"),
        description=text(
            "Clean, explore and summarize real data sets with Python and pandas.",
            "Nettoyer, explorer et résumer de vrais jeux de données avec Python et pandas.",
        ),
        skills=[PYTHON, DATA_ANALYSIS, STATISTICS],
        hours=40,
        cip_code="11.0701",
        noc_codes=["21211", "21223"],
        credit_value=Decimal("3"),
        validity_months=60,
        outcomes=[
            text("Load and clean tabular data.", "Charger et nettoyer des données tabulaires."),
            text(
                "Summarize data with descriptive statistics.",
                "Résumer des données avec des statistiques descriptives.",
            ),
        ],
        partner="maple-analytics",
    ),
    micro_credential(
        "sql-databases",
        organization="northern-college",
        name=text("SQL and Relational Databases", "SQL et bases de données relationnelles"),
        description=text(
            "Design schemas and query PostgreSQL databases with confidence.",
            "Concevoir des schémas et interroger des bases PostgreSQL avec aisance.",
        ),
        skills=[SQL, POSTGRESQL],
        hours=30,
        cip_code="11.0802",
        noc_codes=["21223"],
        delivery_mode="hybrid",
        outcomes=[
            text(
                "Write joins, aggregates and window queries.",
                "Écrire des jointures, des agrégats et des fonctions de fenêtrage.",
            ),
            text(
                "Normalize a schema to third normal form.",
                "Normaliser un schéma en troisième forme normale.",
            ),
        ],
        partner="maple-analytics",
    ),
    micro_credential(
        "ml-foundations",
        organization="northern-college",
        name=text("Machine Learning Foundations", "Fondements de l'apprentissage automatique"),
        description=text(
            "Train, evaluate and explain supervised learning models.",
            "Entraîner, évaluer et expliquer des modèles d'apprentissage supervisé.",
        ),
        skills=[MACHINE_LEARNING, PYTHON, STATISTICS],
        hours=60,
        cip_code="11.0102",
        noc_codes=["21211"],
        credit_value=Decimal("4"),
        duration_weeks=10,
        outcomes=[
            text(
                "Choose and validate a model for a prediction task.",
                "Choisir et valider un modèle pour une tâche de prédiction.",
            )
        ],
    ),
    micro_credential(
        "applied-statistics",
        organization="northern-college",
        name=text("Applied Statistics for Analysts", "Statistique appliquée pour analystes"),
        description=text(
            "Estimate, test hypotheses and model relationships in business data.",
            "Estimer, tester des hypothèses et modéliser des relations dans des données "
            "d'affaires.",
        ),
        skills=[STATISTICS, DATA_ANALYSIS],
        hours=30,
        cip_code="27.0501",
        noc_codes=["21223"],
        credit_value=Decimal("3"),
        outcomes=[
            text(
                "Choose and run the right test for a question.",
                "Choisir et effectuer le bon test pour une question.",
            ),
            text(
                "Fit and interpret a linear regression.",
                "Ajuster et interpréter une régression linéaire.",
            ),
        ],
    ),
    micro_credential(
        "visualisation-donnees",
        organization="college-lumiere",
        name=text("Data Visualization", "Visualisation des données"),
        description=text(
            "Tell clear stories with charts and dashboards.",
            "Raconter des histoires claires avec des graphiques et des tableaux de bord.",
        ),
        skills=[VISUALISATION, COMMUNICATION],
        hours=25,
        languages=["fr"],
        cip_code="11.0104",
        noc_codes=["21223", "11200"],
        delivery_mode="in_person",
        cost=Decimal("0"),
        outcomes=[
            text(
                "Pick the right chart for a question.",
                "Choisir le bon graphique pour une question.",
            ),
            text("Build an accessible dashboard.", "Créer un tableau de bord accessible."),
        ],
    ),
    micro_credential(
        "communication-affaires",
        organization="college-lumiere",
        name=text("Workplace Communication in French", "Communication professionnelle en français"),
        description=text(
            "Write and present clearly in French in a professional setting.",
            "Rédiger et présenter clairement en français en milieu professionnel.",
        ),
        skills=[FRENCH, COMMUNICATION],
        hours=45,
        languages=["fr"],
        noc_codes=["13110"],
        delivery_mode="hybrid",
        outcomes=[
            text("Write a structured business report.", "Rédiger un rapport d'affaires structuré."),
            text("Lead a short meeting.", "Animer une courte réunion."),
        ],
    ),
    micro_credential(
        "analyse-tableurs",
        organization="college-lumiere",
        name=text("Spreadsheet Analytics", "Analyse avec tableurs"),
        description=text(
            "Analyze business data with spreadsheet formulas and pivot tables.",
            "Analyser des données d'affaires avec des formules et des tableaux croisés.",
        ),
        skills=[SPREADSHEETS, DATA_ANALYSIS],
        hours=15,
        languages=["fr", "en"],
        cost=Decimal("120.00"),
        validity_months=36,
        outcomes=[
            text(
                "Build pivot tables to answer business questions.",
                "Créer des tableaux croisés pour répondre à des questions d'affaires.",
            )
        ],
    ),
    micro_credential(
        "exploration-donnees",
        organization="college-lumiere",
        name=text("Data Mining", "Exploration de données"),
        description=text(
            "Find patterns in large data sets.",
            "Trouver des régularités dans de grands jeux de données.",
        ),
        skills=[DATA_MINING, STATISTICS],
        hours=35,
        status="draft",
        outcomes=[
            text(
                "Apply clustering to customer data.",
                "Appliquer le partitionnement à des données clients.",
            )
        ],
    ),
]


def certificate(
    slug: str, *, organization: str, name: dict[str, str], description: dict[str, str],
    skills: list[dict[str, Any]], hours: int, **extra: Any,
) -> dict[str, Any]:  # fmt: skip
    """A goal credential: earned by completing a pathway (see pathways.py), not a course."""
    return micro_credential(
        slug, organization=organization, name=name, description=description, skills=skills,
        hours=hours, outcomes=[], duration_weeks=None, cost=Decimal("0"), delivery_mode="hybrid",
        criteria=text(
            "Earn the micro-credentials of the pathway that leads to this certificate.",
            "Obtenir les microcertifications du parcours qui mène à ce certificat.",
        ),
        assessment=text(
            "Each micro-credential of the pathway has its own summative assessment.",
            "Chaque microcertification du parcours a sa propre évaluation sommative.",
        ),
        assessment_evidence=text(
            "The micro-credentials that met the pathway, listed as evidence.",
            "Les microcertifications qui ont rempli le parcours, citées comme preuves.",
        ),
        **extra,
    )  # fmt: skip


# Goal credentials of the demo's pathways (web/demo/pathways.py).
CERTIFICATES: Final = [
    certificate(
        "certificate-data-analytics",
        organization="northern-college",
        name=text("Certificate in Data Analytics", "Certificat en analyse de données"),
        description=text(
            "Clean and query data, apply statistics and present the results, with four "
            "micro-credentials from Northern College and Collège Lumière.",
            "Nettoyer et interroger des données, appliquer la statistique et présenter les "
            "résultats, grâce à quatre microcertifications du Collège Northern et du Collège "
            "Lumière.",
        ),
        skills=[PYTHON, SQL, STATISTICS, DATA_ANALYSIS],
        hours=125,
        cip_code="11.0802",
        noc_codes=["21223"],
        credit_value=Decimal("9"),
    ),
    certificate(
        "certificat-analytique-affaires",
        organization="college-lumiere",
        name=text("Business Analytics Certificate", "Certificat en analytique d'affaires"),
        description=text(
            "Turn business data into decisions with spreadsheets, dashboards and clear reports.",
            "Transformer des données d'affaires en décisions avec des tableurs, des tableaux "
            "de bord et des rapports clairs.",
        ),
        skills=[SPREADSHEETS, DATA_ANALYSIS, VISUALISATION],
        hours=85,
        languages=["fr", "en"],
        noc_codes=["11200"],
    ),
    certificate(
        "advanced-certificate-ml",
        organization="northern-college",
        name=text(
            "Advanced Certificate in Applied Machine Learning",
            "Certificat avancé en apprentissage automatique appliqué",
        ),
        description=text(
            "Holders of the Certificate in Data Analytics learn to train, validate and "
            "explain prediction models.",
            "Les titulaires du Certificat en analyse de données apprennent à entraîner, "
            "valider et expliquer des modèles de prédiction.",
        ),
        skills=[MACHINE_LEARNING, PYTHON, STATISTICS],
        hours=185,
        cip_code="11.0102",
        noc_codes=["21211"],
        credit_value=Decimal("13"),
    ),
]

# (achievement slug, learner e-mail, result, claimed by the learner)
AWARDS: Final = [
    ("python-data", "amira@learner.example", "A", True),
    ("sql-databases", "amira@learner.example", "A-", True),
    ("visualisation-donnees", "amira@learner.example", "Réussi", True),
    ("python-data", "jean@learner.example", "B+", True),
    ("communication-affaires", "jean@learner.example", "Réussi", True),
    ("ml-foundations", "sam@learner.example", "B", False),
    ("analyse-tableurs", "sam@learner.example", "", False),
    # Completes Collège Lumière's pathway, whose certificate waits for its approval.
    ("analyse-tableurs", "amira@learner.example", "Réussi", True),
]
REVOKED: Final = (
    "ml-foundations",
    "sam@learner.example",
    "Academic integrity review: assessment resubmission required.",
)
