"""The partner's management pages and the public challenge page, in English and French."""

from __future__ import annotations

from datetime import timedelta
from typing import Any

import pytest
from django.test import Client
from django.urls import reverse
from django.utils import timezone
from tests.site.challenges.conftest import PYTHON_SKILL_ROW

from mixtape_site.challenges import forms, services
from mixtape_site.challenges.models import AuditEvent, Challenge


def _signed_in(client: Client, user: Any) -> Client:
    client.force_login(user)
    return client


def _form(**overrides: str) -> dict[str, Any]:
    deadline = timezone.localtime(timezone.now() + timedelta(days=20))
    data = {
        "title_en": "Greener roofs", "title_fr": "Toits plus verts",
        "problem_en": "Flat roofs waste rain water.", "problem_fr": "",
        "outcomes_en": "A costed design.", "outcomes_fr": "",
        "kind": "challenge", "disciplines": ["environment"], "trl_min": "2", "trl_max": "4",
        "starts_on": "", "ends_on": "", "budget": "12000", "language": "both",
        "deadline": deadline.strftime("%Y-%m-%dT%H:%M"), "proposals_visible": "after_deadline",
        "skills": [PYTHON_SKILL_ROW["url"]], "skill_uris": "",
    }  # fmt: skip
    data.update(overrides)
    return data


def test_partner_creates_a_draft_with_skills_and_timezone(
    client: Client, city: Any, city_staff: Any
) -> None:
    url = reverse("challenges:create", kwargs={"org": city.slug})
    response = _signed_in(client, city_staff).post(url, _form(deadline="2031-03-31T17:00"))
    challenge = Challenge.objects.get()
    assert response.status_code == 302
    assert challenge.status == Challenge.Status.DRAFT and challenge.organization == city
    assert challenge.skills[0]["url"] == PYTHON_SKILL_ROW["url"]
    assert timezone.localtime(challenge.deadline).strftime("%H:%M") == "17:00"  # Toronto time
    assert challenge.audit.get().action == AuditEvent.Action.CREATED


def test_bad_input_keeps_what_was_typed(client: Client, city: Any, city_staff: Any) -> None:
    url = reverse("challenges:create", kwargs={"org": city.slug})
    response = _signed_in(client, city_staff).post(
        url, _form(title_en="", title_fr="", trl_min="7", trl_max="3", deadline="someday")
    )
    assert response.status_code == 400
    page = response.content.decode()
    for message in (forms.TITLE_REQUIRED, forms.TRL_ORDER, forms.DEADLINE_REQUIRED):
        assert str(message) in page
    assert "Flat roofs waste rain water." in page
    assert not Challenge.objects.exists()


def test_partner_edits_an_open_challenge_and_sees_it_in_the_audit(
    client: Client, city: Any, city_staff: Any, open_challenge: Challenge
) -> None:
    kwargs = {"org": city.slug, "uuid": open_challenge.uuid}
    client = _signed_in(client, city_staff)
    page = client.get(reverse("challenges:edit", kwargs=kwargs)).content.decode()
    assert "Cooler bus shelters" in page and 'type="datetime-local"' in page
    response = client.post(reverse("challenges:edit", kwargs=kwargs), _form(trl_max="8"))
    assert response.status_code == 302
    audit = client.get(reverse("challenges:audit", kwargs=kwargs)).content.decode()
    assert "highest technology readiness level" in audit and "staff@lakeview.example" in audit


def test_open_from_the_page_refuses_without_criteria(
    client: Client, city: Any, city_staff: Any
) -> None:
    client = _signed_in(client, city_staff)
    client.post(reverse("challenges:create", kwargs={"org": city.slug}), _form())
    challenge = Challenge.objects.get()
    kwargs = {"org": city.slug, "uuid": challenge.uuid}
    response = client.post(reverse("challenges:open", kwargs=kwargs), follow=True)
    assert str(services.CRITERION_REQUIRED) in response.content.decode()
    client.post(reverse("challenges:criterion_add", kwargs=kwargs),
                {"name_en": "Cost", "name_fr": "Coût", "max_points": "10"})  # fmt: skip
    client.post(reverse("challenges:open", kwargs=kwargs))
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.OPEN


def test_close_early_from_the_page(
    client: Client, city: Any, city_staff: Any, open_challenge: Challenge
) -> None:
    url = reverse("challenges:close", kwargs={"org": city.slug, "uuid": open_challenge.uuid})
    client = _signed_in(client, city_staff)
    assert client.get(url).status_code == 200
    client.post(url)
    open_challenge.refresh_from_db()
    assert open_challenge.status == Challenge.Status.CLOSED


