"""Signing keys, read-only: the encrypted private key is never loaded into the admin."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.db.models import QuerySet
from django.http import HttpRequest

from mixtape_site.issuers.models import SigningKey


@admin.register(SigningKey)
class SigningKeyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("organization", "public_multibase", "created_at", "retired_at")
    list_filter = ("organization", ("retired_at", admin.EmptyFieldListFilter))
    search_fields = ("organization__slug", "public_multibase")
    fields = ("organization", "public_multibase", "created_at", "retired_at")
    readonly_fields = fields
    exclude = ("encrypted_private_key",)
    list_select_related = ("organization",)

    def get_queryset(self, request: HttpRequest) -> QuerySet[SigningKey]:
        return super().get_queryset(request).defer("encrypted_private_key")

    # Keys are made and rotated by the issuer (issuers.services), never typed in here.
    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
