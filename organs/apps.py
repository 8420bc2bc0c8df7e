from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OrgansConfig(AppConfig):
    name = "organs"
    verbose_name = _("OSCE bodies and States")
