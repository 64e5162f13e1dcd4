"""The demo's skills are concepts of the bundled ESCO, with its labels."""

from __future__ import annotations

import pytest

from mixtape.skills import load_framework
from mixtape_site.web.demo import content

DEMO_SKILLS = [value for name, value in vars(content).items()
               if name.isupper() and isinstance(value, dict) and "url" in value]  # fmt: skip


@pytest.mark.parametrize("skill", DEMO_SKILLS, ids=lambda skill: skill["name"]["en"])
def test_demo_skill_is_in_the_bundled_esco_with_its_labels(skill):
    concept = load_framework("esco").concepts.get(skill["url"])
    assert concept is not None, skill["url"]
    assert skill["name"] == dict(concept.labels)
    assert concept.kind in ("skill", "knowledge")
