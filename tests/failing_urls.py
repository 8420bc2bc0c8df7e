"""The site's addresses plus one whose view fails, for the tests of what an unhandled exception leaves in the log."""

from django.urls import path

from osce_kb.urls import urlpatterns as site_patterns


def fail(request):
    raise RuntimeError("a fault planted by the test")


urlpatterns = [path("fails/", fail), *site_patterns]
