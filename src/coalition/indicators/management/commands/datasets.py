"""coalition datasets import KIND FILE --name NAME [--mapping FILE.json] ...
coalition datasets list"""

from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from coalition.core.errors import DomainError
from coalition.indicators.services import (
    import_dataset_version,
    new_dataset,
    new_form_fed_dataset,
    new_version,
    read_mapping,
)
from coalition.warehouse.kinds import KINDS
from coalition.warehouse.models import Dataset


class Command(BaseCommand):
    help = "Import files into warehouse datasets, and list them."

    def add_arguments(self, parser):
        commands = parser.add_subparsers(dest="action", required=True)
        add = commands.add_parser("import", help="import a file as a new version of a dataset")
        add.add_argument("kind", choices=sorted(KINDS))
        add.add_argument("file", type=Path)
        add.add_argument("--name", required=True, help="the dataset's name (a slug)")
        add.add_argument("--title", default="")
        add.add_argument("--year", type=int)
        add.add_argument("--source", default="", help="who produced the data")
        add.add_argument(
            "--mapping",
            default="",
            help="column mapping: a JSON file, or JSON text (see docs/warehouse.md)",
        )
        commands.add_parser("list", help="datasets and their current versions")
        feed = commands.add_parser(
            "from-form", help="a dataset fed by a form's approved submissions"
        )
        feed.add_argument("kind", choices=sorted(KINDS))
        feed.add_argument("form_id")
        feed.add_argument("--name", required=True)
        feed.add_argument("--title", default="")
        feed.add_argument("--year", type=int)
        feed.add_argument("--table", default="data", help="a repeat group's table instead")
        feed.add_argument("--mapping", default="", help="as for import")

    def handle(self, *args, action, **options):
        if action == "list":
            return self.list()
        if action == "from-form":
            return self.from_form(**options)
        return self.import_file(**options)

    def from_form(self, *, kind, form_id, name, title, year, table, mapping, **_options):
        text = Path(mapping).read_text(encoding="utf-8") if mapping.endswith(".json") else mapping
        try:
            dataset = new_form_fed_dataset(
                name=name, kind=kind, title=title or name, form_dataset=f"form_{form_id}",
                actor=None, mapping=read_mapping(text), year=year, table=table,
            )  # fmt: skip
        except DomainError as error:
            raise CommandError(str(error)) from error
        version = dataset.current_version() or dataset.versions.first()
        if version is None:
            self.stdout.write(f"{name}: waiting for the form's first approved data")
            return
        self._report(dataset, version)

    def list(self):
        for dataset in Dataset.objects.prefetch_related("versions"):
            current = dataset.current_version()
            state = f"v{current.number}, {current.rows} rows" if current else "no data"
            self.stdout.write(f"{dataset.name}\t{dataset.kind}\t{state}")

    def import_file(self, *, kind, file, name, title, year, source, mapping, **_options):
        if not file.is_file():
            raise CommandError(f"no such file: {file}")
        text = Path(mapping).read_text(encoding="utf-8") if mapping.endswith(".json") else mapping
        try:
            rules = read_mapping(text)
            dataset = Dataset.objects.filter(name=name).first() or new_dataset(
                name=name, kind=kind, title=title or name, actor=None, year=year, source=source
            )
            if dataset.kind != kind:
                raise CommandError(f"{name} holds {dataset.kind} data, not {kind}")
            with open(file, "rb") as content:
                version = new_version(
                    dataset=dataset, file=content, filename=file.name, actor=None, mapping=rules
                )
        except DomainError as error:
            raise CommandError(str(error)) from error
        self._report(dataset, import_dataset_version(version))

    def _report(self, dataset, version):
        if version.problems:
            for problem in version.problems:
                rows = ", ".join(str(r) for r in problem["rows"])
                where = f" (rows {rows}{'…' if problem['count'] > len(problem['rows']) else ''})"
                self.stderr.write(
                    f"{problem['column'] or 'file'}: {problem['message']}{where if rows else ''}"
                )
            raise CommandError(f"nothing imported: {len(version.problems)} problem(s)")
        self.stdout.write(
            self.style.SUCCESS(
                f"{dataset.name} v{version.number}: {version.rows} rows "
                f"(sha256 {version.source_sha256[:12]})"
            )
        )
