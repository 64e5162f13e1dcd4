"""Links to projects from the challenge pages (owned by the challenges app), in one query."""

from __future__ import annotations

from typing import Any

from django import template

from mixtape_site.challenges.models import Challenge
from mixtape_site.projects.selectors import challenge_projects

register = template.Library()


@register.inclusion_tag("projects/_challenge_projects.html")
def challenge_project_links(challenge: Challenge, organization: Any = None) -> dict[str, Any]:
    """The challenge's projects; with ``organization`` (the partner), the management pages."""
    return {"projects": challenge_projects(challenge=challenge), "organization": organization}
