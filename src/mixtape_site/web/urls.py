from django.urls import path

from mixtape_site.web import views

app_name = "web"
urlpatterns = [
    path("", views.home, name="home"),
]
