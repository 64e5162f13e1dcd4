"""Issuer pages: the keys page and rotation, the public profile, the DID document."""

from __future__ import annotations

import json

from django.urls import reverse

from mixtape_site.achievements.models import Achievement
from mixtape_site.issuers.identity import organization_did
from mixtape_site.issuers.models import SigningKey
from mixtape_site.issuers.services import active_signing_key, signing_key_create
from mixtape_site.issuers.views_manage import KEY_ROTATED, ROTATION_NOT_CONFIRMED


def _keys(org) -> str:
    return reverse("issuers:keys", kwargs={"org": org.slug})


def _rotate(org) -> str:
    return reverse("issuers:key_rotate", kwargs={"org": org.slug})


def _achievement(org, name: str, status: str) -> Achievement:
    return Achievement.objects.create(
        organization=org,
        status=status,
        name={"en": name, "fr": f"{name} (fr)"},
        description={"en": "Learn it"},
        criteria={"en": "Do it"},
        hours=12,
        delivery_mode=Achievement.DeliveryMode.HYBRID,
        languages=["en"],
    )


def test_staff_see_the_did_and_public_keys_but_never_the_private_key(client, college, issuer_staff):
    key = active_signing_key(organization=college)
    client.force_login(issuer_staff)
    page = client.get(_keys(college)).content.decode()
    assert organization_did(college) in page
    assert key.public_multibase in page and "In use" in page
    assert reverse("issuers:did", kwargs={"slug": college.slug}) in page
    assert bytes(key.encrypted_private_key).hex() not in page
    assert _rotate(college) not in page  # staff cannot rotate


def test_staff_cannot_rotate_keys(client, college, issuer_staff):
    key = active_signing_key(organization=college)
    client.force_login(issuer_staff)
    assert client.post(_rotate(college), {"confirm": "on"}).status_code == 404
    assert list(SigningKey.objects.filter(organization=college)) == [key]


def test_non_members_cannot_see_keys(client, college, outsider):
    client.force_login(outsider)
    assert client.get(_keys(college)).status_code == 404


def test_rotation_makes_a_new_active_key_and_keeps_the_old_one_listed(
    client, college, college_admin
):
    old = active_signing_key(organization=college)
    client.force_login(college_admin)
    response = client.post(_rotate(college), {"confirm": "on"}, follow=True)
    new = active_signing_key(organization=college)
    page = response.content.decode()
    assert new.pk != old.pk
    assert str(KEY_ROTATED) in page
    assert old.public_multibase in page and new.public_multibase in page
    assert "Retired" in page


def test_rotation_needs_the_confirmation(client, college, college_admin):
    old = active_signing_key(organization=college)
    client.force_login(college_admin)
    response = client.post(_rotate(college), {})
    assert response.status_code == 400
    assert str(ROTATION_NOT_CONFIRMED) in response.content.decode()
    assert active_signing_key(organization=college) == old


def test_profile_lists_published_micro_credentials_and_not_drafts(client, college):
    published = _achievement(college, "Welding basics", Achievement.Status.PUBLISHED)
    _achievement(college, "Secret draft", Achievement.Status.DRAFT)
    _achievement(college, "Old course", Achievement.Status.RETIRED)
    college.description = {"en": "A college in the north.", "fr": "Un collège du Nord."}
    college.save()
    page = client.get(reverse("issuers:profile", kwargs={"slug": college.slug})).content.decode()
    assert "Welding basics" in page
    assert reverse("achievements:detail", kwargs={"uuid": published.uuid}) in page
    assert "Secret draft" not in page and "Old course" not in page
    assert "A college in the north." in page and "https://northern.example" in page
    assert organization_did(college) in page and "Post-secondary institution" in page


def test_profile_is_in_french_for_french_readers(client, college):
    _achievement(college, "Welding basics", Achievement.Status.PUBLISHED)
    client.cookies["django_language"] = "fr"
    page = client.get(reverse("issuers:profile", kwargs={"slug": college.slug})).content.decode()
    assert "Collège du Nord" in page and "Welding basics (fr)" in page


def test_profile_still_answers_json_to_json_clients(client, college):
    response = client.get(
        reverse("issuers:profile", kwargs={"slug": college.slug}),
        headers={"accept": "application/ld+json"},
    )
    document = json.loads(response.content)
    assert document["id"] == organization_did(college)


def test_did_document_lists_every_key_after_rotation(client, college):
    first = active_signing_key(organization=college)
    second = signing_key_create(organization=college)
    response = client.get(reverse("issuers:did", kwargs={"slug": college.slug}))
    listed = json.dumps(json.loads(response.content))
    assert first.public_multibase in listed and second.public_multibase in listed
