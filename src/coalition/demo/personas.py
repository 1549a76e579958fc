"""One demo login per role, the same every time the demo is loaded."""

import base64
import hashlib
from dataclasses import dataclass

from django_otp.plugins.otp_totp.models import TOTPDevice

from coalition.accounts.models import Role, RoleAssignment, User

DEMO_DOMAIN = "demo.coalition.invalid"
DEMO_PASSWORD = "demo-coalition"


@dataclass
class Persona:
    email: str
    full_name: str
    role: str
    mfa_secret: str = ""


PERSONAS = [
    ("admin", "Demo Administrator", Role.SECRETARIAT_ADMIN),
    ("staff", "Demo Secretariat Officer", Role.SECRETARIAT_STAFF),
    # A third secretariat person: a report is signed off by three people in three roles.
    ("analyst", "Demo Data Analyst", Role.SECRETARIAT_STAFF),
    ("reviewer", "Demo Provincial Reviewer", Role.PROVINCIAL_REVIEWER),
    ("focal", "Demo Focal Point", Role.FOCAL_POINT),
    ("editor", "Demo Member Editor", Role.MEMBER_EDITOR),
    ("partner", "Demo Partner Viewer", Role.PARTNER_VIEWER),
]


def is_demo_email(email: str) -> bool:
    return email.lower().endswith("@" + DEMO_DOMAIN)


def demo_totp_key(email: str) -> str:
    """A fixed key per demo persona, so the printed secret survives reloading the demo."""
    return hashlib.sha256(f"coalition-demo-totp:{email}".encode()).hexdigest()[:40]


def ensure_persona(
    name: str, full_name: str, role: str, *, organisation=None, provinces=()
) -> Persona:
    email = f"{name}@{DEMO_DOMAIN}"
    user, created = User.objects.get_or_create(email=email, defaults={"full_name": full_name})
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save()
    assignment, _ = RoleAssignment.objects.get_or_create(
        user=user, role=role, organisation=organisation
    )
    if provinces:
        assignment.provinces.set(provinces)
    persona = Persona(email=email, full_name=full_name, role=role)
    if role in (Role.SECRETARIAT_ADMIN, Role.SECRETARIAT_STAFF):
        key = demo_totp_key(email)
        TOTPDevice.objects.update_or_create(
            user=user, name="Demo authenticator", defaults={"key": key, "confirmed": True}
        )
        persona.mfa_secret = base64.b32encode(bytes.fromhex(key)).decode()
    return persona
