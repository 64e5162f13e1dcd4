"""Members: adding (and inviting), changing roles, removing; the last admin stays."""

from __future__ import annotations

import re

import pytest
from allauth.account.models import EmailAddress
from django.core import mail
from django.core.exceptions import ValidationError
from django.urls import reverse
from tests.site.conftest import make_user

from mixtape_site.accounts.models import User
from mixtape_site.organizations.models import Membership
from mixtape_site.organizations.services import (
    ALREADY_MEMBER,
    LAST_ADMIN,
    member_add,
    member_remove,
    member_set_role,
)

NEW_PASSWORD = "Blue-heron-over-the-lake-42"


def _members(org) -> str:
    return reverse("organizations:members", kwargs={"org": org.slug})


def _link(message) -> str:
    return re.search(r"https?://\S+", message.body).group(0)


def test_issuer_staff_cannot_open_the_members_page(client, college, issuer_staff):
    client.force_login(issuer_staff)
    assert client.get(_members(college)).status_code == 404
    response = client.post(_members(college), {"email": "x@example.org", "role": "admin"})
    assert response.status_code == 404
    assert not User.objects.filter(email="x@example.org").exists()


def test_admin_sees_members_with_their_roles(client, college, college_admin, issuer_staff):
    client.force_login(college_admin)
    page = client.get(_members(college)).content.decode()
    assert "staff@northern.example" in page and "admin@northern.example" in page
    assert 'value="issuer" selected' in page


def test_adding_an_existing_user_makes_them_a_member(
    client, college, college_admin, outsider, django_capture_on_commit_callbacks
):
    client.force_login(college_admin)
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            _members(college), {"email": "Someone@Elsewhere.example", "role": "issuer"}
        )
    assert response.status_code == 302
    assert Membership.objects.get(organization=college, user=outsider).role == "issuer"
    assert User.objects.filter(email__iexact="someone@elsewhere.example").count() == 1
    assert mail.outbox[0].to == ["someone@elsewhere.example"]
    assert "/accounts/password/reset/" not in mail.outbox[0].body


def test_a_new_person_is_invited_and_the_link_lets_them_set_a_password_and_sign_in(
    client, college, college_admin, django_capture_on_commit_callbacks
):
    client.force_login(college_admin)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(_members(college), {"email": "new.hire@northern.example", "role": "issuer"})
    invited = User.objects.get(email="new.hire@northern.example")
    assert not invited.has_usable_password()
    assert not EmailAddress.objects.get(user=invited).verified
    assert Membership.objects.get(user=invited).organization == college
    assert "Northern College" in mail.outbox[0].subject

    client.logout()
    form_page = client.get(_link(mail.outbox[0]), follow=True)
    assert form_page.status_code == 200 and "password1" in form_page.content.decode()
    done = client.post(
        form_page.redirect_chain[-1][0],
        {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD},
    )
    assert done.status_code == 302

    signed_in = client.post(
        reverse("account_login"), {"login": "new.hire@northern.example", "password": NEW_PASSWORD}
    )
    assert signed_in.status_code == 302
    assert client.get(reverse("organizations:home")).status_code == 200
    assert EmailAddress.objects.get(user=invited).verified


def test_invitation_link_works_only_once(
    client, college, college_admin, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        member_add(
            organization=college, email="once@example.org", role="issuer", added_by=college_admin
        )
    link = _link(mail.outbox[0])
    form_page = client.get(link, follow=True)
    client.post(
        form_page.redirect_chain[-1][0], {"password1": NEW_PASSWORD, "password2": NEW_PASSWORD}
    )
    client.logout()
    again = client.get(link, follow=True).content.decode()
    assert "password1" not in again


def test_adding_a_member_twice_is_refused_with_a_message(
    client, college, college_admin, issuer_staff
):
    client.force_login(college_admin)
    response = client.post(_members(college), {"email": issuer_staff.email, "role": "admin"})
    assert response.status_code == 200
    assert str(ALREADY_MEMBER) in response.content.decode()
    assert issuer_staff.email in response.content.decode()  # what was typed is kept
    assert Membership.objects.get(user=issuer_staff).role == "issuer"


def test_invalid_email_is_refused_and_kept(client, college, college_admin):
    client.force_login(college_admin)
    response = client.post(_members(college), {"email": "not-an-address", "role": "issuer"})
    page = response.content.decode()
    assert 'aria-invalid="true"' in page and 'value="not-an-address"' in page
    assert Membership.objects.filter(organization=college).count() == 1


def test_admin_changes_a_role(client, college, college_admin, issuer_staff):
    client.force_login(college_admin)
    membership = Membership.objects.get(user=issuer_staff)
    url = reverse("organizations:member_role", kwargs={"org": college.slug, "pk": membership.pk})
    client.post(url, {"role": "admin"})
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_last_admin_cannot_be_demoted_or_removed(client, college, college_admin):
    client.force_login(college_admin)
    membership = Membership.objects.get(user=college_admin)
    kwargs = {"org": college.slug, "pk": membership.pk}
    response = client.post(
        reverse("organizations:member_role", kwargs=kwargs), {"role": "issuer"}, follow=True
    )
    assert str(LAST_ADMIN) in response.content.decode()
    response = client.post(reverse("organizations:member_remove", kwargs=kwargs), follow=True)
    assert str(LAST_ADMIN) in response.content.decode()
    membership.refresh_from_db()
    assert membership.role == "admin"


def test_an_admin_can_leave_once_another_admin_exists(college, college_admin, issuer_staff):
    staff = Membership.objects.get(user=issuer_staff)
    member_set_role(membership=staff, role="admin")
    member_remove(membership=Membership.objects.get(user=college_admin))
    with pytest.raises(ValidationError) as refused:
        member_set_role(membership=staff, role="issuer")
    assert refused.value.messages == [str(LAST_ADMIN)]


def test_admin_removes_a_member(client, college, college_admin, issuer_staff):
    client.force_login(college_admin)
    membership = Membership.objects.get(user=issuer_staff)
    client.post(
        reverse("organizations:member_remove", kwargs={"org": college.slug, "pk": membership.pk})
    )
    assert not Membership.objects.filter(pk=membership.pk).exists()
    assert User.objects.filter(pk=issuer_staff.pk).exists()


def test_members_of_another_organization_cannot_be_touched(
    client, college, employer, college_admin, make_user_in_employer
):
    client.force_login(college_admin)
    other = make_user_in_employer
    url = reverse("organizations:member_remove", kwargs={"org": college.slug, "pk": other.pk})
    assert client.post(url).status_code == 404
    assert Membership.objects.filter(pk=other.pk).exists()


@pytest.fixture
def make_user_in_employer(employer):
    user = make_user("hr@maple.example")
    return Membership.objects.create(organization=employer, user=user, role="admin")


def test_an_admin_who_leaves_lands_on_their_organizations(
    client, college, college_admin, issuer_staff
):
    Membership.objects.filter(user=issuer_staff).update(role="admin")
    client.force_login(college_admin)
    mine = Membership.objects.get(user=college_admin)
    response = client.post(
        reverse("organizations:member_remove", kwargs={"org": college.slug, "pk": mine.pk})
    )
    assert response["Location"] == reverse("organizations:home")
    assert not Membership.objects.filter(pk=mine.pk).exists()
