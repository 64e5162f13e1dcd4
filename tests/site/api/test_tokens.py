"""API tokens: shown once, stored hashed, revocable, managed by organization admins."""

from __future__ import annotations

import hashlib
from datetime import timedelta

from django.test import Client
from django.urls import reverse
from django.utils import timezone

from mixtape_site.api.errors import UNAUTHORIZED
from mixtape_site.api.models import ApiToken
from mixtape_site.api.services import token_create, token_revoke

from .conftest import get_json, post_json

AWARDS = "/api/v1/awards"


def test_token_is_stored_as_a_hash_and_a_prefix_only(college, college_admin):
    token, plaintext = token_create(organization=college, name="SIS", created_by=college_admin)
    assert plaintext.startswith("mxt_") and len(plaintext) > 40
    assert token.token_hash == hashlib.sha256(plaintext.encode()).hexdigest()
    assert plaintext.startswith(token.prefix) and len(token.prefix) == 12
    assert plaintext not in str(ApiToken.objects.filter(pk=token.pk).values().get())


def test_valid_token_authenticates_and_records_its_use(client, college_token):
    response = get_json(client, AWARDS, token=college_token)
    assert response.status_code == 200
    token = ApiToken.objects.get()
    assert token.last_used_at is not None


def test_last_use_is_recorded_at_most_once_a_minute(client, college_token):
    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(seconds=10))
    before = ApiToken.objects.get().last_used_at
    get_json(client, AWARDS, token=college_token)
    assert ApiToken.objects.get().last_used_at == before
    ApiToken.objects.update(last_used_at=timezone.now() - timedelta(minutes=2))
    get_json(client, AWARDS, token=college_token)
    assert ApiToken.objects.get().last_used_at > before


def test_revoked_token_is_refused(client, college_token):
    token_revoke(token=ApiToken.objects.get())
    response = get_json(client, AWARDS, token=college_token)
    assert response.status_code == 401
    assert response.json()["error"]["message"] == str(UNAUTHORIZED)
    assert response["WWW-Authenticate"] == "Bearer"


def test_missing_or_unknown_token_is_refused(client, db):
    assert get_json(client, AWARDS).status_code == 401
    assert get_json(client, AWARDS, token="mxt_not-a-real-token").status_code == 401


def test_session_login_does_not_authenticate_the_api(client, college_admin):
    client.force_login(college_admin)
    assert get_json(client, AWARDS).status_code == 401


def test_admin_creates_a_token_and_sees_it_once(client, college, college_admin):
    client.force_login(college_admin)
    url = reverse("api:tokens", kwargs={"org": college.slug})
    response = client.post(url, {"name": "Student information system"})
    assert response.status_code == 200
    plaintext = response.context["plaintext"]
    assert plaintext in response.content.decode()
    token = ApiToken.objects.get(organization=college)
    assert token.name == "Student information system" and token.created_by == college_admin
    listing = client.get(url).content.decode()
    assert plaintext not in listing and token.prefix in listing


def test_token_form_keeps_input_and_explains_errors(client, college, college_admin):
    client.force_login(college_admin)
    url = reverse("api:tokens", kwargs={"org": college.slug})
    response = client.post(url, {"name": "x" * 101})
    assert response.status_code == 400
    assert 'aria-invalid="true"' in response.content.decode()
    assert not ApiToken.objects.exists()


def test_admin_revokes_a_token(client, college, college_admin, college_token):
    client.force_login(college_admin)
    token = ApiToken.objects.get()
    url = reverse("api:token-revoke", kwargs={"org": college.slug, "pk": token.pk})
    assert client.get(url).status_code == 405
    response = client.post(url)
    assert response.status_code == 302
    token.refresh_from_db()
    assert token.revoked_at is not None


def test_issuer_staff_and_other_organizations_cannot_manage_tokens(
    client, college, employer, issuer_staff, college_admin, employer_token
):
    client.force_login(issuer_staff)
    assert client.get(reverse("api:tokens", kwargs={"org": college.slug})).status_code == 404
    client.force_login(college_admin)
    assert client.get(reverse("api:tokens", kwargs={"org": employer.slug})).status_code == 404
    other = ApiToken.objects.get(organization=employer)
    url = reverse("api:token-revoke", kwargs={"org": college.slug, "pk": other.pk})
    assert client.post(url).status_code == 404
    other.refresh_from_db()
    assert other.revoked_at is None


def test_bearer_posts_need_no_csrf_token_but_session_posts_do(
    college, college_admin, college_token
):
    browser = Client(enforce_csrf_checks=True)
    response = post_json(browser, "/vc-api/credentials/verify", {"verifiableCredential": {}})
    assert response.status_code == 200
    response = post_json(browser, "/api/v1/awards", {}, token=college_token)
    assert response.status_code == 400  # reached the API: the body is what is wrong
    browser.force_login(college_admin)
    url = reverse("api:tokens", kwargs={"org": college.slug})
    assert browser.post(url, {"name": "forged"}).status_code == 403
    assert not ApiToken.objects.filter(name="forged").exists()
