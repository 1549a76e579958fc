"""coalition reports list
coalition reports create --kind spotlight --year 2026 --languages en,fa,km --title "..."
coalition reports build --edition ID --format pdf|docx|html --language fa [--output FILE]

Run by whoever operates the server, so without a user's permission check; the build is
recorded like one the worker runs, and its file kept with the edition."""

import shutil
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coalition.core.errors import DomainError
from coalition.reports.building import run_build
from coalition.reports.models import Build, Edition
from coalition.reports.services import new_edition


class Command(BaseCommand):
    help = "Report editions: list them, start one, build its documents."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        commands.add_parser("list", help="every edition, with its status and languages")
        create = commands.add_parser("create", help="start a draft edition")
        create.add_argument("--kind", choices=Edition.Kind.values, required=True)
        create.add_argument("--year", type=int, required=True)
        create.add_argument("--languages", default="en", help="comma-separated: en,fa,ps,km")
        create.add_argument("--title", required=True, help="in the first language")
        create.add_argument("--from", dest="previous", type=int, help="start from this edition")
        build = commands.add_parser("build", help="build one document now")
        build.add_argument("--edition", type=int, required=True)
        build.add_argument("--format", choices=Build.Format.values, default="pdf")
        build.add_argument("--language", default="en")
        build.add_argument("--output", type=Path, help="also copy the file here")

    def handle(self, *args, action, **options):
        try:
            getattr(self, f"do_{action}")(**options)
        except DomainError as error:
            raise CommandError(error.message) from error

    def do_list(self, **options):
        for edition in Edition.objects.all():
            self.stdout.write(
                f"{edition.pk:>4}  {edition.kind:<9} {edition.year}  {edition.status:<9} "
                f"rev {edition.revision:<3} {','.join(edition.languages):<12} {edition}"
            )

    def do_create(self, *, kind, year, languages, title, previous, **options):
        codes = [code.strip() for code in languages.split(",") if code.strip()]
        earlier = Edition.objects.filter(pk=previous).first() if previous else None
        if previous and earlier is None:
            raise CommandError(f"No edition {previous}.")
        edition = new_edition(
            kind=kind,
            year=year,
            languages=codes,
            title={codes[0] if codes else "en": title},
            actor=None,
            previous=earlier,
        )
        self.stdout.write(f"Edition {edition.pk}: {edition} (draft)")

    def do_build(self, *, edition, format, language, output, **options):
        found = Edition.objects.filter(pk=edition).first()
        if found is None:
            raise CommandError(f"No edition {edition}: `coalition reports list` shows them.")
        if language not in found.languages:
            raise CommandError(
                f"Edition {edition} is written in {', '.join(found.languages)}, not {language}."
            )
        build = Build.objects.create(
            edition=found, format=format, language=language, revision=found.revision
        )
        self.stdout.write(f"Building {found} ({language}, {format})...")
        build = run_build(build)
        if build.status != Build.Status.SUCCEEDED:
            raise CommandError(f"The build failed: {build.error}")
        pages = f", {build.pages} pages" if build.pages else ""
        self.stdout.write(f"Built {build.file.path} ({build.size:,} bytes{pages}).")
        if output:
            shutil.copyfile(build.file.path, output)
            self.stdout.write(f"Copied to {output}.")
