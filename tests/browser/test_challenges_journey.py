"""The innovation space end to end in Chromium (issue 7): a city's staff post a challenge
(both languages, TRL, a deadline soon), add a criterion and open it; the public finds it by
words and by a facet; a college answers with a team and a milestone and submits; a rival
college cannot open that proposal; the deadline passes; the city invites a reviewer and
assigns the proposal; the reviewer declares no conflict and scores; the city awards; the
public page names the winner. Every page passes axe-core, in English and in French, and
the pages fit a phone.

Selectors are ids, names and URLs, not visible words; expected messages come from the
modules' constants, so the same steps run in both languages.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta
from decimal import Decimal
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Locator, Page, expect
from tests.browser.pathway_scenario import translated
from tests.browser.scenario import check, college_create, member_create, sign_in, use_language
from tests.site.conftest import make_user
from tests.site.factories import PYTHON_SKILL

from mixtape_site.accounts.models import User
from mixtape_site.challenges import (
    proposals,
    review,
    services,
    views_manage,
    views_proposals,
    views_review,
)
from mixtape_site.challenges.models import Challenge, FundingProgram, Proposal
from mixtape_site.organizations.models import Membership, Organization

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "fr"]
PHONE = {"width": 390, "height": 844}
TITLE = {"en": "Cooler bus shelters", "fr": "Abribus plus frais"}
SEARCH_WORD = {"en": "shelters", "fr": "abribus"}
PROPOSAL_TITLE = {"en": "Shade sails and misting", "fr": "Voiles d'ombrage et brumisation"}


@dataclass
class Cast:
    """The city and its staff, a funder's grant, two colleges' researchers, a reviewer."""

    city: Organization
    city_staff: User
    grant: FundingProgram
    northern: Organization
    researcher: User
    lumiere: Organization
    rival: User
    reviewer: User
    other: Challenge  # another open challenge, so that search and facets have to choose


def named(email: str, name: str) -> User:
    user = make_user(email)
    user.display_name = name
    user.save(update_fields=["display_name"])
    return user


def cast_create() -> Cast:
    city = Organization.objects.create(
        slug="city-of-lakeview",
        name={"en": "City of Lakeview", "fr": "Ville de Lakeview"},
        kind=Organization.Kind.PARTNER,
    )
    city_staff = named("innovation@lakeview.example", "Dana Okafor")
    Membership.objects.create(organization=city, user=city_staff, role=Membership.Role.ADMIN)
    funder = Organization.objects.create(
        slug="research-fund",
        name={"en": "Applied Research Fund", "fr": "Fonds de recherche appliquée"},
        kind=Organization.Kind.FUNDER,
    )
    grant = FundingProgram.objects.create(
        slug="partnership-grant", funder=funder, max_amount=Decimal("50000"),
        name={"en": "Partnership grant", "fr": "Subvention de partenariat"},
    )  # fmt: skip
    northern = college_create()
    researcher = member_create(northern, "research@northern.example", Membership.Role.ISSUER)
    researcher.display_name = "Dr. Ada Lee"
    researcher.save(update_fields=["display_name"])
    lumiere = Organization.objects.create(
        slug="college-lumiere", name={"en": "Collège Lumière", "fr": "Collège Lumière"},
        kind=Organization.Kind.INSTITUTION, primary_language="fr",
    )  # fmt: skip
    rival = member_create(lumiere, "recherche@lumiere.example", Membership.Role.ISSUER)
    reviewer = named("reviewer@expert.example", "Rita Expert")
    other = _challenge(city, city_staff, {"en": "Snow-plow fleet telematics",
                                          "fr": "Télématique de la flotte de déneigement"},
                       trl=(8, 9), days=60)  # fmt: skip
    return Cast(city, city_staff, grant, northern, researcher, lumiere, rival, reviewer, other)


def _challenge(
    city: Organization, staff: User, title: dict[str, str], *, trl: tuple[int, int], days: int
) -> Challenge:
    """An open challenge, through the services the pages use."""
    challenge = services.challenge_create(
        organization=city, created_by=staff,
        data={"title": title, "problem": {"en": "Plows idle.", "fr": "Les chasse-neige attendent."},
              "outcomes": {"en": "A dashboard.", "fr": "Un tableau de bord."},
              "trl_min": trl[0], "trl_max": trl[1],
              "deadline": timezone.now() + timedelta(days=days)},
    )  # fmt: skip
    services.criterion_save(challenge=challenge, actor=staff,
                            data={"name": {"en": "Impact", "fr": "Impact"}, "description": {},
                                  "max_points": 10})  # fmt: skip
    services.challenge_open(challenge=challenge, actor=staff)
    return challenge


def status(page: Page) -> Locator:  # the last action's messages (role="status", base.html)
    return page.locator("main .messages")


def pass_deadline(challenge: Challenge) -> None:
    """The deadline passed an hour ago: an hour of waiting the test cannot spend. The ORM
    moves it as the clock would; the lazy closing rule does the rest."""
    Challenge.objects.filter(pk=challenge.pk).update(deadline=timezone.now() - timedelta(hours=1))


@pytest.mark.parametrize("language", LANGUAGES)
def test_city_posts_college_answers_reviewer_scores_city_awards(page, site, a11y, language):
    page.set_default_timeout(5000)
    c = cast_create()
    use_language(page, site, language)
    shot = f"challenge-{language}"
    challenge = _post_and_open(page, site, a11y, c, language, shot)
    _find_it(page, site, a11y, challenge, language, shot)
    proposal = _answer(page, site, a11y, c, challenge, language, shot)
    _rival_is_refused(page, site, a11y, c, proposal, shot)
    pass_deadline(challenge)
    _invite_and_assign(page, site, a11y, c, challenge, proposal, language, shot)
    _review(page, site, a11y, c, language, shot)
    _award(page, site, a11y, c, challenge, proposal, language, shot)

    # The public (signed out) sees the winner's title and institution.
    page.context.clear_cookies()
    use_language(page, site, language)
    page.goto(f"/challenges/{challenge.uuid}")
    main = page.locator("main")
    expect(main).to_contain_text(PROPOSAL_TITLE[language])
    expect(main).to_contain_text(c.northern.name[language])
    check(page, a11y, f"{shot}-17-public-awarded")
    actions = list(challenge.audit.values_list("action", flat=True))
    assert actions[:2] == ["created", "opened"] and actions[-1] == "awarded"


def _post_and_open(page, site, a11y, c: Cast, language: str, shot: str) -> Challenge:
    sign_in(page, site, c.city_staff)
    manage = f"/manage/{c.city.slug}/challenges/"
    page.goto(manage)
    check(page, a11y, f"{shot}-01-manage-list")
    page.locator(f'main a[href="{manage}new/"]').click()
    check(page, a11y, f"{shot}-02-new")
    for field, en, fr in (
        ("title", TITLE["en"], TITLE["fr"]),
        ("problem", "Bus shelters overheat in heat waves.",
         "Les abribus surchauffent pendant les canicules."),
        ("outcomes", "A tested shelter prototype.", "Un prototype d'abribus mis à l'essai."),
    ):  # fmt: skip
        page.locator(f"#id_{field}_en").fill(en)
        page.locator(f"#id_{field}_fr").fill(fr)
    page.locator('input[name=disciplines][value="urban"]').check()
    page.locator("#id_trl_min").select_option("3")
    page.locator("#id_trl_max").select_option("6")
    page.locator("#id_budget").fill("40000")
    page.locator(f'input[name=funding_programs][value="{c.grant.pk}"]').check()
    deadline = timezone.localtime(timezone.now() + timedelta(days=2))
    page.locator("#id_deadline").fill(deadline.strftime("%Y-%m-%dT%H:%M"))
    page.locator("#id_skill_uris").fill(PYTHON_SKILL)
    page.locator("form.challenge-form button.primary[type=submit]").click()
    expect(status(page)).to_contain_text(translated(views_manage.CREATED, language))
    challenge = Challenge.objects.get(organization=c.city, title__en=TITLE["en"])
    one = f"{manage}{challenge.uuid}/"
    check(page, a11y, f"{shot}-03-draft")

    page.locator(f'main a[href="{one}criteria/new/"]').click()
    check(page, a11y, f"{shot}-04-criterion")
    page.locator("#id_name_en").fill("Cooling measured")
    page.locator("#id_name_fr").fill("Rafraîchissement mesuré")
    page.locator("#id_description_en").fill("Degrees gained inside the shelter.")
    page.locator("#id_max_points").fill("10")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(status(page)).to_contain_text(translated(views_manage.CRITERION_SAVED, language))

    page.locator(f'form[action="{one}open/"] button').click()
    expect(status(page)).to_contain_text(translated(views_manage.OPENED, language))
    check(page, a11y, f"{shot}-05-opened")
    challenge.refresh_from_db()
    assert challenge.status == Challenge.Status.OPEN
    assert (challenge.trl_min, challenge.trl_max) == (3, 6)
    assert [s["url"] for s in challenge.skills] == [PYTHON_SKILL]
    return challenge


def _find_it(page, site, a11y, challenge: Challenge, language: str, shot: str) -> None:
    page.context.clear_cookies()  # the public, signed out
    use_language(page, site, language)
    page.goto("/challenges/")
    cards = page.locator(".challenge-cards .card")
    expect(cards).to_have_count(2)
    page.locator("#challenge-q").fill(SEARCH_WORD[language])
    page.locator("form[role=search] .toolbar button[type=submit]").click()
    expect(cards).to_have_count(1)
    expect(cards).to_contain_text(TITLE[language])
    check(page, a11y, f"{shot}-06-search")

    page.goto("/challenges/")
    page.locator('input[name=deadline][value="closing"]').check()  # closing within 30 days
    page.locator(".catalogue-facets button[type=submit]").click()
    expect(cards).to_have_count(1)
    check(page, a11y, f"{shot}-07-facet")
    cards.locator(f'a[href="/challenges/{challenge.uuid}"]').click()
    expect(page.locator("h1")).to_have_text(TITLE[language])
    check(page, a11y, f"{shot}-08-challenge")


def _answer(page, site, a11y, c: Cast, challenge: Challenge, language: str, shot: str):
    sign_in(page, site, c.researcher)
    page.goto(f"/challenges/{challenge.uuid}")
    answer = f"/manage/{c.northern.slug}/challenges/{challenge.uuid}/answer/"
    page.locator(f'main a[href="{answer}"]').click()
    expect(page.locator("#id_team-0-name")).to_have_value("Dr. Ada Lee")
    check(page, a11y, f"{shot}-09-answer")
    page.locator("#id_title").fill(PROPOSAL_TITLE[language])
    page.locator("#id_language").select_option(language)
    page.locator("#id_summary").fill("Retrofit shelters with shade sails and misting.")
    page.locator("#id_approach").fill("Prototype three shelters and measure the heat.")
    page.locator("#id_budget").fill("30000")
    page.locator("#id_funding_program").select_option(str(c.grant.pk))
    page.locator("#id_milestones-0-title").fill("Prototype")
    page.locator("#id_milestones-0-due").fill("2030-01-15")
    page.locator("#id_milestones-0-deliverable").fill("Three shelters")
    # A second team row, without JavaScript: the page comes back with what was typed.
    page.locator('button[name=action][value="add_member"]').click()
    expect(page.locator("#id_title")).to_have_value(PROPOSAL_TITLE[language])
    page.locator("#id_team-1-name").fill("Sam Student")
    page.locator("#id_team-1-email").fill("sam@northern.example")
    page.locator("#id_team-1-role").select_option("student")
    page.locator("#id_team-1-program").fill("Civil Engineering Technology")
    check(page, a11y, f"{shot}-10-answer-filled")
    page.locator('button[name=action][value="submit"]').click()
    expect(status(page)).to_contain_text(translated(views_proposals.PROPOSAL_SUBMITTED, language))
    check(page, a11y, f"{shot}-11-submitted")
    proposal = Proposal.objects.get(challenge=challenge, organization=c.northern)
    assert proposal.status == Proposal.Status.SUBMITTED
    assert sorted(proposal.team.values_list("role", flat=True)) == ["lead", "student"]
    assert [m["title"] for m in proposal.milestones] == ["Prototype"]
    return proposal


def _rival_is_refused(page, site, a11y, c: Cast, proposal: Proposal, shot: str) -> None:
    sign_in(page, site, c.rival)
    for org in (c.northern.slug, c.lumiere.slug):  # not a member; not their proposal
        response = page.goto(f"/manage/{org}/proposals/{proposal.uuid}/")
        assert response is not None and response.status == 404, org
    expect(page.locator("main")).not_to_contain_text(proposal.title)
    check(page, a11y, f"{shot}-12-rival-404")


def _invite_and_assign(page, site, a11y, c, challenge, proposal, language: str, shot: str):
    sign_in(page, site, c.city_staff)
    proposals_page = f"/manage/{c.city.slug}/challenges/{challenge.uuid}/proposals/"
    page.goto(f"/manage/{c.city.slug}/challenges/{challenge.uuid}/")
    page.locator(f'main a[href="{proposals_page}"]').first.click()
    expect(page.locator(".score-table caption")).to_contain_text(proposal.title)
    check(page, a11y, f"{shot}-13-proposals")
    page.locator("#id_email").fill(c.reviewer.email)
    page.locator(f'form[action="{proposals_page}reviewers/"] button').click()
    expect(status(page)).to_contain_text(translated(views_review.REVIEWER_INVITED, language))
    page.locator("#id_proposal").select_option(str(proposal.uuid))
    page.locator("#id_reviewer").select_option(str(c.reviewer.pk))
    page.locator(f'form[action="{proposals_page}assign/"] button').click()
    expect(status(page)).to_contain_text(translated(views_review.PROPOSAL_ASSIGNED, language))


def _review(page, site, a11y, c: Cast, language: str, shot: str) -> None:
    sign_in(page, site, c.reviewer)
    page.goto("/review/")
    assignment = c.reviewer.review_assignments.get()
    check(page, a11y, f"{shot}-14-my-reviews")
    page.locator(f'main a[href="/review/{assignment.pk}/"]').click()
    expect(page.locator("main")).not_to_contain_text("Retrofit shelters")  # declare first
    check(page, a11y, f"{shot}-15-declare")
    page.locator('input[name=conflict][value="none"]').check()
    page.locator(f'form[action="/review/{assignment.pk}/conflict/"] button').click()
    expect(status(page)).to_contain_text(translated(views_review.CONFLICT_SAVED, language))
    criterion = assignment.proposal.challenge.criteria.get()
    page.locator(f"#id_points_{criterion.pk}").fill("8")
    page.locator(f"#id_comment_{criterion.pk}").fill("Measured on three shelters.")
    page.locator("#id_comment").fill("A sound, well-staffed plan.")
    page.locator('button[name=action][value="submit"]').click()
    expect(status(page)).to_contain_text(translated(views_review.REVIEW_DONE, language))
    check(page, a11y, f"{shot}-16-reviewed")


def _award(page, site, a11y, c, challenge, proposal, language: str, shot: str) -> None:
    sign_in(page, site, c.city_staff)
    page.goto(f"/manage/{c.city.slug}/challenges/{challenge.uuid}/proposals/")
    expect(page.locator(".score-table tfoot")).to_contain_text("8")
    page.locator(f'input[name=proposals][value="{proposal.uuid}"]').check()
    page.locator('form[action$="/award/"] button[type=submit]').click()
    check(page, a11y, f"{shot}-16b-award-confirm")
    page.locator("main form[method=post] button[type=submit]").click()
    expect(status(page)).to_contain_text(translated(views_review.AWARDED, language))
    proposal.refresh_from_db()
    assert proposal.status == Proposal.Status.AWARDED


# --- a phone's width ------------------------------------------------------------------


def _phone_world(c: Cast) -> tuple[Challenge, Proposal, Any]:
    """An open challenge with a submitted proposal (pages of the open phase)."""
    challenge = c.other
    data = proposals.ProposalData(
        title="Télématique ouverte des chasse-neige", language="fr",
        summary="Des capteurs et un tableau de bord.", approach="Trois saisons d'essais.",
        budget=Decimal("25000"),
        milestones=[proposals.Milestone(title="Capteurs posés", due=date(2030, 1, 15))],
        team=[proposals.Member(name="Dr. Ada Lee", email="ada@northern.example", role="lead"),
              proposals.Member(name="Sam Student", email="sam@northern.example",
                               role="student")],
    )  # fmt: skip
    proposal = proposals.proposal_create(
        challenge=challenge, organization=c.northern, created_by=c.researcher, data=data
    )
    proposals.proposal_submit(proposal=proposal, actor=c.researcher)
    return challenge, proposal, data


def test_challenge_pages_fit_a_phone(browser, site, a11y):
    c = cast_create()
    challenge, proposal, _ = _phone_world(c)
    phone = browser.new_context(base_url=site, locale="fr-CA", viewport=PHONE).new_page()
    failures: list[str] = []
    try:
        use_language(phone, site, "fr")
        sign_in(phone, site, c.researcher)
        for name, path in {
            "list": "/challenges/",
            "challenge": f"/challenges/{challenge.uuid}",
            "answer": f"/manage/{c.northern.slug}/challenges/{challenge.uuid}/answer/",
            "proposal": f"/manage/{c.northern.slug}/proposals/{proposal.uuid}/",
        }.items():
            _phone_check(phone, a11y, name, path, failures)

        pass_deadline(challenge)
        review.reviewer_invite(challenge=challenge, email=c.reviewer.email,
                               invited_by=c.city_staff)  # fmt: skip
        assignment = review.assignment_create(
            proposal=proposal, reviewer=c.reviewer, assigned_by=c.city_staff
        )
        review.assignment_declare(assignment=assignment, conflict="none", note="",
                                  actor=c.reviewer)  # fmt: skip
        criterion = challenge.criteria.get()
        scores = [review.ScoreInput(criterion=criterion, points=7)]
        review.review_save(assignment=assignment, scores=scores, comment="Solide.",
                           actor=c.reviewer, submit=True)  # fmt: skip
        sign_in(phone, site, c.city_staff)
        base = f"/manage/{c.city.slug}/challenges/{challenge.uuid}/"
        for name, path in {
            "manage": base,
            "proposals": f"{base}proposals/",
            "award": f"{base}proposals/award/?proposals={proposal.uuid}",
            "audit": f"{base}audit/",
        }.items():
            _phone_check(phone, a11y, name, path, failures)
        sign_in(phone, site, c.reviewer)
        _phone_check(phone, a11y, "review", f"/review/{assignment.pk}/", failures)
    finally:
        phone.context.close()
    assert not failures, "\n\n".join(failures)


def _phone_check(phone: Page, a11y: Any, name: str, path: str, failures: list[str]) -> None:
    """Every page is checked and every failure reported together."""
    response = phone.goto(path)
    if response is None or response.status != 200:
        failures.append(f"{name}: HTTP {response and response.status}")
        return
    try:
        check(phone, a11y, f"challenge-phone-{name}")
    except AssertionError as error:
        failures.append(str(error))
