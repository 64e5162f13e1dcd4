from django.urls import path

from mixtape_site.organizations import views

app_name = "organizations"
urlpatterns = [
    path("manage/", views.home, name="home"),
    path("manage/<slug:org>/", views.dashboard, name="dashboard"),
    path("manage/<slug:org>/members/", views.members, name="members"),
    path("manage/<slug:org>/members/<int:pk>/role/", views.member_role, name="member_role"),
    path("manage/<slug:org>/members/<int:pk>/remove/", views.member_remove, name="member_remove"),
]
