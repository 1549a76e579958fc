"""Compile the .po catalogues into .mo files with Babel (pure Python: no GNU gettext needed
on a server). The compiled files are committed, and a test checks they are up to date."""

from pathlib import Path

from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from django.conf import settings
from django.core.management.base import BaseCommand


def catalogues():
    for locale_dir in settings.LOCALE_PATHS:
        yield from sorted(Path(locale_dir).glob("*/LC_MESSAGES/django.po"))


def compile_catalogue(po_path: Path) -> bytes:
    import io

    with open(po_path, "rb") as f:
        catalogue = read_po(f, locale=po_path.parts[-3])
    buffer = io.BytesIO()
    write_mo(buffer, catalogue, use_fuzzy=False)
    return buffer.getvalue()


class Command(BaseCommand):
    help = "Compile every .po catalogue of the project into its .mo file."

    def handle(self, *args, **options):
        for po_path in catalogues():
            po_path.with_suffix(".mo").write_bytes(compile_catalogue(po_path))
            self.stdout.write(f"compiled {po_path}")
