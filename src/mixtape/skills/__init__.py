"""Skills frameworks in English and French, and matching text to skills. No Django here.

The bundled framework is ESCO v1.1.1 ("This service uses the ESCO classification of
the European Commission."); others come from a CSV::

    from mixtape.skills import load_framework, skills_in_text, suggest

    esco = load_framework("esco")                   # cached; about 0.2 s the first time
    suggest(esco, "pyhton", language="fr")          # typo-tolerant autocomplete
    skills_in_text(esco, posting)                   # posting (en or fr) → ranked skills

Search indexes are built on first use per framework and language (about 1 s);
a site may call :func:`warm_up` at start-up.
"""

from mixtape.skills.csvio import framework_from_csv, framework_to_csv
from mixtape.skills.index import stem_index, word_index
from mixtape.skills.match import (
    OccupationSkills,
    SkillGap,
    category_of,
    occupation_skills,
    skill_gap,
    skills_in_text,
)
from mixtape.skills.model import SKILL_KINDS, Concept, Framework, Kind, UnknownConceptError
from mixtape.skills.search import Match, Suggestion, find_occupations, suggest
from mixtape.skills.store import load_framework
from mixtape.skills.text import detect_language


def warm_up(framework: Framework) -> None:
    """Build the framework's search indexes now rather than on the first query."""
    for language in ("en", "fr"):
        stem_index(framework, language, SKILL_KINDS)
        stem_index(framework, language, frozenset({"occupation"}))
    word_index(framework, SKILL_KINDS)


__all__ = [
    "SKILL_KINDS",
    "Concept",
    "Framework",
    "Kind",
    "Match",
    "OccupationSkills",
    "SkillGap",
    "Suggestion",
    "UnknownConceptError",
    "category_of",
    "detect_language",
    "find_occupations",
    "framework_from_csv",
    "framework_to_csv",
    "load_framework",
    "occupation_skills",
    "skill_gap",
    "skills_in_text",
    "suggest",
    "warm_up",
]
