"""The JSON body parser of the API, with a size cap."""

from __future__ import annotations

import json
from typing import cast

from django.http import HttpRequest
from ninja.parser import Parser
from ninja.types import DictStrAny

from mixtape_site.api.errors import MAX_BODY_BYTES, BodyTooLarge


class CappedJsonParser(Parser):
    """Refuse bodies over ``MAX_BODY_BYTES`` before decoding them."""

    def parse_body(self, request: HttpRequest) -> DictStrAny:
        declared = request.META.get("CONTENT_LENGTH") or "0"
        if (declared.isdigit() and int(declared) > MAX_BODY_BYTES) or len(
            request.body
        ) > MAX_BODY_BYTES:
            raise BodyTooLarge
        return cast(DictStrAny, json.loads(request.body))
