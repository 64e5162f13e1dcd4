"""Pathways end to end in Chromium (issue 6): a college's staff defines a pathway with
another college's micro-credential, sees a bad definition refused, fixes and publishes it;
the public page draws it; a learner follows their progress on the wallet, earns the last
micro-credential and gets the certificate automatically, then downloads a verifiable CLR;
a reviewed pathway's award is approved from the queue; the group form works from the
keyboard; the pages fit a phone. Every page passes axe-core, in English and in French.

Selectors are ids and attributes, not visible words, and expected messages come from the
modules' constants: the same steps run in both languages.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect
from tests.browser.pathway_scenario import (
    LEARNER_NAME,
    Stacking,
    award,
    business_analytics_create,
    data_analytics_create,
    hold,
    stacking_create,
    translated,
)
from tests.browser.scenario import check, sign_in, use_language

from mixtape import verify
from mixtape_site.achievements.models import Achievement
from mixtape_site.achievements.services import achievement_retire
from mixtape_site.issuers.resolver import platform_resolver
from mixtape_site.pathways import definitions, views_awards, views_groups, views_manage
from mixtape_site.pathways.models import Pathway, PathwayAward
from mixtape_site.pathways.selectors import pathway_progress
from mixtape_site.wallet.models import WalletCredential

pytestmark = [pytest.mark.browser, pytest.mark.django_db(transaction=True)]

LANGUAGES = ["en", "fr"]
PHONE = {"width": 390, "height": 844}
PRESENTING = {"en": "Presenting", "fr": "Présentation"}
OUTSIDE_URI = "https://open-code-academy.example/badges/python-essentials"


def status(page: Page) -> Locator:  # the last action's messages (role="status", base.html)
    return page.locator("main .messages")


def submit(page: Page) -> None:
    page.locator("main form[method=post] button[type=submit]").last.click()


@pytest.mark.parametrize("language", LANGUAGES)
def test_staff_define_check_and_publish_a_pathway(page, site, a11y, language):
    page.set_default_timeout(5000)
    s = stacking_create()
    sign_in(page, site, s.staff)
    use_language(page, site, language)
    shot = f"pathway-staff-{language}"

    page.goto(f"/manage/{s.northern.slug}/pathways/")
    check(page, a11y, f"{shot}-01-list")
    page.locator(f'a[href="/manage/{s.northern.slug}/pathways/new/"]').click()
    check(page, a11y, f"{shot}-02-new")
    page.locator("#id_name_en").fill("Data Analytics")
    page.locator("#id_name_fr").fill("Analyse de données")
    page.locator("#id_description_en").fill("Python, SQL and a way to present results.")
    page.locator("#id_description_fr").fill("Python, SQL et une façon de présenter.")
    page.locator("#id_goal").select_option(str(s.goals["northern"].pk))
    page.locator(f'input[name=partners][value="{s.lumiere.pk}"]').check()
    submit(page)
    expect(status(page)).to_contain_text(translated(views_manage.CREATED, language))
    pathway = Pathway.objects.get(organization=s.northern)
    manage = f"/manage/{s.northern.slug}/pathways/{pathway.uuid}/"
    expect(page.locator(".pathway-problems")).to_contain_text(
        translated(definitions.NO_REQUIREMENT, language)
    )
    check(page, a11y, f"{shot}-03-draft")

    # Publishing an empty definition is refused, saying why.
    page.locator(f'a[href="{manage}publish/"]').click()
    expect(page.get_by_role("alert")).to_contain_text(
        translated(definitions.NO_REQUIREMENT, language)
    )
    expect(page.locator("main button[type=submit]")).to_have_count(0)
    check(page, a11y, f"{shot}-04-publish-refused")

    _group_add(page, manage, s, ("Core", "Tronc commun"), "all", ["python", "sql"])
    check(page, a11y, f"{shot}-05-group-new")
    submit(page)
    expect(status(page)).to_contain_text(translated(views_groups.GROUP_SAVED, language))
    _group_add(page, manage, s, (PRESENTING["en"], PRESENTING["fr"]), "at_least",
               ["visualisation", "reporting"], count=1)  # fmt: skip
    submit(page)
    expect(status(page)).to_contain_text(translated(views_groups.GROUP_SAVED, language))

    # Meanwhile Collège Lumière retires one of the two: the definition is no longer valid.
    achievement_retire(achievement=s.micro["reporting"])
    presenting = PRESENTING[language]
    group_name = translated(definitions.GROUP_NAMED, language, name=presenting)
    name = s.name("reporting", language)
    retired = translated(definitions.STEP_RETIRED, language, group=group_name, name=name)
    page.goto(manage)
    expect(page.locator(".pathway-problems")).to_contain_text(retired)
    check(page, a11y, f"{shot}-06-problem")
    page.locator(f'a[href="{manage}publish/"]').click()
    expect(page.get_by_role("alert")).to_contain_text(retired)

    # Fixed: the retired one is still ticked on the group form, so it can be replaced.
    page.goto(manage)
    group = pathway.groups.get(position=1)
    page.locator(f'a[href="{manage}groups/{group.pk}/"]').click()
    expect(page.locator(f"#achievement-{s.micro['reporting'].pk}")).to_be_checked()
    page.locator(f"#achievement-{s.micro['reporting'].pk}").uncheck()
    page.locator(f"#achievement-{s.micro['communication'].pk}").check()
    submit(page)
    expect(page.locator(".pathway-problems .badge-ok")).to_be_visible()

    # Another issuer's Python course is accepted in place of Northern's.
    step = pathway.groups.get(position=0).steps.get(achievement=s.micro["python"])
    page.locator(f'a[href="{manage}steps/{step.pk}/equivalences/new/"]').click()
    check(page, a11y, f"{shot}-07-equivalence")
    page.locator('input[name=kind][value="external"]').check()
    page.locator("#id_achievement_uri").fill(OUTSIDE_URI)
    page.locator("#id_name").fill("Python Essentials")
    page.locator("#id_issuer_name").fill("Open Code Academy")
    submit(page)
    expect(status(page)).to_contain_text(translated(views_groups.EQUIVALENCE_ADDED, language))
    expect(page.locator("ul.equivalences li")).to_contain_text("Python Essentials")

    page.locator(f'a[href="{manage}publish/"]').click()
    check(page, a11y, f"{shot}-08-publish")
    submit(page)
    expect(status(page)).to_contain_text(translated(views_manage.PUBLISHED, language))
    check(page, a11y, f"{shot}-09-published")

    # The public page draws what stacks into what, with the same as text.
    page.locator(f'a[href="/pathways/{pathway.uuid}"]').first.click()
    diagram = page.locator("svg.pathway-diagram[role=img]")
    expect(diagram).to_be_visible()
    assert diagram.locator("title").text_content().strip()
    text = page.locator("details.pathway-text")
    text.locator("summary").click()
    for name in (s.name("python", language), s.name("communication", language),
                 "Python Essentials", s.goals["northern"].name[language]):  # fmt: skip
        expect(text).to_contain_text(name)
    expect(text).not_to_contain_text(s.name("reporting", language))
    check(page, a11y, f"{shot}-10-public")


def _group_add(
    page: Page, manage: str, s: Stacking, names: tuple[str, str], rule: str, slugs: list[str],
    count: int | None = None,
) -> None:  # fmt: skip
    page.goto(f"{manage}groups/new/")
    page.locator("#id_name_en").fill(names[0])
    page.locator("#id_name_fr").fill(names[1])
    page.locator(f'input[name=rule][value="{rule}"]').check()
    if count is not None:
        page.locator("#id_count").fill(str(count))
    for slug in slugs:
        page.locator(f"#achievement-{s.micro[slug].pk}").check()


@pytest.mark.parametrize("language", LANGUAGES)
def test_learner_follows_progress_earns_the_certificate_and_downloads_the_record(
    page, site, a11y, language, tmp_path
):
    page.set_default_timeout(5000)
    s = stacking_create()
    pathway = data_analytics_create(s)
    hold(s, "python", "visualisation")
    last = award(s, "sql")
    sign_in(page, site, s.learner)
    use_language(page, site, language)
    shot = f"pathway-learner-{language}"

    page.goto("/wallet/")
    card = page.locator(".my-pathways .card")
    expect(card).to_have_count(1)
    percent = pathway_progress(pathway=pathway, user=s.learner).percent
    assert percent == 75  # core half done (1 of 2), presenting done: the mean of the two
    expect(card.locator("progress")).to_have_attribute("value", str(percent))
    expect(card.locator(".progress-line")).to_contain_text(f"{percent}")
    expect(card.locator(".pathway-next")).to_contain_text(s.name("sql", language))
    check(page, a11y, f"{shot}-01-wallet")
    page.locator(f'.pathway-next a[href="/achievements/{s.micro["sql"].uuid}"]').click()
    expect(page.locator("main")).to_contain_text("Data Analytics" if language == "en"
                                                 else "Analyse de données")  # fmt: skip
    check(page, a11y, f"{shot}-02-stacks-into")

    # The last one, claimed from its award e-mail's link: the certificate follows by itself.
    page.goto(f"/claim/{last.claim_token}")
    submit(page)
    page.goto("/wallet/")
    goal_name = s.goals["northern"].name[language]
    expect(page.locator(".wallet-items .card", has_text=goal_name)).to_be_visible()
    expect(card.locator("progress")).to_have_attribute("value", "100")
    expect(card.locator(".badge-ok").first).to_be_visible()
    check(page, a11y, f"{shot}-03-certificate")
    assert PathwayAward.objects.get(pathway=pathway).state == PathwayAward.State.ISSUED

    with page.expect_download() as download:
        card.locator(f'a[href="/wallet/pathways/{pathway.uuid}/clr"]').click()
    saved = tmp_path / "record.json"
    download.value.save_as(saved)
    record = json.loads(Path(saved).read_text(encoding="utf-8"))
    assert "ClrCredential" in record["type"]
    report = verify(record, resolver=platform_resolver())
    assert report.verified, report
    embedded = record["credentialSubject"]["verifiableCredential"]
    assert len(embedded) == 4  # three micro-credentials and the certificate

    page.goto(f"/pathways/{pathway.uuid}")
    expect(page.locator("#progress-title + .pathway-progress progress")).to_have_attribute(
        "value", "100"
    )
    check(page, a11y, f"{shot}-04-public-signed-in")


def test_reviewed_pathway_award_is_approved_from_the_queue(page, site, a11y):
    page.set_default_timeout(5000)
    s = stacking_create()
    pathway = business_analytics_create(s)
    hold(s, "visualisation", "communication")
    pending = PathwayAward.objects.get(pathway=pathway)
    assert pending.state == PathwayAward.State.PENDING and pending.credential is None
    sign_in(page, site, s.lumiere_admin)

    for language in LANGUAGES:
        use_language(page, site, language)
        page.goto(f"/manage/{s.lumiere.slug}/pathway-awards/")
        expect(page.locator(".award-cards .card")).to_contain_text(LEARNER_NAME)
        check(page, a11y, f"pathway-review-{language}-01-queue")
    page.locator(f'form[action$="/pathway-awards/{pending.pk}/approve/"] button').click()
    expect(status(page)).to_contain_text(translated(views_awards.APPROVED, "fr"))
    expect(page.locator(".award-cards")).to_have_count(0)
    check(page, a11y, "pathway-review-fr-02-approved")

    pending.refresh_from_db()
    assert pending.state == PathwayAward.State.ISSUED
    assert WalletCredential.objects.filter(
        owner=s.learner, issued_credential=pending.credential
    ).exists()
    sign_in(page, site, s.learner)
    page.goto("/wallet/")
    expect(
        page.locator(".wallet-items .card", has_text=s.goals["lumiere"].name["fr"])
    ).to_be_visible()


def test_group_form_works_from_the_keyboard(page, site, a11y):
    page.set_default_timeout(5000)
    s = stacking_create()
    pathway = data_analytics_create(s)
    sign_in(page, site, s.staff)
    manage = f"/manage/{s.northern.slug}/pathways/{pathway.uuid}/"
    page.goto(f"{manage}groups/new/")
    page.locator("#id_name_en").fill("Electives")
    page.locator("#id_name_fr").fill("Cours au choix")

    # The rule's radio buttons: arrows move the choice.
    page.locator("input[name=rule]:checked").focus()
    page.keyboard.press("ArrowDown")
    expect(page.locator('input[name=rule][value="any"]')).to_be_checked()

    # From the count field, Tab reaches the filter box; typing filters, Enter does not submit.
    page.locator("#id_count").focus()
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.id") == "achievement-filter"
    page.keyboard.type("lumiere")
    lumiere = list(Achievement.objects.filter(organization=s.lumiere).order_by("id"))
    expect(page.locator("#achievement-filter-status")).to_contain_text(str(len(lumiere)))
    expect(page.locator(f"#achievement-{s.micro['python'].pk}")).to_be_hidden()
    page.keyboard.press("Enter")
    assert page.url.endswith("/groups/new/")
    check(page, a11y, "pathway-keyboard-01-filtered")

    # Tab goes to the first shown micro-credential; Space ticks it.
    page.keyboard.press("Tab")
    first = page.evaluate("document.activeElement.id")
    assert first == f"achievement-{lumiere[0].pk}"
    page.keyboard.press("Space")
    page.keyboard.press("Tab")
    page.keyboard.press("Space")
    expect(page.locator(f"#{first}")).to_be_checked()
    for _ in range(len(lumiere) - 1):
        page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.type") == "submit"
    page.keyboard.press("Enter")
    expect(status(page)).to_contain_text(translated(views_groups.GROUP_SAVED, "en"))
    saved = pathway.groups.get(name__en="Electives")
    assert [step.achievement for step in saved.steps.all()] == lumiere[:2]


def test_pathway_pages_fit_a_phone(browser, site, a11y):
    s = stacking_create()
    pathway = data_analytics_create(s)
    hold(s, "python")
    phone = browser.new_context(base_url=site, locale="fr-CA", viewport=PHONE).new_page()
    try:
        sign_in(phone, site, s.staff)
        for name, path in {
            "public": f"/pathways/{pathway.uuid}",
            "manage": f"/manage/{s.northern.slug}/pathways/{pathway.uuid}/",
            "group": f"/manage/{s.northern.slug}/pathways/{pathway.uuid}/groups/new/",
        }.items():
            phone.goto(path)
            check(phone, a11y, f"pathway-phone-{name}")
        sign_in(phone, site, s.learner)
        phone.goto("/wallet/")
        expect(phone.locator(".my-pathways .card")).to_have_count(1)
        check(phone, a11y, "pathway-phone-wallet")
    finally:
        phone.context.close()
