"""The public status lists verifiers fetch: ``/status/<uuid>``."""

from __future__ import annotations

import hashlib
import json
from datetime import datetime
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404
from django.views.decorators.http import condition, require_safe

from mixtape_site.credentials.models import StatusList
from mixtape_site.credentials.statuslists import status_list_document
from mixtape_site.web.negotiation import json_document

# VC 2.0 §6.3: the media type of a credential with an embedded proof.
MEDIA_TYPE = "application/vc"
MAX_AGE = 300


def _etag(request: HttpRequest, uuid: Any) -> str | None:
    status_list = StatusList.objects.filter(uuid=uuid).only("document").first()
    if status_list is None or status_list.document is None:
        return None
    canonical = json.dumps(status_list.document, sort_keys=True).encode()
    return hashlib.sha256(canonical).hexdigest()[:32]


def _last_modified(request: HttpRequest, uuid: Any) -> datetime | None:
    return StatusList.objects.filter(uuid=uuid).values_list("updated_at", flat=True).first()


@require_safe
@condition(etag_func=_etag, last_modified_func=_last_modified)
def status_list(request: HttpRequest, uuid: Any) -> HttpResponse:
    row = get_object_or_404(StatusList.objects.select_related("organization"), uuid=uuid)
    return json_document(status_list_document(row), content_type=MEDIA_TYPE, max_age=MAX_AGE)


def _local_status_list(kwargs: dict[str, Any]) -> dict[str, Any] | None:
    row = StatusList.objects.select_related("organization").filter(uuid=kwargs["uuid"]).first()
    return status_list_document(row) if row else None


status_list.local_document = _local_status_list  # type: ignore[attr-defined]
