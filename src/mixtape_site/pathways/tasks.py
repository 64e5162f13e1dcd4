"""Background work: award stacked credentials, review awards after a revocation."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django_tasks import task

from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.pathways.awards import awards_check, awards_flag_revoked


@task()
def awards_check_task(user_id: int) -> None:
    user = get_user_model().objects.filter(pk=user_id).first()
    if user is not None:  # deleted meanwhile: nothing to award
        awards_check(user=user)


@task()
def awards_flag_revoked_task(credential_id: int) -> None:
    credential = IssuedCredential.objects.filter(pk=credential_id).first()
    if credential is not None:
        awards_flag_revoked(credential=credential)
