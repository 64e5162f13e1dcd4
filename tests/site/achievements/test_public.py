"""The public catalogue and micro-credential pages, in HTML and as OB 3.0 JSON."""

from __future__ import annotations

import json

from django.urls import reverse

from mixtape.model.credential import OB_V3P0_CONTEXT, VC_V2_CONTEXT
from mixtape_site.achievements.models import Achievement
from mixtape_site.achievements.selectors import published_achievements
from mixtape_site.achievements.services import achievement_publish, achievement_retire

CATALOGUE = "/achievements/"


def test_catalogue_url_name():
    assert reverse("achievements:catalogue") == CATALOGUE


def test_catalogue_lists_only_published(client, published_achievement, draft):
    response = client.get(CATALOGUE)
    page = response.content.decode()
    assert list(response.context["achievements"]) == [published_achievement]
    assert "Data Analysis Fundamentals" in page and "Network Basics" not in page
    assert 'alt="Badge: Data Analysis Fundamentals"' in page
    assert "Northern College" in page and "Online" in page and "40" in page


def test_catalogue_search_matches_either_language(client, published_achievement):
    assert list(client.get(CATALOGUE, {"q": "analyse de données"}).context["achievements"]) == [
        published_achievement
    ]
    missing = client.get(CATALOGUE, {"q": "welding"})
    assert list(missing.context["achievements"]) == []
    assert "No published micro-credential matches your search." in missing.content.decode()


def test_retired_are_not_in_the_catalogue(published_achievement):
    achievement_retire(achievement=published_achievement)
    assert not published_achievements().exists()


def test_selector_filters_by_organization(published_achievement, employer):
    assert list(published_achievements(organization=employer)) == []
    assert list(published_achievements(organization=published_achievement.organization)) == [
        published_achievement
    ]


def test_draft_detail_is_404_in_html_and_json(client, draft):
    url = reverse("achievements:detail", kwargs={"uuid": draft.uuid})
    assert client.get(url).status_code == 404
    assert client.get(url, headers={"Accept": "application/ld+json"}).status_code == 404
    achievement_publish(achievement=draft)
    assert client.get(url).status_code == 200


def test_detail_shows_every_framework_field_and_the_issuer(client, published_achievement):
    published_achievement.cip_code = "11.0701"
    published_achievement.noc_codes = ["21211"]
    published_achievement.assessment = {"en": "A practical exam.", "fr": "Un examen."}
    published_achievement.save()
    url = reverse("achievements:detail", kwargs={"uuid": published_achievement.uuid})
    page = client.get(url).content.decode()
    for text in ("Data Analysis Fundamentals", "Build a clear chart", "A practical exam.",
                 "Hours of learning", "Online", "English, French", "11.0701", "21211",
                 'href="http://data.europa.eu/esco/skill/8a5b5a3e-ccc4-4e1a-8b4a-4ad2d5f7d0ec"',
                 f'href="/issuers/{published_achievement.organization.slug}"'):  # fmt: skip
        assert text in page, text
    assert page.count("<h1>") == 1


def test_detail_in_french(client, published_achievement):
    url = reverse("achievements:detail", kwargs={"uuid": published_achievement.uuid})
    client.cookies["django_language"] = "fr"
    page = client.get(url).content.decode()
    assert "Fondements de l&#x27;analyse de données" in page


def test_json_by_accept_header_is_the_ob3_achievement(client, published_achievement):
    url = reverse("achievements:detail", kwargs={"uuid": published_achievement.uuid})
    response = client.get(url, headers={"Accept": "application/ld+json"})
    document = json.loads(response.content)
    assert response["Content-Type"] == "application/json"
    assert "Accept" in response["Vary"]
    assert document["@context"][:2] == [VC_V2_CONTEXT, OB_V3P0_CONTEXT]
    assert document["type"] == ["Achievement"]
    assert document["achievementType"] == "MicroCredential"
    assert document["id"] == f"http://localhost:8000{url}"
    html = client.get(url, headers={"Accept": "text/html"})
    assert html["Content-Type"].startswith("text/html")


def test_retired_detail_says_it_is_retired(client, published_achievement):
    achievement_retire(achievement=published_achievement)
    url = reverse("achievements:detail", kwargs={"uuid": published_achievement.uuid})
    response = client.get(url)
    assert response.status_code == 200
    assert "This micro-credential is retired" in response.content.decode()
    assert Achievement.objects.get().status == Achievement.Status.RETIRED