def test_institution_members_are_refused_politely(
    client: Client, college: Any, proposer: Any
) -> None:
    response = _signed_in(client, proposer).get(
        reverse("challenges:manage_list", kwargs={"org": college.slug})
    )
    assert response.status_code == 403
    assert "institutions answer challenges" in response.content.decode()


@pytest.mark.parametrize("name", ["manage_detail", "edit", "audit", "criterion_add"])
def test_outsiders_and_other_partners_get_404(
    client: Client, open_challenge: Challenge, employer: Any, outsider: Any, name: str
) -> None:
    from mixtape_site.organizations.models import Membership  # noqa: PLC0415

    Membership.objects.create(organization=employer, user=outsider, role="admin")
    client = _signed_in(client, outsider)
    # The employer's member asks for the city's challenge under either organization.
    for org in (open_challenge.organization.slug, employer.slug):
        url = reverse(f"challenges:{name}", kwargs={"org": org, "uuid": open_challenge.uuid})
        assert client.get(url).status_code == 404


def test_list_counts_by_effective_status(
    client: Client, city: Any, city_staff: Any, open_challenge: Challenge
) -> None:
    Challenge.objects.filter(pk=open_challenge.pk).update(deadline=timezone.now())
    response = _signed_in(client, city_staff).get(
        reverse("challenges:manage_list", kwargs={"org": city.slug})
    )
    assert response.context["counts"] == {"draft": 0, "open": 0, "closed": 1, "awarded": 0}


@pytest.mark.parametrize(("language", "title"), [("en", "Cooler bus shelters"),
                                                 ("fr", "Abribus plus frais")])  # fmt: skip
def test_public_page_in_both_languages(
    client: Client, open_challenge: Challenge, language: str, title: str
) -> None:
    url = reverse("challenges:detail", kwargs={"uuid": open_challenge.uuid})
    response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
    page = response.content.decode()
    assert response.status_code == 200 and title in page
    assert "Feasibility" in page or "Faisabilité" in page
    assert not url.endswith("/")


def test_public_page_offers_institution_members_to_answer_while_open(
    client: Client, open_challenge: Challenge, proposer: Any
) -> None:
    url = reverse("challenges:detail", kwargs={"uuid": open_challenge.uuid})
    answer = reverse("challenges:proposal_create",
                     kwargs={"org": "northern-college", "uuid": open_challenge.uuid})  # fmt: skip
    assert answer not in client.get(url).content.decode()  # anonymous
    client = _signed_in(client, proposer)
    assert answer in client.get(url).content.decode()
    Challenge.objects.filter(pk=open_challenge.pk).update(deadline=timezone.now())
    assert answer not in client.get(url).content.decode()


def test_drafts_are_hidden_from_the_public(
    client: Client, open_challenge: Challenge, city_staff: Any
) -> None:
    Challenge.objects.filter(pk=open_challenge.pk).update(status=Challenge.Status.DRAFT)
    url = reverse("challenges:detail", kwargs={"uuid": open_challenge.uuid})
    assert client.get(url).status_code == 404
    assert _signed_in(client, city_staff).get(url).status_code == 200


def test_dashboard_links_partners_to_their_challenges(
    client: Client, city: Any, city_staff: Any, college: Any, proposer: Any
) -> None:
    link = reverse("challenges:manage_list", kwargs={"org": city.slug})
    page = _signed_in(client, city_staff).get(reverse("organizations:dashboard",
                                                      kwargs={"org": city.slug}))  # fmt: skip
    assert link in page.content.decode()
    page = _signed_in(client, proposer).get(reverse("organizations:dashboard",
                                                    kwargs={"org": college.slug}))  # fmt: skip
    assert "/challenges/" not in page.content.decode().split("<main", 1)[-1].split("</nav>")[0]


@pytest.mark.parametrize("language", ["en", "fr"])
def test_management_pages_render_in_both_languages(
    client: Client, city: Any, city_staff: Any, open_challenge: Challenge, language: str
) -> None:
    client = _signed_in(client, city_staff)
    kwargs = {"org": city.slug, "uuid": open_challenge.uuid}
    first = open_challenge.criteria.first()
    assert first is not None
    urls = [
        reverse("challenges:manage_list", kwargs={"org": city.slug}),
        reverse("challenges:create", kwargs={"org": city.slug}),
        reverse("challenges:manage_detail", kwargs=kwargs),
        reverse("challenges:criterion_edit", kwargs={**kwargs, "criterion": first.pk}),
        reverse("challenges:list"),
    ]
    for url in urls:
        response = client.get(url, HTTP_ACCEPT_LANGUAGE=language)
        assert response.status_code == 200, url
        assert f'<html lang="{language}"' in response.content.decode()
