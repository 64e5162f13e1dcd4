"""Organizations and their members, for platform operators."""

from __future__ import annotations

from typing import Any, ClassVar

from django.contrib import admin
from django.db import models

from mixtape_site.organizations.models import Membership, Organization


class MembershipInline(admin.TabularInline):  # type: ignore[type-arg]
    model = Membership
    extra = 1
    autocomplete_fields = ("user",)
    fields = ("user", "role", "created_at")
    readonly_fields = ("created_at",)


@admin.register(Organization)
class OrganizationAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("slug", "__str__", "kind", "primary_language", "url", "created_at")
    list_filter = ("kind", "primary_language")
    search_fields = ("slug", "name", "url", "email")
    readonly_fields = ("created_at",)
    inlines = (MembershipInline,)
    formfield_overrides: ClassVar[dict[Any, dict[str, Any]]] = {
        models.URLField: {"assume_scheme": "https"}
    }


@admin.register(Membership)
class MembershipAdmin(admin.ModelAdmin):  # type: ignore[type-arg]
    list_display = ("user", "organization", "role", "created_at")
    list_filter = ("role", "organization")
    search_fields = ("user__email", "user__display_name", "organization__slug")
    autocomplete_fields = ("user", "organization")
    list_select_related = ("user", "organization")
