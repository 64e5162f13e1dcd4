"""Issuer staff define micro-credentials: the form refuses bad input clearly, keeps
what was typed, and every management page is closed to other organizations."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils.html import escape

from mixtape_site.achievements import forms
from mixtape_site.achievements.models import Achievement, AchievementPartner
from mixtape_site.achievements.services import ONLY_DRAFTS_EDITABLE
from mixtape_site.organizations.models import Membership, Organization

from .conftest import ESCO_SKILL, form_data, png_bytes

UNKNOWN_SKILL = "http://data.europa.eu/esco/skill/x"
ESCO_OCCUPATION = "http://data.europa.eu/esco/occupation/258e46f9-0075-4a2e-adae-1ff0477e0f30"


def _new_url(college):
    return reverse("achievements:create", kwargs={"org": college.slug})


def _url(name, achievement):
    return reverse(
        f"achievements:{name}",
        kwargs={"org": achievement.organization.slug, "uuid": achievement.uuid},
    )


def test_create_saves_a_draft_with_every_framework_field(client, college, issuer_staff, employer):
    client.force_login(issuer_staff)
    image = SimpleUploadedFile("badge.png", png_bytes(), content_type="image/png")
    response = client.post(_new_url(college), form_data(partners=[employer.pk], image=image))
    achievement = Achievement.objects.get()
    assert response.status_code == 302
    assert response.url == _url("manage_detail", achievement)
    assert achievement.status == Achievement.Status.DRAFT
    assert achievement.name == {
        "en": "Cloud Support Essentials",
        "fr": "Soutien infonuagique essentiel",
    }
    assert achievement.learning_outcomes[1] == {
        "en": "Explain shared responsibility", "fr": "Expliquer la responsabilité partagée"
    }  # fmt: skip
    assert achievement.skills == [{  # labels from the bundled ESCO framework
        "url": ESCO_SKILL, "framework": "ESCO", "code": "",
        "name": {"en": "Python (computer programming)",
                 "fr": "Python (programmation informatique)"},
    }]  # fmt: skip
    assert (achievement.hours, achievement.duration_weeks, achievement.validity_months) == (
        45,
        6,
        36,
    )
    assert achievement.cost == Decimal("350.00") and achievement.credit_value == Decimal("0.5")
    assert (achievement.cip_code, achievement.noc_codes) == ("11.0701", ["22220", "21232"])
    assert achievement.languages == ["en", "fr"]
    assert achievement.image.name.endswith(".png")
    assert list(achievement.partners.all()) == [employer]
    assert achievement.created_by == issuer_staff


BAD_FIELDS = [
    ({"name_fr": ""}, "name_fr", forms.FRENCH_REQUIRED),
    ({"description_en": ""}, "description_en", forms.ENGLISH_REQUIRED),
    ({"criteria_fr": "  "}, "criteria_fr", forms.FRENCH_REQUIRED),
    ({"assessment_fr": ""}, "assessment_fr", forms.FRENCH_REQUIRED),
    ({"outcomes_fr": "Une seule ligne"}, "outcomes_fr", forms.OUTCOMES_MISMATCH),
    ({"skills": [ESCO_SKILL, UNKNOWN_SKILL]}, "skills",
     forms.SKILL_UNKNOWN % {"uri": UNKNOWN_SKILL}),
    ({"skill_uris": f"{ESCO_SKILL}\njavascript:alert(1)"}, "skill_uris",
     forms.SKILL_UNKNOWN % {"uri": "javascript:alert(1)"}),
    ({"skill_uris": ESCO_OCCUPATION}, "skill_uris",
     forms.SKILL_NOT_A_SKILL % {"uri": ESCO_OCCUPATION}),
    ({"hours": "4"}, "hours", forms.HOURS_RANGE),
    ({"hours": "301"}, "hours", forms.HOURS_RANGE),
    ({"hours": "ten"}, "hours", forms.HOURS_RANGE),
    ({"duration_weeks": "0"}, "duration_weeks", forms.DURATION_RANGE),
    ({"delivery_mode": "telepathy"}, "delivery_mode", forms.DELIVERY_MODE_REQUIRED),
    ({"languages": []}, "languages", forms.LANGUAGE_REQUIRED),
    ({"cost": "-1"}, "cost", forms.COST_INVALID),
    ({"cip_code": "117.01"}, "cip_code", forms.CIP_FORMAT),
    ({"noc_codes": "2123"}, "noc_codes", forms.NOC_FORMAT),
    ({"noc_codes": "21232, 21211, 22220, 21234"}, "noc_codes", forms.NOC_TOO_MANY),
    ({"credit_value": "many"}, "credit_value", forms.CREDIT_INVALID),
    ({"validity_months": "241"}, "validity_months", forms.VALIDITY_RANGE),
]  # fmt: skip


@pytest.mark.parametrize(("changes", "field", "message"), BAD_FIELDS)
def test_bad_field_shows_its_message_and_saves_nothing(
    client, college, issuer_staff, changes, field, message
):
    client.force_login(issuer_staff)
    response = client.post(_new_url(college), form_data(**changes))
    assert response.status_code == 400
    assert response.context["form"].errors[field] == [str(message)]
    page = response.content.decode()
    assert escape(str(message)) in page
    assert f'id="id_{field}_error"' in page  # the message is linked to its field
    assert "Soutien infonuagique essentiel" in page or field == "name_fr"  # typed text kept
    assert not Achievement.objects.exists()


def test_partner_choices_are_employers_and_partners_only(client, college, issuer_staff, employer):
    other_college = Organization.objects.create(
        slug="south", name={"en": "South College"}, kind=Organization.Kind.INSTITUTION
    )
    client.force_login(issuer_staff)
    response = client.post(_new_url(college), form_data(partners=[other_college.pk]))
    assert response.status_code == 400
    assert "partners" in response.context["form"].errors
    choices = list(response.context["form"].fields["partners"].queryset)
    assert choices == [employer]


def test_edit_changes_a_draft_and_keeps_its_image(client, draft, issuer_staff, employer):
    client.force_login(issuer_staff)
    page = client.get(_url("edit", draft))
    assert page.context["form"].initial["name_fr"] == "Bases des réseaux"
    response = client.post(_url("edit", draft), form_data(hours="60", partners=[employer.pk]))
    assert response.status_code == 302
    draft.refresh_from_db()
    assert draft.hours == 60 and draft.name["en"] == "Cloud Support Essentials"
    client.post(_url("edit", draft), form_data(hours="61"))
    assert not AchievementPartner.objects.exists()  # unticked partner removed


def test_published_achievement_cannot_be_edited(client, published_achievement, issuer_staff):
    client.force_login(issuer_staff)
    response = client.post(_url("edit", published_achievement), form_data(), follow=True)
    assert str(ONLY_DRAFTS_EDITABLE) in [str(m) for m in response.context["messages"]]
    published_achievement.refresh_from_db()
    assert published_achievement.name["en"] == "Data Analysis Fundamentals"


def test_publish_and_retire_need_a_confirmed_post(client, draft, issuer_staff):
    client.force_login(issuer_staff)
    confirm = client.get(_url("publish", draft))
    assert confirm.status_code == 200 and b'method="post"' in confirm.content
    draft.refresh_from_db()
    assert draft.status == Achievement.Status.DRAFT
    client.post(_url("publish", draft))
    draft.refresh_from_db()
    assert draft.status == Achievement.Status.PUBLISHED and draft.published_at
    client.post(_url("retire", draft))
    draft.refresh_from_db()
    assert draft.status == Achievement.Status.RETIRED


def test_list_filters_by_status(client, draft, published_achievement, issuer_staff):
    client.force_login(issuer_staff)
    url = reverse("achievements:manage_list", kwargs={"org": draft.organization.slug})
    assert list(client.get(url).context["achievements"]) == [published_achievement, draft]
    assert list(client.get(url, {"status": "draft"}).context["achievements"]) == [draft]


def test_manage_detail_shows_fields_and_award_link_when_published(
    client, published_achievement, issuer_staff
):
    client.force_login(issuer_staff)
    response = client.get(_url("manage_detail", published_achievement))
    page = response.content.decode()
    assert "Build a clear chart" in page and "analyse big data" in page
    assert f'href="{_url("manage_detail", published_achievement)}award/"' in page


def test_copy_makes_an_editable_draft(client, published_achievement, issuer_staff):
    client.force_login(issuer_staff)
    response = client.post(_url("copy", published_achievement))
    copy = Achievement.objects.get(status=Achievement.Status.DRAFT)
    assert response.url == _url("edit", copy)
    assert copy.name == published_achievement.name and copy.uuid != published_achievement.uuid


MANAGE_PAGES = ["manage_detail", "edit", "publish", "retire", "copy"]


@pytest.mark.parametrize("name", MANAGE_PAGES)
def test_another_organizations_member_gets_404(client, draft, employer, employer_member, name):
    client.force_login(employer_member)
    own_org_url = reverse(f"achievements:{name}", kwargs={"org": employer.slug, "uuid": draft.uuid})
    assert client.get(own_org_url).status_code == 404  # not their achievement
    assert client.post(own_org_url).status_code == 404
    assert client.get(_url(name, draft)).status_code == 404  # not their organization
    draft.refresh_from_db()
    assert draft.status == Achievement.Status.DRAFT


def test_outsider_cannot_open_the_list_or_the_form(client, college, outsider):
    client.force_login(outsider)
    for url in (
        _new_url(college),
        reverse("achievements:manage_list", kwargs={"org": college.slug}),
    ):
        assert client.get(url).status_code == 404
    assert client.post(_new_url(college), form_data()).status_code == 404
    assert not Achievement.objects.exists()


def test_both_roles_may_manage(client, college, college_admin):
    assert Membership.objects.filter(user=college_admin).exists()
    client.force_login(college_admin)
    assert client.get(_new_url(college)).status_code == 200
