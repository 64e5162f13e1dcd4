"""``{{ concept|concept_label }}``: a framework concept's label in the reader's language."""

from __future__ import annotations

from django import template
from django.utils.translation import get_language

from mixtape.skills import Concept

register = template.Library()


@register.filter
def concept_label(concept: Concept) -> str:
    return concept.label(get_language() or "en")
