"""Learner pages under ``/mixtapes/`` (trailing slash); the public player at ``/m/<token>``."""

from django.urls import path

from mixtape_site.mixtapes import views, views_player

app_name = "mixtapes"
urlpatterns = [
    path("mixtapes/", views.mixtape_list, name="list"),
    path("mixtapes/new/", views.mixtape_create, name="create"),
    path("mixtapes/add/", views.add_from_wallet, name="add_from_wallet"),
    path("mixtapes/<uuid:uuid>/", views.mixtape_detail, name="detail"),
    path("mixtapes/<uuid:uuid>/delete/", views.mixtape_delete, name="delete"),
    path("mixtapes/<uuid:uuid>/tracks/add/", views.tracks_add, name="tracks_add"),
    path("mixtapes/<uuid:uuid>/tracks/<int:track_id>/move/", views.track_move, name="track_move"),
    path("mixtapes/<uuid:uuid>/tracks/<int:track_id>/note/", views.track_note, name="track_note"),
    path(
        "mixtapes/<uuid:uuid>/tracks/<int:track_id>/remove/",
        views.track_remove,
        name="track_remove",
    ),
    path("mixtapes/<uuid:uuid>/links/new/", views.link_create, name="link_create"),
    path("mixtapes/<uuid:uuid>/links/<int:link_id>/revoke/", views.link_revoke, name="link_revoke"),
    path("mixtapes/<uuid:uuid>/presentation/", views.presentation, name="presentation"),
    path("m/<str:token>", views_player.play, name="play"),
    path("m/<str:token>/print", views_player.play_print, name="play_print"),
    path("m/<str:token>/credentials.zip", views_player.credentials_download, name="download"),
]
