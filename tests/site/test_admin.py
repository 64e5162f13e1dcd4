"""The operators' admin: every model is there, and signing keys stay secret."""

from __future__ import annotations

import pytest
from django.apps import apps
from django.contrib import admin
from django.urls import reverse

from mixtape_site.accounts.models import User
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.issuers.services import active_signing_key
from mixtape_site.organizations.models import Membership, Organization

OUR_APPS = ("accounts", "organizations", "issuers", "achievements", "credentials", "bulk", "api")


@pytest.fixture
def operator(client, db):
    user = User.objects.create_superuser("ops@mixtape.example", password="ops-password-123")
    client.force_login(user)
    return user


def test_every_model_of_the_platform_is_registered():
    missing = [
        model._meta.label
        for label in OUR_APPS
        for model in apps.get_app_config(label).get_models()
        if not admin.site.is_registered(model)
    ]
    assert missing == []


def test_every_admin_list_and_add_page_opens(client, operator, college, issuer_staff):
    active_signing_key(organization=college)
    for model in admin.site._registry:
        if model._meta.app_label not in OUR_APPS:
            continue
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        assert client.get(reverse(f"{name}_changelist")).status_code == 200, name
        # 403: rows made only by the platform's services (keys, credentials, uploads).
        assert client.get(reverse(f"{name}_add")).status_code in (200, 403), name


def test_signing_key_change_page_never_shows_the_encrypted_private_key(client, operator, college):
    key = active_signing_key(organization=college)
    response = client.get(reverse("admin:issuers_signingkey_change", args=[key.pk]))
    page = response.content.decode()
    assert response.status_code == 200
    assert key.public_multibase in page
    sealed = bytes(key.encrypted_private_key)
    assert sealed.hex() not in page
    assert "encrypted_private_key" not in page
    assert 'name="public_multibase"' not in page  # read-only


def test_signing_keys_cannot_be_added_or_edited_in_the_admin(client, operator, college):
    key = active_signing_key(organization=college)
    assert client.get(reverse("admin:issuers_signingkey_add")).status_code == 403
    client.post(
        reverse("admin:issuers_signingkey_change", args=[key.pk]),
        {"retired_at_0": "2020-01-01", "retired_at_1": "00:00"},
    )
    key.refresh_from_db()
    assert key.retired_at is None


def test_issued_credential_documents_are_read_only(operator):
    model_admin = admin.site._registry[IssuedCredential]
    assert not model_admin.has_change_permission(None)
    assert not model_admin.has_add_permission(None)


def test_operator_creates_an_organization_with_its_first_admin(client, operator, outsider):
    response = client.post(
        reverse("admin:organizations_organization_add"),
        {
            "slug": "lakeside-college",
            "name": '{"en": "Lakeside College", "fr": "Collège Lakeside"}',
            "description": "{}",
            "kind": "institution",
            "url": "",
            "email": "",
            "primary_language": "en",
            "memberships-TOTAL_FORMS": "1",
            "memberships-INITIAL_FORMS": "0",
            "memberships-MIN_NUM_FORMS": "0",
            "memberships-MAX_NUM_FORMS": "1000",
            "memberships-0-user": str(outsider.pk),
            "memberships-0-role": "admin",
        },
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    organization = Organization.objects.get(slug="lakeside-college")
    assert organization.name == {"en": "Lakeside College", "fr": "Collège Lakeside"}
    assert Membership.objects.get(organization=organization).user == outsider


def test_organization_without_a_name_is_refused(client, operator):
    response = client.post(
        reverse("admin:organizations_organization_add"),
        {
            "slug": "nameless",
            "name": "{}",
            "description": "{}",
            "kind": "employer",
            "primary_language": "en",
            "memberships-TOTAL_FORMS": "0",
            "memberships-INITIAL_FORMS": "0",
        },
    )
    assert response.status_code == 200
    assert not Organization.objects.filter(slug="nameless").exists()
