"""The page an editor sees when django-axes has locked their sign-in, in the admin's language."""

from django.conf import settings
from django.shortcuts import render


def lockout(request, original_response=None, credentials=None):
    hours = settings.AXES_COOLOFF_HOURS
    context = {"failure_limit": settings.AXES_FAILURE_LIMIT, "hours": hours, "title": ""}
    return render(request, "admin/lockout.html", context, status=429)
