"""The open-data API's throttle, in a module of its own: DRF imports it from its settings, before the API."""

from django.conf import settings
from rest_framework.throttling import AnonRateThrottle


class AnonymousThrottle(AnonRateThrottle):
    """Readers without an account, per address: API_ANON_RATE requests (e.g. "600/minute"), read when asked
    so that a change of the setting applies at once."""

    def get_rate(self):
        return settings.API_ANON_RATE
