"""The organization list and the dashboard figures."""

from __future__ import annotations

from datetime import timedelta

from django.urls import reverse
from django.utils import timezone

from mixtape_site.achievements.models import Achievement
from mixtape_site.credentials.models import IssuedCredential
from mixtape_site.organizations.models import Membership
from mixtape_site.organizations.selectors import dashboard_counts

DRAFT, PUBLISHED, RETIRED = Achievement.Status.values


def _dashboard(org) -> str:
    return reverse("organizations:dashboard", kwargs={"org": org.slug})


def test_home_lists_each_organization_with_the_role(client, college, employer, issuer_staff):
    Membership.objects.create(organization=employer, user=issuer_staff, role="admin")
    client.force_login(issuer_staff)
    page = client.get(reverse("organizations:home")).content.decode()
    assert "Northern College" in page and "Issuer staff" in page
    assert "Maple Tech" in page and "Organization admin" in page


def test_home_shows_a_single_organization_without_redirecting(client, issuer_staff):
    client.force_login(issuer_staff)
    response = client.get(reverse("organizations:home"))
    assert response.status_code == 200
    assert _dashboard(issuer_staff.memberships.get().organization) in response.content.decode()


def test_home_sends_signed_out_visitors_to_sign_in(client, db):
    response = client.get(reverse("organizations:home"))
    assert response.status_code == 302
    assert response["Location"].startswith(reverse("account_login"))


def test_dashboard_is_a_404_for_non_members(client, college, outsider):
    client.force_login(outsider)
    assert client.get(_dashboard(college)).status_code == 404


def test_counts_reflect_the_stored_rows(college, employer, make_achievement, credential_rows):
    published = make_achievement(college, "Welding", PUBLISHED)
    make_achievement(college, "Draft one", DRAFT)
    make_achievement(college, "Draft two", DRAFT)
    make_achievement(college, "Old", RETIRED)
    make_achievement(employer, "Elsewhere", PUBLISHED)
    state = IssuedCredential.State
    long_ago = timezone.now() - timedelta(days=45)
    credential_rows.add(published)
    credential_rows.add(published, claimed_at=timezone.now())
    credential_rows.add(published, state=state.REVOKED, issued_on=long_ago)
    credential_rows.add(published, state=state.SUSPENDED, issued_on=long_ago)

    counts = dashboard_counts(organization=college)

    assert (counts.published, counts.drafts, counts.retired) == (1, 2, 1)
    assert (counts.issued, counts.issued_recently) == (4, 2)
    assert (counts.revoked, counts.suspended, counts.claimed) == (1, 1, 1)


def test_counts_take_two_queries(college, django_assert_num_queries):
    with django_assert_num_queries(2):
        dashboard_counts(organization=college)


def test_dashboard_shows_recent_credentials_and_uploads(
    client, college, issuer_staff, make_achievement, make_bulk_issue, credential_rows
):
    achievement = make_achievement(college, "Forklift safety", PUBLISHED)
    for _ in range(6):
        credential_rows.add(achievement)
    make_bulk_issue(achievement, "spring-cohort.csv")
    client.force_login(issuer_staff)
    page = client.get(_dashboard(college)).content.decode()
    assert "Learner 6" in page and "Learner 2" in page
    assert "Learner 1<" not in page  # only the five most recent
    assert "spring-cohort.csv" in page
    assert "Forklift safety" in page


def test_dashboard_links_staff_to_their_tools_but_not_to_admin_pages(client, college, issuer_staff):
    client.force_login(issuer_staff)
    page = client.get(_dashboard(college)).content.decode()
    assert reverse("issuers:keys", kwargs={"org": college.slug}) in page
    assert reverse("organizations:members", kwargs={"org": college.slug}) not in page
