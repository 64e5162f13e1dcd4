"""Micro-credentials and their employer partners, for platform operators."""

from __future__ import annotations

from django.contrib import admin

from mixtape_site.achievements.models import Achievement, AchievementPartner


class PartnerInline(admin.TabularInline):  # type: ignore[type-arg]
    model = AchievementPartner
    extra = 0
    autocomplete_fields = ("organization",)
    fields = ("organization", "endorsed_at", "endorsed_by")
    readonly_fields = ("endorsed_at", "endorsed_by")


@admin.register(Achievement)
class AchievementAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = (
        "__str__",
        "organization",
        "status",
        "hours",
        "delivery_mode",
        "updated_at",
        "published_at",
    )
    list_filter = ("status", "delivery_mode", "organization")
    search_fields = ("uuid", "name", "cip_code", "organization__slug")
    readonly_fields = ("uuid", "created_by", "created_at", "updated_at", "published_at")
    autocomplete_fields = ("organization",)
    list_select_related = ("organization",)
    inlines = (PartnerInline,)


@admin.register(AchievementPartner)
class AchievementPartnerAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("achievement", "organization", "endorsed_at")
    list_filter = (("endorsed_at", admin.EmptyFieldListFilter),)
    search_fields = ("achievement__uuid", "organization__slug")
    readonly_fields = ("endorsed_at", "endorsed_by", "endorsement_document")
    autocomplete_fields = ("achievement", "organization")
