"""Give someone a role from the server's shell: how the first administrator is made.

    coalition grant_role admin@coalition.org secretariat_admin --name "Amina Rahimi"

Prints a link where the person sets their password (valid for three days).
"""

from django.contrib.auth.tokens import default_token_generator
from django.core.management.base import BaseCommand, CommandError
from django.urls import reverse
from django.utils.encoding import force_bytes
from django.utils.http import urlsafe_base64_encode

from coalition.accounts.models import Role
from coalition.accounts.services import ensure_role
from coalition.core.errors import DomainError
from coalition.core.mail import absolute_url
from coalition.geo.models import Area


class Command(BaseCommand):
    help = "Give a user (created if needed) a role, and print a link to set their password."

    def add_arguments(self, parser):
        parser.add_argument("email")
        parser.add_argument("role", choices=Role.values)
        parser.add_argument("--name", default="", help="full name of a new user")
        parser.add_argument("--organisation", help="organisation id, for organisation roles")
        parser.add_argument(
            "--province",
            action="append",
            default=[],
            help="province code (repeatable), for provincial reviewers",
        )

    def handle(self, *args, email, role, name, organisation, province, **options):
        provinces = list(Area.objects.filter(code__in=province, level="province"))
        if len(provinces) != len(set(province)):
            raise CommandError("unknown province code")
        try:
            user = ensure_role(
                email=email,
                full_name=name,
                role=role,
                actor=None,
                organisation_id=int(organisation) if organisation else None,
                province_ids=[p.pk for p in provinces],
            )
        except (DomainError, ValueError) as error:
            raise CommandError(str(error)) from error
        self.stdout.write(self.style.SUCCESS(f"{user.email} is now {Role(role).label}."))
        if not user.has_usable_password():
            path = reverse(
                "accounts:password_reset_confirm",
                kwargs={
                    "uidb64": urlsafe_base64_encode(force_bytes(user.pk)),
                    "token": default_token_generator.make_token(user),
                },
            )
            self.stdout.write(f"Set the password here (valid three days): {absolute_url(path)}")
