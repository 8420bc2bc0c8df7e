from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class OsceKbConfig(AppConfig):
    name = "osce_kb"
    verbose_name = _("OSCE–Kazakhstan Knowledge Base")
