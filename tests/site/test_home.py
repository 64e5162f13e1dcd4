"""The home page shows what the platform offers, in the reader's language."""

from __future__ import annotations

from django.utils.html import escape

from mixtape_site.achievements.models import Achievement


def test_home_lists_published_micro_credentials_not_drafts(client, published_achievement):
    Achievement.objects.create(
        organization=published_achievement.organization,
        name={"en": "Secret draft", "fr": "Brouillon secret"},
        description={"en": "d", "fr": "d"}, criteria={"en": "c", "fr": "c"},
        hours=10, delivery_mode="online", languages=["en"],
    )  # fmt: skip
    page = client.get("/").content.decode()
    assert published_achievement.name["en"] in page
    assert "Secret draft" not in page


def test_home_is_in_french_for_a_french_reader(client, published_achievement):
    page = client.get("/", HTTP_ACCEPT_LANGUAGE="fr").content.decode()
    assert '<html lang="fr">' in page
    assert "Parcourir le catalogue" in page
    assert escape(published_achievement.name["fr"]) in page


def test_unknown_page_gets_a_translated_not_found_page(client, db):
    response = client.get("/credentials/not-a-credential", HTTP_ACCEPT_LANGUAGE="fr")
    assert response.status_code == 404
    assert "Page introuvable" in response.content.decode()
