from django.db import migrations, models


def name_tenures(apps, schema_editor):
    """Existing tenures get person-post as their slug, numbered when a person held the post again."""
    Tenure = apps.get_model("people", "Tenure")
    taken = set()
    for tenure in Tenure.objects.select_related("person", "post").order_by("start_date", "pk"):
        base = f"{tenure.person.slug}-{tenure.post.slug}"[:240]
        slug, n = base, 1
        while slug in taken:
            n += 1
            slug = f"{base}-{n}"
        taken.add(slug)
        tenure.slug = slug
        tenure.save(update_fields=["slug"])


class Migration(migrations.Migration):
    dependencies = [
        ("people", "0004_tenure_post_protected"),
    ]

    operations = [
        migrations.AddField(
            model_name="tenure",
            name="slug",
            field=models.SlugField(db_index=False, editable=False, max_length=250, null=True),
        ),
        migrations.RunPython(name_tenures, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="tenure",
            name="slug",
            field=models.SlugField(
                editable=False,
                help_text="ASCII, person then post (kanat-saudabayev-chairperson-in-office); set once, never changed.",
                max_length=250,
                unique=True,
                verbose_name="slug",
            ),
        ),
    ]
