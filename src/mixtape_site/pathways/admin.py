"""Pathways and their awards, for platform operators (issuers use the management pages)."""

from __future__ import annotations

from typing import Any

from django.contrib import admin
from django.http import HttpRequest

from mixtape_site.pathways.models import (
    Equivalence,
    Pathway,
    PathwayAward,
    PathwayGroup,
    PathwayStep,
)


class GroupInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PathwayGroup
    extra = 0
    fields = ("position", "name", "rule", "count")


@admin.register(Pathway)
class PathwayAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "organization", "status", "goal", "approval", "published_at")
    list_filter = ("status", "approval", "organization")
    search_fields = ("uuid", "name", "organization__slug")
    readonly_fields = ("uuid", "created_by", "created_at", "updated_at", "published_at")
    autocomplete_fields = ("organization", "partners", "goal")
    list_select_related = ("organization", "goal")
    inlines = (GroupInline,)


class StepInline(admin.TabularInline):  # type: ignore[type-arg]
    model = PathwayStep
    extra = 0
    autocomplete_fields = ("achievement",)


@admin.register(PathwayGroup)
class PathwayGroupAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "pathway", "rule", "count", "position")
    list_select_related = ("pathway",)
    search_fields = ("pathway__name", "name")
    inlines = (StepInline,)


@admin.register(PathwayStep)
class PathwayStepAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "group", "position")
    list_select_related = ("achievement", "group")
    autocomplete_fields = ("achievement",)


@admin.register(Equivalence)
class EquivalenceAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("__str__", "step", "achievement_uri", "issuer_name")
    list_select_related = ("achievement", "step__achievement")
    autocomplete_fields = ("achievement",)


@admin.register(PathwayAward)
class PathwayAwardAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    """Awards are made by the platform (exactly once per learner); operators only look."""

    list_display = ("__str__", "state", "needs_review", "created_at", "decided_at")
    list_filter = ("state", "needs_review")
    search_fields = ("learner__email", "pathway__name")
    list_select_related = ("pathway", "learner")
    readonly_fields = (
        "pathway", "learner", "state", "credential", "contributing", "needs_review",
        "review_reason", "decided_by", "decided_at", "created_at",
    )  # fmt: skip

    def has_add_permission(self, request: HttpRequest, obj: Any = None) -> bool:
        return False
