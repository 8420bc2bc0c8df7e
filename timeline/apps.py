from django.apps import AppConfig
from django.db.models.signals import post_migrate
from django.utils.translation import gettext_lazy as _


class TimelineConfig(AppConfig):
    name = "timeline"
    verbose_name = _("Timeline")

    def ready(self):
        from timeline.year_counts import install_after_migrate

        post_migrate.connect(install_after_migrate, sender=self, dispatch_uid="timeline-year-counts")
