"""Load Afghanistan and Cambodia with their provinces (and Cambodian districts) from the
files shipped in geo/data. Re-running geo.reference.load is safe: it updates in place."""

from django.db import migrations


def load(apps, schema_editor):
    from coalition.geo.reference import load as load_reference

    load_reference(apps.get_model("geo", "Country"), apps.get_model("geo", "Area"))


class Migration(migrations.Migration):
    dependencies = [("geo", "0001_initial")]
    operations = [migrations.RunPython(load, migrations.RunPython.noop)]
