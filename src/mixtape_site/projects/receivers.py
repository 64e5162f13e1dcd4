"""Signal receivers: an awarded proposal becomes a project in the award's transaction."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from mixtape_site.challenges.models import Proposal
from mixtape_site.projects.services import project_start


def on_proposal_awarded(
    sender: Any, *, proposal: Proposal, actor: Any, now: datetime, **kwargs: Any
) -> None:
    project_start(proposal=proposal, actor=actor, now=now)
