"""The innovation space after the award, in Chromium (issue 7): Northern's researcher opens
the project from the awarded proposal, marks a milestone done, raises the TRL, adds a
second student, completes the project (a refusal first: nothing typed is lost) and writes
each student's contribution; the city's staff confirm both and endorse the project
micro-credential; Northern issues it; the student finds it in the wallet, adds it and opens
its public page with the city's endorsement; the public project page shows no e-mail
address and no contribution; a rival college gets the not-found page.

English runs at a desktop width, French at a phone's: every page passes axe-core, has no
dangling id reference and no sideways scrolling (``scenario.check``). The steps up to the
award have their own journey (test_challenges_journey.py); this one starts from the award,
made with the real services.
"""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect
from tests.browser.pathway_scenario import translated
from tests.browser.project_scenario import (
    DESKTOP,
    PROJECT_TITLE,
    SECOND_STUDENT,
    ProjectWorld,
    awarded_project_create,
    students,
)
from tests.browser.scenario import check, sign_in, use_language
from tests.browser.test_challenges_journey import PHONE, status

from mixtape_site.projects import services as project_services
from mixtape_site.projects import views
from mixtape_site.projects.models import Project

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

OUTCOME = "Two shelters now stay 6 °C cooler in a heat wave."
ENDORSEMENT = {"en": "Students who delivered for our riders.",
               "fr": "Des étudiants qui ont livré pour nos usagers."}  # fmt: skip


def contribution_of(name: str) -> str:
    return f"{name} built and calibrated the heat sensors."


@pytest.mark.parametrize(("language", "viewport"), [("en", DESKTOP), ("fr", PHONE)],
                         ids=["en-desktop", "fr-phone"])  # fmt: skip
def test_project_runs_to_a_credential_the_student_holds(browser, site, a11y, language, viewport):
    w = awarded_project_create()
    context = browser.new_context(base_url=site, locale=f"{language}-CA", viewport=viewport)
    page = context.new_page()
    page.set_default_timeout(5000)
    shot = f"project-{language}"
    try:
        use_language(page, site, language)
        _run_the_project(page, site, a11y, w, language, shot)
        _partner_confirms_and_endorses(page, site, a11y, w, language, shot)
        _institution_issues(page, site, a11y, w, language, shot)
        _student_holds_it(page, site, a11y, w, language, shot)
        _public_project_page(page, site, a11y, w, language, shot)
        _rival_is_refused(page, site, w)
    finally:
        context.close()


def _manage(w: ProjectWorld, org: str) -> str:
    return f"/manage/{org}/projects/{w.project.uuid}/"


def _done(page: Page, key: str, language: str) -> None:
    expect(status(page)).to_contain_text(translated(views.DONE[key], language))


def _run_the_project(page, site, a11y, w: ProjectWorld, language: str, shot: str) -> None:
    c = w.cast
    sign_in(page, site, c.researcher)
    page.goto(f"/manage/{c.northern.slug}/proposals/{w.proposal.uuid}/")
    check(page, a11y, f"{shot}-01-proposal-awarded")
    page.locator(f'main .project-link a[href="{_manage(w, c.northern.slug)}"]').click()
    expect(page.locator("h1")).to_have_text(PROJECT_TITLE)  # checked below, with errors

    milestone = w.project.milestones.first()
    page.locator(f'form[action$="/milestones/{milestone.pk}/done/"] button').click()
    _done(page, "milestone_done", language)
    page.locator("#trl-trl").select_option("4")
    page.locator('form[action$="/trl/"] button[type=submit]').click()
    _done(page, "trl", language)
    page.locator("#member-name").fill(SECOND_STUDENT["name"])
    page.locator("#member-email").fill(SECOND_STUDENT["email"])
    page.locator("#member-role").select_option("student")
    page.locator("#member-program").fill(SECOND_STUDENT["program"])
    page.locator('form[action$="/team/"] button[type=submit]').click()
    _done(page, "member", language)
    expect(page.locator("#team ~ table tbody tr")).to_have_count(3)

    # No outcome: refused, the page says why next to the field and keeps the hours typed.
    complete = page.locator('form[action$="/complete/"]')
    page.locator("#complete-hours").fill("60")
    complete.locator("button[type=submit]").click()
    expect(complete).to_contain_text(translated(project_services.OUTCOME_REQUIRED, language))
    expect(page.locator("#complete-hours")).to_have_value("60")
    check(page, a11y, f"{shot}-04-complete-refused")
    page.locator("#complete-outcome").fill(OUTCOME)
    page.locator("#complete-trl").select_option("5")
    complete.locator("button[type=submit]").click()
    _done(page, "complete", language)
    check(page, a11y, f"{shot}-05-completed")

    for member in students(w.project):
        form = page.locator(f'form[action$="/contributions/{member.pk}/"]')
        form.locator("textarea").fill(contribution_of(member.name))
        form.locator("button[type=submit]").click()
        _done(page, "contribution", language)
    w.project.refresh_from_db()
    assert w.project.status == Project.Status.COMPLETED
    assert (w.project.trl_start, w.project.trl_current) == (3, 5)
    assert w.project.achievement is not None and w.project.achievement.hours == 60
    assert all(m.institution_confirmed_at for m in students(w.project))


