"""Challenge URLs: the public listing and pages (``/challenges/…``, a stable URL per
challenge without a trailing slash) and the partner's management pages."""

from django.urls import URLPattern, URLResolver, include, path

from mixtape_site.challenges import views, views_insight, views_manage

MANAGE = "manage/<slug:org>/challenges/"
ONE = MANAGE + "<uuid:uuid>/"

app_name = "challenges"
urlpatterns: list[URLPattern | URLResolver] = [
    path("challenges/", views.challenge_list, name="list"),
    path("challenges/<uuid:uuid>", views.challenge_detail, name="detail"),
    path("challenges/<uuid:uuid>/attachments/<int:attachment>", views.attachment_download,
         name="attachment"),
    path("insight/", views_insight.platform_insight, name="insight"),
    path("manage/<slug:org>/insight/", views_insight.manage_insight, name="manage_insight"),
    path(MANAGE, views_manage.manage_list, name="manage_list"),
    path(MANAGE + "new/", views_manage.manage_create, name="create"),
    path(ONE, views_manage.manage_detail, name="manage_detail"),
    path(ONE + "edit/", views_manage.manage_edit, name="edit"),
    path(ONE + "open/", views_manage.manage_open, name="open"),
    path(ONE + "close/", views_manage.manage_close, name="close"),
    path(ONE + "audit/", views_manage.manage_audit, name="audit"),
    path(ONE + "criteria/new/", views_manage.criterion_edit, name="criterion_add"),
    path(ONE + "criteria/<int:criterion>/", views_manage.criterion_edit, name="criterion_edit"),
    path(ONE + "criteria/<int:criterion>/delete/", views_manage.criterion_delete,
         name="criterion_delete"),
    path(ONE + "criteria/<int:criterion>/move/", views_manage.criterion_move,
         name="criterion_move"),
    path(ONE + "attachments/", views_manage.attachment_upload, name="attachment_add"),
    path(ONE + "attachments/<int:attachment>/delete/", views_manage.attachment_delete,
         name="attachment_delete"),
    # Proposals, review and award (same namespace).
    path("", include("mixtape_site.challenges.urls_proposals")),
    path("", include("mixtape_site.challenges.urls_funding")),
]  # fmt: skip
