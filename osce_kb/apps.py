from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.utils.translation import gettext_lazy as _


class OsceKbConfig(AppConfig):
    name = "osce_kb"
    verbose_name = _("OSCE–Kazakhstan Knowledge Base")

    def ready(self):
        from osce_kb.matching import prepare_connection
        from osce_kb.page_cache import connect_signals

        connection_created.connect(prepare_connection)
        connect_signals()
