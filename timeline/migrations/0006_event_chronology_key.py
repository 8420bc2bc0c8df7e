from django.db import migrations, models
from django.db.models import BigIntegerField, Case, Value, When
from django.db.models.functions import Cast, Coalesce, ExtractDay, ExtractMonth, ExtractYear


def fill_chronology_keys(apps, schema_editor):
    """One UPDATE computing `osce_kb.models.chronology_key` in SQL, so that a million rows need no round trips."""
    Event = apps.get_model("timeline", "Event")
    month = Case(When(start_precision="year", then=Value(13)), default=ExtractMonth("start_date"))
    day = Case(When(start_precision__in=["year", "month"], then=Value(32)), default=ExtractDay("start_date"))
    start = Cast(ExtractYear("start_date") * 10_000 + month * 100 + day, BigIntegerField())
    end = Coalesce(
        Cast(ExtractYear("end_date") * 10_000 + ExtractMonth("end_date") * 100 + ExtractDay("end_date"), BigIntegerField()),
        Value(0, output_field=BigIntegerField()),
    )
    Event._base_manager.update(chronology_key=start * Value(10**8, output_field=BigIntegerField()) + end)


class Migration(migrations.Migration):
    dependencies = [
        ("timeline", "0005_date_bounds"),
    ]

    operations = [
        migrations.AddField(
            model_name="event",
            name="chronology_key",
            field=models.BigIntegerField(default=0, editable=False, verbose_name="chronological sort key"),
        ),
        migrations.RunPython(fill_chronology_keys, migrations.RunPython.noop, elidable=True),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["is_published", "chronology_key", "id"], name="event_published_chrono_idx"),
        ),
        migrations.AddIndex(
            model_name="event",
            index=models.Index(fields=["is_published", "kind", "chronology_key", "id"], name="event_kind_chrono_idx"),
        ),
    ]
