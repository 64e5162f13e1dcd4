"""Project URLs (namespace "projects"): the public page ``/projects/<uuid>`` (the
credentials' evidence) and the management pages under ``/manage/<org>/projects/``."""

from django.urls import URLPattern, path

from mixtape_site.projects import views

MANAGE = "manage/<slug:org>/projects/"
ONE = MANAGE + "<uuid:uuid>/"

app_name = "projects"
urlpatterns: list[URLPattern] = [
    path("projects/<uuid:uuid>", views.project_public, name="public"),
    path(MANAGE, views.manage_list, name="manage_list"),
    path(ONE, views.manage_detail, name="manage_detail"),
    path(ONE + "milestones/<int:milestone>/done/", views.milestone_toggle, {"done": True},
         name="milestone_done"),
    path(ONE + "milestones/<int:milestone>/reopen/", views.milestone_toggle, {"done": False},
         name="milestone_reopen"),
    path(ONE + "trl/", views.trl_set, name="trl"),
    path(ONE + "team/", views.member_add, name="member_add"),
    path(ONE + "complete/", views.complete, name="complete"),
    path(ONE + "cancel/", views.cancel, name="cancel"),
    path(ONE + "contributions/<int:member>/", views.contribution, name="contribution"),
    path(ONE + "contributions/<int:member>/confirm/", views.contribution_partner,
         name="contribution_partner"),
    path(ONE + "endorse/", views.endorse, name="endorse"),
    path(ONE + "issue/", views.issue, name="issue"),
]  # fmt: skip
