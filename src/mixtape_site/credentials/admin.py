"""Issued credentials and their status, read-only: they change only through the services
(which re-sign status lists and write the audit trail)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mixtape_site.credentials.models import IssuedCredential, StatusChange, StatusList


class ReadOnlyAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


class StatusChangeInline(admin.TabularInline):  # type: ignore[type-arg]
    model = StatusChange
    extra = 0
    fields = ("created_at", "action", "reason", "actor", "actor_label")
    readonly_fields = fields

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False


@admin.register(IssuedCredential)
class IssuedCredentialAdmin(ReadOnlyAdmin):
    list_display = (
        "recipient_name",
        "recipient_email",
        "achievement",
        "organization",
        "state",
        "issued_on",
        "claimed_at",
    )
    list_filter = ("state", "organization", ("claimed_at", admin.EmptyFieldListFilter))
    search_fields = ("uuid", "recipient_name", "recipient_email", "external_id")
    list_select_related = ("achievement", "organization")
    date_hierarchy = "issued_on"
    exclude = ("identity_salt", "claim_token", "dedupe_key")
    inlines = (StatusChangeInline,)


@admin.register(StatusList)
class StatusListAdmin(ReadOnlyAdmin):
    list_display = ("uuid", "organization", "purpose", "next_index", "length", "updated_at")
    list_filter = ("purpose", "organization")
    search_fields = ("uuid", "organization__slug")
    exclude = ("bits",)


@admin.register(StatusChange)
class StatusChangeAdmin(ReadOnlyAdmin):
    list_display = ("credential", "action", "actor_label", "created_at")
    list_filter = ("action",)
    search_fields = ("credential__uuid", "credential__recipient_email", "reason", "actor_label")
    list_select_related = ("credential__achievement",)
