"""What the pathway pages show: the diagram says the award's and the steps' real state, fits
its boxes, scrolls on a phone; the manage page and the wallet say nothing wrong."""

from __future__ import annotations

import pytest
from defusedxml.ElementTree import fromstring
from django.urls import reverse
from tests.site.pathways.conftest import achievement_make, hold_credential, pathway_make

from mixtape_site.achievements.models import Achievement
from mixtape_site.pathways.diagram import Box, _box_lines, pathway_diagram
from mixtape_site.pathways.models import Pathway, PathwayAward, PathwayGroup
from mixtape_site.pathways.presenters import steps_prefetched
from mixtape_site.pathways.selectors import pathway_progress

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def _svg_texts(page: str) -> list[str]:
    svg = page[page.index("<svg") : page.index("</svg>") + len("</svg>")]
    return [node.text or "" for node in fromstring(svg).iter(f"{SVG}text")]


def test_a_long_name_wraps_inside_its_box():
    lines = [text for text, size, *_ in _box_lines(Box(name="Workplace Communication"))]
    assert lines == ["Workplace", "Communication"]


def test_the_diagram_scrolls_sideways_in_a_focusable_labelled_region(client, pathway):
    page = client.get(reverse("pathways:detail", kwargs={"uuid": pathway.uuid})).content.decode()
    assert '<div class="pathway-scroll" tabindex="0" role="group" ' in page
    assert 'aria-labelledby="pathway-diagram-title"' in page
    assert '<title id="pathway-diagram-title">' in page


def test_the_goal_box_says_the_award_is_waiting_for_approval(
    pathway, learner, cleaning, visualisation, statistics
):
    Pathway.objects.filter(pk=pathway.pk).update(approval=Pathway.Approval.REVIEW)
    for achievement in (cleaning, visualisation, statistics):
        hold_credential(learner, achievement)
    PathwayAward.objects.create(pathway=pathway, learner=learner)
    progress = pathway_progress(pathway=pathway, user=learner)
    diagram = pathway_diagram(progress.pathway, groups=steps_prefetched(pathway), progress=progress)
    assert diagram.goal.state_label == "… Waiting for approval"
    assert diagram.goal.mark == "pending"


def test_the_goal_box_says_not_yet_without_an_award(pathway, learner):
    progress = pathway_progress(pathway=pathway, user=learner)
    diagram = pathway_diagram(progress.pathway, groups=steps_prefetched(pathway), progress=progress)
    assert diagram.goal.state_label == "○ Not yet"


def _manage_page(client, user, pathway):
    client.force_login(user)
    url = reverse("pathways:manage_detail",
                  kwargs={"org": pathway.organization.slug, "uuid": pathway.uuid})  # fmt: skip
    return client.get(url).content.decode()


def test_the_manage_diagram_marks_a_retired_step_as_the_table_does(
    client, issuer_staff, pathway, cleaning
):
    Achievement.objects.filter(pk=cleaning.pk).update(status=Achievement.Status.RETIRED)
    page = _manage_page(client, issuer_staff, pathway)
    assert "! Retired" in _svg_texts(page)


def test_the_manage_page_has_no_empty_list_of_equivalents(client, issuer_staff, pathway):
    page = _manage_page(client, issuer_staff, pathway)
    assert '<ul class="equivalences">' not in page


def test_a_certificate_step_says_which_pathway_earns_it(client, college, pathway, goal):
    advanced_goal = achievement_make(organization=college, name="Advanced Certificate")
    advanced = pathway_make(
        organization=college, goal=advanced_goal, name="Advanced",
        groups=[("Stack", PathwayGroup.Rule.ALL, None, [goal])],
    )  # fmt: skip
    page = client.get(reverse("pathways:detail", kwargs={"uuid": advanced.uuid})).content.decode()
    texts = " ".join(_svg_texts(page))
    assert "via the “Data Analytics”" in texts and "pathway" in texts


def test_the_awards_queue_names_pathway_and_goal_without_a_sentence(
    client, issuer_staff, college, pathway, learner
):
    PathwayAward.objects.create(pathway=pathway, learner=learner)
    client.force_login(issuer_staff)
    page = client.get(reverse("pathways:awards", kwargs={"org": college.slug})).content.decode()
    assert "<dt>Pathway</dt><dd>Data Analytics</dd>" in page
    assert "<dt>Goal credential</dt><dd>Certificate in Data Analytics</dd>" in page


def test_the_wallet_shows_the_issuer_in_the_readers_language(client, learner, cleaning):
    row = hold_credential(learner, cleaning)
    client.force_login(learner)
    client.cookies["django_language"] = "fr"
    listing = client.get(reverse("wallet:list")).content.decode()
    detail = client.get(reverse("wallet:detail", kwargs={"uuid": row.uuid})).content.decode()
    assert "Collège du Nord" in listing and "Collège du Nord" in detail
    client.cookies["django_language"] = "en"
    assert "Northern College" in client.get(reverse("wallet:list")).content.decode()
