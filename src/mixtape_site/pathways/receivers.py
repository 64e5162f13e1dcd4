"""Pathways listen to the wallet and to credentials (connected in apps.py).

A credential added to a wallet may complete a pathway; a revoked credential may have
counted toward an award. Both kinds of work run as tasks once the transaction commits.
"""

from __future__ import annotations

from functools import partial
from typing import Any

from django.db import transaction

from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.pathways.tasks import awards_check_task, awards_flag_revoked_task


def on_credential_added(sender: Any, *, user: Any, credential: Any, **kwargs: Any) -> None:
    transaction.on_commit(partial(awards_check_task.enqueue, user.pk))


def on_credential_state_changed(
    sender: Any, *, credential: IssuedCredential, state: str, **kwargs: Any
) -> None:
    if state == IssuedCredential.State.REVOKED:
        awards_flag_revoked_task.enqueue(credential.pk)  # sent after commit already
