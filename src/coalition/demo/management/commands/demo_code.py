from django.core.management.base import BaseCommand, CommandError
from django_otp.oath import totp
from django_otp.plugins.otp_totp.models import TOTPDevice

from coalition.demo.personas import is_demo_email


class Command(BaseCommand):
    help = "Print the current two-step login code of a demo persona (demo accounts only)."

    def add_arguments(self, parser):
        parser.add_argument("email")

    def handle(self, *args, email, **options):
        if not is_demo_email(email):
            raise CommandError(
                "Only demo personas (…@demo.coalition.invalid) have printable codes."
            )
        device = TOTPDevice.objects.filter(user__email=email.lower(), confirmed=True).first()
        if device is None:
            raise CommandError("No authenticator for this persona: load the demo first.")
        code = totp(device.bin_key, step=device.step, t0=device.t0, digits=device.digits)
        self.stdout.write(f"{code:0{device.digits}d}")
