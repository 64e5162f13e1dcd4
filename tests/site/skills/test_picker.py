"""Issuers pick skills for a micro-credential; labels come from the framework."""

from __future__ import annotations

from django.urls import reverse

from mixtape_site.achievements.models import Achievement

from ..achievements.conftest import form_data
from .conftest import OWN, PYTHON

SQL = "http://data.europa.eu/esco/skill/598de5b0-5b58-4ea7-8058-a4bc4d18c742"


def _new_url(organization):
    return reverse("achievements:create", kwargs={"org": organization.slug})


def test_form_has_an_accessible_picker_whose_search_does_not_submit_the_form(
    client, college, issuer_staff
):
    client.force_login(issuer_staff)
    page = client.get(_new_url(college)).content.decode()
    assert '<label for="skill-q">' in page
    assert 'id="skill-q" name="q" form="skill-search"' in page  # Enter searches, not saves
    assert '<form id="skill-search" action="/skills/"' in page
    assert page.index('<form id="skill-search"') > page.index("</form>")  # not nested
    assert 'id="skill-results" aria-live="polite"' in page
    assert '<label for="id_skill_uris">' in page  # the no-JavaScript fallback


def test_picked_and_pasted_skills_are_saved_with_the_framework_labels(
    client, college, issuer_staff, own_skills
):
    client.force_login(issuer_staff)
    response = client.post(_new_url(college), form_data(
        skills=[PYTHON, f"{OWN}d1"], skill_uris=f"{SQL}\n{PYTHON} | old | format\n",
    ))  # fmt: skip
    assert response.status_code == 302
    assert Achievement.objects.get().skills == [
        {"url": PYTHON, "framework": "ESCO", "code": "",
         "name": {"en": "Python (computer programming)",
                  "fr": "Python (programmation informatique)"}},
        {"url": f"{OWN}d1", "framework": "Northern College skills", "code": "D1",
         "name": {"en": "Configure a home router", "fr": "Configurer un routeur domestique"}},
        {"url": SQL, "framework": "ESCO", "code": "", "name": {"en": "SQL", "fr": "SQL"}},
    ]  # fmt: skip


def test_refused_form_keeps_the_picked_skills_ticked(client, college, issuer_staff):
    client.force_login(issuer_staff)
    response = client.post(_new_url(college), form_data(skills=[PYTHON, SQL], hours="1"))
    page = response.content.decode()
    assert response.status_code == 400
    assert f'value="{PYTHON}" id="skill-selected-1" checked' in page
    assert f'value="{SQL}" id="skill-selected-2" checked' in page


def test_edit_page_lists_the_saved_skills_ticked_in_the_reader_language(
    client, published_achievement, issuer_staff
):
    published_achievement.status = Achievement.Status.DRAFT
    published_achievement.save()
    client.force_login(issuer_staff)
    client.cookies["django_language"] = "fr"
    url = reverse(
        "achievements:edit",
        kwargs={"org": published_achievement.organization.slug, "uuid": published_achievement.uuid},
    )
    page = client.get(url).content.decode()
    assert f'value="{PYTHON}" id="skill-selected-2" checked' in page
    assert "Python (programmation informatique)" in page


def test_unticking_a_skill_removes_it(client, college, issuer_staff):
    client.force_login(issuer_staff)
    client.post(_new_url(college), form_data(skills=[PYTHON, SQL]))
    achievement = Achievement.objects.get()
    url = reverse("achievements:edit", kwargs={"org": college.slug, "uuid": achievement.uuid})
    client.post(url, form_data(skills=[SQL]))
    achievement.refresh_from_db()
    assert [skill["url"] for skill in achievement.skills] == [SQL]
