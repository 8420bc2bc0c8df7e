from django.core.management.base import BaseCommand

from osce_kb.roles import setup_roles


class Command(BaseCommand):
    help = "Create the Editors and Chief editors groups with their permissions (safe to run again)."

    def handle(self, *args, **options):
        editors, chiefs = setup_roles()
        for group in (editors, chiefs):
            self.stdout.write(f"{group.name}: {group.permissions.count()} permissions")
