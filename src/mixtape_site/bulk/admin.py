"""Bulk uploads, read-only: the task and the services own their state."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mixtape_site.bulk.models import BulkIssue


@admin.register(BulkIssue)
class BulkIssueAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "filename",
        "organization",
        "achievement",
        "state",
        "valid_rows",
        "issued_count",
        "skipped_count",
        "created_at",
        "finished_at",
    )
    list_filter = ("state", "organization")
    search_fields = ("uuid", "filename", "sha256", "organization__slug")
    list_select_related = ("organization", "achievement")
    exclude = ("content",)  # learners' names and e-mails: not needed to follow a batch

    def has_add_permission(self, request: HttpRequest) -> bool:
        return False

    def has_change_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
