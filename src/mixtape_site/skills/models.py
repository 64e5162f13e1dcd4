"""Skills frameworks imported by platform operators (ESCO itself is bundled with the code)."""

from __future__ import annotations

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportedFramework(models.Model):
    """A framework (NOC, O*NET, an institution's own) kept as the CSV it was imported from.

    The CSV text is the source of truth: the registry rebuilds the in-memory
    framework from it (see ``skills/registry.py``), so a re-import replaces it whole.
    """

    id = models.SlugField(_("identifier"), primary_key=True, max_length=40)
    name = models.CharField(_("name"), max_length=200)
    version = models.CharField(_("version"), max_length=40, blank=True)
    attribution = models.TextField(_("attribution"), blank=True)
    url = models.URLField(_("web address"), blank=True)
    concepts_csv = models.TextField(_("concepts (CSV)"))
    relations_csv = models.TextField(_("occupation–skill relations (CSV)"), blank=True)
    imported_at = models.DateTimeField(_("imported at"))
    imported_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("imported by"),
    )

    class Meta:
        ordering = ["name", "id"]
        verbose_name = _("imported skills framework")
        verbose_name_plural = _("imported skills frameworks")

    def __str__(self) -> str:
        return f"{self.name} {self.version}".strip()
