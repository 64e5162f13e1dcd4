"""Forms for proposals (with milestone and team rows that grow without JavaScript), review
(conflict declaration, scores) and the partner's invitations, assignments and awards."""

from __future__ import annotations

from decimal import Decimal
from typing import Any

from django import forms
from django.contrib.auth import get_user_model
from django.core.exceptions import ValidationError
from django.db.models import QuerySet
from django.forms.formsets import BaseFormSet, formset_factory
from django.http import QueryDict
from django.utils.translation import gettext_lazy as _

from mixtape_site.challenges.models import Assignment, Challenge, Criterion, Proposal, TeamMember
from mixtape_site.challenges.proposals import (
    TEAM_EMAIL_TWICE,
    TEAM_NEEDS_LEAD,
    Member,
    Milestone,
    ProposalData,
)
from mixtape_site.challenges.review import ScoreInput
from mixtape_site.web.bilingual import in_language

LANGUAGE_NAMES = {"en": _("English"), "fr": _("French")}
ADD_MILESTONE = "add_milestone"
ADD_MEMBER = "add_member"


class ProposalForm(forms.Form):
    title = forms.CharField(label=_("Title"), max_length=200)
    language = forms.ChoiceField(label=_("Language of the proposal"))
    summary = forms.CharField(label=_("Summary"), widget=forms.Textarea(attrs={"rows": 4}))
    approach = forms.CharField(label=_("Approach"), widget=forms.Textarea(attrs={"rows": 8}))
    budget = forms.DecimalField(
        label=_("Budget (CAD)"), min_value=Decimal(0), max_digits=12, decimal_places=2
    )
    funding_program = forms.ModelChoiceField(
        label=_("Requested funding program"),
        queryset=Challenge.objects.none(),
        required=False,
        empty_label=_("None"),
    )

    def __init__(self, *args: Any, challenge: Challenge, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        accepted = (
            ["en", "fr"] if challenge.language == Challenge.Language.BOTH else [challenge.language]
        )
        self.fields["language"].choices = [(code, LANGUAGE_NAMES[code]) for code in accepted]
        programs = self.fields["funding_program"]
        programs.queryset = challenge.funding_programs.all()  # type: ignore[attr-defined]
        programs.label_from_instance = lambda program: in_language(program.name)  # type: ignore[attr-defined]


class MilestoneForm(forms.Form):
    title = forms.CharField(label=_("Milestone"), max_length=200)
    due = forms.DateField(label=_("Due date"), widget=forms.DateInput(attrs={"type": "date"}))
    deliverable = forms.CharField(label=_("Deliverable"), max_length=500, required=False)


class MemberForm(forms.Form):
    name = forms.CharField(label=_("Name"), max_length=200)
    email = forms.EmailField(label=_("E-mail"))
    role = forms.ChoiceField(label=_("Role"), choices=[("", "---------"), *TeamMember.Role.choices])
    program = forms.CharField(label=_("Program or department"), max_length=200, required=False)


class RowsFormSet(BaseFormSet):  # type: ignore[type-arg]
    """Rows shown from ``rows`` (the saved ones, or what was typed before "add a row");
    every row is optional, so a blank row is simply skipped."""

    def __init__(self, *args: Any, rows: list[dict[str, Any]] | None = None, **kwargs: Any):
        super().__init__(*args, initial=rows, **kwargs)
        self.extra = len(rows or [])

    def initial_form_count(self) -> int:
        return 0

    def kept(self) -> list[dict[str, Any]]:
        return [
            form.cleaned_data
            for form in self.forms
            if form.has_changed() and not form.cleaned_data.get("DELETE")
        ]

    def typed_rows(self) -> list[dict[str, Any]]:
        """The raw values typed in each row not marked for removal (no validation)."""
        rows = []
        for form in self.forms:
            if form["DELETE"].value():
                continue
            rows.append({name: form[name].value() for name in form.base_fields})
        return rows


class TeamFormSet(RowsFormSet):
    def clean(self) -> None:
        if any(self.errors):
            return
        members = self.kept()
        if not any(row["role"] == TeamMember.Role.LEAD for row in members):
            raise ValidationError(TEAM_NEEDS_LEAD)
        if len({row["email"].lower() for row in members}) != len(members):
            raise ValidationError(TEAM_EMAIL_TWICE)


MilestoneFormSet = formset_factory(MilestoneForm, formset=RowsFormSet, extra=0, can_delete=True)
MemberFormSet = formset_factory(MemberForm, formset=TeamFormSet, extra=0, can_delete=True)


class ProposalEditor:
    """The proposal form and its two row sets, edited and re-rendered together."""

    def __init__(
        self,
        challenge: Challenge,
        data: QueryDict | None = None,
        initial: dict[str, Any] | None = None,
        milestones: list[dict[str, Any]] | None = None,
        team: list[dict[str, Any]] | None = None,
    ) -> None:
        self.challenge = challenge
        self.form = ProposalForm(data, initial=initial, challenge=challenge)
        self.milestones = MilestoneFormSet(data, prefix="milestones", rows=milestones)
        self.team = MemberFormSet(data, prefix="team", rows=team)

    @classmethod
    def for_proposal(cls, proposal: Proposal) -> ProposalEditor:
        initial = {
            name: getattr(proposal, name)
            for name in ("title", "language", "summary", "approach", "budget")
        }
        initial["funding_program"] = proposal.funding_program_id
        team = list(proposal.team.values("name", "email", "role", "program"))
        return cls(proposal.challenge, None, initial, list(proposal.milestones), team)

    @classmethod
    def blank(cls, challenge: Challenge, user: Any) -> ProposalEditor:
        lead = {"name": user.display_name, "email": user.email, "role": TeamMember.Role.LEAD}
        language = "fr" if challenge.language == Challenge.Language.FR else "en"
        return cls(challenge, None, {"language": language}, [{}], [lead])

    def with_row(self, which: str) -> ProposalEditor:
        """Everything typed so far, unvalidated, plus one empty row of ``which``."""
        initial = {name: self.form[name].value() for name in self.form.fields}
        milestones = self.milestones.typed_rows() + ([{}] if which == ADD_MILESTONE else [])
        team = self.team.typed_rows() + ([{}] if which == ADD_MEMBER else [])
        return ProposalEditor(self.challenge, None, initial, milestones, team)

    def is_valid(self) -> bool:
        return all([self.form.is_valid(), self.milestones.is_valid(), self.team.is_valid()])

    def proposal_data(self) -> ProposalData:
        data = self.form.cleaned_data
        return ProposalData(
            title=data["title"],
            language=data["language"],
            summary=data["summary"],
            approach=data["approach"],
            budget=data["budget"],
            funding_program=data["funding_program"],
            milestones=[
                Milestone(title=row["title"], due=row["due"], deliverable=row["deliverable"])
                for row in self.milestones.kept()
            ],
            team=[
                Member(name=r["name"], email=r["email"], role=r["role"], program=r["program"])
                for r in self.team.kept()
            ],
        )

    def add_errors(self, error: ValidationError) -> None:
        if not hasattr(error, "error_dict"):
            self.form.add_error(None, error)
            return
        for name, errors in error.error_dict.items():
            self.form.add_error(name if name in self.form.fields else None, errors)


class ConflictForm(forms.Form):
    conflict = forms.ChoiceField(
        label=_("Do you have a conflict of interest with this proposal?"),
        choices=[
            (Assignment.Conflict.NONE, _("No, I have no conflict of interest")),
            (Assignment.Conflict.CONFLICT, _("Yes, I have a conflict of interest")),
        ],
        widget=forms.RadioSelect,
    )
    conflict_note = forms.CharField(
        label=_("Explanation (required with a conflict)"),
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class ScoreForm(forms.Form):
    """One points field and one comment per published criterion, and an overall comment."""

    def __init__(self, *args: Any, criteria: list[Criterion], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.criteria = criteria
        for criterion in criteria:
            name = in_language(criterion.name)
            self.fields[f"points_{criterion.pk}"] = forms.IntegerField(
                label=_("%(name)s: points (0 to %(max)s)")
                % {"name": name, "max": criterion.max_points},
                required=False,
                widget=forms.NumberInput(attrs={"min": 0, "max": criterion.max_points}),
                help_text=in_language(criterion.description),
            )
            self.fields[f"comment_{criterion.pk}"] = forms.CharField(
                label=_("%(name)s: comment") % {"name": name},
                required=False,
                widget=forms.Textarea(attrs={"rows": 2}),
            )
        self.fields["comment"] = forms.CharField(
            label=_("Overall comment"), required=False, widget=forms.Textarea(attrs={"rows": 4})
        )

    def scores(self) -> list[ScoreInput]:
        data = self.cleaned_data
        return [
            ScoreInput(criterion=c, points=data[f"points_{c.pk}"], comment=data[f"comment_{c.pk}"])
            for c in self.criteria
        ]


class InviteForm(forms.Form):
    email = forms.EmailField(label=_("Reviewer's e-mail address"))


class AssignForm(forms.Form):
    proposal = forms.ModelChoiceField(
        label=_("Proposal"), queryset=Proposal.objects.none(), to_field_name="uuid"
    )
    reviewer = forms.ModelChoiceField(label=_("Reviewer"), queryset=Proposal.objects.none())

    def __init__(
        self, *args: Any, proposals: QuerySet[Proposal], reviewers: list[Any], **kwargs: Any
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["proposal"].queryset = proposals  # type: ignore[attr-defined]
        users = get_user_model().objects.filter(pk__in=[u.pk for u in reviewers])
        self.fields["reviewer"].queryset = users.order_by("email")  # type: ignore[attr-defined]


class AwardForm(forms.Form):
    proposals = forms.ModelMultipleChoiceField(
        label=_("Proposals to award"),
        queryset=Proposal.objects.none(),
        to_field_name="uuid",
        widget=forms.CheckboxSelectMultiple,
    )

    def __init__(self, *args: Any, proposals: QuerySet[Proposal], **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        field = self.fields["proposals"]
        field.queryset = proposals  # type: ignore[attr-defined]
        field.label_from_instance = lambda p: f"{p.title} – {in_language(p.organization.name)}"  # type: ignore[attr-defined]
