"""A learner's Comprehensive Learner Record (CLR 2.0) of one pathway, signed by its owner.

The record embeds, exactly as their issuers signed them, the learner's JSON credentials
that count toward the pathway (JWT and OB 2.0 ones cannot be embedded in a VC 2.0
record) and the goal credential once issued. Each achievement that counts is associated
with the goal as ``isPartOf``: in the CLR 2.0 vocabulary (taken from CASE) the source is
included, physically or logically, in the target, as a micro-credential is in the
certificate it stacks into.
"""

from __future__ import annotations

import uuid
from typing import Any

from django.core.exceptions import ValidationError
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

from mixtape.clr import Association, clr_credential
from mixtape.model.identity import hashed_identity
from mixtape.pathways import Progress
from mixtape_site.achievements.documents import achievement_json, achievement_url
from mixtape_site.issuers.documents import issuer_profile
from mixtape_site.issuers.services import document_sign
from mixtape_site.pathways.awards import primary_email
from mixtape_site.pathways.evidence import evidence_ids
from mixtape_site.pathways.models import Pathway, PathwayAward
from mixtape_site.pathways.selectors import pathway_progress
from mixtape_site.pathways.tree import HeldSet, held_of
from mixtape_site.wallet.keys import learner_did
from mixtape_site.wallet.models import WalletCredential
from mixtape_site.web.bilingual import LANGUAGE_TAGS, in_language, language_map

CLR_NOTHING_HELD = _(
    "You hold no credential that counts toward this pathway yet, so there is no record to make."
)
CLR_NAME = _("Comprehensive Learner Record: %(pathway)s")
PART_OF = "isPartOf"
# Formats stored as a JSON VC with an embedded proof (a baked image keeps its JSON).
_EMBEDDABLE = (
    WalletCredential.Format.OB3_JSON,
    WalletCredential.Format.BAKED_PNG,
    WalletCredential.Format.BAKED_SVG,
)


def pathway_clr(*, pathway: Pathway, user: Any) -> dict[str, Any]:
    """The learner's signed ClrCredential for ``pathway``.

    Raises:
        ValidationError: the learner holds nothing (embeddable) that counts toward it.
    """
    progress = pathway_progress(pathway=pathway, user=user)
    pathway = progress.pathway
    held = held_of(user=user)
    rows = _counting_rows(progress.progress, held) + _goal_rows(progress.award, held)
    credentials = _unique([row.document for row in rows])
    if not credentials:
        raise ValidationError(CLR_NOTHING_HELD)
    goal_id = achievement_url(pathway.goal)
    achievements = [achievement_json(pathway.goal)] + [
        achievement_json(step.achievement)
        for group in pathway.groups.all()
        for step in group.steps.all()
    ]
    counted = {h.achievement_id for h in held.held if held.rows[h.credential_id] in rows}
    sources = {a["id"] for a in achievements} | counted
    unsigned = clr_credential(
        credential_id=f"urn:uuid:{uuid.uuid4()}",
        issuer=issuer_profile(pathway.organization).to_json(),
        subject=_subject(user),
        credentials=credentials,
        name=_name(pathway),
        description=language_map(pathway.description, primary=_primary(pathway)) or None,
        achievements=achievements,
        associations=[Association(PART_OF, s, goal_id) for s in sorted(sources - {goal_id})],
        valid_from=timezone.now(),
        partial=not progress.progress.met,
    )
    signed, _key = document_sign(organization=pathway.organization, document=unsigned)
    return signed


def _counting_rows(root: Progress, held: HeldSet) -> list[WalletCredential]:
    """The usable embeddable credentials that are the pathway's evidence so far (see
    ``evidence.py``: not every credential a total over all held ones happened to sum)."""
    used = evidence_ids(root, held.held, met_only=False)
    rows = [held.rows[c] for c in used if c in held.rows]
    return [row for row in rows if _embeddable(row)]


def _goal_rows(award: PathwayAward | None, held: HeldSet) -> list[WalletCredential]:
    if award is None or award.credential is None or award.credential.state != "active":
        return []
    rows = [r for r in held.rows.values() if r.issued_credential_id == award.credential_id]
    return [row for row in rows if _embeddable(row)]


def _embeddable(row: WalletCredential) -> bool:
    document = row.document
    return (
        row.format in _EMBEDDABLE
        and isinstance(document, dict)
        and "jwt" not in document
        and bool(document.get("proof"))
    )


def _unique(documents: list[dict[str, Any]]) -> list[dict[str, Any]]:
    by_id: dict[str, dict[str, Any]] = {}
    for document in documents:
        by_id.setdefault(str(document.get("id") or len(by_id)), document)
    return list(by_id.values())


def _subject(user: Any) -> dict[str, Any]:
    subject: dict[str, Any] = {"id": learner_did(user=user)}
    email = primary_email(user)
    if email:
        subject["identifier"] = [hashed_identity(value=email.strip().lower()).to_json()]
    return subject


def _primary(pathway: Pathway) -> str:
    return pathway.organization.primary_language


def _name(pathway: Pathway) -> dict[str, str]:
    names = {}
    for tag in LANGUAGE_TAGS:
        with translation.override(tag):
            names[tag] = str(CLR_NAME % {"pathway": in_language(pathway.name, tag)})
    return language_map(names, primary=_primary(pathway))