def _partner_confirms_and_endorses(page, site, a11y, w, language: str, shot: str) -> None:
    c = w.cast
    sign_in(page, site, c.city_staff)
    page.goto(f"/manage/{c.city.slug}/projects/")  # (checked in the page sweep)
    page.locator(f'main a[href="{_manage(w, c.city.slug)}"]').click()
    expect(page.locator("main")).to_contain_text(contribution_of("Mia Martin"))
    for member in students(w.project):
        page.locator(f'form[action$="/contributions/{member.pk}/confirm/"] button').click()
        _done(page, "partner", language)
    page.locator("#endorse-comment_en").fill(ENDORSEMENT["en"])
    page.locator("#endorse-comment_fr").fill(ENDORSEMENT["fr"])
    page.locator('form[action$="/endorse/"] button[type=submit]').click()
    _done(page, "endorse", language)
    expect(page.locator("section[aria-labelledby=endorsement] blockquote")).to_contain_text(
        ENDORSEMENT[language]
    )
    check(page, a11y, f"{shot}-07-partner-endorsed")
    assert all(m.partner_confirmed_at for m in students(w.project))


def _institution_issues(page, site, a11y, w, language: str, shot: str) -> None:
    sign_in(page, site, w.cast.researcher)
    page.goto(_manage(w, w.cast.northern.slug))
    page.locator('form[action$="/issue/"] button[type=submit]').click()
    expect(status(page)).to_contain_text(translated(views.ISSUED, language, count=2))
    check(page, a11y, f"{shot}-08-issued")
    assert all(m.credential_id for m in students(w.project))


def _student_holds_it(page, site, a11y, w, language: str, shot: str) -> None:
    sign_in(page, site, w.student)
    page.goto("/wallet/")
    name = w.project.achievement.name[language]
    waiting = page.locator("section[aria-labelledby=waiting-title] .card")
    expect(waiting).to_have_count(1)
    expect(waiting).to_contain_text(name)
    check(page, a11y, f"{shot}-09-wallet-waiting")
    waiting.locator("button[type=submit]").click()
    expect(page.locator("h1")).to_have_text(name)
    check(page, a11y, f"{shot}-10-wallet-credential")
    credential = w.project.members.get(email=w.student.email).credential
    page.locator(f'main a[href="/credentials/{credential.uuid}"]').click()
    endorsements = page.locator("section[aria-labelledby=endorsements-title]")
    expect(endorsements).to_contain_text(re.compile("City of Lakeview|Ville de Lakeview"))
    expect(endorsements).to_contain_text(ENDORSEMENT[language])
    expect(endorsements.locator(".badge-ok")).to_have_count(1)  # the signature checks out
    check(page, a11y, f"{shot}-11-credential-public")


def _public_project_page(page, site, a11y, w, language: str, shot: str) -> None:
    page.context.clear_cookies()  # the public, signed out
    use_language(page, site, language)
    page.goto(f"/projects/{w.project.uuid}")
    main = page.locator("main")
    expect(main).to_contain_text(OUTCOME)
    expect(main).to_contain_text(w.cast.city.name[language])
    text = main.inner_text()
    assert "@" not in text, "the public project page shows an e-mail address"
    assert "calibrated" not in text, "the public project page shows a contribution"
    check(page, a11y, f"{shot}-12-public-project")


def _rival_is_refused(page, site, w) -> None:
    c = w.cast
    sign_in(page, site, c.rival)
    for org in (c.northern.slug, c.lumiere.slug, c.city.slug):
        response = page.goto(_manage(w, org))
        assert response is not None and response.status == 404, org
    expect(page.locator("main")).not_to_contain_text(PROJECT_TITLE)
