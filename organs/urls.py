from django.urls import path

from organs import views

app_name = "organs"

urlpatterns = [
    path("", views.OrganListView.as_view(), name="list"),
    path("<slug:slug>/", views.OrganDetailView.as_view(), name="detail"),
]

# Participating States live in this app but have their own URL namespace, "states".
state_patterns = [
    path("", views.StateListView.as_view(), name="list"),
    path("<str:code>/", views.StateDetailView.as_view(), name="detail"),
]
