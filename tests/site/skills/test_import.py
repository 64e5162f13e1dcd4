"""Operators import frameworks from CSV with a command or the admin; a bad line is named
and nothing is saved."""

from __future__ import annotations

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.core.management import CommandError, call_command
from django.urls import reverse
from django.utils.html import escape

from mixtape_site.skills import csvcheck, registry
from mixtape_site.skills.admin import CONCEPTS_FILE_REQUIRED
from mixtape_site.skills.models import ImportedFramework

from .conftest import NOC, NOC_CSV, OWN, OWN_RELATIONS_CSV, OWN_SKILLS_CSV

BAD_KIND = OWN_SKILLS_CSV.replace(",D2,knowledge,", ",D2,competence,")


def test_import_command_adds_the_framework(db, tmp_path):
    relations = tmp_path / "relations.csv"
    concepts = tmp_path / "concepts.csv"
    concepts.write_text(OWN_SKILLS_CSV, encoding="utf-8")
    relations.write_text(OWN_RELATIONS_CSV, encoding="utf-8")
    call_command(
        "import_framework", str(concepts), "--id", "northern-skills",
        "--name", "Northern skills", "--version", "2026", "--relations", str(relations),
        "--attribution", "© Northern College",
    )  # fmt: skip
    row = ImportedFramework.objects.get()
    assert (row.id, row.name, row.version, row.attribution) == (
        "northern-skills", "Northern skills", "2026", "© Northern College"
    )  # fmt: skip
    assert registry.framework("northern-skills").essential == {f"{OWN}tech": (f"{OWN}d1",)}


def test_import_command_reads_the_example_noc_file(db):
    call_command("import_framework", str(NOC_CSV), "--id", "noc2021", "--name", "NOC 2021")
    assert registry.concept(f"{NOC}21223").labels["en"] == (
        "Database analysts and data administrators"
    )


def test_import_command_names_the_bad_line_and_saves_nothing(db, tmp_path):
    concepts = tmp_path / "concepts.csv"
    concepts.write_text(BAD_KIND, encoding="utf-8")
    with pytest.raises(CommandError) as error:
        call_command("import_framework", str(concepts), "--id", "own", "--name", "Own")
    assert str(error.value) == str(csvcheck.CONCEPT_KIND % {"line": 4, "kind": "competence"})
    assert not ImportedFramework.objects.exists()


@pytest.mark.parametrize(("text", "message"), [
    ("code,label_en\n1,x\n", csvcheck.CONCEPTS_HEADER),
    (OWN_SKILLS_CSV.replace(f"{OWN}d2,", "d2,"), csvcheck.CONCEPT_URI % {"line": 4}),
    (OWN_SKILLS_CSV.replace("Wireless standards,Normes sans fil", ","),
     csvcheck.CONCEPT_LABEL % {"line": 4}),
    (OWN_SKILLS_CSV + f"{OWN}d1,,skill,Again,,,,\n",
     csvcheck.CONCEPT_DUPLICATE % {"line": 6, "first": 3}),
    (OWN_SKILLS_CSV.replace(f",{OWN}digital\n{OWN}d2", f",{OWN}nothing\n{OWN}d2"),
     csvcheck.CONCEPT_BROADER % {"line": 3, "uri": f"{OWN}nothing"}),
    ("uri,kind,label_en\n", csvcheck.CSV_EMPTY),
])  # fmt: skip
def test_concepts_check_names_each_problem(text, message):
    with pytest.raises(Exception) as error:
        csvcheck.concepts_check(text)
    assert error.value.messages == [str(message)]


def test_relations_check_names_the_bad_line():
    uris = csvcheck.concepts_check(OWN_SKILLS_CSV)
    bad = OWN_RELATIONS_CSV.replace("optional", "maybe")
    with pytest.raises(Exception) as error:
        csvcheck.relations_check(bad, uris)
    assert error.value.messages == [str(csvcheck.RELATION_KIND % {"line": 3})]


def _admin_post(client, url, **files):
    data = {"id": "northern-skills", "name": "Northern skills", "version": "", "url": "",
            "attribution": ""}  # fmt: skip
    for field, text in files.items():
        data[field] = SimpleUploadedFile(f"{field}.csv", text.encode(), content_type="text/csv")
    return client.post(url, data)


def test_admin_imports_a_framework_from_uploaded_files(client, operator):
    response = _admin_post(
        client, reverse("admin:skills_importedframework_add"),
        concepts_file=OWN_SKILLS_CSV, relations_file=OWN_RELATIONS_CSV,
    )  # fmt: skip
    assert response.status_code == 302
    row = ImportedFramework.objects.get()
    assert row.imported_by == operator
    assert row.relations_csv == OWN_RELATIONS_CSV
    assert registry.concept(f"{OWN}d1").labels["en"] == "Configure a home router"


def test_admin_refuses_a_bad_line_with_its_number_and_saves_nothing(client, operator):
    response = _admin_post(
        client, reverse("admin:skills_importedframework_add"), concepts_file=BAD_KIND
    )
    assert response.status_code == 200
    message = str(csvcheck.CONCEPT_KIND % {"line": 4, "kind": "competence"})
    assert escape(message) in response.content.decode()
    assert not ImportedFramework.objects.exists()


def test_admin_refuses_a_file_that_is_not_utf8(client, operator):
    response = client.post(reverse("admin:skills_importedframework_add"), {
        "id": "own", "name": "Own",
        "concepts_file": SimpleUploadedFile("c.csv", "uri,kind,label_fr\né".encode("latin-1")),
    })  # fmt: skip
    assert escape(str(csvcheck.CSV_NOT_UTF8)) in response.content.decode()
    assert not ImportedFramework.objects.exists()


def test_admin_add_needs_the_concepts_file(client, operator):
    response = _admin_post(client, reverse("admin:skills_importedframework_add"))
    assert escape(str(CONCEPTS_FILE_REQUIRED)) in response.content.decode()
    assert not ImportedFramework.objects.exists()


def test_admin_edit_keeps_the_concepts_when_no_file_is_chosen(client, operator, own_skills):
    url = reverse("admin:skills_importedframework_change", args=[own_skills.pk])
    page = client.get(url)
    assert page.status_code == 200
    assert "Configure a home router" not in page.content.decode()  # the CSV is not an input
    response = client.post(url, {"name": "Renamed", "version": "2", "url": "", "attribution": ""})
    assert response.status_code == 302
    row = ImportedFramework.objects.get()
    assert (row.name, row.concepts_csv, row.relations_csv) == (
        "Renamed", OWN_SKILLS_CSV, OWN_RELATIONS_CSV
    )  # fmt: skip
    assert registry.framework("northern-skills").name == "Renamed"


def test_admin_list_shows_each_framework_size(client, operator, noc):
    page = client.get(reverse("admin:skills_importedframework_changelist")).content.decode()
    assert "NOC 2021" in page
    assert '<td class="field-size">5</td>' in page
