from django.db import migrations

THEME_CODES = [
    "sdg4.1", "sdg4.2", "sdg4.3", "sdg4.4", "sdg4.5", "sdg4.6", "sdg4.7", "sdg4.a", "sdg4.b",
    "sdg4.c", "early_childhood", "primary", "secondary", "tvet", "higher", "adult_literacy",
    "inclusive", "girls", "teachers", "wash", "emergencies",
]


def load(apps, schema_editor):
    Theme = apps.get_model("network", "Theme")
    for position, code in enumerate(THEME_CODES):
        Theme.objects.update_or_create(code=code, defaults={"position": position})


class Migration(migrations.Migration):
    dependencies = [("network", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
