"""Pathway URLs: public pages (``/pathways/…``), the learner's record, management pages."""

from django.urls import path

from mixtape_site.pathways import views, views_awards, views_groups, views_learner, views_manage

MANAGE = "manage/<slug:org>/pathways/"
ONE = MANAGE + "<uuid:uuid>/"

app_name = "pathways"
urlpatterns = [
    path("pathways/", views.pathway_list, name="list"),
    path("pathways/<uuid:uuid>", views.pathway_detail, name="detail"),
    path("pathways/<uuid:uuid>/diagram.svg", views.pathway_diagram_svg, name="diagram"),
    path("wallet/pathways/<uuid:uuid>/clr", views_learner.pathway_clr, name="clr"),
    path(MANAGE, views_manage.manage_list, name="manage_list"),
    path(MANAGE + "new/", views_manage.manage_create, name="create"),
    path(ONE, views_manage.manage_detail, name="manage_detail"),
    path(ONE + "edit/", views_manage.manage_edit, name="edit"),
    path(ONE + "publish/", views_manage.manage_publish, name="publish"),
    path(ONE + "retire/", views_manage.manage_retire, name="retire"),
    path(ONE + "groups/new/", views_groups.group_add, name="group_add"),
    path(ONE + "groups/<int:group>/", views_groups.group_edit, name="group_edit"),
    path(ONE + "groups/<int:group>/move/", views_groups.group_move, name="group_move"),
    path(ONE + "groups/<int:group>/delete/", views_groups.group_delete, name="group_delete"),
    path(ONE + "steps/<int:step>/equivalences/new/", views_groups.equivalence_add,
         name="equivalence_add"),
    path(ONE + "equivalences/<int:equivalence>/delete/", views_groups.equivalence_delete,
         name="equivalence_delete"),
    path("manage/<slug:org>/pathway-awards/", views_awards.awards, name="awards"),
    path("manage/<slug:org>/pathway-awards/<int:award>/approve/", views_awards.award_approve,
         name="award_approve"),
    path("manage/<slug:org>/pathway-awards/<int:award>/decline/", views_awards.award_decline,
         name="award_decline"),
    path("manage/<slug:org>/pathway-awards/<int:award>/keep/", views_awards.award_keep,
         name="award_keep"),
]  # fmt: skip
