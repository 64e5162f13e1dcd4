"""Sign-up with mandatory e-mail verification, and the site-styled allauth pages."""

from __future__ import annotations

import re

from allauth.account.models import EmailAddress
from django.core import mail
from django.urls import reverse
from tests.site.conftest import make_user

from mixtape_site.accounts.models import User

PASSWORD = "Quiet-river-stone-2024"


def _signed_in(client) -> bool:
    return client.get(reverse("accounts:profile")).status_code == 200


def test_signup_sends_a_verification_email_whose_link_signs_the_person_in(client, db):
    response = client.post(
        reverse("account_signup"),
        {"email": "learner@example.org", "password1": PASSWORD, "password2": PASSWORD},
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("account_email_verification_sent")
    assert not _signed_in(client)

    link = re.search(r"https?://\S+/accounts/confirm-email/\S+", mail.outbox[0].body).group(0)
    confirm_page = client.get(link)
    assert confirm_page.status_code == 200
    confirmed = client.post(link)
    assert confirmed.status_code == 302
    assert EmailAddress.objects.get(email="learner@example.org").verified
    assert _signed_in(client)


def test_unverified_accounts_cannot_sign_in(client, db):
    make_user("late@example.org", verified=False)
    client.post(
        reverse("account_login"),
        {"login": "late@example.org", "password": "a-long-test-password-1"},
    )
    assert not _signed_in(client)
    assert mail.outbox and "late@example.org" in mail.outbox[0].to


def test_sign_in_page_uses_the_site_layout_with_labelled_fields(client, db):
    page = client.get(reverse("account_login")).content.decode()
    assert page.count("<h1") == 1
    assert '<label for="id_login"' in page and '<label for="id_password"' in page
    assert 'class="button"' in page and "site.css" in page


def test_signup_errors_are_linked_to_their_fields_and_input_is_kept(client, db):
    page = client.post(
        reverse("account_signup"),
        {"email": "keep@example.org", "password1": PASSWORD, "password2": "different"},
    ).content.decode()
    assert 'aria-invalid="true"' in page
    assert 'value="keep@example.org"' in page
    assert not User.objects.filter(email="keep@example.org").exists()
