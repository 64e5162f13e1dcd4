"""The public skills pages and the ESCO attribution on every page."""

from __future__ import annotations

from django.urls import reverse
from django.utils.html import escape
from tests.site.factories import published_achievement_create

from mixtape_site.achievements.models import Achievement

from .conftest import DATA_SCIENTIST, NOC, PYTHON

ESCO_ATTRIBUTION = "This service uses the ESCO classification of the European Commission."


def _concept(client, uri):
    return client.get(reverse("skills:concept"), {"uri": uri})


def test_every_page_footer_credits_esco(client, db):
    for name in ("web:home", "achievements:catalogue", "skills:frameworks"):
        url = reverse(name)
        page = client.get(url).content.decode()
        footer = page[page.index('<footer class="site-footer">') :]
        assert f'<a href="https://esco.ec.europa.eu/">{ESCO_ATTRIBUTION}</a>' in footer


def test_frameworks_page_lists_each_framework_with_version_size_and_attribution(client, noc):
    page = client.get(reverse("skills:frameworks")).content.decode()
    assert '<a href="https://esco.ec.europa.eu/" rel="noopener">ESCO</a>' in page
    assert "<td>1.1.1</td>" in page
    assert "<td>13896</td>" in page and "<td>3007</td>" in page  # skills, occupations
    assert "NOC 2021" in page and "<td>2021 V1.0</td>" in page and "<td>3</td>" in page
    assert "Adapted from Statistics Canada" in page


def test_frameworks_page_search_works_without_javascript(client, db):
    page = client.get(reverse("skills:frameworks"), {"q": "pyhton"}).content.decode()
    assert 'value="pyhton"' in page
    assert "Python (computer programming)" in page


def test_skill_page_shows_labels_category_occupations_and_aligned_credentials(
    client, published_achievement, college, issuer_staff
):
    draft = published_achievement_create(organization=college, created_by=issuer_staff)
    draft.status, draft.name = Achievement.Status.DRAFT, {"en": "Unpublished draft"}
    draft.save()
    page = _concept(client, PYTHON).content.decode()
    assert "<h1>Python (computer programming)</h1>" in page
    assert '<dd lang="fr">Python (programmation informatique)</dd>' in page
    assert "information and communication technologies (icts)</a></dd>" in page  # category
    assert ">computer programming</a></li>" in page  # broader
    assert "As an essential skill (5)" in page and ">computer vision engineer</a>" in page
    assert "As an optional skill (45)" in page and "The first 20 of 45." in page
    assert "Data Analysis Fundamentals" in page  # the published micro-credential
    assert "Unpublished draft" not in page
    assert ESCO_ATTRIBUTION in page


def test_skill_page_is_bilingual(client, db):
    client.cookies["django_language"] = "fr"
    page = _concept(client, PYTHON).content.decode()
    assert "<h1>Python (programmation informatique)</h1>" in page


def test_occupation_page_lists_its_essential_and_optional_skills(client, db):
    page = _concept(client, DATA_SCIENTIST).content.decode()
    assert "<h1>data scientist</h1>" in page
    assert "Skills of this occupation" in page
    assert "<dt>Code</dt><dd>2511.4</dd>" in page


def test_imported_concept_has_a_page(client, noc):
    page = _concept(client, f"{NOC}21211").content.decode()
    assert "<h1>Data scientists</h1>" in page
    assert escape("Natural and applied sciences and related occupations") in page  # category


def test_unknown_concept_is_not_found(client, db):
    assert _concept(client, "https://nowhere.example/x").status_code == 404
    assert client.get(reverse("skills:concept")).status_code == 404


def test_a_uri_inside_another_does_not_count_as_aligned(client, published_achievement):
    published_achievement.skills = [{"url": PYTHON + "-v2", "name": {"en": "Other"}}]
    published_achievement.save()
    assert Achievement.objects.filter(skills__icontains=PYTHON).exists()
    assert "Data Analysis Fundamentals" not in _concept(client, PYTHON).content.decode()
