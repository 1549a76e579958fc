from django.core.management.base import BaseCommand, CommandError

from coalition.collect.datasets import write_form_dataset
from coalition.collect.models import Form


class Command(BaseCommand):
    help = "Write the Parquet datasets of forms (all forms, or those named) now."

    def add_arguments(self, parser):
        parser.add_argument("form_ids", nargs="*")

    def handle(self, *args, form_ids, **options):
        forms = Form.objects.all()
        if form_ids:
            forms = forms.filter(form_id__in=form_ids)
            missing = set(form_ids) - set(forms.values_list("form_id", flat=True))
            if missing:
                raise CommandError(f"no such form: {', '.join(sorted(missing))}")
        for form in forms:
            manifest = write_form_dataset(form)
            rows = ", ".join(f"{name}: {t['rows']}" for name, t in manifest.tables.items())
            self.stdout.write(f"{form.form_id}: version {manifest.version} ({rows})")
