"""Proposal and review URLs, included into ``challenges/urls.py`` (namespace "challenges").

Institutions: /manage/<org>/proposals/… and /manage/<org>/challenges/<uuid>/answer/;
the partner: /manage/<org>/challenges/<uuid>/proposals/…; reviewers: /review/….
"""

from django.urls import path

from mixtape_site.challenges import views_proposals, views_review

PARTNER = "manage/<slug:org>/challenges/<uuid:uuid>/proposals/"
OWN = "manage/<slug:org>/proposals/<uuid:uuid>/"

urlpatterns = [
    path("manage/<slug:org>/proposals/", views_proposals.proposal_list, name="proposal_list"),
    path(
        "manage/<slug:org>/challenges/<uuid:uuid>/answer/",
        views_proposals.proposal_create,
        name="proposal_create",
    ),
    path(OWN, views_proposals.proposal_detail, name="proposal_detail"),
    path(f"{OWN}edit/", views_proposals.proposal_edit, name="proposal_edit"),
    path(f"{OWN}submit/", views_proposals.proposal_submit, name="proposal_submit"),
    path(f"{OWN}withdraw/", views_proposals.proposal_withdraw, name="proposal_withdraw"),
    path(PARTNER, views_review.partner_proposals, name="partner_proposals"),
    path(f"{PARTNER}<uuid:proposal>/", views_review.partner_proposal, name="partner_proposal"),
    path(f"{PARTNER}reviewers/", views_review.reviewer_invite, name="reviewer_invite"),
    path(f"{PARTNER}assign/", views_review.assignment_create, name="assignment_create"),
    path(f"{PARTNER}award/", views_review.award, name="award"),
    path("review/", views_review.review_list, name="review_list"),
    path("review/<int:pk>/", views_review.review_detail, name="review_detail"),
    path("review/<int:pk>/conflict/", views_review.review_declare, name="review_declare"),
]
