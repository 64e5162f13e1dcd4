"""Challenges and funding programs, for platform operators (partners use the management
pages). Funding programs are created here; the audit trail is read-only."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mixtape_site.challenges.models import AuditEvent, Challenge, Criterion, FundingProgram


@admin.register(FundingProgram)
class FundingProgramAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("slug", "__str__", "funder", "max_amount")
    search_fields = ("slug", "name", "funder__slug")


class CriterionInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Criterion
    extra = 0


@admin.register(Challenge)
class ChallengeAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "organization", "kind", "status", "deadline")
    list_filter = ("status", "kind", "organization")
    search_fields = ("uuid", "title", "organization__slug")
    readonly_fields = ("uuid", "created_by", "created_at", "updated_at", "opened_at",
                       "closed_at", "awarded_at")  # fmt: skip
    inlines = (CriterionInline,)


@admin.register(AuditEvent)
class AuditEventAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("created_at", "challenge", "action", "actor_label")
    list_filter = ("action",)

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False

    def has_delete_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
