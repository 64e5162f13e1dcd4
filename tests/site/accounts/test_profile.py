"""The account page and the preferred language."""

from __future__ import annotations

from django.conf import settings
from django.urls import reverse

from mixtape_site.accounts.views import PROFILE_SAVED

COOKIE = settings.LANGUAGE_COOKIE_NAME


def test_account_page_needs_sign_in(client, db):
    response = client.get(reverse("accounts:profile"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_saving_the_language_switches_the_site_to_it(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "Alex Martin", "preferred_language": "fr"}
    )
    assert response.cookies[COOKIE].value == "fr"
    outsider.refresh_from_db()
    assert (outsider.display_name, outsider.preferred_language) == ("Alex Martin", "fr")
    page = client.get(reverse("accounts:profile"))
    assert page.content.decode().startswith('<!DOCTYPE html>\n<html lang="fr"')


def test_saving_without_a_preference_leaves_the_language_alone(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "Alex", "preferred_language": ""}, follow=True
    )
    assert COOKIE not in response.cookies
    assert str(PROFILE_SAVED) in response.content.decode()


def test_an_unknown_language_is_refused(client, outsider):
    client.force_login(outsider)
    response = client.post(
        reverse("accounts:profile"), {"display_name": "Alex", "preferred_language": "de"}
    )
    assert response.status_code == 200
    assert 'aria-invalid="true"' in response.content.decode()
    outsider.refresh_from_db()
    assert outsider.preferred_language == ""


def test_signing_in_applies_the_preferred_language(client, outsider):
    outsider.preferred_language = "fr"
    outsider.save()
    client.cookies[COOKIE] = "en"
    response = client.post(
        reverse("account_login"),
        {"login": outsider.email, "password": "a-long-test-password-1"},
    )
    assert response.status_code == 302
    assert response.cookies[COOKIE].value == "fr"
    page = client.get(reverse("organizations:home")).content.decode()
    assert '<html lang="fr"' in page
