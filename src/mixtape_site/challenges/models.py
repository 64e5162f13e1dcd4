"""The innovation space: partners post challenges and calls for proposals, institutions
answer with proposals, partners and invited reviewers score them, and the partner awards.

Projects (an awarded proposal carried out, ending in micro-credentials for the students)
build on these rows.
"""

from __future__ import annotations

import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from mixtape_site.organizations.models import Organization
from mixtape_site.web.bilingual import BilingualField, in_language

TRL_VALIDATORS = [MinValueValidator(1), MaxValueValidator(9)]


class FundingProgram(models.Model):
    """A funder's program that can pay for challenge work (e.g. a research partnership grant)."""

    slug = models.SlugField(_("short name"), max_length=60, unique=True)
    funder = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="funding_programs"
    )
    name = BilingualField(_("name"))
    description = BilingualField(_("description"), blank=True)
    url = models.URLField(_("website"), blank=True)
    max_amount = models.DecimalField(
        _("maximum amount (CAD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )

    class Meta:
        ordering = ["slug"]
        verbose_name = _("funding program")
        verbose_name_plural = _("funding programs")

    def __str__(self) -> str:
        return in_language(self.name) or self.slug


class Challenge(models.Model):
    class Kind(models.TextChoices):
        CHALLENGE = "challenge", _("Challenge")
        CALL = "call", _("Call for proposals")

    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        OPEN = "open", pgettext_lazy("challenge status", "Open")
        CLOSED = "closed", _("Closed")
        AWARDED = "awarded", pgettext_lazy("challenge status", "Awarded")

    class Visibility(models.TextChoices):
        AFTER_DEADLINE = "after_deadline", _("After the deadline")
        ON_SUBMISSION = "on_submission", _("As soon as they are submitted")

    class Language(models.TextChoices):
        EN = "en", _("English")
        FR = "fr", _("French")
        BOTH = "both", _("English or French")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="challenges"
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.CHALLENGE)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    title = BilingualField(_("title"))
    problem = BilingualField(_("problem statement"))
    outcomes = BilingualField(_("desired outcomes"))
    # Skills sought, the same shape as Achievement.skills: [{"url", "name", "framework", …}].
    skills = models.JSONField(_("skills needed"), default=list, blank=True)
    # Keys of challenges.disciplines.DISCIPLINES.
    disciplines = models.JSONField(_("disciplines"), default=list, blank=True)
    trl_min = models.PositiveSmallIntegerField(
        _("lowest technology readiness level"), validators=TRL_VALIDATORS, default=1
    )
    trl_max = models.PositiveSmallIntegerField(
        _("highest technology readiness level"), validators=TRL_VALIDATORS, default=9
    )
    starts_on = models.DateField(_("work starts"), null=True, blank=True)
    ends_on = models.DateField(_("work ends"), null=True, blank=True)
    budget = models.DecimalField(
        _("budget (CAD)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    funding_programs = models.ManyToManyField(
        FundingProgram, blank=True, related_name="challenges", verbose_name=_("funding programs")
    )
    language = models.CharField(
        _("language of proposals"), max_length=8, choices=Language.choices, default=Language.BOTH
    )
    deadline = models.DateTimeField(_("proposal deadline"))
    proposals_visible = models.CharField(
        _("the partner sees proposals"),
        max_length=20,
        choices=Visibility.choices,
        default=Visibility.AFTER_DEADLINE,
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    opened_at = models.DateTimeField(null=True, blank=True)
    closed_at = models.DateTimeField(null=True, blank=True)
    awarded_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["deadline", "id"]
        indexes = [models.Index(fields=["status", "deadline"])]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(trl_min__lte=models.F("trl_max")), name="trl_range_in_order"
            )
        ]
        verbose_name = _("challenge")
        verbose_name_plural = _("challenges")

    def __str__(self) -> str:
        return in_language(self.title) or str(self.uuid)


class Criterion(models.Model):
    """A published review criterion; each proposal is scored 0..max_points on it."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="criteria")
    position = models.PositiveSmallIntegerField(default=0)
    name = BilingualField(_("name"))
    description = BilingualField(_("description"), blank=True)
    max_points = models.PositiveSmallIntegerField(
        _("points"), default=10, validators=[MinValueValidator(1), MaxValueValidator(100)]
    )

    class Meta:
        ordering = ["position", "id"]
        verbose_name = _("review criterion")
        verbose_name_plural = _("review criteria")

    def __str__(self) -> str:
        return in_language(self.name)


class Attachment(models.Model):
    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to="challenges/")
    name = models.CharField(_("name"), max_length=200)
    content_type = models.CharField(max_length=100)
    size = models.PositiveIntegerField()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["id"]
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")

    def __str__(self) -> str:
        return self.name


class Proposal(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", _("Draft")
        SUBMITTED = "submitted", _("Submitted")
        WITHDRAWN = "withdrawn", pgettext_lazy("proposal status", "Withdrawn")
        AWARDED = "awarded", pgettext_lazy("proposal status", "Awarded")
        NOT_SELECTED = "not_selected", _("Not selected")

    uuid = models.UUIDField(default=uuid.uuid4, unique=True, editable=False)
    challenge = models.ForeignKey(Challenge, on_delete=models.PROTECT, related_name="proposals")
    organization = models.ForeignKey(
        Organization, on_delete=models.PROTECT, related_name="proposals"
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    title = models.CharField(_("title"), max_length=200)
    language = models.CharField(_("language"), max_length=8, choices=settings.LANGUAGES)
    summary = models.TextField(_("summary"))
    approach = models.TextField(_("approach"))
    # [{"title": str, "due": "YYYY-MM-DD", "deliverable": str}], in order.
    milestones = models.JSONField(_("milestones"), default=list, blank=True)
    budget = models.DecimalField(_("budget (CAD)"), max_digits=12, decimal_places=2)
    funding_program = models.ForeignKey(
        FundingProgram,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="proposals",
        verbose_name=_("requested funding program"),
    )
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    decided_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-updated_at", "-id"]
        indexes = [models.Index(fields=["challenge", "status"])]
        verbose_name = _("proposal")
        verbose_name_plural = _("proposals")

    def __str__(self) -> str:
        return self.title


class TeamMember(models.Model):
    class Role(models.TextChoices):
        LEAD = "lead", _("Principal investigator")
        FACULTY = "faculty", _("Faculty")
        STUDENT = "student", _("Student")
        STAFF = "staff", _("Staff")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="team")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="proposal_memberships",
    )
    name = models.CharField(_("name"), max_length=200)
    email = models.EmailField(_("e-mail"))
    role = models.CharField(_("role"), max_length=20, choices=Role.choices)
    program = models.CharField(_("program or department"), max_length=200, blank=True)

    class Meta:
        ordering = ["id"]
        constraints = [
            models.UniqueConstraint(fields=["proposal", "email"], name="one_membership_per_email")
        ]
        verbose_name = _("team member")
        verbose_name_plural = _("team members")

    def __str__(self) -> str:
        return self.name


class Reviewer(models.Model):
    """Someone the partner invited to review one challenge's proposals (partner staff review
    too, without an invitation). They see only the proposals assigned to them."""

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="reviewers")
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_invitations"
    )
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["challenge", "user"], name="invite_reviewer_once")
        ]
        verbose_name = _("reviewer")
        verbose_name_plural = _("reviewers")

    def __str__(self) -> str:
        return f"{self.user} – {self.challenge}"


class Assignment(models.Model):
    """One reviewer, one proposal: the conflict-of-interest declaration and the scores."""

    class Conflict(models.TextChoices):
        UNDECLARED = "undeclared", _("Not declared yet")
        NONE = "none", _("No conflict of interest")
        CONFLICT = "conflict", _("Conflict of interest")

    proposal = models.ForeignKey(Proposal, on_delete=models.CASCADE, related_name="assignments")
    reviewer = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="review_assignments"
    )
    conflict = models.CharField(
        _("conflict of interest"),
        max_length=20,
        choices=Conflict.choices,
        default=Conflict.UNDECLARED,
    )
    conflict_note = models.TextField(_("conflict explanation"), blank=True)
    comment = models.TextField(_("overall comment"), blank=True)
    submitted_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(fields=["proposal", "reviewer"], name="assign_reviewer_once")
        ]
        verbose_name = _("review assignment")
        verbose_name_plural = _("review assignments")

    def __str__(self) -> str:
        return f"{self.reviewer} – {self.proposal}"


class Score(models.Model):
    assignment = models.ForeignKey(Assignment, on_delete=models.CASCADE, related_name="scores")
    criterion = models.ForeignKey(Criterion, on_delete=models.CASCADE, related_name="scores")
    points = models.PositiveSmallIntegerField(_("points"))
    comment = models.TextField(_("comment"), blank=True)

    class Meta:
        constraints = [
            models.UniqueConstraint(
                fields=["assignment", "criterion"], name="score_each_criterion_once"
            )
        ]
        verbose_name = _("score")
        verbose_name_plural = _("scores")

    def __str__(self) -> str:
        return f"{self.criterion}: {self.points}"


class AuditEvent(models.Model):
    """Append-only trail of every decision on a challenge and its proposals."""

    class Action(models.TextChoices):
        CREATED = "created", _("Created")
        OPENED = "opened", _("Opened")
        EDITED = "edited", _("Edited")
        CLOSED = "closed", _("Closed")
        SUBMITTED = "submitted", _("Proposal submitted")
        WITHDRAWN = "withdrawn", _("Proposal withdrawn")
        REVIEWER_INVITED = "reviewer_invited", _("Reviewer invited")
        ASSIGNED = "assigned", _("Proposal assigned for review")
        CONFLICT_DECLARED = "conflict_declared", _("Conflict of interest declared")
        REVIEWED = "reviewed", _("Review submitted")
        AWARDED = "awarded", _("Proposal awarded")
        NOT_SELECTED = "not_selected", _("Proposal not selected")

    challenge = models.ForeignKey(Challenge, on_delete=models.CASCADE, related_name="audit")
    proposal = models.ForeignKey(
        Proposal, on_delete=models.CASCADE, null=True, blank=True, related_name="audit"
    )
    action = models.CharField(max_length=30, choices=Action.choices)
    actor = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    actor_label = models.CharField(max_length=200, blank=True)
    detail = models.JSONField(default=dict, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["created_at", "id"]
        verbose_name = _("audit event")
        verbose_name_plural = _("audit events")

    def __str__(self) -> str:
        return f"{self.get_action_display()} – {self.challenge}"
