"""The pathway diagram: a well-formed SVG with a text alternative, every name escaped,
held and missing parts told apart by glyph and word (not colour alone)."""

from __future__ import annotations

from defusedxml.ElementTree import fromstring
from django.urls import reverse

from mixtape_site.pathways.diagram import HELD, MISSING, Box, Column, Diagram, diagram_svg
from mixtape_site.pathways.models import Equivalence, PathwayGroup

from .conftest import achievement_make, pathway_make

SVG = "{http://www.w3.org/2000/svg}"


def _texts(svg: str) -> str:
    root = fromstring(svg)
    return " ".join(node.text or "" for node in root.iter(f"{SVG}text"))


def _diagram_url(pathway):
    return reverse("pathways:diagram", kwargs={"uuid": pathway.uuid})


def test_diagram_is_an_accessible_image_naming_every_part(client, pathway):
    response = client.get(_diagram_url(pathway))
    assert response["Content-Type"].startswith("image/svg+xml")
    root = fromstring(response.content)
    assert root.tag == f"{SVG}svg" and root.get("role") == "img"
    title, desc = root.find(f"{SVG}title"), root.find(f"{SVG}desc")
    assert root.get("aria-labelledby") == f"{title.get('id')} {desc.get('id')}"
    assert "Data Analytics" in title.text and "Certificate in Data Analytics" in desc.text
    texts = _texts(response.content.decode())
    for name in ("Data Cleaning", "Data Visualisation", "Statistics with R", "Northern College",
                 "Southern College", "All of: Core", "At least 1 of: Electives"):  # fmt: skip
        assert name in texts


def test_standalone_diagram_is_cacheable_and_cannot_run_anything(client, pathway):
    response = client.get(_diagram_url(pathway))
    assert "public" in response["Cache-Control"] and "max-age=3600" in response["Cache-Control"]
    assert response["Content-Security-Policy"].startswith("default-src 'none'")
    assert response["X-Content-Type-Options"] == "nosniff"


def test_diagram_speaks_the_readers_language(client, pathway):
    client.cookies["django_language"] = "fr"
    svg = client.get(_diagram_url(pathway)).content.decode()
    assert fromstring(svg).get("{http://www.w3.org/XML/1998/namespace}lang") == "fr"
    assert "Data Cleaning (fr)" in _texts(svg) and "Collège du Sud" in _texts(svg)


def test_names_with_markup_stay_text(client, college, goal, cleaning, pathway):
    evil = achievement_make(organization=college, name='<script>alert("x")</script> & more')
    group = PathwayGroup.objects.create(pathway=pathway, position=5, rule="any",
                                        name={"en": "<b>bold</b>"})  # fmt: skip
    group.steps.create(achievement=evil)
    step = pathway.groups.get(position=0).steps.first()
    Equivalence.objects.create(step=step, achievement_uri="https://x.example/a",
                               name="</text><script>1</script>", issuer_name="X")  # fmt: skip
    svg = client.get(_diagram_url(pathway)).content.decode()
    assert "<script" not in svg and "<b>" not in svg
    root = fromstring(svg)  # still well-formed
    assert not list(root.iter(f"{SVG}script"))
    assert '<script>alert("x")' in _texts(svg) and "<b>bold</b>" in _texts(svg)
    page = client.get(reverse("pathways:detail", kwargs={"uuid": pathway.uuid})).content.decode()
    assert "<script>alert" not in page and "&lt;script&gt;alert" in page


def test_control_characters_and_long_names_keep_the_svg_well_formed():
    long = "A very long micro-credential name " * 6
    diagram = Diagram(
        title="T\x00\x0b", description="D", goal=Box(name="Goal\x1f"),
        columns=(Column(heading="All of", boxes=(Box(name=long, institution="Inst"),)),),
    )  # fmt: skip
    svg = diagram_svg(diagram)
    fromstring(svg)
    assert "…" in _texts(svg)  # wrapped to three lines, then cut


def test_marks_use_glyphs_and_words():
    diagram = Diagram(
        title="T", description="D", goal=Box(name="Goal", mark="missing"),
        columns=(Column(heading="All of", mark="held", boxes=(
            Box(name="A", mark="held"), Box(name="B", mark="missing"))),),
        marked=True,
    )  # fmt: skip
    texts = _texts(diagram_svg(diagram))
    assert f"✔ {HELD}" in texts and f"○ {MISSING}" in texts


def test_goal_that_stacks_further_shows_the_next_pathway(client, college, pathway, goal):
    diploma_goal = achievement_make(organization=college, name="Diploma in Data Science")
    diploma = pathway_make(
        organization=college, goal=diploma_goal, name="Data Science",
        groups=[("Certificates", PathwayGroup.Rule.ALL, None, [goal])],
    )  # fmt: skip
    texts = _texts(client.get(_diagram_url(pathway)).content.decode())
    assert "Stacks into" in texts and "Data Science" in texts
    inner = _texts(client.get(_diagram_url(diploma)).content.decode())
    assert "Certificate in Data Analytics" in inner and "Diploma in Data Science" in inner


def test_draft_diagram_is_not_public(client, pathway):
    pathway.status = "draft"
    pathway.save()
    assert client.get(_diagram_url(pathway)).status_code == 404
