from django.apps import AppConfig
from django.db.backends.signals import connection_created
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class OsceKbConfig(AppConfig):
    name = "osce_kb"
    verbose_name = _("OSCE–Kazakhstan Knowledge Base")

    def ready(self):
        from osce_kb.matching import prepare_connection
        from osce_kb.page_cache import connect_signals
        from osce_kb.search_index import repair_after_migrate

        connection_created.connect(prepare_connection)
        connect_signals()
        post_migrate.connect(repair_after_migrate, sender=self)
