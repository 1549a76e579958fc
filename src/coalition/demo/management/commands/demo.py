import sys

from django.conf import settings
from django.core.management.base import BaseCommand, CommandError

from coalition.collect.models import Form
from coalition.demo.generator import DemoBuilder, DemoConflict
from coalition.demo.personas import DEMO_PASSWORD
from coalition.demo.reports import load_reports
from coalition.demo.statistics import load_statistics


class Command(BaseCommand):
    help = "Load a demo coalition of invented (synthetic) organisations and one login per role."

    def add_arguments(self, parser):
        parser.add_argument(
            "--country",
            choices=["AF", "KH"],
            default=None,
            help="defaults to the deployment's COALITION_COUNTRY",
        )
        parser.add_argument(
            "--submissions",
            type=int,
            default=2400,
            help="synthetic submissions to load into the three demo forms",
        )

    def handle(self, *args, country=None, submissions=2400, **options):
        country = country or settings.COALITION_COUNTRY
        if country != settings.COALITION_COUNTRY:
            raise CommandError(
                f"This deployment serves {settings.COALITION_COUNTRY}. Run with "
                f"COALITION_COUNTRY={country} (and its own COALITION_DATA_DIR) to load the "
                f"{country} demo."
            )
        try:
            builder = DemoBuilder(country)
            personas, own = builder.build()
        except DemoConflict as error:
            raise CommandError(str(error)) from error
        out = self.stdout
        out.write(f"Loading up to {submissions} synthetic submissions into three demo forms...")
        made = builder.load_submissions(
            submissions, progress=lambda n: out.write(f"  {n} submissions")
        )
        out.write(f"  {made} new submissions (none if they were loaded before).")
        out.write("Generating synthetic statistics (survey, school census, population)...")
        if not load_statistics(country, progress=out.write):
            out.write("  already loaded.")
        out.write("Writing demo report editions (Spotlight Report, JSR input)...")
        if not load_reports(progress=out.write):
            out.write("  already written.")
        out.write(
            self.style.SUCCESS(
                "Demo coalition loaded: every organisation and person is invented (synthetic)."
            )
        )
        out.write(f"\nDemo logins (password for all: {DEMO_PASSWORD})")
        for p in personas:
            line = f"  {p.email:<36} {p.role}"
            if p.mfa_secret:
                line += f"   authenticator key: {p.mfa_secret}"
            out.write(line)
        out.write(f"\nThe focal point and editor belong to: {own.name_en}")
        for form in Form.objects.filter(audience="public_link").exclude(public_token=None):
            out.write(
                f"Public link to “{form.title}” (no login needed): /en/f/{form.public_token}/"
            )
        command = sys.argv[0] if sys.argv[0].endswith("coalition") else "coalition"
        out.write(
            "Secretariat logins need a second factor: add the key to an authenticator app, "
            f"or print the current code with\n  {command} demo_code admin@demo.coalition.invalid"
        )
